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

export const REDACTED = "(sensitive)";
export const MIN_SECRET_LENGTH = 3;

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Iterable<string>) {
    // Longest first, so that a secret containing another is replaced whole.
    this.secrets = [...new Set([...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH))].sort(
      (a, b) => b.length - a.length || (a < b ? -1 : 1),
    );
  }

  get empty(): boolean {
    return this.secrets.length === 0;
  }

  text(text: string): string {
    if (this.secrets.length === 0) return text;
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** The finding with every text it prints redacted (in place; returns it). */
  finding(finding: Finding): Finding {
    if (this.secrets.length === 0) return finding;
    finding.message = this.text(finding.message);
    if (finding.resource !== undefined) finding.resource = this.text(finding.resource);
    for (const related of finding.related ?? []) related.message = this.text(related.message);
    if (finding.fix) {
      finding.fix.description = this.text(finding.fix.description);
      for (const edit of finding.fix.edits) edit.newText = this.text(edit.newText);
    }
    if (finding.suppression) finding.suppression.justification = this.text(finding.suppression.justification);
    return finding;
  }
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
