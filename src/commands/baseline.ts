/**
 * `sagemaker-vpc-guard baseline create FILE [PATH...]`: scans like `scan` and
 * records the findings that count now, so that later scans with `--baseline
 * FILE` report only new ones.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../core/errors.js";
import { scanParallel } from "../parallel/scan.js";
import { LIMIT_FLAGS, limitsFromFlags } from "./scan.js";
import { createBaseline, writeBaseline } from "../baseline/baseline.js";
import { CLOUDFORMATION_OPTIONS, cloudFormationOptionsFromFlags } from "../cloudformation/debug.js";
import { parseVarFlags } from "../terraform/debug.js";
import { scanSettingsFromFlags } from "./scan-github-flags.js";
import type { CommandIO } from "./debug.js";

export const BASELINE_USAGE = `Usage: sagemaker-vpc-guard baseline create FILE [PATH...] [options]

Scans PATH (default: .) and writes the findings that count now to FILE (JSON). A later
scan --baseline FILE keeps those findings out of annotations, review comments and the
exit code, and marks them "unchanged" in SARIF. A finding is recognised by its rule,
resource, file and the normalized text of the construct, not by its line.

Options:
  --root DIR          the scan root (default: .)
  --config FILE       configuration file (default: .sagemaker-vpc-guard.yml at the root, when present)
  --exclude GLOB      do not scan files matching GLOB; repeatable
  --scope SCOPE       all | referenced
  --var NAME=VALUE, --var-file FILE, --cfn-parameters P, --region R, --account-id ID, --partition P,
  --max-…, --workers N
                      as for scan (a baseline made under other limits than the scans that use it
                      would not match their limit notes)
`;

export async function runBaseline(args: string[], io: CommandIO): Promise<number> {
  const [action, ...rest] = args;
  if (action === "--help" || action === "-h") {
    io.stdout(BASELINE_USAGE);
    return 0;
  }
  if (action !== "create")
    throw new UsageError(`baseline needs a subcommand: create FILE [PATH...]; run sagemaker-vpc-guard baseline --help`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      root: { type: "string" },
      config: { type: "string" },
      exclude: { type: "string", multiple: true },
      scope: { type: "string" },
      var: { type: "string", multiple: true },
      "var-file": { type: "string", multiple: true },
      ...CLOUDFORMATION_OPTIONS,
      ...LIMIT_FLAGS,
      workers: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(BASELINE_USAGE);
    return 0;
  }
  const [file, ...targets] = positionals;
  if (file === undefined) throw new UsageError("baseline create needs the FILE to write");
  if (values.scope !== undefined && values.scope !== "all" && values.scope !== "referenced") {
    throw new UsageError(`--scope must be one of all, referenced (got ${JSON.stringify(values.scope)})`);
  }
  const root = path.resolve(io.cwd, values.root ?? ".");
  const paths = (targets.length > 0 ? targets : [values.root ?? "."]).map((p) => path.resolve(io.cwd, p));
  const cfn = cloudFormationOptionsFromFlags(values, io.cwd);
  const settings = scanSettingsFromFlags(values, root, io.cwd, {
    scope: values.scope,
    cfnParameters: cfn.parameters,
    terraformVars: parseVarFlags(values.var ?? []),
    terraformVarFiles: (values["var-file"] ?? []).map((f) =>
      path.relative(root, path.resolve(io.cwd, f)).split(path.sep).join("/"),
    ),
    limits: limitsFromFlags(values),
  });
  const result = await scanParallel({
    root,
    paths,
    ...settings,
    region: cfn.region,
    accountId: cfn.accountId,
    partition: cfn.partition,
  });
  const baseline = createBaseline(result.findings, result.files);
  writeBaseline(path.resolve(io.cwd, file), baseline);
  io.stderr(
    `Wrote ${baseline.findings.length} ${baseline.findings.length === 1 ? "finding" : "findings"} to ${file}.\n`,
  );
  return 0;
}
