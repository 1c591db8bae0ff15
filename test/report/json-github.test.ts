import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { renderJson } from "../../src/report/json.js";
import { renderText } from "../../src/report/text.js";
import { PROJECT_ROOT } from "../helpers/scan.js";
import { at, result } from "./hand-made.js";

const suppressed = at("infra/main.tf", "vpc_id", "SMBT001", "warning", "Suppressed.", {
  suppression: {
    justification: "single-instance job",
    until: "2027-01-31",
    range: at("infra/main.tf", "vpc_id", "SMBT001", "note", "").range,
  },
});
const baselined = at("cfn/job.yaml", "!Ref Model", "SMBT001", "note", "Baselined.", { baselineState: "unchanged" });
const fresh = at("infra/main.tf", '"aws_sagemaker_model" "scoring"', "SMBT001", "error", "New.", {
  baselineState: "new",
});
const scanned = result([fresh, suppressed, baselined]);
const fixable = at("infra/main.tf", "vpc_id", "SMBT002", "error", "Fixable.", {
  fix: {
    description: "Set vpc_id to aws_vpc.ml.id",
    edits: [{ range: at("infra/main.tf", "aws_vpc.main.id", "SMBT002", "note", "").range, newText: "aws_vpc.ml.id" }],
  },
});

describe("reports of suppressed and baselined findings", () => {
  it("JSON lists them with their state, valid against its schema, and counts only the others", () => {
    const report = JSON.parse(renderJson(scanned));
    const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "schemas/findings.schema.json"), "utf8"));
    const validate = new Ajv({ strict: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.counts).toEqual({ error: 1, warning: 0, note: 0 });
    expect(report.findings.map((f: Record<string, unknown>) => [f.message, f.suppression, f.baselineState])).toEqual([
      ["New.", undefined, "new"],
      ["Suppressed.", { justification: "single-instance job", until: "2027-01-31" }, undefined],
      ["Baselined.", undefined, "unchanged"],
    ]);
  });

  it("JSON carries a suggested fix as the edits SARIF has, with lines and columns", () => {
    const report = JSON.parse(renderJson(result([fixable])));
    const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "schemas/findings.schema.json"), "utf8"));
    const validate = new Ajv({ strict: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.findings[0].fix).toEqual({
      description: "Set vpc_id to aws_vpc.ml.id",
      edits: [
        {
          file: "infra/main.tf",
          range: { start: { line: 7, column: 12 }, end: { line: 7, column: 27 } },
          newText: "aws_vpc.ml.id",
        },
      ],
    });
  });

  it("text lists only the findings that count and says how many it left out", () => {
    expect(renderText(scanned)).toBe(
      "infra/main.tf:1:10 error SMBT001 New.\n1 error, 0 warnings, 0 notes in 2 files (1 suppressed, 1 in the baseline not shown).\n",
    );
  });
});
