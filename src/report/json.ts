/** The JSON report; its schema is `schemas/findings.schema.json`. */
import type { ScanResult } from "../scan.js";
import { countByLevel } from "./counts.js";
import { findingFingerprint } from "./fingerprint.js";

export function renderJson(result: ScanResult): string {
  const findings = result.findings.map((f) => ({
    ruleId: f.ruleId,
    level: f.level,
    message: f.message,
    file: f.range.file,
    range: {
      start: { line: f.range.start.line, column: f.range.start.column },
      end: { line: f.range.end.line, column: f.range.end.column },
    },
    resource: f.resource ?? null,
    fingerprint: findingFingerprint(f, result.files.get(f.range.file)?.text),
    ...(f.suppression ? { suppression: { justification: f.suppression.justification, ...(f.suppression.until ? { until: f.suppression.until } : {}) } } : {}),
    ...(f.baselineState ? { baselineState: f.baselineState } : {}),
  }));
  return JSON.stringify({ version: 1, root: result.root, findings, counts: countByLevel(result.findings) }, null, 2) + "\n";
}
