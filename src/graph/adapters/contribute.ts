/**
 * Language-neutral pieces both adapters use once they have read a resource:
 * the links a security-group rule or a route makes, and facets (standalone
 * resources that contribute to a parent node).
 */
import { unknown, type UnknownValue, type Value } from "../../core/value.js";
import type { SourceRange } from "../../core/range.js";
import { NODE_ITSELF, type Facet, type PendingLink } from "../build.js";
import type {
  EdgeKind,
  GraphNode,
  NodeKind,
  Route,
  RouteTableNode,
  RouteTargetKind,
  SecurityGroupNode,
  SecurityGroupRule,
} from "../types.js";

/** A reference to a node, made up by an adapter where the source's own link runs the other way (an ACL's `subnet_ids`). */
export function refTo(id: string, name: string, range: SourceRange | undefined): UnknownValue {
  return unknown("COMPUTED", `The id of ${name}, set when it is created.`, {
    refs: [{ resource: id, attribute: NODE_ITSELF }],
    range,
  });
}

/** Exists when both do; "unknown" when either might not. */
export const bothExist = (a: true | "unknown", b: true | "unknown"): true | "unknown" =>
  a === true && b === true ? true : "unknown";

/**
 * The links a node's own reference fields make (`vpcId` → `in-vpc`, a model's
 * subnets → `in-subnet`, …): the same whatever language the node came from.
 */
export function fieldLinks(node: GraphNode): PendingLink[] {
  const links: PendingLink[] = [];
  const link = (
    kind: EdgeKind,
    attribute: { value: Value } | undefined,
    targets: readonly NodeKind[],
    expects: PendingLink["expects"] = "id",
  ) => {
    if (attribute) links.push({ from: node.id, kind, value: attribute.value, targets, expects, exists: node.exists });
  };
  switch (node.kind) {
    case "model":
      link("execution-role", node.executionRoleArn, ["iam-role"], "arn");
      link("in-subnet", node.vpcConfig?.subnets, ["subnet"]);
      link("has-security-group", node.vpcConfig?.securityGroupIds, ["security-group"]);
      break;
    case "vpc-endpoint":
      link("in-vpc", node.vpcId, ["vpc"]);
      link("endpoint-route-table", node.routeTableIds, ["route-table"]);
      link("endpoint-subnet", node.subnetIds, ["subnet"]);
      link("endpoint-security-group", node.securityGroupIds, ["security-group"]);
      break;
    case "nat-gateway":
      link("in-subnet", node.subnetId, ["subnet"]);
      break;
    case "endpoint-config":
      for (const modelName of node.modelNames) link("serves-model", modelName, ["model"], "name");
      break;
    case "subnet":
    case "route-table":
    case "security-group":
    case "internet-gateway":
    case "network-acl":
      link("in-vpc", node.vpcId, ["vpc"]);
      break;
  }
  return links;
}

/** The links of a security-group rule: its peer groups (`sg-rule-peer`) and prefix lists (`sg-rule-prefix-list`). */
export function securityGroupRuleLinks(group: SecurityGroupNode, rule: SecurityGroupRule): PendingLink[] {
  const links: PendingLink[] = [];
  const exists = bothExist(group.exists, rule.exists);
  const facet = rule.facet ? { facet: rule.facet } : {};
  for (const peer of rule.peerGroups) {
    if (peer.self) {
      peer.node = group.id;
      links.push({
        from: group.id,
        kind: "sg-rule-peer",
        value: refTo(group.id, group.name, peer.value.range),
        targets: ["security-group"],
        expects: "id",
        exists,
        ...facet,
      });
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
        rule.prefixListServices ??= rule.prefixListIds.map(() => undefined);
        const services = rule.prefixListServices;
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

/** Adds a standalone route to its table (a copy per table, as a route may name several) and returns its link. */
export function addRoute(table: RouteTableNode, route: Route, exists: true | "unknown"): PendingLink[] {
  const own = { ...route, target: { ...route.target }, exists };
  table.routes.push(own);
  return routeLinks(table, own);
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
        : [
            {
              from: node.id,
              kind: link.kind,
              value: link.value,
              targets: link.targets,
              expects: link.expects,
              facet: base.id,
              exists: bothExist(base.exists, node.exists),
            },
          ],
  };
}

/**
 * A facet that adds to its parent node of one kind (a rule to a group, a policy
 * to a role, an entry to an ACL). `contribute` gets the parent, whether the
 * contribution exists (when the facet and the parent both do) and the value
 * that named the parent, and returns the links it makes.
 */
export function childFacet<K extends NodeKind>(
  base: FacetBase,
  parent: { value: Value; kind: K; expects: Facet["expects"] },
  contribute: (
    node: Extract<GraphNode, { kind: K }>,
    exists: true | "unknown",
    range: SourceRange | undefined,
  ) => PendingLink[] | void,
): Facet {
  return {
    ...base,
    parent: parent.value,
    parentKinds: [parent.kind],
    expects: parent.expects,
    apply: (node, _via, range) =>
      node.kind === parent.kind
        ? (contribute(node as Extract<GraphNode, { kind: K }>, bothExist(base.exists, node.exists), range) ?? [])
        : [],
  };
}

/** A facet that makes each parent point back at the resource that lists it (`aws_network_acl.subnet_ids`). */
export function reverseFacet(
  owner: { id: string; name: string; sourceType: string; range: SourceRange; exists: true | "unknown" },
  parent: Value,
  parentKinds: readonly NodeKind[],
  kind: EdgeKind,
  targetKind: NodeKind,
): Facet {
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
      {
        from: node.id,
        kind,
        value: refTo(owner.id, owner.name, range),
        targets: [targetKind],
        expects: "id",
        exists: bothExist(owner.exists, node.exists),
      },
    ],
  };
}
