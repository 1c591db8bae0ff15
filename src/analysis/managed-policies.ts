/**
 * The AWS managed policies that RULES.md §B names, as data: for each, the
 * statements relevant to the VPC ENI actions — a faithful excerpt, not the
 * whole policy.
 *
 * Sources:
 * - [S12] badele/aws-policies-analyzer-docs, `policies/<name>.md` (the
 *   flattened "Allowed Actions" table of each policy; snapshot 2025-04, commit
 *   3656c16), read 2026-11-28 for AmazonSageMakerFullAccess, AmazonVPCFullAccess,
 *   job-function/NetworkAdministrator and SageMakerStudioProjectRoleMachineLearningPolicy.
 * - AWS Managed Policy Reference (docs.aws.amazon.com/aws-managed-policy/latest/reference/<name>.html)
 *   for statement shapes: AdministratorAccess, PowerUserAccess,
 *   AmazonEC2FullAccess, and the `AllowManageSageMakerEniOnVpc` statement of
 *   SageMakerStudioProjectRoleMachineLearningPolicy (v4, 2024-11-27).
 *
 * Each entry says for which actions the excerpt is faithful (`coverage`):
 * for other actions it proves nothing, and the evaluator answers "unknown"
 * rather than "not allowed".
 *
 * Built on first use (DESIGN.md: the tool may lazy-load its own data).
 */
import { globCovers } from "./glob.js";

export interface ManagedPolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface ManagedPolicyDocument {
  Version: "2012-10-17";
  Statement: ManagedPolicyStatement[];
}

export interface ManagedPolicyData {
  /** The part of the ARN after `policy/`, e.g. `job-function/NetworkAdministrator`. */
  name: string;
  source: string;
  snapshot: string;
  /** Action patterns for which the excerpt holds every relevant statement of the real policy. */
  coverage: { include: string[]; exclude?: string[] };
  document: ManagedPolicyDocument;
}

/** RULES.md §B: the nine actions SageMaker needs to create the job's ENIs in the VPC. */
export const VPC_ENI_ACTIONS = [
  "ec2:CreateNetworkInterface",
  "ec2:CreateNetworkInterfacePermission",
  "ec2:DeleteNetworkInterface",
  "ec2:DeleteNetworkInterfacePermission",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeVpcs",
  "ec2:DescribeDhcpOptions",
  "ec2:DescribeSubnets",
  "ec2:DescribeSecurityGroups",
] as const;

const ENI_DESCRIBE_ACTIONS = [
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeVpcs",
  "ec2:DescribeDhcpOptions",
  "ec2:DescribeSubnets",
  "ec2:DescribeSecurityGroups",
];

function buildManagedPolicies(): ManagedPolicyData[] {
  return [
    {
      name: "AdministratorAccess",
      source: "AWS Managed Policy Reference, AdministratorAccess (v1)",
      snapshot: "2015-02-06 (unchanged since)",
      coverage: { include: ["*"] },
      document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
    },
    {
      name: "PowerUserAccess",
      source: "AWS Managed Policy Reference, PowerUserAccess",
      snapshot: "2025-04",
      // The exceptions list of the second statement changes over time; only the NotAction part is relied on.
      coverage: { include: ["*"], exclude: ["iam:*", "organizations:*", "account:*"] },
      document: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
          {
            Effect: "Allow",
            Action: [
              "account:GetAccountInformation",
              "account:GetPrimaryEmail",
              "account:ListRegions",
              "iam:CreateServiceLinkedRole",
              "iam:DeleteServiceLinkedRole",
              "iam:ListRoles",
              "organizations:DescribeOrganization",
            ],
            Resource: "*",
          },
        ],
      },
    },
    {
      name: "AmazonEC2FullAccess",
      source: "AWS Managed Policy Reference, AmazonEC2FullAccess",
      snapshot: "2025-04",
      coverage: { include: ["ec2:*", "elasticloadbalancing:*", "cloudwatch:*", "autoscaling:*"] },
      document: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "ec2:*", Resource: "*" },
          { Effect: "Allow", Action: "elasticloadbalancing:*", Resource: "*" },
          { Effect: "Allow", Action: "cloudwatch:*", Resource: "*" },
          { Effect: "Allow", Action: "autoscaling:*", Resource: "*" },
        ],
      },
    },
    {
      name: "AmazonSageMakerFullAccess",
      source:
        "[S12] badele/aws-policies-analyzer-docs policies/amazonsagemakerfullaccess.md (every ec2 action of the policy)",
      snapshot: "2025-04",
      coverage: { include: ["ec2:*"] },
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: [
              "ec2:CreateNetworkInterface",
              "ec2:CreateNetworkInterfacePermission",
              "ec2:CreateVpcEndpoint",
              "ec2:DeleteNetworkInterface",
              "ec2:DeleteNetworkInterfacePermission",
              "ec2:DescribeDhcpOptions",
              "ec2:DescribeNetworkInterfaces",
              "ec2:DescribeRouteTables",
              "ec2:DescribeSecurityGroups",
              "ec2:DescribeSubnets",
              "ec2:DescribeVpcEndpoints",
              "ec2:DescribeVpcs",
            ],
            Resource: "*",
          },
        ],
      },
    },
    {
      name: "AmazonVPCFullAccess",
      source:
        "[S12] badele/aws-policies-analyzer-docs policies/amazonvpcfullaccess.md (network-interface actions excerpted)",
      snapshot: "2025-04",
      coverage: {
        include: [
          ...VPC_ENI_ACTIONS,
          "ec2:AttachNetworkInterface",
          "ec2:DetachNetworkInterface",
          "ec2:ModifyNetworkInterfaceAttribute",
          "ec2:DescribeRouteTables",
          "ec2:DescribeVpcEndpoints",
        ],
      },
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: [
              ...VPC_ENI_ACTIONS,
              "ec2:AttachNetworkInterface",
              "ec2:DetachNetworkInterface",
              "ec2:ModifyNetworkInterfaceAttribute",
              "ec2:DescribeRouteTables",
              "ec2:DescribeVpcEndpoints",
            ],
            Resource: "*",
          },
        ],
      },
    },
    {
      name: "job-function/NetworkAdministrator",
      source:
        "[S12] badele/aws-policies-analyzer-docs policies/networkadministrator.md (network-interface actions excerpted)",
      snapshot: "2025-04",
      coverage: {
        include: [
          ...VPC_ENI_ACTIONS,
          "ec2:AttachNetworkInterface",
          "ec2:DetachNetworkInterface",
          "ec2:ModifyNetworkInterfaceAttribute",
          "ec2:DescribeRouteTables",
          "ec2:DescribeVpcEndpoints",
        ],
      },
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: [
              ...VPC_ENI_ACTIONS,
              "ec2:AttachNetworkInterface",
              "ec2:DetachNetworkInterface",
              "ec2:ModifyNetworkInterfaceAttribute",
              "ec2:DescribeRouteTables",
              "ec2:DescribeVpcEndpoints",
            ],
            Resource: "*",
          },
        ],
      },
    },
    {
      name: "SageMakerStudioProjectRoleMachineLearningPolicy",
      source:
        "AWS Managed Policy Reference, SageMakerStudioProjectRoleMachineLearningPolicy v4 (statement AllowManageSageMakerEniOnVpc); describe actions from [S12]",
      snapshot: "2024-11-27 (v4); [S12] 2025-04",
      // Unlike the other three RULES.md names, this policy grants the ENI
      // mutations only on network-interface/subnet/security-group ARNs and only
      // when SageMaker is the last calling service: the evaluation says
      // "conditional" for them, never "allowed".
      coverage: { include: [...VPC_ENI_ACTIONS] },
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "AllowManageSageMakerEniOnVpc",
            Effect: "Allow",
            Action: [
              "ec2:CreateNetworkInterface",
              "ec2:DeleteNetworkInterface",
              "ec2:AttachNetworkInterface",
              "ec2:CreateNetworkInterfacePermission",
              "ec2:DeleteNetworkInterfacePermission",
              "ec2:CreateVpcEndpoint",
            ],
            Resource: [
              "arn:aws:ec2:*:*:network-interface/*",
              "arn:aws:ec2:*:*:subnet/*",
              "arn:aws:ec2:*:*:route-table/*",
              "arn:aws:ec2:*:*:security-group/*",
            ],
            Condition: { StringEquals: { "aws:CalledViaLast": ["sagemaker.amazonaws.com", "airflow.amazonaws.com"] } },
          },
          {
            Effect: "Allow",
            Action: [...ENI_DESCRIBE_ACTIONS, "ec2:DescribeRouteTables", "ec2:DescribeVpcEndpoints"],
            Resource: "*",
          },
        ],
      },
    },
  ];
}

let byName: Map<string, ManagedPolicyData> | undefined;

/** All managed-policy excerpts, built on first call. */
export function managedPolicies(): ReadonlyMap<string, ManagedPolicyData> {
  if (!byName) {
    byName = new Map();
    // IAM names are unique regardless of case (IAM User Guide, "IAM identifiers").
    for (const policy of buildManagedPolicies()) byName.set(policy.name.toLowerCase(), policy);
  }
  return byName;
}

export type ManagedPolicyArnKind =
  | { kind: "aws-managed"; partition: string; name: string }
  | { kind: "service-linked"; partition: string; name: string }
  | { kind: "permissions-boundary"; partition: string; name: string }
  | { kind: "customer-managed"; partition: string; account: string; name: string }
  | { kind: "invalid" };

/**
 * Classifies a managed policy ARN. Partitions: `aws`, `aws-cn`, `aws-us-gov`,
 * `aws-iso*`, `aws-eusc` — CloudFormation's `arn:${AWS::Partition}:…` yields
 * these (AWS General Reference, "Amazon Resource Names").
 */
export function classifyManagedPolicyArn(arn: string): ManagedPolicyArnKind {
  const match = /^arn:(aws(?:-[a-z]+)*):iam::(aws|\d{12}):policy\/(.+)$/.exec(arn.trim());
  if (!match) return { kind: "invalid" };
  const [, partition = "aws", owner, name = ""] = match;
  if (owner !== "aws") return { kind: "customer-managed", partition, account: owner ?? "", name };
  // Service-linked role policies can only be attached to service-linked roles; RULES.md §B: they don't count.
  if (name.startsWith("aws-service-role/")) return { kind: "service-linked", partition, name };
  // `…PermissionsBoundary` policies are meant as boundaries, not grants; RULES.md §B: they don't count.
  if (/PermissionsBoundary$/i.test(name)) return { kind: "permissions-boundary", partition, name };
  return { kind: "aws-managed", partition, name };
}

/** The excerpt data for an AWS managed policy ARN in any partition, or undefined. */
export function managedPolicyData(arn: string): ManagedPolicyData | undefined {
  const classified = classifyManagedPolicyArn(arn);
  if (classified.kind === "invalid" || classified.kind === "customer-managed") return undefined;
  return managedPolicies().get(classified.name.toLowerCase());
}

/**
 * The policy document (excerpt) for a known AWS managed policy ARN in any
 * partition, with the ARNs inside it rewritten to that partition; undefined
 * for any other ARN.
 */
export function managedPolicyDocument(arn: string): ManagedPolicyDocument | undefined {
  const classified = classifyManagedPolicyArn(arn);
  const data = managedPolicyData(arn);
  if (!data || classified.kind === "invalid") return undefined;
  const partition = classified.partition;
  const rewrite = (value: string): string => value.replace(/^arn:aws:/, `arn:${partition}:`);
  const rewriteList = (value: string | string[] | undefined): string | string[] | undefined =>
    value === undefined ? undefined : Array.isArray(value) ? value.map(rewrite) : rewrite(value);
  return {
    Version: data.document.Version,
    Statement: data.document.Statement.map((s) => {
      const copy: ManagedPolicyStatement = { ...s };
      const resource = rewriteList(s.Resource);
      if (resource !== undefined) copy.Resource = resource;
      return copy;
    }),
  };
}

/** Is the excerpt faithful for `action` (so that "not allowed" by it is a fact, not a gap in our data)? */
export function excerptCovers(data: ManagedPolicyData, action: string): boolean {
  const included = data.coverage.include.some((p) => globCovers(p, action, true) === "yes");
  const excluded = (data.coverage.exclude ?? []).some((p) => globCovers(p, action, true) === "yes");
  return included && !excluded;
}
