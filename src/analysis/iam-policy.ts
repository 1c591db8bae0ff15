/**
 * IAM policy evaluation for the rules (RULES.md SMBT003, SMBT007–SMBT010):
 * identity policies of an execution role (with managed policies and a
 * permissions boundary), trust policies, and resource policies (S3 endpoint
 * and bucket policies).
 *
 * Semantics (IAM User Guide, "Policy evaluation logic"): an explicit Deny in
 * any applicable policy wins; otherwise some Allow is needed (implicit deny);
 * a permissions boundary limits the identity policies — an action must be
 * allowed by both. We do not know the request context, so a Condition makes
 * a statement apply only sometimes: an Allow with a Condition makes the
 * result "conditional", and so does a Deny with one ("conditional at best").
 * Anything that depends on an Unknown part is "unknown" (DESIGN.md).
 *
 * Pure and provider-neutral: inputs are plain policy JSON (`policy-json.ts`).
 */
import { isPrivateCidr } from "../core/cidr.js";
import { isWildcardOnlyAction } from "./action-catalog.js";
import { classifyManagedPolicyArn, lookupManagedPolicy } from "./managed-policies.js";
import {
  normalizePolicy,
  statementApplies,
  type Applicability,
  type NormalizedPolicy,
  type NormalizedStatement,
  type PolicyRequest,
} from "./policy-document.js";
import { isUnknownMarker, type PolicyDocument, type UnknownMarker } from "./policy-json.js";

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

/**
 * The request for `action` on `resource`: on `*`, an action the catalog says
 * takes no resource-level permissions is asked about on the literal `*`.
 */
function requestFor(action: string, resource: string, principal?: string): PolicyRequest {
  const request: PolicyRequest = { action, resource };
  if (principal !== undefined) request.principal = principal;
  if (resource === "*" && isWildcardOnlyAction(action) === true) request.literalResource = true;
  return request;
}
export {
  UNKNOWN,
  isUnknownMarker,
  policyJsonFromValue,
  type PolicyDocument,
  type UnknownMarker,
} from "./policy-json.js";
export { normalizePolicy, type NormalizedPolicy, type NormalizedStatement } from "./policy-document.js";

export type AccessDecisionKind = "allowed" | "conditional" | "denied" | "not-allowed" | "unknown";

/** Which statement of which policy: `policy` is `policies[i]`, a managed ARN, `boundary.documents[i]`, or `document`. */
export interface StatementRef {
  policy: string;
  statement: number;
  sid?: string;
  /** The statement applies only under its Condition, or only to part of the resources/principals asked about. */
  conditional?: boolean;
}

export interface AccessDecision {
  decision: AccessDecisionKind;
  /** The statements that grant (unconditionally when `allowed`; conditionally when `conditional`). */
  allowedBy?: StatementRef[];
  /** The Deny statements that deny (or, with `conditional`, may deny). */
  deniedBy?: StatementRef[];
  /** What made the answer "unknown" or weaker than it might be, in words. */
  unknownParts?: string[];
  /** With `unknown`: the statements with Unknown parts that may apply (the links to name). */
  undeterminedBy?: StatementRef[];
  /** With `unknown`: known managed policy ARNs whose documents are not known, and why. */
  unresolvedArns?: { arn: string; why: string }[];
  /** Managed ARNs that were not counted (service-linked, `*PermissionsBoundary`), RULES.md §B. */
  ignoredManagedPolicyArns?: string[];
  /** Sentences a finding must carry about how the answer was reached (a policy of another partition read as the commercial one). */
  assumptions?: string[];
}

export interface PermissionsBoundaryInput {
  documents?: PolicyDocument[];
  managedPolicyArns?: (string | UnknownMarker)[];
}

export interface IdentityAccessInput {
  /** Inline and customer-managed policy documents attached to the role (resolved in the scan). */
  policies: PolicyDocument[];
  /** Managed policy ARNs attached to the role that were not resolved to documents. */
  managedPolicyArns: (string | UnknownMarker)[];
  /** Omit (or pass an empty object) for no boundary; "unknown" when a boundary is set but unresolvable. */
  boundary?: PermissionsBoundaryInput | "unknown";
  /** Attached policies that exist but whose documents we cannot see at all. */
  unknownPolicies?: number;
}

// ---------------------------------------------------------------------------
// Collecting statement answers

interface PolicySource {
  label: string;
  policy: NormalizedPolicy;
}

interface Tally {
  allowYes: StatementRef[];
  allowPartial: StatementRef[];
  allowMaybe: StatementRef[];
  denyYes: StatementRef[];
  denyPartial: StatementRef[];
  denyMaybe: StatementRef[];
  unknownParts: string[];
}

const emptyTally = (): Tally => ({
  allowYes: [],
  allowPartial: [],
  allowMaybe: [],
  denyYes: [],
  denyPartial: [],
  denyMaybe: [],
  unknownParts: [],
});

function ref(label: string, statement: NormalizedStatement, conditional = false): StatementRef {
  const r: StatementRef = { policy: label, statement: statement.index };
  if (statement.sid !== undefined) r.sid = statement.sid;
  if (conditional) r.conditional = true;
  return r;
}

function tallySource(tally: Tally, source: PolicySource, request: PolicyRequest): void {
  for (const statement of source.policy.statements) {
    const applies = statementApplies(statement, request);
    if (applies === "no") continue;
    const r = ref(source.label, statement, applies === "partial");
    if (statement.effect === "Deny") {
      (applies === "yes" ? tally.denyYes : applies === "partial" ? tally.denyPartial : tally.denyMaybe).push(r);
      if (applies === "maybe") tally.unknownParts.push(`${describe(r)}: a Deny with Unknown parts may apply`);
    } else if (statement.effect === "Allow") {
      (applies === "yes" ? tally.allowYes : applies === "partial" ? tally.allowPartial : tally.allowMaybe).push(r);
      if (applies === "maybe") tally.unknownParts.push(`${describe(r)}: an Allow with Unknown parts may apply`);
    } else {
      // Unknown Effect: counted as a possible grant only. A Deny we cannot see
      // is not presumed (else any unresolved policy would hide every grant).
      tally.allowMaybe.push(r);
      tally.unknownParts.push(`${describe(r)}: a statement with an Unknown Effect may grant`);
    }
  }
}

function describe(r: StatementRef): string {
  return `${r.policy} statement ${r.statement}${r.sid ? ` (${r.sid})` : ""}`;
}

function decide(tally: Tally, unknownSources: string[]): AccessDecision {
  const unknownParts = [...tally.unknownParts, ...unknownSources];
  const undetermined = [...tally.allowMaybe, ...tally.denyMaybe];
  const withParts = (d: AccessDecision): AccessDecision => {
    if (unknownParts.length > 0 && d.decision !== "allowed" && d.decision !== "denied") d.unknownParts = unknownParts;
    if (d.decision === "unknown" && undetermined.length > 0) d.undeterminedBy = undetermined;
    return d;
  };
  if (tally.denyYes.length > 0) return { decision: "denied", deniedBy: tally.denyYes };
  const mayGrantMore = tally.allowMaybe.length > 0 || unknownSources.length > 0;
  if (tally.allowYes.length > 0) {
    if (tally.denyMaybe.length > 0)
      return withParts({ decision: "unknown", allowedBy: tally.allowYes, deniedBy: tally.denyMaybe });
    if (tally.denyPartial.length > 0)
      return withParts({ decision: "conditional", allowedBy: tally.allowYes, deniedBy: tally.denyPartial });
    return { decision: "allowed", allowedBy: tally.allowYes };
  }
  if (tally.allowPartial.length > 0) {
    // An unseen grant could make it fully allowed; a possible Deny could remove it.
    if (mayGrantMore || tally.denyMaybe.length > 0) {
      return withParts({
        decision: "unknown",
        allowedBy: tally.allowPartial,
        ...(tally.denyMaybe.length ? { deniedBy: tally.denyMaybe } : {}),
      });
    }
    const d: AccessDecision = { decision: "conditional", allowedBy: tally.allowPartial };
    if (tally.denyPartial.length > 0) d.deniedBy = tally.denyPartial;
    return withParts(d);
  }
  if (mayGrantMore) return withParts({ decision: "unknown" });
  // No statement allows: implicit deny.
  const d: AccessDecision = { decision: "not-allowed" };
  if (tally.denyPartial.length > 0 || tally.denyMaybe.length > 0)
    d.deniedBy = [...tally.denyPartial, ...tally.denyMaybe];
  return withParts(d);
}

// ---------------------------------------------------------------------------
// Identity policies (SMBT003)

interface SourceSet {
  sources: PolicySource[];
  unknownSources: string[];
  ignored: string[];
  assumptions: string[];
  unresolved: { arn: string; why: string }[];
}

function collectSources(
  documents: PolicyDocument[],
  arns: (string | UnknownMarker)[],
  labelPrefix: string,
  asBoundary: boolean,
): SourceSet {
  const set: SourceSet = { sources: [], unknownSources: [], ignored: [], assumptions: [], unresolved: [] };
  documents.forEach((document, i) => {
    const label = `${labelPrefix}[${i}]`;
    const policy = normalizePolicy(document);
    // A malformed document is rejected by AWS and grants nothing.
    set.sources.push({ label, policy });
  });
  for (const arn of arns) {
    if (isUnknownMarker(arn)) {
      set.unknownSources.push(`a managed policy ARN that is Unknown${arn.detail ? ` (${arn.detail})` : ""}`);
      continue;
    }
    const kind = classifyManagedPolicyArn(arn);
    if (!asBoundary && (kind.kind === "service-linked" || kind.kind === "permissions-boundary")) {
      set.ignored.push(arn);
      continue;
    }
    const found = lookupManagedPolicy(arn);
    if (!found.found) {
      set.unknownSources.push(`${arn} ${found.why}`);
      set.unresolved.push({ arn, why: found.why });
      continue;
    }
    if (found.policy.otherPartition) set.assumptions.push(found.policy.otherPartition);
    const label = asBoundary ? `boundary:${arn}` : arn;
    set.sources.push({ label, policy: normalizePolicy(found.policy.document as PolicyDocument) });
  }
  return set;
}

function evaluateSet(set: SourceSet, request: PolicyRequest, extraUnknown: string[] = []): AccessDecision {
  const tally = emptyTally();
  for (const source of set.sources) tallySource(tally, source, request);
  const decision = decide(tally, [...set.unknownSources, ...extraUnknown]);
  if (set.assumptions.length > 0) decision.assumptions = set.assumptions;
  if (decision.decision === "unknown" && set.unresolved.length > 0) decision.unresolvedArns = set.unresolved;
  return decision;
}

const SEVERITY: Record<AccessDecisionKind, number> = {
  denied: 4,
  "not-allowed": 3,
  unknown: 2,
  conditional: 1,
  allowed: 0,
};

/**
 * Does the role's set of identity policies allow `action` on `resource`
 * (default `*`, "every resource")? Explicit Deny wins; a permissions boundary
 * must allow too (IAM User Guide, "Permissions boundaries for IAM entities":
 * effective permissions are the intersection).
 */
export function evaluateIdentityAccess(input: IdentityAccessInput, action: string, resource = "*"): AccessDecision {
  const request = requestFor(action, resource);
  const identitySet = collectSources(input.policies, input.managedPolicyArns, "policies", false);
  const hidden = input.unknownPolicies ?? 0;
  const extra =
    hidden > 0 ? [`${hidden} attached ${hidden === 1 ? "policy" : "policies"} whose documents are Unknown`] : [];
  const identity = evaluateSet(identitySet, request, extra);
  if (identitySet.ignored.length > 0) identity.ignoredManagedPolicyArns = identitySet.ignored;

  const boundary = input.boundary;
  const hasBoundary =
    boundary === "unknown" ||
    (boundary !== undefined &&
      ((boundary.documents?.length ?? 0) > 0 || (boundary.managedPolicyArns?.length ?? 0) > 0));
  if (!hasBoundary) return identity;
  let bounded: AccessDecision;
  if (boundary === "unknown") {
    bounded = { decision: "unknown", unknownParts: ["the permissions boundary is Unknown"] };
  } else {
    const boundarySet = collectSources(
      boundary?.documents ?? [],
      boundary?.managedPolicyArns ?? [],
      "boundary.documents",
      true,
    );
    bounded = evaluateSet(boundarySet, request);
  }
  // The worse of the two answers decides; keep both explanations.
  const worse = SEVERITY[bounded.decision] > SEVERITY[identity.decision] ? bounded : identity;
  const result: AccessDecision = { decision: worse.decision };
  if (worse.undeterminedBy) result.undeterminedBy = worse.undeterminedBy;
  if (worse.unresolvedArns) result.unresolvedArns = worse.unresolvedArns;
  if (
    identity.allowedBy &&
    (result.decision === "allowed" || result.decision === "conditional" || result.decision === "unknown")
  ) {
    result.allowedBy = identity.allowedBy;
  }
  const deniedBy = [...(identity.deniedBy ?? []), ...(bounded.deniedBy ?? [])];
  if (deniedBy.length > 0) result.deniedBy = deniedBy;
  const parts = [
    ...(identity.unknownParts ?? []),
    ...(bounded.unknownParts ?? []).map((p) => `permissions boundary: ${p}`),
  ];
  if (bounded.decision === "not-allowed") parts.push("the permissions boundary does not allow it");
  if (parts.length > 0 && result.decision !== "allowed") result.unknownParts = parts;
  if (identitySet.ignored.length > 0) result.ignoredManagedPolicyArns = identitySet.ignored;
  const assumptions = [...(identity.assumptions ?? []), ...(bounded.assumptions ?? [])];
  if (assumptions.length > 0) result.assumptions = assumptions;
  return result;
}

export interface MissingAction {
  action: string;
  result: AccessDecision;
}

/** The actions of `actions` that are not effectively "allowed" (conditional, unknown, denied and not-allowed ones), in order. */
export function requiredActionsMissing(input: IdentityAccessInput, actions: readonly string[]): MissingAction[] {
  const missing: MissingAction[] = [];
  for (const action of actions) {
    const result = evaluateIdentityAccess(input, action);
    if (result.decision !== "allowed") missing.push({ action, result });
  }
  return missing;
}

// ---------------------------------------------------------------------------
// Trust policies

export type TrustDecision = "trusted" | "conditional" | "not-trusted" | "unknown";

/**
 * Does a role's trust (assume-role) policy let `service` assume it? Principal
 * `"*"`, `{"AWS": "*"}` or `{"Service": …}` naming the service (string or
 * array) count; a Condition makes it conditional.
 */
export function trustsService(document: PolicyDocument, service: string): TrustDecision {
  const result = evaluateResourcePolicy(document, { action: "sts:AssumeRole", resource: "*", principal: service });
  switch (result.decision) {
    case "allowed":
      return "trusted";
    case "conditional":
      return "conditional";
    case "unknown":
      return "unknown";
    default:
      return "not-trusted";
  }
}

// ---------------------------------------------------------------------------
// Resource policies: S3 endpoint and bucket policies (SMBT007–SMBT010)

export interface ResourcePolicyRequest {
  action: string;
  /** An ARN, possibly with wildcards (then it stands for every ARN it matches), or `*`. */
  resource: string;
  /** `*` (default) for "every principal", or a service principal / role ARN / account id. */
  principal?: string;
}

function evaluateResourcePolicy(document: PolicyDocument, request: ResourcePolicyRequest): AccessDecision {
  const policy = normalizePolicy(document);
  const tally = emptyTally();
  tallySource(
    tally,
    { label: "document", policy },
    requestFor(request.action, request.resource, request.principal ?? "*"),
  );
  return decide(tally, []);
}

/** Does the policy allow the request, with no overriding Deny? (explicit Deny wins, as for identity policies) */
export function allows(document: PolicyDocument, request: ResourcePolicyRequest): AccessDecision {
  return evaluateResourcePolicy(document, request);
}

export interface DenyAnswer {
  /** `conditional`: a Deny applies only under a Condition or to part of the request. */
  decision: "denied" | "conditional" | "not-denied" | "unknown";
  deniedBy?: StatementRef[];
}

/** Does some Deny statement of the policy apply to the request? */
export function denies(document: PolicyDocument, request: ResourcePolicyRequest): DenyAnswer {
  const policy = normalizePolicy(document);
  const tally = emptyTally();
  const req = requestFor(request.action, request.resource, request.principal ?? "*");
  tallySource(tally, { label: "document", policy }, req);
  if (tally.denyYes.length > 0) return { decision: "denied", deniedBy: tally.denyYes };
  if (tally.denyMaybe.length > 0) return { decision: "unknown", deniedBy: tally.denyMaybe };
  // A statement of Unknown Effect that could apply could be a Deny.
  const unknownEffect = policy.statements.filter((s) => s.effect === "unknown" && statementApplies(s, req) !== "no");
  if (unknownEffect.length > 0) return { decision: "unknown", deniedBy: unknownEffect.map((s) => ref("document", s)) };
  if (tally.denyPartial.length > 0) return { decision: "conditional", deniedBy: tally.denyPartial };
  return { decision: "not-denied" };
}

const listHas = (list: NormalizedStatement["action"], ...wanted: string[]): boolean =>
  list !== undefined && list.known.some((v) => wanted.includes(v.toLowerCase()));

/**
 * Is this the "Full access" endpoint policy (the default): an Allow of `*` or
 * `s3:*` on `*` to Principal `*`, with no Condition, and nothing denied?
 * (RULES.md SMBT007; VPC User Guide, "Control access to VPC endpoints using
 * endpoint policies": the default policy allows full access.)
 */
export function isFullAccessPolicy(document: PolicyDocument): boolean | "unknown" {
  const policy = normalizePolicy(document);
  if (policy.statements.length === 0) return false;
  let full = false;
  let maybe = false;
  let unknownEffect = false;
  for (const s of policy.statements) {
    // Any Deny restricts: not the full-access default.
    if (s.effect === "Deny") return false;
    if (s.effect === "unknown") {
      unknownEffect = true;
      continue;
    }
    const anyPrincipal =
      s.principal === undefined ||
      s.principal.kind === "any" ||
      (s.principal.kind === "map" && s.principal.entries.get("aws")?.known.includes("*") === true);
    const principalUnknown =
      s.principal?.kind === "unknown" ||
      (s.principal?.kind === "map" && [...s.principal.entries.values()].some((l) => l.unknowns.length > 0));
    const isFull =
      listHas(s.action, "*", "s3:*") &&
      s.resource?.known.includes("*") === true &&
      anyPrincipal &&
      s.condition === undefined &&
      !s.notPrincipal;
    if (isFull) full = true;
    else if (
      (s.action?.unknowns.length ?? 0) > 0 ||
      (s.resource?.unknowns.length ?? 0) > 0 ||
      principalUnknown ||
      isUnknownMarker(s.condition)
    ) {
      maybe = true;
    }
  }
  // A statement of Unknown Effect could be a restricting Deny, or the full grant.
  if (unknownEffect) return "unknown";
  if (full) return true;
  return maybe ? "unknown" : false;
}

/** RULES.md §B: the Amazon Linux (AL1 and AL2) repository buckets the seed's endpoint policy denies. */
export const AMAZON_LINUX_REPOSITORY_ARNS = [
  "arn:aws:s3:::packages.*.amazonaws.com/*",
  "arn:aws:s3:::repo.*.amazonaws.com/*",
  "arn:aws:s3:::amazonlinux.*.amazonaws.com/*",
] as const;

export interface AmazonLinuxReposAnswer {
  /** `yes`: all three denied unconditionally for `s3:GetObject` to Principal `*`. */
  result: "yes" | "no" | "unknown";
  /** Repository ARNs not (unconditionally) denied. */
  missing: string[];
  /** Repository ARNs denied only under a Condition or for some principals. */
  conditional: string[];
}

/** SMBT009: does the endpoint policy deny `s3:GetObject` on all three §B repository ARNs to Principal `*`? */
export function deniesAmazonLinuxRepos(document: PolicyDocument): AmazonLinuxReposAnswer {
  const missing: string[] = [];
  const conditional: string[] = [];
  let unknown = false;
  for (const arn of AMAZON_LINUX_REPOSITORY_ARNS) {
    const answer = denies(document, { action: "s3:GetObject", resource: arn, principal: "*" });
    if (answer.decision === "denied") continue;
    if (answer.decision === "unknown") unknown = true;
    if (answer.decision === "conditional") conditional.push(arn);
    missing.push(arn);
  }
  const result = missing.length === 0 ? "yes" : unknown ? "unknown" : "no";
  return { result, missing, conditional };
}

export interface SourceVpcCondition {
  statement: StatementRef;
  key: "aws:SourceVpce" | "aws:SourceVpc";
  /** As written: `StringNotEquals`, `StringNotEqualsIfExists`, `StringNotLike`, … */
  operator: string;
  /** The named endpoint/VPC ids; Unknown ones keep their refs (e.g. `aws_vpc_endpoint.s3.id`). */
  values: (string | UnknownMarker)[];
}

export interface PrivateSourceIpCondition {
  statement: StatementRef;
  operator: string;
  /** The private (RFC 1918 / 100.64.0.0/10) CIDRs named in `aws:SourceIp`. */
  cidrs: string[];
}

export interface SourceNetworkConditions {
  /** Deny statements that deny requests not from the named endpoint(s)/VPC(s). */
  vpcConditions: SourceVpcCondition[];
  /**
   * Statements conditioned on `aws:SourceIp` with private addresses: through
   * a VPC endpoint the source IP is never a private one as seen by S3
   * (VPC User Guide, "Gateway endpoints for Amazon S3": "you can't use the
   * aws:SourceIp condition key … in … bucket policy … for requests through
   * an endpoint"), so such a condition never matches.
   */
  privateSourceIp: PrivateSourceIpCondition[];
  /** Deny statements whose Condition is Unknown (it might restrict the source). */
  unknownConditions: StatementRef[];
}

// Negated string operators: "deny unless the key equals one of these".
const NEGATED_STRING_OPERATOR =
  /^(?:ForAllValues:|ForAnyValue:)?StringNot(?:Equals|Like)(?:IgnoreCase)?(?:IfExists)?$/i;
const IP_OPERATOR = /^(?:Not)?IpAddress(?:IfExists)?$/i;

function conditionValues(raw: unknown): (string | UnknownMarker)[] {
  if (isUnknownMarker(raw)) return [raw];
  const items = Array.isArray(raw) ? raw : [raw];
  return items.flatMap((v): (string | UnknownMarker)[] =>
    typeof v === "string" ? [v] : isUnknownMarker(v) ? [v] : [],
  );
}

/**
 * SMBT010: the Deny statements of a bucket policy conditioned on
 * `aws:SourceVpce`/`aws:SourceVpc` (S3 User Guide, "Controlling access from VPC
 * endpoints with bucket policies"), and `aws:SourceIp` conditions with private
 * CIDRs. Condition key names are case-insensitive (IAM User Guide, "Condition
 * element").
 */
export function findSourceNetworkConditions(document: PolicyDocument): SourceNetworkConditions {
  const policy = normalizePolicy(document);
  const out: SourceNetworkConditions = { vpcConditions: [], privateSourceIp: [], unknownConditions: [] };
  for (const s of policy.statements) {
    if (s.condition === undefined) continue;
    const r = ref("document", s);
    if (isUnknownMarker(s.condition)) {
      if (s.effect !== "Allow") out.unknownConditions.push(r);
      continue;
    }
    for (const [operator, block] of Object.entries(s.condition)) {
      if (isUnknownMarker(block)) {
        if (s.effect !== "Allow") out.unknownConditions.push(r);
        continue;
      }
      if (typeof block !== "object" || block === null) continue;
      for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
        const lowerKey = key.toLowerCase();
        if (
          s.effect === "Deny" &&
          NEGATED_STRING_OPERATOR.test(operator) &&
          (lowerKey === "aws:sourcevpce" || lowerKey === "aws:sourcevpc")
        ) {
          out.vpcConditions.push({
            statement: r,
            key: lowerKey === "aws:sourcevpce" ? "aws:SourceVpce" : "aws:SourceVpc",
            operator,
            values: conditionValues(raw),
          });
        }
        if (IP_OPERATOR.test(operator) && lowerKey === "aws:sourceip") {
          const cidrs = conditionValues(raw).filter(
            (v): v is string => typeof v === "string" && isPrivateCidr(v) === true,
          );
          if (cidrs.length > 0) out.privateSourceIp.push({ statement: r, operator, cidrs });
        }
      }
    }
  }
  return out;
}

export type { Applicability, PolicyRequest };
