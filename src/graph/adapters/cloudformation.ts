/**
 * Maps CloudFormation resources onto graph nodes and facets. Everything
 * CloudFormation-specific is decided here:
 * - what `Ref` returns per type (a model's ARN, a role's name, a bucket's name,
 *   a managed policy's ARN; the id otherwise) and which `GetAtt` attributes
 *   identify a resource;
 * - defaults (no range): `EnableDnsSupport` true, `EnableDnsHostnames` false,
 *   `VpcEndpointType` Gateway, `PrivateDnsEnabled` false, `EnableNetworkIsolation`
 *   false, NAT `ConnectivityType` public, `NetworkAclEntry.Egress` false;
 * - a security group keeps AWS's default allow-all egress unless inline
 *   `SecurityGroupEgress` lists at least one rule; standalone
 *   `AWS::EC2::SecurityGroupEgress` resources add to it without removing it;
 * - the main route table cannot be named in a template.
 * Resources whose condition is false are skipped; an undecidable condition
 * makes the node's `exists` "unknown".
 */
import { bool, getEntry, getValue, str, type ObjectValue, type Value } from "../../core/value.js";
import type { CfnResource } from "../../cloudformation/template.js";
import type { Facet, GraphSources, PendingLink, RefYield, SourceNode } from "../build.js";
import type {
  AttachedPolicyArn,
  GraphNode,
  NetworkAclEntry,
  PeerGroup,
  Route,
  RouteTargetKind,
  SecurityGroupNode,
  SecurityGroupRule,
} from "../types.js";
import {
  absent,
  attribute,
  attributeOr,
  block,
  blocks,
  isAwsManagedArn,
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
  securityGroupRuleLinks,
  targetKindOfLiteral,
  type FacetBase,
} from "./contribute.js";

/** What `Ref` (key `""`) and identifying `GetAtt` attributes yield, per type. */
const REF_YIELDS: Record<string, Record<string, RefYield>> = {
  "AWS::SageMaker::Model": { "": "arn", ModelName: "name", ModelArn: "arn" },
  "AWS::EC2::VPC": { "": "id", VpcId: "id", DefaultSecurityGroup: "default-security-group" },
  "AWS::EC2::Subnet": { "": "id", SubnetId: "id" },
  "AWS::EC2::RouteTable": { "": "id", RouteTableId: "id" },
  "AWS::EC2::VPCEndpoint": { "": "id", Id: "id" },
  "AWS::EC2::SecurityGroup": { "": "id", GroupId: "id" },
  "AWS::EC2::NatGateway": { "": "id", NatGatewayId: "id" },
  "AWS::EC2::InternetGateway": { "": "id", InternetGatewayId: "id" },
  "AWS::EC2::DHCPOptions": { "": "id", DhcpOptionsId: "id" },
  "AWS::EC2::NetworkAcl": { "": "id", Id: "id" },
  "AWS::IAM::Role": { "": "name", Arn: "arn", RoleId: "id" },
  "AWS::IAM::ManagedPolicy": { "": "arn", PolicyArn: "arn" },
  "AWS::S3::Bucket": { "": "name", Arn: "arn" },
};

/** Route target properties and what each sends traffic to. */
const ROUTE_TARGETS: [string, RouteTargetKind | "gateway"][] = [
  ["NatGatewayId", "nat-gateway"],
  ["GatewayId", "gateway"],
  ["VpcEndpointId", "vpc-endpoint"],
  ["EgressOnlyInternetGatewayId", "other"],
  ["TransitGatewayId", "other"],
  ["VpcPeeringConnectionId", "other"],
  ["NetworkInterfaceId", "other"],
  ["InstanceId", "other"],
  ["CarrierGatewayId", "other"],
  ["LocalGatewayId", "other"],
  ["CoreNetworkArn", "other"],
];

/** Resource types whose id, as a `GatewayId`, says what the route targets. */
const GATEWAY_TYPES: Record<string, RouteTargetKind> = {
  "AWS::EC2::InternetGateway": "internet-gateway",
  "AWS::EC2::VPNGateway": "other",
  "AWS::EC2::NatGateway": "nat-gateway",
  "AWS::EC2::VPCEndpoint": "vpc-endpoint",
};

export function cloudFormationSources(resources: readonly CfnResource[]): GraphSources {
  const typeOf = new Map(resources.map((r) => [r.id, r.type]));
  const out: GraphSources = { nodes: [], facets: [] };
  for (const resource of resources) {
    if (resource.exists === false) continue;
    mapResource(resource, typeOf, out);
  }
  return out;
}

function mapResource(resource: CfnResource, typeOf: ReadonlyMap<string, string>, out: GraphSources): void {
  const p: ObjectValue = resource.properties;
  const exists: true | "unknown" = resource.exists === "unknown" ? "unknown" : true;
  const base = {
    id: resource.id,
    name: resource.displayName ?? resource.logicalId,
    range: resource.headerRange,
    sourceType: resource.type,
    exists,
  };
  const facetBase: FacetBase = base;
  const refYields = REF_YIELDS[resource.type] ?? {};
  const add = (node: GraphNode, links: PendingLink[] = [], literals: SourceNode["literals"] = []) =>
    out.nodes.push({ node, refYields, links: [...fieldLinks(node), ...links], literals });
  const facet = (f: Facet) => out.facets!.push(f);

  switch (resource.type) {
    case "AWS::SageMaker::Model": {
      const vpcEntry = getEntry(p, "VpcConfig");
      const vpc = vpcEntry?.value;
      const subnets = attribute(vpc, "Subnets");
      const groups = attribute(vpc, "SecurityGroupIds");
      const role = attribute(p, "ExecutionRoleArn");
      const modelName = attribute(p, "ModelName");
      const containers = [block(p, "PrimaryContainer")?.value, ...blocks(p, "Containers").items].filter(
        (c): c is ObjectValue => c !== undefined,
      );
      add(
        {
          ...base,
          kind: "model",
          origin: "resource",
          modelName,
          executionRoleArn: role,
          vpcConfig: vpcEntry
            ? {
                keyRange: vpcEntry.keyRange,
                ...(vpc?.kind === "unknown" ? { block: vpc } : {}),
                subnets,
                securityGroupIds: groups,
              }
            : undefined,
          enableNetworkIsolation: attributeOr(p, "EnableNetworkIsolation", bool(false)),
          containers: containers.map((c) => ({
            range: c.range,
            image: attribute(c, "Image"),
            modelDataUrl: attribute(c, "ModelDataUrl"),
          })),
        },
        [],
        knownName(modelName),
      );
      return;
    }
    case "AWS::SageMaker::TransformJob": {
      const modelName = attribute(p, "ModelName");
      const input = getEntry(p, "TransformInput");
      const output = getEntry(p, "TransformOutput");
      const resources = getEntry(p, "TransformResources");
      const capture = getEntry(p, "DataCaptureConfig");
      const s3DataSource = getValue(getValue(input?.value, "DataSource"), "S3DataSource");
      add(
        {
          ...base,
          kind: "transform-job",
          origin: "resource",
          modelName,
          input: input && { keyRange: input.keyRange, s3Uri: attribute(s3DataSource, "S3Uri") },
          output: output && {
            keyRange: output.keyRange,
            s3OutputPath: attribute(output.value, "S3OutputPath"),
            kmsKeyId: attribute(output.value, "KmsKeyId"),
          },
          resources: resources && {
            keyRange: resources.keyRange,
            instanceCount: attribute(resources.value, "InstanceCount"),
            instanceType: attribute(resources.value, "InstanceType"),
            volumeKmsKeyId: attribute(resources.value, "VolumeKmsKeyId"),
          },
          dataCapture: capture && {
            keyRange: capture.keyRange,
            destinationS3Uri: attribute(capture.value, "DestinationS3Uri"),
            kmsKeyId: attribute(capture.value, "KmsKeyId"),
          },
        },
        modelName
          ? [{ from: base.id, kind: "uses-model", value: modelName.value, targets: ["model"], expects: "name", exists }]
          : [],
      );
      return;
    }
    case "AWS::EC2::VPC":
      add({
        ...base,
        kind: "vpc",
        cidrBlock: attribute(p, "CidrBlock"),
        ipv4NetmaskLength: attribute(p, "Ipv4NetmaskLength"),
        enableDnsSupport: attributeOr(p, "EnableDnsSupport", bool(true)),
        enableDnsHostnames: attributeOr(p, "EnableDnsHostnames", bool(false)),
        mainRouteTableNameable: false,
      });
      return;
    case "AWS::EC2::Subnet": {
      const vpcId = attribute(p, "VpcId");
      add({
        ...base,
        kind: "subnet",
        vpcId,
        cidrBlock: attribute(p, "CidrBlock"),
        ipv4NetmaskLength: attribute(p, "Ipv4NetmaskLength"),
        ipv6CidrBlock: attribute(p, "Ipv6CidrBlock"),
        ipv6Native: attributeOr(p, "Ipv6Native", bool(false)),
        availabilityZone: attribute(p, "AvailabilityZone"),
      });
      return;
    }
    case "AWS::EC2::RouteTable": {
      const vpcId = attribute(p, "VpcId");
      add({ ...base, kind: "route-table", vpcId, routes: [], unknownRoutes: [] });
      return;
    }
    case "AWS::EC2::Route": {
      const route: Route = {
        destinationCidrBlock: attribute(p, "DestinationCidrBlock"),
        destinationIpv6CidrBlock: attribute(p, "DestinationIpv6CidrBlock"),
        destinationPrefixListId: attribute(p, "DestinationPrefixListId"),
        target: routeTarget(p, typeOf),
        range: base.range,
        facet: base.id,
        exists,
      };
      facet(
        childFacet(
          facetBase,
          { value: getValue(p, "RouteTableId") ?? str(""), kind: "route-table", expects: "id" },
          (table, routeExists) => addRoute(table, route, routeExists),
        ),
      );
      return;
    }
    case "AWS::EC2::SubnetRouteTableAssociation":
      facet(
        associationFacet(
          facetBase,
          { value: getValue(p, "SubnetId") ?? absent("SubnetId", base.range), kinds: ["subnet"], expects: "id" },
          {
            kind: "associated-route-table",
            value: getValue(p, "RouteTableId"),
            targets: ["route-table"],
            expects: "id",
          },
        ),
      );
      return;
    case "AWS::EC2::VPCEndpoint": {
      const vpcId = attribute(p, "VpcId");
      const routeTableIds = attribute(p, "RouteTableIds");
      const subnetIds = attribute(p, "SubnetIds");
      const groupIds = attribute(p, "SecurityGroupIds");
      add({
        ...base,
        kind: "vpc-endpoint",
        vpcId,
        serviceName: attribute(p, "ServiceName"),
        endpointType: attributeOr(p, "VpcEndpointType", str("Gateway")),
        routeTableIds,
        subnetIds,
        securityGroupIds: groupIds,
        privateDnsEnabled: attributeOr(p, "PrivateDnsEnabled", bool(false)),
        policy: policyAttribute(p, "PolicyDocument"),
      });
      return;
    }
    case "AWS::EC2::SecurityGroup": {
      const vpcId = attribute(p, "VpcId");
      const ingress = blocks(p, "SecurityGroupIngress");
      const egress = blocks(p, "SecurityGroupEgress");
      const group: SecurityGroupNode = {
        ...base,
        kind: "security-group",
        vpcId,
        groupName: attribute(p, "GroupName"),
        rules: [
          ...ingress.items.map((r) => cfnRule("ingress", r, r.range ?? base.range, exists)),
          ...egress.items.map((r) => cfnRule("egress", r, r.range ?? base.range, exists)),
        ],
        unknownRules: [...ingress.unknowns, ...egress.unknowns],
      };
      // AWS's default egress stays unless the template lists egress rules inline.
      if (egress.items.length === 0 && egress.unknowns.length === 0)
        group.rules.push(defaultEgress(base.range, exists));
      add(group, [...group.rules.flatMap((r) => securityGroupRuleLinks(group, r))]);
      return;
    }
    case "AWS::EC2::SecurityGroupIngress":
    case "AWS::EC2::SecurityGroupEgress": {
      const direction = resource.type === "AWS::EC2::SecurityGroupIngress" ? "ingress" : "egress";
      facet(
        childFacet(
          facetBase,
          { value: getValue(p, "GroupId") ?? absent("GroupId", base.range), kind: "security-group", expects: "id" },
          (group, ruleExists) => {
            const rule = { ...cfnRule(direction, p, base.range, ruleExists), facet: base.id };
            group.rules.push(rule);
            return securityGroupRuleLinks(group, rule);
          },
        ),
      );
      return;
    }
    case "AWS::EC2::NatGateway": {
      const subnetId = attribute(p, "SubnetId");
      add({
        ...base,
        kind: "nat-gateway",
        subnetId,
        connectivityType: attributeOr(p, "ConnectivityType", str("public")),
      });
      return;
    }
    case "AWS::SageMaker::EndpointConfig": {
      const variants = ["ProductionVariants", "ShadowProductionVariants"].flatMap((key) => {
        const list = getValue(p, key);
        return list?.kind === "list" ? list.items : [];
      });
      const modelNames = variants.flatMap((v) => attribute(v, "ModelName") ?? []);
      add({ ...base, kind: "endpoint-config", modelNames });
      return;
    }
    case "AWS::EC2::InternetGateway":
      add({ ...base, kind: "internet-gateway" });
      return;
    case "AWS::EC2::VPCGatewayAttachment": {
      const gateway = getValue(p, "InternetGatewayId");
      if (!gateway) return; // a VPN gateway attachment: not a node kind of the graph
      facet(
        associationFacet(
          facetBase,
          { value: gateway, kinds: ["internet-gateway"], expects: "id" },
          { kind: "in-vpc", value: getValue(p, "VpcId"), targets: ["vpc"], expects: "id" },
        ),
      );
      return;
    }
    case "AWS::EC2::DHCPOptions":
      add({
        ...base,
        kind: "dhcp-options",
        domainNameServers: attribute(p, "DomainNameServers"),
        domainName: attribute(p, "DomainName"),
      });
      return;
    case "AWS::EC2::VPCDHCPOptionsAssociation":
      facet(
        associationFacet(
          facetBase,
          { value: getValue(p, "VpcId") ?? absent("VpcId", base.range), kinds: ["vpc"], expects: "id" },
          { kind: "dhcp-options", value: getValue(p, "DhcpOptionsId"), targets: ["dhcp-options"], expects: "id" },
        ),
      );
      return;
    case "AWS::EC2::NetworkAcl": {
      const vpcId = attribute(p, "VpcId");
      add({ ...base, kind: "network-acl", vpcId, entries: [], unknownEntries: [] });
      return;
    }
    case "AWS::EC2::NetworkAclEntry": {
      const portRange = getValue(p, "PortRange");
      const entry: NetworkAclEntry = {
        egress: getValue(p, "Egress")?.kind === "bool" ? (getValue(p, "Egress") as { value: boolean }).value : false,
        ruleNumber: getValue(p, "RuleNumber"),
        protocol: optional(getValue(p, "Protocol"), normalizeProtocol),
        action: lowerCase(getValue(p, "RuleAction")),
        cidrIpv4: getValue(p, "CidrBlock"),
        cidrIpv6: getValue(p, "Ipv6CidrBlock"),
        fromPort: getValue(portRange, "From"),
        toPort: getValue(portRange, "To"),
        range: base.range,
        facet: base.id,
        exists,
      };
      facet(
        childFacet(
          facetBase,
          {
            value: getValue(p, "NetworkAclId") ?? absent("NetworkAclId", base.range),
            kind: "network-acl",
            expects: "id",
          },
          (acl, entryExists) => void acl.entries.push({ ...entry, exists: entryExists }),
        ),
      );
      return;
    }
    case "AWS::EC2::SubnetNetworkAclAssociation":
      facet(
        associationFacet(
          facetBase,
          { value: getValue(p, "SubnetId") ?? absent("SubnetId", base.range), kinds: ["subnet"], expects: "id" },
          { kind: "network-acl", value: getValue(p, "NetworkAclId"), targets: ["network-acl"], expects: "id" },
        ),
      );
      return;
    case "AWS::IAM::Role": {
      const roleName = attribute(p, "RoleName");
      const boundary = attribute(p, "PermissionsBoundary");
      const arns: AttachedPolicyArn[] = items(getValue(p, "ManagedPolicyArns")).map((arn) => ({
        arn,
        range: arn.range,
        exists,
      }));
      const policies = blocks(p, "Policies");
      add(
        {
          ...base,
          kind: "iam-role",
          roleName,
          trustPolicy: policyAttribute(p, "AssumeRolePolicyDocument"),
          inlinePolicies: policies.items.map((policy) => ({
            name: attribute(policy, "PolicyName"),
            document: policyAttribute(policy, "PolicyDocument") ?? { value: absent("PolicyDocument", base.range) },
            range: policy.range ?? base.range,
            exists,
          })),
          unknownInlinePolicies: policies.unknowns,
          managedPolicyArns: arns,
          permissionsBoundary: boundary,
        },
        [
          ...arns.flatMap((a) => managedPolicyLink(base.id, a, exists)),
          ...(boundary
            ? [
                {
                  ...managedPolicyLink(base.id, { arn: boundary.value }, exists)[0]!,
                  kind: "permissions-boundary" as const,
                },
              ]
            : []),
        ],
        knownName(roleName),
      );
      return;
    }
    case "AWS::IAM::Policy":
    case "AWS::IAM::RolePolicy": {
      // An inline policy of one role (`RoleName`) or of several (`Roles`).
      const roles = resource.type === "AWS::IAM::Policy" ? "Roles" : "RoleName";
      const document = policyAttribute(p, "PolicyDocument") ?? { value: absent("PolicyDocument", base.range) };
      facet(
        childFacet(
          facetBase,
          { value: getValue(p, roles) ?? absent(roles, base.range), kind: "iam-role", expects: "name" },
          (role, policyExists) =>
            void role.inlinePolicies.push({
              name: attribute(p, "PolicyName"),
              document,
              range: base.range,
              facet: base.id,
              exists: policyExists,
            }),
        ),
      );
      return;
    }
    case "AWS::IAM::ManagedPolicy": {
      const policyName = attribute(p, "ManagedPolicyName");
      add(
        { ...base, kind: "iam-policy", policyName, document: policyAttribute(p, "PolicyDocument") },
        [],
        knownName(policyName),
      );
      const roles = getValue(p, "Roles");
      if (roles) {
        facet(
          childFacet(facetBase, { value: roles, kind: "iam-role", expects: "name" }, (role, attachedExists, range) => {
            const arn = refTo(base.id, base.name, range);
            role.managedPolicyArns.push({ arn, range, facet: base.id, exists: attachedExists });
            return [
              {
                from: role.id,
                kind: "attached-policy",
                value: arn,
                targets: ["iam-policy"],
                expects: "arn",
                facet: base.id,
                exists: attachedExists,
              },
            ];
          }),
        );
      }
      return;
    }
    case "AWS::S3::Bucket": {
      const bucketName = attribute(p, "BucketName");
      add({ ...base, kind: "s3-bucket", bucketName, policies: [] }, [], knownName(bucketName));
      return;
    }
    case "AWS::S3::BucketPolicy":
      facet(
        childFacet(
          facetBase,
          { value: getValue(p, "Bucket") ?? absent("Bucket", base.range), kind: "s3-bucket", expects: "name" },
          (bucket, policyExists) =>
            void bucket.policies.push({
              document: policyAttribute(p, "PolicyDocument") ?? { value: absent("PolicyDocument", base.range) },
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

/** A CloudFormation rule (inline entry or standalone resource) in the graph's form. */
function cfnRule(
  direction: "ingress" | "egress",
  r: Value,
  range: SecurityGroupRule["range"],
  exists: true | "unknown",
): SecurityGroupRule {
  const peerKey = direction === "ingress" ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
  const prefixKey = direction === "ingress" ? "SourcePrefixListId" : "DestinationPrefixListId";
  const peer = getValue(r, peerKey);
  const peerGroups: PeerGroup[] = peer ? [{ value: peer, self: false }] : [];
  return {
    direction,
    protocol: normalizeProtocol(getValue(r, "IpProtocol") ?? absent("IpProtocol", range)),
    ...optionalField("fromPort", getValue(r, "FromPort")),
    ...optionalField("toPort", getValue(r, "ToPort")),
    cidrIpv4: items(getValue(r, "CidrIp")),
    cidrIpv6: items(getValue(r, "CidrIpv6")),
    prefixListIds: items(getValue(r, prefixKey)),
    peerGroups,
    range,
    exists,
  };
}

/** The allow-all egress AWS adds to a new group (no range: nothing was written). */
export function defaultEgress(range: SecurityGroupRule["range"], exists: true | "unknown"): SecurityGroupRule {
  return {
    direction: "egress",
    protocol: str("-1"),
    cidrIpv4: [str("0.0.0.0/0")],
    cidrIpv6: [],
    prefixListIds: [],
    peerGroups: [],
    range,
    implicit: "default-egress",
    exists,
  };
}

function routeTarget(p: ObjectValue, typeOf: ReadonlyMap<string, string>): Route["target"] {
  for (const [key, kind] of ROUTE_TARGETS) {
    const target = attribute(p, key);
    if (!target) continue;
    if (kind !== "gateway") return { kind, attribute: target };
    const value = target.value;
    if (value.kind === "string") return { kind: targetKindOfLiteral(value.value), attribute: target };
    const referenced =
      value.kind === "unknown" && value.refs.length === 1 ? typeOf.get(value.refs[0]!.resource) : undefined;
    return { kind: (referenced === undefined ? undefined : GATEWAY_TYPES[referenced]) ?? "unknown", attribute: target };
  }
  return { kind: "unknown" };
}

function managedPolicyLink(
  from: string,
  attached: Pick<AttachedPolicyArn, "arn" | "facet">,
  exists: true | "unknown",
): PendingLink[] {
  return [
    {
      from,
      kind: "attached-policy",
      value: attached.arn,
      targets: ["iam-policy"],
      expects: "arn",
      exists,
      externalOk: isAwsManagedArn,
      ...(attached.facet ? { facet: attached.facet } : {}),
    },
  ];
}

const optional = <T>(value: Value | undefined, f: (v: Value) => T): T | undefined =>
  value === undefined ? undefined : f(value);
const optionalField = <K extends string>(key: K, value: Value | undefined): Partial<Record<K, Value>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, Value>);
