import { describe, expect, it } from "vitest";
import { VPC_ENI_ACTIONS, requiredActionsMissing } from "../../src/analysis/iam-policy.js";
import {
  classifyManagedPolicyArn,
  managedPolicies,
  managedPolicyData,
  managedPolicyDocument,
} from "../../src/analysis/managed-policies.js";

const arn = (name: string, partition = "aws") => `arn:${partition}:iam::aws:policy/${name}`;
const withManaged = (name: string, partition = "aws") => ({ policies: [], managedPolicyArns: [arn(name, partition)] });

describe("managed policies named in RULES.md §B", () => {
  const unconditional = [
    "AmazonSageMakerFullAccess",
    "AmazonVPCFullAccess",
    "job-function/NetworkAdministrator",
    "AdministratorAccess",
    "AmazonEC2FullAccess",
    "PowerUserAccess",
  ];
  for (const name of unconditional) {
    it(`${name} grants all nine ENI actions on *`, () => {
      expect(requiredActionsMissing(withManaged(name), VPC_ENI_ACTIONS)).toEqual([]);
      expect(requiredActionsMissing(withManaged(name, "aws-cn"), VPC_ENI_ACTIONS)).toEqual([]);
    });
  }

  it("SageMakerStudioProjectRoleMachineLearningPolicy grants the describes, and the ENI mutations only conditionally", () => {
    const missing = requiredActionsMissing(
      withManaged("SageMakerStudioProjectRoleMachineLearningPolicy"),
      VPC_ENI_ACTIONS,
    );
    expect(missing.map((m) => [m.action, m.result.decision])).toEqual([
      ["ec2:CreateNetworkInterface", "conditional"],
      ["ec2:CreateNetworkInterfacePermission", "conditional"],
      ["ec2:DeleteNetworkInterface", "conditional"],
      ["ec2:DeleteNetworkInterfacePermission", "conditional"],
    ]);
    expect(missing[0]?.result.allowedBy?.[0]?.sid).toBe("AllowManageSageMakerEniOnVpc");
  });

  it("every entry names its source and snapshot", () => {
    expect([...managedPolicies().keys()].sort()).toEqual(
      [
        "administratoraccess",
        "amazonec2fullaccess",
        "amazonsagemakerfullaccess",
        "amazonvpcfullaccess",
        "job-function/networkadministrator",
        "poweruseraccess",
        "sagemakerstudioprojectrolemachinelearningpolicy",
      ].sort(),
    );
    for (const policy of managedPolicies().values()) {
      expect(policy.source).not.toBe("");
      expect(policy.snapshot).not.toBe("");
    }
  });

  it("is built once, on first use", () => {
    expect(managedPolicies()).toBe(managedPolicies());
  });
});

describe("managedPolicyDocument", () => {
  it("answers for any partition and rewrites ARNs inside to it", () => {
    const gov = managedPolicyDocument(arn("SageMakerStudioProjectRoleMachineLearningPolicy", "aws-us-gov"));
    expect(gov?.Statement[0]?.Resource).toContain("arn:aws-us-gov:ec2:*:*:network-interface/*");
    expect(managedPolicyDocument(arn("AdministratorAccess", "aws-cn"))?.Statement).toEqual([
      { Effect: "Allow", Action: "*", Resource: "*" },
    ]);
  });

  it("is undefined for unknown, customer-managed and malformed ARNs", () => {
    expect(managedPolicyDocument(arn("ReadOnlyAccess"))).toBeUndefined();
    expect(managedPolicyDocument("arn:aws:iam::123456789012:policy/AdministratorAccess")).toBeUndefined();
    expect(managedPolicyDocument("AdministratorAccess")).toBeUndefined();
    expect(managedPolicyData(arn("administratoraccess"))?.name).toBe("AdministratorAccess");
  });
});

describe("classifyManagedPolicyArn", () => {
  it("classifies", () => {
    expect(classifyManagedPolicyArn(arn("AmazonSageMakerFullAccess", "aws-us-gov"))).toEqual({
      kind: "aws-managed",
      partition: "aws-us-gov",
      name: "AmazonSageMakerFullAccess",
    });
    expect(classifyManagedPolicyArn(arn("aws-service-role/AmazonSageMakerNotebooksServiceRolePolicy")).kind).toBe(
      "service-linked",
    );
    expect(classifyManagedPolicyArn(arn("SageMakerStudioProjectUserRolePermissionsBoundary")).kind).toBe(
      "permissions-boundary",
    );
    expect(classifyManagedPolicyArn("arn:aws:iam::123456789012:policy/team/p")).toEqual({
      kind: "customer-managed",
      partition: "aws",
      account: "123456789012",
      name: "team/p",
    });
    expect(classifyManagedPolicyArn("arn:aws:s3:::bucket").kind).toBe("invalid");
  });
});
