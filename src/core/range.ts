/**
 * Source positions and ranges, shared by every stage.
 *
 * Offsets are 0-based indexes into the JavaScript string of the file (so UTF-16
 * code units); lines and columns are 1-based, columns in UTF-16 code units, as
 * SARIF declares with `columnKind: "utf16CodeUnits"`. An end position is
 * exclusive: the column after the last character.
 */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface SourceRange {
  /** Path relative to the scan root, with `/` separators. */
  file: string;
  start: Position;
  end: Position;
}

/**
 * Offsets of the first character of every line. Parsers keep offsets only and
 * turn them into line/column on demand, which keeps scanning fast.
 * A line ends at `\n`, `\r\n` or a lone `\r`.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf("\r") < 0) {
    // The common case: `indexOf` is several times faster than a loop over char codes.
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

/** Line and column of an offset, by binary search in a `lineStarts` table. */
export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1, offset };
}

/** A range of a file from two offsets. */
export function rangeAt(file: string, starts: readonly number[], startOffset: number, endOffset: number): SourceRange {
  return { file, start: positionAt(starts, startOffset), end: positionAt(starts, endOffset) };
}

/** Orders ranges by file, then start offset, then end offset. */
export function compareRanges(a: SourceRange, b: SourceRange): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.start.offset - b.start.offset || a.end.offset - b.end.offset;
}

/** An empty range at the start of a file: where a note about the whole file points. */
export function fileStartRange(file: string): SourceRange {
  const start = { line: 1, column: 1, offset: 0 };
  return { file, start, end: { ...start } };
}
