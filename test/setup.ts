/**
 * Test-wide setup (vitest `setupFiles`).
 *
 * Ranges made by `rangeAt` compute `start` and `end` when read (`src/core/range.ts`, issue 8),
 * so their own properties are not those of a plain `{file, start, end}`: this tester lets
 * `toEqual`, `toStrictEqual` and `toMatchObject` compare either kind by value — the value
 * every output prints.
 */
import { expect } from "vitest";
import { isOffsetRange, plainRange, type SourceRange } from "../src/core/range.js";

const plain = (value: unknown): unknown => (isOffsetRange(value) ? plainRange(value as SourceRange) : value);

expect.addEqualityTesters([
  function sourceRangeEquality(a, b, customTesters) {
    if (!isOffsetRange(a) && !isOffsetRange(b)) return undefined;
    return this.equals(plain(a), plain(b), customTesters);
  },
]);
