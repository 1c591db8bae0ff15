import type { Rule, RuleContext, RuleResult } from "./rule.js";
import type {
  ModelNode,
  NetworkAclEntry,
  NetworkAclNode,
  SecurityGroupNode,
  SecurityGroupRule,
} from "../src/graph/types.js";
import type { UnknownValue, Value } from "../src/core/value.js";
import { cidrContains, isPrivateCidr } from "../src/core/cidr.js";
import { modelsInScope } from "./common.js";
import type { FixIntent } from "../src/graph/fix-intent.js";
import {
  cidrCovers,
  coversTcp,
  endpointType,
  existenceUnknown,
  isS3Service,
  modelGroups,
  modelSubnets,
  type Tri,
  withModuleCalls,
} from "./network.js";

const help = `## Security-group egress allows HTTPS to S3

**What.** The security groups allow TCP 443 out to \`0.0.0.0/0\` or to the S3 prefix list; a Terraform group with no egress at all, or egress only to itself, fails. The network ACLs of the job subnets must allow outbound TCP 443 and inbound ephemeral ports; the default ACL allows all.

Egress counts when its protocol is all or TCP with a port range containing 443, and its destination is \`0.0.0.0/0\` or a prefix list that references the VPC's S3 endpoint (\`aws_vpc_endpoint.s3.prefix_list_id\`). A literal \`pl-…\` id cannot be checked against the endpoint: \`note\`. A prefix list from a data source (\`data.aws_prefix_list\`) or any other Unknown destination yields an SMBT017 note. The finding is at the first group's header.

Network ACLs are evaluated as AWS does: entries of one direction in rule-number order, the first match decides, and the final implicit rule denies. The job needs outbound TCP 443 to S3's public addresses and inbound TCP replies on the ephemeral ports Linux uses (32768–60999). Entries for private blocks never match S3 traffic; an entry for another public block, or any Unknown part, leaves the answer open (SMBT017 note). A subnet whose ACL is not declared uses the VPC's default ACL, which allows all. The finding is at the deciding deny entry, or at the ACL header when the final rule denies.

**Why.** AWS: the gateway endpoint considerations require that *"the security groups and network ACLs of your subnets allow traffic"* to the service; the batch transform guide relies on the S3 endpoint for the job's data.

**How to fix.** Add an HTTPS egress rule to the S3 prefix list (or \`0.0.0.0/0\`).

In Terraform, a group in a VPC whose S3 gateway endpoint is declared in the same module gets a suggested fix: an egress rule for TCP 443 to the endpoint's \`prefix_list_id\`, inline when the group writes its rules inline, else a standalone rule resource of the kind its other rules use. CloudFormation gets none: \`AWS::EC2::VPCEndpoint\` exposes no prefix-list attribute, and the tool does not suggest \`0.0.0.0/0\` for a private design.

Terraform:

\`\`\`hcl
egress {
  protocol        = "tcp"
  from_port       = 443
  to_port         = 443
  prefix_list_ids = [aws_vpc_endpoint.s3.prefix_list_id]
}
\`\`\`

CloudFormation:

\`\`\`yaml
SecurityGroupEgress:
  - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
\`\`\`
`;

export const SMBT013: Rule = {
  id: "SMBT013",
  title: "Security-group egress allows HTTPS to S3",
  findingTitle: "Security-group egress blocks HTTPS to S3",
  level: "error",
  summary: "The model's security groups (and the subnets' network ACLs) let the containers reach S3 over HTTPS.",
  description:
    "Even with an S3 endpoint, the containers' traffic must leave through the security group and the subnet's network ACL: TCP 443 outbound, and the ephemeral-port replies inbound.",
  help,
  securitySeverity: "6.5",
  precision: "high",
  fixable: ["terraform"],
  check(context) {
    const results: RuleResult[] = [];
    // One defect of a set of groups is one finding, however many models use them.
    const groupFindings = new Map<string, { models: string[]; finding: GroupFinding }>();
    const acls = new Map<string, { acl: NetworkAclNode; subnets: Set<string>; models: Set<string> }>();
    for (const { model } of modelsInScope(context)) {
      if (!model.vpcConfig || model.vpcConfig.block) continue;
      const finding = checkGroups(context, model);
      if (finding) {
        const key = `${finding.groups}\u0000${finding.result.level ?? ""}\u0000${finding.result.range.file}\u0000${finding.result.range.start.offset}`;
        const seen = groupFindings.get(key);
        if (seen) seen.models.push(model.name);
        else groupFindings.set(key, { models: [model.name], finding });
      }
      for (const { node: subnet } of modelSubnets(context, model)) {
        const found = context.graph.networkAclOfSubnet(subnet);
        for (const u of found.unknowns)
          context.cannotVerify({
            unknown: u,
            what: `the network ACL of subnet ${subnet.name}`,
            range: u.range ?? subnet.range,
            resource: subnet.name,
          });
        for (const { node: acl } of found.found) {
          const entry = acls.get(acl.id) ?? { acl, subnets: new Set<string>(), models: new Set<string>() };
          acls.set(acl.id, entry);
          entry.subnets.add(subnet.name);
          entry.models.add(model.name);
        }
      }
    }
    for (const { models, finding } of groupFindings.values())
      results.push({ ...finding.result, message: finding.message(models) });
    for (const { acl, subnets, models } of acls.values())
      results.push(
        ...checkAcl(
          context,
          acl,
          `${subnets.size === 1 ? "subnet" : "subnets"} ${[...subnets].join(", ")}`,
          [...models].join(", "),
        ),
      );
    return withModuleCalls(context.graph, results);
  },
};

/** How a rule lets HTTPS reach S3: to anywhere, to the S3 prefix list, to a literal prefix list (unverifiable), or not. */
type Reach = "yes" | "literal" | "no" | "unknown";

/** A finding about the groups of a model, its message waiting for the other models that share it. */
interface GroupFinding {
  groups: string;
  result: RuleResult;
  message(models: readonly string[]): string;
}

function checkGroups(context: RuleContext, model: ModelNode): GroupFinding | undefined {
  const { groups, complete } = modelGroups(context, model);
  if (groups.length === 0 || !complete) return undefined;
  const unknowns: UnknownValue[] = [];
  let literal: SecurityGroupRule | undefined;
  for (const { node: group } of groups) {
    unknowns.push(...group.unknownRules);
    for (const rule of group.rules) {
      if (rule.direction !== "egress") continue;
      const reach = httpsToS3(context, group, rule);
      if (reach.answer === "yes") return undefined;
      if (reach.answer === "literal") literal ??= rule;
      if (reach.answer === "unknown") unknowns.push(reach.unknown);
    }
  }
  const first = groups[0]!.node;
  const names = groups.map((g) => g.node.name).join(", ");
  const many = groups.length > 1;
  const subject = (models: readonly string[]) =>
    `Security group${many ? "s" : ""} ${names} of model${models.length > 1 ? "s" : ""} ${models.join(", ")}`;
  const ids = groups.map((g) => g.node.id).join(",");
  if (unknowns.length > 0) {
    for (const u of unknowns)
      context.cannotVerify({
        unknown: u,
        what: `the egress rules of security group ${names}`,
        range: u.range ?? first.range,
        resource: first.name,
      });
    return undefined;
  }
  if (literal) {
    return {
      groups: ids,
      result: { level: "note", message: "", range: literal.range, resource: first.name },
      message: (models) =>
        `${subject(models)} allow${many ? "" : "s"} HTTPS only to a literal prefix list; check that it is the S3 prefix list of the endpoint's Region (a reference to the endpoint's prefix list can be verified).`,
    };
  }
  const hasEgress = groups.some((g) => g.node.rules.some((r) => r.direction === "egress"));
  const fix = httpsEgressFix(context, first);
  return {
    groups: ids,
    result: {
      message: "",
      range: first.range,
      resource: first.name,
      ...(groups.length > 1
        ? {
            related: groups
              .slice(1)
              .map((g) => ({ range: g.node.range, message: `also a security group of ${model.name}` })),
          }
        : {}),
      ...(fix ? { fix } : {}),
    },
    message: (models) =>
      `${subject(models)} ${hasEgress ? `allow${many ? "" : "s"} no` : `${many ? "have" : "has"} no egress rules, so ${many ? "they allow" : "it allows"} no`} outbound TCP 443 to 0.0.0.0/0 or to the S3 prefix list: the job cannot reach S3.`,
  };
}

/**
 * HTTPS egress to the prefix list of an S3 gateway endpoint of the group's VPC
 * declared beside the group. Without one (SMBT005's finding) there is no
 * prefix list to name, and egress to 0.0.0.0/0 is not what a private design
 * should be told to add.
 */
function httpsEgressFix(context: RuleContext, group: SecurityGroupNode): FixIntent | undefined {
  const { graph } = context;
  if (group.implicit || !group.declaredIn) return undefined;
  const vpcs = graph.vpcOf(group);
  if (vpcs.found.length !== 1 || vpcs.unknowns.length > 0) return undefined;
  const endpoint = graph
    .endpointsOfVpc(vpcs.found[0]!.node.id)
    .found.map((f) => f.node)
    .find(
      (e) =>
        e.exists === true &&
        e.declaredIn === group.declaredIn &&
        isS3Service(e) === "yes" &&
        endpointType(e) === "gateway",
    );
  if (!endpoint) return undefined;
  const standalone = [...new Set(group.rules.flatMap((r) => (r.facet ? [r.facet] : [])))];
  return {
    kind: "add-s3-https-egress",
    node: group.id,
    endpoint: endpoint.id,
    inline: group.rules.some((r) => !r.facet && !r.implicit),
    ...(standalone.length > 0 ? { standaloneRules: standalone } : {}),
    description: `Allow HTTPS from ${group.name} to S3 through ${endpoint.name}`,
  };
}

function httpsToS3(
  context: RuleContext,
  group: SecurityGroupNode,
  rule: SecurityGroupRule,
): { answer: Reach; unknown: UnknownValue } | { answer: Exclude<Reach, "unknown"> } {
  const port = coversTcp(rule, 443, 443);
  if (port === "no") return { answer: "no" };
  let best: Reach = "no";
  let pending: UnknownValue | undefined;
  const world = cidrCovers(rule, "0.0.0.0/0");
  if (world === "yes") best = "yes";
  else if (world === "unknown") pending = rule.cidrIpv4.find((c): c is UnknownValue => c.kind === "unknown");
  for (const list of rule.prefixListIds) {
    if (best === "yes") break;
    if (list.kind === "string") {
      if (list.value.startsWith("pl-")) best = "literal";
      continue;
    }
    if (list.kind !== "unknown") continue;
    const edge = context.graph
      .outgoing(group.id, "sg-rule-prefix-list")
      .find(
        (e) =>
          e.range && list.range && e.range.file === list.range.file && e.range.start.offset === list.range.start.offset,
      );
    const endpoint = edge ? context.graph.node(edge.to) : undefined;
    if (endpoint?.kind === "vpc-endpoint") {
      const s3 = isS3Service(endpoint);
      if (s3 === "yes") best = "yes";
      else if (s3 === "unknown")
        pending ??=
          endpoint.serviceName?.value.kind === "unknown" ? endpoint.serviceName.value : existenceUnknown(endpoint);
    } else pending ??= list;
  }
  const answer: Tri = port;
  if (best === "yes" && answer === "yes" && rule.exists === true) return { answer: "yes" };
  if (best === "no" && !pending) return { answer: "no" };
  if (best === "literal" && answer === "yes" && rule.exists === true && !pending) return { answer: "literal" };
  const u =
    pending ??
    (rule.protocol.kind === "unknown"
      ? rule.protocol
      : [rule.fromPort, rule.toPort].find((v): v is UnknownValue => v?.kind === "unknown")) ??
    existenceUnknown({ name: `a rule of ${group.name}`, range: rule.range });
  return { answer: "unknown", unknown: u };
}

// ---------------------------------------------------------------------------
// Network ACLs

/** Linux's default ephemeral port range, on which the replies from S3 come back. */
const EPHEMERAL = { from: 32768, to: 60999 };

function checkAcl(context: RuleContext, acl: NetworkAclNode, subnets: string, models: string): RuleResult[] {
  const results: RuleResult[] = [];
  if (acl.unknownEntries.length > 0) {
    for (const u of acl.unknownEntries)
      context.cannotVerify({
        unknown: u,
        what: `the rules of network ACL ${acl.name}`,
        range: u.range ?? acl.range,
        resource: acl.name,
      });
    return results;
  }
  const checks = [
    { egress: true, from: 443, to: 443, what: "outbound TCP 443 to S3" },
    {
      egress: false,
      from: EPHEMERAL.from,
      to: EPHEMERAL.to,
      what: `inbound TCP replies from S3 on the ephemeral ports ${EPHEMERAL.from}–${EPHEMERAL.to}`,
    },
  ];
  // What the implicit final rule denies, at the ACL's header: one finding for both directions.
  const byFinalRule: string[] = [];
  for (const check of checks) {
    const decision = evaluateAcl(acl, check.egress, check.from, check.to);
    if (decision.kind === "unknown") {
      context.cannotVerify({
        unknown: decision.unknown,
        what: `whether network ACL ${acl.name} allows ${check.what}`,
        range: decision.unknown.range ?? acl.range,
        resource: acl.name,
      });
    } else if (decision.kind === "deny" && !decision.entry) {
      byFinalRule.push(check.what);
    } else if (decision.kind === "deny") {
      results.push({
        message: `Network ACL ${acl.name} of ${subnets} (model ${models}) ${decision.entry ? "denies" : "allows no"} ${check.what}${decision.entry ? "" : " (the final rule denies it)"}: the job cannot reach S3 through the endpoint.`,
        range: decision.entry?.range ?? acl.range,
        resource: acl.name,
      });
    }
  }
  if (byFinalRule.length > 0) {
    const what = byFinalRule.length === 1 ? `no ${byFinalRule[0]}` : `neither ${byFinalRule.join(" nor ")}`;
    results.push({
      message: `Network ACL ${acl.name} of ${subnets} (model ${models}) allows ${what} (the final rule denies ${byFinalRule.length === 1 ? "it" : "them"}): the job cannot reach S3 through the endpoint.`,
      range: acl.range,
      resource: acl.name,
    });
  }
  return results;
}

type Decision =
  | { kind: "allow" }
  | { kind: "deny"; entry?: NetworkAclEntry }
  | { kind: "unknown"; unknown: UnknownValue };

/**
 * Evaluates the entries of one direction, lowest rule number first, for TCP
 * to or from an S3 address (a public IP) on every port of [from, to]; the
 * first matching entry decides each port, and the implicit final rule denies.
 */
function evaluateAcl(acl: NetworkAclNode, egress: boolean, from: number, to: number): Decision {
  const entries = acl.entries.filter((e) => e.egress === egress);
  for (const entry of entries) {
    if (entry.ruleNumber?.kind !== "number") return { kind: "unknown", unknown: unknownIn(entry, [entry.ruleNumber]) };
  }
  entries.sort((a, b) => (a.ruleNumber as { value: number }).value - (b.ruleNumber as { value: number }).value);
  // Ports on which the decision may change: the range's ends and every entry's port bounds inside it.
  const starts = new Set<number>([from]);
  for (const entry of entries) {
    for (const bound of [numberOf(entry.fromPort), numberOf(entry.toPort)]) {
      if (bound === undefined) continue;
      if (bound >= from && bound <= to) starts.add(bound);
      if (bound + 1 >= from && bound + 1 <= to) starts.add(bound + 1);
    }
  }
  let result: Decision = { kind: "allow" };
  for (const port of [...starts].sort((a, b) => a - b)) {
    const decision = decide(entries, port);
    if (decision.kind === "deny") return decision;
    if (decision.kind === "unknown" && result.kind === "allow") result = decision;
  }
  return result;
}

function decide(entries: NetworkAclEntry[], port: number): Decision {
  for (const entry of entries) {
    const match = matches(entry, port);
    if (match === "no") continue;
    const action = entry.action?.kind === "string" ? entry.action.value : undefined;
    if (match === "unknown" || action === undefined || entry.exists !== true) {
      return {
        kind: "unknown",
        unknown: unknownIn(entry, [entry.protocol, entry.fromPort, entry.toPort, entry.cidrIpv4, entry.action]),
      };
    }
    return action === "allow" ? { kind: "allow" } : { kind: "deny", entry };
  }
  return { kind: "deny" };
}

/** Does the entry match TCP on `port` with a public (S3) peer address? */
function matches(entry: NetworkAclEntry, port: number): Tri {
  const protocol =
    entry.protocol?.kind === "string"
      ? entry.protocol.value
      : entry.protocol?.kind === "number"
        ? String(entry.protocol.value)
        : undefined;
  if (protocol === undefined) return "unknown";
  if (protocol !== "-1" && protocol !== "tcp") return "no";
  const cidr = entry.cidrIpv4;
  if (cidr === undefined) return entry.cidrIpv6 ? "no" : "unknown";
  if (cidr.kind !== "string") return "unknown";
  let address: Tri;
  if (cidrContains(cidr.value, "0.0.0.0/0") === true) address = "yes";
  else if (isPrivateCidr(cidr.value) === true) address = "no";
  else address = "unknown"; // a public block: it may or may not hold S3's addresses
  if (address === "no") return "no";
  let ports: Tri = "yes";
  if (protocol === "tcp") {
    const f = numberOf(entry.fromPort);
    const t = numberOf(entry.toPort);
    if (f === undefined || t === undefined) ports = "unknown";
    else ports = f <= port && port <= t ? "yes" : "no";
  }
  if (ports === "no") return "no";
  return address === "yes" && ports === "yes" ? "yes" : "unknown";
}

const numberOf = (value: Value | undefined): number | undefined => (value?.kind === "number" ? value.value : undefined);

function unknownIn(entry: NetworkAclEntry, values: (Value | undefined)[]): UnknownValue {
  for (const value of values) if (value?.kind === "unknown") return value;
  return existenceUnknown({ name: `an entry of ${entry.facet ?? "the network ACL"}`, range: entry.range });
}
