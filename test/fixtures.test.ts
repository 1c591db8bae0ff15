/**
 * Every fixture case — a folder under fixtures/ holding `expected.txt` — is
 * scanned as its own root, and its findings must be exactly the lines of
 * `expected.txt` (`file:line:col level RULE`, sorted). A rule that fires where
 * it should not fails here as surely as one that stays silent.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import { FIXTURES, fixtureCases, row } from "./helpers/scan.js";

const cases = fixtureCases();

describe("fixture cases", () => {
  it("exist", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((folder) => [path.relative(FIXTURES, folder), folder]))("%s", (_name, folder) => {
    const expected = readFileSync(path.join(folder, "expected.txt"), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));
    const result = scan({ root: folder, paths: [folder] });
    expect(result.findings.map(row)).toEqual(expected);
  });
});
