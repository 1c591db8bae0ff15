/**
 * The GitHub Action: read inputs and the configuration, scan the workspace,
 * then report — SARIF file, annotations, job summary, pull request review —
 * set outputs, and fail the step per `fail-on`.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as core from "@actions/core";
import { oneLineCause, UsageError } from "../core/errors.js";
import type { ScanResult } from "../scan.js";
import { scanParallel } from "../parallel/scan.js";
import { loadConfig } from "../config/config.js";
import { assertVarFilesExist } from "../config/checks.js";
import { mergeSettings } from "../config/merge.js";
import { readBaseline } from "../baseline/baseline.js";
import { cloudFormationOptionsFromFlags } from "../cloudformation/debug.js";
import { sarifReport } from "../report/sarif.js";
import { emitAnnotations } from "../report/annotations.js";
import { failsOn } from "../report/fail-on.js";
import { renderScanNotes, renderText } from "../report/text.js";
import { renderSummary } from "../report/summary.js";
import { chainDiagrams } from "../report/chain-diagrams.js";
import { countByLevel } from "../report/counts.js";
import { TOOL_NAME } from "../tool.js";
import { readInputs, type ActionInputs } from "./inputs.js";
import { readEvent } from "./event.js";
import { pullRequestStep } from "./pull-request-step.js";

export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readInputs();
    const root = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd());
    const result = await scanWorkspace(root, inputs);
    const event = readEvent(env);

    const sarifPath = path.resolve(root, inputs.sarifFile);
    const sarif = sarifReport(result, { category: inputs.sarifCategory, shard: inputs.shard });
    // Sensitive values never reach an output (README, Security).
    const redact = result.redact ?? ((text: string) => text);
    writeFileSync(sarifPath, redact(sarif.text));
    for (const notice of sarif.notices) core.notice(notice);

    // only-changed narrows what is reported here; SARIF keeps every finding, so
    // that code scanning does not read the others as fixed.
    const reported = await pullRequestStep(result, {
      event,
      token: inputs.githubToken,
      onlyChanged: inputs.onlyChanged,
      prReview: inputs.prReview,
      notice: (message) => core.notice(message),
    });

    if (inputs.annotations) emitAnnotations(reported.findings, reported.rules);
    core.info(redact(renderText(reported) + renderScanNotes(reported)).trimEnd());

    const summary = redact(renderSummary(reported, { blobUrl: event.blobUrl, diagrams: chainDiagrams(result) }));
    const summaryPath = path.join(mkdtempSync(path.join(env.RUNNER_TEMP || tmpdir(), `${TOOL_NAME}-`)), "summary.md");
    writeFileSync(summaryPath, summary);
    if (inputs.summary && env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();

    const counts = countByLevel(reported.findings);
    core.setOutput("findings", counts.error + counts.warning + counts.note);
    core.setOutput("errors", counts.error);
    core.setOutput("warnings", counts.warning);
    core.setOutput("notes", counts.note);
    core.setOutput("sarif-file", sarifPath);
    core.setOutput("summary-markdown", summaryPath);
    if (failsOn(reported.findings, inputs.failOn)) {
      core.setFailed(`${TOOL_NAME} found problems at or above fail-on level "${inputs.failOn}".`);
    }
  } catch (error) {
    core.setFailed(`${TOOL_NAME}: ${error instanceof Error ? error.message.split("\n", 1)[0] : String(error)}`);
  }
}

function scanWorkspace(root: string, inputs: ActionInputs): Promise<ScanResult> {
  const { config } = loadConfig(root, inputs.config);
  let cfn: ReturnType<typeof cloudFormationOptionsFromFlags>;
  try {
    cfn = cloudFormationOptionsFromFlags(
      {
        "cfn-parameters": inputs.cfnParameters,
        region: inputs.region,
        "account-id": inputs.accountId,
        partition: inputs.partition,
      },
      root,
    );
  } catch (error) {
    if (error instanceof UsageError)
      throw new UsageError(error.message.replace(/^--cfn-parameters/, "input cfn-parameters"));
    throw error;
  }
  assertVarFilesExist(root, config.varFiles, "the config file's terraform.var-files");
  assertVarFilesExist(root, inputs.varFiles, "input var-files");
  const settings = mergeSettings(config, {
    scope: inputs.scope,
    exclude: inputs.exclude,
    varFiles: inputs.varFiles,
    vars: inputs.vars,
    cfnParameters: cfn.parameters,
    workers: inputs.workers,
  });
  return scanParallel({
    root,
    paths: inputs.paths.length > 0 ? inputs.paths.map((p) => path.resolve(root, p)) : [root],
    scope: settings.scope,
    exclude: settings.exclude,
    ruleSettings: settings.ruleSettings,
    baseline: inputs.baseline ? readBaseline(path.resolve(root, inputs.baseline), inputs.baseline) : undefined,
    shard: inputs.shard,
    cfnParameters: settings.cfnParameters,
    region: cfn.region,
    accountId: cfn.accountId,
    partition: cfn.partition,
    terraformVars: settings.terraformVars,
    terraformVarFiles: settings.terraformVarFiles,
    limits: settings.limits,
    // Internal-error notes carry the stack when the workflow is re-run with debug logging.
    debug: core.isDebug(),
    workers: settings.workers,
    onPool: (report) => {
      if ("error" in report)
        core.info(`${oneLineCause(report.error)}; parsing on the main thread instead of the worker pool.`);
    },
  });
}
