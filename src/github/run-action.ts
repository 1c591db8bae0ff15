/**
 * The GitHub Action: read inputs, scan the workspace, write SARIF, emit
 * annotations, set outputs, and fail the step per `fail-on`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import * as core from "@actions/core";
import { UsageError } from "../core/errors.js";
import { scan } from "../scan.js";
import { renderSarif } from "../report/sarif.js";
import { emitAnnotations } from "../report/annotations.js";
import { FAIL_ON_VALUES, failsOn, type FailOn } from "../report/fail-on.js";
import { renderText } from "../report/text.js";

export async function runAction(): Promise<void> {
  try {
    const root = path.resolve(process.env.GITHUB_WORKSPACE ?? process.cwd());
    const paths = core.getMultilineInput("path").map((p) => path.resolve(root, p));
    const sarifFile = core.getInput("sarif-file") || "sagemaker-vpc-guard.sarif";
    const failOn = (core.getInput("fail-on") || "error") as FailOn;
    if (!FAIL_ON_VALUES.includes(failOn)) throw new UsageError(`input fail-on must be one of ${FAIL_ON_VALUES.join(", ")}`);

    const result = scan({ root, paths: paths.length > 0 ? paths : [root] });
    const sarifPath = path.resolve(root, sarifFile);
    writeFileSync(sarifPath, renderSarif(result));
    emitAnnotations(result.findings, result.rules);
    core.info(renderText(result).trimEnd());
    core.setOutput("findings", result.findings.length);
    core.setOutput("sarif-file", sarifPath);
    if (failsOn(result.findings, failOn)) {
      core.setFailed(`sagemaker-vpc-guard found problems at or above fail-on level "${failOn}".`);
    }
  } catch (error) {
    core.setFailed(`sagemaker-vpc-guard: ${error instanceof Error ? error.message : String(error)}`);
  }
}
