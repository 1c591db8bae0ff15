/**
 * Redaction of sensitive values (README, "Security"): Terraform variables and
 * outputs marked `sensitive = true` and CloudFormation `NoEcho` parameters.
 *
 * The values are collected where they are written (defaults, tfvars, `--var`,
 * `--cfn-parameters`) and every text the tool prints is filtered: each
 * occurrence is replaced by `(sensitive)`. Filtering the output rather than
 * tracking a flag through every evaluation also catches a secret that reaches
 * a message inside a larger string (`"db-${var.password}"`). Values shorter
 * than `MIN_SECRET_LENGTH` are not filtered: replacing every `1` or `on` in
 * the output would hide the findings and protect nothing.
 */
import type { Finding } from "./finding.js";
import type { SourceRange } from "./range.js";

export const REDACTED = "(sensitive)";
export const MIN_SECRET_LENGTH = 3;

/**
 * A secret replaced only in what is about the places it flows to (a NoEcho
 * parameter: the definitions of its own template that reference it), and there
 * only as a whole token: a value `Enable` leaves `EnableNetworkIsolation` alone.
 */
export interface ScopedSecret {
  value: string;
  file: string;
  /** [start, end) offsets in `file`. */
  spans: readonly [number, number][];
}

/** Where a text comes from: the ranges it is about (a finding's location and related locations), or whole files (a note). */
export interface TextSource {
  ranges?: readonly SourceRange[];
  files?: readonly string[];
}

export class Redactor {
  private readonly secrets: string[];
  private readonly scoped: (ScopedSecret & { pattern: RegExp })[];

  constructor(secrets: Iterable<string>, scoped: Iterable<ScopedSecret> = []) {
    // Longest first, so that a secret containing another is replaced whole.
    this.secrets = [...new Set([...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH))].sort(
      (a, b) => b.length - a.length || (a < b ? -1 : 1),
    );
    this.scoped = [...scoped]
      .filter((secret) => secret.value.length >= MIN_SECRET_LENGTH)
      .sort((a, b) => b.value.length - a.value.length || (a.value < b.value ? -1 : 1))
      .map((secret) => ({
        ...secret,
        pattern: new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(secret.value)}(?![A-Za-z0-9_])`, "g"),
      }));
  }

  get empty(): boolean {
    return this.secrets.length === 0 && this.scoped.length === 0;
  }

  /** The text with the secrets replaced: those everywhere, and the scoped ones that flow to `source`. */
  text(text: string, source: TextSource = {}): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    for (const secret of this.scoped) {
      if (!out.includes(secret.value) || !flowsTo(secret, source)) continue;
      out = out.replace(secret.pattern, REDACTED);
    }
    return out;
  }

  /** The finding with every text it prints redacted (in place; returns it). */
  finding(finding: Finding): Finding {
    if (this.empty) return finding;
    const source = { ranges: [finding.range, ...(finding.related ?? []).map((entry) => entry.range)] };
    const text = (value: string) => this.text(value, source);
    finding.message = text(finding.message);
    if (finding.resource !== undefined) finding.resource = text(finding.resource);
    for (const related of finding.related ?? []) related.message = text(related.message);
    if (finding.fix) {
      finding.fix.description = text(finding.fix.description);
      for (const edit of finding.fix.edits) edit.newText = text(edit.newText);
    }
    if (finding.suppression) finding.suppression.justification = text(finding.suppression.justification);
    return finding;
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^$|()[\]{}\\]/g, "\\$&");

function flowsTo(secret: ScopedSecret, source: TextSource): boolean {
  if (source.files?.includes(secret.file)) return true;
  return (source.ranges ?? []).some(
    (range) =>
      range.file === secret.file &&
      secret.spans.some(
        ([from, to]) => range.start.offset < to && from < Math.max(range.end.offset, range.start.offset + 1),
      ),
  );
}

/** The strings of a JSON-like value (numbers and booleans as text), for collecting secrets. */
export function leafTexts(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 64 || value === null || value === undefined) return out;
  if (typeof value === "string") out.push(value);
  else if (typeof value === "number" || typeof value === "boolean") out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) leafTexts(item, out, depth + 1);
  else if (typeof value === "object") for (const item of Object.values(value)) leafTexts(item, out, depth + 1);
  return out;
}
