import { describe, expect, it } from "vitest";
import { findingsOf } from "../helpers/rules.js";
import { iamData } from "../../src/analysis/iam-data.js";

// Messages name the data's package versions; the data is read once for this file.
const data = iamData()!;
const policies = `${data.managedPolicies.package} ${data.managedPolicies.version}`;
const catalog = `${data.actions.package} ${data.actions.version}`;
const projectVersion = data.managedPolicies.policies.SageMakerStudioProjectRoleMachineLearningPolicy!.version;

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

  describe("AWS managed policies, from the complete data", () => {
    it("Terraform: the Lambda VPC, S3 read-only and CloudWatch Logs policies miss five actions; the Studio user policy grants all nine; the project policy only conditionally", () => {
      expect(findingsOf("SMBT003", "rules/SMBT003/terraform-managed-policies")).toEqual([
        "iam.tf:16:1 error Execution role aws_iam_role.lambda_style (used by aws_sagemaker_model.lambda_style) does not allow ec2:CreateNetworkInterfacePermission, ec2:DeleteNetworkInterfacePermission, ec2:DescribeVpcs, ec2:DescribeDhcpOptions, ec2:DescribeSecurityGroups on *: SageMaker cannot create the job's network interfaces in the VPC.",
        "iam.tf:46:1 note Execution role aws_iam_role.project (used by aws_sagemaker_model.project) allows ec2:CreateNetworkInterface, ec2:CreateNetworkInterfacePermission, ec2:DeleteNetworkInterface, ec2:DeleteNetworkInterfacePermission only under a condition or on some resources; SageMaker needs them on * unconditionally.",
      ]);
      // The partition-parameter ARNs (`arn:${data.aws_partition.current.partition}:…`) resolve: no "could not verify".
      expect(findingsOf("SMBT017", "rules/SMBT003/terraform-managed-policies")).toEqual([]);
    });

    it("CloudFormation: the same three roles, with ARNs written `arn:${AWS::Partition}:…`", () => {
      expect(findingsOf("SMBT003", "rules/SMBT003/cloudformation-managed-policies")).toEqual([
        "template.yaml:91:3 error Execution role LambdaStyleRole (used by LambdaStyleModel) does not allow ec2:CreateNetworkInterfacePermission, ec2:DeleteNetworkInterfacePermission, ec2:DescribeVpcs, ec2:DescribeDhcpOptions, ec2:DescribeSecurityGroups on *: SageMaker cannot create the job's network interfaces in the VPC.",
        "template.yaml:119:3 note Execution role ProjectRole (used by ProjectModel) allows ec2:CreateNetworkInterface, ec2:CreateNetworkInterfacePermission, ec2:DeleteNetworkInterface, ec2:DeleteNetworkInterfacePermission only under a condition or on some resources; SageMaker needs them on * unconditionally.",
      ]);
      expect(findingsOf("SMBT017", "rules/SMBT003/cloudformation-managed-policies")).toEqual([]);
    });

    it("an aws-us-gov ARN is read as the commercial policy of the same name, and the finding says so", () => {
      expect(findingsOf("SMBT003", "rules/SMBT003/cloudformation-policy-grammar")[0]).toBe(
        `template.yaml:91:3 note Execution role GovCloudRole (used by GovCloudModel) allows ec2:CreateNetworkInterface, ec2:CreateNetworkInterfacePermission, ec2:DeleteNetworkInterface, ec2:DeleteNetworkInterfacePermission only under a condition or on some resources; SageMaker needs them on * unconditionally. arn:aws-us-gov:iam::aws:policy/SageMakerStudioProjectRoleMachineLearningPolicy was read as the commercial-partition SageMakerStudioProjectRoleMachineLearningPolicy (${projectVersion} in ${policies}), the only partition the data covers.`,
      );
    });
  });

  describe("policy grammar against the action catalog", () => {
    it("NotAction and wildcards pass; a misspelled action is a note naming the closest real one", () => {
      expect(findingsOf("SMBT003", "rules/SMBT003/terraform-policy-grammar")).toEqual([
        "iam.tf:59:1 error Execution role aws_iam_role.typo (used by aws_sagemaker_model.typo) does not allow ec2:CreateNetworkInterface on *: SageMaker cannot create the job's network interfaces in the VPC.",
        `iam.tf:74:11 note A policy of execution role aws_iam_role.typo names ec2:CreateNetworkInterfaces, which is not an IAM action in ${catalog}; the closest is ec2:CreateNetworkInterface. As written it grants nothing (or the action is newer than the catalog).`,
      ]);
      expect(findingsOf("SMBT017", "rules/SMBT003/terraform-policy-grammar")).toEqual([]);
    });

    it("actions without resource-level permissions are granted only on *, and NotResource of ARNs leaves them in", () => {
      expect(findingsOf("SMBT003", "rules/SMBT003/cloudformation-policy-grammar").slice(1)).toEqual([
        "template.yaml:104:3 error Execution role ScopedRole (used by ScopedModel) does not allow ec2:DescribeNetworkInterfaces, ec2:DescribeVpcs, ec2:DescribeSecurityGroups on *: SageMaker cannot create the job's network interfaces in the VPC.",
        `template.yaml:125:26 note A policy of execution role ScopedRole names ec2:DescribeVpc, which is not an IAM action in ${catalog}; the closest is ec2:DescribeVpcs. As written it grants nothing (or the action is newer than the catalog).`,
      ]);
    });
  });
});
