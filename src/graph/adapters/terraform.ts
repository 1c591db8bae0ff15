/**
 * Maps Terraform resource instances onto graph nodes and facets. Everything
 * Terraform-specific is decided here:
 * - which attribute of each type a reference may name it by (`id`, `arn`,
 *   `name`; a model's and a role's `id` is its name, an `aws_iam_policy`'s `id`
 *   its ARN, a bucket's `id` its name), and that `aws_vpc.main_route_table_id` /
 *   `default_route_table_id` name the VPC's main route table;
 * - defaults (no range) when the stage has not filled them in:
 *   `enable_dns_support` true, `enable_dns_hostnames` false (true for
 *   `aws_default_vpc`), `vpc_endpoint_type` Gateway, `private_dns_enabled`
 *   false, `enable_network_isolation` false, NAT `connectivity_type` public,
 *   `ipv6_native` false;
 * - Terraform removes AWS's default allow-all egress from every group it
 *   manages, so no Terraform group has an implicit rule;
 * - a VPC's main route table can be named (`aws_default_route_table`,
 *   `aws_main_route_table_association`, `main_route_table_id`), so a VPC with
 *   none declared gets an implicit one in linking.
 * Data sources are not nodes: references to them stay Unknown (`DATA_SOURCE`).
 */
import { bool, getValue, str, unknown, type ObjectValue, type UnknownValue, type Value } from "../../core/value.js";
import type { TerraformInstance } from "../../terraform/index.js";
import type { Facet, GraphSources, NodeLiteral, PendingLink, RefYield } from "../build.js";
import type {
  AttachedPolicyArn,
  Attribute,
  GraphNode,
  NetworkAclEntry,
  PeerGroup,
  Route,
  RouteTableNode,
  RouteTargetKind,
  SecurityGroupNode,
  SecurityGroupRule,
} from "../types.js";
import {
  absent,
  attribute,
  attributeOr,
  blocks,
  isAwsManagedArn,
  isTrue,
  items,
  knownName,
  lowerCase,
  normalizeProtocol,
  policyAttribute,
} from "./common.js";
import {
  addRoute,
  associationFacet,
  childFacet,
  fieldLinks,
  refTo,
  reverseFacet,
  routeLinks,
  securityGroupRuleLinks,
  targetKindOfLiteral,
  type FacetBase,
} from "./contribute.js";

/** The instance fields the adapter reads (the Terraform stage's `TerraformInstance`). */
export type TerraformInstanceLike = Pick<
  TerraformInstance,
  "id" | "address" | "mode" | "type" | "headerRange" | "attributes" | "expansion" | "moduleCalls"
>;

const ID: Record<string, RefYield> = { id: "id", arn: "arn" };

/** What a reference to each attribute yields, per type. */
const REF_YIELDS: Record<string, Record<string, RefYield>> = {
  aws_sagemaker_model: { id: "name", name: "name", arn: "arn" },
  aws_vpc: {
    ...ID,
    main_route_table_id: "main-route-table",
    default_route_table_id: "main-route-table",
    default_network_acl_id: "owned-default",
    default_security_group_id: "default-security-group",
    dhcp_options_id: "owned-default",
  },
  aws_default_vpc: {
    ...ID,
    main_route_table_id: "main-route-table",
    default_route_table_id: "main-route-table",
    default_network_acl_id: "owned-default",
    default_security_group_id: "default-security-group",
  },
  aws_subnet: ID,
  aws_route_table: ID,
  aws_default_route_table: ID,
  aws_vpc_endpoint: { ...ID, prefix_list_id: "prefix-list-id" },
  aws_security_group: ID,
  aws_default_security_group: ID,
  aws_nat_gateway: { id: "id" },
  aws_internet_gateway: ID,
  aws_vpc_dhcp_options: ID,
  aws_network_acl: ID,
  aws_default_network_acl: ID,
  aws_iam_role: { id: "name", name: "name", arn: "arn", unique_id: "id" },
  aws_iam_policy: { id: "arn", arn: "arn", name: "name" },
  aws_s3_bucket: { id: "name", bucket: "name", arn: "arn" },
};

/** Route target attributes of `route` blocks and `aws_route`, and what each sends traffic to. */
const ROUTE_TARGETS: [string, RouteTargetKind | "gateway"][] = [
  ["nat_gateway_id", "nat-gateway"],
  ["gateway_id", "gateway"],
  ["vpc_endpoint_id", "vpc-endpoint"],
  ["egress_only_gateway_id", "other"],
  ["transit_gateway_id", "other"],
  ["vpc_peering_connection_id", "other"],
  ["network_interface_id", "other"],
  ["carrier_gateway_id", "other"],
  ["local_gateway_id", "other"],
  ["core_network_arn", "other"],
];

const GATEWAY_TYPES: Record<string, RouteTargetKind> = {
  aws_internet_gateway: "internet-gateway",
  aws_vpn_gateway: "other",
  aws_nat_gateway: "nat-gateway",
  aws_vpc_endpoint: "vpc-endpoint",
};

export function terraformSources(instances: readonly TerraformInstanceLike[]): GraphSources {
  const typeOf = new Map(instances.map((i) => [i.id, i.type]));
  const data = new DataSources(instances);
  const out: GraphSources = { nodes: [], facets: [] };
  for (const instance of instances) if (instance.mode === "managed") mapInstance(instance, typeOf, data, out);
  return out;
}

/**
 * What data sources in the scan say about values read from them: the service
 * an `aws_vpc_endpoint_service` names, the name of an `aws_prefix_list`.
 * Their attributes are Unknown (`DATA_SOURCE`), but their arguments are known.
 */
class DataSources {
  private readonly byId = new Map<string, TerraformInstanceLike>();

  constructor(instances: readonly TerraformInstanceLike[]) {
    for (const instance of instances) if (instance.mode === "data") this.byId.set(instance.id, instance);
  }

  private source(
    value: Value | undefined,
    types: readonly string[],
    attributes: readonly string[],
  ): { instance: TerraformInstanceLike; value: UnknownValue } | undefined {
    if (value?.kind !== "unknown" || value.refs.length !== 1 || value.prefix || value.suffix) return undefined;
    const ref = value.refs[0]!;
    const instance = this.byId.get(ref.resource);
    return instance && types.includes(instance.type) && attributes.includes(ref.attribute ?? "")
      ? { instance, value }
      : undefined;
  }

  /** `data.aws_vpc_endpoint_service.x.service_name`: `com.amazonaws.<region>.<service>`, the region unknown. */
  serviceName(attribute: Attribute | undefined): Attribute | undefined {
    const found = this.source(attribute?.value, ["aws_vpc_endpoint_service"], ["service_name"]);
    if (!attribute || !found) return attribute;
    const { instance, value } = found;
    const serviceName = getValue(instance.attributes, "service_name");
    if (serviceName?.kind === "string") return { ...attribute, value: str(serviceName.value, value.range) };
    const service = getValue(instance.attributes, "service");
    if (service?.kind !== "string") return attribute;
    return {
      ...attribute,
      value: unknown(value.reason, value.detail, {
        refs: value.refs,
        range: value.range,
        prefix: "com.amazonaws.",
        suffix: `.${service.value}`,
      }),
    };
  }

  /** `data.aws_prefix_list.x.id` (or a managed prefix list) with a known `name` or `prefix-list-name` filter. */
  prefixListService(value: Value): Value | undefined {
    const found = this.source(value, ["aws_prefix_list", "aws_ec2_managed_prefix_list"], ["id"]);
    if (!found) return undefined;
    const name = getValue(found.instance.attributes, "name");
    if (name?.kind === "string") return name;
    for (const filter of blocks(found.instance.attributes, "filter").items) {
      const filterName = getValue(filter, "name");
      const values = getValue(filter, "values");
      if (
        filterName?.kind === "string" &&
        filterName.value === "prefix-list-name" &&
        values?.kind === "list" &&
        values.items.length === 1
      )
        return values.items[0];
    }
    return undefined;
  }

  /** Records what the data sources say about a rule's prefix lists. */
  annotate(rule: SecurityGroupRule): SecurityGroupRule {
    const services = rule.prefixListIds.map((id) => this.prefixListService(id));
    if (services.some((s) => s !== undefined)) rule.prefixListServices = services;
    return rule;
  }
}

function mapInstance(
  instance: TerraformInstanceLike,
  typeOf: ReadonlyMap<string, string>,
  data: DataSources,
  out: GraphSources,
): void {
  const a: ObjectValue = instance.attributes;
  const exists: true | "unknown" = instance.expansion === "unknown" ? "unknown" : true;
  const base = {
    id: instance.id,
    name: instance.address,
    range: instance.headerRange,
    sourceType: instance.type,
    exists,
    ...(instance.expansion === "unknown" ? { symbolic: true as const } : {}),
    ...(instance.moduleCalls.length > 0 ? { moduleCalls: instance.moduleCalls } : {}),
  };
  const facetBase: FacetBase = { id: base.id, name: base.name, range: base.range, sourceType: base.sourceType, exists };
  const refYields = REF_YIELDS[instance.type] ?? {};
  // A plan (or an import) can tell the real `id`/`arn`: a literal `subnet-…` elsewhere may then name this node.
  const knownIds: NodeLiteral[] = ["id", "arn"].flatMap((key) => {
    const value = getValue(a, key);
    return value?.kind === "string" ? [{ kind: "id" as const, value: value.value }] : [];
  });
  const add = (node: GraphNode, links: PendingLink[] = [], literals: NodeLiteral[] = []) =>
    out.nodes.push({ node, refYields, links: [...fieldLinks(node), ...links], literals: [...literals, ...knownIds] });
  const facet = (f: Facet) => out.facets!.push(f);
  const parentOf = (key: string): Value => getValue(a, key) ?? absent(key, base.range);

  switch (instance.type) {
    case "aws_sagemaker_model": {
      const vpc = blocks(a, "vpc_config");
      const vpcBlock = vpc.items[0];
      const subnets = attribute(vpcBlock, "subnets");
      const groups = attribute(vpcBlock, "security_group_ids");
      const role = attribute(a, "execution_role_arn");
      const modelName = attribute(a, "name");
      const containers = [...blocks(a, "primary_container").items, ...blocks(a, "container").items];
      const hasVpc = vpc.items.length > 0 || vpc.unknowns.length > 0;
      add(
        {
          ...base,
          kind: "model",
          origin: "resource",
          modelName,
          executionRoleArn: role,
          vpcConfig: hasVpc
            ? {
                keyRange: vpc.keyRange,
                ...(vpc.unknowns[0] && !vpcBlock ? { block: vpc.unknowns[0] } : {}),
                subnets,
                securityGroupIds: groups,
              }
            : undefined,
          enableNetworkIsolation: attributeOr(a, "enable_network_isolation", bool(false)),
          containers: containers.map((c) => ({
            range: c.range,
            image: attribute(c, "image"),
            modelDataUrl: attribute(c, "model_data_url"),
          })),
        },
        [],
        knownName(modelName),
      );
      return;
    }
    case "aws_vpc":
    case "aws_default_vpc": {
      const isDefault = instance.type === "aws_default_vpc";
      add({
        ...base,
        kind: "vpc",
        cidrBlock: attribute(a, "cidr_block"),
        ipv4NetmaskLength: attribute(a, "ipv4_netmask_length"),
        enableDnsSupport: attributeOr(a, "enable_dns_support", bool(true)),
        enableDnsHostnames: attributeOr(a, "enable_dns_hostnames", bool(isDefault)),
        ...(isDefault ? { isDefault: true } : {}),
        mainRouteTableNameable: true,
      });
      return;
    }
    case "aws_subnet": {
      const vpcId = attribute(a, "vpc_id");
      add({
        ...base,
        kind: "subnet",
        vpcId,
        cidrBlock: attribute(a, "cidr_block"),
        ipv4NetmaskLength: attribute(a, "ipv4_netmask_length"),
        ipv6CidrBlock: attribute(a, "ipv6_cidr_block"),
        ipv6Native: attributeOr(a, "ipv6_native", bool(false)),
        availabilityZone: attribute(a, "availability_zone"),
      });
      return;
    }
    case "aws_route_table":
    case "aws_default_route_table": {
      const vpcId = attribute(a, "vpc_id");
      const inline = blocks(a, "route");
      const table: RouteTableNode = { ...base, kind: "route-table", vpcId, routes: [], unknownRoutes: inline.unknowns };
      table.routes = inline.items.map((r) => tfRoute(r, r.range ?? base.range, undefined, exists, typeOf));
      add(table, [...table.routes.flatMap((r) => routeLinks(table, r))]);
      if (instance.type === "aws_default_route_table") {
        // The VPC's own default table: the main table unless another is made main.
        facet({
          ...facetBase,
          parent: parentOf("default_route_table_id"),
          parentKinds: ["vpc"],
          expects: "id",
          apply: (vpc, _via, range) => [
            {
              from: vpc.id,
              kind: "main-route-table",
              value: refTo(base.id, base.name, range),
              targets: ["route-table"],
              expects: "id",
              exists,
            },
            {
              from: base.id,
              kind: "in-vpc",
              value: refTo(vpc.id, vpc.name, range),
              targets: ["vpc"],
              expects: "id",
              exists,
            },
          ],
        });
      }
      return;
    }
    case "aws_route": {
      const route = tfRoute(a, base.range, base.id, exists, typeOf);
      route.destinationCidrBlock = attribute(a, "destination_cidr_block");
      route.destinationIpv6CidrBlock = attribute(a, "destination_ipv6_cidr_block");
      route.destinationPrefixListId = attribute(a, "destination_prefix_list_id");
      facet(
        childFacet(
          facetBase,
          { value: parentOf("route_table_id"), kind: "route-table", expects: "id" },
          (table, routeExists) => addRoute(table, route, routeExists),
        ),
      );
      return;
    }
    case "aws_route_table_association":
      if (getValue(a, "subnet_id") === undefined) return; // a gateway association (edge routing): not read by the rules
      facet(
        associationFacet(
          facetBase,
          { value: parentOf("subnet_id"), kinds: ["subnet"], expects: "id" },
          {
            kind: "associated-route-table",
            value: getValue(a, "route_table_id"),
            targets: ["route-table"],
            expects: "id",
          },
        ),
      );
      return;
    case "aws_main_route_table_association":
      facet(
        associationFacet(
          facetBase,
          { value: parentOf("vpc_id"), kinds: ["vpc"], expects: "id" },
          { kind: "main-route-table", value: getValue(a, "route_table_id"), targets: ["route-table"], expects: "id" },
        ),
      );
      return;
    case "aws_vpc_endpoint": {
      const vpcId = attribute(a, "vpc_id");
      const routeTableIds = attribute(a, "route_table_ids");
      const subnetIds = attribute(a, "subnet_ids");
      const groupIds = attribute(a, "security_group_ids");
      add({
        ...base,
        kind: "vpc-endpoint",
        vpcId,
        serviceName: data.serviceName(attribute(a, "service_name")),
        endpointType: attributeOr(a, "vpc_endpoint_type", str("Gateway")),
        routeTableIds,
        subnetIds,
        securityGroupIds: groupIds,
        privateDnsEnabled: attributeOr(a, "private_dns_enabled", bool(false)),
        policy: policyAttribute(a, "policy"),
      });
      return;
    }
    case "aws_vpc_endpoint_route_table_association":
      facet(
        associationFacet(
          facetBase,
          { value: parentOf("vpc_endpoint_id"), kinds: ["vpc-endpoint"], expects: "id" },
          {
            kind: "endpoint-route-table",
            value: getValue(a, "route_table_id"),
            targets: ["route-table"],
            expects: "id",
          },
        ),
      );
      return;
    case "aws_vpc_endpoint_subnet_association":
      facet(
        associationFacet(
          facetBase,
          { value: parentOf("vpc_endpoint_id"), kinds: ["vpc-endpoint"], expects: "id" },
          { kind: "endpoint-subnet", value: getValue(a, "subnet_id"), targets: ["subnet"], expects: "id" },
        ),
      );
      return;
    case "aws_vpc_endpoint_security_group_association":
      facet(
        associationFacet(
          facetBase,
          { value: parentOf("vpc_endpoint_id"), kinds: ["vpc-endpoint"], expects: "id" },
          {
            kind: "endpoint-security-group",
            value: getValue(a, "security_group_id"),
            targets: ["security-group"],
            expects: "id",
          },
        ),
      );
      return;
    case "aws_vpc_endpoint_policy":
      facet(
        childFacet(
          facetBase,
          { value: parentOf("vpc_endpoint_id"), kind: "vpc-endpoint", expects: "id" },
          (endpoint) => {
            endpoint.policy = policyAttribute(a, "policy") ?? { value: absent("policy", base.range) };
            endpoint.policyFacet = base.id;
          },
        ),
      );
      return;
    case "aws_security_group":
    case "aws_default_security_group": {
      const vpcId = attribute(a, "vpc_id");
      const ingress = blocks(a, "ingress");
      const egress = blocks(a, "egress");
      const group: SecurityGroupNode = {
        ...base,
        kind: "security-group",
        vpcId,
        groupName: attribute(a, "name"),
        rules: [
          ...ingress.items.map((r) => inlineRule("ingress", r, base.range, exists)),
          ...egress.items.map((r) => inlineRule("egress", r, base.range, exists)),
        ].map((r) => data.annotate(r)),
        unknownRules: [...ingress.unknowns, ...egress.unknowns],
        ...(instance.type === "aws_default_security_group" ? { isDefault: true } : {}),
      };
      add(group, [...group.rules.flatMap((r) => securityGroupRuleLinks(group, r))]);
      return;
    }
    case "aws_security_group_rule":
    case "aws_vpc_security_group_ingress_rule":
    case "aws_vpc_security_group_egress_rule": {
      const rule =
        instance.type === "aws_security_group_rule"
          ? legacyRule(a, base.range, exists)
          : vpcRule(instance.type.endsWith("ingress_rule") ? "ingress" : "egress", a, base.range, exists);
      if (!rule) return;
      rule.facet = base.id;
      data.annotate(rule);
      facet(
        childFacet(
          facetBase,
          { value: parentOf("security_group_id"), kind: "security-group", expects: "id" },
          (group, ruleExists) => {
            // A copy per group: the links a rule resolves (its peers' nodes) are the group's own.
            const own: SecurityGroupRule = {
              ...rule,
              peerGroups: rule.peerGroups.map((p) => ({ ...p })),
              ...(rule.prefixListServices ? { prefixListServices: [...rule.prefixListServices] } : {}),
              exists: ruleExists,
            };
            group.rules.push(own);
            return securityGroupRuleLinks(group, own);
          },
        ),
      );
      return;
    }
    case "aws_nat_gateway": {
      const subnetId = attribute(a, "subnet_id");
      add({
        ...base,
        kind: "nat-gateway",
        subnetId,
        connectivityType: attributeOr(a, "connectivity_type", str("public")),
      });
      return;
    }
    case "aws_sagemaker_endpoint_configuration": {
      const variants = [...blocks(a, "production_variants").items, ...blocks(a, "shadow_production_variants").items];
      const modelNames = variants.flatMap((v) => attribute(v, "model_name") ?? []);
      add({ ...base, kind: "endpoint-config", modelNames });
      return;
    }
    case "aws_internet_gateway": {
      const vpcId = attribute(a, "vpc_id");
      add({ ...base, kind: "internet-gateway", vpcId });
      return;
    }
    case "aws_internet_gateway_attachment":
      facet(
        associationFacet(
          facetBase,
          { value: parentOf("internet_gateway_id"), kinds: ["internet-gateway"], expects: "id" },
          { kind: "in-vpc", value: getValue(a, "vpc_id"), targets: ["vpc"], expects: "id" },
        ),
      );
      return;
    case "aws_vpc_dhcp_options":
      add({
        ...base,
        kind: "dhcp-options",
        domainNameServers: attribute(a, "domain_name_servers"),
        domainName: attribute(a, "domain_name"),
      });
      return;
    case "aws_vpc_dhcp_options_association":
      facet(
        associationFacet(
          facetBase,
          { value: parentOf("vpc_id"), kinds: ["vpc"], expects: "id" },
          { kind: "dhcp-options", value: getValue(a, "dhcp_options_id"), targets: ["dhcp-options"], expects: "id" },
        ),
      );
      return;
    case "aws_network_acl":
    case "aws_default_network_acl": {
      const isDefault = instance.type === "aws_default_network_acl";
      const vpcId = attribute(a, "vpc_id");
      const ingress = blocks(a, "ingress");
      const egress = blocks(a, "egress");
      add({
        ...base,
        kind: "network-acl",
        vpcId,
        entries: [
          ...ingress.items.map((e) => inlineAclEntry(false, e, base.range, exists)),
          ...egress.items.map((e) => inlineAclEntry(true, e, base.range, exists)),
        ],
        unknownEntries: [...ingress.unknowns, ...egress.unknowns],
        ...(isDefault ? { isDefault: true } : {}),
      });
      const subnetIds = getValue(a, "subnet_ids");
      if (subnetIds) facet(reverseFacet(facetBase, subnetIds, ["subnet"], "network-acl", "network-acl"));
      if (isDefault) {
        facet({
          ...facetBase,
          parent: parentOf("default_network_acl_id"),
          parentKinds: ["vpc"],
          expects: "id",
          apply: (vpc, _via, range) => [
            {
              from: base.id,
              kind: "in-vpc",
              value: refTo(vpc.id, vpc.name, range),
              targets: ["vpc"],
              expects: "id",
              exists,
            },
          ],
        });
      }
      return;
    }
    case "aws_network_acl_rule": {
      const entry: NetworkAclEntry = {
        egress: isTrue(getValue(a, "egress")),
        ruleNumber: getValue(a, "rule_number"),
        protocol: optional(getValue(a, "protocol"), normalizeProtocol),
        action: lowerCase(getValue(a, "rule_action")),
        cidrIpv4: getValue(a, "cidr_block"),
        cidrIpv6: getValue(a, "ipv6_cidr_block"),
        fromPort: getValue(a, "from_port"),
        toPort: getValue(a, "to_port"),
        range: base.range,
        facet: base.id,
        exists,
      };
      facet(
        childFacet(
          facetBase,
          { value: parentOf("network_acl_id"), kind: "network-acl", expects: "id" },
          (acl, entryExists) => void acl.entries.push({ ...entry, exists: entryExists }),
        ),
      );
      return;
    }
    case "aws_network_acl_association":
      facet(
        associationFacet(
          facetBase,
          { value: parentOf("subnet_id"), kinds: ["subnet"], expects: "id" },
          { kind: "network-acl", value: getValue(a, "network_acl_id"), targets: ["network-acl"], expects: "id" },
        ),
      );
      return;
    case "aws_iam_role": {
      const roleName = attribute(a, "name");
      const boundary = attribute(a, "permissions_boundary");
      const arns: AttachedPolicyArn[] = items(getValue(a, "managed_policy_arns")).map((arn) => ({
        arn,
        range: arn.range,
        exists,
      }));
      const inline = blocks(a, "inline_policy");
      add(
        {
          ...base,
          kind: "iam-role",
          roleName,
          trustPolicy: policyAttribute(a, "assume_role_policy"),
          inlinePolicies: inline.items.map((policy) => ({
            name: attribute(policy, "name"),
            document: policyAttribute(policy, "policy") ?? { value: absent("policy", policy.range ?? base.range) },
            range: policy.range ?? base.range,
            exists,
          })),
          unknownInlinePolicies: inline.unknowns,
          managedPolicyArns: arns,
          permissionsBoundary: boundary,
        },
        [
          ...arns.map((arn) => policyLink(base.id, "attached-policy", arn.arn, exists)),
          ...(boundary ? [policyLink(base.id, "permissions-boundary", boundary.value, exists)] : []),
        ],
        knownName(roleName),
      );
      return;
    }
    case "aws_iam_role_policy":
      facet(
        childFacet(
          facetBase,
          { value: parentOf("role"), kind: "iam-role", expects: "name" },
          (role, policyExists) =>
            void role.inlinePolicies.push({
              name: attribute(a, "name"),
              document: policyAttribute(a, "policy") ?? { value: absent("policy", base.range) },
              range: base.range,
              facet: base.id,
              exists: policyExists,
            }),
        ),
      );
      return;
    case "aws_iam_policy": {
      const policyName = attribute(a, "name");
      add(
        { ...base, kind: "iam-policy", policyName, document: policyAttribute(a, "policy") },
        [],
        knownName(policyName),
      );
      return;
    }
    case "aws_iam_role_policy_attachment":
      facet(
        attachmentFacet(
          facetBase,
          parentOf("role"),
          [getValue(a, "policy_arn") ?? absent("policy_arn", base.range)],
          false,
        ),
      );
      return;
    case "aws_iam_policy_attachment": {
      const roles = getValue(a, "roles");
      if (roles)
        facet(
          attachmentFacet(facetBase, roles, [getValue(a, "policy_arn") ?? absent("policy_arn", base.range)], false),
        );
      return;
    }
    case "aws_iam_role_policy_attachments_exclusive":
      facet(attachmentFacet(facetBase, parentOf("role_name"), items(getValue(a, "policy_arns")), true));
      return;
    case "aws_s3_bucket": {
      const bucketName = attribute(a, "bucket");
      const legacy = policyAttribute(a, "policy");
      add(
        {
          ...base,
          kind: "s3-bucket",
          bucketName,
          policies: legacy ? [{ document: legacy, range: legacy.keyRange ?? base.range, exists }] : [],
        },
        [],
        knownName(bucketName),
      );
      return;
    }
    case "aws_s3_bucket_policy":
      facet(
        childFacet(
          facetBase,
          { value: parentOf("bucket"), kind: "s3-bucket", expects: "name" },
          (bucket, policyExists) =>
            void bucket.policies.push({
              document: policyAttribute(a, "policy") ?? { value: absent("policy", base.range) },
              range: base.range,
              facet: base.id,
              exists: policyExists,
            }),
        ),
      );
      return;
    default:
      return;
  }
}

/** An inline `route` block, or an `aws_route`'s target. */
function tfRoute(
  r: ObjectValue,
  range: Route["range"],
  facetId: string | undefined,
  exists: true | "unknown",
  typeOf: ReadonlyMap<string, string>,
): Route {
  return {
    destinationCidrBlock: attribute(r, "cidr_block"),
    destinationIpv6CidrBlock: attribute(r, "ipv6_cidr_block"),
    destinationPrefixListId: attribute(r, "destination_prefix_list_id"),
    target: routeTarget(r, typeOf),
    range,
    ...(facetId ? { facet: facetId } : {}),
    exists,
  };
}

function routeTarget(r: ObjectValue, typeOf: ReadonlyMap<string, string>): Route["target"] {
  for (const [key, kind] of ROUTE_TARGETS) {
    const target = attribute(r, key);
    if (!target || (target.value.kind === "string" && target.value.value === "")) continue;
    if (kind !== "gateway") return { kind, attribute: target };
    const value = target.value;
    if (value.kind === "string") return { kind: targetKindOfLiteral(value.value), attribute: target };
    const referenced =
      value.kind === "unknown" && value.refs.length === 1 ? typeOf.get(value.refs[0]!.resource) : undefined;
    return { kind: (referenced === undefined ? undefined : GATEWAY_TYPES[referenced]) ?? "unknown", attribute: target };
  }
  return { kind: "unknown" };
}

/** An inline `ingress`/`egress` block of `aws_security_group`. */
function inlineRule(
  direction: "ingress" | "egress",
  r: ObjectValue,
  fallback: SecurityGroupRule["range"],
  exists: true | "unknown",
): SecurityGroupRule {
  const peers: PeerGroup[] = items(getValue(r, "security_groups")).map((value) => ({ value, self: false }));
  const self = getValue(r, "self");
  if (isTrue(self)) peers.push({ value: self!, self: true });
  return {
    direction,
    protocol: normalizeProtocol(getValue(r, "protocol") ?? absent("protocol", r.range)),
    ...ports(r, "from_port", "to_port"),
    cidrIpv4: items(getValue(r, "cidr_blocks")),
    cidrIpv6: items(getValue(r, "ipv6_cidr_blocks")),
    prefixListIds: items(getValue(r, "prefix_list_ids")),
    peerGroups: peers,
    range: r.range ?? fallback,
    exists,
  };
}

/** `aws_security_group_rule{type, …}`: the same fields as an inline block, one peer group at most. */
function legacyRule(
  a: ObjectValue,
  range: SecurityGroupRule["range"],
  exists: true | "unknown",
): SecurityGroupRule | undefined {
  const type = getValue(a, "type");
  const direction =
    type?.kind === "string" && (type.value === "ingress" || type.value === "egress") ? type.value : undefined;
  if (!direction) return undefined;
  const peers: PeerGroup[] = items(getValue(a, "source_security_group_id")).map((value) => ({ value, self: false }));
  const self = getValue(a, "self");
  if (isTrue(self)) peers.push({ value: self!, self: true });
  return {
    direction,
    protocol: normalizeProtocol(getValue(a, "protocol") ?? absent("protocol", range)),
    ...ports(a, "from_port", "to_port"),
    cidrIpv4: items(getValue(a, "cidr_blocks")),
    cidrIpv6: items(getValue(a, "ipv6_cidr_blocks")),
    prefixListIds: items(getValue(a, "prefix_list_ids")),
    peerGroups: peers,
    range,
    exists,
  };
}

/** `aws_vpc_security_group_ingress_rule` / `_egress_rule`: one peer of one kind per resource. */
function vpcRule(
  direction: "ingress" | "egress",
  a: ObjectValue,
  range: SecurityGroupRule["range"],
  exists: true | "unknown",
): SecurityGroupRule {
  return {
    direction,
    protocol: normalizeProtocol(getValue(a, "ip_protocol") ?? absent("ip_protocol", range)),
    ...ports(a, "from_port", "to_port"),
    cidrIpv4: items(getValue(a, "cidr_ipv4")),
    cidrIpv6: items(getValue(a, "cidr_ipv6")),
    prefixListIds: items(getValue(a, "prefix_list_id")),
    peerGroups: items(getValue(a, "referenced_security_group_id")).map((value) => ({ value, self: false })),
    range,
    exists,
  };
}

function inlineAclEntry(
  egress: boolean,
  e: ObjectValue,
  fallback: NetworkAclEntry["range"],
  exists: true | "unknown",
): NetworkAclEntry {
  return {
    egress,
    ruleNumber: getValue(e, "rule_no"),
    protocol: optional(getValue(e, "protocol"), normalizeProtocol),
    action: lowerCase(getValue(e, "action")),
    cidrIpv4: getValue(e, "cidr_block"),
    cidrIpv6: getValue(e, "ipv6_cidr_block"),
    fromPort: getValue(e, "from_port"),
    toPort: getValue(e, "to_port"),
    range: e.range ?? fallback,
    exists,
  };
}

/** An attachment of managed policies (by ARN) to roles (by name). */
function attachmentFacet(base: FacetBase, roles: Value, arns: Value[], exclusive: boolean): Facet {
  return childFacet(base, { value: roles, kind: "iam-role", expects: "name" }, (role, attachedExists) =>
    arns.map((arn) => {
      role.managedPolicyArns.push({
        arn,
        range: arn.range,
        facet: base.id,
        ...(exclusive ? { exclusive: true } : {}),
        exists: attachedExists,
      });
      return { ...policyLink(role.id, "attached-policy", arn, attachedExists), facet: base.id };
    }),
  );
}

function policyLink(
  from: string,
  kind: "attached-policy" | "permissions-boundary",
  arn: Value,
  exists: true | "unknown",
): PendingLink {
  return { from, kind, value: arn, targets: ["iam-policy"], expects: "arn", exists, externalOk: isAwsManagedArn };
}

function ports(r: ObjectValue, from: string, to: string): { fromPort?: Value; toPort?: Value } {
  const out: { fromPort?: Value; toPort?: Value } = {};
  const f = getValue(r, from);
  const t = getValue(r, to);
  if (f !== undefined && f.kind !== "null") out.fromPort = f;
  if (t !== undefined && t.kind !== "null") out.toPort = t;
  return out;
}

const optional = <T>(value: Value | undefined, f: (v: Value) => T): T | undefined =>
  value === undefined ? undefined : f(value);
