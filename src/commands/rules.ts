/** `sagemaker-vpc-guard rules`: the rule catalog, one line per rule (id, default level, title), or as JSON. */
import { parseArgs } from "node:util";
import { RULES } from "../../rules/index.js";
import { ruleDocUrl } from "../tool.js";
import { UsageError } from "../core/errors.js";
import type { CommandIO } from "./debug.js";

export const RULES_USAGE = `Usage: sagemaker-vpc-guard rules [options]

Lists the rules.

Options:
  --format FORMAT     text | json (default: text)
                      json: [{id, title, findingTitle, level, summary, securitySeverity, precision, fixable, helpUri}]
  --help              show this help
`;

export function listRules(args: string[], io: CommandIO): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: "string", default: "text" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    io.stdout(RULES_USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`rules takes no arguments (got ${JSON.stringify(positionals[0])})`);
  if (values.format === "json") {
    const catalog = RULES.map((rule) => ({
      id: rule.id,
      title: rule.title,
      findingTitle: rule.findingTitle,
      level: rule.level,
      summary: rule.summary,
      securitySeverity: rule.securitySeverity,
      precision: rule.precision,
      fixable: rule.fixable ?? [],
      helpUri: ruleDocUrl(rule.id),
    }));
    io.stdout(`${JSON.stringify(catalog, null, 2)}\n`);
    return 0;
  }
  if (values.format !== "text")
    throw new UsageError(`--format must be one of text, json (got ${JSON.stringify(values.format)})`);
  const width = Math.max(...RULES.map((rule) => rule.level.length));
  for (const rule of RULES) io.stdout(`${rule.id}  ${rule.level.padEnd(width)}  ${rule.title}\n`);
  return 0;
}
