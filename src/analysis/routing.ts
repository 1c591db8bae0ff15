/**
 * Routing facts for the rules (SMBT005, SMBT006, SMBT014): a subnet's
 * effective route table, where its default route goes, and which gateway
 * endpoints it reaches. Provider-neutral inputs; the graph adapts its nodes
 * to them.
 */

export type RouteTargetKind = "nat-gateway" | "internet-gateway" | "vpc-endpoint" | "transit" | "other" | "unknown";

export interface RouteTarget {
  kind: RouteTargetKind;
  id?: string;
  /** NAT gateways: `private` NAT gateways have no internet access (VPC User Guide, "NAT gateways"). */
  connectivity?: "public" | "private";
}

export interface RouteFacts {
  /** An IPv4/IPv6 CIDR, a prefix-list id, or "unknown". */
  destination: string | "unknown";
  target: RouteTarget;
}

export interface RouteTableFacts {
  id: string;
  vpcId?: string | "unknown";
  routes: RouteFacts[];
  /** This is its VPC's main route table. */
  isMain?: boolean;
  /** False when some routes of the table may be declared outside the scan or are Unknown in number (e.g. a dynamic block). */
  routesComplete?: boolean;
}

export interface SubnetAssociationFacts {
  subnetId: string;
  routeTableId: string | "unknown";
}

export interface SubnetFacts {
  id: string;
  vpcId?: string | "unknown";
}

/** An explicit main-table designation (e.g. `aws_main_route_table_association`). */
export interface MainRouteTableFacts {
  vpcId: string;
  routeTableId: string | "unknown";
}

export interface RoutingFacts {
  routeTables: RouteTableFacts[];
  associations: SubnetAssociationFacts[];
  subnets?: SubnetFacts[];
  mainRouteTables?: MainRouteTableFacts[];
}

export type EffectiveRouteTable =
  | { table: RouteTableFacts; main?: false }
  /** The subnet has no explicit association and uses its VPC's main table; `table` when that table is known. */
  | { main: true; table?: RouteTableFacts }
  | { unknown: string };

function mainTableOf(vpcId: string | "unknown" | undefined, facts: RoutingFacts): RouteTableFacts | undefined {
  if (vpcId === undefined || vpcId === "unknown") return undefined;
  const designated = (facts.mainRouteTables ?? []).filter((m) => m.vpcId === vpcId);
  if (designated.length === 1 && designated[0]?.routeTableId !== "unknown") {
    const id = designated[0]?.routeTableId;
    return facts.routeTables.find((t) => t.id === id);
  }
  if (designated.length > 0) return undefined;
  const flagged = facts.routeTables.filter((t) => t.isMain === true && t.vpcId === vpcId);
  return flagged.length === 1 ? flagged[0] : undefined;
}

/**
 * The route table a subnet uses: its explicit association, else its VPC's
 * main route table (VPC User Guide, "Configure route tables": "a subnet that
 * is not explicitly associated with any route table is implicitly associated
 * with the main route table"). A subnet can have only one association.
 */
export function effectiveRouteTable(subnetId: string, facts: RoutingFacts): EffectiveRouteTable {
  const associations = facts.associations.filter((a) => a.subnetId === subnetId);
  if (associations.some((a) => a.routeTableId === "unknown")) {
    return { unknown: `the route table associated with subnet ${subnetId} is Unknown` };
  }
  const ids = [...new Set(associations.map((a) => a.routeTableId))];
  if (ids.length > 1) {
    return {
      unknown: `subnet ${subnetId} has conflicting route table associations (${ids.join(", ")}); AWS allows one`,
    };
  }
  const id = ids[0];
  if (id !== undefined) {
    const table = facts.routeTables.find((t) => t.id === id);
    return table ? { table } : { unknown: `route table ${id} associated with subnet ${subnetId} is not in the scan` };
  }
  const subnet = facts.subnets?.find((s) => s.id === subnetId);
  const table = mainTableOf(subnet?.vpcId, facts);
  return table ? { main: true, table } : { main: true };
}

export type DefaultRoute =
  | {
      kind: "nat-gateway" | "internet-gateway" | "vpc-endpoint" | "transit" | "other";
      id?: string;
      connectivity?: "public" | "private";
    }
  | { kind: "none" }
  | { kind: "unknown"; reason: string };

const DEFAULT_DESTINATION = "0.0.0.0/0";

/**
 * Where the table sends IPv4 internet-bound traffic: the target of its
 * `0.0.0.0/0` route, `none` when it has none (only the local route), or
 * `unknown` when a route's destination or target, or the route list, is
 * Unknown.
 */
export function defaultRouteTarget(table: RouteTableFacts): DefaultRoute {
  const defaults = table.routes.filter((r) => r.destination.trim() === DEFAULT_DESTINATION);
  const targets = new Set(defaults.map((r) => `${r.target.kind}:${r.target.id ?? ""}`));
  if (targets.size > 1) return { kind: "unknown", reason: `route table ${table.id} has more than one 0.0.0.0/0 route` };
  const route = defaults[0];
  if (route) {
    const target = route.target;
    if (target.kind === "unknown")
      return { kind: "unknown", reason: `the target of the 0.0.0.0/0 route of ${table.id} is Unknown` };
    const out: DefaultRoute = { kind: target.kind };
    if (target.id !== undefined) out.id = target.id;
    if (target.connectivity !== undefined) out.connectivity = target.connectivity;
    return out;
  }
  if (table.routes.some((r) => r.destination === "unknown")) {
    return { kind: "unknown", reason: `a route of ${table.id} has an Unknown destination (it may be 0.0.0.0/0)` };
  }
  if (table.routesComplete === false) return { kind: "unknown", reason: `not all routes of ${table.id} are known` };
  return { kind: "none" };
}

/** Every NAT and internet gateway the table routes any destination to. */
export function gatewaysReached(table: RouteTableFacts): RouteTarget[] {
  const seen = new Set<string>();
  const out: RouteTarget[] = [];
  for (const route of table.routes) {
    if (route.target.kind !== "nat-gateway" && route.target.kind !== "internet-gateway") continue;
    const key = `${route.target.kind}:${route.target.id ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(route.target);
  }
  return out;
}

/** A gateway endpoint's route tables: `route_table_ids`, endpoint–route-table associations, CFN `RouteTableIds`. */
export interface EndpointRouteTablesFacts {
  endpointId: string;
  /** "unknown" when the list itself is Unknown; Unknown elements as "unknown". */
  routeTableIds: (string | "unknown")[] | "unknown";
}

export type Reach = "yes" | "no" | "unknown";

/**
 * Does the table reach the gateway endpoint? It does when the endpoint lists
 * the table (AWS adds the endpoint's prefix-list route to each listed table —
 * VPC User Guide, "Gateway endpoints": routing), or when the table already
 * has a route to the endpoint.
 */
export function reachesEndpoint(table: RouteTableFacts | string, endpoint: EndpointRouteTablesFacts): Reach {
  const tableId = typeof table === "string" ? table : table.id;
  if (
    typeof table !== "string" &&
    table.routes.some((r) => r.target.kind === "vpc-endpoint" && r.target.id === endpoint.endpointId)
  ) {
    return "yes";
  }
  if (endpoint.routeTableIds === "unknown") return "unknown";
  if (endpoint.routeTableIds.includes(tableId)) return "yes";
  return endpoint.routeTableIds.includes("unknown") ? "unknown" : "no";
}

/** Which of the endpoints the table reaches, and which it may reach. */
export function endpointsReached(
  table: RouteTableFacts | string,
  endpoints: EndpointRouteTablesFacts[],
): { reached: string[]; unknown: string[] } {
  const reached: string[] = [];
  const unknown: string[] = [];
  for (const endpoint of endpoints) {
    const reach = reachesEndpoint(table, endpoint);
    if (reach === "yes") reached.push(endpoint.endpointId);
    else if (reach === "unknown") unknown.push(endpoint.endpointId);
  }
  return { reached, unknown };
}
