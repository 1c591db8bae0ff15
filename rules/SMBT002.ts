import type { Rule, RuleContext, RuleResult } from "./rule.js";
import type { Attribute, GraphNode, ModelNode, SecurityGroupNode, SubnetNode, VpcNode } from "../src/graph/types.js";
import type { FixIntent } from "../src/graph/fix-intent.js";
import type { SourceRange } from "../src/core/range.js";
import { modelsInScope, plural } from "./common.js";
import { blockAll, rangeOf, withModuleCalls } from "./network.js";

const help = `## VpcConfig subnets and security groups are in one VPC

**What.** All subnets and security groups in the model's VPC configuration are in one VPC; there are 1–16 subnets and 1–5 security groups, without duplicates.

Findings point at the most specific place: a list with more than 16 subnets or 5 groups at the list; a duplicate at its second occurrence; a subnet in another VPC at its entry in the model's list; a group without a VPC at the group's header (unless the subnets are in the account's default VPC); a group in another VPC at its \`vpc_id\`/\`VpcId\`. A subnet or group outside the scan (a literal \`subnet-…\` id, a parameter, an import) is not guessed at: it yields an SMBT017 note.

**Why.** AWS: *"When you specify the subnets and security groups, SageMaker creates elastic network interfaces that are associated with your security groups in one of the subnets."* The \`VpcConfig\` API requires the security groups to be in the subnets' VPC. A security group created without a VPC lands in the account's *default* VPC.

**How to fix.** Create the security group in the VPC of the subnets, and list each subnet and group once.

A group without a VPC, or in another VPC, gets a suggested fix setting its \`vpc_id\`/\`VpcId\` to the subnets' VPC when that VPC is declared in the same module or template, and nothing else that uses the group (another model, an endpoint, another group's rule) is in a different VPC. Subnets in different VPCs get no fix: which VPC is meant is the author's call.

Terraform:

\`\`\`hcl
resource "aws_security_group" "sagemaker" {
  name   = "sagemaker-batch"
  vpc_id = aws_vpc.ml.id   # the VPC of the model's subnets
}
\`\`\`

CloudFormation:

\`\`\`yaml
SageMakerSecurityGroup:
  Type: AWS::EC2::SecurityGroup
  Properties:
    GroupDescription: Batch transform containers
    VpcId: !Ref MlVpc   # the VPC of the model's subnets
\`\`\`
`;

export const SMBT002: Rule = {
  id: "SMBT002",
  title: "VpcConfig subnets and security groups are in one VPC",
  findingTitle: "Subnets and security groups in different VPCs",
  level: "error",
  summary: "Every subnet and security group of a model's VpcConfig belongs to the same VPC.",
  description:
    "SageMaker creates the job's network interfaces in one of the model's subnets with all of its security groups attached; a security group from another VPC (or from the default VPC, when it has no VPC set) cannot be attached.",
  help,
  securitySeverity: "7.0",
  precision: "high",
  fixable: ["terraform", "cloudformation"],
  check(context) {
    const results: RuleResult[] = [];
    for (const { model } of modelsInScope(context)) {
      if (!model.vpcConfig || model.vpcConfig.block) continue;
      results.push(...checkModel(context, model));
    }
    return withModuleCalls(context.graph, results);
  },
};

const LIMITS = { subnets: 16, "security groups": 5 } as const;

function checkModel(context: RuleContext, model: ModelNode): RuleResult[] {
  const { graph } = context;
  const results: RuleResult[] = [];
  const vpcConfig = model.vpcConfig!;
  const fallback = vpcConfig.keyRange ?? model.range;
  const report = (message: string, range: SourceRange, related: RuleResult["related"] = []) =>
    results.push({ message, range, resource: model.name, ...(related.length > 0 ? { related } : {}) });

  // Sizes and duplicates, from the lists as written and the nodes they resolve to.
  for (const [noun, attribute, kind] of [
    ["subnets", vpcConfig.subnets, "in-subnet"],
    ["security groups", vpcConfig.securityGroupIds, "has-security-group"],
  ] as const) {
    const count = knownLength(attribute);
    const limit = LIMITS[noun];
    const elements = kind === "in-subnet" ? graph.subnetsOfModel(model) : graph.securityGroupsOfModel(model);
    if (attribute?.value.kind === "unknown" && attribute.value.every && elements.unknowns.length === 0) {
      // Every element is known (one symbolic resource standing for all), their number is not.
      // (When the elements are not known either, the note about them says SMBT002 was skipped.)
      context.cannotVerify({
        unknown: attribute.value,
        what: `the number of ${noun} of model ${model.name} (1–${limit}, no duplicates)`,
        range: rangeOf(attribute, fallback),
        resource: model.name,
      });
    }
    if (count !== undefined && count > limit) {
      report(
        `Model ${model.name} lists ${plural(count, noun.replace(/s$/, ""), noun)} in its VpcConfig; SageMaker accepts at most ${limit}.`,
        rangeOf(attribute, fallback),
      );
    }
    const seen = new Map<string, SourceRange | undefined>();
    for (const edge of graph.outgoing(model.id, kind)) {
      const target = graph.node(edge.to);
      // Two references to a symbolic node (`aws_subnet.private["a"]`, `["b"]`) may name different instances.
      if (!target || target.symbolic) continue;
      if (seen.has(target.id)) {
        const first = seen.get(target.id);
        report(
          `Model ${model.name} lists ${target.name} more than once in its VpcConfig ${noun}; SageMaker rejects duplicates.`,
          edge.range ?? rangeOf(attribute, fallback),
          first ? [{ range: first, message: `first listed here` }] : [],
        );
      } else seen.set(target.id, edge.range);
    }
    const literals = new Map<string, SourceRange | undefined>();
    if (attribute?.value.kind === "list") {
      for (const item of attribute.value.items) {
        if (item.kind !== "string") continue;
        // Literals that resolved to nodes were compared above.
        if (
          graph
            .outgoing(model.id, kind)
            .some((e) => e.range && item.range && e.range.start.offset === item.range.start.offset)
        )
          continue;
        if (literals.has(item.value)) {
          const first = literals.get(item.value);
          report(
            `Model ${model.name} lists ${item.value} more than once in its VpcConfig ${noun}; SageMaker rejects duplicates.`,
            item.range ?? rangeOf(attribute, fallback),
            first ? [{ range: first, message: "first listed here" }] : [],
          );
        } else literals.set(item.value, item.range);
      }
    }
  }

  // One VPC for all subnets.
  const subnets = graph.subnetsOfModel(model);
  blockAll(context, subnets.unknowns, `the subnets of model ${model.name}`, fallback, model.name);
  const subnetVpcs: { subnet: SubnetNode; range?: SourceRange; vpc: VpcNode }[] = [];
  const seenSubnets = new Set<string>();
  for (const { node: subnet, edge } of subnets.found) {
    if (seenSubnets.has(subnet.id)) continue;
    seenSubnets.add(subnet.id);
    const vpcs = graph.vpcOf(subnet);
    blockAll(
      context,
      vpcs.unknowns,
      `the VPC of subnet ${subnet.name}`,
      subnet.vpcId?.keyRange ?? subnet.range,
      subnet.name,
    );
    const vpc = vpcs.found[0]?.node;
    if (vpc && vpcs.found.length === 1) subnetVpcs.push({ subnet, range: edge?.range, vpc });
  }
  const first = subnetVpcs[0];
  for (const other of subnetVpcs.slice(1)) {
    if (other.vpc.id === first!.vpc.id) continue;
    report(
      `Subnet ${other.subnet.name} of model ${model.name} is in VPC ${other.vpc.name}, but ${first!.subnet.name} is in ${first!.vpc.name}; all subnets of a VpcConfig must be in one VPC.`,
      other.range ?? rangeOf(vpcConfig.subnets, fallback),
      [
        {
          range: other.subnet.vpcId?.value.range ?? other.subnet.range,
          message: `${other.subnet.name} is in ${other.vpc.name}`,
        },
      ],
    );
  }
  const groups = graph.securityGroupsOfModel(model);
  blockAll(context, groups.unknowns, `the security groups of model ${model.name}`, fallback, model.name);
  if (!first || subnetVpcs.some((s) => s.vpc.id !== first.vpc.id)) return results;
  const vpc = first.vpc;

  // Every security group in the subnets' VPC; one without a VPC is in the default VPC.
  const seenGroups = new Set<string>();
  for (const { node: group, edge } of groups.found) {
    if (seenGroups.has(group.id)) continue;
    seenGroups.add(group.id);
    const where = edge?.range ?? rangeOf(vpcConfig.securityGroupIds, fallback);
    if (!group.vpcId) {
      if (vpc.isDefault) continue;
      report(
        `Security group ${group.name} of model ${model.name} sets no VPC, so it is created in the account's default VPC, not in ${vpc.name} where the model's subnets are.`,
        group.range,
        [{ range: where, message: `used by ${model.name} here` }],
      );
      addFix(results, moveGroup(context, group, vpc));
      continue;
    }
    const groupVpcs = graph.vpcOf(group);
    blockAll(
      context,
      groupVpcs.unknowns,
      `the VPC of security group ${group.name}`,
      group.vpcId.keyRange ?? group.range,
      group.name,
    );
    const groupVpc = groupVpcs.found.length === 1 ? groupVpcs.found[0]!.node : undefined;
    if (groupVpc && groupVpc.id !== vpc.id) {
      report(
        `Security group ${group.name} of model ${model.name} is in VPC ${groupVpc.name}, but the model's subnets are in ${vpc.name}.`,
        rangeOf(group.vpcId, group.range),
        [{ range: where, message: `used by ${model.name} here` }],
      );
      addFix(results, moveGroup(context, group, vpc));
    }
  }
  return results;
}

/** Attaches a fix to the last result reported. */
function addFix(results: RuleResult[], fix: FixIntent | undefined): void {
  const last = results.at(-1);
  if (last && fix) last.fix = fix;
}

/**
 * Moving the group into the subnets' VPC, when it is safe to suggest: the VPC
 * is declared beside the group (a local reference can name it), and nothing
 * else that uses the group — another model, an endpoint, another group's
 * rule — sits in a different VPC or one that cannot be told.
 */
function moveGroup(context: RuleContext, group: SecurityGroupNode, vpc: VpcNode): FixIntent | undefined {
  const { graph } = context;
  if (
    group.implicit ||
    group.isDefault ||
    vpc.exists !== true ||
    !vpc.declaredIn ||
    vpc.declaredIn !== group.declaredIn
  )
    return undefined;
  const inVpc = (node: GraphNode | undefined): boolean => {
    if (!node) return false;
    // A model sits in its subnets' VPC; a group or an endpoint in its own.
    const places = node.kind === "model" ? graph.subnetsOfModel(node) : { found: [{ node }], unknowns: [] };
    const vpcs = places.found.map((f) => graph.vpcOf(f.node));
    if (
      places.unknowns.length > 0 ||
      vpcs.length === 0 ||
      vpcs.some((v) => v.unknowns.length > 0 || v.found.length === 0)
    )
      return false;
    return vpcs.every((v) => v.found.every((f) => f.node.id === vpc.id));
  };
  if (!graph.incoming(group.id).every((edge) => edge.from === group.id || inVpc(graph.node(edge.from))))
    return undefined;
  return {
    kind: "set-vpc",
    node: group.id,
    vpc: vpc.id,
    description: `Create ${group.name} in ${vpc.name}, the VPC of the model's subnets`,
  };
}

/** The number of items of a list attribute, when the list itself is known. */
function knownLength(attribute: Attribute | undefined): number | undefined {
  return attribute?.value.kind === "list" ? attribute.value.items.length : undefined;
}
