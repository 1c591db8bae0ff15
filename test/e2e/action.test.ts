/** Runs the built action (dist/index.js) the way the runner does. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, PROJECT_ROOT } from "../helpers/scan.js";
import { onlyRulesConfigFile } from "../report/only-rules.js";
import { TOOL_VERSION } from "../../src/tool.js";

/** Runs with SMBT001 alone, so that rules added later do not change these exact outputs. */
const CONFIG = onlyRulesConfigFile("SMBT000", "SMBT001");

function runAction(workspace: string, inputs: Record<string, string>) {
  const temp = mkdtempSync(path.join(tmpdir(), "action-"));
  const output = path.join(temp, "output");
  const summary = path.join(temp, "summary");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
  };
  for (const [name, value] of Object.entries({ config: CONFIG, ...inputs })) env[`INPUT_${name.toUpperCase()}`] = value;
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "dist/index.js")], {
    env,
    encoding: "utf8",
    cwd: temp,
  });
  return { ...run, temp, outputs: parseOutputs(readFileSync(output, "utf8")) };
}

/** Reads `name<<delimiter ... delimiter` blocks of a GITHUB_OUTPUT file. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1]!] = match[3]!;
  return outputs;
}

const workspace = path.join(FIXTURES, "cloudformation/smbt001");
const TITLE = "title=SMBT001%3A Model has no VpcConfig";

describe("the action", () => {
  it("annotates, writes SARIF, sets outputs and fails on errors", () => {
    const run = runAction(workspace, { path: ".", "sarif-file": "../../../.scratch-action.sarif", "fail-on": "error" });
    const commands = run.stdout.split("\n").filter((line) => line.startsWith("::") && !/^::(end)?group::/.test(line));
    expect(commands).toEqual([
      // Most severe first; among errors, the narrowest range first.
      `::error ${TITLE},file=fail-empty-subnets-and-arn-ref.json,line=31,endLine=31,col=22,endColumn=24::Model ForecastModel is used by batch transform job WeeklyForecast but its VpcConfig has no subnets: the job runs outside the VPC.`,
      `::error ${TITLE},file=fail-model-without-vpc.yaml,line=26,endLine=26,col=3,endColumn=13::Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.`,
      `::warning ${TITLE},file=warn-unused-model.yaml,line=10,endLine=10,col=3,endColumn=19::Model RecommenderModel has no VpcConfig; no batch transform job in the scan uses it, but one that does would run outside the VPC.`,
      `::notice ${TITLE},file=fail-empty-subnets-and-arn-ref.json,line=39,endLine=39,col=22,endColumn=48::ModelName of WeeklyForecast is a Ref to ForecastModel, which returns the model's ARN, not its name; reference the model's ModelName attribute instead.`,
      `::error::sagemaker-vpc-guard found problems at or above fail-on level "error".`,
    ]);
    expect(run.status).toBe(1);
    const sarifPath = path.resolve(workspace, "../../../.scratch-action.sarif");
    expect(run.outputs).toEqual({
      findings: "4",
      errors: "2",
      warnings: "1",
      notes: "1",
      "sarif-file": sarifPath,
      "summary-markdown": expect.stringMatching(/sagemaker-vpc-guard-\w+\/summary\.md$/),
    });
    const sarif = JSON.parse(readFileSync(sarifPath, "utf8"));
    expect(
      sarif.runs[0].results.map(
        (r: any) =>
          `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine} ${r.level}`,
      ),
    ).toEqual([
      "fail-empty-subnets-and-arn-ref.json:31 error",
      "fail-empty-subnets-and-arn-ref.json:39 note",
      "fail-model-without-vpc.yaml:26 error",
      "warn-unused-model.yaml:10 warning",
    ]);
  });

  it("passes with fail-on never", () => {
    const run = runAction(workspace, {
      path: "fail-model-without-vpc.yaml",
      "sarif-file": "../../../.scratch-action.sarif",
      "fail-on": "never",
    });
    expect(run.status).toBe(0);
    expect(run.outputs.findings).toBe("1");
  });

  it("fails the step with a one-line message naming a bad input", () => {
    const run = runAction(workspace, { path: ".", "fail-on": "sometimes" });
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split("\n")).toEqual([
      `sagemaker-vpc-guard ${TOOL_VERSION} (Node.js ${process.version})`,
      "::error::sagemaker-vpc-guard: input fail-on must be one of error, warning, note, never",
    ]);
  });
});
