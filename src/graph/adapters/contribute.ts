/**
 * Language-neutral pieces both adapters use once they have read a resource:
 * the links a security-group rule or a route makes, and facets (standalone
 * resources that contribute to a parent node).
 */
import { unknown, type UnknownValue, type Value } from "../../core/value.js";
import type { SourceRange } from "../../core/range.js";
import { NODE_ITSELF, type Facet, type PendingLink } from "../build.js";
import type { EdgeKind, GraphNode, NodeKind, Route, RouteTableNode, RouteTargetKind, SecurityGroupNode, SecurityGroupRule } from "../types.js";

/** A reference to a node, made up by an adapter where the source's own link runs the other way (an ACL's `subnet_ids`). */
export function refTo(id: string, name: string, range: SourceRange | undefined): UnknownValue {
  return unknown("COMPUTED", `The id of ${name}, set when it is created.`, { refs: [{ resource: id, attribute: NODE_ITSELF }], range });
}

/** Exists when both do; "unknown" when either might not. */
export const bothExist = (a: true | "unknown", b: true | "unknown"): true | "unknown" => (a === true && b === true ? true : "unknown");

/** The links of a security-group rule: its peer groups (`sg-rule-peer`) and prefix lists (`sg-rule-prefix-list`). */
export function securityGroupRuleLinks(group: SecurityGroupNode, rule: SecurityGroupRule): PendingLink[] {
  const links: PendingLink[] = [];
  const exists = bothExist(group.exists, rule.exists);
  const facet = rule.facet ? { facet: rule.facet } : {};
  for (const peer of rule.peerGroups) {
    if (peer.self) {
      peer.node = group.id;
      links.push({ from: group.id, kind: "sg-rule-peer", value: refTo(group.id, group.name, peer.value.range), targets: ["security-group"], expects: "id", exists, ...facet });
      continue;
    }
    links.push({
      from: group.id,
      kind: "sg-rule-peer",
      value: peer.value,
      targets: ["security-group"],
      expects: "id",
      exists,
      ...facet,
      onResolve: (target) => {
        peer.node = target.id;
        peer.self = target.id === group.id;
      },
    });
  }
  rule.prefixListIds.forEach((prefixList, index) => {
    if (prefixList.kind !== "unknown" || prefixList.refs.length === 0) return;
    links.push({
      from: group.id,
      kind: "sg-rule-prefix-list",
      value: prefixList,
      targets: ["vpc-endpoint"],
      expects: "prefix-list-id",
      exists,
      ...facet,
      onResolve: (endpoint) => {
        if (endpoint.kind !== "vpc-endpoint" || !endpoint.serviceName) return;
        const services = (rule.prefixListServices ??= rule.prefixListIds.map(() => undefined));
        services[index] = endpoint.serviceName.value;
      },
    });
  });
  return links;
}

/**
 * The link of a route to its target. `kind` is what the adapter could tell from
 * the attribute and the referenced resource's type; a resolved target refines it.
 */
export function routeLinks(table: RouteTableNode, route: Route): PendingLink[] {
  const target = route.target.attribute?.value;
  if (!target || route.target.kind === "other") return [];
  return [
    {
      from: table.id,
      kind: "route-target",
      value: target,
      targets: ["nat-gateway", "internet-gateway", "vpc-endpoint"],
      expects: "id",
      exists: bothExist(table.exists, route.exists),
      ...(route.facet ? { facet: route.facet } : {}),
      onResolve: (node) => {
        route.target.node = node.id;
        route.target.kind = node.kind as RouteTargetKind;
      },
    },
  ];
}

/** What a literal route target id says about its kind. */
export function targetKindOfLiteral(text: string): RouteTargetKind {
  if (text.startsWith("igw-")) return "internet-gateway";
  if (text.startsWith("nat-")) return "nat-gateway";
  if (text.startsWith("vpce-")) return "vpc-endpoint";
  if (/^(vgw|pcx|tgw|eni|i|eigw|cagw|lgw)-/.test(text) || text === "local") return "other";
  return "unknown";
}

/** The facet header every adapter fills in. */
export interface FacetBase {
  id: string;
  name: string;
  sourceType: string;
  range: SourceRange;
  exists: true | "unknown";
}

/** A facet whose contribution is one link from the parent to `target` (an association resource). */
export function associationFacet(
  base: FacetBase,
  parent: { value: Value; kinds: readonly NodeKind[]; expects: Facet["expects"] },
  link: { kind: EdgeKind; value: Value | undefined; targets: readonly NodeKind[]; expects: PendingLink["expects"] },
): Facet {
  return {
    ...base,
    parent: parent.value,
    parentKinds: parent.kinds,
    expects: parent.expects,
    apply: (node: GraphNode) =>
      link.value === undefined
        ? []
        : [{ from: node.id, kind: link.kind, value: link.value, targets: link.targets, expects: link.expects, facet: base.id, exists: bothExist(base.exists, node.exists) }],
  };
}

/** A facet that makes each parent point back at the resource that lists it (`aws_network_acl.subnet_ids`). */
export function reverseFacet(owner: { id: string; name: string; sourceType: string; range: SourceRange; exists: true | "unknown" }, parent: Value, parentKinds: readonly NodeKind[], kind: EdgeKind, targetKind: NodeKind): Facet {
  return {
    id: owner.id,
    name: owner.name,
    sourceType: owner.sourceType,
    range: owner.range,
    exists: owner.exists,
    parent,
    parentKinds,
    expects: "id",
    apply: (node, _via, range) => [
      { from: node.id, kind, value: refTo(owner.id, owner.name, range), targets: [targetKind], expects: "id", exists: bothExist(owner.exists, node.exists) },
    ],
  };
}
