import { describe, expect, it } from "vitest";
import { findingFingerprint, lineHashes } from "../../src/report/fingerprint.js";
import type { Finding } from "../../src/core/finding.js";

const hashes = (text: string) => [...lineHashes(text).entries()].sort((a, b) => a[0] - b[0]).map(([, hash]) => hash);

// Published test vectors of GitHub's upload action, so our hashes match what code scanning computes.
describe("primaryLocationLineHash", () => {
  it("hashes an empty file", () => {
    expect(hashes("")).toEqual(["c129715d7a2bc9a3:1"]);
  });

  it("skips spaces and tabs", () => {
    expect(hashes(" a\nb\n  \t\tc\n d")).toEqual([
      "271789c17abda88f:1",
      "54703d4cd895b18:1",
      "180aee12dab6264:1",
      "a23a3dc5e078b07b:1",
    ]);
  });

  it.each([
    " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n",
    " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r",
    " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n",
    " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n",
  ])("reads CR, LF and CRLF alike: %j", (text) => {
    expect(hashes(text)).toEqual([
      "e9496ae3ebfced30:1",
      "fb7c023a8b9ccb3f:1",
      "ce8ba1a563dcdaca:1",
      "e20e36e16fcb0cc8:1",
      "b3edc88f2938467e:1",
      "c8e28b0b4002a3a0:1",
      "c129715d7a2bc9a3:1",
    ]);
  });

  it("counts repeated hashes", () => {
    expect(hashes("Lorem ipsum dolor sit amet.\n".repeat(10))).toEqual([
      "a7f2ff13bc495cf2:1",
      "a7f2ff13bc495cf2:2",
      "a7f2ff13bc495cf2:3",
      "a7f2ff13bc495cf2:4",
      "a7f2ff13bc495cf2:5",
      "a7f2ff13bc495cf2:6",
      "a7f2ff1481e87703:1",
      "a9cf91f7bbf1862b:1",
      "55ec222b86bcae53:1",
      "cc97dc7b1d7d8f7b:1",
      "c129715d7a2bc9a3:1",
    ]);
  });
});

describe("our fingerprint", () => {
  const at = (line: number, start: number, end: number): Finding => ({
    ruleId: "SMBT001",
    level: "error",
    message: "m",
    resource: "Model",
    range: { file: "a.yaml", start: { line, column: 1, offset: start }, end: { line, column: 1, offset: end } },
  });

  it("survives lines added above the construct", () => {
    const before = "Resources:\n  Model:\n    Type: x\n";
    const after = "# a comment\n\nResources:\n  Model:\n    Type: x\n";
    expect(findingFingerprint(at(2, 13, 18), before)).toBe(findingFingerprint(at(4, 26, 31), after));
  });

  it("changes with the rule or the construct's text", () => {
    const text = "Resources:\n  Model:\n  Other:\n";
    const model = findingFingerprint(at(2, 13, 18), text);
    expect(findingFingerprint(at(3, 22, 27), text)).not.toBe(model);
    expect(findingFingerprint({ ...at(2, 13, 18), ruleId: "SMBT002" }, text)).not.toBe(model);
  });
});

describe("lineHashes of some lines", () => {
  it("gives those lines the hashes and repeat counts of the whole file's, and no others", () => {
    // 7 × 13 distinct lines, repeated: counts up to 5.
    const text = Array.from({ length: 400 }, (_, i) => `line ${i % 7} ${"x".repeat(i % 13)}`).join("\n");
    const all = lineHashes(text);
    expect(all.size).toBe(400);
    expect(all.get(1 + 91 * 4)).toBe(`${all.get(1)!.split(":")[0]}:5`);
    const some = lineHashes(text, new Set([3, 120, 365]));
    expect([...some.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [3, all.get(3)],
      [120, all.get(120)],
      [365, all.get(365)],
    ]);
    expect(lineHashes(text, new Set())).toEqual(new Map());
  });
});
