import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/parallel/parse-worker.ts
import { parentPort } from "node:worker_threads";

// src/core/range.ts
function lineStarts(text) {
  const starts = [0];
  if (text.indexOf("\r") < 0) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
function positionAt(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1, offset };
}
var OffsetRange = class {
  constructor(file, starts, start, end) {
    this.file = file;
    this.#starts = starts;
    this.#start = start;
    this.#end = end;
  }
  file;
  #starts;
  #start;
  #end;
  get start() {
    return positionAt(this.#starts, this.#start);
  }
  get end() {
    return positionAt(this.#starts, this.#end);
  }
  toJSON() {
    return { file: this.file, start: this.start, end: this.end };
  }
  /** `console.log` and `util.inspect` show the plain form. */
  [/* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom")]() {
    return this.toJSON();
  }
  /** Offsets without computing positions: `compareRanges` sorts many ranges. */
  static startOffset(range) {
    return #start in range ? range.#start : range.start.offset;
  }
  static endOffset(range) {
    return #end in range ? range.#end : range.end.offset;
  }
  static is(value) {
    return typeof value === "object" && value !== null && #start in value;
  }
};

// src/hcl/diagnostics.ts
function error(summary, detail, start, end) {
  return { severity: "error", summary, detail, subject: { start, end } };
}

// src/hcl/limits.ts
var MAX_NESTING_DEPTH = 1e3;

// src/hcl/scanner.ts
var ID_START = /[\p{ID_Start}]/u;
var ID_CONTINUE = /[\p{ID_Continue}]/u;
function isIdentStartAt(src, i) {
  const c = src.charCodeAt(i);
  if (c < 128) return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95;
  return ID_START.test(String.fromCodePoint(src.codePointAt(i)));
}
function identContinueLength(src, i) {
  const c = src.charCodeAt(i);
  if (c < 128) {
    return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95 || c === 45 ? 1 : 0;
  }
  if (i >= src.length) return 0;
  const cp = src.codePointAt(i);
  return ID_CONTINUE.test(String.fromCodePoint(cp)) ? cp > 65535 ? 2 : 1 : 0;
}
function scanIdentEnd(src, i) {
  i += src.charCodeAt(i) >= 55296 && src.charCodeAt(i) <= 56319 ? 2 : 1;
  for (; ; ) {
    const c = src.charCodeAt(i);
    if (c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95 || c === 45) {
      i++;
      continue;
    }
    if (c < 128 || i >= src.length) return i;
    const n = identContinueLength(src, i);
    if (n === 0) return i;
    i += n;
  }
}
var Scanner = class {
  src;
  length;
  /** Offset where the next token scan begins. */
  pos;
  type = 0 /* EOF */;
  start = 0;
  end = 0;
  comments;
  diagnostics;
  /** Comments that end at or before this offset were already recorded. */
  commentsRecordedTo = 0;
  /** Tokens scanned, rescans included: the counted measure of the parser's work (tests bound it). */
  tokens = 0;
  constructor(src, startOffset, comments, diagnostics) {
    this.src = src;
    this.length = src.length;
    this.pos = startOffset;
    this.comments = comments;
    this.diagnostics = diagnostics;
  }
  /** Scans the next token into `type`/`start`/`end`, starting at `pos`. */
  next() {
    const src = this.src;
    const len = this.length;
    let i = this.pos;
    for (; ; ) {
      let c2 = src.charCodeAt(i);
      while (c2 === 32 || c2 === 9) c2 = src.charCodeAt(++i);
      if (i >= len) {
        this.pos = i;
        return this.set(0 /* EOF */, i, i);
      }
      if (c2 === 35 || c2 === 47 && src.charCodeAt(i + 1) === 47) {
        i = this.lineComment(i, c2 === 35 ? 1 : 2);
      } else if (c2 === 47 && src.charCodeAt(i + 1) === 42) {
        i = this.blockComment(i);
      } else {
        break;
      }
    }
    const c = src.charCodeAt(i);
    if (c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95) return this.emit(2 /* Ident */, i, scanIdentEnd(src, i));
    switch (c) {
      case 10:
        return this.emit(1 /* Newline */, i, i + 1);
      case 13:
        if (src.charCodeAt(i + 1) === 10) return this.emit(1 /* Newline */, i, i + 2);
        return this.emit(35 /* Invalid */, i, i + 1);
      case 34:
        return this.emit(4 /* OQuote */, i, i + 1);
      case 123:
        return this.emit(6 /* LBrace */, i, i + 1);
      case 125:
        return this.emit(7 /* RBrace */, i, i + 1);
      case 91:
        return this.emit(8 /* LBrack */, i, i + 1);
      case 93:
        return this.emit(9 /* RBrack */, i, i + 1);
      case 40:
        return this.emit(10 /* LParen */, i, i + 1);
      case 41:
        return this.emit(11 /* RParen */, i, i + 1);
      case 44:
        return this.emit(12 /* Comma */, i, i + 1);
      case 46:
        if (src.charCodeAt(i + 1) === 46 && src.charCodeAt(i + 2) === 46) return this.emit(14 /* Ellipsis */, i, i + 3);
        return this.emit(13 /* Dot */, i, i + 1);
      case 42:
        return this.emit(15 /* Star */, i, i + 1);
      case 47:
        return this.emit(16 /* Slash */, i, i + 1);
      case 37:
        return this.emit(17 /* Percent */, i, i + 1);
      case 43:
        return this.emit(18 /* Plus */, i, i + 1);
      case 45:
        return this.emit(19 /* Minus */, i, i + 1);
      case 61:
        if (src.charCodeAt(i + 1) === 61) return this.emit(21 /* EqualEqual */, i, i + 2);
        if (src.charCodeAt(i + 1) === 62) return this.emit(33 /* FatArrow */, i, i + 2);
        return this.emit(20 /* Equal */, i, i + 1);
      case 33:
        if (src.charCodeAt(i + 1) === 61) return this.emit(22 /* NotEqual */, i, i + 2);
        return this.emit(23 /* Bang */, i, i + 1);
      case 60:
        if (src.charCodeAt(i + 1) === 61) return this.emit(25 /* LessEqual */, i, i + 2);
        if (src.charCodeAt(i + 1) === 60) {
          const end = this.heredocStartEnd(i);
          if (end > 0) return this.emit(5 /* OHeredoc */, i, end);
        }
        return this.emit(24 /* Less */, i, i + 1);
      case 62:
        if (src.charCodeAt(i + 1) === 61) return this.emit(27 /* GreaterEqual */, i, i + 2);
        return this.emit(26 /* Greater */, i, i + 1);
      case 38:
        if (src.charCodeAt(i + 1) === 38) return this.emit(28 /* And */, i, i + 2);
        return this.emit(36 /* InvalidOperator */, i, i + 1);
      case 124:
        if (src.charCodeAt(i + 1) === 124) return this.emit(29 /* Or */, i, i + 2);
        return this.emit(36 /* InvalidOperator */, i, i + 1);
      case 63:
        return this.emit(30 /* Question */, i, i + 1);
      case 58:
        if (src.charCodeAt(i + 1) === 58) return this.emit(32 /* DoubleColon */, i, i + 2);
        return this.emit(31 /* Colon */, i, i + 1);
      case 126:
        return this.emit(34 /* Tilde */, i, i + 1);
    }
    if (c >= 48 && c <= 57) return this.emit(3 /* Number */, i, this.numberEnd(i));
    if (isIdentStartAt(src, i)) return this.emit(2 /* Ident */, i, scanIdentEnd(src, i));
    const cp = src.codePointAt(i);
    return this.emit(35 /* Invalid */, i, i + (cp > 65535 ? 2 : 1));
  }
  set(type, start, end) {
    this.tokens++;
    this.type = type;
    this.start = start;
    this.end = end;
    return type;
  }
  /** Sets the token and moves `pos` past it. */
  emit(type, start, end) {
    this.tokens++;
    this.pos = end;
    this.type = type;
    this.start = start;
    this.end = end;
    return type;
  }
  /**
   * Numbers: digits, an optional fraction, an optional exponent. As in
   * hashicorp/hcl, `foo.0.1` therefore scans `0.1` as one number, which the
   * parser rejects as a chained legacy index.
   */
  numberEnd(i) {
    const src = this.src;
    while (isDigit(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) === 46 && isDigit(src.charCodeAt(i + 1))) {
      i += 2;
      while (isDigit(src.charCodeAt(i))) i++;
    }
    const e = src.charCodeAt(i);
    if (e === 101 || e === 69) {
      let j = i + 1;
      const sign = src.charCodeAt(j);
      if (sign === 43 || sign === 45) j++;
      if (isDigit(src.charCodeAt(j))) {
        while (isDigit(src.charCodeAt(j))) j++;
        i = j;
      }
    }
    return i;
  }
  /** `<<EOT` / `<<-EOT` followed by a newline: returns the offset after the newline, or -1. */
  heredocStartEnd(i) {
    const src = this.src;
    let j = i + 2;
    if (src.charCodeAt(j) === 45) j++;
    if (!isIdentStartAt(src, j)) return -1;
    j = scanIdentEnd(src, j);
    const c = src.charCodeAt(j);
    if (c === 10) return j + 1;
    if (c === 13 && src.charCodeAt(j + 1) === 10) return j + 2;
    return -1;
  }
  lineComment(i, markerLength) {
    const src = this.src;
    const start = i;
    i += markerLength;
    for (; ; ) {
      const c = src.charCodeAt(i);
      if (c === 10 || c === 13 && src.charCodeAt(i + 1) === 10 || i >= this.length) break;
      i++;
    }
    this.record(start, i, markerLength === 1 ? "#" : "//", start + markerLength, i);
    return i;
  }
  blockComment(i) {
    const start = i;
    const close = this.src.indexOf("*/", i + 2);
    if (close < 0) {
      if (start >= this.commentsRecordedTo) {
        this.diagnostics.push({
          severity: "error",
          summary: "Unterminated comment",
          detail: 'There is no closing "*/" for this comment.',
          subject: { start, end: start + 2 }
        });
      }
      this.record(start, this.length, "/*", start + 2, this.length);
      return this.length;
    }
    this.record(start, close + 2, "/*", start + 2, close);
    return close + 2;
  }
  record(start, end, style, textStart, textEnd) {
    if (start < this.commentsRecordedTo) return;
    this.commentsRecordedTo = end;
    this.comments.push({ type: "Comment", range: { start, end }, style, text: this.src.slice(textStart, textEnd) });
  }
};
function isDigit(c) {
  return c >= 48 && c <= 57;
}

// src/hcl/template.ts
function parseQuotedTemplate(p, start) {
  return parsePlainQuotedTemplate(p, start) ?? parseQuotedTemplateText(p, start);
}
function parsePlainQuotedTemplate(p, start) {
  const src = p.src;
  const len = src.length;
  let i = start + 1;
  for (; ; ) {
    const c = src.charCodeAt(i);
    if (c === 34) {
      const parts = i === start + 1 ? [] : [{ type: "TemplateLiteral", range: { start: start + 1, end: i }, value: src.slice(start + 1, i) }];
      p.s.pos = i + 1;
      p.s.next();
      return { type: "Template", range: { start, end: i + 1 }, parts };
    }
    if (c === 92 || c === 36 || c === 37 || c === 10 || c === 13 || i >= len) return void 0;
    i++;
  }
}
function parseQuotedTemplateText(p, start) {
  const src = p.src;
  const len = src.length;
  const items = [];
  let i = start + 1;
  let chunkStart = i;
  let literalStart = i;
  let decoded = "";
  let end;
  for (; ; ) {
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
        start + 1
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
      decoded += `${src.slice(chunkStart, i + 1)}{`;
      i += 3;
      chunkStart = i;
      continue;
    }
    i++;
  }
  pushLiteral(items, literalStart, Math.min(i, end), decoded + src.slice(chunkStart, Math.min(i, end)));
  let parts;
  const only = items[0];
  if (items.length === 0) parts = [];
  else if (items.length === 1 && only.kind !== 2 /* Directive */)
    parts = [only.node];
  else {
    applyStripMarkers(items);
    parts = nestDirectives(p, items);
  }
  p.s.pos = end;
  p.s.next();
  return { type: "Template", range: { start, end }, parts };
}
function parseHeredocTemplate(p) {
  const src = p.src;
  const len = src.length;
  const s = p.s;
  const start = s.start;
  const indented = src.charCodeAt(start + 2) === 45;
  const markerStart = start + (indented ? 3 : 2);
  const marker = src.slice(markerStart, scanIdentEnd(src, markerStart));
  const items = [];
  let i = s.end;
  let chunkStart = i;
  let literalStart = i;
  let decoded = "";
  let atLineStart = true;
  let lineBegin = i;
  let end;
  for (; ; ) {
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
        markerStart + marker.length
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
        i + 1
      );
      i++;
      continue;
    }
    if (c === 10 || c === 13) {
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
      const sequence = items[count];
      if (sequence !== void 0 && sequenceStart === lineBegin) sequence.lineStart = true;
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
    literalStart === lineBegin
  );
  applyStripMarkers(items);
  if (indented) removeIndentation(items);
  const parts = nestDirectives(p, mergeLiterals(items));
  s.pos = end;
  s.next();
  return { type: "Template", range: { start, end }, parts, heredoc: { marker, indented } };
}
function closingMarkerEnd(src, i, marker) {
  while (isTrimmedSpace(src.charCodeAt(i))) i++;
  if (!src.startsWith(marker, i)) return -1;
  let end = i + marker.length;
  while (isTrimmedSpace(src.charCodeAt(end))) end++;
  const c = src.charCodeAt(end);
  if (c === 10 || c === 13 && src.charCodeAt(end + 1) === 10) return end;
  return -1;
}
function isTrimmedSpace(c) {
  if (c === 32 || c === 9 || c === 11 || c === 12) return true;
  if (c < 133) return false;
  return c === 133 || c === 160 || c === 5760 || c >= 8192 && c <= 8202 || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288;
}
function pushLiteral(items, start, end, value, lineStart = false) {
  if (end <= start) return;
  items.push({ kind: 0 /* Literal */, node: { type: "TemplateLiteral", range: { start, end }, value }, lineStart });
}
var SIMPLE_ESCAPES = { 110: "\n", 114: "\r", 116: "	", 34: '"', 92: "\\" };
function decodeEscape(p, i) {
  const src = p.src;
  const c = src.charCodeAt(i + 1);
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== void 0) return { text: simple, end: i + 2 };
  if (c === 117 || c === 85) {
    const digits = c === 117 ? 4 : 8;
    let value = 0;
    let j = i + 2;
    for (; j < i + 2 + digits; j++) {
      const h = hexValue(src.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
    }
    if (j === i + 2 + digits && value <= 1114111 && !(value >= 55296 && value <= 57343)) {
      return { text: String.fromCodePoint(value), end: j };
    }
    p.report(
      "Invalid escape sequence",
      `The "\\${String.fromCharCode(c)}" escape must be followed by ${digits} hexadecimal digits of a Unicode scalar value.`,
      i,
      j
    );
    return { text: "", end: j };
  }
  if (c === 10 || c === 13 || Number.isNaN(c)) {
    return { text: "\\", end: i + 1 };
  }
  const width = src.codePointAt(i + 1) > 65535 ? 2 : 1;
  p.report(
    "Invalid escape sequence",
    `The symbol ${JSON.stringify(src.slice(i + 1, i + 1 + width))} is not a valid escape sequence selector.`,
    i,
    i + 1 + width
  );
  return { text: src.slice(i + 1, i + 1 + width), end: i + 1 + width };
}
function hexValue(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
function parseInterpolation(p, i, items, quoted) {
  const s = p.s;
  const src = p.src;
  let j = i + 2;
  const stripLeft = src.charCodeAt(j) === 126;
  if (stripLeft) j++;
  const savedNl = p.nl;
  p.nl = false;
  s.pos = j;
  s.next();
  const expr = p.parseExpression();
  let stripRight = false;
  if (p.tok() === 34 /* Tilde */) {
    stripRight = true;
    s.next();
  }
  const end = closeSequence(p, expr, "interpolation", i, quoted);
  p.nl = savedNl;
  items.push({
    kind: 1 /* Interpolation */,
    node: { type: "TemplateInterpolation", range: { start: i, end }, expr, stripLeft, stripRight }
  });
  return end;
}
function closeSequence(p, expr, what, sequenceStart, quoted) {
  const s = p.s;
  if (p.tok() === 7 /* RBrace */) return s.end;
  const lineEnd = quoted ? firstLineBreak(p.src, expr?.range.end ?? sequenceStart, s.start) : -1;
  const lineEnded = lineEnd >= 0;
  const unclosed = s.type === 0 /* EOF */ || quoted && (s.type === 4 /* OQuote */ || lineEnded);
  if (expr === void 0 || expr.type !== "Invalid") {
    if (unclosed) {
      p.report(
        `Unclosed template ${what}`,
        `There is no closing brace for this template ${what}.`,
        sequenceStart,
        sequenceStart + 2
      );
    } else {
      p.report(
        `Extra characters after ${what}`,
        `Expected a closing brace to end the ${what}, but found ${p.describe()}.`,
        s.start,
        s.end
      );
    }
  }
  if (lineEnded) return lineEnd;
  let nesting = 0;
  for (; ; ) {
    const t = s.type;
    if (t === 0 /* EOF */) return s.start;
    if (quoted && (t === 4 /* OQuote */ || t === 1 /* Newline */) && nesting === 0) return s.start;
    if (t === 6 /* LBrace */ || t === 8 /* LBrack */ || t === 10 /* LParen */) nesting++;
    else if (t === 7 /* RBrace */ || t === 9 /* RBrack */ || t === 11 /* RParen */) {
      if (nesting === 0 && t === 7 /* RBrace */) return s.end;
      if (nesting > 0) nesting--;
    } else if (t === 4 /* OQuote */) {
      skipQuotedTemplate(p);
      continue;
    }
    s.next();
  }
}
function firstLineBreak(src, from, to) {
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}
function parseDirective(p, i, items, quoted) {
  const s = p.s;
  const src = p.src;
  let j = i + 2;
  const stripLeft = src.charCodeAt(j) === 126;
  if (stripLeft) j++;
  const savedNl = p.nl;
  p.nl = false;
  s.pos = j;
  s.next();
  const word = p.tok() === 2 /* Ident */ ? src.slice(s.start, s.end) : "";
  const directive = {
    kind: 2 /* Directive */,
    word: "if",
    range: { start: i, end: i },
    stripLeft,
    stripRight: false
  };
  let expr;
  let valid = true;
  switch (word) {
    case "if":
      s.next();
      expr = directive.expr = parseNestedExpression(p);
      break;
    case "for": {
      s.next();
      directive.word = "for";
      if (p.tok() !== 2 /* Ident */) {
        valid = false;
        break;
      }
      directive.valueVar = src.slice(s.start, s.end);
      directive.valueVarRange = { start: s.start, end: s.end };
      s.next();
      if (p.tok() === 12 /* Comma */) {
        s.next();
        if (p.tok() !== 2 /* Ident */) {
          valid = false;
          break;
        }
        directive.keyVar = directive.valueVar;
        directive.keyVarRange = directive.valueVarRange;
        directive.valueVar = src.slice(s.start, s.end);
        directive.valueVarRange = { start: s.start, end: s.end };
        s.next();
      }
      if (!(p.tok() === 2 /* Ident */ && s.end - s.start === 2 && src.startsWith("in", s.start))) {
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
      word === "for" ? 'A "for" directive is written as %{ for name in collection } or %{ for key, name in collection }.' : 'A template directive keyword ("if", "for", "else", "endif" or "endfor") is expected at the beginning of a %{ sequence.',
      s.start,
      s.end
    );
    expr = { type: "Invalid", range: { start: s.start, end: s.start } };
  }
  if (p.tok() === 34 /* Tilde */) {
    directive.stripRight = true;
    s.next();
  }
  const end = closeSequence(p, expr, "directive", i, quoted);
  p.nl = savedNl;
  directive.range.end = end;
  if (valid) items.push(directive);
  return end;
}
function parseNestedExpression(p) {
  return p.parseExpression();
}
function removeIndentation(items) {
  let min = Infinity;
  for (const item of items) {
    if (!item.lineStart) continue;
    if (item.kind !== 0 /* Literal */) {
      min = 0;
      break;
    }
    const n = indentationOf(item.node.value);
    if (n >= 0 && n < min) min = n;
  }
  if (min === Infinity || min === 0) return;
  for (const item of items) {
    if (item.lineStart && item.kind === 0 /* Literal */ && indentationOf(item.node.value) >= 0) {
      item.node.value = item.node.value.slice(min);
    }
  }
}
function indentationOf(value) {
  let n = 0;
  while (n < value.length) {
    const c2 = value.charCodeAt(n);
    if (c2 !== 32 && c2 !== 9) break;
    n++;
  }
  if (n === value.length) {
    return value.endsWith("\n") ? -1 : n;
  }
  const c = value.charCodeAt(n);
  return c === 10 || c === 13 ? -1 : n;
}
function applyStripMarkers(items) {
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    if (item.kind === 0 /* Literal */) continue;
    const stripLeft = item.kind === 1 /* Interpolation */ ? item.node.stripLeft : item.stripLeft;
    const stripRight = item.kind === 1 /* Interpolation */ ? item.node.stripRight : item.stripRight;
    const before = items[k - 1];
    if (stripLeft && before !== void 0 && before.kind === 0 /* Literal */)
      before.node.value = before.node.value.trimEnd();
    const after = items[k + 1];
    if (stripRight && after !== void 0 && after.kind === 0 /* Literal */)
      after.node.value = after.node.value.trimStart();
  }
}
function mergeLiterals(items) {
  const out = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (item.kind === 0 /* Literal */ && last !== void 0 && last.kind === 0 /* Literal */) {
      last.node.value += item.node.value;
      last.node.range.end = item.node.range.end;
    } else {
      out.push(item);
    }
  }
  return out;
}
function nestDirectives(p, items) {
  const root = [];
  const stack = [];
  let parts = root;
  for (const item of items) {
    if (item.kind !== 2 /* Directive */) {
      parts.push(item.node);
      continue;
    }
    const top = stack[stack.length - 1];
    switch (item.word) {
      case "if":
      case "for":
        stack.push({ directive: item, parts: [] });
        parts = stack[stack.length - 1].parts;
        break;
      case "else":
        if (top === void 0 || top.directive.word !== "if" || top.elseDirective !== void 0) {
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
        if (top === void 0 || top.directive.word !== opener) {
          unexpected(p, item);
          break;
        }
        stack.pop();
        parts = stack.length === 0 ? root : stack[stack.length - 1].parts;
        parts.push(closeFrame(top, item));
        break;
      }
    }
  }
  while (stack.length > 0) {
    const top = stack.pop();
    const d = top.directive;
    p.report(
      `Unclosed template ${d.word}`,
      `There is no %{ end${d.word} } for this %{ ${d.word} } directive.`,
      d.range.start,
      d.range.end
    );
    const parent = stack.length === 0 ? root : stack[stack.length - 1].parts;
    const lastRange = top.parts.length > 0 ? top.parts[top.parts.length - 1].range : d.range;
    const fakeEnd = {
      ...d,
      word: d.word === "if" ? "endif" : "endfor",
      range: { start: lastRange.end, end: lastRange.end }
    };
    parent.push(closeFrame(top, fakeEnd));
  }
  return root;
}
function unexpected(p, d) {
  p.report(
    "Unexpected template directive",
    `There is no open %{ ${d.word === "endfor" ? "for" : "if"} } directive for this %{ ${d.word} }.`,
    d.range.start,
    d.range.end
  );
}
function closeFrame(frame, end) {
  const d = frame.directive;
  const range = { start: d.range.start, end: end.range.end };
  const expr = d.expr ?? { type: "Invalid", range: { start: d.range.start, end: d.range.start } };
  if (d.word === "if") {
    const node2 = {
      type: "TemplateIf",
      range,
      condition: expr,
      thenParts: frame.thenParts ?? frame.parts,
      elseParts: frame.thenParts === void 0 ? [] : frame.parts,
      ifRange: d.range,
      endifRange: end.range,
      ifStrip: [d.stripLeft, d.stripRight],
      endifStrip: [end.stripLeft, end.stripRight]
    };
    if (frame.elseDirective !== void 0) {
      node2.elseRange = frame.elseDirective.range;
      node2.elseStrip = [frame.elseDirective.stripLeft, frame.elseDirective.stripRight];
    }
    return node2;
  }
  const node = {
    type: "TemplateFor",
    range,
    valueVar: d.valueVar ?? "",
    valueVarRange: d.valueVarRange ?? d.range,
    collection: expr,
    bodyParts: frame.parts,
    forRange: d.range,
    endforRange: end.range,
    forStrip: [d.stripLeft, d.stripRight],
    endforStrip: [end.stripLeft, end.stripRight]
  };
  if (d.keyVar !== void 0) {
    node.keyVar = d.keyVar;
    node.keyVarRange = d.keyVarRange;
  }
  return node;
}
function skipQuotedTemplate(p) {
  const src = p.src;
  let i = p.s.start + 1;
  let braces = 0;
  for (; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 123) braces++;
    else if (c === 125 && braces > 0) braces--;
    else if (c === 34 && braces === 0 || c === 10 || c === 13) break;
  }
  p.s.pos = src.charCodeAt(i) === 34 ? i + 1 : i;
  p.s.next();
}
function skipHeredoc(p) {
  const src = p.src;
  const start = p.s.start;
  const markerStart = start + (src.charCodeAt(start + 2) === 45 ? 3 : 2);
  const marker = src.slice(
    markerStart,
    isIdentStartAt(src, markerStart) ? scanIdentEnd(src, markerStart) : markerStart
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

// src/hcl/parser.ts
function binaryPrecedence(t) {
  switch (t) {
    case 29 /* Or */:
      return 1;
    case 28 /* And */:
      return 2;
    case 21 /* EqualEqual */:
    case 22 /* NotEqual */:
      return 3;
    case 24 /* Less */:
    case 25 /* LessEqual */:
    case 26 /* Greater */:
    case 27 /* GreaterEqual */:
      return 4;
    case 18 /* Plus */:
    case 19 /* Minus */:
      return 5;
    case 15 /* Star */:
    case 16 /* Slash */:
    case 17 /* Percent */:
      return 6;
    default:
      return 0;
  }
}
var OPERATOR_TEXT = {
  [29 /* Or */]: "||",
  [28 /* And */]: "&&",
  [21 /* EqualEqual */]: "==",
  [22 /* NotEqual */]: "!=",
  [24 /* Less */]: "<",
  [25 /* LessEqual */]: "<=",
  [26 /* Greater */]: ">",
  [27 /* GreaterEqual */]: ">=",
  [18 /* Plus */]: "+",
  [19 /* Minus */]: "-",
  [15 /* Star */]: "*",
  [16 /* Slash */]: "/",
  [17 /* Percent */]: "%"
};
function parseHcl(text, file) {
  const comments = [];
  const diagnostics = [];
  const starts = lineStarts(text);
  const begin = text.charCodeAt(0) === 65279 ? 1 : 0;
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    diagnostics.push(
      error("Binary file", "The file contains a NUL byte; configuration files must be UTF-8 text.", nul, nul + 1)
    );
    return { file, body: emptyBody(begin, text.length), comments, diagnostics, lineStarts: starts, tokensScanned: 0 };
  }
  const parser = new Parser(text, begin, comments, diagnostics, starts);
  let body;
  try {
    body = parser.parseFile();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const at = Math.min(parser.s.start, text.length);
    diagnostics.push(
      error(
        "Nesting too deep",
        "The parser ran out of stack space; reduce the nesting of this file.",
        at,
        Math.min(at + 1, text.length)
      )
    );
    body = emptyBody(begin, text.length);
  }
  return { file, body, comments, diagnostics, lineStarts: starts, tokensScanned: parser.s.tokens };
}
function emptyBody(start, end) {
  return { type: "Body", range: { start, end }, attributes: [], blocks: [], items: [] };
}
var Parser = class {
  constructor(src, begin, comments, diagnostics, lineStarts2) {
    this.lineStarts = lineStarts2;
    this.src = src;
    this.diagnostics = diagnostics;
    this.s = new Scanner(src, begin, comments, diagnostics);
    this.s.next();
  }
  lineStarts;
  src;
  s;
  diagnostics;
  /** Whether newline tokens are significant in the current context. */
  nl = true;
  depth = 0;
  /** Set when an attribute value had errors and the parser skipped to the end of its line. */
  valueRecovered = false;
  /** A diagnostic was reported with the end of the file as the current token (see `report`). */
  reportedAtEof = false;
  /** The current token type, as scanned (a method so that TypeScript does not narrow it across calls). */
  cur() {
    return this.s.type;
  }
  /** The current token type, skipping newlines where they are not significant. */
  tok() {
    const s = this.s;
    if (!this.nl) while (s.type === 1 /* Newline */) s.next();
    return this.cur();
  }
  text() {
    return this.src.slice(this.s.start, this.s.end);
  }
  /**
   * The current identifier. (Interning names in a Map saved about 6% of AST
   * memory but cost 13% of parse time; not worth it.)
   */
  name() {
    return this.src.slice(this.s.start, this.s.end);
  }
  isKeyword(word) {
    const s = this.s;
    return this.cur() === 2 /* Ident */ && s.end - s.start === word.length && this.src.startsWith(word, s.start);
  }
  /**
   * Adds an error. At the end of the file only the first one is kept: when
   * the input stops inside nested constructs, every enclosing one is
   * unclosed for the same reason, and the innermost (reported first) is the
   * useful one.
   */
  report(summary, detail, start, end) {
    if (this.s.type === 0 /* EOF */) {
      if (this.reportedAtEof) return;
      this.reportedAtEof = true;
    }
    this.diagnostics.push(error(summary, detail, start, end));
  }
  /** `line:column` of an offset, for messages. */
  where(offset) {
    const p = positionAt(this.lineStarts, offset);
    return `line ${p.line}, column ${p.column}`;
  }
  /** A short description of the current token for messages. */
  describe() {
    switch (this.cur()) {
      case 0 /* EOF */:
        return "end of file";
      case 1 /* Newline */:
        return "newline";
      case 4 /* OQuote */:
        return "quoted string";
      case 5 /* OHeredoc */:
        return "heredoc";
      case 35 /* Invalid */:
        return `invalid character ${JSON.stringify(this.text())}`;
      default:
        return JSON.stringify(this.text());
    }
  }
  // -------------------------------------------------------------------------
  // Bodies
  // -------------------------------------------------------------------------
  parseFile() {
    const begin = this.src.charCodeAt(0) === 65279 ? 1 : 0;
    const body = this.parseBodyItems(false, begin);
    body.range.end = this.src.length;
    return body;
  }
  /** Items until `}` (in a block) or end of file. Leaves the closing token current. */
  parseBodyItems(inBlock, start) {
    const attributes = [];
    const blocks = [];
    const items = [];
    let seen;
    const s = this.s;
    for (; ; ) {
      const t = this.cur();
      if (t === 1 /* Newline */) {
        s.next();
        continue;
      }
      if (t === 0 /* EOF */) break;
      if (t === 7 /* RBrace */) {
        if (inBlock) break;
        this.report(
          "Argument or block definition required",
          "An argument or block definition is required here; this closing brace has no matching opening brace.",
          s.start,
          s.end
        );
        s.next();
        continue;
      }
      if (t !== 2 /* Ident */) {
        this.report(
          "Argument or block definition required",
          `An argument or block definition is required here, but found ${this.describe()}.`,
          s.start,
          s.end
        );
        this.recoverToLineEnd();
        continue;
      }
      const item = this.parseBodyItem();
      if (item === void 0) continue;
      items.push(item);
      if (item.type === "Attribute") {
        const previous = findAttribute(attributes, item.name, seen);
        if (previous !== void 0) {
          this.report(
            "Attribute redefined",
            `The argument "${item.name}" was already set at ${this.where(previous.nameRange.start)}. Each argument may be set only once.`,
            item.nameRange.start,
            item.nameRange.end
          );
        } else if (seen !== void 0 || attributes.length >= 16) {
          if (seen === void 0) {
            seen = /* @__PURE__ */ new Map();
            for (const a of attributes) if (!seen.has(a.name)) seen.set(a.name, a);
          }
          seen.set(item.name, item);
        }
        attributes.push(item);
      } else {
        blocks.push(item);
      }
    }
    return { type: "Body", range: { start, end: s.start }, attributes, blocks, items };
  }
  /** An attribute or block starting at the current identifier; undefined after an error. */
  parseBodyItem() {
    const s = this.s;
    const nameStart = s.start;
    const nameEnd = s.end;
    const name = this.name();
    s.next();
    if (this.cur() === 20 /* Equal */) {
      const attr = this.parseAttributeAfterName(name, nameStart, nameEnd);
      if (this.valueRecovered) return attr;
      const t = this.cur();
      if (t === 1 /* Newline */ || t === 0 /* EOF */) return attr;
      this.report(
        "Missing newline after argument",
        `An argument definition must end with a newline, but found ${this.describe()}.`,
        s.start,
        s.end
      );
      this.recoverToLineEnd();
      return attr;
    }
    if (this.cur() === 6 /* LBrace */ || this.cur() === 4 /* OQuote */ || this.cur() === 2 /* Ident */) {
      const block = this.parseBlockAfterType(name, nameStart, nameEnd);
      if (block === void 0) return void 0;
      const t = this.cur();
      if (t !== 1 /* Newline */ && t !== 0 /* EOF */) {
        this.report(
          "Missing newline after block definition",
          `A block definition must end with a newline, but found ${this.describe()}.`,
          s.start,
          s.end
        );
        this.recoverToLineEnd();
      }
      return block;
    }
    this.report(
      "Missing equals sign",
      `An argument definition needs an equals sign ("=") after the name "${name}", and a block definition needs labels and an opening brace; found ${this.describe()}.`,
      s.start,
      s.end
    );
    this.recoverToLineEnd();
    return void 0;
  }
  /** At `=`: parses the value. Returns undefined (after recovering) when the value had errors. */
  parseAttributeAfterName(name, nameStart, nameEnd) {
    const s = this.s;
    this.valueRecovered = false;
    const equalsRange = { start: s.start, end: s.end };
    s.next();
    const before = this.diagnostics.length;
    const expr = this.parseExpression();
    const attr = {
      type: "Attribute",
      range: { start: nameStart, end: expr.range.end },
      name,
      nameRange: { start: nameStart, end: nameEnd },
      equalsRange,
      expr
    };
    if (this.diagnostics.length !== before) {
      this.recoverToLineEnd();
      this.valueRecovered = true;
    }
    return attr;
  }
  parseBlockAfterType(blockType, typeStart, typeEnd) {
    const s = this.s;
    const labels = [];
    const labelRanges = [];
    const labelQuoted = [];
    for (; ; ) {
      if (this.cur() === 2 /* Ident */) {
        labels.push(this.name());
        labelRanges.push({ start: s.start, end: s.end });
        labelQuoted.push(false);
        s.next();
      } else if (this.cur() === 4 /* OQuote */) {
        const end = plainQuotedEnd(this.src, s.start);
        if (end > 0) {
          labels.push(this.src.slice(s.start + 1, end - 1));
          labelRanges.push({ start: s.start, end });
          labelQuoted.push(true);
          s.pos = end;
          s.next();
          continue;
        }
        const before = this.diagnostics.length;
        const template = parseQuotedTemplate(this, s.start);
        const only = template.parts[0];
        if (this.diagnostics.length !== before) {
          this.recoverToLineEnd();
          return void 0;
        }
        if (template.parts.length > 1 || only !== void 0 && only.type !== "TemplateLiteral") {
          this.report(
            "Invalid block label",
            "Block labels must be literal strings; template interpolations and directives are not allowed here.",
            template.range.start,
            template.range.end
          );
          this.recoverToLineEnd();
          return void 0;
        }
        labels.push(only === void 0 ? "" : only.value);
        labelRanges.push(template.range);
        labelQuoted.push(true);
      } else {
        break;
      }
    }
    if (this.cur() !== 6 /* LBrace */) {
      this.report(
        "Invalid block definition",
        `Either a quoted string block label or an opening brace ("{") is expected here, but found ${this.describe()}.`,
        s.start,
        s.end
      );
      this.recoverToLineEnd();
      return void 0;
    }
    const openBraceRange = { start: s.start, end: s.end };
    if (this.depth >= MAX_NESTING_DEPTH) {
      this.reportNesting(s.start, s.end);
      this.skipBalanced();
      return void 0;
    }
    this.depth++;
    s.next();
    let body;
    if (this.cur() === 1 /* Newline */ || this.cur() === 7 /* RBrace */ || this.cur() === 0 /* EOF */) {
      body = this.parseBodyItems(true, openBraceRange.end);
    } else {
      body = this.parseSingleLineBody(openBraceRange.end);
    }
    this.depth--;
    let closeBraceRange;
    if (this.cur() === 7 /* RBrace */) {
      closeBraceRange = { start: s.start, end: s.end };
      s.next();
    } else {
      if (this.cur() === 0 /* EOF */) {
        this.report(
          "Unclosed configuration block",
          `There is no closing brace for this block before the end of the file.`,
          openBraceRange.start,
          openBraceRange.end
        );
      }
      closeBraceRange = { start: s.start, end: s.start };
    }
    return {
      type: "Block",
      range: { start: typeStart, end: closeBraceRange.end },
      blockType,
      typeRange: { start: typeStart, end: typeEnd },
      labels,
      labelRanges,
      labelQuoted,
      openBraceRange,
      closeBraceRange,
      body
    };
  }
  /** `block { name = value }` on one line: exactly one argument, then `}` on the same line. */
  parseSingleLineBody(start) {
    const s = this.s;
    const body = { type: "Body", range: { start, end: start }, attributes: [], blocks: [], items: [] };
    if (this.cur() !== 2 /* Ident */) {
      this.report(
        "Argument definition required",
        `A single-line block definition can contain only a single argument, but found ${this.describe()}.`,
        s.start,
        s.end
      );
      this.recoverToLineEnd();
      return body;
    }
    const nameStart = s.start;
    const nameEnd = s.end;
    const name = this.name();
    s.next();
    if (this.cur() !== 20 /* Equal */) {
      this.report(
        "Argument definition required",
        "A single-line block definition can contain only a single argument; a nested block must be on a line of its own.",
        nameStart,
        s.end
      );
      this.recoverToLineEnd();
      return body;
    }
    const attr = this.parseAttributeAfterName(name, nameStart, nameEnd);
    body.attributes.push(attr);
    body.items.push(attr);
    if (this.cur() !== 7 /* RBrace */) {
      if (this.cur() !== 0 /* EOF */ && !this.valueRecovered) {
        this.report(
          "Invalid single-argument block definition",
          "A single-line block definition must end with a closing brace immediately after its single argument definition.",
          s.start,
          s.end
        );
        this.recoverToLineEnd();
      }
      const rest = this.parseBodyItems(true, start);
      body.attributes.push(...rest.attributes);
      body.blocks.push(...rest.blocks);
      body.items.push(...rest.items);
    }
    body.range.end = s.start;
    return body;
  }
  // -------------------------------------------------------------------------
  // Error recovery
  // -------------------------------------------------------------------------
  /**
   * Skips to the newline that ends the current line, stepping over bracketed
   * groups and strings as wholes; stops before a `}` that closes the
   * enclosing block. Leaves the newline (or EOF / `}`) current.
   */
  recoverToLineEnd() {
    const s = this.s;
    const savedNl = this.nl;
    this.nl = true;
    let nesting = 0;
    for (; ; ) {
      const t = this.cur();
      if (t === 0 /* EOF */) break;
      if (t === 1 /* Newline */ && nesting === 0) break;
      if (t === 6 /* LBrace */ || t === 8 /* LBrack */ || t === 10 /* LParen */) nesting++;
      else if (t === 7 /* RBrace */ || t === 9 /* RBrack */ || t === 11 /* RParen */) {
        if (nesting === 0) {
          if (t === 7 /* RBrace */) break;
        } else nesting--;
      } else if (t === 4 /* OQuote */) {
        skipQuotedTemplate(this);
        continue;
      } else if (t === 5 /* OHeredoc */) {
        skipHeredoc(this);
        continue;
      }
      s.next();
    }
    this.nl = savedNl;
  }
  /**
   * At an opening bracket: skips to just after its matching close, iteratively.
   * Used past the nesting limit and to recover inside bracketed constructs.
   */
  skipBalanced() {
    const s = this.s;
    let nesting = 0;
    for (; ; ) {
      const t = this.cur();
      if (t === 0 /* EOF */) return;
      if (t === 6 /* LBrace */ || t === 8 /* LBrack */ || t === 10 /* LParen */) nesting++;
      else if (t === 7 /* RBrace */ || t === 9 /* RBrack */ || t === 11 /* RParen */) {
        nesting--;
        if (nesting <= 0) {
          s.next();
          return;
        }
      } else if (t === 4 /* OQuote */) {
        skipQuotedTemplate(this);
        continue;
      } else if (t === 5 /* OHeredoc */) {
        skipHeredoc(this);
        continue;
      }
      s.next();
    }
  }
  /** Inside a bracketed construct: skips to its closing token (left current) or EOF. */
  skipToClose(close) {
    const s = this.s;
    let nesting = 0;
    for (; ; ) {
      const t = this.cur();
      if (t === 0 /* EOF */) return;
      if (nesting === 0 && t === close) return;
      if (t === 6 /* LBrace */ || t === 8 /* LBrack */ || t === 10 /* LParen */) nesting++;
      else if (t === 7 /* RBrace */ || t === 9 /* RBrack */ || t === 11 /* RParen */) {
        if (nesting === 0) return;
        nesting--;
      } else if (t === 4 /* OQuote */) {
        skipQuotedTemplate(this);
        continue;
      } else if (t === 5 /* OHeredoc */) {
        skipHeredoc(this);
        continue;
      }
      s.next();
    }
  }
  reportNesting(start, end) {
    this.report(
      "Nesting too deep",
      `Brackets, braces, parentheses, blocks and templates may be nested at most ${MAX_NESTING_DEPTH} levels deep.`,
      start,
      end
    );
  }
  // -------------------------------------------------------------------------
  // Expressions
  // -------------------------------------------------------------------------
  /**
   * A full expression: binary operators by precedence climbing with explicit
   * stacks (no recursion per operator; the common operator-free case
   * allocates nothing), then an optional conditional. Kept in one function,
   * with `parseOperand`, so that each level of nesting costs few stack frames.
   */
  parseExpression() {
    const first = this.parseOperand();
    const t = this.tok();
    if (t !== 30 /* Question */ && binaryPrecedence(t) === 0) return first;
    return this.parseOperators(first);
  }
  /** Binary operators and a conditional after the first operand. */
  parseOperators(first) {
    let condition = first;
    let prec = binaryPrecedence(this.tok());
    if (prec !== 0) {
      const s2 = this.s;
      const operands = [condition];
      const ops = [];
      const opStarts = [];
      while (prec !== 0) {
        while (ops.length > 0 && binaryPrecedence(ops[ops.length - 1]) >= prec) reduce(operands, ops, opStarts);
        ops.push(this.cur());
        opStarts.push(s2.start);
        s2.next();
        operands.push(this.parseOperand());
        prec = binaryPrecedence(this.tok());
      }
      while (ops.length > 0) reduce(operands, ops, opStarts);
      condition = operands[0];
    }
    if (this.tok() !== 30 /* Question */) return condition;
    const s = this.s;
    if (this.depth >= MAX_NESTING_DEPTH) {
      this.reportNesting(s.start, s.end);
      this.recoverToLineEnd();
      return { type: "Invalid", range: { start: condition.range.start, end: s.start } };
    }
    this.depth++;
    const result = this.parseConditionalBranches(condition);
    this.depth--;
    return result;
  }
  parseConditionalBranches(condition) {
    const s = this.s;
    s.next();
    const trueExpr = this.parseExpression();
    if (this.tok() !== 31 /* Colon */) {
      if (trueExpr.type !== "Invalid") {
        this.report(
          "Missing false expression in conditional",
          `The conditional operator (...?...:...) requires a false expression, delimited by a colon; found ${this.describe()}.`,
          s.start,
          s.end
        );
      }
      return {
        type: "Conditional",
        range: { start: condition.range.start, end: trueExpr.range.end },
        condition,
        trueExpr,
        falseExpr: invalidAt(trueExpr.range.end)
      };
    }
    s.next();
    const falseExpr = this.parseExpression();
    return {
      type: "Conditional",
      range: { start: condition.range.start, end: falseExpr.range.end },
      condition,
      trueExpr,
      falseExpr
    };
  }
  /**
   * Prefix operators (iteratively: a long run of `-`/`!` costs no stack),
   * then a term and its traversals.
   */
  parseOperand() {
    let t = this.tok();
    if (t !== 19 /* Minus */ && t !== 23 /* Bang */) return this.parseTraversals(this.parseTerm());
    const s = this.s;
    const opStarts = [];
    const ops = [];
    let tooDeep = -1;
    while (t === 19 /* Minus */ || t === 23 /* Bang */) {
      if (this.depth + ops.length >= MAX_NESTING_DEPTH && tooDeep < 0) tooDeep = s.start;
      ops.push(t);
      opStarts.push(s.start);
      s.next();
      t = this.tok();
    }
    if (tooDeep >= 0) {
      this.reportNesting(tooDeep, tooDeep + 1);
      const operand = this.parseTraversals(this.parseTerm());
      return { type: "Invalid", range: { start: opStarts[0], end: operand.range.end } };
    }
    this.depth += ops.length;
    let expr = this.parseTraversals(this.parseTerm());
    this.depth -= ops.length;
    for (let k = ops.length - 1; k >= 0; k--) {
      const opStart = opStarts[k];
      expr = {
        type: "UnaryOp",
        range: { start: opStart, end: expr.range.end },
        op: ops[k] === 19 /* Minus */ ? "-" : "!",
        opRange: { start: opStart, end: opStart + 1 },
        operand: expr
      };
    }
    return expr;
  }
  /** Attribute access, indexes and splats after an expression. */
  parseTraversals(from) {
    const s = this.s;
    let expr = from;
    for (; ; ) {
      const t = this.tok();
      if (t === 13 /* Dot */) {
        const dotStart = s.start;
        s.next();
        const t2 = this.tok();
        if (t2 === 2 /* Ident */) {
          expr = appendStep(expr, { type: "TraverseAttr", range: { start: dotStart, end: s.end }, name: this.name() });
          s.next();
        } else if (t2 === 3 /* Number */) {
          const step = this.legacyIndex(dotStart);
          if (step === void 0) return expr;
          expr = appendStep(expr, step);
        } else if (t2 === 15 /* Star */) {
          expr = this.parseAttrSplat(expr, dotStart);
        } else {
          this.report(
            "Invalid attribute name",
            `An attribute name is required after a dot, but found ${this.describe()}.`,
            s.start,
            s.end
          );
          return { type: "Invalid", range: { start: expr.range.start, end: dotStart + 1 } };
        }
      } else if (t === 8 /* LBrack */) {
        const open = s.start;
        const openEnd = s.end;
        const savedNl = this.nl;
        this.nl = false;
        s.next();
        if (this.tok() === 15 /* Star */) {
          s.next();
          if (this.tok() !== 9 /* RBrack */) {
            this.nl = savedNl;
            this.report(
              "Missing close bracket on splat index",
              'The star for a full splat operator must be immediately followed by a closing bracket ("]").',
              s.start,
              s.end
            );
            return { type: "Invalid", range: { start: expr.range.start, end: s.start } };
          }
          const markerRange = { start: open, end: s.end };
          this.nl = savedNl;
          s.next();
          if (this.depth >= MAX_NESTING_DEPTH) {
            this.reportNesting(markerRange.start, markerRange.end);
            return { type: "Invalid", range: { start: expr.range.start, end: markerRange.end } };
          }
          this.depth++;
          const each = this.parseTraversals({
            type: "AnonSymbol",
            range: { start: markerRange.end, end: markerRange.end }
          });
          this.depth--;
          const splat = {
            type: "Splat",
            range: { start: expr.range.start, end: Math.max(markerRange.end, each.range.end) },
            kind: "full",
            source: expr,
            each,
            markerRange
          };
          return splat;
        }
        if (this.depth >= MAX_NESTING_DEPTH) {
          this.nl = savedNl;
          this.reportNesting(open, openEnd);
          this.skipToClose(9 /* RBrack */);
          if (this.cur() === 9 /* RBrack */) s.next();
          return { type: "Invalid", range: { start: expr.range.start, end: s.start } };
        }
        this.depth++;
        const key = this.parseExpression();
        this.depth--;
        if (this.tok() !== 9 /* RBrack */) {
          if (key.type !== "Invalid") {
            this.report(
              "Missing close bracket on index",
              `The index operator must end with a closing bracket ("]"), but found ${this.describe()}.`,
              s.start,
              s.end
            );
          }
          this.skipToClose(9 /* RBrack */);
          this.nl = savedNl;
          if (this.cur() === 9 /* RBrack */) s.next();
          return { type: "Invalid", range: { start: expr.range.start, end: s.start } };
        }
        const close = s.end;
        this.nl = savedNl;
        s.next();
        const bracketRange = { start: open, end: close };
        const literalKey = literalIndexKey(key);
        if (literalKey !== void 0) {
          const step = { type: "TraverseIndex", range: bracketRange, key: literalKey, legacy: false };
          if (key.type === "LiteralValue" && key.numberText !== void 0) step.keyText = key.numberText;
          expr = appendStep(expr, step);
        } else {
          expr = {
            type: "IndexExpr",
            range: { start: expr.range.start, end: close },
            collection: expr,
            key,
            bracketRange
          };
        }
      } else {
        return expr;
      }
    }
  }
  /** At a number after a dot: `foo.0`. Chaining (`foo.0.1`, scanned as one number) is an error. */
  legacyIndex(dotStart) {
    const s = this.s;
    const text = this.text();
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) {
        this.report(
          "Invalid legacy index syntax",
          "When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax instead, like [0][1].",
          dotStart,
          s.end
        );
        s.next();
        return void 0;
      }
    }
    const step = {
      type: "TraverseIndex",
      range: { start: dotStart, end: s.end },
      key: Number(text),
      keyText: text,
      legacy: true
    };
    s.next();
    return step;
  }
  /** At the `*` of `.*`: attribute-only splat; only `.name` / `.0` steps apply to each element. */
  parseAttrSplat(source, dotStart) {
    const s = this.s;
    const markerRange = { start: dotStart, end: s.end };
    s.next();
    let each = { type: "AnonSymbol", range: { start: markerRange.end, end: markerRange.end } };
    while (this.tok() === 13 /* Dot */) {
      const stepStart = s.start;
      s.next();
      if (this.tok() === 2 /* Ident */) {
        each = appendStep(each, { type: "TraverseAttr", range: { start: stepStart, end: s.end }, name: this.name() });
        s.next();
      } else if (this.cur() === 3 /* Number */) {
        const step = this.legacyIndex(stepStart);
        if (step === void 0) break;
        each = appendStep(each, step);
      } else {
        this.report(
          "Invalid attribute name",
          `An attribute name is required after a dot, but found ${this.describe()}.`,
          s.start,
          s.end
        );
        break;
      }
    }
    return {
      type: "Splat",
      range: { start: source.range.start, end: Math.max(markerRange.end, each.range.end) },
      kind: "attr",
      source,
      each,
      markerRange
    };
  }
  /** A primary expression. */
  parseTerm() {
    const s = this.s;
    const t = this.tok();
    switch (t) {
      case 3 /* Number */: {
        const numberText = this.text();
        const node = {
          type: "LiteralValue",
          range: { start: s.start, end: s.end },
          valueType: "number",
          value: Number(numberText),
          numberText
        };
        s.next();
        return node;
      }
      case 2 /* Ident */:
        return this.parseIdentTerm();
      case 4 /* OQuote */:
      case 5 /* OHeredoc */:
      case 10 /* LParen */:
      case 8 /* LBrack */:
      case 6 /* LBrace */: {
        if (this.depth >= MAX_NESTING_DEPTH) {
          const start = s.start;
          this.reportNesting(s.start, s.end);
          if (t === 4 /* OQuote */) skipQuotedTemplate(this);
          else if (t === 5 /* OHeredoc */) skipHeredoc(this);
          else this.skipBalanced();
          return { type: "Invalid", range: { start, end: s.start } };
        }
        this.depth++;
        let node;
        if (t === 4 /* OQuote */) node = parsePlainQuotedTemplate(this, s.start) ?? parseQuotedTemplateText(this, s.start);
        else if (t === 5 /* OHeredoc */) node = parseHeredocTemplate(this);
        else if (t === 10 /* LParen */) node = this.parseParentheses();
        else if (t === 8 /* LBrack */) node = this.parseTuple();
        else node = this.parseObject();
        this.depth--;
        return node;
      }
      default: {
        this.report(
          "Invalid expression",
          `Expected the start of an expression, but found ${this.describe()}.`,
          s.start,
          s.end
        );
        return invalidAt(s.start);
      }
    }
  }
  parseIdentTerm() {
    const s = this.s;
    const start = s.start;
    const end = s.end;
    const name = this.name();
    s.next();
    const t = this.cur();
    if (t === 10 /* LParen */ || t === 32 /* DoubleColon */) return this.parseFunctionCall(name, start, end);
    switch (name) {
      case "true":
      case "false":
        return { type: "LiteralValue", range: { start, end }, valueType: "bool", value: name === "true" };
      case "null":
        return { type: "LiteralValue", range: { start, end }, valueType: "null", value: null };
      default:
        return { type: "ScopeTraversal", range: { start, end }, root: name, rootRange: { start, end }, steps: [] };
    }
  }
  /** After the first name of a call: optional `::name` parts, then the arguments. */
  parseFunctionCall(first, start, firstEnd) {
    const s = this.s;
    const namespace = [];
    let name = first;
    let nameEnd = firstEnd;
    while (this.cur() === 32 /* DoubleColon */) {
      s.next();
      if (this.cur() !== 2 /* Ident */) {
        this.report(
          "Missing function name",
          `A function name is required after "::", but found ${this.describe()}.`,
          s.start,
          s.end
        );
        return { type: "Invalid", range: { start, end: s.start } };
      }
      namespace.push(name);
      name = this.name();
      nameEnd = s.end;
      s.next();
    }
    if (this.cur() !== 10 /* LParen */) {
      this.report(
        "Missing function call arguments",
        `A namespaced function name must be followed by its arguments in parentheses, but found ${this.describe()}.`,
        s.start,
        s.end
      );
      return { type: "Invalid", range: { start, end: nameEnd } };
    }
    const fullName = namespace.length === 0 ? name : this.src.slice(start, nameEnd);
    const openParenRange = { start: s.start, end: s.end };
    if (this.depth >= MAX_NESTING_DEPTH) {
      this.reportNesting(s.start, s.end);
      this.skipBalanced();
      return { type: "Invalid", range: { start, end: s.start } };
    }
    this.depth++;
    const savedNl = this.nl;
    this.nl = false;
    s.next();
    const args = [];
    let expandFinal = false;
    for (; ; ) {
      if (this.tok() === 11 /* RParen */) break;
      if (this.cur() === 0 /* EOF */) break;
      const arg = this.parseExpression();
      args.push(arg);
      if (arg.type === "Invalid") {
        this.skipToClose(11 /* RParen */);
        break;
      }
      let t = this.tok();
      if (t === 14 /* Ellipsis */) {
        expandFinal = true;
        s.next();
        t = this.tok();
        if (t !== 11 /* RParen */) {
          this.report(
            "Missing closing parenthesis",
            `An expanded function argument (with "...") must be immediately followed by closing parentheses, but found ${this.describe()}.`,
            s.start,
            s.end
          );
          this.skipToClose(11 /* RParen */);
        }
        break;
      }
      if (t === 12 /* Comma */) {
        s.next();
        continue;
      }
      if (t === 11 /* RParen */ || t === 0 /* EOF */) break;
      this.report(
        "Missing argument separator",
        `A comma is required to separate each function argument from the next, but found ${this.describe()}.`,
        s.start,
        s.end
      );
      this.skipToClose(11 /* RParen */);
      break;
    }
    this.depth--;
    const node = {
      type: "FunctionCall",
      range: { start, end: 0 },
      name: fullName,
      namespace,
      nameRange: { start, end: nameEnd },
      args,
      expandFinal,
      openParenRange,
      closeParenRange: { start: s.start, end: s.start }
    };
    if (this.cur() === 11 /* RParen */) {
      node.closeParenRange = { start: s.start, end: s.end };
      this.nl = savedNl;
      s.next();
    } else {
      this.nl = savedNl;
      this.report(
        "Unclosed function call",
        "There is no closing parenthesis for this function call.",
        openParenRange.start,
        openParenRange.end
      );
    }
    node.range.end = node.closeParenRange.end;
    return node;
  }
  parseParentheses() {
    const s = this.s;
    const start = s.start;
    const savedNl = this.nl;
    this.nl = false;
    s.next();
    const expr = this.parseExpression();
    if (this.tok() !== 11 /* RParen */) {
      if (expr.type !== "Invalid") {
        if (this.cur() === 0 /* EOF */) {
          this.report(
            "Unclosed parenthesis",
            "There is no closing parenthesis for this opening parenthesis.",
            start,
            start + 1
          );
        } else {
          this.report(
            "Missing closing parenthesis",
            `Expected a closing parenthesis to terminate the expression, but found ${this.describe()}.`,
            s.start,
            s.end
          );
        }
      }
      this.skipToClose(11 /* RParen */);
      const end2 = this.cur() === 11 /* RParen */ ? s.end : s.start;
      this.nl = savedNl;
      if (this.cur() === 11 /* RParen */) s.next();
      return { type: "Parentheses", range: { start, end: end2 }, expr };
    }
    const end = s.end;
    this.nl = savedNl;
    s.next();
    return { type: "Parentheses", range: { start, end }, expr };
  }
  parseTuple() {
    const s = this.s;
    const start = s.start;
    const savedNl = this.nl;
    this.nl = false;
    s.next();
    if (this.tok() === 2 /* Ident */ && this.isKeyword("for")) {
      const node2 = this.parseForExpr(start, false);
      this.nl = savedNl;
      return node2;
    }
    const items = [];
    for (; ; ) {
      const t = this.tok();
      if (t === 9 /* RBrack */ || t === 0 /* EOF */) break;
      const item = this.parseExpression();
      items.push(item);
      if (item.type === "Invalid") {
        this.skipToClose(9 /* RBrack */);
        break;
      }
      const after = this.tok();
      if (after === 12 /* Comma */) {
        s.next();
        continue;
      }
      if (after === 9 /* RBrack */ || after === 0 /* EOF */) break;
      this.report(
        "Missing item separator",
        `Expected a comma to mark the beginning of the next item, but found ${this.describe()}.`,
        s.start,
        s.end
      );
      this.skipToClose(9 /* RBrack */);
      break;
    }
    const node = { type: "Tuple", range: { start, end: s.start }, items };
    if (this.cur() === 9 /* RBrack */) {
      node.range.end = s.end;
      this.nl = savedNl;
      s.next();
    } else {
      this.nl = savedNl;
      this.report("Unclosed bracket", "There is no closing bracket for this opening bracket.", start, start + 1);
    }
    return node;
  }
  parseObject() {
    const s = this.s;
    const start = s.start;
    const savedNl = this.nl;
    this.nl = true;
    s.next();
    while (this.cur() === 1 /* Newline */) s.next();
    if (this.cur() === 2 /* Ident */ && this.isKeyword("for")) {
      this.nl = false;
      const node2 = this.parseForExpr(start, true);
      this.nl = savedNl;
      return node2;
    }
    const items = [];
    for (; ; ) {
      while (this.cur() === 1 /* Newline */) s.next();
      const t = this.cur();
      if (t === 7 /* RBrace */ || t === 0 /* EOF */) break;
      const item = this.parseObjectItem();
      if (item === void 0) {
        this.skipToClose(7 /* RBrace */);
        break;
      }
      items.push(item);
      const after = this.cur();
      if (after === 12 /* Comma */ || after === 1 /* Newline */) {
        s.next();
        continue;
      }
      if (after === 7 /* RBrace */ || after === 0 /* EOF */) break;
      this.report(
        "Missing attribute separator",
        `Expected a newline or comma to mark the beginning of the next attribute, but found ${this.describe()}.`,
        s.start,
        s.end
      );
      this.skipToClose(7 /* RBrace */);
      break;
    }
    const node = { type: "ObjectCons", range: { start, end: s.start }, items };
    if (this.cur() === 7 /* RBrace */) {
      node.range.end = s.end;
      this.nl = savedNl;
      s.next();
    } else {
      this.nl = savedNl;
      this.report("Unclosed brace", "There is no closing brace for this object constructor.", start, start + 1);
    }
    return node;
  }
  parseObjectItem() {
    const s = this.s;
    const key = this.parseExpression();
    if (key.type === "Invalid") return void 0;
    const t = this.cur();
    if (t !== 20 /* Equal */ && t !== 31 /* Colon */) {
      this.report(
        "Missing key/value separator",
        `Expected an equals sign ("=") to mark the beginning of the attribute value, but found ${this.describe()}.`,
        s.start,
        s.end
      );
      return void 0;
    }
    s.next();
    const value = this.parseExpression();
    if (value.type === "Invalid") return void 0;
    const bareIdentifier = key.type === "ScopeTraversal" && key.steps.length === 0;
    return {
      type: "ObjectItem",
      range: { start: key.range.start, end: value.range.end },
      key: { type: "ObjectKey", range: key.range, expr: key, bareIdentifier },
      value
    };
  }
  /**
   * Ends a broken `for` expression: reports (unless a part already did),
   * skips to its closing bracket and returns an Invalid node.
   */
  failForExpr(start, close, summary, detail, report = true) {
    const s = this.s;
    if (report) this.report(summary, detail, s.start, s.end);
    this.skipToClose(close);
    const end = this.cur() === close ? s.end : s.start;
    if (this.cur() === close) s.next();
    return { type: "Invalid", range: { start, end } };
  }
  /** At the `for` keyword, newlines already insignificant; consumes the closing bracket. */
  parseForExpr(start, isObject) {
    const s = this.s;
    const close = isObject ? 7 /* RBrace */ : 9 /* RBrack */;
    s.next();
    if (this.tok() !== 2 /* Ident */)
      return this.failForExpr(
        start,
        close,
        "Invalid for expression",
        `A variable name is required after "for", but found ${this.describe()}.`
      );
    let keyVar;
    let keyVarRange;
    let valueVar = this.name();
    let valueVarRange = { start: s.start, end: s.end };
    s.next();
    if (this.tok() === 12 /* Comma */) {
      s.next();
      if (this.tok() !== 2 /* Ident */)
        return this.failForExpr(
          start,
          close,
          "Invalid for expression",
          `A second variable name is required after the comma, but found ${this.describe()}.`
        );
      keyVar = valueVar;
      keyVarRange = valueVarRange;
      valueVar = this.name();
      valueVarRange = { start: s.start, end: s.end };
      s.next();
    }
    if (!(this.tok() === 2 /* Ident */ && this.isKeyword("in")))
      return this.failForExpr(
        start,
        close,
        "Invalid for expression",
        `The "in" keyword is required after the variable names, but found ${this.describe()}.`
      );
    s.next();
    const collection = this.parseExpression();
    if (collection.type === "Invalid") return this.failForExpr(start, close, "", "", false);
    if (this.tok() !== 31 /* Colon */)
      return this.failForExpr(
        start,
        close,
        "Invalid for expression",
        `A colon is required after the collection expression, but found ${this.describe()}.`
      );
    s.next();
    let keyExpr;
    if (isObject) {
      keyExpr = this.parseExpression();
      if (keyExpr.type === "Invalid") return this.failForExpr(start, close, "", "", false);
      if (this.tok() !== 33 /* FatArrow */)
        return this.failForExpr(
          start,
          close,
          "Invalid for expression",
          `An object "for" expression needs "=>" between the key and the value, but found ${this.describe()}.`
        );
      s.next();
    }
    const valueExpr = this.parseExpression();
    if (valueExpr.type === "Invalid") return this.failForExpr(start, close, "", "", false);
    let grouping = false;
    if (this.tok() === 14 /* Ellipsis */) {
      if (!isObject)
        return this.failForExpr(
          start,
          close,
          "Invalid for expression",
          'The grouping ellipsis ("...") is only allowed in an object "for" expression.'
        );
      grouping = true;
      s.next();
    }
    let condition;
    if (this.tok() === 2 /* Ident */ && this.isKeyword("if")) {
      s.next();
      condition = this.parseExpression();
      if (condition.type === "Invalid") return this.failForExpr(start, close, "", "", false);
    }
    if (this.tok() !== close) {
      if (this.cur() === 0 /* EOF */) {
        this.report(
          "Unclosed for expression",
          'There is no closing bracket for this "for" expression.',
          start,
          start + 1
        );
        return { type: "Invalid", range: { start, end: s.start } };
      }
      return this.failForExpr(
        start,
        close,
        "Invalid for expression",
        `Expected the end of the "for" expression, but found ${this.describe()}.`
      );
    }
    const node = {
      type: "ForExpr",
      range: { start, end: s.end },
      valueVar,
      valueVarRange,
      collection,
      valueExpr,
      grouping
    };
    if (keyVar !== void 0) {
      node.keyVar = keyVar;
      node.keyVarRange = keyVarRange;
    }
    if (keyExpr !== void 0) node.keyExpr = keyExpr;
    if (condition !== void 0) node.condition = condition;
    s.next();
    return node;
  }
};
function plainQuotedEnd(src, start) {
  for (let i = start + 1; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92 || c === 36 || c === 37 || c === 10 || c === 13) return 0;
  }
  return 0;
}
function findAttribute(attributes, name, seen) {
  if (seen !== void 0) return seen.get(name);
  for (let i = 0; i < attributes.length; i++) if (attributes[i].name === name) return attributes[i];
  return void 0;
}
function invalidAt(offset) {
  return { type: "Invalid", range: { start: offset, end: offset } };
}
function reduce(operands, ops, opStarts) {
  const right = operands.pop();
  const left = operands.pop();
  const op = ops.pop();
  const opStart = opStarts.pop();
  const text = OPERATOR_TEXT[op];
  operands.push({
    type: "BinaryOp",
    range: { start: left.range.start, end: right.range.end },
    op: text,
    opRange: { start: opStart, end: opStart + text.length },
    left,
    right
  });
}
function appendStep(expr, step) {
  if (expr.type === "ScopeTraversal" || expr.type === "RelativeTraversal") {
    expr.steps.push(step);
    expr.range.end = step.range.end;
    return expr;
  }
  return {
    type: "RelativeTraversal",
    range: { start: expr.range.start, end: step.range.end },
    source: expr,
    steps: [step]
  };
}
function literalIndexKey(key) {
  if (key.type === "LiteralValue") return key.valueType === "number" ? key.value : void 0;
  if (key.type === "Template" && key.heredoc === void 0) {
    if (key.parts.length === 0) return "";
    const only = key.parts[0];
    if (key.parts.length === 1 && only.type === "TemplateLiteral") return only.value;
  }
  return void 0;
}

// src/parallel/parse-worker.ts
var port = parentPort;
if (!port) throw new Error("parse-worker.js runs as a worker thread of the parse pool");
var parseMs = 0;
var postMs = 0;
port.on("message", (request) => {
  if (request.id < 0) {
    port.postMessage({ id: request.id, results: [], parseMs, postMs });
    return;
  }
  const t0 = performance.now();
  const results = request.files.map(([path, text]) => {
    try {
      return parseHcl(text, path);
    } catch {
      return null;
    }
  });
  const t1 = performance.now();
  port.postMessage({ id: request.id, results });
  parseMs += t1 - t0;
  postMs += performance.now() - t1;
});
