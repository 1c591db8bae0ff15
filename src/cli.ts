#!/usr/bin/env node
/** The CLI entry point: a thin shell around `commands/main.ts`. */
import { runCli } from "./commands/main.js";

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
process.exitCode = code;
