/**
 * SMBT020 · Scan incomplete (issue 19): always on. No configuration, suppression,
 * baseline or only-changed filter removes or lowers it (DESIGN.md, "Fail closed").
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan, type ScanResult } from "../../src/scan.js";
import { ConfigError, parseConfig } from "../../src/config/config.js";
import { createBaseline } from "../../src/baseline/baseline.js";
import { narrowToChanged } from "../../src/github/only-changed.js";
import { failsOn } from "../../src/report/fail-on.js";

/** A module tree 33 calls deep (one past the fixed depth of 32) (sibling folders, so that no path is long): the 33rd call is cut. */
function deepTree(depth: number, bottom: string, callPrefix = ""): string {
  const root = mkdtempSync(path.join(tmpdir(), "incomplete-"));
  for (let i = 0; i <= depth; i++) {
    const dir = path.join(root, `l${String(i).padStart(2, "0")}`);
    mkdirSync(dir);
    const next = `l${String(i + 1).padStart(2, "0")}`;
    writeFileSync(
      path.join(dir, "main.tf"),
      i < depth ? `${i === 32 ? callPrefix : ""}module "next" {\n  source = "../${next}"\n}\n` : bottom,
    );
  }
  return root;
}

const rows = (result: ScanResult) =>
  result.findings.map(
    (f) =>
      `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId}${f.suppression ? " suppressed" : ""}${f.baselineState ? ` ${f.baselineState}` : ""}`,
  );

const VPC = `resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n`;

describe("SMBT020 is always on", () => {
  it("is refused as off or a lower level by the configuration, accepted as on or error", () => {
    for (const setting of ["off", "warning", "note", "false"])
      expect(() => parseConfig(`rules:\n  SMBT020: ${setting}\n`, "c.yml")).toThrow(
        new ConfigError(
          'c.yml:2:12: rules.SMBT020 must be one of "on", "error", true: SMBT020 (scan incomplete) cannot be turned off or lowered',
        ),
      );
    expect(parseConfig("rules:\n  SMBT020: error\n  SMBT001: off\n", "c.yml").rules).toEqual({
      SMBT020: "error",
      SMBT001: "off",
    });
  });

  it("keeps its level and stays reported under rule settings that name it", () => {
    const root = deepTree(33, VPC);
    const result = scan({
      root,
      paths: [root],
      ruleSettings: { rules: { SMBT020: "off" }, notes: false },
    });
    expect(rows(result)).toEqual(["l32/main.tf:2:3 error SMBT020"]);
    const lowered = scan({ root, paths: [root], ruleSettings: { rules: { SMBT020: "note" } } });
    expect(rows(lowered)).toEqual(["l32/main.tf:2:3 error SMBT020"]);
  });

  it("is not suppressed by a comment naming it, which is itself reported as SMBT019", () => {
    const root = deepTree(33, VPC, "# sagemaker-vpc-guard:ignore SMBT020 the tree is generated\n");
    const result = scan({ root, paths: [root] });
    expect(rows(result)).toEqual(["l32/main.tf:1:1 warning SMBT019", "l32/main.tf:3:3 error SMBT020"]);
    expect(result.findings[0]!.message).toBe(
      "Suppression names SMBT020, which cannot be suppressed: raise the limit it names or exclude the path. The scan-incomplete findings are reported.",
    );
    expect(failsOn(result.findings, "error")).toBe(true);
  });

  it("is never taken into a baseline, and is new against any baseline", () => {
    const root = deepTree(33, VPC);
    const first = scan({ root, paths: [root] });
    const baseline = createBaseline(first.findings, first.files);
    expect(baseline.findings).toEqual([]);
    // Even a baseline that lists its very fingerprint does not mark it unchanged.
    const forged = {
      ...baseline,
      findings: [{ fingerprint: "x", ruleId: "SMBT020", file: "l32/main.tf", message: first.findings[0]!.message }],
    };
    const again = scan({ root, paths: [root], baseline: forged });
    expect(rows(again)).toEqual(["l32/main.tf:2:3 error SMBT020 new"]);
    expect(failsOn(again.findings, "error")).toBe(true);
  });

  it("is kept by only-changed when the pull request changes none of its files", () => {
    const root = deepTree(33, VPC);
    const result = scan({ root, paths: [root] });
    const narrowed = narrowToChanged(result, new Set(["README.md"]), []);
    expect(narrowed.result.findings.map((f) => f.ruleId)).toEqual(["SMBT020"]);
  });
});
