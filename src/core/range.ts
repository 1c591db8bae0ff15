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

/**
 * A range kept as its two offsets and the file's line table: one object where
 * `{file, start, end}` takes three (issue 8: at 2,000 stacks the Terraform
 * stage held about 1.4 million ranges, a quarter of its heap). `start` and
 * `end` are computed when read — a binary search in the line table, each read
 * a fresh `Position` — and `toJSON` writes the plain form, so every reader and
 * every output (JSON, SARIF) sees an ordinary `SourceRange`.
 *
 * What it is not is a plain object: its own enumerable property is `file`
 * only. Spreading it (`{ ...range }`) or passing it through `structuredClone`
 * / `postMessage` loses `start` and `end`; copy with `plainRange` instead.
 * Tests compare it with plain ranges through the equality tester in
 * `test/setup.ts`.
 */
class OffsetRange implements SourceRange {
  readonly #starts: readonly number[];
  readonly #start: number;
  readonly #end: number;

  constructor(
    readonly file: string,
    starts: readonly number[],
    start: number,
    end: number,
  ) {
    this.#starts = starts;
    this.#start = start;
    this.#end = end;
  }

  get start(): Position {
    return positionAt(this.#starts, this.#start);
  }

  get end(): Position {
    return positionAt(this.#starts, this.#end);
  }

  toJSON(): SourceRange {
    return { file: this.file, start: this.start, end: this.end };
  }

  /** `console.log` and `util.inspect` show the plain form. */
  [Symbol.for("nodejs.util.inspect.custom")](): SourceRange {
    return this.toJSON();
  }

  /** Offsets without computing positions: `compareRanges` sorts many ranges. */
  static startOffset(range: SourceRange): number {
    return #start in range ? range.#start : range.start.offset;
  }

  static endOffset(range: SourceRange): number {
    return #end in range ? range.#end : range.end.offset;
  }

  static is(value: unknown): value is OffsetRange {
    return typeof value === "object" && value !== null && #start in value;
  }
}

/** A range of a file from two offsets. */
export function rangeAt(file: string, starts: readonly number[], startOffset: number, endOffset: number): SourceRange {
  return new OffsetRange(file, starts, startOffset, endOffset);
}

/**
 * The range as a plain object (`{file, start: {...}, end: {...}}`, fresh
 * objects): for spreading, `structuredClone` or a worker thread.
 */
export function plainRange(range: SourceRange): SourceRange {
  const { file, start, end } = range;
  return {
    file,
    start: { line: start.line, column: start.column, offset: start.offset },
    end: { line: end.line, column: end.column, offset: end.offset },
  };
}

/** Whether a value is a range made by `rangeAt` (not a plain object): for test equality. */
export const isOffsetRange = (value: unknown): boolean => OffsetRange.is(value);

/** Orders ranges by file, then start offset, then end offset. */
export function compareRanges(a: SourceRange, b: SourceRange): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return OffsetRange.startOffset(a) - OffsetRange.startOffset(b) || OffsetRange.endOffset(a) - OffsetRange.endOffset(b);
}

/** An empty range at the start of a file: where a note about the whole file points. */
export function fileStartRange(file: string): SourceRange {
  const start = { line: 1, column: 1, offset: 0 };
  return { file, start, end: { ...start } };
}
