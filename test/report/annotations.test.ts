import { describe, expect, it } from "vitest";
import type { Finding, Level } from "../../src/core/finding.js";
import { planAnnotations } from "../../src/report/annotations.js";
import { RULES } from "../../rules/index.js";

const finding = (level: Level, line: number, width = 1, file = "a.tf"): Finding => ({
  ruleId: "SMBT001",
  level,
  message: `${level} at ${line}`,
  range: {
    file,
    start: { line, column: 1, offset: line * 100 },
    end: { line, column: 1 + width, offset: line * 100 + width },
  },
});
const rows = (findings: Finding[]) => planAnnotations(findings, RULES).map((a) => `${a.level} ${a.message}`);

describe("annotation limits", () => {
  it("puts the most severe first, then the narrowest range", () => {
    expect(rows([finding("note", 1), finding("warning", 2), finding("error", 3, 40), finding("error", 4, 2)])).toEqual([
      "error error at 4",
      "error error at 3",
      "warning warning at 2",
      "note note at 1",
    ]);
  });

  it("shows 10 of each kind and says how many more are in the summary and SARIF", () => {
    const many = [
      ...Array.from({ length: 12 }, (_, i) => finding("error", i + 1)),
      ...Array.from({ length: 3 }, (_, i) => finding("warning", i + 100)),
      ...Array.from({ length: 10 }, (_, i) => finding("note", i + 200)),
    ];
    const plan = planAnnotations(many, RULES);
    expect(plan.filter((a) => a.level === "error")).toHaveLength(10);
    expect(plan.filter((a) => a.level === "warning")).toHaveLength(3);
    // 9 notes and the overflow notice: GitHub shows 10 notices.
    expect(plan.filter((a) => a.level === "note")).toHaveLength(10);
    expect(plan.at(-1)).toEqual({
      level: "note",
      message:
        "3 more findings are not annotated here (GitHub shows 10 of each kind per step): see the job summary and the SARIF report.",
      properties: { title: "sagemaker-vpc-guard: more findings" },
    });
  });

  it("needs no overflow notice when everything fits", () => {
    const fits = Array.from({ length: 10 }, (_, i) => finding("note", i + 1));
    expect(rows(fits)).toHaveLength(10);
    expect(rows(fits).at(-1)).toBe("note note at 10");
  });

  it("leaves out suppressed and baselined findings", () => {
    const suppressed = {
      ...finding("error", 1),
      suppression: { justification: "j", range: finding("error", 1).range },
    };
    const baselined: Finding = { ...finding("error", 2), baselineState: "unchanged" };
    const fresh: Finding = { ...finding("error", 3), baselineState: "new" };
    expect(rows([suppressed, baselined, fresh])).toEqual(["error error at 3"]);
  });
});
