/** Plain text for the terminal: `file:line:col level RULE message`, then totals. */
import type { ScanResult } from "../scan.js";
import { countByLevel } from "./counts.js";

export function renderText(result: ScanResult): string {
  const lines = result.findings.map(
    (f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId} ${f.message}`,
  );
  for (const note of result.notes) lines.push(`${note.path}: ${note.message}`);
  if (result.files.size === 0) {
    lines.push("No Terraform or CloudFormation files to analyse.");
    return lines.join("\n") + "\n";
  }
  const counts = countByLevel(result.findings);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  lines.push(
    `${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${plural(counts.note, "note")} in ${plural(result.files.size, "file")}.`,
  );
  return lines.join("\n") + "\n";
}
