import type { Rule, RuleContext, RuleResult } from "./rule.js";
import type { ModelNode, SubnetNode, TransformJobNode } from "../src/graph/types.js";
import type { SourceRange } from "../src/core/range.js";
import type { UnknownValue } from "../src/core/value.js";
import {
  MAX_SUBNET_PREFIX,
  MAX_TRANSFORM_INSTANCE_COUNT,
  MIN_SUBNET_PREFIX,
  cidrPrefixLength,
  usableAddresses,
} from "../src/core/cidr.js";
import { displayName, maxInstanceCount, modelsInScope, plural } from "./common.js";
import { boolOf, endpointType, modelSubnets, rangeOf, withModuleCalls } from "./network.js";

const help = `## Subnets have at least two private IP addresses per instance

**What.** With \`need = 2 × InstanceCount\` (the largest count among the jobs that use the model; a model that no job in the scan uses is sized for one instance), a subnet fits when \`2^(32−prefix) − 5\`, minus one network interface for each interface-type endpoint and each NAT gateway the configuration places in it, is at least \`need\`. Each subnet that does not fit is reported at its CIDR (or netmask length): \`error\` when no subnet of the model fits, \`warning\` when another one fits (or may fit), since SageMaker puts the interfaces in *one* of the subnets. An IPv6-only subnet (\`ipv6_native\`/\`Ipv6Native\` without an IPv4 block): \`warning\`.

The prefix comes from a literal CIDR, from \`cidrsubnet\`/\`!Cidr\` when their base is known, from a partly known string that ends in \`/p\`, or from the IPAM netmask length. A CIDR that cannot be determined, or an Unknown \`InstanceCount\` with a subnet smaller than the 100-instance maximum needs (/24), yields an SMBT017 note instead of a finding.

**Why.** AWS: *"Your VPC subnets should have at least two private IP addresses for each instance in a transform job."*

**How to fix.** Use larger subnets (a /26 fits 29 instances; a /24 or larger always fits the 100-instance maximum), or lower \`InstanceCount\`.

Terraform:

\`\`\`hcl
resource "aws_subnet" "private_a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = cidrsubnet(aws_vpc.ml.cidr_block, 10, 1)   # /26 of a /16: 59 usable addresses
}
\`\`\`

CloudFormation:

\`\`\`yaml
PrivateSubnetA:
  Type: AWS::EC2::Subnet
  Properties:
    VpcId: !Ref MlVpc
    CidrBlock: !Select [0, !Cidr [!GetAtt MlVpc.CidrBlock, 4, 6]]   # /26
\`\`\`
`;

export const SMBT004: Rule = {
  id: "SMBT004",
  title: "Subnets have at least two private IP addresses per instance",
  findingTitle: "Subnet too small for the job's instances",
  level: "error",
  summary: "The model's subnets have at least two free private IPv4 addresses for each instance of the transform job.",
  description:
    "Each transform instance needs two private IP addresses in the subnet SageMaker picks. AWS reserves five addresses of every subnet, so small subnets run out: a /28 has 11 usable addresses and fits at most 5 instances.",
  help,
  securitySeverity: "5.5",
  precision: "high",
  check(context) {
    const results: RuleResult[] = [];
    for (const { model, jobs } of modelsInScope(context)) {
      if (!model.vpcConfig || model.vpcConfig.block) continue;
      results.push(...checkModel(context, model, jobs));
    }
    return withModuleCalls(context.graph, results);
  },
};

/** What a subnet offers: free IPv4 addresses, IPv6-only, or Unknown. */
type Capacity =
  | { kind: "ipv4"; prefix: number; free: number; enis: number; range: SourceRange; cidr: string }
  | { kind: "ipv6-only"; range: SourceRange }
  | { kind: "unknown"; unknown: UnknownValue; range: SourceRange };

function checkModel(context: RuleContext, model: ModelNode, jobs: TransformJobNode[]): RuleResult[] {
  const subnets = modelSubnets(context, model);
  if (subnets.length === 0) return [];
  const count = maxInstanceCount(jobs);
  // No job in the scan: sizing assumes one instance (RULES.md, Scope). An Unknown count with jobs: see below.
  const instances = "known" in count ? count.known : 1;
  const need = 2 * instances;
  const capacities = subnets.map(({ node }) => ({ subnet: node, capacity: capacityOf(context, node) }));
  const ipv4 = capacities.filter(
    (c): c is { subnet: SubnetNode; capacity: Extract<Capacity, { kind: "ipv4" }> } => c.capacity.kind === "ipv4",
  );
  const unknownCapacity = capacities.filter((c) => c.capacity.kind === "unknown");
  const fitting = ipv4.filter((c) => c.capacity.free >= need);
  const results: RuleResult[] = [];
  const jobText =
    jobs.length === 0
      ? "one instance (no transform job in the scan uses the model)"
      : `${plural(instances, "instance")} (${jobs.map((j) => j.name).join(", ")})`;

  for (const { subnet, capacity } of capacities) {
    if (capacity.kind === "unknown") {
      context.cannotVerify({
        unknown: capacity.unknown,
        what: `the size of subnet ${subnet.name}`,
        range: capacity.range,
        resource: subnet.name,
      });
    } else if (capacity.kind === "ipv6-only") {
      results.push({
        level: "warning",
        message: `Subnet ${displayName(subnet)} of model ${model.name} is IPv6-only: it has no private IPv4 addresses, and AWS documents batch transform sizing for IPv4 subnets only.`,
        range: capacity.range,
        resource: subnet.name,
      });
    }
  }
  for (const { subnet, capacity } of ipv4) {
    if (capacity.free >= need) continue;
    // Known too small. Error only when no subnet can hold the job; with others that (may) fit, SageMaker may still pick this one.
    const level = fitting.length === 0 && unknownCapacity.length === 0 ? "error" : "warning";
    const free =
      capacity.enis > 0
        ? `${capacity.free} free private IPv4 addresses (${usableAddresses(capacity.prefix)} usable, minus ${plural(capacity.enis, "network interface")} of endpoints and NAT gateways in it)`
        : `${capacity.free} usable private IPv4 addresses`;
    const others =
      level === "error"
        ? ipv4.length > 1
          ? "; none of the model's subnets can hold the job"
          : ""
        : "; SageMaker may place the job's interfaces in this subnet";
    // A symbolic subnet stands for every instance of its resource: each has this size.
    const which = subnet.symbolic
      ? `Every subnet of ${subnet.name} (${capacity.cidr}), used by model ${model.name},`
      : `Subnet ${subnet.name} of model ${model.name} (${capacity.cidr})`;
    results.push({
      level,
      message: `${which} has ${free}, fewer than the ${need} that ${jobText} need${instances === 1 ? "s" : ""}${others}.`,
      range: capacity.range,
      resource: subnet.name,
    });
  }
  // An Unknown InstanceCount: a subnet that cannot hold the 100-instance maximum cannot be verified.
  if ("unknown" in count && count.unknown && jobs.length > 0) {
    const small = ipv4.filter((c) => c.capacity.free >= need && c.capacity.free < 2 * MAX_TRANSFORM_INSTANCE_COUNT);
    if (small.length > 0) {
      const job = jobs.find((j) => j.resources?.instanceCount?.value.kind === "unknown") ?? jobs[0]!;
      context.cannotVerify({
        unknown: count.unknown,
        what: `the InstanceCount of ${job.name}`,
        range: job.resources?.instanceCount?.keyRange ?? job.range,
        resource: job.name,
      });
    }
  }
  return results;
}

function capacityOf(context: RuleContext, subnet: SubnetNode): Capacity {
  const ipv6Only = boolOf(subnet.ipv6Native?.value);
  const cidr = subnet.cidrBlock?.value;
  if (ipv6Only === true && cidr === undefined)
    return { kind: "ipv6-only", range: rangeOf(subnet.ipv6Native, subnet.range) };
  let prefix: number | undefined;
  let text: string;
  let range: SourceRange;
  if (cidr?.kind === "string") {
    prefix = cidrPrefixLength(cidr.value);
    text = cidr.value;
    range = rangeOf(subnet.cidrBlock, subnet.range);
    if (prefix === undefined)
      return {
        kind: "unknown",
        unknown: {
          kind: "unknown",
          reason: "UNSUPPORTED",
          detail: `${cidr.value} is not an IPv4 CIDR block.`,
          refs: [],
          range,
        },
        range,
      };
  } else if (cidr?.kind === "unknown") {
    // A partly known string may still end in its prefix length (`…/24`).
    const match = /\/(\d{1,2})$/.exec(cidr.suffix ?? "");
    range = rangeOf(subnet.cidrBlock, subnet.range);
    if (!match) return { kind: "unknown", unknown: cidr, range };
    prefix = Number(match[1]);
    text = `a /${prefix} block`;
  } else {
    const length = subnet.ipv4NetmaskLength?.value;
    range = rangeOf(subnet.ipv4NetmaskLength, subnet.range);
    if (length?.kind === "number") {
      prefix = length.value;
      text = `an IPAM-allocated /${prefix}`;
    } else if (length?.kind === "unknown") return { kind: "unknown", unknown: length, range };
    else if (ipv6Only === true) return { kind: "ipv6-only", range: rangeOf(subnet.ipv6Native, subnet.range) };
    else
      return {
        kind: "unknown",
        unknown: {
          kind: "unknown",
          reason: "UNSUPPORTED",
          detail: `${subnet.name} sets neither an IPv4 CIDR block nor a netmask length.`,
          refs: [],
          range: subnet.range,
        },
        range: subnet.range,
      };
  }
  if (prefix < MIN_SUBNET_PREFIX || prefix > MAX_SUBNET_PREFIX) {
    return {
      kind: "unknown",
      unknown: {
        kind: "unknown",
        reason: "UNSUPPORTED",
        detail: `/${prefix} is outside the /16–/28 range AWS allows for subnets.`,
        refs: [],
        range,
      },
      range,
    };
  }
  const enis = knownInterfaces(context, subnet);
  return { kind: "ipv4", prefix, free: usableAddresses(prefix)! - enis, enis, range, cidr: text };
}

/** Network interfaces known to be in the subnet: one per interface-type endpoint listing it, one per NAT gateway in it. */
function knownInterfaces(context: RuleContext, subnet: SubnetNode): number {
  const { graph } = context;
  let count = 0;
  const endpoints = new Set<string>();
  for (const edge of graph.incoming(subnet.id, "endpoint-subnet")) {
    const endpoint = graph.node(edge.from);
    if (
      endpoint?.kind !== "vpc-endpoint" ||
      endpoints.has(endpoint.id) ||
      edge.exists !== true ||
      endpoint.exists !== true
    )
      continue;
    const type = endpointType(endpoint);
    if (type === undefined || type === "gateway") continue;
    endpoints.add(endpoint.id);
    count++;
  }
  const nats = new Set<string>();
  for (const edge of graph.incoming(subnet.id, "in-subnet")) {
    const nat = graph.node(edge.from);
    if (nat?.kind !== "nat-gateway" || nats.has(nat.id) || edge.exists !== true || nat.exists !== true) continue;
    nats.add(nat.id);
    count++;
  }
  return count;
}
