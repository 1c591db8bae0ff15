/** The JSON report; its schema is `schemas/findings.schema.json`. */
import type { ScanResult } from "../scan.js";
import { countByLevel } from "./counts.js";
import { findingFingerprint } from "./fingerprint.js";
import type { SourceRange } from "../core/range.js";

const lineColumns = (range: SourceRange) => ({
  start: { line: range.start.line, column: range.start.column },
  end: { line: range.end.line, column: range.end.column },
});

export function renderJson(result: ScanResult): string {
  const findings = result.findings.map((f) => ({
    ruleId: f.ruleId,
    level: f.level,
    message: f.message,
    file: f.range.file,
    range: lineColumns(f.range),
    resource: f.resource ?? null,
    fingerprint: findingFingerprint(f, result.files.get(f.range.file)?.text),
    ...(f.suppression
      ? {
          suppression: {
            justification: f.suppression.justification,
            ...(f.suppression.until ? { until: f.suppression.until } : {}),
          },
        }
      : {}),
    ...(f.baselineState ? { baselineState: f.baselineState } : {}),
    ...(f.fix
      ? {
          fix: {
            description: f.fix.description,
            edits: f.fix.edits.map((e) => ({ file: e.range.file, range: lineColumns(e.range), newText: e.newText })),
          },
        }
      : {}),
  }));
  return `${JSON.stringify({ version: 1, root: result.root, findings, counts: countByLevel(result.findings) }, null, 2)}\n`;
}
