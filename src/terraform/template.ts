/**
 * Templates: parsing template text that does not come from an HCL file
 * (`.tf.json` strings, `templatefile` files) and combining evaluated template
 * pieces into a string — or into an Unknown string that keeps its known
 * literal beginning and end (DESIGN.md, "Values").
 *
 * `src/hcl` has no template-only entry point, so template text is parsed by
 * wrapping it in a heredoc (`x = <<MARKER\n…\nMARKER\n`): heredoc content is
 * template syntax with no backslash escapes, exactly what a template file or
 * an already-decoded JSON string holds. Offsets are then shifted back into the
 * original file.
 */
import { parseHcl } from "../hcl/index.js";
import type { Template, TemplatePart } from "../hcl/index.js";
import type { ResourceRef, UnknownValue, Value } from "../core/value.js";
import { unknown } from "../core/value.js";
import type { SourceRange } from "../core/range.js";

export interface ParsedTemplate {
  template: Template;
  /** Parse errors, with offsets already mapped into the original file. */
  errors: { message: string; start: number; end: number }[];
}

/**
 * Parses `text` as a template. `baseOffset` is where `text` starts in its file
 * (when the text is the file's content verbatim), or a map from offsets in
 * `text` to offsets in the file (text decoded from escapes, a `.tf.json`
 * string); without either every node gets the `fallback` span.
 */
export function parseTemplateText(
  text: string,
  baseOffset: number | ((offset: number) => number) | undefined,
  fallback: { start: number; end: number },
): ParsedTemplate {
  let marker = "SMVG_TEMPLATE_END";
  while (text.includes(marker)) marker += "_";
  const addNewline = !text.endsWith("\n");
  const head = `x = <<${marker}\n`;
  const wrapped = `${head}${text}${addNewline ? "\n" : ""}${marker}\n`;
  const parsed = parseHcl(wrapped, "<template>");
  const contentEnd = head.length + text.length;
  const map = (offset: number): number => {
    if (baseOffset === undefined) return fallback.start;
    const inText = Math.min(Math.max(offset, head.length), contentEnd) - head.length;
    return typeof baseOffset === "number" ? baseOffset + inText : baseOffset(inText);
  };
  const mapRange = (r: { start: number; end: number }): { start: number; end: number } =>
    baseOffset === undefined ? { start: fallback.start, end: fallback.end } : { start: map(r.start), end: map(r.end) };
  const expr = parsed.body.attributes[0]?.expr;
  let template: Template;
  if (expr?.type === "Template") {
    template = expr;
    shiftRanges(template, mapRange);
  } else {
    template = {
      type: "Template",
      range: mapRange({ start: head.length, end: contentEnd }),
      parts: [{ type: "TemplateLiteral", range: mapRange({ start: head.length, end: contentEnd }), value: text }],
    };
  }
  template.range = baseOffset === undefined ? { ...fallback } : { start: map(head.length), end: map(contentEnd) };
  delete template.heredoc;
  if (addNewline) stripFinalNewline(template.parts);
  const errors = parsed.diagnostics.map((d) => ({
    message: d.detail ? `${d.summary}: ${d.detail}` : d.summary,
    ...mapRange(d.subject),
  }));
  return { template, errors };
}

function stripFinalNewline(parts: TemplatePart[]): void {
  const last = parts[parts.length - 1];
  if (last?.type !== "TemplateLiteral" || !last.value.endsWith("\n")) return;
  last.value = last.value.slice(0, -1);
  if (last.value === "") parts.pop();
}

/** Replaces every `{start, end}` offset pair in a plain-data AST (in place). */
export function shiftRanges(
  node: unknown,
  map: (r: { start: number; end: number }) => { start: number; end: number },
): void {
  if (Array.isArray(node)) {
    for (const item of node) shiftRanges(item, map);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    if (isOffsetRange(child)) record[key] = map(child);
    else shiftRanges(child, map);
  }
}

function isOffsetRange(value: unknown): value is { start: number; end: number } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const r = value as { start?: unknown; end?: unknown };
  return keys.length === 2 && typeof r.start === "number" && typeof r.end === "number";
}

/** A piece of an evaluated template: literal or interpolated text, or an Unknown. */
export type TemplatePiece = { text: string } | { unknown: UnknownValue };

/**
 * Joins evaluated pieces. All known → a string; otherwise an Unknown string
 * whose prefix is the known text before the first Unknown (plus that
 * Unknown's own prefix) and whose suffix is the known text after the last one.
 */
export function joinTemplatePieces(pieces: readonly TemplatePiece[], range: SourceRange | undefined): Value {
  const firstUnknown = pieces.findIndex((p) => "unknown" in p);
  if (firstUnknown < 0)
    return { kind: "string", value: pieces.map((p) => ("text" in p ? p.text : "")).join(""), range };
  let lastUnknown = firstUnknown;
  for (let i = pieces.length - 1; i >= 0; i--) {
    if ("unknown" in pieces[i]!) {
      lastUnknown = i;
      break;
    }
  }
  const first = (pieces[firstUnknown] as { unknown: UnknownValue }).unknown;
  const last = (pieces[lastUnknown] as { unknown: UnknownValue }).unknown;
  const before = pieces
    .slice(0, firstUnknown)
    .map((p) => ("text" in p ? p.text : ""))
    .join("");
  const after = pieces
    .slice(lastUnknown + 1)
    .map((p) => ("text" in p ? p.text : ""))
    .join("");
  const refs: ResourceRef[] = [];
  for (const piece of pieces) if ("unknown" in piece) addRefs(refs, piece.unknown.refs);
  return unknown(first.reason, first.detail, {
    refs,
    range,
    prefix: before + (first.prefix ?? ""),
    suffix: (last.suffix ?? "") + after,
  });
}

export function addRefs(into: ResourceRef[], refs: readonly ResourceRef[]): void {
  for (const ref of refs) {
    if (!into.some((r) => r.resource === ref.resource && r.attribute === ref.attribute)) into.push(ref);
  }
}
