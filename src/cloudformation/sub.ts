/**
 * `Fn::Sub` template strings, and building one string value out of known and
 * unknown parts (shared by `Fn::Sub`, `Fn::Join`, dynamic references and SAM
 * definition substitutions).
 */
import type { SourceRange } from "../core/range.js";
import { str, unknown, type ResourceRef, type TextPart, type UnknownValue, type Value } from "../core/value.js";

export type SubPart = { kind: "text"; text: string } | { kind: "variable"; name: string };

/** A span of a `Fn::Sub` string: text as written, an escape (`${!Literal}`) standing for `text`, or a variable. */
export type SubSpan =
  | { kind: "text"; start: number; end: number }
  | { kind: "escape"; text: string; start: number; end: number }
  | { kind: "variable"; name: string; start: number; end: number };

/**
 * Splits a `Fn::Sub` string into spans at `${Name}` variables.
 * `${!Literal}` is CloudFormation's escape: it stands for the text `${Literal}`.
 * An unclosed `${` is literal text, as CloudFormation leaves it.
 */
export function subTemplateSpans(template: string): SubSpan[] {
  const spans: SubSpan[] = [];
  let last = 0;
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("${", i);
    if (open < 0) break;
    const close = template.indexOf("}", open + 2);
    if (close < 0) break;
    if (open > last) spans.push({ kind: "text", start: last, end: open });
    const inner = template.slice(open + 2, close);
    if (inner.startsWith("!"))
      spans.push({ kind: "escape", text: `\${${inner.slice(1)}}`, start: open, end: close + 1 });
    else spans.push({ kind: "variable", name: inner.trim(), start: open, end: close + 1 });
    last = close + 1;
    i = close + 1;
  }
  if (last < template.length) spans.push({ kind: "text", start: last, end: template.length });
  return spans;
}

/** The same split as literal text (escapes merged into it) and variables. */
export function parseSubTemplate(template: string): SubPart[] {
  const parts: SubPart[] = [];
  let text = "";
  for (const span of subTemplateSpans(template)) {
    if (span.kind === "variable") {
      if (text) parts.push({ kind: "text", text });
      text = "";
      parts.push({ kind: "variable", name: span.name });
    } else text += span.kind === "escape" ? span.text : template.slice(span.start, span.end);
  }
  if (text) parts.push({ kind: "text", text });
  return parts;
}

/**
 * `value` with its parts recorded (`StringValue.parts`), when it is a string
 * (known or not) built from more than one part: text that is JSON with holes
 * is then parsed around them (a state machine definition).
 */
export function withParts(value: Value, parts: TextPart[]): Value {
  if ((value.kind !== "string" && value.kind !== "unknown") || parts.length < 2) return value;
  return { ...value, parts };
}

/** A part of a string being built: literal text, or a resolved value standing for its text. */
export type StringPiece = string | Value;

/**
 * Concatenates pieces into one string value at `range`. Known scalars become
 * text. If any piece is unknown (or not a scalar), the result is an Unknown
 * that keeps every piece's references, the reason of the first unknown piece,
 * and the known literal text before the first and after the last unknown piece.
 * A single piece that is a whole value is returned as itself (relocated), so
 * `!Sub "${Model.Arn}"` stays a pure reference.
 */
export function concatPieces(pieces: readonly StringPiece[], range: SourceRange | undefined, what: string): Value {
  const nonEmpty = pieces.filter((p) => p !== "");
  if (nonEmpty.length === 1 && typeof nonEmpty[0] !== "string" && nonEmpty[0]!.kind === "unknown") {
    return { ...nonEmpty[0]!, range };
  }
  const texts: (string | UnknownValue)[] = [];
  for (const piece of nonEmpty) {
    if (typeof piece === "string") texts.push(piece);
    else if (piece.kind === "string" || piece.kind === "number" || piece.kind === "bool")
      texts.push(String(piece.value));
    else if (piece.kind === "unknown") texts.push(piece);
    else
      texts.push(
        unknown("UNSUPPORTED", `${what} was given a ${piece.kind} where a string is expected.`, { range: piece.range }),
      );
  }
  const firstUnknown = texts.findIndex((t) => typeof t !== "string");
  if (firstUnknown < 0) return str(texts.join(""), range);
  let lastUnknown = texts.length - 1;
  while (typeof texts[lastUnknown] === "string") lastUnknown--;
  const unknowns = texts.filter((t): t is UnknownValue => typeof t !== "string");
  const first = unknowns[0]!;
  const prefix = (texts.slice(0, firstUnknown) as string[]).join("") + (first.prefix ?? "");
  const last = unknowns[unknowns.length - 1]!;
  const suffix = (last.suffix ?? "") + (texts.slice(lastUnknown + 1) as string[]).join("");
  const others = unknowns.length - 1;
  const detail =
    others === 0
      ? first.detail
      : `${first.detail.replace(/\.$/, "")} (and ${others} more unknown part${others > 1 ? "s" : ""}).`;
  return unknown(first.reason, detail, {
    refs: mergeRefs(unknowns.map((u) => u.refs)),
    range,
    prefix,
    suffix,
  });
}

/** The union of reference lists, in first-seen order, without duplicates. */
export function mergeRefs(lists: readonly (readonly ResourceRef[])[]): ResourceRef[] {
  const seen = new Set<string>();
  const out: ResourceRef[] = [];
  for (const refs of lists) {
    for (const ref of refs) {
      const key = `${ref.resource}\u0000${ref.attribute ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(ref);
    }
  }
  return out;
}

const DYNAMIC_REFERENCE = /\{\{resolve:(ssm|ssm-secure|secretsmanager):([^}]*)\}\}/g;

/**
 * A literal string with `{{resolve:ssm:…}}` / `{{resolve:secretsmanager:…}}`
 * dynamic references becomes an Unknown keeping the literal text around them.
 * Reason `IMPORT`: the value is fetched from another AWS store at deploy time,
 * the same situation as `Fn::ImportValue` or Terraform remote state, rather
 * than an id (`EXTERNAL_ID`) or a computed attribute.
 */
export function resolveDynamicReferences(value: string, range: SourceRange | undefined): Value {
  if (!value.includes("{{resolve:")) return str(value, range);
  const pieces: StringPiece[] = [];
  let last = 0;
  for (const match of value.matchAll(DYNAMIC_REFERENCE)) {
    pieces.push(value.slice(last, match.index));
    const store = match[1] === "secretsmanager" ? "Secrets Manager secret" : "SSM parameter";
    const name = (match[2] ?? "").split(":")[0] ?? "";
    pieces.push(
      unknown(
        "IMPORT",
        `The dynamic reference ${match[0]} is read from the ${store} ${name} when the stack is deployed.`,
        { range },
      ),
    );
    last = match.index + match[0].length;
  }
  pieces.push(value.slice(last));
  return concatPieces(pieces, range, "A dynamic reference");
}
