import { describe, expect, it } from "vitest";
import {
  defaultRouteTarget,
  effectiveRouteTable,
  endpointsReached,
  gatewaysReached,
  reachesEndpoint,
  type RouteTableFacts,
  type RoutingFacts,
} from "../../src/analysis/routing.js";

const privateRt: RouteTableFacts = {
  id: "rt-private",
  vpcId: "vpc-1",
  routes: [
    { destination: "10.0.0.0/16", target: { kind: "other", id: "local" } },
    { destination: "0.0.0.0/0", target: { kind: "nat-gateway", id: "nat-1", connectivity: "public" } },
  ],
};
const publicRt: RouteTableFacts = {
  id: "rt-public",
  vpcId: "vpc-1",
  routes: [{ destination: "0.0.0.0/0", target: { kind: "internet-gateway", id: "igw-1" } }],
};
const mainRt: RouteTableFacts = { id: "rt-main", vpcId: "vpc-1", routes: [], isMain: true };

const facts: RoutingFacts = {
  routeTables: [privateRt, publicRt, mainRt],
  associations: [
    { subnetId: "subnet-a", routeTableId: "rt-private" },
    { subnetId: "subnet-pub", routeTableId: "rt-public" },
    { subnetId: "subnet-x", routeTableId: "unknown" },
    { subnetId: "subnet-gone", routeTableId: "rt-elsewhere" },
  ],
  subnets: [
    { id: "subnet-a", vpcId: "vpc-1" },
    { id: "subnet-b", vpcId: "vpc-1" },
    { id: "subnet-c", vpcId: "unknown" },
  ],
};

describe("effectiveRouteTable", () => {
  it("explicit association", () => {
    expect(effectiveRouteTable("subnet-a", facts)).toEqual({ table: privateRt });
  });
  it("no association: the VPC's main table", () => {
    expect(effectiveRouteTable("subnet-b", facts)).toEqual({ main: true, table: mainRt });
  });
  it("main table designated explicitly wins over the flag", () => {
    const designated = { ...facts, mainRouteTables: [{ vpcId: "vpc-1", routeTableId: "rt-private" }] };
    expect(effectiveRouteTable("subnet-b", designated)).toEqual({ main: true, table: privateRt });
  });
  it("main table that cannot be named (CFN, or an Unknown VPC)", () => {
    expect(effectiveRouteTable("subnet-c", facts)).toEqual({ main: true });
    expect(effectiveRouteTable("subnet-b", { ...facts, routeTables: [privateRt] })).toEqual({ main: true });
  });
  it("Unknown, missing and conflicting associations", () => {
    expect(effectiveRouteTable("subnet-x", facts)).toHaveProperty("unknown");
    expect(effectiveRouteTable("subnet-gone", facts)).toEqual({
      unknown: "route table rt-elsewhere associated with subnet subnet-gone is not in the scan",
    });
    const conflicting = {
      ...facts,
      associations: [...facts.associations, { subnetId: "subnet-a", routeTableId: "rt-public" }],
    };
    expect(effectiveRouteTable("subnet-a", conflicting)).toHaveProperty("unknown");
    // The same association declared twice is not a conflict.
    const duplicated = {
      ...facts,
      associations: [...facts.associations, { subnetId: "subnet-a", routeTableId: "rt-private" }],
    };
    expect(effectiveRouteTable("subnet-a", duplicated)).toEqual({ table: privateRt });
  });
});

describe("defaultRouteTarget", () => {
  it("NAT, internet gateway, none", () => {
    expect(defaultRouteTarget(privateRt)).toEqual({ kind: "nat-gateway", id: "nat-1", connectivity: "public" });
    expect(defaultRouteTarget(publicRt)).toEqual({ kind: "internet-gateway", id: "igw-1" });
    expect(defaultRouteTarget(mainRt)).toEqual({ kind: "none" });
  });
  it("private NAT keeps its connectivity (SMBT014 d)", () => {
    const t: RouteTableFacts = {
      id: "rt",
      routes: [{ destination: "0.0.0.0/0", target: { kind: "nat-gateway", id: "nat-p", connectivity: "private" } }],
    };
    expect(defaultRouteTarget(t)).toEqual({ kind: "nat-gateway", id: "nat-p", connectivity: "private" });
  });
  it("unknown when a destination, the target or the route list is Unknown", () => {
    expect(
      defaultRouteTarget({ id: "rt", routes: [{ destination: "unknown", target: { kind: "nat-gateway", id: "n" } }] })
        .kind,
    ).toBe("unknown");
    expect(
      defaultRouteTarget({ id: "rt", routes: [{ destination: "0.0.0.0/0", target: { kind: "unknown" } }] }).kind,
    ).toBe("unknown");
    expect(defaultRouteTarget({ id: "rt", routes: [], routesComplete: false }).kind).toBe("unknown");
    const two: RouteTableFacts = {
      id: "rt",
      routes: [
        { destination: "0.0.0.0/0", target: { kind: "nat-gateway", id: "n" } },
        { destination: "0.0.0.0/0", target: { kind: "internet-gateway", id: "i" } },
      ],
    };
    expect(defaultRouteTarget(two).kind).toBe("unknown");
  });
  it("a known 0.0.0.0/0 route decides even beside Unknown destinations (one route per destination)", () => {
    const t: RouteTableFacts = {
      id: "rt",
      routes: [...publicRt.routes, { destination: "unknown", target: { kind: "transit", id: "tgw" } }],
    };
    expect(defaultRouteTarget(t)).toEqual({ kind: "internet-gateway", id: "igw-1" });
  });
});

describe("gateways and endpoints", () => {
  it("gatewaysReached", () => {
    expect(gatewaysReached(privateRt)).toEqual([{ kind: "nat-gateway", id: "nat-1", connectivity: "public" }]);
    expect(gatewaysReached(mainRt)).toEqual([]);
  });
  it("reachesEndpoint (RULES.md SMBT006 FAIL/PASS)", () => {
    // FAIL: endpoint lists the public table; the job subnet uses the private one.
    expect(reachesEndpoint(privateRt, { endpointId: "vpce-s3", routeTableIds: ["rt-public"] })).toBe("no");
    // PASS: an endpoint–route-table association adds the private table.
    expect(reachesEndpoint(privateRt, { endpointId: "vpce-s3", routeTableIds: ["rt-public", "rt-private"] })).toBe(
      "yes",
    );
    expect(reachesEndpoint("rt-private", { endpointId: "vpce-s3", routeTableIds: ["unknown"] })).toBe("unknown");
    expect(reachesEndpoint("rt-private", { endpointId: "vpce-s3", routeTableIds: "unknown" })).toBe("unknown");
    const routed: RouteTableFacts = {
      id: "rt-r",
      routes: [{ destination: "pl-63a5400a", target: { kind: "vpc-endpoint", id: "vpce-s3" } }],
    };
    expect(reachesEndpoint(routed, { endpointId: "vpce-s3", routeTableIds: [] })).toBe("yes");
  });
  it("endpointsReached", () => {
    expect(
      endpointsReached("rt-private", [
        { endpointId: "e1", routeTableIds: ["rt-private"] },
        { endpointId: "e2", routeTableIds: ["rt-public"] },
        { endpointId: "e3", routeTableIds: "unknown" },
      ]),
    ).toEqual({ reached: ["e1"], unknown: ["e3"] });
  });
});
