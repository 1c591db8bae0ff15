import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv } from "ajv";
import { renderText } from "../../src/report/text.js";
import { renderJson } from "../../src/report/json.js";
import { annotationFor } from "../../src/report/annotations.js";
import { plainRange } from "../../src/core/range.js";
import { FIXTURES, PROJECT_ROOT } from "../helpers/scan.js";
import { onlyRules } from "./only-rules.js";
import { scan } from "../../src/scan.js";
import { ruleById } from "../../rules/index.js";

const FAILING = "cloudformation/smbt001/fail-empty-subnets-and-arn-ref.json";

/** These reports are shown on SMBT001's findings alone. */
const scanFixtures = (...relativePaths: string[]) =>
  scan({
    root: FIXTURES,
    paths: relativePaths.map((p) => path.join(FIXTURES, p)),
    ruleSettings: onlyRules("SMBT000", "SMBT001"),
  });

describe("text report", () => {
  it("prints file:line:col level RULE message, then totals", () => {
    expect(renderText(scanFixtures(FAILING))).toBe(
      [
        `${FAILING}:31:22 error SMBT001 Model ForecastModel is used by batch transform job WeeklyForecast but its VpcConfig has no subnets: the job runs outside the VPC.`,
        `${FAILING}:39:22 note SMBT001 ModelName of WeeklyForecast is a Ref to ForecastModel, which returns the model's ARN, not its name; reference the model's ModelName attribute instead.`,
        "1 error, 0 warnings, 1 note in 1 file.",
        "",
      ].join("\n"),
    );
  });

  it("says so when there is nothing to analyse", () => {
    expect(renderText(scanFixtures("other"))).toBe("No Terraform or CloudFormation files to analyse.\n");
  });
});

describe("JSON report", () => {
  const report = JSON.parse(renderJson(scanFixtures(FAILING)));

  it("matches its JSON Schema", () => {
    const schema = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "schemas/findings.schema.json"), "utf8"));
    const validate = new Ajv({ strict: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it("holds findings with ranges relative to the root", () => {
    expect(report.root).toBe(FIXTURES);
    expect(report.counts).toEqual({ error: 1, warning: 0, note: 1 });
    expect(report.findings[0]).toEqual({
      ruleId: "SMBT001",
      level: "error",
      message:
        "Model ForecastModel is used by batch transform job WeeklyForecast but its VpcConfig has no subnets: the job runs outside the VPC.",
      file: FAILING,
      range: { start: { line: 31, column: 22 }, end: { line: 31, column: 24 } },
      resource: "ForecastModel",
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it("gives the same fingerprints on every run", () => {
    expect(
      JSON.parse(renderJson(scanFixtures(FAILING))).findings.map((f: { fingerprint: string }) => f.fingerprint),
    ).toEqual(report.findings.map((f: { fingerprint: string }) => f.fingerprint));
  });
});

describe("annotations", () => {
  it("carry the rule's title, the file and the exact range", () => {
    const [finding] = scanFixtures(FAILING).findings;
    expect(annotationFor(finding!, ruleById("SMBT001"))).toEqual({
      level: "error",
      message: finding!.message,
      properties: {
        title: "SMBT001: Model has no VpcConfig",
        file: FAILING,
        startLine: 31,
        endLine: 31,
        startColumn: 22,
        endColumn: 24,
      },
    });
  });

  it("leave out columns when the range spans lines", () => {
    const result = scanFixtures("cloudformation/smbt001/fail-model-without-vpc.yaml");
    const finding = {
      ...result.findings[0]!,
      range: { ...plainRange(result.findings[0]!.range), end: { line: 40, column: 2, offset: 0 } },
    };
    expect(annotationFor(finding, undefined).properties).toEqual({
      title: "SMBT001",
      file: finding.range.file,
      startLine: 26,
      endLine: 40,
    });
  });
});
