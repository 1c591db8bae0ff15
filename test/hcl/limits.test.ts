/**
 * Pathological input: the nesting limit, long lines, binary and non-UTF-8 files.
 */
import { describe, expect, it } from "vitest";
import { MAX_NESTING_DEPTH } from "../../src/hcl/limits.js";
import { parseHcl, parseHclBytes } from "../../src/hcl/parser.js";
import { diagnosticsOf } from "./helpers.js";

/** Shapes of nesting `n` levels deep, and the offset of the opener of level `k` (1-based). */
const NESTED: Record<string, { source: (n: number) => string; opener: (k: number) => number }> = {
  tuple: { source: (n) => `a = ${"[".repeat(n)}${"]".repeat(n)}\n`, opener: (k) => 4 + (k - 1) },
  parentheses: { source: (n) => `a = ${"(".repeat(n)}1${")".repeat(n)}\n`, opener: (k) => 4 + (k - 1) },
  object: { source: (n) => `a = ${"{a=".repeat(n)}1${"}".repeat(n)}\n`, opener: (k) => 4 + 3 * (k - 1) },
  call: { source: (n) => `a = ${"f(".repeat(n)}${")".repeat(n)}\n`, opener: (k) => 5 + 2 * (k - 1) },
  index: { source: (n) => `a = x${"[x".repeat(n)}${"]".repeat(n)}\n`, opener: (k) => 5 + 2 * (k - 1) },
  template: { source: (n) => `a = ${'"${'.repeat(n)}1${'}"'.repeat(n)}\n`, opener: (k) => 4 + 3 * (k - 1) },
  block: { source: (n) => "b {\n".repeat(n) + "}\n".repeat(n), opener: (k) => 2 + 4 * (k - 1) },
  "for expression": {
    source: (n) => `a = ${"[for x in y : ".repeat(n)}1${"]".repeat(n)}\n`,
    opener: (k) => 4 + 14 * (k - 1),
  },
  conditional: { source: (n) => `a = ${"x ? 1 : ".repeat(n)}2\n`, opener: (k) => 6 + 8 * (k - 1) },
  "unary operator": { source: (n) => `a = ${"-".repeat(n)}1\n`, opener: (k) => 4 + (k - 1) },
  splat: { source: (n) => `a = x${"[*]".repeat(n)}\n`, opener: (k) => 5 + 3 * (k - 1) },
};

describe("nesting limit", () => {
  it("is at least 1000 levels", () => {
    expect(MAX_NESTING_DEPTH).toBeGreaterThanOrEqual(1000);
  });

  it.each(Object.keys(NESTED))(
    "%s: parses 1000 levels; past the limit, one diagnostic at the offending opener",
    (name) => {
      const shape = NESTED[name]!;
      expect(parseHcl(shape.source(MAX_NESTING_DEPTH), "deep.tf").diagnostics).toEqual([]);
      for (const n of [MAX_NESTING_DEPTH + 1, 100_000]) {
        const result = parseHcl(shape.source(n), "deep.tf");
        expect(result.diagnostics).toHaveLength(1);
        const d = result.diagnostics[0]!;
        expect(d.summary).toBe("Nesting too deep");
        const at = shape.opener(MAX_NESTING_DEPTH + 1);
        expect(d.subject.start).toBe(at);
      }
    },
  );

  it("keeps the rest of the file after a too-deep value", () => {
    const source = `a = ${"[".repeat(5000)}${"]".repeat(5000)}\nb = 2\n`;
    const result = parseHcl(source, "deep.tf");
    expect(result.diagnostics.map((d) => d.summary)).toEqual(["Nesting too deep"]);
    expect(result.body.attributes.map((a) => a.name)).toEqual(["a", "b"]);
  });
});

describe("long lines", () => {
  const MB = 1_000_000;
  const shapes: Record<string, (n: number) => string> = {
    // Items of some length: the point is a long line, not a million nodes.
    "long tuple": (n) => `a = [${"var.subnet_ids,".repeat(n / 15)}]\n`,
    "unterminated string": (n) => `a = "${"x".repeat(n)}\n`,
    "many interpolations": (n) => `a = "${"-${var.name_prefix}".repeat(n / 19)}"\n`,
    "long operator chain": (n) => `a = 1${" + var.instance_count".repeat(n / 21)}\n`,
    "unterminated block comment": (n) => `/* ${"c".repeat(n)}\n`,
    "many invalid characters": (n) => `a = 1 ${"@".repeat(n)}\n`,
    "many quotes": (n) => `a = ${'"'.repeat(n)}\n`,
    "many openers": (n) => `a = ${"([{".repeat(n / 3)}\n`,
  };

  it.each(Object.keys(shapes))("%s: a 1 MB line is parsed with work linear in its length", (name) => {
    // Work is counted, not timed: the tokens the scanner produced, rescans included.
    const work = (n: number) => {
      const result = parseHcl(shapes[name]!(n), "long.tf");
      expect(result.diagnostics.length).toBeLessThanOrEqual(2);
      return result.tokensScanned;
    };
    const quarter = work(MB / 4);
    const one = work(MB);
    expect(one).toBeLessThanOrEqual(MB + 16); // at most one token per character
    expect(one).toBeLessThanOrEqual(4 * quarter + 16);
  });
});

describe("files that are not text", () => {
  it("gives a file with a NUL byte one diagnostic", () => {
    expect(diagnosticsOf("a = 1\nb\u0000 = 2\n")).toEqual(["Binary file @ 2:2-2:3"]);
    const result = parseHcl("a = 1\u0000", "bin.tf");
    expect(result.diagnostics).toHaveLength(1);
    expect(result.body.items).toEqual([]);
  });

  it("gives invalid UTF-8 one diagnostic at the first bad byte", () => {
    const bytes = new Uint8Array([0x61, 0x20, 0x3d, 0x20, 0x22, 0xff, 0xfe, 0x22, 0x0a]);
    const result = parseHclBytes(bytes, "bad.tf");
    expect(result.diagnostics).toEqual([
      {
        severity: "error",
        summary: "Invalid UTF-8",
        detail: "The file is not valid UTF-8 text.",
        subject: { start: 5, end: 6 },
      },
    ]);
    expect(result.body.items).toEqual([]);
  });

  it("decodes valid UTF-8 with a BOM, keeping the BOM as offset 0", () => {
    const bytes = new TextEncoder().encode('\ufeffname = "café"\n');
    const result = parseHclBytes(bytes, "bom.tf");
    expect(result.diagnostics).toEqual([]);
    expect(result.body.attributes[0]!.nameRange).toEqual({ start: 1, end: 5 });
  });
});
