/** Source ranges made from offsets (issue 8): positions computed when read, plain everywhere they are printed. */
import { describe, expect, it } from "vitest";
import {
  compareRanges,
  fileStartRange,
  isOffsetRange,
  lineStarts,
  plainRange,
  rangeAt,
  type SourceRange,
} from "../../src/core/range.js";

const text = "ab\ncd\r\nef\rgh";
const starts = lineStarts(text);

describe("rangeAt", () => {
  it("computes lines and columns from the offsets when read", () => {
    const range = rangeAt("dir/main.tf", starts, 4, 11);
    expect(range.file).toBe("dir/main.tf");
    expect(range.start).toEqual({ line: 2, column: 2, offset: 4 });
    expect(range.end).toEqual({ line: 4, column: 2, offset: 11 });
  });

  it("prints as a plain range, in the same key order", () => {
    const range = rangeAt("main.tf", starts, 0, 2);
    const plain = { file: "main.tf", start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 3, offset: 2 } };
    expect(JSON.stringify({ range })).toBe(JSON.stringify({ range: plain }));
    expect(JSON.stringify(range, null, 2)).toBe(JSON.stringify(plain, null, 2));
  });

  it("equals the plain range with the same positions in tests (test/setup.ts), and no other", () => {
    const range = rangeAt("main.tf", starts, 3, 5);
    expect(range).toEqual({
      file: "main.tf",
      start: { line: 2, column: 1, offset: 3 },
      end: { line: 2, column: 3, offset: 5 },
    });
    expect(range).toStrictEqual(rangeAt("main.tf", starts, 3, 5));
    expect(range).not.toEqual({
      file: "main.tf",
      start: { line: 2, column: 1, offset: 3 },
      end: { line: 2, column: 4, offset: 6 },
    });
    expect({ value: 1, range }).toMatchObject({ range: { start: { line: 2 } } });
  });

  it("copies to plain data with plainRange: for spreads, structuredClone and threads", () => {
    const range = rangeAt("main.tf", starts, 3, 5);
    const plain = plainRange(range);
    expect(isOffsetRange(range)).toBe(true);
    expect(isOffsetRange(plain)).toBe(false);
    expect(structuredClone(plain)).toEqual(range);
    expect({ ...plain }.start).toEqual({ line: 2, column: 1, offset: 3 });
    // What plainRange is for: the range's own properties are the file only.
    expect(Object.keys(range)).toEqual(["file"]);
  });

  it("orders with plain ranges by file, then start and end offsets", () => {
    const ranges: SourceRange[] = [
      rangeAt("b.tf", starts, 0, 1),
      rangeAt("a.tf", starts, 4, 6),
      fileStartRange("a.tf"),
      rangeAt("a.tf", starts, 4, 5),
      plainRange(rangeAt("a.tf", starts, 3, 9)),
    ];
    const sorted = [...ranges].sort(compareRanges).map((r) => `${r.file}:${r.start.offset}-${r.end.offset}`);
    expect(sorted).toEqual(["a.tf:0-0", "a.tf:3-9", "a.tf:4-5", "a.tf:4-6", "b.tf:0-1"]);
  });
});
