/**
 * Applies in-source suppressions to findings after the rules ran: a covered
 * finding gets `suppression` set (reports still show it — SARIF lists it under
 * `suppressions`), and every malformed suppression becomes an SMBT019 finding.
 * Rules never see suppressions.
 */
import { isAlwaysReported, SCAN_INCOMPLETE_RULE, type Finding } from "../core/finding.js";
import { cloudFormationDirectives } from "./cloudformation.js";
import type { SuppressionDirective } from "./directive.js";
import { terraformDirectives } from "./terraform.js";

export const MALFORMED_SUPPRESSION_RULE = "SMBT019";
const TOOL_MARK = "sagemaker-vpc-guard";

export interface SuppressibleFile {
  path: string;
  language: "terraform" | "cloudformation";
  text: string;
}

export interface ApplySuppressionsOptions {
  /** Ids of the rules that exist; others are unknown. */
  knownRuleIds: ReadonlySet<string>;
  /** Today as `YYYY-MM-DD` (UTC); an `until` before it has expired. */
  today: string;
}

/** Every directive in a file, by language. */
export function directivesIn(file: SuppressibleFile): SuppressionDirective[] {
  // Cheap first: comments and Metadata both name the tool (JSON writes it as a quoted key).
  if (!file.text.includes(TOOL_MARK)) return [];
  return file.language === "terraform"
    ? terraformDirectives(file.path, file.text)
    : cloudFormationDirectives(file.path, file.text);
}

/** Marks suppressed findings in place and returns the SMBT019 findings. */
export function applySuppressions(
  findings: Finding[],
  files: Iterable<SuppressibleFile>,
  options: ApplySuppressionsOptions,
): Finding[] {
  const problems: Finding[] = [];
  const usable = new Map<string, SuppressionDirective[]>();
  for (const file of files) {
    for (const directive of directivesIn(file)) {
      const problem = problemOf(directive, options);
      if (problem) {
        problems.push({
          ruleId: MALFORMED_SUPPRESSION_RULE,
          level: "warning",
          message: problem,
          range: directive.range,
          language: file.language,
        });
      }
      if (directive.syntaxProblem || directive.reason === "" || isExpired(directive, options.today)) continue;
      const list = usable.get(file.path) ?? [];
      list.push(directive);
      usable.set(file.path, list);
    }
  }
  for (const finding of findings) {
    if (isAlwaysReported(finding)) continue;
    const directive = usable
      .get(finding.range.file)
      ?.find((d) => d.ruleIds.includes(finding.ruleId) && covers(d, finding.range.start.line));
    if (!directive) continue;
    finding.suppression = { justification: directive.reason, range: directive.range };
    if (directive.until) finding.suppression.until = directive.until;
  }
  return problems;
}

function covers(directive: SuppressionDirective, line: number): boolean {
  return directive.wholeFile || directive.scopes.some((scope) => scope.startLine <= line && line <= scope.endLine);
}

function isExpired(directive: SuppressionDirective, today: string): boolean {
  return directive.until !== undefined && directive.until < today;
}

/** Why a directive is malformed, in one sentence, or undefined when it is fine. */
function problemOf(directive: SuppressionDirective, options: ApplySuppressionsOptions): string | undefined {
  const ids = directive.ruleIds.join(", ") || "(no rule)";
  if (directive.syntaxProblem) return `Suppression is malformed: ${directive.syntaxProblem}; it suppresses nothing.`;
  const unknown = directive.ruleIds.filter((id) => !options.knownRuleIds.has(id));
  if (unknown.length > 0) {
    return `Suppression names unknown rule ${unknown.join(", ")}; run sagemaker-vpc-guard rules for the list.`;
  }
  if (directive.ruleIds.includes(SCAN_INCOMPLETE_RULE))
    return `Suppression names ${SCAN_INCOMPLETE_RULE}, which cannot be suppressed: raise the limit it names or exclude the path. The scan-incomplete findings are reported.`;
  if (directive.reason === "")
    return `Suppression of ${ids} has no reason; write why after the rule ids. The findings are reported.`;
  if (isExpired(directive, options.today)) {
    return `Suppression of ${ids} expired on ${directive.until}; the findings are reported again.`;
  }
  return undefined;
}

/** Today's date in UTC, as `YYYY-MM-DD`. */
export const utcToday = (now = new Date()): string => now.toISOString().slice(0, 10);
