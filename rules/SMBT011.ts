import type { Rule, RuleContext, RuleResult } from "./rule.js";
import type { ModelNode, VpcNode } from "../src/graph/types.js";
import { modelsInScope } from "./common.js";
import { boolOf, endpointType, isS3Service, modelSubnets, modelVpcs, rangeOf, withModuleCalls } from "./network.js";

const help = `## VPC DNS lets standard S3 URLs resolve

**What.** DNS support disabled: \`error\`. DNS hostnames disabled: \`warning\` with a gateway endpoint, \`error\` when an interface endpoint in the VPC has private DNS on. DHCP options whose name servers lack \`AmazonProvidedDNS\`: \`warning\`.

The DNS hostnames check applies only when the VPC has an S3 gateway endpoint or an interface endpoint with private DNS (without either, SMBT005 reports the missing endpoint). DHCP options that set no name servers use \`AmazonProvidedDNS\`. An Unknown setting yields an SMBT017 note.

**Why.** AWS: *"Use default DNS settings for your endpoint route table, so that standard Amazon S3 URLs (for example, http://s3-aws-region.amazonaws.com/MyBucket) resolve."*

**How to fix.** Enable DNS support and DNS hostnames on the VPC, and keep \`AmazonProvidedDNS\` in the DHCP options.

Terraform:

\`\`\`hcl
resource "aws_vpc" "ml" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
\`\`\`

CloudFormation:

\`\`\`yaml
MlVpc:
  Type: AWS::EC2::VPC
  Properties:
    CidrBlock: 10.0.0.0/16
    EnableDnsSupport: true
    EnableDnsHostnames: true
\`\`\`
`;

export const SMBT011: Rule = {
  id: "SMBT011",
  title: "VPC DNS lets standard S3 URLs resolve",
  findingTitle: "VPC DNS cannot resolve standard S3 URLs",
  level: "error",
  summary: "The VPC resolves DNS with Amazon's resolver, so the job's S3 URLs resolve to the endpoint.",
  description:
    "The job addresses S3 by its standard URLs. With DNS support off, or without DNS hostnames where the endpoint needs them, or with custom DNS servers, those names do not resolve the way the endpoint needs.",
  help,
  securitySeverity: "6.0",
  precision: "high",
  fixable: ["terraform", "cloudformation"],
  check(context) {
    const byVpc = new Map<string, { vpc: VpcNode; models: ModelNode[] }>();
    for (const { model } of modelsInScope(context)) {
      if (!model.vpcConfig || model.vpcConfig.block) continue;
      for (const vpc of modelVpcs(context, model, modelSubnets(context, model))) {
        const entry = byVpc.get(vpc.id) ?? { vpc, models: [] };
        byVpc.set(vpc.id, entry);
        entry.models.push(model);
      }
    }
    return withModuleCalls(
      context.graph,
      [...byVpc.values()].flatMap(({ vpc, models }) => checkVpc(context, vpc, models.map((m) => m.name).join(", "))),
    );
  },
};

function checkVpc(context: RuleContext, vpc: VpcNode, models: string): RuleResult[] {
  const { graph } = context;
  const results: RuleResult[] = [];
  const support = boolOf(vpc.enableDnsSupport?.value);
  const supportValue = vpc.enableDnsSupport?.value;
  if (supportValue?.kind === "unknown") {
    context.cannotVerify({
      unknown: supportValue,
      what: `the DNS support of ${vpc.name}`,
      range: rangeOf(vpc.enableDnsSupport, vpc.range),
      resource: vpc.name,
    });
  } else if (support === false) {
    results.push({
      level: "error",
      message: `VPC ${vpc.name} of model ${models} has DNS support disabled: the job's S3 URLs do not resolve.`,
      range: rangeOf(vpc.enableDnsSupport, vpc.range),
      resource: vpc.name,
      fix: {
        kind: "set-flag",
        node: vpc.id,
        flag: "enableDnsSupport",
        value: true,
        description: `Enable DNS support on ${vpc.name}`,
      },
    });
  }

  const hostnames = boolOf(vpc.enableDnsHostnames?.value) ?? false;
  const hostnamesValue = vpc.enableDnsHostnames?.value;
  if (hostnamesValue?.kind === "unknown") {
    context.cannotVerify({
      unknown: hostnamesValue,
      what: `the DNS hostnames setting of ${vpc.name}`,
      range: rangeOf(vpc.enableDnsHostnames, vpc.range),
      resource: vpc.name,
    });
  } else if (hostnames === false && support !== false) {
    const endpoints = graph.endpointsOfVpc(vpc.id).found.map((f) => f.node);
    const privateDns = endpoints.filter(
      (e) => endpointType(e) === "interface" && boolOf(e.privateDnsEnabled?.value) === true,
    );
    const gateways = endpoints.filter((e) => endpointType(e) === "gateway" && isS3Service(e) === "yes");
    const where = vpc.enableDnsHostnames?.keyRange ? rangeOf(vpc.enableDnsHostnames, vpc.range) : vpc.range;
    if (privateDns.length > 0) {
      results.push({
        level: "error",
        message: `VPC ${vpc.name} of model ${models} has DNS hostnames disabled, but interface endpoint ${privateDns.map((e) => e.name).join(", ")} has private DNS enabled, which requires DNS support and DNS hostnames.`,
        range: where,
        resource: vpc.name,
        fix: {
          kind: "set-flag",
          node: vpc.id,
          flag: "enableDnsHostnames",
          value: true,
          description: `Enable DNS hostnames on ${vpc.name}`,
        },
        related: privateDns.map((e) => ({
          range: rangeOf(e.privateDnsEnabled, e.range),
          message: `private DNS enabled on ${e.name}`,
        })),
      });
    } else if (gateways.length > 0) {
      results.push({
        level: "warning",
        message: `VPC ${vpc.name} of model ${models} has DNS hostnames disabled; with Amazon DNS, S3 gateway endpoint ${gateways.map((e) => e.name).join(", ")} needs both DNS support and DNS hostnames enabled.`,
        range: where,
        resource: vpc.name,
        fix: {
          kind: "set-flag",
          node: vpc.id,
          flag: "enableDnsHostnames",
          value: true,
          description: `Enable DNS hostnames on ${vpc.name}`,
        },
      });
    }
  }

  const dhcp = graph.dhcpOptionsOfVpc(vpc.id);
  for (const u of dhcp.unknowns)
    context.cannotVerify({
      unknown: u,
      what: `the DHCP options of ${vpc.name}`,
      range: u.range ?? vpc.range,
      resource: vpc.name,
    });
  for (const { node: options } of dhcp.found) {
    const servers = options.domainNameServers?.value;
    if (servers === undefined) continue; // no name servers set: AmazonProvidedDNS
    const items = servers.kind === "list" ? servers.items : [servers];
    if (items.some((i) => i.kind === "string" && i.value.trim() === "AmazonProvidedDNS")) continue;
    const unknownItem = items.find((i) => i.kind === "unknown");
    if (unknownItem?.kind === "unknown") {
      context.cannotVerify({
        unknown: unknownItem,
        what: `the DNS servers of ${options.name}`,
        range: rangeOf(options.domainNameServers, options.range),
        resource: options.name,
      });
      continue;
    }
    const listed = items
      .filter((i) => i.kind === "string")
      .map((i) => (i.kind === "string" ? i.value : ""))
      .join(", ");
    results.push({
      level: "warning",
      message: `DHCP options ${options.name} of VPC ${vpc.name} (model ${models}) use the name servers ${listed} instead of AmazonProvidedDNS; AWS advises the default DNS settings so that standard S3 URLs resolve to the endpoint.`,
      range: rangeOf(options.domainNameServers, options.range),
      resource: options.name,
    });
  }
  return results;
}
