#!/usr/bin/env node
/** The CLI entry point: a thin shell around `commands/main.ts`. */
import { runCli } from "./commands/main.js";
import { inertText } from "./github/workflow-log.js";

// On a GitHub runner, messages may quote scanned names: the runner must not run them as workflow commands.
const onRunner = process.env.GITHUB_ACTIONS === "true";
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(onRunner ? inertText(text) : text),
  cwd: process.cwd(),
});
process.exitCode = code;
