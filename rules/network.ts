/**
 * Network questions several rules ask of the graph (SMBT002, SMBT004–SMBT006,
 * SMBT011–SMBT014): a model's subnets, groups and VPCs with the Unknowns met on
 * the way, S3 endpoint recognition, route-table facts for `src/analysis/routing.ts`,
 * and security-group rule matching. Provider-neutral: only graph nodes.
 */
import { unknown, type UnknownValue, type Value } from "../src/core/value.js";
import type { SourceRange } from "../src/core/range.js";
import { cidrContains, parseIpv4Cidr } from "../src/core/cidr.js";
import type { GraphIndex } from "../src/graph/graph.js";
import type {
  GraphNode,
  ModelNode,
  NodeOfKind,
  RouteTableNode,
  SecurityGroupNode,
  SecurityGroupRule,
  SubnetNode,
  VpcEndpointNode,
  VpcNode,
} from "../src/graph/types.js";
import {
  defaultRouteTarget,
  type DefaultRoute,
  type RouteFacts,
  type RouteTableFacts,
} from "../src/analysis/routing.js";
import type { RuleContext, RuleResult } from "./rule.js";

/** Three-valued answer. */
export type Tri = "yes" | "no" | "unknown";

/** Unique nodes of a query, in the order found, with the first edge that led to each. */
export function unique<T extends GraphNode>(
  found: { node: T; edge?: { range?: SourceRange } }[],
): { node: T; range?: SourceRange }[] {
  const seen = new Set<string>();
  const out: { node: T; range?: SourceRange }[] = [];
  for (const { node, edge } of found) {
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    out.push({ node, range: edge?.range });
  }
  return out;
}

/** Reports every Unknown met as blocking `what`. */
export function blockAll(
  context: RuleContext,
  unknowns: readonly UnknownValue[],
  what: string,
  range: SourceRange,
  resource?: string,
): void {
  for (const u of unknowns) context.cannotVerify({ unknown: u, what, range, ...(resource ? { resource } : {}) });
}

/** A model's subnets; Unknowns are reported as blocking. */
export function modelSubnets(context: RuleContext, model: ModelNode): { node: SubnetNode; range?: SourceRange }[] {
  const resolved = context.graph.subnetsOfModel(model);
  blockAll(
    context,
    resolved.unknowns,
    `the subnets of model ${model.name}`,
    model.vpcConfig?.keyRange ?? model.range,
    model.name,
  );
  return unique(resolved.found);
}

/** A model's security groups; Unknowns are reported as blocking. */
export function modelGroups(
  context: RuleContext,
  model: ModelNode,
): { groups: { node: SecurityGroupNode; range?: SourceRange }[]; complete: boolean } {
  const resolved = context.graph.securityGroupsOfModel(model);
  blockAll(
    context,
    resolved.unknowns,
    `the security groups of model ${model.name}`,
    model.vpcConfig?.keyRange ?? model.range,
    model.name,
  );
  return { groups: unique(resolved.found), complete: resolved.unknowns.length === 0 };
}

/** The VPCs of subnets (normally one), each once, and the subnets whose VPC is Unknown (outside the scan). */
export function subnetVpcs(
  graph: GraphIndex,
  subnets: readonly { node: SubnetNode }[],
): { vpcs: VpcNode[]; unresolved: { subnet: SubnetNode; unknowns: UnknownValue[] }[] } {
  const vpcs = new Map<string, VpcNode>();
  const unresolved: { subnet: SubnetNode; unknowns: UnknownValue[] }[] = [];
  for (const { node: subnet } of subnets) {
    const resolved = graph.vpcOf(subnet);
    if (resolved.unknowns.length > 0) unresolved.push({ subnet, unknowns: resolved.unknowns });
    for (const { node } of resolved.found) vpcs.set(node.id, node);
  }
  return { vpcs: [...vpcs.values()], unresolved };
}

/** The VPCs of a model's subnets; a subnet's Unknown VPC is reported as blocking. */
export function modelVpcs(context: RuleContext, model: ModelNode, subnets: readonly { node: SubnetNode }[]): VpcNode[] {
  const { vpcs, unresolved } = subnetVpcs(context.graph, subnets);
  for (const { subnet, unknowns } of unresolved)
    blockAll(
      context,
      unknowns,
      `the VPC of subnet ${subnet.name}`,
      subnet.vpcId?.keyRange ?? subnet.range,
      subnet.name,
    );
  return vpcs;
}

/** Does the endpoint's service name end in `.s3` (not `.s3express`)? An Unknown keeps its known suffix. */
export function isS3Service(endpoint: VpcEndpointNode): Tri {
  const value = endpoint.serviceName?.value;
  if (!value) return "no";
  if (value.kind === "string") return value.value.endsWith(".s3") ? "yes" : "no";
  if (value.kind === "unknown") {
    const suffix = value.suffix ?? "";
    if (suffix.endsWith(".s3")) return "yes";
    // A known ending that cannot end in `.s3` (`.s3express`, `.logs`) settles it; `s3` or nothing does not.
    if (suffix !== "" && !".s3".endsWith(suffix)) return "no";
    return "unknown";
  }
  return "no";
}

/** The endpoint's type, lower-cased; undefined when Unknown. */
export function endpointType(endpoint: VpcEndpointNode): string | undefined {
  const value = endpoint.endpointType?.value;
  if (value === undefined) return "gateway";
  return value.kind === "string" ? value.value.toLowerCase() : undefined;
}

export function boolOf(value: Value | undefined): boolean | "unknown" | undefined {
  if (value === undefined) return undefined;
  if (value.kind === "bool") return value.value;
  if (value.kind === "string" && (value.value === "true" || value.value === "false")) return value.value === "true";
  return "unknown";
}

/** An Unknown standing for "whether this resource is created" (a condition or `count` that cannot be decided). */
export function existenceUnknown(node: { name: string; range: SourceRange }): UnknownValue {
  return unknown(
    "DYNAMIC",
    `Whether ${node.name} is created depends on a condition or count that is not known statically.`,
    { range: node.range },
  );
}

/** The endpoints whose VPC is unresolved (they may be in any VPC). Computed once per graph: rules ask per VPC. */
export function endpointsWithUnknownVpc(graph: GraphIndex): { node: VpcEndpointNode; unknown: UnknownValue }[] {
  const cached = unknownVpcEndpoints.get(graph);
  if (cached) return cached;
  const out: { node: VpcEndpointNode; unknown: UnknownValue }[] = [];
  for (const endpoint of graph.nodesOfKind("vpc-endpoint")) {
    const missing = graph.unresolvedFrom(endpoint.id, "in-vpc")[0];
    if (missing) out.push({ node: endpoint, unknown: missing.value });
  }
  unknownVpcEndpoints.set(graph, out);
  return out;
}
const unknownVpcEndpoints = new WeakMap<GraphIndex, { node: VpcEndpointNode; unknown: UnknownValue }[]>();

/** A route table's routes as `routing.ts` facts; Unknown destinations become "unknown". */
export function routeTableFacts(table: RouteTableNode, graph: GraphIndex): RouteTableFacts {
  const routes: RouteFacts[] = [];
  for (const route of table.routes) {
    const destination = route.destinationCidrBlock?.value;
    const ipv6 = route.destinationIpv6CidrBlock?.value;
    const prefixList = route.destinationPrefixListId?.value;
    let text: string | "unknown";
    if (destination?.kind === "string") text = destination.value;
    else if (destination?.kind === "unknown") text = "unknown";
    else if (ipv6?.kind === "string") text = ipv6.value;
    else if (prefixList?.kind === "string") text = prefixList.value;
    else if (ipv6 || prefixList) text = ipv6?.kind === "unknown" ? "::/unknown" : "pl-unknown";
    else text = "unknown";
    const targetNode = route.target.node ? graph.node(route.target.node) : undefined;
    const connectivity = targetNode?.kind === "nat-gateway" ? natConnectivity(targetNode) : undefined;
    routes.push({
      // A route that may not exist is not known to be there: its destination is treated as Unknown.
      destination: route.exists === "unknown" ? "unknown" : text,
      target: {
        kind: route.target.kind,
        ...(route.target.node ? { id: route.target.node } : {}),
        ...(connectivity ? { connectivity } : {}),
      },
    });
  }
  return { id: table.name, routes, routesComplete: table.unknownRoutes.length === 0 };
}

function natConnectivity(nat: NodeOfKind<"nat-gateway">): "public" | "private" | undefined {
  const value = nat.connectivityType?.value;
  if (value === undefined) return "public";
  return value.kind === "string" ? (value.value.toLowerCase() === "private" ? "private" : "public") : undefined;
}

/** The default (0.0.0.0/0) route of a table and the route itself, when there is exactly one. */
export function defaultRoute(
  table: RouteTableNode,
  graph: GraphIndex,
): { target: DefaultRoute; route?: RouteTableNode["routes"][number] } {
  const target = defaultRouteTarget(routeTableFacts(table, graph));
  const route = table.routes.find(
    (r) => r.destinationCidrBlock?.value.kind === "string" && r.destinationCidrBlock.value.value.trim() === "0.0.0.0/0",
  );
  return { target, ...(route ? { route } : {}) };
}

/** The Unknown behind an undeterminable default route: a route's Unknown target or destination, else one made up for the table. */
export function defaultRouteUnknown(table: RouteTableNode, reason: string): UnknownValue {
  for (const route of table.routes) {
    const target = route.target.attribute?.value;
    const destination = route.destinationCidrBlock?.value;
    if (
      destination?.kind === "string" &&
      destination.value.trim() === "0.0.0.0/0" &&
      target?.kind === "unknown" &&
      !route.target.node
    )
      return target;
    if (destination?.kind === "unknown") return destination;
  }
  return (
    table.unknownRoutes[0] ??
    unknown("DYNAMIC", `The default route cannot be determined: ${reason}.`, { range: table.range })
  );
}

// ---------------------------------------------------------------------------
// Security-group rules

/** A rule's protocol as text (`-1`, `tcp`, …), or undefined when Unknown. */
export function protocolOf(rule: SecurityGroupRule): string | undefined {
  return rule.protocol.kind === "string"
    ? rule.protocol.value
    : rule.protocol.kind === "number"
      ? String(rule.protocol.value)
      : undefined;
}

/** Does the rule cover every port of TCP `[from, to]`? */
export function coversTcp(rule: SecurityGroupRule, from: number, to: number): Tri {
  const protocol = protocolOf(rule);
  if (protocol === undefined) return "unknown";
  if (protocol === "-1") return "yes";
  if (protocol !== "tcp") return "no";
  return portsCover(rule.fromPort, rule.toPort, from, to);
}

function portsCover(fromPort: Value | undefined, toPort: Value | undefined, from: number, to: number): Tri {
  if (fromPort === undefined || toPort === undefined) return "no";
  if (fromPort.kind !== "number" || toPort.kind !== "number")
    return fromPort.kind === "unknown" || toPort.kind === "unknown" ? "unknown" : "no";
  return fromPort.value <= from && toPort.value >= to ? "yes" : "no";
}

/** Is the rule all-protocol (`-1`)? */
export function isAllProtocols(rule: SecurityGroupRule): Tri {
  const protocol = protocolOf(rule);
  return protocol === undefined ? "unknown" : protocol === "-1" ? "yes" : "no";
}

/** Is the rule TCP over every port (0–65535)? */
export function isAllTcp(rule: SecurityGroupRule): Tri {
  const protocol = protocolOf(rule);
  if (protocol === undefined) return "unknown";
  if (protocol !== "tcp") return "no";
  return portsCover(rule.fromPort, rule.toPort, 0, 65535);
}

/** Does the rule name one of `members` as its peer? */
export function peersWith(rule: SecurityGroupRule, members: ReadonlySet<string>): Tri {
  let maybe = false;
  for (const peer of rule.peerGroups) {
    if (peer.node !== undefined) {
      if (members.has(peer.node)) return "yes";
    } else if (peer.value.kind === "unknown") maybe = true;
  }
  return maybe ? "unknown" : "no";
}

/** Does one of the rule's IPv4 CIDRs contain `cidr` (e.g. the VPC's block, or 0.0.0.0/0)? */
export function cidrCovers(rule: SecurityGroupRule, cidr: string | undefined): Tri {
  let maybe = false;
  for (const value of rule.cidrIpv4) {
    if (value.kind === "string") {
      if (cidr !== undefined && cidrContains(value.value, cidr) === true) return "yes";
    } else if (value.kind === "unknown") maybe = true;
  }
  return maybe || (cidr === undefined && rule.cidrIpv4.length > 0) ? "unknown" : "no";
}

/** The IPv4 CIDR of a VPC when known. */
export function vpcCidr(vpc: VpcNode | undefined): string | undefined {
  const value = vpc?.cidrBlock?.value;
  return value?.kind === "string" && parseIpv4Cidr(value.value) ? value.value : undefined;
}

/** Combines three-valued answers with "or". */
export function anyOf(answers: Iterable<Tri>): Tri {
  let maybe = false;
  for (const a of answers) {
    if (a === "yes") return "yes";
    if (a === "unknown") maybe = true;
  }
  return maybe ? "unknown" : "no";
}

/** Combines three-valued answers with "and". */
export function allOf(answers: Iterable<Tri>): Tri {
  let maybe = false;
  for (const a of answers) {
    if (a === "no") return "no";
    if (a === "unknown") maybe = true;
  }
  return maybe ? "unknown" : "yes";
}

/** A rule that may not exist can only make an answer uncertain, never "yes". */
export const ifExists = (rule: { exists: true | "unknown" }, answer: Tri): Tri =>
  answer === "yes" && rule.exists === "unknown" ? "unknown" : answer;

/** The Unknowns that leave a group's rules incomplete (Unknown rule lists), or a stand-in for rules that may not exist. */
export function groupRuleUnknowns(group: SecurityGroupNode): UnknownValue[] {
  return [...group.unknownRules];
}

/** Where a finding about a value points: the value, else its key, else the fallback. */
export function rangeOf(
  attribute: { value: Value; keyRange?: SourceRange } | undefined,
  fallback: SourceRange,
): SourceRange {
  return attribute?.value.range ?? attribute?.keyRange ?? fallback;
}

export const names = (nodes: readonly { name: string }[]): string => nodes.map((n) => n.name).join(", ");

/**
 * Adds the module call sites of the resource a finding is about as related
 * locations (DESIGN.md, "Source ranges"): the finding points inside the module,
 * the call says which instantiation it is.
 */
export function withModuleCalls(graph: GraphIndex, results: RuleResult[]): RuleResult[] {
  for (const result of results) {
    if (!result.resource) continue;
    const node = nodesByNameAndFile(graph).get(`${result.resource}\u0000${result.range.file}`);
    if (!node?.moduleCalls?.length) continue;
    const calls = node.moduleCalls.map((range) => ({ range, message: "module call" }));
    result.related = [...(result.related ?? []), ...calls];
  }
  return results;
}

/**
 * The first node of each (name, file), as `nodes.find` would return it: an index,
 * built once per graph, so that linking results to nodes stays linear (issue 8).
 */
const nodeIndexes = new WeakMap<GraphIndex, Map<string, GraphIndex["graph"]["nodes"][number]>>();
function nodesByNameAndFile(graph: GraphIndex): Map<string, GraphIndex["graph"]["nodes"][number]> {
  let index = nodeIndexes.get(graph);
  if (!index) {
    index = new Map();
    for (const node of graph.graph.nodes) {
      const key = `${node.name}\u0000${node.range.file}`;
      if (!index.has(key)) index.set(key, node);
    }
    nodeIndexes.set(graph, index);
  }
  return index;
}
