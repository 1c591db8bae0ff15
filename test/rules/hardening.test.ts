/** SMBT015 and SMBT016: hardening beyond AWS's batch transform VPC guide. */
import { describe, expect, it } from "vitest";
import { findingsOf } from "../helpers/rules.js";
import { scanFixtures } from "../helpers/scan.js";

describe("SMBT015 model network isolation", () => {
  it("passes a model with network isolation", () => {
    expect(findingsOf("SMBT015", "stacks/cloudformation-complete")).toEqual([]);
  });

  it("notes a model without it, at the model", () => {
    expect(findingsOf("SMBT015", "rules/SMBT015/cloudformation-fail")).toEqual([
      "template.yaml:133:3 note Model ChurnModel does not enable network isolation; enable it if its container needs no outbound calls.",
    ]);
  });

  it("notes a Terraform model without it, at its header", () => {
    expect(findingsOf("SMBT015", "stacks/terraform-complete")).toEqual([]);
    expect(findingsOf("SMBT015", "rules/SMBT015/terraform-fail")).toEqual([
      "sagemaker.tf:1:1 note Model aws_sagemaker_model.churn does not enable network isolation; enable it if its container needs no outbound calls.",
    ]);
  });
});

describe("SMBT016 KMS on transform output, volume and capture", () => {
  it("passes a job with output and volume keys", () => {
    expect(findingsOf("SMBT016", "stacks/cloudformation-complete")).toEqual([]);
  });

  it("notes the missing keys of a job once, at the first section, the others related", () => {
    expect(findingsOf("SMBT016", "rules/SMBT016/cloudformation-fail")).toEqual([
      "template.yaml:158:7 note Transform job NightlyScoring does not encrypt its output (TransformOutput.KmsKeyId) or its storage volume (TransformResources.VolumeKmsKeyId) with a KMS key.",
    ]);
    const [finding] = scanFixtures("rules/SMBT016/cloudformation-fail").findings.filter((f) => f.ruleId === "SMBT016");
    expect(finding!.related?.map((r) => `${r.range.start.line}:${r.range.start.column} ${r.message}`)).toEqual([
      "160:7 also not encrypted: storage volume (TransformResources.VolumeKmsKeyId)",
    ]);
  });

  it("checks a Step Functions createTransformJob task inside a jsonencode definition, at the exact section", () => {
    expect(findingsOf("SMBT016", "stacks/terraform-complete")).toEqual([]);
    expect(findingsOf("SMBT016", "rules/SMBT016/terraform-fail")).toEqual([
      "sagemaker.tf:39:11 note Transform job aws_sfn_state_machine.nightly_scoring#Score does not encrypt its output (TransformOutput.KmsKeyId) or its storage volume (TransformResources.VolumeKmsKeyId) with a KMS key.",
    ]);
  });
});
