/** SMBT007, SMBT008 and SMBT009: the S3 endpoint's policy. */
import { describe, expect, it } from "vitest";
import { findingsOf } from "../helpers/rules.js";

describe("SMBT007 the S3 endpoint has a custom, restricting policy", () => {
  it("passes a policy that allows the job's bucket only", () => {
    expect(findingsOf("SMBT007", "stacks/cloudformation-complete")).toEqual([]);
  });

  it("notes an endpoint without a policy, at the endpoint", () => {
    expect(findingsOf("SMBT007", "rules/SMBT007/cloudformation-fail")).toEqual([
      "template.yaml:51:3 note S3 endpoint S3Endpoint (serving model ChurnModel) has no policy: the default policy gives every principal in the VPC full access to S3.",
    ]);
  });

  it("passes the Terraform stack, and notes a Terraform policy widened to full access at its attribute", () => {
    expect(findingsOf("SMBT007", "stacks/terraform-complete")).toEqual([]);
    expect(findingsOf("SMBT007", "rules/SMBT007/terraform-fail")).toEqual([
      "main.tf:54:3 note The policy of S3 endpoint aws_vpc_endpoint.s3 (serving model aws_sagemaker_model.churn) allows full access to S3, like the default policy.",
    ]);
  });
});

describe("SMBT008 a custom endpoint policy still allows the job's S3 traffic", () => {
  it("passes a policy that allows the job's bucket", () => {
    expect(findingsOf("SMBT008", "stacks/cloudformation-complete")).toEqual([]);
  });

  it("fails at the policy when it allows another bucket only", () => {
    expect(findingsOf("SMBT008", "rules/SMBT008/cloudformation-fail")).toEqual([
      "template.yaml:59:7 error The policy of S3 endpoint S3Endpoint does not allow s3:GetObject, s3:ListBucket, s3:PutObject on DataBucket (model data of ChurnModel, input of NightlyScoring, output of NightlyScoring): the batch transform job cannot reach its data through the endpoint.",
    ]);
  });

  it("reads a jsonencode policy that names a computed bucket ARN, and the buckets of a Step Functions job", () => {
    expect(findingsOf("SMBT008", "stacks/terraform-complete")).toEqual([]);
    expect(findingsOf("SMBT008", "rules/SMBT008/terraform-fail")).toEqual([
      "main.tf:54:3 error The policy of S3 endpoint aws_vpc_endpoint.s3 does not allow s3:GetObject, s3:ListBucket, s3:PutObject on aws_s3_bucket.data (model data of aws_sagemaker_model.churn, input of aws_sfn_state_machine.nightly_scoring#Score, output of aws_sfn_state_machine.nightly_scoring#Score): the batch transform job cannot reach its data through the endpoint.",
    ]);
  });
});

describe("SMBT009 the endpoint policy blocks the Amazon Linux repositories", () => {
  it("passes a policy that denies all three repositories", () => {
    expect(findingsOf("SMBT009", "stacks/cloudformation-complete")).toEqual([]);
  });

  it("names the repositories a policy leaves open", () => {
    expect(findingsOf("SMBT009", "rules/SMBT009/cloudformation-fail")).toEqual([
      "template.yaml:59:7 note The policy of S3 endpoint S3Endpoint does not deny s3:GetObject on arn:aws:s3:::packages.*.amazonaws.com/*, arn:aws:s3:::repo.*.amazonaws.com/* to every principal.",
    ]);
  });

  it("notes an endpoint without a policy", () => {
    expect(findingsOf("SMBT009", "rules/SMBT007/cloudformation-fail")).toEqual([
      "template.yaml:51:3 note S3 endpoint S3Endpoint has no policy, so the job's containers can install packages from the Amazon Linux repositories.",
    ]);
  });

  it("passes the Terraform stack and notes a policy without the repository Deny", () => {
    expect(findingsOf("SMBT009", "stacks/terraform-complete")).toEqual([]);
    expect(findingsOf("SMBT009", "rules/SMBT009/terraform-fail")).toEqual([
      "main.tf:54:3 note The policy of S3 endpoint aws_vpc_endpoint.s3 does not deny s3:GetObject on arn:aws:s3:::packages.*.amazonaws.com/*, arn:aws:s3:::repo.*.amazonaws.com/*, arn:aws:s3:::amazonlinux.*.amazonaws.com/* to every principal.",
    ]);
  });
});
