/**
 * Templates: quoted strings and heredocs.
 *
 * Template text is scanned character by character from the scanner's position
 * (the expression scanner does not tokenize it); `${ … }` and `%{ … }`
 * sequences hand back to the expression parser and resume after the `}`.
 * Parsing happens in three steps, as in hclsyntax:
 *   1. a flat list of literal chunks, interpolations and directives;
 *   2. literal post-processing: `~` strip markers trimming whitespace of the
 *      neighbouring literals, then (for `<<-`) removal of the common
 *      indentation — in that order, as hashicorp/hcl does;
 *   3. nesting `if`/`else`/`endif` and `for`/`endfor` into a tree.
 */
import type {
  Expression,
  Range,
  Template,
  TemplateFor,
  TemplateIf,
  TemplateInterpolation,
  TemplateLiteral,
  TemplatePart,
} from "./ast.js";
import type { Parser } from "./parser.js";
import { Tok, isIdentStartAt, scanIdentEnd } from "./scanner.js";

enum Kind {
  Literal,
  Interpolation,
  Directive,
}

interface RawLiteral {
  kind: Kind.Literal;
  node: TemplateLiteral;
  /** In a heredoc: the item begins a line of the source. */
  lineStart?: boolean;
}

interface RawInterpolation {
  kind: Kind.Interpolation;
  node: TemplateInterpolation;
  lineStart?: boolean;
}

type DirectiveWord = "if" | "else" | "endif" | "for" | "endfor";

interface RawDirective {
  kind: Kind.Directive;
  word: DirectiveWord;
  range: Range;
  stripLeft: boolean;
  stripRight: boolean;
  lineStart?: boolean;
  expr?: Expression;
  keyVar?: string;
  keyVarRange?: Range;
  valueVar?: string;
  valueVarRange?: Range;
}

type RawItem = RawLiteral | RawInterpolation | RawDirective;

/** At the opening quote (current token). Leaves the token after the closing quote current. */
export function parseQuotedTemplate(p: Parser, start: number): Template {
  return parsePlainQuotedTemplate(p, start) ?? parseQuotedTemplateText(p, start);
}

/**
 * The most common template, plain text without escapes or sequences, quickly;
 * undefined (nothing consumed) for any other. Separate from
 * `parseQuotedTemplateText` so that only one of them is on the stack while
 * nested templates are parsed.
 */
export function parsePlainQuotedTemplate(p: Parser, start: number): Template | undefined {
  const src = p.src;
  const len = src.length;
  let i = start + 1;
  for (;;) {
    const c = src.charCodeAt(i);
    if (c === 34) {
      const parts: TemplatePart[] =
        i === start + 1
          ? []
          : [{ type: "TemplateLiteral", range: { start: start + 1, end: i }, value: src.slice(start + 1, i) }];
      p.s.pos = i + 1;
      p.s.next();
      return { type: "Template", range: { start, end: i + 1 }, parts };
    }
    if (c === 92 || c === 36 || c === 37 || c === 10 || c === 13 || i >= len) return undefined;
    i++;
  }
}

/** The general case of `parseQuotedTemplate`. */
export function parseQuotedTemplateText(p: Parser, start: number): Template {
  const src = p.src;
  const len = src.length;
  const items: RawItem[] = [];
  let i = start + 1;
  let chunkStart = i; // raw text not yet appended to `decoded`
  let literalStart = i;
  let decoded = "";
  let end: number;
  for (;;) {
    if (i >= len) {
      p.report("Unterminated template string", "No closing quote was found for this string.", start, start + 1);
      end = len;
      break;
    }
    const c = src.charCodeAt(i);
    if (c === 34) {
      end = i + 1;
      break;
    }
    if (c === 10 || c === 13) {
      p.report(
        "Unterminated template string",
        "No closing quote was found for this string before the end of the line; use a heredoc for multi-line text.",
        start,
        start + 1,
      );
      end = i;
      break;
    }
    if (c === 92) {
      decoded += src.slice(chunkStart, i);
      const n = decodeEscape(p, i);
      decoded += n.text;
      i = n.end;
      chunkStart = i;
      continue;
    }
    if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === 123) {
      pushLiteral(items, literalStart, i, decoded + src.slice(chunkStart, i));
      decoded = "";
      i = c === 36 ? parseInterpolation(p, i, items, true) : parseDirective(p, i, items, true);
      chunkStart = literalStart = i;
      continue;
    }
    if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === c && src.charCodeAt(i + 2) === 123) {
      // `$${` and `%%{` are the literal `${` and `%{`.
      decoded += `${src.slice(chunkStart, i + 1)}{`;
      i += 3;
      chunkStart = i;
      continue;
    }
    i++;
  }
  pushLiteral(items, literalStart, Math.min(i, end), decoded + src.slice(chunkStart, Math.min(i, end)));
  let parts: TemplatePart[];
  const only = items[0];
  if (items.length === 0) parts = [];
  else if (items.length === 1 && only!.kind !== Kind.Directive)
    parts = [only!.node]; // the common case: nothing to strip or nest
  else {
    applyStripMarkers(items);
    parts = nestDirectives(p, items);
  }
  p.s.pos = end;
  p.s.next();
  return { type: "Template", range: { start, end }, parts };
}

/** At a heredoc opener (current token). Leaves the newline after the closing marker current. */
export function parseHeredocTemplate(p: Parser): Template {
  const src = p.src;
  const len = src.length;
  const s = p.s;
  const start = s.start;
  const indented = src.charCodeAt(start + 2) === 45;
  const markerStart = start + (indented ? 3 : 2);
  const marker = src.slice(markerStart, scanIdentEnd(src, markerStart));
  const items: RawItem[] = [];
  let i = s.end;
  let chunkStart = i;
  let literalStart = i;
  let decoded = "";
  let atLineStart = true;
  let lineBegin = i;
  let end: number;
  for (;;) {
    if (atLineStart) {
      const markerEnd = closingMarkerEnd(src, i, marker);
      if (markerEnd >= 0) {
        end = markerEnd;
        break;
      }
      atLineStart = false;
    }
    if (i >= len) {
      p.report(
        "Unterminated template string",
        `No closing marker was found for this heredoc: a line "${marker}" is expected after its content.`,
        start,
        markerStart + marker.length,
      );
      end = len;
      break;
    }
    const c = src.charCodeAt(i);
    if (c === 13 && src.charCodeAt(i + 1) !== 10) {
      p.report(
        "Invalid character",
        "A carriage return must be followed by a line feed; a lone CR is not a line ending in HCL.",
        i,
        i + 1,
      );
      i++;
      continue;
    }
    if (c === 10 || c === 13) {
      // One literal per line, so that `<<-` can remove indentation line by line.
      i += c === 13 ? 2 : 1;
      pushLiteral(items, literalStart, i, decoded + src.slice(chunkStart, i), literalStart === lineBegin);
      decoded = "";
      chunkStart = literalStart = lineBegin = i;
      atLineStart = true;
      continue;
    }
    if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === 123) {
      pushLiteral(items, literalStart, i, decoded + src.slice(chunkStart, i), literalStart === lineBegin);
      decoded = "";
      const sequenceStart = i;
      const count = items.length;
      i = c === 36 ? parseInterpolation(p, i, items, false) : parseDirective(p, i, items, false);
      // A sequence first on its line gives that line indentation 0 (for `<<-`).
      const sequence = items[count];
      if (sequence !== undefined && sequenceStart === lineBegin) sequence.lineStart = true;
      chunkStart = literalStart = i;
      continue;
    }
    if ((c === 36 || c === 37) && src.charCodeAt(i + 1) === c && src.charCodeAt(i + 2) === 123) {
      decoded += `${src.slice(chunkStart, i + 1)}{`;
      i += 3;
      chunkStart = i;
      continue;
    }
    i++;
  }
  pushLiteral(
    items,
    literalStart,
    Math.min(i, end),
    decoded + src.slice(chunkStart, Math.min(i, end)),
    literalStart === lineBegin,
  );
  // As in hclsyntax, strip markers apply first; a line whose indentation was
  // stripped away then counts as unindented.
  applyStripMarkers(items);
  if (indented) removeIndentation(items);
  const parts = nestDirectives(p, mergeLiterals(items));
  s.pos = end;
  s.next();
  return { type: "Template", range: { start, end }, parts, heredoc: { marker, indented } };
}

/**
 * If the line starting at `i` is the closing marker, the offset after it and the
 * white space that follows it (before the newline); else -1. As hashicorp/hcl's
 * scanner, the line is compared with the marker after trimming white space on
 * both sides (Go's `bytes.TrimSpace`: Unicode white space, not only spaces and
 * tabs), and it must end with a newline (LF or CRLF): a marker that ends the
 * file does not close the heredoc.
 */
function closingMarkerEnd(src: string, i: number, marker: string): number {
  while (isTrimmedSpace(src.charCodeAt(i))) i++;
  if (!src.startsWith(marker, i)) return -1;
  let end = i + marker.length;
  while (isTrimmedSpace(src.charCodeAt(end))) end++;
  const c = src.charCodeAt(end);
  if (c === 10 || (c === 13 && src.charCodeAt(end + 1) === 10)) return end;
  return -1;
}

/**
 * White space that Go's `unicode.IsSpace` reports (what `bytes.TrimSpace` trims),
 * less CR and LF, which a heredoc line cannot contain: tab, VT, FF, space, NEL,
 * NBSP, and the Unicode spaces U+1680, U+2000-U+200A, U+2028, U+2029, U+202F,
 * U+205F, U+3000.
 */
function isTrimmedSpace(c: number): boolean {
  if (c === 32 || c === 9 || c === 11 || c === 12) return true;
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function pushLiteral(items: RawItem[], start: number, end: number, value: string, lineStart = false): void {
  if (end <= start) return;
  items.push({ kind: Kind.Literal, node: { type: "TemplateLiteral", range: { start, end }, value }, lineStart });
}

const SIMPLE_ESCAPES: Record<number, string> = { 110: "\n", 114: "\r", 116: "\t", 34: '"', 92: "\\" };

/** At a backslash in a quoted template: the decoded text and the offset after the escape. */
function decodeEscape(p: Parser, i: number): { text: string; end: number } {
  const src = p.src;
  const c = src.charCodeAt(i + 1);
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { text: simple, end: i + 2 };
  if (c === 117 || c === 85) {
    const digits = c === 117 ? 4 : 8;
    let value = 0;
    let j = i + 2;
    for (; j < i + 2 + digits; j++) {
      const h = hexValue(src.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
    }
    if (j === i + 2 + digits && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff)) {
      return { text: String.fromCodePoint(value), end: j };
    }
    p.report(
      "Invalid escape sequence",
      `The "\\${String.fromCharCode(c)}" escape must be followed by ${digits} hexadecimal digits of a Unicode scalar value.`,
      i,
      j,
    );
    return { text: "", end: j };
  }
  if (c === 10 || c === 13 || Number.isNaN(c)) {
    // A backslash before the line end: the unterminated string is reported by the caller.
    return { text: "\\", end: i + 1 };
  }
  const width = src.codePointAt(i + 1)! > 0xffff ? 2 : 1;
  p.report(
    "Invalid escape sequence",
    `The symbol ${JSON.stringify(src.slice(i + 1, i + 1 + width))} is not a valid escape sequence selector.`,
    i,
    i + 1 + width,
  );
  return { text: src.slice(i + 1, i + 1 + width), end: i + 1 + width };
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * At `${`: parses the expression up to `}` and appends the interpolation.
 * Returns the offset just after the closing brace.
 */
function parseInterpolation(p: Parser, i: number, items: RawItem[], quoted: boolean): number {
  const s = p.s;
  const src = p.src;
  let j = i + 2;
  const stripLeft = src.charCodeAt(j) === 126;
  if (stripLeft) j++;
  const savedNl = p.nl;
  p.nl = false;
  s.pos = j;
  s.next();
  // No depth count here: the template's quote or heredoc opener was counted.
  const expr = p.parseExpression();
  let stripRight = false;
  if (p.tok() === Tok.Tilde) {
    stripRight = true;
    s.next();
  }
  const end = closeSequence(p, expr, "interpolation", i, quoted);
  p.nl = savedNl;
  items.push({
    kind: Kind.Interpolation,
    node: { type: "TemplateInterpolation", range: { start: i, end }, expr, stripLeft, stripRight },
  });
  return end;
}

/**
 * Expects the `}` that closes the template sequence that began at
 * `sequenceStart`; on anything else reports (unless the expression already
 * failed) and skips to the next `}`. In a quoted template a closing quote or
 * the end of the line also ends the skipping: the sequence was left open.
 * Returns the offset after the brace, or where the skipping stopped.
 */
function closeSequence(
  p: Parser,
  expr: Expression | undefined,
  what: string,
  sequenceStart: number,
  quoted: boolean,
): number {
  const s = p.s;
  if (p.tok() === Tok.RBrace) return s.end;
  // In a quoted template, reaching the closing quote or another line means the sequence was never closed.
  const lineEnd = quoted ? firstLineBreak(p.src, expr?.range.end ?? sequenceStart, s.start) : -1;
  const lineEnded = lineEnd >= 0;
  const unclosed = s.type === Tok.EOF || (quoted && (s.type === Tok.OQuote || lineEnded));
  if (expr === undefined || expr.type !== "Invalid") {
    if (unclosed) {
      p.report(
        `Unclosed template ${what}`,
        `There is no closing brace for this template ${what}.`,
        sequenceStart,
        sequenceStart + 2,
      );
    } else {
      p.report(
        `Extra characters after ${what}`,
        `Expected a closing brace to end the ${what}, but found ${p.describe()}.`,
        s.start,
        s.end,
      );
    }
  }
  if (lineEnded) return lineEnd;
  let nesting = 0;
  for (;;) {
    const t = s.type;
    if (t === Tok.EOF) return s.start;
    if (quoted && (t === Tok.OQuote || t === Tok.Newline) && nesting === 0) return s.start;
    if (t === Tok.LBrace || t === Tok.LBrack || t === Tok.LParen) nesting++;
    else if (t === Tok.RBrace || t === Tok.RBrack || t === Tok.RParen) {
      if (nesting === 0 && t === Tok.RBrace) return s.end;
      if (nesting > 0) nesting--;
    } else if (t === Tok.OQuote) {
      skipQuotedTemplate(p);
      continue;
    }
    s.next();
  }
}

/** Offset of the first line break in `[from, to)`, or -1. */
function firstLineBreak(src: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/** At `%{`: parses one directive and appends it. Returns the offset after its `}`. */
function parseDirective(p: Parser, i: number, items: RawItem[], quoted: boolean): number {
  const s = p.s;
  const src = p.src;
  let j = i + 2;
  const stripLeft = src.charCodeAt(j) === 126;
  if (stripLeft) j++;
  const savedNl = p.nl;
  p.nl = false;
  s.pos = j;
  s.next();
  const word = p.tok() === Tok.Ident ? src.slice(s.start, s.end) : "";
  const directive: RawDirective = {
    kind: Kind.Directive,
    word: "if",
    range: { start: i, end: i },
    stripLeft,
    stripRight: false,
  };
  let expr: Expression | undefined;
  let valid = true;
  switch (word) {
    case "if":
      s.next();
      expr = directive.expr = parseNestedExpression(p);
      break;
    case "for": {
      s.next();
      directive.word = "for";
      if (p.tok() !== Tok.Ident) {
        valid = false;
        break;
      }
      directive.valueVar = src.slice(s.start, s.end);
      directive.valueVarRange = { start: s.start, end: s.end };
      s.next();
      if (p.tok() === Tok.Comma) {
        s.next();
        if (p.tok() !== Tok.Ident) {
          valid = false;
          break;
        }
        directive.keyVar = directive.valueVar;
        directive.keyVarRange = directive.valueVarRange;
        directive.valueVar = src.slice(s.start, s.end);
        directive.valueVarRange = { start: s.start, end: s.end };
        s.next();
      }
      if (!(p.tok() === Tok.Ident && s.end - s.start === 2 && src.startsWith("in", s.start))) {
        valid = false;
        break;
      }
      s.next();
      expr = directive.expr = parseNestedExpression(p);
      break;
    }
    case "else":
    case "endif":
    case "endfor":
      directive.word = word;
      s.next();
      break;
    default:
      valid = false;
  }
  if (!valid) {
    p.report(
      "Invalid template directive",
      word === "for"
        ? 'A "for" directive is written as %{ for name in collection } or %{ for key, name in collection }.'
        : 'A template directive keyword ("if", "for", "else", "endif" or "endfor") is expected at the beginning of a %{ sequence.',
      s.start,
      s.end,
    );
    expr = { type: "Invalid", range: { start: s.start, end: s.start } };
  }
  if (p.tok() === Tok.Tilde) {
    directive.stripRight = true;
    s.next();
  }
  const end = closeSequence(p, expr, "directive", i, quoted);
  p.nl = savedNl;
  directive.range.end = end;
  if (valid) items.push(directive);
  return end;
}

/** A directive's expression (no depth count: the template's opener was counted). */
function parseNestedExpression(p: Parser): Expression {
  return p.parseExpression();
}

/**
 * `<<-`: removes the smallest indentation (spaces and tabs, one column each)
 * of the non-blank lines from every non-blank line. A line that starts with a
 * sequence has indentation 0; whitespace-only lines are left as they are.
 * Lines are those of the source (`lineStart`), not of the stripped values.
 */
function removeIndentation(items: RawItem[]): void {
  let min = Infinity;
  for (const item of items) {
    if (!item.lineStart) continue;
    if (item.kind !== Kind.Literal) {
      min = 0;
      break;
    }
    const n = indentationOf(item.node.value);
    if (n >= 0 && n < min) min = n;
  }
  if (min === Infinity || min === 0) return;
  for (const item of items) {
    if (item.lineStart && item.kind === Kind.Literal && indentationOf(item.node.value) >= 0) {
      item.node.value = item.node.value.slice(min);
    }
  }
}

/** Leading spaces/tabs of a line's first literal, or -1 if the line is blank. */
function indentationOf(value: string): number {
  let n = 0;
  while (n < value.length) {
    const c = value.charCodeAt(n);
    if (c !== 32 && c !== 9) break;
    n++;
  }
  if (n === value.length) {
    // Whitespace only, followed by a sequence on the same line: it counts.
    return value.endsWith("\n") ? -1 : n;
  }
  const c = value.charCodeAt(n);
  return c === 10 || c === 13 ? -1 : n;
}

/** `~` markers: trim whitespace off the literal just before `${~`/`%{~` and just after `~}`. */
function applyStripMarkers(items: RawItem[]): void {
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    if (item.kind === Kind.Literal) continue;
    const stripLeft = item.kind === Kind.Interpolation ? item.node.stripLeft : item.stripLeft;
    const stripRight = item.kind === Kind.Interpolation ? item.node.stripRight : item.stripRight;
    const before = items[k - 1];
    if (stripLeft && before !== undefined && before.kind === Kind.Literal)
      before.node.value = before.node.value.trimEnd();
    const after = items[k + 1];
    if (stripRight && after !== undefined && after.kind === Kind.Literal)
      after.node.value = after.node.value.trimStart();
  }
}

/** Joins consecutive literals (heredoc lines) into one part. */
function mergeLiterals(items: RawItem[]): RawItem[] {
  const out: RawItem[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (item.kind === Kind.Literal && last !== undefined && last.kind === Kind.Literal) {
      last.node.value += item.node.value;
      last.node.range.end = item.node.range.end;
    } else {
      out.push(item);
    }
  }
  return out;
}

interface Frame {
  directive: RawDirective;
  parts: TemplatePart[];
  thenParts?: TemplatePart[];
  elseDirective?: RawDirective;
}

/** Builds the tree of `if`/`for` directives from the flat list. */
function nestDirectives(p: Parser, items: RawItem[]): TemplatePart[] {
  const root: TemplatePart[] = [];
  const stack: Frame[] = [];
  let parts = root;
  for (const item of items) {
    if (item.kind !== Kind.Directive) {
      parts.push(item.node);
      continue;
    }
    const top = stack[stack.length - 1];
    switch (item.word) {
      case "if":
      case "for":
        stack.push({ directive: item, parts: [] });
        parts = stack[stack.length - 1]!.parts;
        break;
      case "else":
        if (top === undefined || top.directive.word !== "if" || top.elseDirective !== undefined) {
          unexpected(p, item);
          break;
        }
        top.thenParts = top.parts;
        top.parts = [];
        top.elseDirective = item;
        parts = top.parts;
        break;
      case "endif":
      case "endfor": {
        const opener = item.word === "endif" ? "if" : "for";
        if (top === undefined || top.directive.word !== opener) {
          unexpected(p, item);
          break;
        }
        stack.pop();
        parts = stack.length === 0 ? root : stack[stack.length - 1]!.parts;
        parts.push(closeFrame(top, item));
        break;
      }
    }
  }
  // Unclosed directives: report, and keep their content as if closed at the end.
  while (stack.length > 0) {
    const top = stack.pop()!;
    const d = top.directive;
    p.report(
      `Unclosed template ${d.word}`,
      `There is no %{ end${d.word} } for this %{ ${d.word} } directive.`,
      d.range.start,
      d.range.end,
    );
    const parent = stack.length === 0 ? root : stack[stack.length - 1]!.parts;
    const lastRange = top.parts.length > 0 ? top.parts[top.parts.length - 1]!.range : d.range;
    const fakeEnd: RawDirective = {
      ...d,
      word: d.word === "if" ? "endif" : "endfor",
      range: { start: lastRange.end, end: lastRange.end },
    };
    parent.push(closeFrame(top, fakeEnd));
  }
  return root;
}

function unexpected(p: Parser, d: RawDirective): void {
  p.report(
    "Unexpected template directive",
    `There is no open %{ ${d.word === "endfor" ? "for" : "if"} } directive for this %{ ${d.word} }.`,
    d.range.start,
    d.range.end,
  );
}

function closeFrame(frame: Frame, end: RawDirective): TemplateIf | TemplateFor {
  const d = frame.directive;
  const range = { start: d.range.start, end: end.range.end };
  const expr = d.expr ?? { type: "Invalid" as const, range: { start: d.range.start, end: d.range.start } };
  if (d.word === "if") {
    const node: TemplateIf = {
      type: "TemplateIf",
      range,
      condition: expr,
      thenParts: frame.thenParts ?? frame.parts,
      elseParts: frame.thenParts === undefined ? [] : frame.parts,
      ifRange: d.range,
      endifRange: end.range,
      ifStrip: [d.stripLeft, d.stripRight],
      endifStrip: [end.stripLeft, end.stripRight],
    };
    if (frame.elseDirective !== undefined) {
      node.elseRange = frame.elseDirective.range;
      node.elseStrip = [frame.elseDirective.stripLeft, frame.elseDirective.stripRight];
    }
    return node;
  }
  const node: TemplateFor = {
    type: "TemplateFor",
    range,
    valueVar: d.valueVar ?? "",
    valueVarRange: d.valueVarRange ?? d.range,
    collection: expr,
    bodyParts: frame.parts,
    forRange: d.range,
    endforRange: end.range,
    forStrip: [d.stripLeft, d.stripRight],
    endforStrip: [end.stripLeft, end.stripRight],
  };
  if (d.keyVar !== undefined) {
    node.keyVar = d.keyVar;
    node.keyVarRange = d.keyVarRange!;
  }
  return node;
}

/** Recovery: at an opening quote, skips to just after the closing quote (or the line end). */
export function skipQuotedTemplate(p: Parser): void {
  const src = p.src;
  let i = p.s.start + 1;
  let braces = 0;
  for (; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 123) braces++;
    else if (c === 125 && braces > 0) braces--;
    else if ((c === 34 && braces === 0) || c === 10 || c === 13) break;
  }
  p.s.pos = src.charCodeAt(i) === 34 ? i + 1 : i;
  p.s.next();
}

/** Recovery: at a heredoc opener, skips past its closing marker (or to the end of the file). */
export function skipHeredoc(p: Parser): void {
  const src = p.src;
  const start = p.s.start;
  const markerStart = start + (src.charCodeAt(start + 2) === 45 ? 3 : 2);
  const marker = src.slice(
    markerStart,
    isIdentStartAt(src, markerStart) ? scanIdentEnd(src, markerStart) : markerStart,
  );
  let i = p.s.end;
  let end = src.length;
  while (i < src.length) {
    const markerEnd = closingMarkerEnd(src, i, marker);
    if (markerEnd >= 0) {
      end = markerEnd;
      break;
    }
    const nl = src.indexOf("\n", i);
    if (nl < 0) break;
    i = nl + 1;
  }
  p.s.pos = end;
  p.s.next();
}
