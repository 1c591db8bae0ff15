/**
 * The expression-mode scanner of the HCL native syntax.
 *
 * It works on char codes and keeps the current token in three fields
 * (`type`, `start`, `end`) instead of allocating token objects: the parser
 * reads them and calls `next()`. Template text (inside quotes and heredocs) is
 * not tokenized here; `template.ts` scans it directly from `pos`, because what a
 * character means there depends on the template, not on the token stream.
 *
 * Comments are skipped like whitespace and appended to `comments` (once each,
 * even if the parser rewinds and scans a region again).
 */
import type { Comment, Diagnostic } from "./ast.js";

export enum Tok {
  EOF,
  Newline,
  Ident,
  Number,
  OQuote, // "
  OHeredoc, // <<EOT or <<-EOT up to and including the newline
  LBrace,
  RBrace,
  LBrack,
  RBrack,
  LParen,
  RParen,
  Comma,
  Dot,
  Ellipsis,
  Star,
  Slash,
  Percent,
  Plus,
  Minus,
  Equal,
  EqualEqual,
  NotEqual,
  Bang,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  And,
  Or,
  Question,
  Colon,
  DoubleColon,
  FatArrow,
  Tilde,
  /** A character that cannot start any token. */
  Invalid,
  /** `&` or `|` alone (an `&&`/`||` typo), reported as invalid. */
  InvalidOperator,
}

const ID_START = /[\p{ID_Start}]/u;
const ID_CONTINUE = /[\p{ID_Continue}]/u;

/** Whether `c` (a char code) can start an identifier; slow path for non-ASCII. */
export function isIdentStartAt(src: string, i: number): boolean {
  const c = src.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  return ID_START.test(String.fromCodePoint(src.codePointAt(i)!));
}

/** Length in code units of the identifier continuation character at `i`, or 0. */
function identContinueLength(src: string, i: number): number {
  const c = src.charCodeAt(i);
  if (c < 128) {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 ? 1 : 0;
  }
  if (i >= src.length) return 0;
  const cp = src.codePointAt(i)!;
  return ID_CONTINUE.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

/** End offset of the identifier starting at `i` (which must be an identifier start). */
export function scanIdentEnd(src: string, i: number): number {
  i += src.charCodeAt(i) >= 0xd800 && src.charCodeAt(i) <= 0xdbff ? 2 : 1;
  for (;;) {
    // ASCII fast path: letters, digits, `_` and `-`.
    const c = src.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45) {
      i++;
      continue;
    }
    if (c < 128 || i >= src.length) return i;
    const n = identContinueLength(src, i);
    if (n === 0) return i;
    i += n;
  }
}

export class Scanner {
  readonly src: string;
  readonly length: number;
  /** Offset where the next token scan begins. */
  pos: number;
  type: Tok = Tok.EOF;
  start = 0;
  end = 0;
  readonly comments: Comment[];
  readonly diagnostics: Diagnostic[];
  /** Comments that end at or before this offset were already recorded. */
  private commentsRecordedTo = 0;
  /** Tokens scanned, rescans included: the counted measure of the parser's work (tests bound it). */
  tokens = 0;

  constructor(src: string, startOffset: number, comments: Comment[], diagnostics: Diagnostic[]) {
    this.src = src;
    this.length = src.length;
    this.pos = startOffset;
    this.comments = comments;
    this.diagnostics = diagnostics;
  }

  /** Scans the next token into `type`/`start`/`end`, starting at `pos`. */
  next(): Tok {
    const src = this.src;
    const len = this.length;
    let i = this.pos;
    // Whitespace and comments. (charCodeAt past the end is NaN: no match.)
    for (;;) {
      let c = src.charCodeAt(i);
      while (c === 32 || c === 9) c = src.charCodeAt(++i);
      if (i >= len) {
        this.pos = i;
        return this.set(Tok.EOF, i, i);
      }
      if (c === 35 /* # */ || (c === 47 /* / */ && src.charCodeAt(i + 1) === 47)) {
        i = this.lineComment(i, c === 35 ? 1 : 2);
      } else if (c === 47 && src.charCodeAt(i + 1) === 42 /* * */) {
        i = this.blockComment(i);
      } else {
        break;
      }
    }
    const c = src.charCodeAt(i);
    // Identifiers first: they are the most frequent token.
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) return this.emit(Tok.Ident, i, scanIdentEnd(src, i));
    switch (c) {
      case 10:
        return this.emit(Tok.Newline, i, i + 1);
      case 13:
        // Only LF and CRLF end lines in HCL; a lone CR is an invalid character.
        if (src.charCodeAt(i + 1) === 10) return this.emit(Tok.Newline, i, i + 2);
        return this.emit(Tok.Invalid, i, i + 1);
      case 34:
        return this.emit(Tok.OQuote, i, i + 1);
      case 123:
        return this.emit(Tok.LBrace, i, i + 1);
      case 125:
        return this.emit(Tok.RBrace, i, i + 1);
      case 91:
        return this.emit(Tok.LBrack, i, i + 1);
      case 93:
        return this.emit(Tok.RBrack, i, i + 1);
      case 40:
        return this.emit(Tok.LParen, i, i + 1);
      case 41:
        return this.emit(Tok.RParen, i, i + 1);
      case 44:
        return this.emit(Tok.Comma, i, i + 1);
      case 46:
        if (src.charCodeAt(i + 1) === 46 && src.charCodeAt(i + 2) === 46) return this.emit(Tok.Ellipsis, i, i + 3);
        return this.emit(Tok.Dot, i, i + 1);
      case 42:
        return this.emit(Tok.Star, i, i + 1);
      case 47:
        return this.emit(Tok.Slash, i, i + 1);
      case 37:
        return this.emit(Tok.Percent, i, i + 1);
      case 43:
        return this.emit(Tok.Plus, i, i + 1);
      case 45:
        return this.emit(Tok.Minus, i, i + 1);
      case 61:
        if (src.charCodeAt(i + 1) === 61) return this.emit(Tok.EqualEqual, i, i + 2);
        if (src.charCodeAt(i + 1) === 62) return this.emit(Tok.FatArrow, i, i + 2);
        return this.emit(Tok.Equal, i, i + 1);
      case 33:
        if (src.charCodeAt(i + 1) === 61) return this.emit(Tok.NotEqual, i, i + 2);
        return this.emit(Tok.Bang, i, i + 1);
      case 60:
        if (src.charCodeAt(i + 1) === 61) return this.emit(Tok.LessEqual, i, i + 2);
        if (src.charCodeAt(i + 1) === 60) {
          const end = this.heredocStartEnd(i);
          if (end > 0) return this.emit(Tok.OHeredoc, i, end);
        }
        return this.emit(Tok.Less, i, i + 1);
      case 62:
        if (src.charCodeAt(i + 1) === 61) return this.emit(Tok.GreaterEqual, i, i + 2);
        return this.emit(Tok.Greater, i, i + 1);
      case 38:
        if (src.charCodeAt(i + 1) === 38) return this.emit(Tok.And, i, i + 2);
        return this.emit(Tok.InvalidOperator, i, i + 1);
      case 124:
        if (src.charCodeAt(i + 1) === 124) return this.emit(Tok.Or, i, i + 2);
        return this.emit(Tok.InvalidOperator, i, i + 1);
      case 63:
        return this.emit(Tok.Question, i, i + 1);
      case 58:
        if (src.charCodeAt(i + 1) === 58) return this.emit(Tok.DoubleColon, i, i + 2);
        return this.emit(Tok.Colon, i, i + 1);
      case 126:
        return this.emit(Tok.Tilde, i, i + 1);
    }
    if (c >= 48 && c <= 57) return this.emit(Tok.Number, i, this.numberEnd(i));
    if (isIdentStartAt(src, i)) return this.emit(Tok.Ident, i, scanIdentEnd(src, i));
    // One invalid character (a whole surrogate pair counts as one).
    const cp = src.codePointAt(i)!;
    return this.emit(Tok.Invalid, i, i + (cp > 0xffff ? 2 : 1));
  }

  private set(type: Tok, start: number, end: number): Tok {
    this.tokens++;
    this.type = type;
    this.start = start;
    this.end = end;
    return type;
  }

  /** Sets the token and moves `pos` past it. */
  private emit(type: Tok, start: number, end: number): Tok {
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
  private numberEnd(i: number): number {
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
  private heredocStartEnd(i: number): number {
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

  private lineComment(i: number, markerLength: number): number {
    const src = this.src;
    const start = i;
    i += markerLength;
    // A line comment ends before the newline (LF or CRLF), which remains a token.
    for (;;) {
      const c = src.charCodeAt(i);
      if (c === 10 || (c === 13 && src.charCodeAt(i + 1) === 10) || i >= this.length) break;
      i++;
    }
    this.record(start, i, markerLength === 1 ? "#" : "//", start + markerLength, i);
    return i;
  }

  private blockComment(i: number): number {
    const start = i;
    const close = this.src.indexOf("*/", i + 2);
    if (close < 0) {
      if (start >= this.commentsRecordedTo) {
        this.diagnostics.push({
          severity: "error",
          summary: "Unterminated comment",
          detail: 'There is no closing "*/" for this comment.',
          subject: { start, end: start + 2 },
        });
      }
      this.record(start, this.length, "/*", start + 2, this.length);
      return this.length;
    }
    this.record(start, close + 2, "/*", start + 2, close);
    return close + 2;
  }

  private record(start: number, end: number, style: Comment["style"], textStart: number, textEnd: number): void {
    if (start < this.commentsRecordedTo) return;
    this.commentsRecordedTo = end;
    this.comments.push({ type: "Comment", range: { start, end }, style, text: this.src.slice(textStart, textEnd) });
  }
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
