/**
 * The suppression comment's grammar, the same in Terraform (`#`, `//`, `/* *\/`)
 * and CloudFormation YAML (`#`):
 *
 *     sagemaker-vpc-guard:ignore SMBT012[,SMBT013 ...] [until=YYYY-MM-DD] <reason>
 *     sagemaker-vpc-guard:ignore-file SMBT012 [until=YYYY-MM-DD] <reason>
 */
import type { SourceRange } from "../core/range.js";

/** One suppression as written, before it is checked against the rules and the date. */
export interface SuppressionDirective {
  /** The comment or Metadata entry. */
  range: SourceRange;
  ruleIds: string[];
  reason: string;
  until?: string;
  /** `ignore-file`: the whole file. */
  wholeFile: boolean;
  /** Lines (1-based, inclusive) whose findings it covers; empty for a whole-file directive. */
  scopes: { startLine: number; endLine: number }[];
  /** A problem in the text itself (a bad date, no rule id), found while parsing. */
  syntaxProblem?: string;
}

export type ParsedDirective = Pick<
  SuppressionDirective,
  "ruleIds" | "reason" | "until" | "wholeFile" | "syntaxProblem"
>;

const DIRECTIVE = /^\s*sagemaker-vpc-guard:(ignore-file|ignore)(?=\s|$)(.*)$/s;
const RULE_ID = /^[A-Za-z]+[0-9]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a comment's text (after its marker); undefined when it is not a directive. */
export function parseDirective(commentText: string): ParsedDirective | undefined {
  const match = DIRECTIVE.exec(commentText.replace(/\*\/\s*$/, ""));
  if (!match) return undefined;
  const wholeFile = match[1] === "ignore-file";
  let rest = match[2]!.trim();
  const ruleIds: string[] = [];
  // Rule ids: separated by commas and/or spaces, up to the first word that is not one.
  for (;;) {
    const token = /^([^\s,]+)\s*(,\s*)?/.exec(rest);
    if (!token || !RULE_ID.test(token[1]!)) break;
    ruleIds.push(token[1]!.toUpperCase());
    rest = rest.slice(token[0].length).trimStart();
  }
  let until: string | undefined;
  let syntaxProblem: string | undefined;
  const untilMatch = /^until=(\S*)\s*/.exec(rest);
  if (untilMatch) {
    until = untilMatch[1]!;
    rest = rest.slice(untilMatch[0].length);
    if (
      !DATE.test(until) ||
      Number.isNaN(Date.parse(`${until}T00:00:00Z`)) ||
      new Date(`${until}T00:00:00Z`).toISOString().slice(0, 10) !== until
    ) {
      syntaxProblem = `until=${until} is not a date written YYYY-MM-DD`;
    }
  }
  if (ruleIds.length === 0) syntaxProblem ??= "it names no rule id";
  const parsed: ParsedDirective = { ruleIds, reason: rest.trim(), wholeFile };
  if (until !== undefined) parsed.until = until;
  if (syntaxProblem) parsed.syntaxProblem = syntaxProblem;
  return parsed;
}
