/** The benchmark's monorepo generator: deterministic, and what it writes is valid for every stage. */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateMonorepo, writeMonorepo } from "../../bench/gen-monorepo.mjs";
import { scan } from "../../src/scan.js";

describe("gen-monorepo", () => {
  it("is deterministic and lays stacks out as users do", () => {
    const a = generateMonorepo({ seed: 3, stacks: 9 });
    expect(generateMonorepo({ seed: 3, stacks: 9 })).toEqual(a);
    expect(generateMonorepo({ seed: 4, stacks: 9 })).not.toEqual(a);
    const paths = a.map((f) => f.path);
    expect(paths.filter((p) => p.endsWith("/template.yaml"))).toHaveLength(3);
    expect(
      paths.filter((p) => /^stacks\/[a-z]+\/[a-z]+-\d{4}\/(variables|network|iam|sagemaker)\.tf$/.test(p)),
    ).toHaveLength(36);
    expect(paths.filter((p) => p.startsWith("modules/ml-network/"))).toHaveLength(3);
  });

  it("writes stacks that parse and evaluate without errors", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "smvg-gen-"));
    try {
      writeMonorepo(root, { seed: 1, stacks: 15 });
      const result = scan({ root, paths: ["."] });
      expect(result.files.size).toBe(15 * 4 + 5 + 3);
      expect(result.findings.filter((f) => f.ruleId === "SMBT000" || f.ruleId === "SMBT018")).toEqual([]);
      expect(result.notes).toEqual([]);
      // Defects exist, but most stacks are clean.
      expect(result.findings.some((f) => f.level === "error")).toBe(true);
      expect(
        new Set(
          result.findings.filter((f) => f.level === "error").map((f) => f.range.file.split("/").slice(0, 3).join("/")),
        ).size,
      ).toBeLessThan(8);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
