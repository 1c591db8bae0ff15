/**
 * Diagnostics of the HCL parser: constructors and conversion to the
 * project-wide `SourceRange`.
 */
import { positionAt, rangeAt, type SourceRange } from "../core/range.js";
import type { Diagnostic, Range } from "./ast.js";

export function error(summary: string, detail: string, start: number, end: number): Diagnostic {
  return { severity: "error", summary, detail, subject: { start, end } };
}

/** A node or diagnostic range as a `SourceRange` with lines and columns. */
export function toSourceRange(file: string, lineStarts: readonly number[], range: Range): SourceRange {
  return rangeAt(file, lineStarts, range.start, range.end);
}

/** `file:line,col-line,col: summary; detail` — the form hashicorp/hcl prints. */
export function formatDiagnostic(file: string, lineStarts: readonly number[], d: Diagnostic): string {
  const s = positionAt(lineStarts, d.subject.start);
  const e = positionAt(lineStarts, d.subject.end);
  const where = s.line === e.line ? `${s.line},${s.column}-${e.column}` : `${s.line},${s.column}-${e.line},${e.column}`;
  return `${file}:${where}: ${d.summary}${d.detail ? `; ${d.detail}` : ""}`;
}
