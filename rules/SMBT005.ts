import type { Rule, RuleContext, RuleResult } from "./rule.js";
import type { ModelNode, SubnetNode, VpcEndpointNode, VpcNode } from "../src/graph/types.js";
import type { UnknownValue } from "../src/core/value.js";
import type { FixIntent } from "../src/graph/fix-intent.js";
import { modelsInScope } from "./common.js";
import {
  boolOf,
  defaultRoute,
  defaultRouteUnknown,
  endpointType,
  endpointsWithUnknownVpc,
  existenceUnknown,
  isS3Service,
  modelSubnets,
  modelVpcs,
  withModuleCalls,
} from "./network.js";

const help = `## The model's VPC has a private path to S3

**What.** The subnets' VPC has an endpoint whose service name ends in \`.s3\` (not \`.s3express\`): a \`Gateway\` endpoint (the default type), or an \`Interface\` endpoint with private DNS. With none, a \`0.0.0.0/0\` route to a NAT gateway makes this a \`warning\` (traffic leaves the VPC); otherwise it is an \`error\`. Gateway endpoints reach buckets of the same Region only.

One finding per VPC, at the VPC's header. An endpoint whose service name or VPC is Unknown (it may be an S3 endpoint of this VPC) yields an SMBT017 note instead. When whether the subnets' default route goes to a NAT gateway cannot be determined (a CloudFormation subnet without an explicit route table association uses the main table, which the template cannot name), the missing endpoint is reported at the lower level, \`warning\`, with an SMBT017 note for the route.

**Why.** AWS: *"If you configure your VPC so that model containers don't have access to the internet, they can't connect to the Amazon S3 buckets that contain your data unless you create a VPC endpoint that allows access."*

**How to fix.** Add an S3 gateway endpoint to the VPC, on the route tables of the model's subnets.

When those route tables are declared in the module or template of the VPC, the finding carries this fix: a new endpoint after the VPC. In Terraform its service name uses the Region the module already writes in its other endpoints' service names, else \`data.aws_region\` (declared with the endpoint when the module has none); in CloudFormation, \`\${AWS::Region}\`.

Terraform:

\`\`\`hcl
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.ml.id
  service_name    = "com.amazonaws.\${data.aws_region.current.name}.s3"
  route_table_ids = [aws_route_table.private.id]
}
\`\`\`

CloudFormation:

\`\`\`yaml
S3Endpoint:
  Type: AWS::EC2::VPCEndpoint
  Properties:
    VpcId: !Ref MlVpc
    ServiceName: !Sub "com.amazonaws.\${AWS::Region}.s3"
    RouteTableIds: [!Ref PrivateRouteTable]
\`\`\`
`;

export const SMBT005: Rule = {
  id: "SMBT005",
  title: "The model's VPC has a private path to S3",
  findingTitle: "No private path to S3",
  level: "error",
  summary: "The VPC of the model's subnets has an S3 VPC endpoint (or, at least, a NAT gateway route).",
  description:
    "Without internet access the job's containers cannot read their input and model artifacts from S3 or write the output, unless the VPC has an S3 endpoint.",
  help,
  securitySeverity: "7.0",
  precision: "high",
  fixable: ["terraform", "cloudformation"],
  check(context) {
    // Group the models by the VPC of their subnets: one finding per VPC.
    const byVpc = new Map<string, { vpc: VpcNode; models: ModelNode[]; subnets: Map<string, SubnetNode> }>();
    for (const { model } of modelsInScope(context)) {
      if (!model.vpcConfig || model.vpcConfig.block) continue;
      const subnets = modelSubnets(context, model);
      for (const vpc of modelVpcs(context, model, subnets)) {
        const entry = byVpc.get(vpc.id) ?? { vpc, models: [], subnets: new Map<string, SubnetNode>() };
        byVpc.set(vpc.id, entry);
        entry.models.push(model);
        for (const { node } of subnets)
          if (context.graph.vpcOf(node).found.some((f) => f.node.id === vpc.id)) entry.subnets.set(node.id, node);
      }
    }
    const results: RuleResult[] = [];
    for (const { vpc, models, subnets } of byVpc.values()) {
      const result = checkVpc(context, vpc, models, [...subnets.values()]);
      if (result) results.push(result);
    }
    return withModuleCalls(context.graph, results);
  },
};

/** A private S3 path: "yes", "no", or the Unknown that keeps it from being decided. */
export function privateS3Path(
  context: RuleContext,
  vpc: VpcNode,
):
  | { answer: "yes"; endpoint: VpcEndpointNode }
  | { answer: "no"; interfaceWithoutDns: VpcEndpointNode[] }
  | { answer: "unknown"; unknowns: { unknown: UnknownValue; endpoint: VpcEndpointNode }[] } {
  const { graph } = context;
  const unknowns: { unknown: UnknownValue; endpoint: VpcEndpointNode }[] = [];
  const interfaceWithoutDns: VpcEndpointNode[] = [];
  for (const { node: endpoint } of graph.endpointsOfVpc(vpc.id).found) {
    const s3 = isS3Service(endpoint);
    if (s3 === "no") continue;
    if (s3 === "unknown") {
      unknowns.push({
        unknown:
          endpoint.serviceName?.value.kind === "unknown" ? endpoint.serviceName.value : existenceUnknown(endpoint),
        endpoint,
      });
      continue;
    }
    const type = endpointType(endpoint);
    let serves: boolean | "unknown";
    if (type === undefined) serves = "unknown";
    else if (type === "gateway") serves = true;
    else if (type === "interface") {
      const dns = boolOf(endpoint.privateDnsEnabled?.value);
      serves = dns === undefined ? false : dns;
      if (dns === false || dns === undefined) interfaceWithoutDns.push(endpoint);
    } else serves = false;
    if (serves === true && endpoint.exists === true) return { answer: "yes", endpoint };
    if (serves === "unknown")
      unknowns.push({
        unknown:
          type === undefined && endpoint.endpointType?.value.kind === "unknown"
            ? endpoint.endpointType.value
            : existenceUnknown(endpoint),
        endpoint,
      });
    else if (serves === true) unknowns.push({ unknown: existenceUnknown(endpoint), endpoint });
    else if (endpoint.privateDnsEnabled?.value.kind === "unknown")
      unknowns.push({ unknown: endpoint.privateDnsEnabled.value, endpoint });
  }
  for (const entry of endpointsWithUnknownVpc(graph))
    if (isS3Service(entry.node) !== "no") unknowns.push({ unknown: entry.unknown, endpoint: entry.node });
  return unknowns.length > 0 ? { answer: "unknown", unknowns } : { answer: "no", interfaceWithoutDns };
}

function checkVpc(
  context: RuleContext,
  vpc: VpcNode,
  models: ModelNode[],
  subnets: SubnetNode[],
): RuleResult | undefined {
  const { graph } = context;
  const path = privateS3Path(context, vpc);
  const modelNames = models.map((m) => m.name).join(", ");
  if (path.answer === "yes") return undefined;
  if (path.answer === "unknown") {
    for (const { unknown: u, endpoint } of path.unknowns) {
      context.cannotVerify({
        unknown: u,
        what: `whether ${endpoint.name} is an S3 endpoint serving ${vpc.name}`,
        range: endpoint.serviceName?.keyRange ?? endpoint.range,
        resource: endpoint.name,
      });
    }
    return undefined;
  }
  // No S3 endpoint. Where does the job subnets' internet-bound traffic go?
  let viaNat = subnets.length > 0;
  const routeUnknowns: UnknownValue[] = [];
  for (const subnet of subnets) {
    const tables = graph.routeTableOfSubnet(subnet);
    routeUnknowns.push(...tables.unknowns);
    if (tables.found.length === 0) viaNat = false;
    for (const { node: table } of tables.found) {
      const target = defaultRoute(table, graph).target;
      if (target.kind === "unknown") routeUnknowns.push(defaultRouteUnknown(table, target.reason));
      else if (target.kind !== "nat-gateway" || target.connectivity === "private") viaNat = false;
    }
  }
  const interfaceNote =
    path.interfaceWithoutDns.length > 0
      ? ` (${path.interfaceWithoutDns.map((e) => e.name).join(", ")} is an S3 interface endpoint without private DNS, so standard S3 URLs do not resolve to it)`
      : "";
  const fix = endpointFix(context, vpc, subnets);
  if (viaNat && routeUnknowns.length === 0) {
    return {
      level: "warning",
      message: `VPC ${vpc.name} of model ${modelNames} has no S3 VPC endpoint${interfaceNote}; the job reaches S3 only through its NAT gateway, over the internet.`,
      range: vpc.range,
      resource: vpc.name,
      ...(fix ? { fix } : {}),
    };
  }
  // Whether the lower level applies depends on routes that are not known: report the known gap at the lower level.
  for (const u of routeUnknowns)
    context.cannotVerify({
      unknown: u,
      what: `the routes of the subnets of ${modelNames}`,
      range: u.range ?? vpc.range,
    });
  return {
    level: routeUnknowns.length > 0 ? "warning" : "error",
    message: `VPC ${vpc.name} of model ${modelNames} has no S3 VPC endpoint${interfaceNote}: without internet access the job cannot read its data and model artifacts from S3 or write its output.`,
    range: vpc.range,
    resource: vpc.name,
    ...(fix ? { fix } : {}),
  };
}

/**
 * An S3 gateway endpoint in the VPC on the route tables of the model's
 * subnets, when every one of those tables is known and declared beside the
 * VPC (or is its main table). A VPC with an S3 gateway endpoint that misses a
 * table is SMBT006's finding, and fix.
 */
function endpointFix(context: RuleContext, vpc: VpcNode, subnets: readonly SubnetNode[]): FixIntent | undefined {
  if (vpc.exists !== true || !vpc.declaredIn || subnets.length === 0) return undefined;
  const tables = new Set<string>();
  let mainRouteTable = false;
  for (const subnet of subnets) {
    const found = context.graph.routeTableOfSubnet(subnet);
    if (found.unknowns.length > 0 || found.found.length === 0) return undefined;
    for (const { node: table } of found.found) {
      if (table.implicit === "main-route-table") mainRouteTable = true;
      else if (table.exists === true && table.declaredIn === vpc.declaredIn) tables.add(table.id);
      else return undefined;
    }
  }
  return {
    kind: "add-s3-endpoint",
    node: vpc.id,
    routeTables: [...tables],
    mainRouteTable,
    description: `Add an S3 gateway endpoint to ${vpc.name} on the route tables of its job subnets`,
  };
}
