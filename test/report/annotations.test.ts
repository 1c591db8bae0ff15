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
  it("puts the most severe first, then file and line", () => {
    expect(rows([finding("note", 1), finding("warning", 2), finding("error", 4, 2), finding("error", 3, 40)])).toEqual([
      "error error at 3",
      "error error at 4",
      "warning warning at 2",
      "note note at 1",
    ]);
  });

  it("gives the slots to the batch-transform rules first, by precision; SMBT000 once per file and last; the failure message takes an error slot", () => {
    const of = (ruleId: string, line: number, file = "a.tf"): Finding => ({
      ...finding("error", line, 1, file),
      ruleId,
      message: `${ruleId} at ${file}:${line}`,
    });
    const findings = [
      of("SMBT000", 1),
      of("SMBT000", 2),
      of("SMBT000", 1, "b.tf"),
      of("SMBT018", 3), // not a batch-transform rule
      of("SMBT010", 4), // precision medium
      ...Array.from({ length: 8 }, (_, i) => of("SMBT001", 10 + i)), // precision high
    ];
    const plan = planAnnotations(findings, RULES, { stepFails: true }).map((a) => `${a.level} ${a.message}`);
    expect(plan).toEqual([
      ...Array.from({ length: 8 }, (_, i) => `error SMBT001 at a.tf:${10 + i}`),
      "error SMBT010 at a.tf:4",
      "note 4 more findings are not annotated here (GitHub shows 10 of each kind per step): see the job summary and the SARIF report.",
    ]);
    expect(planAnnotations(findings.slice(0, 4), RULES).map((a) => `${a.level} ${a.message}`)).toEqual([
      "error SMBT018 at a.tf:3",
      "error SMBT000 at a.tf:1",
      "error SMBT000 at b.tf:1",
      "note 1 more finding is not annotated here (GitHub shows 10 of each kind per step): see the job summary and the SARIF report.",
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
