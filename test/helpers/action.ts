/** Running the built action (dist/index.js) as the runner does, and reading what the runner would read. */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "./scan.js";
import { TOOL_VERSION } from "../../src/tool.js";

export const ACTION = path.join(PROJECT_ROOT, "dist/index.js");
export const BANNER = `sagemaker-vpc-guard ${TOOL_VERSION} (Node.js ${process.version})`;

export function actionEnvironment(root: string, inputs: Record<string, string>, extra: Record<string, string> = {}) {
  const temp = mkdtempSync(path.join(tmpdir(), "action-"));
  const files = { output: path.join(temp, "output"), summary: path.join(temp, "summary") };
  writeFileSync(files.output, "");
  writeFileSync(files.summary, "");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: root,
    RUNNER_TEMP: temp,
    ...extra,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return { env, temp, files };
}

export function runAction(root: string, inputs: Record<string, string>, extra: Record<string, string> = {}) {
  const { env, temp, files } = actionEnvironment(root, inputs, extra);
  const run = spawnSync(process.execPath, [ACTION], { env, encoding: "utf8", cwd: temp });
  return {
    ...run,
    commands: commandsOf(run.stdout),
    outputs: parseOutputs(readFileSync(files.output, "utf8")),
    summary: readFileSync(files.summary, "utf8"),
  };
}

/** Runs the action without blocking this process, which serves the fake API. */
export function runActionAsync(root: string, inputs: Record<string, string>, extra: Record<string, string>) {
  const { env, temp, files } = actionEnvironment(root, inputs, extra);
  return new Promise<{
    status: number | null;
    stdout: string;
    commands: string[];
    outputs: Record<string, string>;
    summary: string;
  }>((resolve) => {
    const child = spawn(process.execPath, [ACTION], { env, cwd: temp });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.on("close", (status) =>
      resolve({
        status,
        stdout,
        commands: commandsOf(stdout),
        outputs: parseOutputs(readFileSync(files.output, "utf8")),
        summary: readFileSync(files.summary, "utf8"),
      }),
    );
  });
}

/** The workflow commands on stdout, but for the log's `::group::` sections. */
export const commandsOf = (stdout: string): string[] =>
  stdout.split("\n").filter((line) => line.startsWith("::") && !/^::(end)?group::/.test(line));

/**
 * The workflow commands the runner would run, as it reads a step's output: line
 * by line (`\r`, `\n` or both end a line), leading whitespace ignored, `::name …::`
 * and the older `##[name …]` anywhere in a line, and nothing between
 * `::stop-commands::TOKEN` and `::TOKEN::`.
 */
export function commandsTheRunnerRuns(output: string): string[] {
  const run: string[] = [];
  let stopToken: string | undefined;
  for (const raw of output.split(/\r\n|\r|\n/)) {
    const line = raw.trimStart();
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) {
      stopToken = stop[1]!;
      continue;
    }
    if (/^::[\w-]+( [^:]*)?::/.test(line) || line.includes("##[")) run.push(line);
  }
  return run;
}

export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]!] = match[3]!;
  return outputs;
}
