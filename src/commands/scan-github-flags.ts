/**
 * The `scan` flags that mirror the action's inputs beyond the pipeline's own:
 * the configuration file, excludes, baseline, SARIF category and shard, and
 * the GitHub outputs (annotations, job summary, pull request review).
 */
import path from "node:path";
import { UsageError } from "../core/errors.js";
import { ReportWriteError, writeReport } from "../core/write-report.js";
import type { ScanLimits } from "../core/limits.js";
import { loadConfig } from "../config/config.js";
import { assertVarFilesExist } from "../config/checks.js";
import { mergeSettings } from "../config/merge.js";
import { parseShard, type Shard } from "../config/shard.js";
import { readBaseline } from "../baseline/baseline.js";
import { planAnnotations } from "../report/annotations.js";
import { renderSummary } from "../report/summary.js";
import { chainDiagrams } from "../report/chain-diagrams.js";
import type { SarifOptions } from "../report/sarif.js";
import { readEvent } from "../github/event.js";
import { pullRequestStep } from "../github/pull-request-step.js";
import { checkedOutCommit } from "../discover/repository.js";
import { DEFAULT_PR_REVIEW_LEVEL, maxComments, PR_REVIEW_LEVELS } from "../github/inputs.js";
import type { Level } from "../core/finding.js";
import type { ScanResult } from "../scan.js";
import { parseWorkers, type ParallelScanOptions } from "../parallel/scan.js";
import type { CommandIO } from "./debug.js";

export const GITHUB_FLAGS = {
  config: { type: "string" },
  exclude: { type: "string", multiple: true },
  baseline: { type: "string" },
  "sarif-category": { type: "string" },
  "sarif-set-aside": { type: "string" },
  shard: { type: "string" },
  annotations: { type: "boolean" },
  summary: { type: "string" },
  "pr-review": { type: "string" },
  "pr-review-level": { type: "string" },
  "pr-review-max-comments": { type: "string" },
  "only-changed": { type: "boolean" },
  "github-token": { type: "string" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  "no-notes": { type: "boolean" },
  workers: { type: "string" },
} as const;

export const GITHUB_FLAGS_USAGE = `  --config FILE       configuration file (default: .sagemaker-vpc-guard.yml at the root, when present)
  --exclude GLOB      do not scan files matching GLOB; repeatable
  --baseline FILE     findings in this baseline do not count (see: sagemaker-vpc-guard baseline create)
  --sarif-category C  the SARIF run's category (default: sagemaker-vpc-guard/)
  --sarif-set-aside M omit | include: suppressed and baselined findings in SARIF (default: omit, as
                      code scanning would show them as open alerts; include lists them with
                      suppressions and baselineState)
  --shard I/N         this run is shard I of N (SARIF category shard-I-of-N/)
  --annotations       also print GitHub annotations (workflow commands) to stdout
  --summary FILE      also write the job summary (Markdown) to FILE
  --pr-review MODE    off | comment | suggest: review the pull request of GITHUB_EVENT_PATH
  --pr-review-level L error | warning | note: the least severe level reviewed (default: warning)
  --pr-review-max-comments N
                      comments per review; further findings are listed in its body (default: 30)
  --only-changed      report only findings in files the pull request changes
  --github-token T    token for --pr-review and --only-changed (default: $GITHUB_TOKEN)
  --color, --no-color color the text output (default: on a terminal, unless NO_COLOR is set)
  --workers N         parse Terraform on N worker threads, or auto (the available cores); 0 or 1: none
                      (default: the config file's workers, else none); scans of fewer than 200 .tf files never use them
`;

interface GitHubFlagValues {
  config?: string;
  exclude?: string[];
  baseline?: string;
  "sarif-category"?: string;
  "sarif-set-aside"?: string;
  shard?: string;
  annotations?: boolean;
  summary?: string;
  "pr-review"?: string;
  "pr-review-level"?: string;
  "pr-review-max-comments"?: string;
  "only-changed"?: boolean;
  "github-token"?: string;
  "no-notes"?: boolean;
  workers?: string;
}

/** What the pipeline's own flags already decided, before the config file is merged in. */
export interface GivenScanSettings {
  scope?: "all" | "referenced";
  cfnParameters?: Record<string, string>;
  terraformVars?: Record<string, string>;
  terraformVarFiles?: string[];
  limits?: Partial<ScanLimits>;
}

export function scanSettingsFromFlags(
  values: GitHubFlagValues,
  root: string,
  cwd: string,
  given: GivenScanSettings,
): Omit<ParallelScanOptions, "root" | "paths"> & { configPath?: string } {
  // Usage errors before the scan, not after it.
  prReviewFlag(values["pr-review"]);
  prReviewLevelFlag(values["pr-review-level"]);
  maxComments("--pr-review-max-comments", values["pr-review-max-comments"] ?? "");
  const { config, path: configPath } = loadConfig(
    root,
    values.config === undefined ? undefined : path.resolve(cwd, values.config),
  );
  assertVarFilesExist(root, config.varFiles, "the config file's terraform.var-files");
  assertVarFilesExist(root, given.terraformVarFiles ?? [], "--var-file");
  const settings = mergeSettings(config, {
    scope: given.scope,
    exclude: values.exclude,
    varFiles: given.terraformVarFiles,
    vars: given.terraformVars,
    cfnParameters: given.cfnParameters,
    limits: given.limits,
    workers: values.workers === undefined ? undefined : parseWorkers(values.workers, "--workers"),
  });
  const options: Omit<ParallelScanOptions, "root" | "paths"> & { configPath?: string } = {
    scope: settings.scope,
    exclude: settings.exclude,
    ruleSettings: values["no-notes"] ? { ...settings.ruleSettings, notes: false } : settings.ruleSettings,
    cfnParameters: settings.cfnParameters,
    terraformVars: settings.terraformVars,
    terraformVarFiles: settings.terraformVarFiles,
    limits: settings.limits,
    workers: settings.workers,
  };
  if (configPath) options.configPath = configPath;
  if (values.baseline !== undefined)
    options.baseline = readBaseline(path.resolve(cwd, values.baseline), values.baseline);
  const shard = shardFlag(values.shard);
  if (shard) options.shard = shard;
  return options;
}

export function sarifOptionsFromFlags(values: GitHubFlagValues): SarifOptions {
  const setAside = values["sarif-set-aside"] ?? "omit";
  if (setAside !== "omit" && setAside !== "include")
    throw new UsageError(`--sarif-set-aside must be one of omit, include (got ${JSON.stringify(setAside)})`);
  const options: SarifOptions = { setAside };
  if (values["sarif-category"] !== undefined) options.category = values["sarif-category"];
  const shard = shardFlag(values.shard);
  if (shard) options.shard = shard;
  return options;
}

/** Runs the pull-request step and the GitHub outputs; returns the result to report, and the files it could not write. */
export async function githubOutputs(
  values: GitHubFlagValues,
  result: ScanResult,
  io: CommandIO,
  env: NodeJS.ProcessEnv,
  step: { sharedInputs?: string[]; debug?: boolean } = {},
): Promise<ScanResult & { writeFailures: string[] }> {
  const prReview = prReviewFlag(values["pr-review"]);
  const event = readEvent(env);
  const reported = await pullRequestStep(result, {
    event,
    token: values["github-token"] ?? env.GITHUB_TOKEN ?? "",
    onlyChanged: values["only-changed"] ?? false,
    prReview,
    sharedInputs: step.sharedInputs,
    prReviewLevel: prReviewLevelFlag(values["pr-review-level"]),
    prReviewMaxComments: maxComments("--pr-review-max-comments", values["pr-review-max-comments"] ?? ""),
    ...(prReview !== "off" && event.pullRequest ? { checkedOut: checkedOutCommit(result.root) } : {}),
    notice: (message) => io.stderr(`${message}\n`),
    log: {
      info: (message) => io.stderr(`${message}\n`),
      debug: (message) => step.debug && io.stderr(`${message}\n`),
      warning: (message) => io.stderr(`${message}\n`),
    },
  });
  if (values.annotations) {
    for (const annotation of planAnnotations(reported.findings, reported.rules)) {
      const kind = annotation.level === "note" ? "notice" : annotation.level;
      io.stdout(workflowCommand(kind, annotation.properties, annotation.message));
    }
  }
  const writeFailures: string[] = [];
  if (values.summary !== undefined) {
    try {
      writeReport(path.resolve(io.cwd, values.summary), jobSummary(reported, env), "--summary", values.summary);
    } catch (error) {
      if (!(error instanceof ReportWriteError)) throw error;
      writeFailures.push(error.message);
    }
  }
  return { ...reported, writeFailures };
}

/** The job summary as the action writes it: links to the commit when the environment names one, and the chain diagrams. */
export function jobSummary(result: ScanResult, env: NodeJS.ProcessEnv): string {
  const summary = renderSummary(result, { blobUrl: readEvent(env).blobUrl, diagrams: chainDiagrams(result) });
  return result.redact ? result.redact(summary) : summary;
}

function prReviewFlag(text: string | undefined): "off" | "comment" | "suggest" {
  const value = text ?? "off";
  if (value === "off" || value === "comment" || value === "suggest") return value;
  throw new UsageError(`--pr-review must be one of off, comment, suggest (got ${JSON.stringify(value)})`);
}

function prReviewLevelFlag(text: string | undefined): Level {
  const value = text ?? DEFAULT_PR_REVIEW_LEVEL;
  if ((PR_REVIEW_LEVELS as readonly string[]).includes(value)) return value as Level;
  throw new UsageError(`--pr-review-level must be one of error, warning, note (got ${JSON.stringify(value)})`);
}

function shardFlag(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const shard = parseShard(text);
  if (!shard) throw new UsageError(`--shard must be I/N with 1 <= I <= N (got ${JSON.stringify(text)})`);
  return shard;
}

/** `::kind key=value,...::message`, escaped as the runner reads it (as @actions/core writes it). */
function workflowCommand(kind: string, properties: object, message: string): string {
  const escapeData = (s: string) => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
  const keys: Record<string, string> = { startLine: "line", startColumn: "col" };
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${keys[key] ?? key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${kind}${props ? ` ${props}` : ""}::${escapeData(message)}\n`;
}
