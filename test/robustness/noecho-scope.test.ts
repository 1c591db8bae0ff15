/**
 * NoEcho redaction is scoped (issue 18): a parameter's value is replaced where
 * it flows — the definitions of its own template that reference it, as a whole
 * token — and nowhere else: not in other templates, not inside a longer word
 * of a suggested fix.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/scan.js";
import { onlyRules } from "../report/only-rules.js";
import { FIXTURES } from "../helpers/scan.js";

const TEMPLATE = readFileSync(path.join(FIXTURES, "cloudformation/smbt001/fail-model-without-vpc.yaml"), "utf8");

function twoTemplates(): string {
  const root = mkdtempSync(path.join(tmpdir(), "noecho-"));
  mkdirSync(path.join(root, "a"));
  mkdirSync(path.join(root, "b"));
  const noEcho = (name: string, value: string) =>
    `  ${name}:\n    Type: String\n    NoEcho: true\n    Default: ${value}\n`;
  writeFileSync(
    path.join(root, "a/model.yaml"),
    TEMPLATE.replace(
      "Parameters:\n",
      `Parameters:\n${noEcho("Kind", "Model")}${noEcho("Flag", "Enable")}${noEcho("Bucket", "acme-secret-bucket")}${noEcho("Unused", "ChurnModel")}`,
    )
      .replace(
        "      TransformResources:\n",
        "      Tags:\n        - Key: kind\n          Value: !Ref Kind\n        - Key: flag\n          Value: !Ref Flag\n      TransformResources:\n",
      )
      .replace("S3OutputPath: s3://acme-ml-data/churn/output/", "S3OutputPath: !Sub s3://${Bucket}/churn/output/"),
  );
  writeFileSync(path.join(root, "b/model.yaml"), TEMPLATE);
  return root;
}

describe("NoEcho redaction", () => {
  const root = twoTemplates();
  const result = scan({ root, paths: [root], ruleSettings: onlyRules("SMBT001", "SMBT015", "SMBT016") });
  const rows = result.findings.map((f) => `${f.range.file} ${f.ruleId} ${f.message}`);

  it("leaves other templates, and words that only contain the value, alone", () => {
    expect(rows).toEqual([
      // The job references Kind (= "Model"): this finding is about it (related location), so the token is replaced.
      "a/model.yaml SMBT001 (sensitive) ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.",
      "a/model.yaml SMBT015 Model ChurnModel does not enable network isolation; enable it if its container needs no outbound calls.",
      "a/model.yaml SMBT016 Transform job NightlyScoring does not encrypt its output (TransformOutput.KmsKeyId) or its storage volume (TransformResources.VolumeKmsKeyId) with a KMS key.",
      "b/model.yaml SMBT001 Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.",
      "b/model.yaml SMBT015 Model ChurnModel does not enable network isolation; enable it if its container needs no outbound calls.",
      "b/model.yaml SMBT016 Transform job NightlyScoring does not encrypt its output (TransformOutput.KmsKeyId) or its storage volume (TransformResources.VolumeKmsKeyId) with a KMS key.",
    ]);
    // `Default: Enable` does not turn the fix into "(sensitive)NetworkIsolation: true".
    const fix = result.findings.find((f) => f.range.file === "a/model.yaml" && f.ruleId === "SMBT015")?.fix;
    expect(fix?.edits.map((edit) => edit.newText)).toEqual(["      EnableNetworkIsolation: true\n"]);
    // A parameter no definition references flows nowhere: "ChurnModel" stays.
    expect(result.findings.map((f) => f.resource)).toEqual([
      "ChurnModel",
      "ChurnModel",
      "NightlyScoring",
      "ChurnModel",
      "ChurnModel",
      "NightlyScoring",
    ]);
  });
});
