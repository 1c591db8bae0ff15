/**
 * Policy documents of the graph as the IAM evaluator's input: a role's
 * identity policies, and the first Unknown a document holds (what a "could not
 * verify" note points at).
 */
import { checkAction } from "../src/analysis/action-catalog.js";
import type { SourceRange } from "../src/core/range.js";
import { unknown, type UnknownValue, type Value } from "../src/core/value.js";
import type { GraphIndex } from "../src/graph/graph.js";
import type { Attribute, IamRoleNode } from "../src/graph/types.js";
import {
  policyJsonFromValue,
  type AccessDecision,
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
  /** The policy documents declared in the scan (inline and attached), as written: `input.policies[i]` is `documents[i]`. */
  documents: Value[];
  /** The declared boundary documents: `input.boundary.documents[i]` is `boundaryDocuments[i]`. */
  boundaryDocuments: Value[];
  /** Where each managed policy ARN string handed to the evaluator is written. */
  arnValues: Map<string, Value>;
}

/** Everything that grants `role` permissions, as the evaluator's input. */
export function rolePolicyInput(graph: GraphIndex, role: IamRoleNode): RolePolicyInput {
  const granted = graph.rolePolicies(role);
  const policies: PolicyDocument[] = [];
  const managedPolicyArns: (string | UnknownMarker)[] = [];
  const sources: Value[] = [];
  const documents: Value[] = [];
  const boundaryDocuments: Value[] = [];
  const arnValues = new Map<string, Value>();
  let unknownPolicies = 0;
  const attachedIds = new Set(granted.attached.map((a) => a.edge.facet ?? a.node.id));

  for (const inline of granted.inline) {
    if (inline.exists !== true) unknownPolicies++;
    else {
      policies.push(policyJsonFromValue(inline.document.value));
      sources.push(inline.document.value);
      documents.push(inline.document.value);
    }
  }
  for (const { node } of granted.attached) {
    if (node.document) {
      policies.push(policyJsonFromValue(node.document.value));
      sources.push(node.document.value);
      documents.push(node.document.value);
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
    if (typeof arn === "string" && !arnValues.has(arn)) arnValues.set(arn, attached.arn);
    sources.push(attached.arn);
  }

  const input: IdentityAccessInput = { policies, managedPolicyArns, unknownPolicies };
  const boundary = role.permissionsBoundary;
  if (boundary) {
    const declared = granted.boundary.filter((b) => b.node.document);
    if (declared.length > 0) {
      input.boundary = { documents: declared.map((b) => policyJsonFromValue(b.node.document!.value)) };
      boundaryDocuments.push(...declared.map((b) => b.node.document!.value));
    } else if (boundary.value.kind === "string") {
      input.boundary = { managedPolicyArns: [boundary.value.value] };
      arnValues.set(boundary.value.value, boundary.value);
    } else input.boundary = "unknown";
    sources.push(boundary.value);
  }
  return { input, unknowns: granted.unknowns, sources, documents, boundaryDocuments, arnValues };
}

export interface MisspelledAction {
  /** The Action/NotAction element as written. */
  written: string;
  /** The real action closest to it, when the catalog has one. */
  closest: string | undefined;
  range: SourceRange | undefined;
}

/** Element names are case-insensitive to AWS's parser, as in `normalizePolicy`. */
const entryNamed = (value: Value, name: string): Value | undefined =>
  value.kind === "object" ? value.entries.find((e) => e.key.toLowerCase() === name)?.value : undefined;

/**
 * The Action and NotAction elements of `document` that name no action of the
 * IAM action catalog (`ec2:CreateNetworkInterfaces`), or are patterns that
 * match none. Unknown parts are skipped: they name nothing yet.
 */
export function misspelledActions(document: Value): MisspelledAction[] {
  const found: MisspelledAction[] = [];
  const statement = entryNamed(document, "statement");
  const statements = statement?.kind === "list" ? statement.items : statement ? [statement] : [];
  for (const s of statements) {
    for (const element of ["action", "notaction"]) {
      const value = entryNamed(s, element);
      const items = value?.kind === "list" ? value.items : value ? [value] : [];
      for (const item of items) {
        if (item.kind !== "string") continue;
        const check = checkAction(item.value);
        if (check.kind === "no-such-action")
          found.push({ written: item.value, closest: check.closest, range: item.range });
      }
    }
  }
  return found;
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

/** Statement `index` of a document Value (a lone Statement object is statement 0). */
function statementOf(document: Value | undefined, index: number): Value | undefined {
  const statement = document && entryNamed(document, "statement");
  if (statement?.kind === "list") return statement.items[index];
  return index === 0 ? statement : undefined;
}

/**
 * The link that leaves an `unknown` decision open, as the evaluator names it:
 * the first Unknown inside a statement that may apply, or a managed policy ARN
 * whose document is not known — never an Unknown of a statement that cannot
 * match the action asked about (DESIGN.md: a rule asks only the question it needs).
 */
export function undeterminedLink(policy: RolePolicyInput, decision: AccessDecision): UnknownValue | undefined {
  for (const ref of decision.undeterminedBy ?? []) {
    const match = /^(policies|boundary\.documents)\[(\d+)\]$/.exec(ref.policy);
    if (!match) continue;
    const documents = match[1] === "policies" ? policy.documents : policy.boundaryDocuments;
    const found = firstUnknown(statementOf(documents[Number(match[2])], ref.statement));
    if (found) return found;
  }
  for (const { arn, why } of decision.unresolvedArns ?? []) {
    const range = policy.arnValues.get(arn)?.range;
    return unknown("EXTERNAL_ID", `${arn} ${why}`, range ? { range } : {});
  }
  return undefined;
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
