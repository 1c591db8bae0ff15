/**
 * The normalized resource graph (DESIGN.md, "The normalized graph"):
 * provider-neutral nodes and typed edges. Rules read only this; the adapters in
 * `adapters/` build it from Terraform instances and CloudFormation resources,
 * and `build.ts` links it.
 *
 * Conventions every rule can rely on:
 * - Every fact a rule reads is an `Attribute`: the Value (with the range it was
 *   written at) and the range of the attribute's key, so that a finding points
 *   at the exact attribute. A provider default is a known Value *without* a
 *   range and an Attribute without `keyRange` (nothing was written).
 * - An attribute that is absent (`undefined`) was not written and has no
 *   default that matters; an attribute whose value is Unknown could not be
 *   determined statically (a rule reports "could not verify").
 * - Links between nodes are `Edge`s, never ids to chase by hand: use the query
 *   helpers in `graph.ts`, which return what they found plus the Unknowns they
 *   met (`Resolved`).
 * - Nothing here says which language a fact came from; `sourceType` is for
 *   messages only.
 */
import type { SourceRange } from "../core/range.js";
import type { UnknownReason, UnknownValue, Value } from "../core/value.js";

/** A value as a rule sees it: the value and where the attribute holding it is written. */
export interface Attribute {
  value: Value;
  /** The attribute's (or property's) key, e.g. `vpc_config` / `VpcConfig`; absent for a provider default. */
  keyRange?: SourceRange;
}

/** Where a transform job or model is declared: as a resource, or as a step of a workflow definition. */
export type Origin = "resource" | "step-functions" | "pipeline" | "scheduler";

interface NodeBase {
  /** Stable across runs: the source resource's id (`<root>:<address>`, `<file>#<LogicalId>`), or derived from it. */
  id: string;
  /** Display name: a Terraform address, a CloudFormation logical id, or a CDK path. */
  name: string;
  /** The block header (Terraform) or logical-ID key (CloudFormation): where "something is missing" findings point. */
  range: SourceRange;
  /** The source resource type (`aws_sagemaker_model`, `AWS::SageMaker::Model`), for messages only. */
  sourceType: string;
  /**
   * `"unknown"` when whether the resource is created depends on something not
   * known statically (a CloudFormation condition, a Terraform `count` over an
   * unknown value). Resources known not to exist are not in the graph.
   */
  exists: true | "unknown";
  /**
   * The node stands for every instance of a resource whose number of
   * instances is not known statically (a Terraform `count`/`for_each` over an
   * unknown value, DESIGN.md): what it says holds for each of them, and there
   * may be any number of them, none included.
   */
  symbolic?: true;
  /** Module call sites that instantiate the resource, outermost first: related locations for findings. */
  moduleCalls?: SourceRange[];
  /**
   * Set on nodes AWS creates with a VPC, without a declaration of their own:
   * its main route table (when the configuration can name it), its default
   * security group (when something references it). Their `range` is the
   * VPC's header.
   */
  implicit?: "main-route-table" | "default-security-group";
  /**
   * The configuration unit the node is declared in — one Terraform module
   * instance or one CloudFormation template — within which nodes name each
   * other by local references (what a suggested fix writes). Absent for nodes
   * of workflow definitions.
   */
  declaredIn?: string;
  /**
   * Set (to the reason) when the node may declare less than its source does: its
   * file did not parse completely, so what the parser's recovery kept is only
   * part of it. The runner drops every error or warning about the node (whose
   * `resource` names it, or at its header): the rules need not ask.
   */
  incomplete?: string;
}

/** A policy document (IAM, endpoint, bucket policy): an object Value when known, with the range of every part. */
export interface PolicyDocument extends Attribute {}

// ---------------------------------------------------------------------------
// SageMaker

export interface ModelContainer {
  /** The `primary_container` / `PrimaryContainer` or `container[i]` / `Containers[i]` block. */
  range?: SourceRange;
  image?: Attribute;
  modelDataUrl?: Attribute;
}

export interface ModelNode extends NodeBase {
  kind: "model";
  origin: Origin;
  /** For a model built by a workflow step: the workflow resource's id. */
  workflowId?: string;
  /** The model's name as jobs refer to it, when set in the configuration. */
  modelName?: Attribute;
  executionRoleArn?: Attribute;
  /**
   * Absent when the model has no VPC configuration at all. `block` is set when
   * the configuration itself is Unknown (a `dynamic` block over unknown data).
   * Links: `in-subnet` and `has-security-group` edges.
   */
  vpcConfig?: {
    keyRange?: SourceRange;
    block?: UnknownValue;
    subnets?: Attribute;
    securityGroupIds?: Attribute;
  };
  /** Default: false (no range). */
  enableNetworkIsolation?: Attribute;
  /** The primary container first, then the others in order. */
  containers: ModelContainer[];
}

/** A section of a job request (`TransformOutput`, …): its key, for "missing inside" findings. */
export interface Section {
  keyRange?: SourceRange;
}

export interface TransformJobNode extends NodeBase {
  kind: "transform-job";
  origin: Origin;
  /** For a workflow step: the workflow resource's id. */
  workflowId?: string;
  /** The `ModelName` the job runs. Link: `uses-model`. */
  modelName?: Attribute;
  input?: Section & { s3Uri?: Attribute };
  output?: Section & { s3OutputPath?: Attribute; kmsKeyId?: Attribute };
  resources?: Section & { instanceCount?: Attribute; instanceType?: Attribute; volumeKmsKeyId?: Attribute };
  dataCapture?: Section & { destinationS3Uri?: Attribute; kmsKeyId?: Attribute };
}

// ---------------------------------------------------------------------------
// Network

export interface VpcNode extends NodeBase {
  kind: "vpc";
  cidrBlock?: Attribute;
  ipv4NetmaskLength?: Attribute;
  /** Default true (both providers). */
  enableDnsSupport?: Attribute;
  /** Default false (Terraform `enable_dns_hostnames`; CloudFormation for a non-default VPC). */
  enableDnsHostnames?: Attribute;
  /** An account's default VPC (`aws_default_vpc`): its subnets are public. */
  isDefault?: boolean;
  /**
   * Whether the configuration can name the VPC's main route table
   * (Terraform: `main_route_table_id`, `aws_default_route_table`,
   * `aws_main_route_table_association`). CloudFormation cannot: a subnet with no
   * explicit association there uses a table the template cannot see.
   * Links: `main-route-table`, `dhcp-options`.
   */
  mainRouteTableNameable: boolean;
}

export interface SubnetNode extends NodeBase {
  kind: "subnet";
  /** Link: `in-vpc`. */
  vpcId?: Attribute;
  cidrBlock?: Attribute;
  ipv4NetmaskLength?: Attribute;
  ipv6CidrBlock?: Attribute;
  /** Default false. */
  ipv6Native?: Attribute;
  availabilityZone?: Attribute;
  /** Links: `associated-route-table`, `network-acl`. */
}

export type RouteTargetKind = "nat-gateway" | "internet-gateway" | "vpc-endpoint" | "other" | "unknown";

export interface Route {
  destinationCidrBlock?: Attribute;
  destinationIpv6CidrBlock?: Attribute;
  destinationPrefixListId?: Attribute;
  target: {
    /**
     * What the route sends traffic to: from the referenced node's kind when the
     * target is in the scan, else from the attribute used (`nat_gateway_id`,
     * `NatGatewayId`) or the literal's prefix (`igw-`, `nat-`, `vpce-`); a
     * `gateway_id` that is neither is `unknown`.
     */
    kind: RouteTargetKind;
    attribute?: Attribute;
    /** The target node, when the reference resolved (also a `route-target` edge). */
    node?: string;
  };
  /** The inline `route` block, or the standalone route resource's header. */
  range: SourceRange;
  /** The id of the standalone route resource (`aws_route`, `AWS::EC2::Route`) that declared it. */
  facet?: string;
  exists: true | "unknown";
}

export interface RouteTableNode extends NodeBase {
  kind: "route-table";
  /** Link: `in-vpc`. */
  vpcId?: Attribute;
  /** Inline and standalone routes; the local route is implied and not listed. */
  routes: Route[];
  /** Route sets that could not be determined (an inline `route` attribute that is Unknown). */
  unknownRoutes: UnknownValue[];
}

export interface VpcEndpointNode extends NodeBase {
  kind: "vpc-endpoint";
  /** Link: `in-vpc`. */
  vpcId?: Attribute;
  /** E.g. `com.amazonaws.us-east-1.s3`; an Unknown string may still carry its known prefix and suffix. */
  serviceName?: Attribute;
  /** `Gateway` (the default, no range), `Interface`, `GatewayLoadBalancer`… */
  endpointType?: Attribute;
  /** Links: `endpoint-route-table` (inline and standalone associations). */
  routeTableIds?: Attribute;
  /** Link: `endpoint-subnet`. */
  subnetIds?: Attribute;
  /** Link: `endpoint-security-group`. */
  securityGroupIds?: Attribute;
  /** Default false. */
  privateDnsEnabled?: Attribute;
  /**
   * The endpoint policy: inline, or from a standalone policy resource (then
   * `policyFacet` names it). Absent = the default full-access policy.
   */
  policy?: PolicyDocument;
  policyFacet?: string;
}

export type Protocol = "-1" | "tcp" | "udp" | "icmp" | "icmpv6" | string;

/** A peer security group of a rule. */
export interface PeerGroup {
  /** The value written (a reference, a literal `sg-…` id, or the `self = true` flag). */
  value: Value;
  /** The rule names its own group (`self = true`, or a reference that resolves to the owning group). */
  self: boolean;
  /** The peer group's node id, once resolved (also an `sg-rule-peer` edge). */
  node?: string;
}

export interface SecurityGroupRule {
  direction: "ingress" | "egress";
  /**
   * Normalized: `-1` for all protocols (`-1`, `all`, `"-1"`), else lower-case
   * `tcp`/`udp`/`icmp`/`icmpv6` (numbers 6/17/1/58 mapped), else the number as
   * a string. Unknown stays Unknown. The value keeps its source range.
   */
  protocol: Value;
  /** As written; AWS ignores ports for protocol `-1`. Absent = not written. */
  fromPort?: Value;
  toPort?: Value;
  /** Every list holds one Value per peer; an Unknown item stands for peers that cannot be determined. */
  cidrIpv4: Value[];
  cidrIpv6: Value[];
  /** Prefix list ids; one referencing an S3 endpoint's prefix list also yields an `sg-rule-prefix-list` edge. */
  prefixListIds: Value[];
  /**
   * What each of `prefixListIds` is known to be, in the same order: the AWS
   * service name (`com.amazonaws.<region>.s3`, possibly an Unknown that keeps
   * its known prefix and suffix) when the id comes from an endpoint in the scan
   * (`aws_vpc_endpoint.s3.prefix_list_id`) or from a prefix-list data source
   * with a known name; undefined where nothing is known.
   */
  prefixListServices?: (Value | undefined)[];
  peerGroups: PeerGroup[];
  /** The inline block, or the standalone rule resource's header; for the implicit rule, the group's header. */
  range: SourceRange;
  /** The id of the standalone rule resource that declared it. */
  facet?: string;
  /**
   * `default-egress`: the allow-all egress AWS adds to a new group, which the
   * provider keeps (CloudFormation without inline `SecurityGroupEgress`).
   * Terraform removes it, so Terraform groups never have this rule.
   * `default-ingress`: the all-traffic ingress from itself of a VPC's default
   * security group that no resource manages.
   */
  implicit?: "default-egress" | "default-ingress";
  exists: true | "unknown";
}

export interface SecurityGroupNode extends NodeBase {
  kind: "security-group";
  /** Link: `in-vpc`. Absent = the group lands in the default VPC. */
  vpcId?: Attribute;
  groupName?: Attribute;
  /** All rules from inline and standalone forms, plus the implicit default egress where kept. */
  rules: SecurityGroupRule[];
  /** Rule sets that could not be determined (an inline rule list that is Unknown). */
  unknownRules: UnknownValue[];
  /** The account's default group of a VPC (`aws_default_security_group`). */
  isDefault?: boolean;
}

export interface NatGatewayNode extends NodeBase {
  kind: "nat-gateway";
  /** `public` (the default) or `private` (no internet). */
  connectivityType?: Attribute;
  /** Link: `in-subnet`. */
  subnetId?: Attribute;
}

/**
 * A SageMaker endpoint configuration (real-time inference): the models its
 * production and shadow variants serve. Link: `serves-model` (by name).
 */
export interface EndpointConfigNode extends NodeBase {
  kind: "endpoint-config";
  /** Each variant's `ModelName`. */
  modelNames: Attribute[];
}

export interface InternetGatewayNode extends NodeBase {
  kind: "internet-gateway";
  /** Link: `in-vpc` (inline `vpc_id`, or an attachment resource). */
  vpcId?: Attribute;
}

export interface NetworkAclEntry {
  egress: boolean;
  ruleNumber?: Value;
  /** Normalized like security-group protocols. */
  protocol?: Value;
  /** `allow` | `deny` (lower-cased). */
  action?: Value;
  cidrIpv4?: Value;
  cidrIpv6?: Value;
  fromPort?: Value;
  toPort?: Value;
  range: SourceRange;
  facet?: string;
  exists: true | "unknown";
}

export interface NetworkAclNode extends NodeBase {
  kind: "network-acl";
  /** Link: `in-vpc`. */
  vpcId?: Attribute;
  /** Declared entries; the final implicit deny-all (`*`) is not listed. */
  entries: NetworkAclEntry[];
  unknownEntries: UnknownValue[];
  /** The VPC's default network ACL, managed by `aws_default_network_acl`. */
  isDefault?: boolean;
}

export interface DhcpOptionsNode extends NodeBase {
  kind: "dhcp-options";
  domainNameServers?: Attribute;
  domainName?: Attribute;
}

// ---------------------------------------------------------------------------
// IAM and S3

export interface InlinePolicy {
  name?: Attribute;
  document: PolicyDocument;
  /** The inline block / property entry, or the standalone policy resource's header. */
  range: SourceRange;
  /** The standalone resource (`aws_iam_role_policy`, `AWS::IAM::Policy`, `AWS::IAM::RolePolicy`) that declared it. */
  facet?: string;
  exists: true | "unknown";
}

/** A managed policy attached to a role, by ARN; `attached-policy` edges point at the ones declared in the scan. */
export interface AttachedPolicyArn {
  arn: Value;
  range?: SourceRange;
  /** The attachment resource (`aws_iam_role_policy_attachment`, `AWS::IAM::ManagedPolicy.Roles`, …). */
  facet?: string;
  /** The attachment names the role's complete set of managed policies (`aws_iam_role_policy_attachments_exclusive`). */
  exclusive?: boolean;
  exists: true | "unknown";
}

export interface IamRoleNode extends NodeBase {
  kind: "iam-role";
  roleName?: Attribute;
  trustPolicy?: PolicyDocument;
  inlinePolicies: InlinePolicy[];
  /** Inline policy lists that could not be determined (a `Policies` value or `dynamic "inline_policy"` that is Unknown). */
  unknownInlinePolicies: UnknownValue[];
  /** Every managed policy ARN: AWS-managed literals, references to policies in the scan, attachments. */
  managedPolicyArns: AttachedPolicyArn[];
  /** Link: `permissions-boundary` when the policy is in the scan. */
  permissionsBoundary?: Attribute;
}

export interface IamPolicyNode extends NodeBase {
  kind: "iam-policy";
  policyName?: Attribute;
  document?: PolicyDocument;
}

export interface BucketPolicy {
  document: PolicyDocument;
  range: SourceRange;
  /** The standalone bucket-policy resource, when not inline. */
  facet?: string;
  exists: true | "unknown";
}

export interface S3BucketNode extends NodeBase {
  kind: "s3-bucket";
  /** Absent when the provider generates the name. */
  bucketName?: Attribute;
  policies: BucketPolicy[];
}

export type GraphNode =
  | ModelNode
  | TransformJobNode
  | VpcNode
  | SubnetNode
  | RouteTableNode
  | VpcEndpointNode
  | SecurityGroupNode
  | NatGatewayNode
  | InternetGatewayNode
  | NetworkAclNode
  | DhcpOptionsNode
  | IamRoleNode
  | IamPolicyNode
  | S3BucketNode
  | EndpointConfigNode;
export type NodeKind = GraphNode["kind"];
export type NodeOfKind<K extends NodeKind> = Extract<GraphNode, { kind: K }>;

// ---------------------------------------------------------------------------
// Edges

/**
 * Edge kinds, each `from → to`:
 * - `uses-model`: transform-job → model
 * - `serves-model`: endpoint-config → model (real-time inference)
 * - `execution-role`: model → iam-role
 * - `in-subnet`: model | nat-gateway → subnet
 * - `has-security-group`: model → security-group
 * - `in-vpc`: subnet | security-group | route-table | vpc-endpoint | internet-gateway | network-acl → vpc
 * - `associated-route-table`: subnet → route-table (explicit association)
 * - `main-route-table`: vpc → route-table
 * - `endpoint-route-table`: vpc-endpoint → route-table
 * - `endpoint-subnet`: vpc-endpoint → subnet
 * - `endpoint-security-group`: vpc-endpoint → security-group
 * - `route-target`: route-table → nat-gateway | internet-gateway | vpc-endpoint
 * - `attached-policy`: iam-role → iam-policy
 * - `permissions-boundary`: iam-role → iam-policy
 * - `dhcp-options`: vpc → dhcp-options
 * - `network-acl`: subnet → network-acl
 * - `sg-rule-peer`: security-group → security-group (a rule's peer; from = to for self)
 * - `sg-rule-prefix-list`: security-group → vpc-endpoint (a rule names the endpoint's prefix list)
 */
export type EdgeKind =
  | "uses-model"
  | "serves-model"
  | "execution-role"
  | "in-subnet"
  | "has-security-group"
  | "in-vpc"
  | "associated-route-table"
  | "main-route-table"
  | "endpoint-route-table"
  | "endpoint-subnet"
  | "endpoint-security-group"
  | "route-target"
  | "attached-policy"
  | "permissions-boundary"
  | "dhcp-options"
  | "network-acl"
  | "sg-rule-peer"
  | "sg-rule-prefix-list";

/**
 * How an edge was established:
 * - `reference`: a reference to the target (TF traversal, CFN `Ref`/`GetAtt`);
 * - `reference-to-arn`: a reference that yields the target's ARN where a name
 *   or id is expected (CloudFormation `Ref` to a model gives its ARN) — linked,
 *   but worth a note;
 * - `literal-name`: a literal equal to the target's declared name (a fallback
 *   the finding discloses);
 * - `literal-id`: a literal id (`sg-…`) equal to an id declared in the scan.
 */
/**
 * `state-path`: a Step Functions job and a `createModel` task of the same
 * machine whose model names are the same state path (`$.model`), which a
 * state between them may change: a fallback the finding discloses.
 */
export type EdgeVia = "reference" | "reference-to-arn" | "literal-name" | "literal-id" | "state-path";

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
  via: EdgeVia;
  /** The value that established the edge. */
  range?: SourceRange;
  /** The standalone resource that contributed the edge (an association, attachment or rule resource). */
  facet?: string;
  /** The edge exists only if its source (or facet) is created, which is not known. */
  exists: true | "unknown";
}

/**
 * A link that could not be followed: the value points outside the scan (a
 * literal `subnet-…` id → `EXTERNAL_ID`, a data source, a variable without
 * default), or a standalone resource whose parent could not be found.
 */
export interface Unresolved {
  /** The node that holds the link, or the standalone resource's id when its parent is unknown. */
  from: string;
  /** The edge kind the link would have made, or `facet` for a standalone resource without parent. */
  kind: EdgeKind | "facet";
  /** The Unknown the link met (an unmatched literal becomes `EXTERNAL_ID`). */
  value: UnknownValue;
  reason: UnknownReason;
  /** For a facet: its display name and type, and the kinds of node it would have contributed to. */
  name?: string;
  sourceType?: string;
  parentKinds?: NodeKind[];
  range?: SourceRange;
}

export interface Graph {
  nodes: GraphNode[];
  edges: Edge[];
  unresolved: Unresolved[];
  /**
   * Places where transform jobs or models may be declared but could not be read
   * (a workflow definition stored in S3, one that is not valid JSON): nothing
   * there was checked.
   */
  unreadable?: { range?: SourceRange; message: string }[];
  /**
   * Where a limit left a file, module, nested stack or the rest of a template
   * unread or unevaluated (SMBT020): what the graph lacks may be there, so no
   * rule may conclude from an absence (no job uses this model) while it is set.
   */
  incomplete?: { range: SourceRange; message: string }[];
}
