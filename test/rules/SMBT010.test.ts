import { describe, expect, it } from "vitest";
import { findingsOf } from "../helpers/rules.js";

describe("SMBT010 job buckets accept only traffic from this VPC or endpoint", () => {
  it("passes a bucket policy that denies requests not through the job's S3 endpoint", () => {
    expect(findingsOf("SMBT010", "stacks/cloudformation-complete")).toEqual([]);
  });

  it("fails when the condition names another VPC of the scan", () => {
    expect(findingsOf("SMBT010", "rules/SMBT010/cloudformation-fail")).toEqual([
      "template.yaml:126:7 error The policy of bucket DataBucket denies requests not from AnalyticsVpc (aws:SourceVpc), which is not the VPC or S3 endpoint of the job that uses it (model data of ChurnModel, input of NightlyScoring, output of NightlyScoring).",
    ]);
  });

  it("passes the Terraform stack and fails a condition on private source addresses", () => {
    expect(findingsOf("SMBT010", "stacks/terraform-complete")).toEqual([]);
    expect(findingsOf("SMBT010", "rules/SMBT010/terraform-fail")).toEqual([
      "storage.tf:12:3 error The policy of bucket aws_s3_bucket.data conditions access on aws:SourceIp 10.40.0.0/16, private addresses that never match requests through a VPC endpoint.",
    ]);
  });
});
