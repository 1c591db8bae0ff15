import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { buildSarif, renderSarif } from "../../src/report/sarif.js";
import { FIXTURES, PROJECT_ROOT } from "../helpers/scan.js";
import { scan } from "../../src/scan.js";
import { onlyRules } from "./only-rules.js";

/** SMBT001's findings alone, so that rules added later do not change these expectations. */
const scanFixtures = (relativePath: string) =>
  scan({ root: FIXTURES, paths: [path.join(FIXTURES, relativePath)], ruleSettings: onlyRules("SMBT000", "SMBT001") });

const MULTITOOL_DIR = path.join(PROJECT_ROOT, "node_modules/@microsoft/sarif-multitool-linux");
const sarif = buildSarif(scanFixtures("cloudformation")) as any;
const run = sarif.runs[0];

describe("SARIF report", () => {
  it("describes the tool and every rule with its help", () => {
    expect(sarif.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(sarif.version).toBe("2.1.0");
    expect(run.columnKind).toBe("utf16CodeUnits");
    expect(run.automationDetails).toEqual({ id: "sagemaker-vpc-guard/" });
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === "SMBT001");
    expect(rule).toMatchObject({
      id: "SMBT001",
      name: "ModelUsedByBatchTransformMustSetVpcConfig",
      shortDescription: {
        text: "A SageMaker model run by a batch transform job has a VpcConfig with subnets and security groups.",
      },
      helpUri: "https://github.com/sagemaker-vpc-guard/sagemaker-vpc-guard/blob/main/docs/rules/SMBT001.md",
      defaultConfiguration: { level: "error" },
      properties: { tags: ["security", "iac", "sagemaker", "vpc"], precision: "very-high", "security-severity": "7.5" },
    });
    expect(rule.help.markdown).toContain("You then specify the same model when you create\na batch transform job.");
    expect(rule.help.text).not.toContain("**");
  });

  it("gives each result its rule, a relative location, an exact region and fingerprints", () => {
    const result = run.results.find(
      (r: { level: string; ruleId: string }) => r.ruleId === "SMBT001" && r.level === "error",
    );
    expect(result).toEqual({
      ruleId: "SMBT001",
      ruleIndex: 1,
      level: "error",
      message: { text: expect.stringContaining("Model ForecastModel is used by batch transform job WeeklyForecast") },
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: "cloudformation/smbt001/fail-empty-subnets-and-arn-ref.json",
              uriBaseId: "%SRCROOT%",
            },
            region: { startLine: 31, startColumn: 22, endLine: 31, endColumn: 24 },
          },
        },
      ],
      partialFingerprints: {
        primaryLocationLineHash: expect.stringMatching(/^[0-9a-f]+:1$/),
        "sagemakerVpcGuard/v1": expect.stringMatching(/^[0-9a-f]{32}$/),
      },
      relatedLocations: [
        {
          id: 0,
          physicalLocation: {
            artifactLocation: {
              uri: "cloudformation/smbt001/fail-empty-subnets-and-arn-ref.json",
              uriBaseId: "%SRCROOT%",
            },
            region: { startLine: 39, startColumn: 22, endLine: 39, endColumn: 48 },
          },
          message: { text: "used here by WeeklyForecast" },
        },
      ],
      properties: { tags: ["cloudformation"] },
    });
  });

  it("is valid against the SARIF 2.1.0 schema", () => {
    const schema = JSON.parse(readFileSync(path.join(MULTITOOL_DIR, "sarif-2.1.0.json"), "utf8"));
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
  });

  it("passes Microsoft's validator with GitHub's ingestion rules", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "sarif-"));
    const input = path.join(folder, "scan.sarif");
    const report = path.join(folder, "report.sarif");
    writeFileSync(input, renderSarif(scanFixtures("cloudformation")));
    execFileSync(
      path.join(MULTITOOL_DIR, "Sarif.Multitool"),
      ["validate", input, "--rule-kind", "Gh;Sarif", "-o", report],
      {
        stdio: "pipe",
        env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
      },
    );
    const problems = JSON.parse(readFileSync(report, "utf8")).runs[0].results as { level?: string; ruleId: string }[];
    expect(problems.filter((p) => (p.level ?? "warning") === "error")).toEqual([]);
  });
});
