/**
 * Policy documents of the graph as the IAM evaluator's input: a role's
 * identity policies, and the first Unknown a document holds (what a "could not
 * verify" note points at).
 */
import { unknown, type UnknownValue, type Value } from "../src/core/value.js";
import type { GraphIndex } from "../src/graph/graph.js";
import type { Attribute, IamRoleNode } from "../src/graph/types.js";
import {
  policyJsonFromValue,
  type IdentityAccessInput,
  type PolicyDocument,
  type UnknownMarker,
} from "../src/analysis/iam-policy.js";

/** The first Unknown inside a value, depth first; undefined when it is fully known. */
export function firstUnknown(value: Value | undefined): UnknownValue | undefined {
  if (value === undefined) return undefined;
  if (value.kind === "unknown") return value;
  if (value.kind === "list") {
    for (const item of value.items) {
      const found = firstUnknown(item);
      if (found) return found;
    }
  }
  if (value.kind === "object") {
    for (const entry of value.entries) {
      const found = firstUnknown(entry.value);
      if (found) return found;
    }
  }
  return undefined;
}

export interface RolePolicyInput {
  input: IdentityAccessInput;
  /** The Unknowns met while collecting: unresolved attachments, unknown documents. */
  unknowns: UnknownValue[];
  /** Every document and ARN attribute read, for locating an Unknown the evaluator reports. */
  sources: Value[];
}

/** Everything that grants `role` permissions, as the evaluator's input. */
export function rolePolicyInput(graph: GraphIndex, role: IamRoleNode): RolePolicyInput {
  const granted = graph.rolePolicies(role);
  const policies: PolicyDocument[] = [];
  const managedPolicyArns: (string | UnknownMarker)[] = [];
  const sources: Value[] = [];
  let unknownPolicies = 0;
  const attachedIds = new Set(granted.attached.map((a) => a.edge.facet ?? a.node.id));

  for (const inline of granted.inline) {
    if (inline.exists !== true) unknownPolicies++;
    else {
      policies.push(policyJsonFromValue(inline.document.value));
      sources.push(inline.document.value);
    }
  }
  for (const { node } of granted.attached) {
    if (node.document) {
      policies.push(policyJsonFromValue(node.document.value));
      sources.push(node.document.value);
    } else unknownPolicies++;
  }
  for (const attached of granted.managedArns) {
    if (attached.exists !== true) {
      unknownPolicies++;
      continue;
    }
    // A reference to a policy declared in the scan is evaluated through its document above.
    if (
      attached.arn.kind === "unknown" &&
      attached.arn.refs.some((r) => attachedIds.has(r.resource) || graph.node(r.resource)?.kind === "iam-policy")
    )
      continue;
    const arn = partitionTemplated(attached.arn) ?? policyJsonFromValue(attached.arn);
    if (typeof arn === "string" || (typeof arn === "object" && arn !== null))
      managedPolicyArns.push(arn as string | UnknownMarker);
    sources.push(attached.arn);
  }

  const input: IdentityAccessInput = { policies, managedPolicyArns, unknownPolicies };
  const boundary = role.permissionsBoundary;
  if (boundary) {
    const declared = granted.boundary.filter((b) => b.node.document);
    if (declared.length > 0)
      input.boundary = { documents: declared.map((b) => policyJsonFromValue(b.node.document!.value)) };
    else if (boundary.value.kind === "string") input.boundary = { managedPolicyArns: [boundary.value.value] };
    else input.boundary = "unknown";
    sources.push(boundary.value);
  }
  return { input, unknowns: granted.unknowns, sources };
}

/**
 * An AWS-managed policy ARN whose only unknown part is the partition
 * (`arn:${AWS::Partition}:iam::aws:policy/…`): the policy is the same in every
 * partition (RULES.md §B: partition-templated ARNs count).
 */
function partitionTemplated(value: Value): string | undefined {
  if (value.kind !== "unknown" || value.prefix !== "arn:" || !value.suffix?.startsWith(":iam::aws:policy/"))
    return undefined;
  return `arn:aws${value.suffix}`;
}

/** The Unknown that makes a decision undeterminable, or a stand-in located at `fallback`. */
export function unknownIn(
  sources: readonly Value[],
  fallback: Attribute | undefined,
  detail: string,
  range: IamRoleNode["range"],
): UnknownValue {
  for (const source of sources) {
    const found = firstUnknown(source);
    if (found) return found;
  }
  return unknown("EXTERNAL_ID", detail, { range: fallback?.value.range ?? range });
}
