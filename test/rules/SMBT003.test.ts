import { describe, expect, it } from "vitest";
import { findingsOf } from "../helpers/rules.js";

describe("SMBT003 execution role grants the VPC network-interface permissions", () => {
  it("passes a role with AmazonSageMakerFullAccess given with a partition-templated ARN", () => {
    expect(findingsOf("SMBT003", "stacks/cloudformation-complete")).toEqual([]);
  });

  it("fails at the role when its policies miss network-interface actions", () => {
    expect(findingsOf("SMBT003", "rules/SMBT003/cloudformation-fail")).toEqual([
      "template.yaml:91:3 error Execution role SageMakerRole (used by ChurnModel) does not allow ec2:CreateNetworkInterface, ec2:CreateNetworkInterfacePermission, ec2:DeleteNetworkInterface, ec2:DeleteNetworkInterfacePermission on *: SageMaker cannot create the job's network interfaces in the VPC.",
    ]);
  });

  it("does not guess about a role outside the scan: one SMBT017 note names the link and the rule", () => {
    expect(findingsOf("SMBT003", "rules/SMBT003/cloudformation-indeterminate")).toEqual([]);
    expect(findingsOf("SMBT017", "rules/SMBT003/cloudformation-indeterminate")).toEqual([
      "template.yaml:126:25 note Could not verify the execution role of model ChurnModel: Parameter ExecutionRoleArn has no default and no value was given (SMBT003 skipped).",
    ]);
  });

  it("passes the Terraform stack and reports an explicit Deny in the role's own policy", () => {
    expect(findingsOf("SMBT003", "stacks/terraform-complete")).toEqual([]);
    expect(findingsOf("SMBT003", "rules/SMBT003/terraform-fail")).toEqual([
      "iam.tf:11:1 error Execution role aws_iam_role.sagemaker (used by aws_sagemaker_model.churn) does not allow ec2:CreateNetworkInterface, ec2:CreateNetworkInterfacePermission, ec2:DeleteNetworkInterface, ec2:DeleteNetworkInterfacePermission, ec2:DescribeDhcpOptions on * (explicitly denied: ec2:CreateNetworkInterface): SageMaker cannot create the job's network interfaces in the VPC.",
    ]);
  });
});
