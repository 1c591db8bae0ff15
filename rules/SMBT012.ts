import type { Rule, RuleContext, RuleResult } from "./rule.js";
import type { ModelNode, SecurityGroupNode, SecurityGroupRule, TransformJobNode } from "../src/graph/types.js";
import type { UnknownValue } from "../src/core/value.js";
import { LEVEL_ORDER } from "../src/core/finding.js";
import { distributedLevel, maxInstanceCount, modelsInScope, numberOf } from "./common.js";
import {
  anyOf,
  cidrCovers,
  existenceUnknown,
  ifExists,
  isAllProtocols,
  isAllTcp,
  modelGroups,
  peersWith,
  vpcCidr,
  type Tri,
  withModuleCalls,
} from "./network.js";

const help = `## Security groups allow all traffic among their members

**What.** Within the model's security groups, one allows ingress from a member (itself or another of the set) on all protocols and ports, and one allows egress to a member (or all-protocol egress to \`0.0.0.0/0\` or the VPC CIDR). \`error\` when a job that uses the model has \`InstanceCount\` above 1, \`warning\` when the count is unknown, nothing when every job runs one instance. Terraform removes AWS's default allow-all egress; a CloudFormation security group keeps it unless inline egress rules are set.

Rules of every form count: inline blocks, \`aws_security_group_rule\`, \`aws_vpc_security_group_ingress_rule\`/\`_egress_rule\`, CloudFormation inline entries and standalone \`SecurityGroupIngress\`/\`SecurityGroupEgress\`. All-protocol egress to \`0.0.0.0/0\` or a block containing the VPC CIDR reaches the members. A member rule on TCP 0–65535 only is a \`warning\` at that rule (other protocols stay blocked); all-protocol ingress from a block containing the VPC CIDR is accepted with a \`note\` (it admits more than the members). The finding for a missing rule is at the first group's header: one finding (and one fix adding both rules) when both directions are missing, and one for a group that several models use. A rule whose protocol, ports or peer is Unknown, or which may not exist (a condition, a \`count\`), leaves the answer open: SMBT017 note.

**Why.** AWS: *"In distributed batch transform, you must allow communication between the different containers in the same batch transform job. To do that, configure a rule for your security group that allows inbound and outbound connections between members of the same security group."*

**How to fix.** Add a self-referencing ingress rule (and egress rule) for all traffic.

Terraform:

\`\`\`hcl
resource "aws_security_group" "sagemaker" {
  vpc_id = aws_vpc.ml.id
  ingress { protocol = "-1"  from_port = 0  to_port = 0  self = true }
  egress  { protocol = "-1"  from_port = 0  to_port = 0  self = true }
}
\`\`\`

CloudFormation:

\`\`\`yaml
SageMakerSelfIngress:
  Type: AWS::EC2::SecurityGroupIngress
  Properties:
    GroupId: !Ref SageMakerSecurityGroup
    IpProtocol: "-1"
    SourceSecurityGroupId: !Ref SageMakerSecurityGroup
\`\`\`
`;

export const SMBT012: Rule = {
  id: "SMBT012",
  title: "Security groups allow all traffic among their members",
  findingTitle: "Security group blocks traffic among its members",
  level: "error",
  summary: "The model's security groups allow inbound and outbound traffic among their members on all ports.",
  description:
    "In distributed batch transform (more than one instance) the containers must talk to each other. Without a rule that lets members of the security group reach each other, the job's instances cannot communicate.",
  help,
  securitySeverity: "6.0",
  precision: "high",
  fixable: ["terraform", "cloudformation"],
  check(context) {
    // One defect of a group is one finding, however many models use the group.
    const byDefect = new Map<string, GroupDefect>();
    for (const { model, jobs } of modelsInScope(context)) {
      if (!model.vpcConfig || model.vpcConfig.block) continue;
      const level = distributedLevel(jobs);
      if (level === undefined) continue; // every job runs one instance
      for (const defect of checkModel(context, model, jobs, level)) {
        const key = `${defect.kind}\u0000${defect.groupIds}\u0000${defect.result.range.file}\u0000${defect.result.range.start.offset}`;
        const seen = byDefect.get(key);
        if (!seen) byDefect.set(key, defect);
        else {
          seen.models.push(...defect.models);
          if (LEVEL_ORDER[defect.result.level ?? "error"] > LEVEL_ORDER[seen.result.level ?? "error"]) {
            seen.result.level = defect.result.level;
            seen.why = defect.why;
          }
        }
      }
    }
    const results = [...byDefect.values()].map((defect) => ({ ...defect.result, message: defect.message(defect) }));
    return withModuleCalls(context.graph, results);
  },
};

/** How well a direction is covered: all traffic among members, TCP only, the VPC CIDR, or not at all. */
type Coverage = "members" | "cidr" | "tcp-only" | "none" | "unknown";

/** A finding about a set of groups, before the models that share it are known. */
interface GroupDefect {
  kind: string;
  groupIds: string;
  models: string[];
  why: string;
  result: RuleResult;
  message(defect: GroupDefect): string;
}

function checkModel(
  context: RuleContext,
  model: ModelNode,
  jobs: TransformJobNode[],
  level: "error" | "warning",
): GroupDefect[] {
  const { graph } = context;
  const { groups, complete } = modelGroups(context, model);
  if (groups.length === 0 || !complete) return [];
  const members = new Set(groups.map((g) => g.node.id));
  const vpc = graph.vpcOf(groups[0]!.node).found[0]?.node;
  const cidr = vpcCidr(vpc);
  const defects: GroupDefect[] = [];
  const why = whyDistributed(model, jobs);
  const first = groups[0]!.node;
  const groupIds = groups.map((g) => g.node.id).join(",");
  const related = groups
    .slice(1)
    .map((g) => ({ range: g.node.range, message: `also a security group of ${model.name}` }));
  const groupNames = groups.map((g) => g.node.name).join(", ");
  const many = groups.length > 1;
  const subject = (models: string[]) =>
    `Security group${many ? "s" : ""} ${groupNames} of model${models.length > 1 ? "s" : ""} ${models.join(", ")} allow${many ? "" : "s"}`;
  const memberText = many ? "members of the groups" : "members of the group";
  const nounOf = (direction: "ingress" | "egress") =>
    direction === "ingress" ? "inbound traffic from" : "outbound traffic to";
  const defect = (kind: string, result: RuleResult, message: (models: string[], why: string) => string) =>
    defects.push({ kind, groupIds, models: [model.name], why, result, message: (d) => message(d.models, d.why) });
  const missing: ("ingress" | "egress")[] = [];
  for (const direction of ["ingress", "egress"] as const) {
    const { coverage, unknowns, rule } = coverageOf(
      groups.map((g) => g.node),
      direction,
      members,
      cidr,
    );
    const noun = nounOf(direction);
    if (coverage === "unknown") {
      for (const u of unknowns)
        context.cannotVerify({
          unknown: u,
          what: `the ${direction} rules of security group ${groupNames}`,
          range: u.range ?? first.range,
          resource: first.name,
        });
      continue;
    }
    if (coverage === "none") missing.push(direction);
    else if (coverage === "tcp-only") {
      defect(
        `tcp-only ${direction}`,
        { level: "warning", message: "", range: rule?.range ?? first.range, resource: first.name },
        (models, why) => `${subject(models)} ${noun} ${memberText} on TCP only, not on all protocols; ${why}.`,
      );
    } else if (coverage === "cidr" && direction === "ingress") {
      defect(
        "cidr ingress",
        { level: "note", message: "", range: rule?.range ?? first.range, resource: first.name },
        (models) =>
          `${subject(models)} ${noun} a CIDR block containing the whole VPC rather than from the ${memberText}; it works, but admits more than the job's containers.`,
      );
    }
  }
  if (missing.length > 0) {
    // Both directions missing is one defect of the group: one finding, one fix adding both rules.
    const noun =
      missing.length === 2 ? `neither ${nounOf("ingress")} nor ${nounOf("egress")}` : `no ${nounOf(missing[0]!)}`;
    defect(
      `missing ${missing.join(" ")}`,
      {
        level,
        message: "",
        range: first.range,
        resource: first.name,
        ...(related.length > 0 ? { related } : {}),
        fix: {
          kind: "add-self-rule",
          node: first.id,
          directions: missing,
          inline: first.rules.some((r) => !r.facet && !r.implicit),
          standaloneRules: [...new Set(first.rules.flatMap((r) => (r.facet ? [r.facet] : [])))],
          description: `Allow all ${missing.map(nounOf).join(" and all ")} the members of ${first.name}`,
        },
      },
      (models, why) => `${subject(models)} ${noun} ${memberText} on all protocols and ports; ${why}.`,
    );
  }
  return defects;
}

function whyDistributed(model: ModelNode, jobs: TransformJobNode[]): string {
  const count = maxInstanceCount(jobs);
  if ("known" in count) {
    const job = jobs.find((j) => numberOf(j.resources?.instanceCount?.value) === count.known);
    return `${job?.name ?? "a job"} runs ${count.known} instances, whose containers must talk to each other`;
  }
  if (jobs.length === 0)
    return `no transform job in the scan uses ${model.name}; a distributed one (more than one instance) would need its containers to talk to each other`;
  return `the InstanceCount of ${jobs.map((j) => j.name).join(", ")} is not known; with more than one instance the containers must talk to each other`;
}

/** The best coverage any rule of the groups gives a direction, and the Unknowns that keep a better one open. */
function coverageOf(
  groups: SecurityGroupNode[],
  direction: "ingress" | "egress",
  members: ReadonlySet<string>,
  cidr: string | undefined,
): { coverage: Coverage; unknowns: UnknownValue[]; rule?: SecurityGroupRule } {
  const unknowns: UnknownValue[] = [];
  let best: { coverage: Coverage; rule?: SecurityGroupRule } = { coverage: "none" };
  const rank: Record<Coverage, number> = { members: 4, cidr: 3, "tcp-only": 2, unknown: 1, none: 0 };
  const offer = (coverage: Coverage, rule: SecurityGroupRule) => {
    if (rank[coverage] > rank[best.coverage]) best = { coverage, rule };
  };
  for (const group of groups) {
    unknowns.push(...group.unknownRules);
    for (const rule of group.rules) {
      if (rule.direction !== direction) continue;
      const all = isAllProtocols(rule);
      const peer = peersWith(rule, members);
      const world = direction === "egress" ? cidrCovers(rule, "0.0.0.0/0") : ("no" as Tri);
      const vpcWide = cidrCovers(rule, cidr);
      const tcp = isAllTcp(rule);
      // All traffic to members (egress to 0.0.0.0/0 or the VPC also reaches them).
      const full = ifExists(rule, andTri(all, anyOf([peer, world, direction === "egress" ? vpcWide : "no"])));
      if (full === "yes") offer("members", rule);
      else if (full === "unknown") unknowns.push(unknownOf(rule));
      if (direction === "ingress") {
        const viaCidr = ifExists(rule, andTri(all, vpcWide));
        if (viaCidr === "yes") offer("cidr", rule);
        else if (viaCidr === "unknown") unknowns.push(unknownOf(rule));
      }
      const tcpOnly = ifExists(rule, andTri(tcp, anyOf([peer, world, vpcWide])));
      if (tcpOnly === "yes") offer("tcp-only", rule);
      else if (tcpOnly === "unknown") unknowns.push(unknownOf(rule));
    }
  }
  if (best.coverage === "members") return { ...best, unknowns: [] };
  if (unknowns.length > 0) return { coverage: "unknown", unknowns };
  return { ...best, unknowns };
}

const andTri = (a: Tri, b: Tri): Tri =>
  a === "no" || b === "no" ? "no" : a === "yes" && b === "yes" ? "yes" : "unknown";

/** The Unknown that makes a rule's answer uncertain: its protocol, a peer or CIDR, or whether it exists. */
function unknownOf(rule: SecurityGroupRule): UnknownValue {
  if (rule.protocol.kind === "unknown") return rule.protocol;
  for (const value of [...rule.peerGroups.map((p) => p.value), ...rule.cidrIpv4, rule.fromPort, rule.toPort])
    if (value?.kind === "unknown") return value;
  return existenceUnknown({ name: `a rule of ${rule.facet ?? "the group"}`, range: rule.range });
}
