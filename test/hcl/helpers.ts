/** Helpers for the HCL parser tests: ranges as text and line:column. */
import { positionAt } from "../../src/core/range.js";
import type { ParseResult, Range } from "../../src/hcl/ast.js";
import { parseHcl } from "../../src/hcl/parser.js";

export interface Span {
  text: string;
  /** `line:column` of the start and the (exclusive) end, 1-based. */
  from: string;
  to: string;
}

/** The source text a range covers and where it starts and ends. */
export function span(result: ParseResult, source: string, range: Range): Span {
  const s = positionAt(result.lineStarts, range.start);
  const e = positionAt(result.lineStarts, range.end);
  return { text: source.slice(range.start, range.end), from: `${s.line}:${s.column}`, to: `${e.line}:${e.column}` };
}

/** Parses and returns the result with a `span` bound to it. */
export function parse(source: string, file = "test.tf") {
  const result = parseHcl(source, file);
  return { result, source, span: (range: Range) => span(result, source, range) };
}

/** Parses `name = <expr>` and returns the expression (asserting no diagnostics is up to the caller). */
export function parseExpr(exprSource: string) {
  const source = `v = ${exprSource}\n`;
  const parsed = parse(source);
  const attr = parsed.result.body.attributes[0];
  if (attr === undefined) throw new Error(`no attribute parsed from ${JSON.stringify(source)}`);
  return { ...parsed, expr: attr.expr };
}

/** Diagnostics as `summary @ from-to` strings, for exact comparison. */
export function diagnosticsOf(source: string): string[] {
  const { result } = parse(source);
  return result.diagnostics.map((d) => {
    const sp = span(result, source, d.subject);
    return `${d.summary} @ ${sp.from}-${sp.to}`;
  });
}
