/**
 * Plain text for the terminal: `file:line:col level RULE message`, one line per finding, then totals.
 * Suppressed and baselined findings are counted in the totals, not listed.
 * With `color`, levels and locations are colored (ANSI SGR).
 */
import { isActive, type Level } from "../core/finding.js";
import type { ScanResult } from "../scan.js";
import { countByLevel, countSetAside, describeCounts } from "./counts.js";

export interface TextOptions {
  color?: boolean;
}

const LEVEL_COLOR: Record<Level, string> = { error: "31", warning: "33", note: "36" };

export function renderText(result: ScanResult, options: TextOptions = {}): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines = result.findings
    .filter(isActive)
    .map(
      (f) =>
        `${paint("1", `${f.range.file}:${f.range.start.line}:${f.range.start.column}`)} ${paint(LEVEL_COLOR[f.level], f.level)} ${paint("2", f.ruleId)} ${f.message}`,
    );
  if (result.files.size === 0) {
    lines.push("No Terraform or CloudFormation files to analyse.");
    return `${lines.join("\n")}\n`;
  }
  const counts = countByLevel(result.findings);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const setAside = countSetAside(result.findings);
  const extra = [
    setAside.suppressed > 0 ? `${setAside.suppressed} suppressed` : "",
    setAside.baselined > 0 ? `${setAside.baselined} in the baseline` : "",
  ].filter(Boolean);
  if (result.leftOut && result.leftOut.error + result.leftOut.warning + result.leftOut.note > 0)
    extra.push(`${describeCounts(result.leftOut)} in unchanged files left out by only-changed`);
  lines.push(
    `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.note, "note")} in ${plural(result.files.size, "file")}${extra.length > 0 ? ` (${extra.join(", ")} not shown)` : ""}.`,
  );
  return `${lines.join("\n")}\n`;
}

/**
 * What the scan says about files rather than about infrastructure (skipped links, ignored
 * variables files), once each: the CLI writes it to stderr, so stdout holds only findings.
 */
export function renderScanNotes(result: Pick<ScanResult, "notes">): string {
  const lines = new Set(result.notes.map((note) => `${note.path}: ${note.message}`));
  return [...lines].map((line) => `note: ${line}\n`).join("");
}

/** Color on a terminal unless `NO_COLOR` is set (https://no-color.org), or when `FORCE_COLOR` asks. */
export function wantsColor(isTty: boolean, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return isTty;
}
