import type { Rule, RuleContext, RuleResult } from "./rule.js";
import type { ModelNode, SecurityGroupNode, SubnetNode, VpcEndpointNode, VpcNode } from "../src/graph/types.js";
import type { UnknownValue } from "../src/core/value.js";
import { displayName, modelsInScope } from "./common.js";
import {
  allOf,
  anyOf,
  boolOf,
  cidrCovers,
  coversTcp,
  defaultRoute,
  defaultRouteUnknown,
  endpointType,
  existenceUnknown,
  ifExists,
  modelGroups,
  modelSubnets,
  modelVpcs,
  peersWith,
  rangeOf,
  vpcCidr,
  type Tri,
  withModuleCalls,
} from "./network.js";

const help = `## Access to resources outside the VPC is explicit and consistent

**What.** (a) A job subnet's \`0.0.0.0/0\` route goes to an internet gateway. (b) \`0.0.0.0/0\` goes to a NAT gateway but no security group of the model allows egress to \`0.0.0.0/0\`. (c) An interface endpoint lacks private DNS (\`note\`), has no subnet in the job subnets' zones, or no 443 ingress from the job. (d) A NAT gateway with private connectivity (\`note\`: no internet).

Levels: (a), (b) and the subnet, zone and ingress checks of (c) are \`warning\`; private DNS off (c) and a private NAT gateway (d) are \`note\`. (a) is reported at the route, (b) at the model's first security group, (c) at the endpoint's attribute (or header), (d) at \`connectivity_type\`. For (c), an endpoint with no subnets at all is a \`warning\`; an endpoint subnet that is one of the job's subnets suffices; otherwise the zones must be known to compare (else SMBT017 note). HTTPS ingress counts from a job security group, from a block containing the VPC CIDR, or from blocks containing every job subnet; an endpoint without security groups uses the VPC's default group, which the scan does not show, and is not checked. An undeterminable default route yields an SMBT017 note.

**Why.** AWS: *"If your batch transform job needs access to an AWS service that supports interface VPC endpoints, create an endpoint to connect to that service … If your batch transform job needs access to an AWS service that doesn't support interface VPC endpoints or to a resource outside of AWS, create a NAT gateway and configure your security groups to allow outbound connections."*

**How to fix.** Route private subnets through a NAT gateway, allow outbound traffic in the security group, and give interface endpoints private DNS and the job's subnets.

Terraform:

\`\`\`hcl
resource "aws_route" "private_default" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.main.id
}
\`\`\`

CloudFormation:

\`\`\`yaml
LogsEndpoint:
  Type: AWS::EC2::VPCEndpoint
  Properties:
    VpcEndpointType: Interface
    ServiceName: !Sub "com.amazonaws.\${AWS::Region}.logs"
    VpcId: !Ref MlVpc
    SubnetIds: [!Ref PrivateSubnetA]
    SecurityGroupIds: [!Ref EndpointSecurityGroup]
    PrivateDnsEnabled: true
\`\`\`
`;

export const SMBT014: Rule = {
  id: "SMBT014",
  title: "Access to resources outside the VPC is explicit and consistent",
  findingTitle: "Access outside the VPC is implicit or inconsistent",
  level: "warning",
  summary: "The job subnets' routes and security groups agree on how the job reaches anything outside the VPC.",
  description:
    "SageMaker's network interfaces get no public IP, so a job subnet routed to an internet gateway has no internet anyway; a NAT route is useless when no security group allows outbound traffic; an interface endpoint without private DNS or without the job's subnets does not serve the job.",
  help,
  securitySeverity: "5.0",
  precision: "medium",
  fixable: ["terraform", "cloudformation"],
  check(context) {
    const { graph } = context;
    const results: RuleResult[] = [];
    const reported = new Set<string>();
    const once = (key: string, result: RuleResult) => {
      if (reported.has(key)) return;
      reported.add(key);
      results.push(result);
    };
    const byVpc = new Map<
      string,
      { vpc: VpcNode; models: ModelNode[]; subnets: Map<string, SubnetNode>; groups: Map<string, SecurityGroupNode> }
    >();
    for (const { model } of modelsInScope(context)) {
      if (!model.vpcConfig || model.vpcConfig.block) continue;
      const subnets = modelSubnets(context, model);
      const { groups, complete } = modelGroups(context, model);
      for (const vpc of modelVpcs(context, model, subnets)) {
        const entry = byVpc.get(vpc.id) ?? {
          vpc,
          models: [],
          subnets: new Map<string, SubnetNode>(),
          groups: new Map<string, SecurityGroupNode>(),
        };
        byVpc.set(vpc.id, entry);
        entry.models.push(model);
        for (const { node } of subnets) entry.subnets.set(node.id, node);
        for (const { node } of groups) entry.groups.set(node.id, node);
      }
      let natWithoutEgress: string | undefined;
      for (const { node: subnet } of subnets) {
        const tables = graph.routeTableOfSubnet(subnet);
        for (const u of tables.unknowns)
          context.cannotVerify({
            unknown: u,
            what: `the route table of subnet ${subnet.name}`,
            range: u.range ?? subnet.range,
            resource: subnet.name,
          });
        for (const { node: table } of tables.found) {
          const { target, route } = defaultRoute(table, graph);
          if (target.kind === "unknown") {
            context.cannotVerify({
              unknown: defaultRouteUnknown(table, target.reason),
              what: `the default route of subnet ${subnet.name}`,
              range: table.range,
              resource: table.name,
            });
            continue;
          }
          const gateway = "id" in target && target.id ? graph.node(target.id) : undefined;
          const where = route?.range ?? table.range;
          if (target.kind === "internet-gateway") {
            // (a) A public subnet: SageMaker's interfaces get no public IP.
            once(`a:${table.id}:${subnet.id}`, {
              message: `Subnet ${displayName(subnet)} of model ${model.name} routes 0.0.0.0/0 to internet gateway ${gateway?.name ?? "(outside the scan)"} through ${table.name}: it is a public subnet, but SageMaker's network interfaces get no public IP, so the job has no internet access there. Use a private subnet with a NAT gateway, or VPC endpoints.`,
              range: where,
              resource: table.name,
            });
          } else if (
            target.kind === "nat-gateway" &&
            target.connectivity === "private" &&
            gateway?.kind === "nat-gateway"
          ) {
            // (d) A private NAT gateway reaches other networks, not the internet.
            once(`d:${gateway.id}`, {
              level: "note",
              message: `NAT gateway ${gateway.name}, the default route of subnet ${subnet.name} (model ${model.name}), has private connectivity: it gives no internet access.`,
              range: rangeOf(gateway.connectivityType, gateway.range),
              resource: gateway.name,
            });
          } else if (target.kind === "nat-gateway" && complete && groups.length > 0) {
            // (b) The NAT route is only useful when a security group lets traffic out.
            const out = anyOf(
              groups.flatMap(({ node }) =>
                node.rules.filter((r) => r.direction === "egress").map((r) => ifExists(r, cidrCovers(r, "0.0.0.0/0"))),
              ),
            );
            const hasUnknownRules = groups.some(({ node }) => node.unknownRules.length > 0);
            if (out === "no" && !hasUnknownRules) natWithoutEgress ??= `${table.name} (subnet ${subnet.name})`;
          }
        }
      }
      if (natWithoutEgress) {
        const first = groups[0]!.node;
        once(`b:${model.id}`, {
          message: `Route table ${natWithoutEgress} of model ${model.name} sends 0.0.0.0/0 to a NAT gateway, but no security group of the model (${groups.map((g) => g.node.name).join(", ")}) allows egress to 0.0.0.0/0: the NAT gateway is unreachable for the job.`,
          range: first.range,
          resource: first.name,
        });
      }
    }
    for (const { vpc, models, subnets, groups } of byVpc.values()) {
      for (const { node: endpoint } of graph.endpointsOfVpc(vpc.id).found) {
        if (endpointType(endpoint) !== "interface") continue;
        results.push(
          ...checkInterfaceEndpoint(
            context,
            endpoint,
            vpc,
            models.map((m) => m.name).join(", "),
            [...subnets.values()],
            [...groups.values()],
          ),
        );
      }
    }
    return withModuleCalls(context.graph, results);
  },
};

/** (c) An interface endpoint serves the job: private DNS, a subnet in the job's zones, HTTPS ingress from the job. */
function checkInterfaceEndpoint(
  context: RuleContext,
  endpoint: VpcEndpointNode,
  vpc: VpcNode,
  models: string,
  jobSubnets: SubnetNode[],
  jobGroups: SecurityGroupNode[],
): RuleResult[] {
  const { graph } = context;
  const results: RuleResult[] = [];
  const dnsValue = endpoint.privateDnsEnabled?.value;
  if (dnsValue?.kind === "unknown") {
    context.cannotVerify({
      unknown: dnsValue,
      what: `the private DNS setting of ${endpoint.name}`,
      range: rangeOf(endpoint.privateDnsEnabled, endpoint.range),
      resource: endpoint.name,
    });
  } else if (boolOf(dnsValue) !== true) {
    results.push({
      level: "note",
      message: `Interface endpoint ${endpoint.name} in VPC ${vpc.name} (model ${models}) has private DNS disabled: the job reaches the service through it only if it uses the endpoint's own DNS names.`,
      range: endpoint.privateDnsEnabled?.keyRange
        ? rangeOf(endpoint.privateDnsEnabled, endpoint.range)
        : endpoint.range,
      resource: endpoint.name,
      fix: {
        kind: "set-flag",
        node: endpoint.id,
        flag: "privateDnsEnabled",
        value: true,
        description: `Enable private DNS on ${endpoint.name}`,
      },
    });
  }

  // Subnets in the job's Availability Zones.
  const endpointSubnets = graph
    .outgoing(endpoint.id, "endpoint-subnet")
    .map((e) => graph.node(e.to))
    .filter((n): n is SubnetNode => n?.kind === "subnet");
  const subnetUnknowns = graph.unresolvedFrom(endpoint.id, "endpoint-subnet").map((u) => u.value);
  if (endpointSubnets.length === 0 && subnetUnknowns.length === 0) {
    results.push({
      message: `Interface endpoint ${endpoint.name} in VPC ${vpc.name} (model ${models}) has no subnets, so it has no network interface the job can reach.`,
      range: rangeOf(endpoint.subnetIds, endpoint.range),
      resource: endpoint.name,
    });
  } else if (jobSubnets.length > 0 && !endpointSubnets.some((s) => jobSubnets.some((j) => j.id === s.id))) {
    const zone = (s: SubnetNode) =>
      s.availabilityZone?.value.kind === "string" ? s.availabilityZone.value.value : undefined;
    const jobZones = jobSubnets.map(zone);
    const endpointZones = endpointSubnets.map(zone);
    if (subnetUnknowns.length > 0 || jobZones.includes(undefined) || endpointZones.includes(undefined)) {
      const u =
        subnetUnknowns[0] ??
        [...jobSubnets, ...endpointSubnets]
          .map((s) => s.availabilityZone?.value)
          .find((v): v is UnknownValue => v?.kind === "unknown");
      if (u)
        context.cannotVerify({
          unknown: u,
          what: `whether ${endpoint.name} has a subnet in the Availability Zones of the job`,
          range: u.range ?? endpoint.range,
          resource: endpoint.name,
        });
    } else if (!endpointZones.some((z) => jobZones.includes(z))) {
      results.push({
        message: `Interface endpoint ${endpoint.name} (model ${models}) has subnets only in ${[...new Set(endpointZones)].join(", ")}, none in the job subnets' Availability Zones (${[...new Set(jobZones)].join(", ")}).`,
        range: rangeOf(endpoint.subnetIds, endpoint.range),
        resource: endpoint.name,
      });
    }
  }

  // HTTPS ingress from the job's groups, subnets or VPC.
  const groups = graph
    .outgoing(endpoint.id, "endpoint-security-group")
    .map((e) => graph.node(e.to))
    .filter((n): n is SecurityGroupNode => n?.kind === "security-group");
  const groupUnknowns = graph.unresolvedFrom(endpoint.id, "endpoint-security-group").map((u) => u.value);
  if (groups.length === 0 || groupUnknowns.length > 0 || jobGroups.length === 0) {
    // No groups listed: the VPC's default group, which the scan does not show; Unknown groups: cannot tell.
    for (const u of groupUnknowns)
      context.cannotVerify({
        unknown: u,
        what: `the security groups of ${endpoint.name}`,
        range: u.range ?? endpoint.range,
        resource: endpoint.name,
      });
    return results;
  }
  const members = new Set(jobGroups.map((g) => g.id));
  const cidrs = [
    vpcCidr(vpc),
    ...jobSubnets.map((s) => (s.cidrBlock?.value.kind === "string" ? s.cidrBlock.value.value : undefined)),
  ];
  const answers: Tri[] = [];
  const unknowns: UnknownValue[] = [];
  // Per job subnet: is it admitted by some HTTPS rule (rules may each admit one subnet)?
  const subnetCidrs = cidrs.slice(1);
  const perSubnet: Tri[][] = subnetCidrs.map(() => []);
  for (const group of groups) {
    unknowns.push(...group.unknownRules);
    for (const rule of group.rules) {
      if (rule.direction !== "ingress") continue;
      const port = coversTcp(rule, 443, 443);
      const both = (from: Tri): Tri =>
        ifExists(rule, port === "no" || from === "no" ? "no" : port === "yes" && from === "yes" ? "yes" : "unknown");
      const answer = both(anyOf([peersWith(rule, members), cidrCovers(rule, cidrs[0])]));
      answers.push(answer);
      const subnetAnswers = subnetCidrs.map((cidr) =>
        both(cidr === undefined ? (rule.cidrIpv4.length > 0 ? "unknown" : "no") : cidrCovers(rule, cidr)),
      );
      for (const [i, a] of subnetAnswers.entries()) perSubnet[i]!.push(a);
      if (answer === "unknown" || subnetAnswers.includes("unknown")) {
        const u = [
          rule.protocol,
          rule.fromPort,
          rule.toPort,
          ...rule.cidrIpv4,
          ...rule.peerGroups.map((p) => p.value),
        ].find((v): v is UnknownValue => v?.kind === "unknown");
        if (u) unknowns.push(u);
      }
    }
  }
  if (subnetCidrs.length > 0) answers.push(allOf(perSubnet.map((answersOfSubnet) => anyOf(answersOfSubnet))));
  const verdict = anyOf(answers);
  if (verdict === "yes") return results;
  if (verdict === "unknown" && unknowns.length === 0) {
    // Unknown job subnet blocks, or rules that may not exist.
    const cidrUnknown = jobSubnets.map((s) => s.cidrBlock?.value).find((v): v is UnknownValue => v?.kind === "unknown");
    unknowns.push(cidrUnknown ?? existenceUnknown(endpoint));
  }
  if (verdict === "unknown" || unknowns.length > 0) {
    for (const u of unknowns)
      context.cannotVerify({
        unknown: u,
        what: `the HTTPS ingress of ${endpoint.name}`,
        range: u.range ?? endpoint.range,
        resource: endpoint.name,
      });
    return results;
  }
  results.push({
    message: `Interface endpoint ${endpoint.name} (model ${models}): its security group ${groups.map((g) => g.name).join(", ")} allows no inbound TCP 443 from the job's security groups, subnets or VPC CIDR, so the job cannot connect to it.`,
    range: rangeOf(endpoint.securityGroupIds, endpoint.range),
    resource: endpoint.name,
  });
  return results;
}
