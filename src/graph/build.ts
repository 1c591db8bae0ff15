/**
 * Builds the graph from the adapters' output and links it.
 *
 * Adapters emit nodes, the links each node holds (`PendingLink`: "this value
 * should name a subnet"), and facets — standalone resources that contribute to
 * a parent node (`aws_security_group_rule`, `AWS::IAM::Policy`, associations).
 * Linking resolves every reference through one index by source id (O(1) per
 * reference, so the build stays linear in the number of resources); a known
 * literal falls back to matching a declared name, and the edge says so.
 * Whatever cannot be followed is kept in `Graph.unresolved` with the Unknown
 * it met, so that rules can say "could not verify".
 */
import { str, unknown, type ResourceRef, type UnknownValue, type Value } from "../core/value.js";
import type { SourceRange } from "../core/range.js";
import type {
  Edge,
  EdgeKind,
  EdgeVia,
  Graph,
  GraphNode,
  NodeKind,
  RouteTableNode,
  SecurityGroupNode,
  Unresolved,
  VpcNode,
} from "./types.js";

/**
 * What a reference to a node's attribute yields. `main-route-table` (a VPC's
 * `main_route_table_id`) stands for the VPC's main route table;
 * `default-security-group` (`default_security_group_id`, CFN
 * `DefaultSecurityGroup`) for the VPC's default group;
 * `prefix-list-id` for an endpoint's prefix list; `owned-default` for another
 * default child of a VPC (`default_network_acl_id`), which names the VPC when a
 * facet looks for its VPC (`aws_default_network_acl`).
 */
export type RefYield =
  | "id"
  | "name"
  | "arn"
  | "main-route-table"
  | "default-security-group"
  | "prefix-list-id"
  | "owned-default";

/**
 * The attribute of a reference an adapter makes up to point at a node directly
 * (an ACL listing its subnets, a rule naming its own group): it names the node itself.
 */
export const NODE_ITSELF = "(node)";

/** A literal by which configuration can name a node. */
export interface NodeLiteral {
  kind: "name" | "id";
  value: string;
}

/** A value of a node (or facet) that should name another node. */
export interface PendingLink {
  /** The node the edge starts at. */
  from: string;
  kind: EdgeKind;
  value: Value;
  /** The kinds the target may have. */
  targets: readonly NodeKind[];
  /** What the attribute expects; a reference yielding an ARN where a name or id is expected is `reference-to-arn`. */
  expects: "id" | "name" | "arn" | "prefix-list-id";
  /** The standalone resource that contributed the link. */
  facet?: string;
  exists: true | "unknown";
  /** A value that may legitimately name something outside the scan without being a gap (an AWS-managed policy ARN). */
  externalOk?: (value: Value) => boolean;
  /** How a link made by reference was established, when it is weaker than a reference (`state-path`). */
  via?: EdgeVia;
  /** Called with the target when the link resolves (to record the target on a route or a rule peer). */
  onResolve?: (target: GraphNode, via: EdgeVia) => void;
}

/** A node as an adapter produces it. */
export interface SourceNode {
  node: GraphNode;
  /** Attribute name (`""` for CloudFormation's `Ref`) → what a reference to it yields. */
  refYields: Readonly<Record<string, RefYield>>;
  /** Literals that name this node (a model's `name`, a bucket's name). */
  literals?: NodeLiteral[];
  links?: PendingLink[];
}

/**
 * A standalone resource that contributes to one or more parents (a rule to a
 * security group, a policy to roles, an association to a subnet). `apply`
 * merges its contribution onto each resolved parent and returns any links it
 * adds; a parent that cannot be resolved leaves the facet in `unresolved`.
 */
export interface Facet {
  id: string;
  name: string;
  sourceType: string;
  range: SourceRange;
  exists: true | "unknown";
  /** The value naming the parent(s): a reference, a literal, or a list of them. */
  parent: Value;
  parentKinds: readonly NodeKind[];
  expects: "id" | "name" | "arn";
  /** `range`: the value that named this parent (one item of a list). */
  apply(parent: GraphNode, via: EdgeVia, range: SourceRange | undefined): PendingLink[];
}

export interface GraphSources {
  nodes: SourceNode[];
  facets?: Facet[];
}

export interface Linker {
  /** Resolves a value to the nodes it names, recording unresolved parts. */
  resolve(
    value: Value,
    targets: readonly NodeKind[],
    expects: PendingLink["expects"],
    externalOk?: (value: Value) => boolean,
  ): { found: { node: GraphNode; via: EdgeVia; range?: SourceRange }[]; unknowns: UnknownValue[] };
}

export function buildGraph(input: GraphSources | readonly SourceNode[]): Graph {
  const sources: GraphSources = Array.isArray(input)
    ? { nodes: [...(input as readonly SourceNode[])] }
    : (input as GraphSources);
  const nodes: GraphNode[] = sources.nodes.map((s) => s.node);
  const byId = new Map<string, SourceNode>();
  for (const source of sources.nodes) byId.set(source.node.id, source);
  const literals = new Map<string, GraphNode[]>();
  for (const source of sources.nodes) {
    for (const literal of source.literals ?? []) {
      const key = literalKey(source.node.kind, literal.kind, literal.value);
      const list = literals.get(key);
      if (list) list.push(source.node);
      else literals.set(key, [source.node]);
    }
  }
  const edges: Edge[] = [];
  const unresolved: Unresolved[] = [];
  const edgeKeys = new Set<string>();
  const addEdge = (edge: Edge) => {
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}\u0000${edge.facet ?? ""}\u0000${edge.range ? `${edge.range.file}:${edge.range.start.offset}` : ""}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push(edge);
  };

  // A VPC's main route table, once known: declared (`main-route-table` edge) or implicit.
  const mainTables = new Map<string, string>();

  // A VPC's default security group: the one a resource manages (`aws_default_security_group`,
  // found by its `vpc_id` reference), else made on first reference with AWS's default rules.
  const defaultGroups = new Map<string, SecurityGroupNode>();
  for (const source of sources.nodes) {
    const group = source.node;
    if (group.kind !== "security-group" || !group.isDefault) continue;
    const vpcRef =
      group.vpcId?.value.kind === "unknown" && group.vpcId.value.refs.length === 1
        ? group.vpcId.value.refs[0]!.resource
        : undefined;
    if (vpcRef !== undefined && !defaultGroups.has(vpcRef)) defaultGroups.set(vpcRef, group);
  }
  const defaultSecurityGroup = (vpc: VpcNode): SecurityGroupNode => {
    const existing = defaultGroups.get(vpc.id);
    if (existing) return existing;
    const group = implicitDefaultSecurityGroup(vpc);
    defaultGroups.set(vpc.id, group);
    nodes.push(group);
    byId.set(group.id, { node: group, refYields: {} });
    addEdge({ from: group.id, to: vpc.id, kind: "in-vpc", via: "reference", exists: vpc.exists });
    addEdge({ from: group.id, to: group.id, kind: "sg-rule-peer", via: "reference", exists: vpc.exists });
    return group;
  };

  const resolveOne = (
    value: Value,
    targets: readonly NodeKind[],
    expects: PendingLink["expects"],
    externalOk: ((value: Value) => boolean) | undefined,
    out: { found: { node: GraphNode; via: EdgeVia; range?: SourceRange }[]; unknowns: UnknownValue[] },
  ): void => {
    if (value.kind === "list") {
      for (const item of value.items) resolveOne(item, targets, expects, externalOk, out);
      return;
    }
    if (value.kind === "null") return;
    if (value.kind === "unknown" && value.every) {
      // A collection of unknown length: it names what its every element names (and the
      // rules that need the number of elements read that from the value itself).
      const every = value.every.range ? value.every : { ...value.every, range: value.range };
      resolveOne(every, targets, expects, externalOk, out);
      return;
    }
    if (value.kind === "unknown") {
      const candidates = new Map<string, { node: GraphNode; via: EdgeVia }>();
      for (const ref of value.refs) {
        const hit = resolveRef(ref, targets, expects);
        if (hit) candidates.set(hit.node.id, hit);
      }
      if (candidates.size === 1) {
        const [hit] = candidates.values();
        out.found.push({ ...hit!, range: value.range });
      } else if (candidates.size > 1) {
        out.unknowns.push(
          unknown(
            value.reason === "COMPUTED" ? "DYNAMIC" : value.reason,
            `The value may name any of ${[...candidates.values()].map((c) => c.node.name).join(", ")}, depending on something not known statically.`,
            { refs: value.refs, range: value.range },
          ),
        );
      } else if (!externalOk?.(value)) out.unknowns.push(value);
      return;
    }
    if (value.kind === "string") {
      const referenced = value.from ? resolveRef(value.from, targets, expects) : undefined;
      if (referenced) {
        out.found.push({ ...referenced, range: value.range });
        return;
      }
      const matched = matchLiteral(value.value, targets, expects);
      if (matched.length > 0) {
        for (const m of matched) out.found.push({ ...m, range: value.range });
        return;
      }
      if (externalOk?.(value)) return;
      out.unknowns.push(unknown("EXTERNAL_ID", `${value.value} is not declared in the scan.`, { range: value.range }));
      return;
    }
    out.unknowns.push(
      unknown("UNSUPPORTED", `Expected a reference or an identifier, found a ${value.kind}.`, { range: value.range }),
    );
  };

  const resolveRef = (
    ref: ResourceRef,
    targets: readonly NodeKind[],
    expects: PendingLink["expects"],
  ): { node: GraphNode; via: EdgeVia } | undefined => {
    const source = byId.get(ref.resource);
    if (!source) return undefined;
    if (ref.attribute === NODE_ITSELF)
      return targets.includes(source.node.kind) ? { node: source.node, via: "reference" } : undefined;
    const yielded = source.refYields[ref.attribute ?? ""];
    if (yielded === undefined) return undefined;
    // Naming a VPC's default child names the VPC too (`aws_default_route_table.default_route_table_id`).
    if (
      (yielded === "main-route-table" || yielded === "owned-default" || yielded === "default-security-group") &&
      targets.includes("vpc")
    ) {
      return { node: source.node, via: "reference" };
    }
    if (yielded === "default-security-group") {
      const group =
        source.node.kind === "vpc" && targets.includes("security-group")
          ? defaultSecurityGroup(source.node)
          : undefined;
      return group ? { node: group, via: "reference" } : undefined;
    }
    if (yielded === "owned-default") return undefined;
    if (yielded === "main-route-table") {
      const table = mainTables.get(source.node.id);
      const node = table === undefined ? undefined : byId.get(table)?.node;
      return node && targets.includes(node.kind) ? { node, via: "reference" } : undefined;
    }
    if ((yielded === "prefix-list-id") !== (expects === "prefix-list-id")) return undefined;
    if (yielded === "prefix-list-id")
      return targets.includes(source.node.kind) ? { node: source.node, via: "reference" } : undefined;
    if (!targets.includes(source.node.kind)) return undefined;
    return { node: source.node, via: yielded === "arn" && expects !== "arn" ? "reference-to-arn" : "reference" };
  };

  const matchLiteral = (
    literal: string,
    targets: readonly NodeKind[],
    expects: PendingLink["expects"],
  ): { node: GraphNode; via: EdgeVia }[] => {
    const out: { node: GraphNode; via: EdgeVia }[] = [];
    for (const kind of targets) {
      const name = expects === "arn" ? nameFromArn(kind, literal) : literal;
      if (name !== undefined)
        for (const node of literals.get(literalKey(kind, "name", name)) ?? []) out.push({ node, via: "literal-name" });
      for (const node of literals.get(literalKey(kind, "id", literal)) ?? []) out.push({ node, via: "literal-id" });
    }
    return out;
  };

  const linker: Linker = {
    resolve(value, targets, expects, externalOk) {
      const out = {
        found: [] as { node: GraphNode; via: EdgeVia; range?: SourceRange }[],
        unknowns: [] as UnknownValue[],
      };
      resolveOne(value, targets, expects, externalOk, out);
      return out;
    },
  };

  const runLink = (link: PendingLink) => {
    const { found, unknowns } = linker.resolve(link.value, link.targets, link.expects, link.externalOk);
    for (const hit of found) {
      addEdge({
        from: link.from,
        to: hit.node.id,
        kind: link.kind,
        via: hit.via === "reference" && link.via ? link.via : hit.via,
        range: hit.range,
        ...(link.facet ? { facet: link.facet } : {}),
        exists: link.exists,
      });
      link.onResolve?.(hit.node, hit.via);
    }
    for (const value of unknowns)
      unresolved.push({ from: link.from, kind: link.kind, value, reason: value.reason, range: value.range });
  };

  const links: PendingLink[] = sources.nodes.flatMap((s) => s.links ?? []);
  const applyFacet = (facet: Facet) => {
    const { found, unknowns } = linker.resolve(facet.parent, facet.parentKinds, facet.expects);
    for (const hit of found) for (const link of facet.apply(hit.node, hit.via, hit.range)) links.push(link);
    for (const value of unknowns) {
      unresolved.push({
        from: facet.id,
        kind: "facet",
        value,
        reason: value.reason,
        name: facet.name,
        sourceType: facet.sourceType,
        parentKinds: [...facet.parentKinds],
        range: facet.range,
      });
    }
  };
  // Facets of VPCs first (main route table associations among them), then the main route
  // tables, so that anything naming a table through `main_route_table_id` finds it.
  const [vpcFacets, otherFacets] = partition(
    sources.facets ?? [],
    (f) => f.parentKinds.length === 1 && f.parentKinds[0] === "vpc",
  );
  for (const facet of vpcFacets) applyFacet(facet);
  const [mainLinks] = partition(links, (l) => l.kind === "main-route-table");
  for (const link of mainLinks) runLink(link);
  for (const edge of edges)
    if (edge.kind === "main-route-table" && !mainTables.has(edge.from)) mainTables.set(edge.from, edge.to);
  for (const vpc of [...nodes]) {
    if (vpc.kind !== "vpc" || !vpc.mainRouteTableNameable || mainTables.has(vpc.id)) continue;
    const table = implicitMainRouteTable(vpc);
    nodes.push(table);
    byId.set(table.id, { node: table, refYields: {} });
    mainTables.set(vpc.id, table.id);
    addEdge({ from: vpc.id, to: table.id, kind: "main-route-table", via: "reference", exists: vpc.exists });
    addEdge({ from: table.id, to: vpc.id, kind: "in-vpc", via: "reference", exists: vpc.exists });
  }
  const done = new Set<PendingLink>(mainLinks);
  for (const facet of otherFacets) applyFacet(facet);
  for (const link of links) if (!done.has(link) && link.kind !== "main-route-table") runLink(link);
  for (const link of links) if (!done.has(link) && link.kind === "main-route-table") runLink(link);

  return { nodes, edges, unresolved };
}

/**
 * The default security group AWS creates with a VPC, as AWS sets it up: all
 * traffic in from members of the group, all traffic out. (Terraform's
 * `aws_default_security_group` replaces these rules; it is then a node of its own.)
 */
function implicitDefaultSecurityGroup(vpc: VpcNode): SecurityGroupNode {
  const id = `${vpc.id}#default-security-group`;
  const base = { range: vpc.range, cidrIpv4: [], cidrIpv6: [], prefixListIds: [], exists: vpc.exists };
  return {
    kind: "security-group",
    id,
    name: `${vpc.name} (default security group)`,
    range: vpc.range,
    sourceType: vpc.sourceType,
    exists: vpc.exists,
    ...(vpc.moduleCalls ? { moduleCalls: vpc.moduleCalls } : {}),
    implicit: "default-security-group",
    isDefault: true,
    rules: [
      {
        ...base,
        direction: "ingress",
        protocol: str("-1"),
        peerGroups: [{ value: str(id), self: true, node: id }],
        implicit: "default-ingress",
      },
      {
        ...base,
        direction: "egress",
        protocol: str("-1"),
        cidrIpv4: [str("0.0.0.0/0")],
        peerGroups: [],
        implicit: "default-egress",
      },
    ],
    unknownRules: [],
  };
}

/**
 * The main route table AWS creates with a VPC, when the configuration declares
 * none but can name it: only the local route.
 */
function implicitMainRouteTable(vpc: VpcNode): RouteTableNode {
  return {
    kind: "route-table",
    id: `${vpc.id}#main-route-table`,
    name: `${vpc.name} (main route table)`,
    range: vpc.range,
    sourceType: vpc.sourceType,
    exists: vpc.exists,
    ...(vpc.moduleCalls ? { moduleCalls: vpc.moduleCalls } : {}),
    implicit: "main-route-table",
    routes: [],
    unknownRoutes: [],
  };
}

const literalKey = (kind: NodeKind, literalKind: NodeLiteral["kind"], value: string) =>
  `${kind}\u0000${literalKind}\u0000${value}`;

/** The name inside an ARN of the given kind of node: a role's or policy's name (last path segment), a bucket's name. */
export function nameFromArn(kind: NodeKind, arn: string): string | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const resource = parts.slice(5).join(":");
  switch (kind) {
    case "iam-role":
      return resource.startsWith("role/") ? resource.slice(resource.lastIndexOf("/") + 1) : undefined;
    case "iam-policy":
      // AWS-managed policies (account `aws`) are never the customer's policies.
      return parts[4] !== "aws" && resource.startsWith("policy/")
        ? resource.slice(resource.lastIndexOf("/") + 1)
        : undefined;
    case "s3-bucket":
      return parts[2] === "s3" && !resource.includes("/") ? resource : undefined;
    case "model":
      return resource.startsWith("model/") ? resource.slice("model/".length) : undefined;
    default:
      return undefined;
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
