/** `sagemaker-vpc-guard scan`: scan, print one format, optionally write SARIF too. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../core/errors.js";
import { scan } from "../scan.js";
import { renderJson } from "../report/json.js";
import { renderSarif } from "../report/sarif.js";
import { renderText } from "../report/text.js";
import { FAIL_ON_VALUES, failsOn, type FailOn } from "../report/fail-on.js";
import type { CommandIO } from "./debug.js";

const FORMATS = ["text", "json", "sarif"] as const;
type Format = (typeof FORMATS)[number];

export const SCAN_USAGE = `Usage: sagemaker-vpc-guard scan [PATH...] [options]

Scans Terraform and CloudFormation under PATH (default: .) and prints findings.

Options:
  --root DIR          the scan root: nothing outside it is read; paths print relative to it (default: .)
  --format FORMAT     text | json | sarif (default: text)
  --output FILE       write the report to FILE instead of stdout
  --sarif FILE        also write SARIF to FILE
  --fail-on LEVEL     error | warning | note | never (default: error)
  --scope SCOPE       all | referenced (default: all)

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
      scope: { type: "string", default: "all" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(SCAN_USAGE);
    return 0;
  }
  const format = oneOf(values.format, FORMATS, "--format");
  const failOn = oneOf(values["fail-on"], FAIL_ON_VALUES, "--fail-on") as FailOn;
  const scope = oneOf(values.scope, ["all", "referenced"] as const, "--scope");
  const root = path.resolve(io.cwd, values.root ?? ".");
  const paths = (positionals.length > 0 ? positionals : [values.root ?? "."]).map((p) => path.resolve(io.cwd, p));

  const result = scan({ root, paths, scope });
  const rendered = render(format, result);
  if (values.output) writeFileSync(path.resolve(io.cwd, values.output), rendered);
  else io.stdout(rendered);
  if (values.sarif) writeFileSync(path.resolve(io.cwd, values.sarif), renderSarif(result));
  return failsOn(result.findings, failOn) ? 1 : 0;
}

function render(format: Format, result: ReturnType<typeof scan>): string {
  switch (format) {
    case "json":
      return renderJson(result);
    case "sarif":
      return renderSarif(result);
    case "text":
      return renderText(result);
  }
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
}
