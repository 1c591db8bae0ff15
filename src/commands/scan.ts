/** `sagemaker-vpc-guard scan`: scan, print one format, optionally write SARIF too. */
import path from "node:path";
import { parseArgs } from "node:util";
import { oneLineCause, UsageError } from "../core/errors.js";
import { ReportWriteError, writeReport } from "../core/write-report.js";
import { inertText } from "../github/workflow-log.js";
import { TOOL_NAME } from "../tool.js";
import { LIMIT_NAMES, parseCount, parseSize, type ScanLimits } from "../core/limits.js";
import type { scan } from "../scan.js";
import { scanParallel } from "../parallel/scan.js";
import { renderJson } from "../report/json.js";
import { renderSarif } from "../report/sarif.js";
import { renderScanNotes, renderText, wantsColor } from "../report/text.js";
import { FAIL_ON_VALUES, failsOn, type FailOn } from "../report/fail-on.js";
import type { CommandIO } from "./debug.js";
import { CLOUDFORMATION_OPTIONS, cloudFormationOptionsFromFlags } from "../cloudformation/debug.js";
import { parseVarFlags } from "../terraform/debug.js";
import { renderParseProblems } from "../report/parse-problems.js";
import { progressLine } from "../report/progress.js";
import {
  GITHUB_FLAGS,
  GITHUB_FLAGS_USAGE,
  githubOutputs,
  jobSummary,
  sarifOptionsFromFlags,
  scanSettingsFromFlags,
} from "./scan-github-flags.js";

const FORMATS = ["text", "json", "sarif", "markdown"] as const;
type Format = (typeof FORMATS)[number];

export const SCAN_USAGE = `Usage: sagemaker-vpc-guard scan [PATH...] [options]

Scans Terraform and CloudFormation under PATH (default: .) and prints findings.

Options:
  --root DIR          the scan root: nothing outside it is read; paths print relative to it (default: .)
  --format FORMAT     text | json | sarif | markdown (the job summary) (default: text)
  --output FILE       write the report to FILE instead of stdout
  --sarif FILE        also write SARIF to FILE
  --fail-on LEVEL     error | warning | note | never (default: error)
  --scope SCOPE       all | referenced (default: from the config file, else all)
  --no-notes          do not report notes (hardening advice and "could not verify", SMBT017)
  --cfn-parameters P  CloudFormation parameter values: a JSON file ([{ParameterKey, ParameterValue}]
                      or {"Parameters": {...}}) or Key=Value pairs; repeatable
  --region R          CloudFormation AWS::Region
  --account-id ID     CloudFormation AWS::AccountId
  --partition P       CloudFormation AWS::Partition (default: from --region)
  --var NAME=VALUE    a Terraform root variable value; repeatable, applied to every root declaring NAME
  --var-file FILE     a Terraform variables file (.tfvars or .tfvars.json); repeatable, applied to every root
  --max-file-size S   do not read files larger than S: bytes, or with KB, MB, GB (default: 5MB)
  --max-total-size S  read at most S in one scan (default: 256MB)
  --max-files N       read at most N files, in path order (default: 50000)
  --max-expansion N   instances one count/for_each or Fn::ForEach may create (default: 10000)
  --max-steps-per-expression N  evaluation steps for one Terraform expression (default: 250000)
  --max-steps-per-template N    evaluation steps for one CloudFormation template (default: 2000000)
  --debug             internal-error notes include the stack
${GITHUB_FLAGS_USAGE}
Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 on a usage error.
`;

export async function runScan(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      root: { type: "string" },
      format: { type: "string", default: "text" },
      output: { type: "string" },
      sarif: { type: "string" },
      "fail-on": { type: "string", default: "error" },
      scope: { type: "string" },
      help: { type: "boolean", short: "h" },
      ...CLOUDFORMATION_OPTIONS,
      var: { type: "string", multiple: true },
      "var-file": { type: "string", multiple: true },
      ...LIMIT_FLAGS,
      debug: { type: "boolean" },
      ...GITHUB_FLAGS,
    },
  });
  if (values.help) {
    io.stdout(SCAN_USAGE);
    return 0;
  }
  const format = oneOf(values.format, FORMATS, "--format");
  const failOn = oneOf(values["fail-on"], FAIL_ON_VALUES, "--fail-on") as FailOn;
  const sarifOptions = sarifOptionsFromFlags(values);
  const scope = values.scope === undefined ? undefined : oneOf(values.scope, ["all", "referenced"] as const, "--scope");
  const root = path.resolve(io.cwd, values.root ?? ".");
  const paths = (positionals.length > 0 ? positionals : [values.root ?? "."]).map((p) => path.resolve(io.cwd, p));

  const cfn = cloudFormationOptionsFromFlags(values, io.cwd);
  const terraformVars = parseVarFlags(values.var ?? []);
  const terraformVarFiles = (values["var-file"] ?? []).map((f) =>
    path.relative(root, path.resolve(io.cwd, f)).split(path.sep).join("/"),
  );
  const limits = limitsFromFlags(values);
  const settings = scanSettingsFromFlags(values, root, io.cwd, {
    scope,
    cfnParameters: cfn.parameters,
    terraformVars,
    terraformVarFiles,
    limits,
  });
  const progress = progressLine(process.stderr);
  const scanned = await scanParallel({
    root,
    paths,
    ...settings,
    region: cfn.region,
    accountId: cfn.accountId,
    partition: cfn.partition,
    onProgress: progress.update,
    debug: values.debug === true,
    // The pool is an optimization: when it cannot run, the scan parses on the main thread and says so here.
    onPool: (report) => {
      if ("error" in report)
        io.stderr(`${oneLineCause(report.error)}; parsing on the main thread instead of the worker pool.\n`);
    },
  });
  progress.done();
  if (values.debug === true)
    for (const line of renderParseProblems(scanned.parseProblems ?? [])) io.stderr(`${line}\n`);
  const result = await githubOutputs(values, scanned, io, process.env, {
    sharedInputs: [
      ...(settings.configPath ? [settings.configPath] : []),
      ...(values.baseline !== undefined ? [path.resolve(io.cwd, values.baseline)] : []),
      ...(settings.terraformVarFiles ?? []).map((file) => path.resolve(root, file)),
      ...(values["cfn-parameters"] ?? [])
        .filter((entry) => !entry.includes("="))
        .map((file) => path.resolve(io.cwd, file)),
    ].map((file) => path.relative(root, file).split(path.sep).join("/")),
    debug: values.debug === true,
  });
  const color = values["no-color"]
    ? false
    : values.color
      ? true
      : !values.output && wantsColor(process.stdout.isTTY === true, process.env);
  const redact = scanned.redact ?? ((text: string) => text);
  const rendered = redact(format === "sarif" ? renderSarif(scanned, sarifOptions) : render(format, result, color));
  const notes = renderScanNotes(scanned);
  if (notes) io.stderr(redact(notes));
  // Every report is produced before a write error is told (one line each), then the exit status says it.
  const failures = [...result.writeFailures];
  const write = (flag: string, file: string, text: string) => {
    try {
      writeReport(path.resolve(io.cwd, file), text, flag, file);
    } catch (error) {
      if (!(error instanceof ReportWriteError)) throw error;
      failures.push(error.message);
    }
  };
  if (values.output) write("--output", values.output, rendered);
  // The text report may quote scanned names; on a GitHub runner it must not be read as workflow commands.
  else io.stdout(format === "text" && process.env.GITHUB_ACTIONS === "true" ? inertText(rendered) : rendered);
  if (values.sarif) write("--sarif", values.sarif, redact(renderSarif(scanned, sarifOptions)));
  for (const failure of failures) io.stderr(`${TOOL_NAME}: ${failure}\n`);
  if (failures.length > 0) return 2;
  return failsOn(result.findings, failOn) ? 1 : 0;
}

function render(format: Format, result: ReturnType<typeof scan>, color: boolean): string {
  switch (format) {
    case "json":
      return renderJson(result);
    case "sarif":
      return renderSarif(result);
    case "text":
      return renderText(result, { color });
    case "markdown":
      return jobSummary(result, process.env);
  }
}

export const LIMIT_FLAGS = Object.fromEntries(
  Object.values(LIMIT_NAMES).map((name) => [name, { type: "string" }]),
) as Record<string, { type: "string" }>;

/** The `--max-…` flags given, as limits; a malformed value is a usage error. */
export function limitsFromFlags(values: Record<string, unknown>): Partial<ScanLimits> {
  const limits: Partial<ScanLimits> = {};
  for (const [key, name] of Object.entries(LIMIT_NAMES) as [keyof ScanLimits, string][]) {
    const text = values[name];
    if (typeof text !== "string") continue;
    const isSize = key === "maxFileBytes" || key === "maxTotalBytes";
    const parsed = isSize ? parseSize(text) : parseCount(text);
    if (parsed === undefined)
      throw new UsageError(
        `--${name} must be ${isSize ? "a size (bytes, or a number with KB, MB or GB)" : "a positive integer"} (got ${JSON.stringify(text)})`,
      );
    limits[key] = parsed;
  }
  return limits;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
}
