/**
 * What happens to findings after the rules ran, in order: in-source
 * suppressions (adding SMBT019 for malformed ones), the configuration's rule
 * settings (for findings that did not come through the rules runner: parse
 * errors, schema problems, SMBT019). The scan applies the baseline after
 * redacting, since fingerprints include the message.
 */
import type { Finding } from "../core/finding.js";
import { applyRuleSettings, type RuleRunOptions } from "../../rules/run.js";
import { applySuppressions, utcToday, type SuppressibleFile } from "./apply.js";

export interface PostProcessOptions {
  ruleSettings?: RuleRunOptions;
  knownRuleIds: ReadonlySet<string>;
  /** `YYYY-MM-DD` (UTC); default: today. */
  today?: string;
}

export function postProcessFindings(
  findings: Finding[],
  files: ReadonlyMap<string, SuppressibleFile>,
  options: PostProcessOptions,
): Finding[] {
  const problems = applySuppressions(findings, files.values(), {
    knownRuleIds: options.knownRuleIds,
    today: options.today ?? utcToday(),
  });
  return applyRuleSettings([...findings, ...problems], options.ruleSettings ?? {});
}
