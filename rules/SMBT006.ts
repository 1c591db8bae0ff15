import type { Rule, RuleContext, RuleResult } from "./rule.js";
import type { UnknownValue } from "../src/core/value.js";
import type { ModelNode, RouteTableNode, SubnetNode, VpcEndpointNode } from "../src/graph/types.js";
import { displayName, modelsInScope } from "./common.js";
import { boolOf, endpointType, isS3Service, modelSubnets, modelVpcs, rangeOf, withModuleCalls } from "./network.js";

const help = `## The S3 gateway endpoint covers every job subnet's route table

**What.** For each subnet in the model's VPC configuration, its route table — the explicitly associated one, else the VPC's main route table — is among the S3 gateway endpoint's route tables (\`route_table_ids\`, \`aws_vpc_endpoint_route_table_association\`, \`RouteTableIds\`).

The finding is at the endpoint's route table list (or its header when it has none), once per uncovered route table, naming the subnets and models that use it. A VPC without an S3 gateway endpoint is SMBT005's finding, not this rule's; a VPC with an S3 *interface* endpoint with private DNS needs no routes and is not checked. A CloudFormation subnet with no explicit association uses the main route table, which a template cannot name: SMBT017 note.

**Why.** AWS: *"For Configure route tables, select the route tables to be used by the endpoint. The VPC service automatically adds a route to each route table you select that points any S3 traffic to the new endpoint."*

**How to fix.** Add the subnet's route table to the endpoint.

Terraform:

\`\`\`hcl
resource "aws_vpc_endpoint_route_table_association" "private" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  route_table_id  = aws_route_table.private.id
}
\`\`\`

CloudFormation:

\`\`\`yaml
S3Endpoint:
  Type: AWS::EC2::VPCEndpoint
  Properties:
    VpcId: !Ref MlVpc
    ServiceName: !Sub "com.amazonaws.\${AWS::Region}.s3"
    RouteTableIds: [!Ref PrivateRouteTable]   # the job subnets' table
\`\`\`
`;

export const SMBT006: Rule = {
  id: "SMBT006",
  title: "The S3 gateway endpoint covers every job subnet's route table",
  findingTitle: "Route table not covered by the S3 gateway endpoint",
  level: "error",
  summary: "The route table of each subnet of the model is one of the S3 gateway endpoint's route tables.",
  description:
    "A gateway endpoint works by adding a route to the route tables it is associated with. A subnet whose route table lacks that route cannot reach S3 through the endpoint.",
  help,
  securitySeverity: "7.0",
  precision: "high",
  fixable: ["terraform", "cloudformation"],
  check(context) {
    const { graph } = context;
    // Route table → the subnets (and their models) that use it and miss the endpoint.
    const missing = new Map<
      string,
      { table: RouteTableNode; endpoints: VpcEndpointNode[]; uses: { subnet: SubnetNode; model: ModelNode }[] }
    >();
    for (const { model } of modelsInScope(context)) {
      if (!model.vpcConfig || model.vpcConfig.block) continue;
      const subnets = modelSubnets(context, model);
      const vpcs = modelVpcs(context, model, subnets);
      for (const vpc of vpcs) {
        const endpoints = graph
          .endpointsOfVpc(vpc.id)
          .found.map((f) => f.node)
          .filter((e) => isS3Service(e) === "yes");
        const gateways = endpoints.filter((e) => endpointType(e) === "gateway");
        // An S3 interface endpoint with private DNS serves every subnet without routes; no gateway endpoint is SMBT005's finding.
        if (
          gateways.length === 0 ||
          endpoints.some((e) => endpointType(e) === "interface" && boolOf(e.privateDnsEnabled?.value) === true)
        )
          continue;
        for (const { node: subnet } of subnets) {
          if (!graph.vpcOf(subnet).found.some((f) => f.node.id === vpc.id)) continue;
          const tables = graph.routeTableOfSubnet(subnet);
          for (const u of tables.unknowns) {
            context.cannotVerify({
              unknown: u,
              what: `the route table of subnet ${subnet.name}`,
              range: u.range ?? subnet.range,
              resource: subnet.name,
            });
          }
          for (const { node: table } of tables.found) {
            const reach = reaches(context, table, gateways);
            if (reach.answer === "yes") continue;
            if (reach.answer === "unknown") {
              for (const u of reach.unknowns)
                context.cannotVerify({
                  unknown: u,
                  what: `the route tables of ${reach.endpoint.name}`,
                  range: u.range ?? reach.endpoint.range,
                  resource: reach.endpoint.name,
                });
              continue;
            }
            const entry = missing.get(table.id) ?? { table, endpoints: gateways, uses: [] };
            missing.set(table.id, entry);
            if (!entry.uses.some((u) => u.subnet.id === subnet.id && u.model.id === model.id))
              entry.uses.push({ subnet, model });
          }
        }
      }
    }
    const results: RuleResult[] = [];
    for (const { table, endpoints, uses } of missing.values()) {
      const endpoint = endpoints[0]!;
      const subnetList = [...new Set(uses.map((u) => displayName(u.subnet)))];
      const subnets = subnetList.join(", ");
      const models = [...new Set(uses.map((u) => u.model.name))].join(", ");
      const which =
        table.implicit === "main-route-table"
          ? `the main route table of its VPC (${table.name})`
          : `route table ${table.name}`;
      results.push({
        message: `${subnetList.length === 1 ? "Subnet" : "Subnets"} ${subnets} of model ${models} ${subnetList.length === 1 ? "uses" : "use"} ${which}, which is not among the route tables of S3 gateway endpoint ${endpoint.name}: the job's S3 traffic does not reach the endpoint.`,
        range: rangeOf(endpoint.routeTableIds, endpoint.range),
        resource: endpoint.name,
        related: [{ range: table.range, message: `${table.name}, used by ${subnets}` }],
        ...(table.implicit
          ? {}
          : {
              fix: {
                kind: "add-route-table" as const,
                node: endpoint.id,
                routeTable: table.id,
                description: `Add ${table.name} to the route tables of ${endpoint.name}`,
              },
            }),
      });
    }
    return withModuleCalls(context.graph, results);
  },
};

type Reach =
  | { answer: "yes" }
  | { answer: "no" }
  | { answer: "unknown"; endpoint: VpcEndpointNode; unknowns: UnknownValue[] };

/** Does some gateway endpoint cover the table (lists it, or the table routes to it)? */
function reaches(context: RuleContext, table: RouteTableNode, endpoints: VpcEndpointNode[]): Reach {
  const { graph } = context;
  let unknownReach: Reach | undefined;
  for (const endpoint of endpoints) {
    if (table.routes.some((r) => r.target.node === endpoint.id && r.exists === true)) return { answer: "yes" };
    const tables = graph.routeTablesOfEndpoint(endpoint.id);
    const edge = tables.found.find((f) => f.node.id === table.id);
    if (edge && edge.edge?.exists === true && endpoint.exists === true) return { answer: "yes" };
    if (edge)
      unknownReach ??= {
        answer: "unknown",
        endpoint,
        unknowns: [
          {
            kind: "unknown",
            reason: "DYNAMIC",
            detail: `Whether ${endpoint.name} is associated with ${table.name} depends on a condition or count that is not known statically.`,
            refs: [],
            range: edge.edge?.range ?? endpoint.range,
          },
        ],
      };
    // A facet whose endpoint could not be resolved may add this table to any endpoint.
    if (tables.unknowns.length > 0) unknownReach ??= { answer: "unknown", endpoint, unknowns: tables.unknowns };
  }
  return unknownReach ?? { answer: "no" };
}
