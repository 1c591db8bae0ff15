/**
 * The GitHub Action: read inputs and the configuration, scan the workspace,
 * then report — SARIF file, annotations, job summary, pull request review —
 * set outputs, and fail the step per `fail-on`.
 *
 * The log: a version banner, then one `::group::` per stage (scan, pull
 * request, findings) saying what was read and posted; `RUNNER_DEBUG=1` adds
 * each API request. Text that may hold scanned strings is printed inert
 * (`workflow-log.ts`). A report file that cannot be written fails the step with
 * one line naming the input, after every other report is produced.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as core from "@actions/core";
import { oneLineCause, UsageError } from "../core/errors.js";
import { ReportWriteError, writeReport } from "../core/write-report.js";
import type { ScanResult } from "../scan.js";
import { scanParallel, type ParallelScanOptions } from "../parallel/scan.js";
import { renderParseProblems } from "../report/parse-problems.js";
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
import { countByLevel, describeCounts } from "../report/counts.js";
import { TOOL_NAME, TOOL_VERSION } from "../tool.js";
import { readInputs, type ActionInputs } from "./inputs.js";
import { readEvent } from "./event.js";
import { pullRequestStep, type StepLog } from "./pull-request-step.js";
import { inertLine } from "./workflow-log.js";
import { checkedOutCommit } from "../discover/repository.js";

/** Prints text that may hold scanned strings; the runner runs none of it. */
const print = (text: string) => process.stdout.write(inertLine(text));

const stepLog: StepLog = {
  info: print,
  // Only with RUNNER_DEBUG=1, so that an ordinary log stays as short as it reads.
  debug: (message) => core.isDebug() && core.debug(message),
  warning: (message) => core.warning(message),
};

export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  print(`${TOOL_NAME} ${TOOL_VERSION} (Node.js ${process.version})`);
  try {
    const inputs = readInputs();
    const root = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd());
    const prepared = prepareScan(root, inputs);
    const result = await core.group("Scan", () => scanWorkspace(prepared));
    const { sharedInputs } = prepared;
    // Each file that did not parse is one SMBT000; with debug logging, every problem the parsers saw.
    if (core.isDebug()) for (const line of renderParseProblems(result.parseProblems ?? [])) core.debug(line);
    const event = readEvent(env);
    // Sensitive values never reach an output (README, Security).
    const redact = result.redact ?? ((text: string) => text);
    const failures: string[] = [];

    const sarifPath = path.resolve(root, inputs.sarifFile);
    // Code scanning would show suppressed and baselined findings as open alerts (README, "SARIF and code scanning").
    const sarif = sarifReport(result, { category: inputs.sarifCategory, shard: inputs.shard, setAside: "omit" });
    for (const notice of sarif.notices) core.notice(notice);
    let sarifWritten = false;
    try {
      writeReport(sarifPath, redact(sarif.text), "sarif-file", inputs.sarifFile);
      sarifWritten = true;
    } catch (error) {
      if (!(error instanceof ReportWriteError)) throw error;
      failures.push(error.message);
    }

    // only-changed narrows what is reported here; SARIF keeps every finding, so
    // that code scanning does not read the others as fixed.
    const reported = event.pullRequest
      ? await core.group(`Pull request #${event.pullRequest.number}`, () =>
          pullRequestStep(result, {
            event,
            token: inputs.githubToken,
            onlyChanged: inputs.onlyChanged,
            prReview: inputs.prReview,
            prReviewLevel: inputs.prReviewLevel,
            prReviewMaxComments: inputs.prReviewMaxComments,
            ...(inputs.prReview !== "off" ? { checkedOut: checkedOutCommit(root) } : {}),
            sharedInputs,
            notice: (message) => core.notice(message),
            log: stepLog,
          }),
        )
      : result;

    await core.group("Findings", async () => {
      print(redact(renderText(reported) + renderScanNotes(reported)).trimEnd());
    });
    if (inputs.annotations)
      emitAnnotations(reported.findings, reported.rules, { stepFails: failsOn(reported.findings, inputs.failOn) });

    const summary = redact(renderSummary(reported, { blobUrl: event.blobUrl, diagrams: chainDiagrams(result) }));
    const summaryPath = path.join(mkdtempSync(path.join(env.RUNNER_TEMP || tmpdir(), `${TOOL_NAME}-`)), "summary.md");
    writeFileSync(summaryPath, summary);
    if (inputs.summary && env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write();

    const counts = countByLevel(reported.findings);
    core.setOutput("findings", counts.error + counts.warning + counts.note);
    core.setOutput("errors", counts.error);
    core.setOutput("warnings", counts.warning);
    core.setOutput("notes", counts.note);
    if (sarifWritten) core.setOutput("sarif-file", sarifPath);
    core.setOutput("summary-markdown", summaryPath);
    for (const failure of failures) core.setFailed(`${TOOL_NAME}: ${failure}`);
    if (failsOn(reported.findings, inputs.failOn)) {
      core.setFailed(`${TOOL_NAME} found problems at or above fail-on level "${inputs.failOn}".`);
    }
  } catch (error) {
    core.setFailed(`${TOOL_NAME}: ${error instanceof Error ? error.message.split("\n", 1)[0] : String(error)}`);
  }
}

/**
 * The scan's options from the inputs and the config file (a bad one fails here,
 * before the log's first group), and the inputs every finding depends on (for
 * `only-changed`), relative to the root.
 */
function prepareScan(root: string, inputs: ActionInputs): { options: ParallelScanOptions; sharedInputs: string[] } {
  const loaded = loadConfig(root, inputs.config);
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
  assertVarFilesExist(root, loaded.config.varFiles, "the config file's terraform.var-files");
  assertVarFilesExist(root, inputs.varFiles, "input var-files");
  const settings = mergeSettings(loaded.config, {
    scope: inputs.scope,
    exclude: inputs.exclude,
    varFiles: inputs.varFiles,
    vars: inputs.vars,
    cfnParameters: cfn.parameters,
    workers: inputs.workers,
  });
  const relative = (file: string) => path.relative(root, path.resolve(root, file)).split(path.sep).join("/");
  const sharedInputs = [
    ...(loaded.path ? [loaded.path] : []),
    ...(inputs.baseline ? [inputs.baseline] : []),
    ...(settings.terraformVarFiles ?? []),
    // A parameters file, not Key=Value pairs.
    ...inputs.cfnParameters.filter((entry) => !entry.includes("=")),
  ].map(relative);
  const options: ParallelScanOptions = {
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
        print(`${oneLineCause(report.error)}; parsing on the main thread instead of the worker pool.`);
    },
  };
  return { options, sharedInputs };
}

async function scanWorkspace({ options }: { options: ParallelScanOptions }): Promise<ScanResult> {
  const result = await scanParallel(options);
  print(
    `Scanned ${result.files.size} ${result.files.size === 1 ? "file" : "files"}: ${describeCounts(countByLevel(result.findings))}.`,
  );
  return result;
}
