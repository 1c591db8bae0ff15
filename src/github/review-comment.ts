/**
 * A review comment's body: the rule, the message, a ```suggestion block when the
 * finding has a fix, and a hidden marker with the finding's fingerprint so a
 * later run recognises its own comments.
 */
import type { Finding } from "../core/finding.js";
import { lineStarts } from "../core/range.js";
import type { Rule } from "../../rules/rule.js";
import { ruleDocUrl } from "../tool.js";

const MARKER = /<!-- sagemaker-vpc-guard:fingerprint=([0-9a-f]+)( fixed)? -->/;

export function markerOf(body: string | undefined): { fingerprint: string; fixed: boolean } | undefined {
  const match = MARKER.exec(body ?? "");
  return match ? { fingerprint: match[1]!, fixed: match[2] !== undefined } : undefined;
}

/** The lines a suggestion replaces and their new text. */
export interface Suggestion {
  startLine: number;
  endLine: number;
  text: string;
}

/**
 * The fix as whole new lines, for GitHub's suggestion block: the lines the edits
 * touch with the edits applied. Undefined when there is no fix, the edits span
 * several files, or they overlap.
 */
export function suggestionFor(finding: Finding, fileText: string | undefined): Suggestion | undefined {
  const edits = finding.fix?.edits ?? [];
  if (edits.length === 0 || fileText === undefined || edits.some((edit) => edit.range.file !== finding.range.file))
    return undefined;
  const sorted = [...edits].sort((a, b) => a.range.start.offset - b.range.start.offset);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.range.start.offset < sorted[i - 1]!.range.end.offset) return undefined;
  const starts = lineStarts(fileText);
  const startLine = sorted[0]!.range.start.line;
  const endLine = Math.max(...sorted.map((edit) => edit.range.end.line));
  const from = starts[startLine - 1] ?? fileText.length;
  const lineEnd = starts[endLine] ?? fileText.length;
  let to = lineEnd;
  while (to > from && (fileText[to - 1] === "\n" || fileText[to - 1] === "\r")) to--;
  let text = "";
  let at = from;
  for (const edit of sorted) {
    text += fileText.slice(at, edit.range.start.offset) + edit.newText;
    at = edit.range.end.offset;
  }
  text += fileText.slice(at, Math.max(at, to));
  return { startLine, endLine, text };
}

export function commentBody(
  finding: Finding,
  rule: Rule | undefined,
  fingerprint: string,
  suggestion: Suggestion | undefined,
): string {
  const title = rule ? `${rule.id} · ${rule.findingTitle}` : finding.ruleId;
  const lines = [`**${title}** (${finding.level})`, "", finding.message];
  if (suggestion && finding.fix) {
    // A fence longer than any backtick run in the text keeps the block closed.
    const fence = "`".repeat(Math.max(3, ...[...suggestion.text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    lines.push("", `Suggested fix: ${finding.fix.description}`, "", `${fence}suggestion`, suggestion.text, fence);
  } else if (finding.fix) {
    lines.push("", `Suggested fix: ${finding.fix.description}`);
  }
  lines.push(
    "",
    `[${finding.ruleId} documentation](${ruleDocUrl(finding.ruleId)})`,
    `<!-- sagemaker-vpc-guard:fingerprint=${fingerprint} -->`,
  );
  return lines.join("\n");
}

/** The body of an earlier comment whose finding is gone. */
export function fixedBody(previousBody: string, fingerprint: string, sha: string): string {
  const firstLine = previousBody.split("\n", 1)[0] ?? "";
  return [
    `~~${firstLine}~~`,
    "",
    `Fixed: this finding is gone as of ${sha.slice(0, 7)}.`,
    `<!-- sagemaker-vpc-guard:fingerprint=${fingerprint} fixed -->`,
  ].join("\n");
}
