/**
 * Querying the graph: one index over nodes, edges and unresolved links, built
 * once, and the questions rules ask ("which subnets does this model use?").
 * Every query returns what it found plus the Unknowns it met (`Resolved`), so a
 * rule can be three-valued: pass, fail, or cannot tell.
 */
import { unknown, type UnknownValue, type Value } from "../core/value.js";
import type {
  AttachedPolicyArn,
  Edge,
  EdgeKind,
  Graph,
  GraphNode,
  IamPolicyNode,
  IamRoleNode,
  InlinePolicy,
  ModelNode,
  NodeKind,
  NodeOfKind,
  RouteTableNode,
  SubnetNode,
  Unresolved,
} from "./types.js";

/** Nodes a query found (each with the edge that led to it, when there is one) and the Unknowns it met. */
export interface Resolved<T extends GraphNode> {
  found: { node: T; edge?: Edge }[];
  unknowns: UnknownValue[];
}

export interface GraphIndex {
  graph: Graph;
  node(id: string): GraphNode | undefined;
  nodesOfKind<K extends NodeKind>(kind: K): NodeOfKind<K>[];
  /** Nodes of a kind declared in one Terraform module instance or CloudFormation template (`declaredIn`). */
  nodesDeclaredIn<K extends NodeKind>(kind: K, unit: string): NodeOfKind<K>[];
  outgoing(id: string, kind?: EdgeKind): Edge[];
  incoming(id: string, kind?: EdgeKind): Edge[];
  /** Links from a node (or facet) that could not be followed. */
  unresolvedFrom(id: string, kind?: Unresolved["kind"]): Unresolved[];
  /**
   * Standalone resources (rules, routes, associations, attachments, policies)
   * whose parent could not be resolved and that may belong to a node of this
   * kind: a rule about such a node cannot be sure it has seen everything.
   */
  unresolvedFacets(kind: NodeKind): Unresolved[];
  /** Nodes of a kind whose known name (model name, bucket name, role name, policy name) is `name`. */
  nodesNamed<K extends NodeKind>(kind: K, name: string): NodeOfKind<K>[];

  /** The models a transform job runs (`uses-model`). */
  modelsOfJob(jobId: string): Resolved<ModelNode>;
  subnetsOfModel(model: ModelNode): Resolved<SubnetNode>;
  securityGroupsOfModel(model: ModelNode): Resolved<NodeOfKind<"security-group">>;
  executionRoleOf(model: ModelNode): Resolved<IamRoleNode>;
  /** The VPC of a subnet, security group, route table, endpoint, gateway or network ACL. */
  vpcOf(node: GraphNode): Resolved<NodeOfKind<"vpc">>;
  /**
   * The route table a subnet uses: its explicit association, else its VPC's
   * main route table. A main table the configuration cannot name
   * (CloudFormation) is an Unknown.
   */
  routeTableOfSubnet(subnet: SubnetNode): Resolved<RouteTableNode>;
  /** Endpoints in the VPC; an endpoint whose VPC is unknown is an Unknown (it may be in this one). */
  endpointsOfVpc(vpcId: string): Resolved<NodeOfKind<"vpc-endpoint">>;
  routeTablesOfEndpoint(endpointId: string): Resolved<RouteTableNode>;
  /** The network ACL a subnet uses: explicit association, else the VPC's declared default ACL; none found = AWS's default ACL (allow all). */
  networkAclOfSubnet(subnet: SubnetNode): Resolved<NodeOfKind<"network-acl">>;
  dhcpOptionsOfVpc(vpcId: string): Resolved<NodeOfKind<"dhcp-options">>;
  /** Everything that grants a role permissions. */
  rolePolicies(role: IamRoleNode): RolePolicies;
  /** The bucket an `s3://bucket/key` URI or bucket ARN names. */
  bucketOfS3Uri(value: Value): Resolved<NodeOfKind<"s3-bucket">>;
}

export interface RolePolicies {
  inline: InlinePolicy[];
  /** Inline policy lists that could not be determined. */
  unknownInline: UnknownValue[];
  /** Every managed policy ARN attached (AWS-managed literals included). */
  managedArns: AttachedPolicyArn[];
  /** The customer-managed policies among them that are declared in the scan. */
  attached: { node: IamPolicyNode; edge: Edge }[];
  /** The boundary policy when declared in the scan; `role.permissionsBoundary` holds the ARN either way. */
  boundary: { node: IamPolicyNode; edge: Edge }[];
  unknowns: UnknownValue[];
}

export function indexGraph(graph: Graph): GraphIndex {
  const byId = new Map<string, GraphNode>();
  const byKind = new Map<NodeKind, GraphNode[]>();
  const byName = new Map<string, GraphNode[]>();
  const from = new Map<string, Edge[]>();
  const to = new Map<string, Edge[]>();
  const unresolved = new Map<string, Unresolved[]>();
  const push = <T>(map: Map<string, T[]>, key: string, item: T) => {
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  };
  for (const node of graph.nodes) {
    byId.set(node.id, node);
    const list = byKind.get(node.kind);
    if (list) list.push(node);
    else byKind.set(node.kind, [node]);
    const name = knownName(node);
    if (name !== undefined) push(byName, `${node.kind}\u0000${name}`, node);
  }
  for (const edge of graph.edges) {
    push(from, edge.from, edge);
    push(to, edge.to, edge);
  }
  for (const entry of graph.unresolved) push(unresolved, entry.from, entry);
  let facetsByKind: Map<NodeKind, Unresolved[]> | undefined;
  const facets = (): Map<NodeKind, Unresolved[]> => {
    facetsByKind ??= groupFacets(graph.unresolved);
    return facetsByKind;
  };
  // Built on first use: only suggested fixes ask, and per finding (a scan over every node each time would be quadratic).
  let byUnit: Map<string, GraphNode[]> | undefined;
  const declaredIn = (): Map<string, GraphNode[]> => {
    if (byUnit) return byUnit;
    byUnit = new Map();
    for (const node of graph.nodes)
      if (node.declaredIn !== undefined) push(byUnit, `${node.kind}\u0000${node.declaredIn}`, node);
    return byUnit;
  };
  // Computed once: every VPC's endpoint query reports them, and a scan may hold thousands of VPCs.
  let unknownVpcEndpoints: UnknownValue[] | undefined;
  const endpointsOfUnknownVpc = (): UnknownValue[] =>
    (unknownVpcEndpoints ??= graph.unresolved
      .filter((u) => u.kind === "in-vpc" && byId.get(u.from)?.kind === "vpc-endpoint")
      .map((u) => u.value));
  const filter = (edges: Edge[] | undefined, kind?: EdgeKind) =>
    (edges ?? []).filter((e) => kind === undefined || e.kind === kind);

  const index: GraphIndex = {
    graph,
    node: (id) => byId.get(id),
    nodesOfKind: <K extends NodeKind>(kind: K) => (byKind.get(kind) ?? []) as NodeOfKind<K>[],
    nodesDeclaredIn: <K extends NodeKind>(kind: K, unit: string) =>
      (declaredIn().get(`${kind}\u0000${unit}`) ?? []) as NodeOfKind<K>[],
    outgoing: (id, kind) => filter(from.get(id), kind),
    incoming: (id, kind) => filter(to.get(id), kind),
    unresolvedFrom: (id, kind) => (unresolved.get(id) ?? []).filter((u) => kind === undefined || u.kind === kind),
    unresolvedFacets: (kind) => facets().get(kind) ?? [],
    nodesNamed: <K extends NodeKind>(kind: K, name: string) =>
      (byName.get(`${kind}\u0000${name}`) ?? []) as NodeOfKind<K>[],

    modelsOfJob: (jobId) => follow(index, jobId, "uses-model", "model"),
    subnetsOfModel: (model) => withBlock(model, follow(index, model.id, "in-subnet", "subnet")),
    securityGroupsOfModel: (model) => withBlock(model, follow(index, model.id, "has-security-group", "security-group")),
    executionRoleOf: (model) => follow(index, model.id, "execution-role", "iam-role"),
    vpcOf: (node) => follow(index, node.id, "in-vpc", "vpc"),

    routeTableOfSubnet(subnet) {
      const explicit = follow(index, subnet.id, "associated-route-table", "route-table");
      if (explicit.found.length > 0 || explicit.unknowns.length > 0) return explicit;
      const vpcs = index.vpcOf(subnet);
      const result: Resolved<RouteTableNode> = { found: [], unknowns: [...vpcs.unknowns] };
      for (const { node: vpc } of vpcs.found) {
        const main = follow(index, vpc.id, "main-route-table", "route-table");
        result.found.push(...main.found);
        result.unknowns.push(...main.unknowns);
        if (main.found.length === 0 && main.unknowns.length === 0) {
          result.unknowns.push(
            unknown(
              "COMPUTED",
              `${subnet.name} has no explicit route table association, so it uses the main route table of ${vpc.name}, which the configuration cannot name.`,
              { range: subnet.range },
            ),
          );
        }
      }
      return result;
    },

    endpointsOfVpc(vpcId) {
      const result: Resolved<NodeOfKind<"vpc-endpoint">> = { found: [], unknowns: [] };
      for (const edge of index.incoming(vpcId, "in-vpc")) {
        const node = byId.get(edge.from);
        if (node?.kind === "vpc-endpoint") result.found.push({ node, edge });
      }
      result.unknowns.push(...endpointsOfUnknownVpc());
      return result;
    },

    routeTablesOfEndpoint: (endpointId) => follow(index, endpointId, "endpoint-route-table", "route-table"),

    networkAclOfSubnet(subnet) {
      const explicit = follow(index, subnet.id, "network-acl", "network-acl");
      if (explicit.found.length > 0 || explicit.unknowns.length > 0) return explicit;
      const vpcs = index.vpcOf(subnet);
      const result: Resolved<NodeOfKind<"network-acl">> = { found: [], unknowns: [...vpcs.unknowns] };
      for (const { node: vpc } of vpcs.found) {
        for (const edge of index.incoming(vpc.id, "in-vpc")) {
          const node = byId.get(edge.from);
          if (node?.kind === "network-acl" && node.isDefault) result.found.push({ node, edge });
        }
      }
      return result;
    },

    dhcpOptionsOfVpc: (vpcId) => follow(index, vpcId, "dhcp-options", "dhcp-options"),

    rolePolicies(role) {
      const attached = follow(index, role.id, "attached-policy", "iam-policy");
      const boundary = follow(index, role.id, "permissions-boundary", "iam-policy");
      return {
        inline: role.inlinePolicies,
        unknownInline: role.unknownInlinePolicies,
        managedArns: role.managedPolicyArns,
        attached: attached.found.map((f) => ({ node: f.node, edge: f.edge! })),
        boundary: boundary.found.map((f) => ({ node: f.node, edge: f.edge! })),
        unknowns: [...attached.unknowns, ...boundary.unknowns],
      };
    },

    bucketOfS3Uri(value) {
      const result: Resolved<NodeOfKind<"s3-bucket">> = { found: [], unknowns: [] };
      if (value.kind === "string") {
        const name = bucketNameOf(value.value);
        if (name === undefined) {
          result.unknowns.push(
            unknown("UNSUPPORTED", `${value.value} is not an S3 URI or bucket ARN.`, { range: value.range }),
          );
          return result;
        }
        const nodes = index.nodesNamed("s3-bucket", name);
        for (const node of nodes) result.found.push({ node });
        if (nodes.length === 0)
          result.unknowns.push(
            unknown("EXTERNAL_ID", `Bucket ${name} is not declared in the scan.`, { range: value.range }),
          );
        return result;
      }
      if (value.kind === "unknown") {
        // `s3://${aws_s3_bucket.d.bucket}/out`, `!Sub s3://${Data}/out`, a bucket ARN reference.
        const prefix = value.prefix ?? "";
        const startsAtBucket = prefix === "s3://" || prefix === "" || prefix === "arn:aws:s3:::";
        const buckets = new Set<string>();
        if (startsAtBucket)
          for (const ref of value.refs) if (byId.get(ref.resource)?.kind === "s3-bucket") buckets.add(ref.resource);
        if (buckets.size === 1) {
          const node = byId.get([...buckets][0]!) as NodeOfKind<"s3-bucket">;
          result.found.push({ node });
          return result;
        }
        if (prefix.startsWith("s3://") && prefix.length > 5) {
          const name = prefix.slice(5).split("/")[0]!;
          if (prefix.slice(5).includes("/")) {
            for (const node of index.nodesNamed("s3-bucket", name)) result.found.push({ node });
            if (result.found.length > 0) return result;
          }
        }
        result.unknowns.push(value);
        return result;
      }
      result.unknowns.push(
        unknown("UNSUPPORTED", `Expected an S3 URI, found a ${value.kind}.`, { range: value.range }),
      );
      return result;
    },
  };
  return index;
}

function groupFacets(unresolved: readonly Unresolved[]): Map<NodeKind, Unresolved[]> {
  const out = new Map<NodeKind, Unresolved[]>();
  for (const entry of unresolved) {
    if (entry.kind !== "facet") continue;
    for (const kind of entry.parentKinds ?? []) {
      const list = out.get(kind);
      if (list) list.push(entry);
      else out.set(kind, [entry]);
    }
  }
  return out;
}

/** Targets of a node's edges of one kind, plus the Unknowns the same link met. */
function follow<K extends NodeKind>(
  index: GraphIndex,
  id: string,
  kind: EdgeKind,
  targetKind: K,
): Resolved<NodeOfKind<K>> {
  const result: Resolved<NodeOfKind<K>> = { found: [], unknowns: [] };
  for (const edge of index.outgoing(id, kind)) {
    const node = index.node(edge.to);
    if (node?.kind === targetKind) result.found.push({ node: node as NodeOfKind<K>, edge });
  }
  for (const u of index.unresolvedFrom(id, kind)) result.unknowns.push(u.value);
  // A node that declares less than its source (`incomplete`) may have the link in the part not read.
  const from = index.node(id);
  if (from?.incomplete && result.found.length === 0 && result.unknowns.length === 0)
    result.unknowns.push(unknown("UNSUPPORTED", from.incomplete, { range: from.range }));
  return result;
}

/** A model whose whole VPC configuration is Unknown: every query about it meets that Unknown. */
function withBlock<T extends GraphNode>(model: ModelNode, result: Resolved<T>): Resolved<T> {
  if (model.vpcConfig?.block) result.unknowns.unshift(model.vpcConfig.block);
  return result;
}

function knownName(node: GraphNode): string | undefined {
  const value =
    node.kind === "model"
      ? node.modelName?.value
      : node.kind === "s3-bucket"
        ? node.bucketName?.value
        : node.kind === "iam-role"
          ? node.roleName?.value
          : node.kind === "iam-policy"
            ? node.policyName?.value
            : undefined;
  return value?.kind === "string" ? value.value : undefined;
}

/** `s3://bucket/key` → `bucket`; `arn:aws:s3:::bucket[/key]` → `bucket`. */
export function bucketNameOf(text: string): string | undefined {
  const match = /^s3:\/\/([^/]+)/.exec(text) ?? /^arn:[^:]+:s3:::([^/]+)/.exec(text);
  return match?.[1];
}
