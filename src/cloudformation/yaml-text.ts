/**
 * YAML as CloudFormation reads it, made into YAML the `yaml` package reads.
 *
 * CloudFormation, cfn-lint and PyYAML accept two things that the `yaml`
 * package's lexer, strict about YAML 1.2 indentation, refuses:
 *
 * - a lone CR as a line break (PyYAML's `\r`; the `yaml` package breaks lines
 *   only at LF and CRLF);
 * - continuation lines of a flow collection (`[ … ]`, `{ … }`) or of a quoted
 *   scalar that sit at or left of their key's indentation: the
 *   `PolicyDocument: !Sub '{ … }'` JSON block whose closing `}'` lines up with
 *   the key. In flow context PyYAML ignores indentation altogether.
 *
 * Both are rewritten before parsing: a lone CR becomes LF (same length), and a
 * continuation line of a multi-line flow collection or quoted scalar that is
 * closed gets the spaces it lacks. Leading white space of such a line is not
 * part of any value (flow scalars fold it away), so the values are the file's;
 * the inserted spaces are recorded, and `toOriginal` maps every offset the
 * parser reports back to the file's. A construct that is not closed is left
 * alone, so the parser reports it where it starts to go wrong.
 *
 * One linear pass over the text: block scalars (`|`, `>`) are skipped by their
 * indentation, comments to the end of the line, and a quote or bracket counts
 * only where a node may start (not `it's`, not `a[0]`).
 */

export interface PreparedYamlText {
  /** The text to parse. */
  text: string;
  /** An offset in `text` as an offset in the original text. */
  toOriginal(offset: number): number;
  /** Lines that got spaces (0 when the text was only passed through). */
  paddedLines: number;
}

interface Insertion {
  /** Where the spaces start in the prepared text. */
  at: number;
  count: number;
  /** Spaces inserted up to and including this insertion. */
  total: number;
}

export function prepareYamlText(original: string): PreparedYamlText {
  const text = original.includes("\r") ? original.replace(/\r(?!\n)/g, "\n") : original;
  const padding = continuationPadding(text);
  if (padding.length === 0) return { text, toOriginal: (offset) => offset, paddedLines: 0 };
  const parts: string[] = [];
  const insertions: Insertion[] = [];
  let from = 0;
  let total = 0;
  for (const { lineStart, count } of padding) {
    parts.push(text.slice(from, lineStart), " ".repeat(count));
    insertions.push({ at: lineStart + total, count, total: total + count });
    total += count;
    from = lineStart;
  }
  parts.push(text.slice(from));
  const toOriginal = (offset: number): number => {
    // The last insertion at or before `offset`, by binary search.
    let lo = 0;
    let hi = insertions.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (insertions[mid]!.at <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return offset;
    const insertion = insertions[found]!;
    // Inside inserted spaces: the start of the line they were put on.
    if (offset < insertion.at + insertion.count) return insertion.at - (insertion.total - insertion.count);
    return offset - insertion.total;
  };
  return { text: parts.join(""), toOriginal, paddedLines: padding.length };
}

/** Where spaces are missing: each line start (ascending) and how many spaces it needs. */
function continuationPadding(text: string): { lineStart: number; count: number }[] {
  const padding: { lineStart: number; count: number }[] = [];
  const n = text.length;
  let i = 0;
  /** Block-scalar content being skipped: the header line's indentation, then the content's. */
  let blockScalar: { parentIndent: number; contentIndent?: number } | undefined;

  while (i < n) {
    const lineStart = i;
    let indent = 0;
    while (i < n && text[i] === " ") {
      indent++;
      i++;
    }
    const lineEnd = endOfLine(text, i);
    if (blockScalar) {
      const blank = isBlank(text, i, lineEnd);
      if (blank) {
        i = lineEnd + 1;
        continue;
      }
      if (blockScalar.contentIndent === undefined && indent > blockScalar.parentIndent)
        blockScalar.contentIndent = indent;
      if (blockScalar.contentIndent !== undefined && indent >= blockScalar.contentIndent) {
        i = lineEnd + 1;
        continue;
      }
      blockScalar = undefined;
    }
    // Compact block entries (`- `, `? `, `: `) count as indentation for what follows them.
    while (i + 1 < n && (text[i] === "-" || text[i] === "?" || text[i] === ":") && isSpace(text[i + 1])) {
      i += 2;
      while (i < n && text[i] === " ") i++;
    }
    const contentColumn = i - lineStart;
    let nodeStart = true;
    let previous = " ";
    while (i < n && text[i] !== "\n") {
      const c = text[i]!;
      if (c === "#" && isSpace(previous)) {
        i = endOfLine(text, i);
        break;
      }
      if (nodeStart && (c === "[" || c === "{" || c === "'" || c === '"')) {
        const end = c === "[" || c === "{" ? flowEnd(text, i) : quotedEnd(text, i);
        if (end < 0) return padding; // not closed: the parser reports it
        const required = contentColumn + 1;
        for (let line = text.indexOf("\n", i); line >= 0 && line < end; line = text.indexOf("\n", line + 1)) {
          const start = line + 1;
          let spaces = 0;
          while (text[start + spaces] === " ") spaces++;
          const next = text[start + spaces];
          if (spaces < required && next !== "\n" && next !== undefined)
            padding.push({ lineStart: start, count: required - spaces });
        }
        i = end;
        nodeStart = false;
        previous = "x";
        continue;
      }
      if (nodeStart && (c === "|" || c === ">") && isBlockScalarHeader(text, i + 1)) {
        blockScalar = { parentIndent: indent };
        i = endOfLine(text, i);
        break;
      }
      if (nodeStart && (c === "!" || c === "&")) {
        // A tag or an anchor: the node starts after it.
        while (i < n && !isSpace(text[i]) && text[i] !== "\n") i++;
        previous = " ";
        continue;
      }
      if ((c === ":" || c === "-" || c === "?") && (isSpace(text[i + 1]) || text[i + 1] === "\n" || i + 1 === n)) {
        nodeStart = true;
      } else if (!isSpace(c)) nodeStart = false;
      previous = c;
      i++;
    }
    i++;
  }
  return padding;
}

/** The offset after the bracket that closes the flow collection opened at `open`, or -1. */
function flowEnd(text: string, open: number): number {
  const n = text.length;
  let depth = 0;
  let nodeStart = true;
  let previous = " ";
  let i = open;
  while (i < n) {
    const c = text[i]!;
    if (c === "#" && (isSpace(previous) || previous === "\n")) {
      i = endOfLine(text, i);
      continue;
    }
    if ((c === "'" || c === '"') && nodeStart) {
      const end = quotedEnd(text, i);
      if (end < 0) return -1;
      i = end;
      nodeStart = false;
      previous = c;
      continue;
    }
    if (c === "[" || c === "{") {
      depth++;
      nodeStart = true;
    } else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0) return i + 1;
      nodeStart = false;
    } else if (c === "," || c === ":" || c === "?") nodeStart = true;
    else if ((c === "!" || c === "&") && nodeStart) {
      while (i < n && !isSpace(text[i]) && text[i] !== "\n" && !",[]{}".includes(text[i]!)) i++;
      previous = " ";
      continue;
    } else if (!isSpace(c) && c !== "\n") nodeStart = false;
    previous = c;
    i++;
  }
  return -1;
}

/** The offset after the quote that closes the quoted scalar opened at `open`, or -1. */
function quotedEnd(text: string, open: number): number {
  const quote = text[open];
  let i = open + 1;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (quote === '"' && c === "\\") i += 2;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i += 2;
      else return i + 1;
    } else i++;
  }
  return -1;
}

/** `|` or `>` followed by indentation/chomping indicators, then the end of the line or a comment. */
function isBlockScalarHeader(text: string, i: number): boolean {
  while (text[i] === "+" || text[i] === "-" || (text[i]! >= "1" && text[i]! <= "9")) i++;
  while (isSpace(text[i])) i++;
  return text[i] === undefined || text[i] === "\n" || text[i] === "\r" || (text[i] === "#" && isSpace(text[i - 1]));
}

function endOfLine(text: string, i: number): number {
  const end = text.indexOf("\n", i);
  return end < 0 ? text.length : end;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] !== " " && text[i] !== "\t" && text[i] !== "\r") return false;
  return true;
}

const isSpace = (c: string | undefined): boolean => c === " " || c === "\t";
