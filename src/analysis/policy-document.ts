/**
 * Normalizing IAM policy documents and matching one statement against one
 * request, three-valued (DESIGN.md: rules never guess).
 *
 * Grammar: IAM User Guide, "IAM JSON policy element reference" and "Grammar of
 * the IAM JSON policy language": `Statement` is an object or an array;
 * `Action`/`NotAction`/`Resource`/`NotResource` are a string or an array of
 * strings; `Principal` is `"*"` or a map of `AWS`/`Service`/`Federated`/
 * `CanonicalUser` to a string or an array.
 */
import { globCovers, globMatches, globsOverlap, type GlobAnswer } from "./glob.js";
import { isUnknownMarker, type PolicyDocument, type UnknownMarker } from "./policy-json.js";

/**
 * How far a statement applies to a request:
 * - `yes`: to all of it, unconditionally;
 * - `partial`: to part of it, known — a Condition, or resources/principals narrower than asked;
 * - `maybe`: cannot tell (an Unknown part);
 * - `no`: not at all.
 */
export type Applicability = "yes" | "partial" | "maybe" | "no";

/** A list-valued element: the strings we know, and the parts we don't. */
export interface StringList {
  known: string[];
  unknowns: UnknownMarker[];
}

export type PrincipalSpec =
  | { kind: "any" }
  | { kind: "map"; entries: Map<string, StringList> }
  | { kind: "unknown"; marker: UnknownMarker };

export interface NormalizedStatement {
  /** Position in the document's Statement list (0 when Statement is a single object). */
  index: number;
  sid?: string;
  effect: "Allow" | "Deny" | "unknown";
  action?: StringList;
  notAction?: StringList;
  resource?: StringList;
  notResource?: StringList;
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  /** Present only when the statement has a non-empty Condition (or an Unknown one). */
  condition?: Record<string, unknown> | UnknownMarker;
}

export interface NormalizedPolicy {
  statements: NormalizedStatement[];
  /** Why (part of) the document could not be read; such parts are dropped, and AWS rejects them too. */
  problems: string[];
}

/** A statement about which nothing is known (an Unknown statement or document). */
function unknownStatement(index: number, marker: UnknownMarker): NormalizedStatement {
  const list: StringList = { known: [], unknowns: [marker] };
  return { index, effect: "unknown", action: list, resource: list, condition: marker };
}

function toStringList(value: unknown): StringList | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknownMarker(value)) return { known: [], unknowns: [value] };
  const items = Array.isArray(value) ? value : [value];
  const list: StringList = { known: [], unknowns: [] };
  for (const item of items) {
    if (typeof item === "string") list.known.push(item);
    else if (isUnknownMarker(item)) list.unknowns.push(item);
    else if (typeof item === "number" || typeof item === "boolean") list.known.push(String(item));
    else list.unknowns.push({ $unknown: true, detail: "a list element that is not a string" });
  }
  return list;
}

function toPrincipal(value: unknown): PrincipalSpec | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknownMarker(value)) return { kind: "unknown", marker: value };
  if (value === "*") return { kind: "any" };
  if (typeof value === "object" && !Array.isArray(value)) {
    const entries = new Map<string, StringList>();
    for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
      const list = toStringList(raw);
      if (list) entries.set(key.toLowerCase(), list);
    }
    return { kind: "map", entries };
  }
  return { kind: "unknown", marker: { $unknown: true, detail: 'a Principal that is neither "*" nor a map' } };
}

/**
 * Looks up a policy element, exact spelling first, then ignoring case: a
 * miscased element name is a validation problem for AWS to report, not a
 * reason for us to misread the statement.
 */
function element(statement: Record<string, unknown>, name: string): unknown {
  if (name in statement) return statement[name];
  // Most elements asked for are simply absent: compare only keys of the same length, without allocating.
  const lower = name.toLowerCase();
  for (const key of Object.keys(statement))
    if (key.length === name.length && key.toLowerCase() === lower) return statement[key];
  return undefined;
}

function normalizeStatement(raw: unknown, index: number, problems: string[]): NormalizedStatement | undefined {
  if (isUnknownMarker(raw)) return unknownStatement(index, raw);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    problems.push(`Statement ${index} is not an object`);
    return undefined;
  }
  const s = raw as Record<string, unknown>;
  const effectRaw = element(s, "Effect");
  let effect: NormalizedStatement["effect"];
  if (isUnknownMarker(effectRaw)) effect = "unknown";
  else if (typeof effectRaw === "string" && /^allow$/i.test(effectRaw)) effect = "Allow";
  else if (typeof effectRaw === "string" && /^deny$/i.test(effectRaw)) effect = "Deny";
  else {
    problems.push(`Statement ${index} has no valid Effect`);
    return undefined;
  }
  const statement: NormalizedStatement = { index, effect };
  const sid = element(s, "Sid");
  if (typeof sid === "string") statement.sid = sid;
  const action = toStringList(element(s, "Action"));
  const notAction = toStringList(element(s, "NotAction"));
  const resource = toStringList(element(s, "Resource"));
  const notResource = toStringList(element(s, "NotResource"));
  const principal = toPrincipal(element(s, "Principal"));
  const notPrincipal = toPrincipal(element(s, "NotPrincipal"));
  if (action) statement.action = action;
  if (notAction) statement.notAction = notAction;
  if (resource) statement.resource = resource;
  if (notResource) statement.notResource = notResource;
  if (principal) statement.principal = principal;
  if (notPrincipal) statement.notPrincipal = notPrincipal;
  if (!action && !notAction) {
    problems.push(`Statement ${index} has neither Action nor NotAction`);
    return undefined;
  }
  const condition = element(s, "Condition");
  if (isUnknownMarker(condition)) statement.condition = condition;
  else if (typeof condition === "object" && condition !== null && Object.keys(condition).length > 0) {
    statement.condition = condition as Record<string, unknown>;
  }
  return statement;
}

/**
 * Reads a policy document: an object, a JSON string, or an Unknown marker.
 * Statement may be one object or an array; any part may be Unknown.
 */
export function normalizePolicy(document: PolicyDocument): NormalizedPolicy {
  // Rules ask about one document once per action (SMBT003 checks nine), and AWS managed
  // policies are shared by every role: normalize each document once. Results are read-only.
  if (typeof document === "string") {
    let normalized = normalizedTexts.get(document);
    if (!normalized) {
      if (normalizedTexts.size >= 1000) normalizedTexts.clear();
      normalized = normalizeUncached(document);
      normalizedTexts.set(document, normalized);
    }
    return normalized;
  }
  if (typeof document !== "object" || document === null) return normalizeUncached(document);
  let normalized = normalizedObjects.get(document);
  if (!normalized) {
    normalized = normalizeUncached(document);
    normalizedObjects.set(document, normalized);
  }
  return normalized;
}

const normalizedObjects = new WeakMap<object, NormalizedPolicy>();
/** By JSON text, bounded (cleared at 1,000 entries): a scan may hold many distinct texts. */
const normalizedTexts = new Map<string, NormalizedPolicy>();

function normalizeUncached(document: PolicyDocument): NormalizedPolicy {
  const problems: string[] = [];
  let doc: unknown = document;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return { statements: [], problems: ["the policy is not valid JSON"] };
    }
  }
  if (isUnknownMarker(doc)) return { statements: [unknownStatement(0, doc)], problems };
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    return { statements: [], problems: ["the policy is not a JSON object"] };
  }
  const statementRaw = element(doc as Record<string, unknown>, "Statement");
  if (statementRaw === undefined || statementRaw === null)
    return { statements: [], problems: ["the policy has no Statement"] };
  if (isUnknownMarker(statementRaw)) return { statements: [unknownStatement(0, statementRaw)], problems };
  const raws = Array.isArray(statementRaw) ? statementRaw : [statementRaw];
  const statements: NormalizedStatement[] = [];
  raws.forEach((raw, index) => {
    const statement = normalizeStatement(raw, index, problems);
    if (statement) statements.push(statement);
  });
  return { statements, problems };
}

// ---------------------------------------------------------------------------
// Matching one statement element against one request

function fromGlob(answer: GlobAnswer): Applicability {
  return answer === "yes" ? "yes" : answer === "maybe" ? "maybe" : "no";
}

/**
 * Does a list of patterns cover `subject`? `subject` may itself be a pattern
 * (`*` = "every resource"): then a pattern that covers only part of it gives
 * `partial`. With `literal`, `subject` is only the string itself (an action
 * without resource-level permissions is requested on the string `*`).
 */
export function matchList(list: StringList, subject: string, caseInsensitive: boolean, literal = false): Applicability {
  let best: Applicability = "no";
  for (const pattern of list.known) {
    if (literal) {
      if (globMatches(pattern, subject, caseInsensitive) === "yes") return "yes";
      continue;
    }
    const covers = fromGlob(globCovers(pattern, subject, caseInsensitive));
    if (covers === "yes") return "yes";
    if (covers === "maybe") best = "maybe";
    else if (best === "no" && globsOverlap(pattern, subject, caseInsensitive) !== "no") best = "partial";
  }
  // An Unknown element might be the one that covers the subject — unless its
  // known beginning and end rule that out (`s3:${var.verb}` never names an
  // `ec2:` action): a rule asks only the question it needs (DESIGN.md).
  if (list.unknowns.some((u) => unknownMayMatch(u, subject, caseInsensitive, literal))) return "maybe";
  return best;
}

/** Could the Unknown string, whatever its unknown middle (wildcards included), match `subject`? */
function unknownMayMatch(marker: UnknownMarker, subject: string, caseInsensitive: boolean, literal: boolean): boolean {
  if (!marker.prefix && !marker.suffix) return true;
  const shape = `${marker.prefix ?? ""}*${marker.suffix ?? ""}`;
  const answer = literal ? globMatches(shape, subject, caseInsensitive) : globsOverlap(shape, subject, caseInsensitive);
  return answer !== "no";
}

/** The complement, for NotAction/NotResource/NotPrincipal: the statement applies to what the list does not match. */
function invert(answer: Applicability): Applicability {
  switch (answer) {
    case "yes":
      return "no";
    case "no":
      return "yes";
    default:
      return answer; // partial stays partial; maybe stays maybe
  }
}

/** Action names are case-insensitive (IAM User Guide, "IAM JSON policy elements: Action"). */
export function matchAction(statement: NormalizedStatement, action: string): Applicability {
  if (statement.action) return matchList(statement.action, action, true);
  if (statement.notAction) return invert(matchList(statement.notAction, action, true));
  return "no";
}

/**
 * ARNs are case-sensitive. A statement with neither Resource nor NotResource
 * (trust policies, some resource policies) applies to the resource the policy
 * is attached to.
 */
export function matchResource(statement: NormalizedStatement, resource: string, literal = false): Applicability {
  if (statement.resource) return matchList(statement.resource, resource, false, literal);
  if (statement.notResource) return invert(matchList(statement.notResource, resource, false, literal));
  return "yes";
}

/** A principal named in a request: `*` (everyone), a service principal, or an AWS principal (ARN or account id). */
export type RequestPrincipal = string;

const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i;

function principalSpecMatches(spec: PrincipalSpec, principal: RequestPrincipal): Applicability {
  if (spec.kind === "any") return "yes";
  if (spec.kind === "unknown") return "maybe";
  const aws = spec.entries.get("aws");
  // `"Principal": "*"` and `{"AWS": "*"}` are equivalent (IAM User Guide, "AWS JSON policy elements: Principal", anonymous users).
  if (aws?.known.includes("*")) return "yes";
  let sawUnknown = false;
  for (const list of spec.entries.values()) if (list.unknowns.length > 0) sawUnknown = true;
  if (principal === "*") {
    // The request stands for every principal; a statement naming some of them covers part of it.
    if (sawUnknown) return "maybe";
    return [...spec.entries.values()].some((l) => l.known.length > 0) ? "partial" : "no";
  }
  if (SERVICE_PRINCIPAL.test(principal)) {
    const service = spec.entries.get("service");
    if (service?.known.some((s) => s.toLowerCase() === principal.toLowerCase() || s === "*")) return "yes";
    if (service && service.unknowns.length > 0) return "maybe";
    if (aws && aws.unknowns.length > 0) return "maybe";
    return "no";
  }
  if (aws) {
    const account =
      /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1] ?? (/^\d{12}$/.test(principal) ? principal : undefined);
    for (const named of aws.known) {
      if (named === principal) return "yes";
      // An account (id or `:root`) as principal delegates to every principal of that account.
      const namedAccount = /^\d{12}$/.test(named) ? named : /^arn:[^:]+:iam::(\d{12}):root$/.exec(named)?.[1];
      if (namedAccount !== undefined && namedAccount === account) return "yes";
    }
    if (aws.unknowns.length > 0) return "maybe";
  }
  return "no";
}

/** Statements without Principal/NotPrincipal (identity policies) apply to the caller. */
export function matchPrincipal(statement: NormalizedStatement, principal: RequestPrincipal | undefined): Applicability {
  if (principal === undefined) return "yes";
  if (statement.principal) return principalSpecMatches(statement.principal, principal);
  if (statement.notPrincipal) return invert(principalSpecMatches(statement.notPrincipal, principal));
  return "yes";
}

/**
 * A Condition makes a statement apply only to some requests (IAM User Guide,
 * "IAM JSON policy elements: Condition"); static analysis does not know the
 * request context, so a conditioned statement applies `partial`ly.
 */
export function matchCondition(statement: NormalizedStatement): Applicability {
  if (statement.condition === undefined) return "yes";
  return isUnknownMarker(statement.condition) ? "maybe" : "partial";
}

/** Combines the per-element answers: any `no` wins, then `maybe`, then `partial`. */
export function combine(...answers: Applicability[]): Applicability {
  if (answers.includes("no")) return "no";
  if (answers.includes("maybe")) return "maybe";
  if (answers.includes("partial")) return "partial";
  return "yes";
}

export interface PolicyRequest {
  action: string;
  /** `*` means "every resource" (what RULES.md §B asks for the ENI actions). */
  resource: string;
  /** Only for resource-based policies (endpoint, bucket, trust); omit for identity policies. */
  principal?: RequestPrincipal;
  /**
   * `resource` is the string itself, not the resources it stands for: set for
   * an action without resource-level permissions asked about on `*`
   * (`action-catalog.ts`), which only a Resource matching `*` grants.
   */
  literalResource?: boolean;
}

export function statementApplies(statement: NormalizedStatement, request: PolicyRequest): Applicability {
  return combine(
    matchAction(statement, request.action),
    matchResource(statement, request.resource, request.literalResource === true),
    matchPrincipal(statement, request.principal),
    matchCondition(statement),
  );
}
