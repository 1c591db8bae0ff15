import { describe, expect, it } from "vitest";
import { row, scanFixtures } from "../helpers/scan.js";
import { findingsOf } from "../helpers/rules.js";

const smbt001 = (path: string) =>
  scanFixtures(path)
    .findings.filter((f) => f.ruleId === "SMBT001")
    .map((f) => `${row(f)} ${f.message}`);

describe("SMBT001 model used by batch transform must set VpcConfig", () => {
  it("passes a model with subnets and security groups used through !GetAtt", () => {
    expect(smbt001("cloudformation/smbt001/pass-private-vpc.yaml")).toEqual([]);
  });

  it("fails at the model's logical id when a job uses a model without VpcConfig", () => {
    expect(smbt001("cloudformation/smbt001/fail-model-without-vpc.yaml")).toEqual([
      "cloudformation/smbt001/fail-model-without-vpc.yaml:26:3 error SMBT001 Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.",
    ]);
  });

  it("fails at the empty Subnets list and notes a Ref that yields an ARN", () => {
    expect(smbt001("cloudformation/smbt001/fail-empty-subnets-and-arn-ref.json")).toEqual([
      "cloudformation/smbt001/fail-empty-subnets-and-arn-ref.json:31:22 error SMBT001 Model ForecastModel is used by batch transform job WeeklyForecast but its VpcConfig has no subnets: the job runs outside the VPC.",
      "cloudformation/smbt001/fail-empty-subnets-and-arn-ref.json:39:22 note SMBT001 ModelName of WeeklyForecast is a Ref to ForecastModel, which returns the model's ARN, not its name; reference the model's ModelName attribute instead.",
    ]);
  });

  it("warns about a model without VpcConfig that no job in the scan uses", () => {
    expect(smbt001("cloudformation/smbt001/warn-unused-model.yaml")).toEqual([
      "cloudformation/smbt001/warn-unused-model.yaml:10:3 warning SMBT001 Model RecommenderModel has no VpcConfig; no batch transform job in the scan uses it, but one that does would run outside the VPC.",
    ]);
  });

  it("relates the finding to the job's ModelName", () => {
    const [finding] = scanFixtures("cloudformation/smbt001/fail-model-without-vpc.yaml").findings;
    expect(finding?.related).toEqual([
      {
        message: "used here by NightlyScoring",
        range: {
          file: "cloudformation/smbt001/fail-model-without-vpc.yaml",
          start: { line: 37, column: 18, offset: 1029 },
          end: { line: 37, column: 46, offset: 1057 },
        },
      },
    ]);
  });
});

describe("SMBT001 linking by a literal name", () => {
  it("discloses that the job and the model were matched by name, not by a reference", () => {
    expect(findingsOf("SMBT001", "rules/SMBT001/cloudformation-literal-name")).toEqual([
      "template.yaml:133:3 error Model ChurnModel is used by batch transform job NightlyScoring (linked by the model's literal name, not by a reference) but has no VpcConfig: the job runs outside the VPC.",
    ]);
  });
});

describe("SMBT000 file could not be parsed", () => {
  it("reports a broken template at the parse error and skips non-templates silently", () => {
    const result = scanFixtures("cloudformation/smbt000", "other");
    expect(result.findings.map(row)).toEqual(["cloudformation/smbt000/broken-template.yaml:13:9 error SMBT000"]);
    expect([...result.files.keys()]).toEqual(["cloudformation/smbt000/broken-template.yaml"]);
  });
});
