/**
 * What the AWS provider computes, for the resource types the rules read
 * (RULES.md). The provider schema is not available offline, so this is a
 * curated table (from the Terraform AWS provider documentation's "Attribute
 * Reference" sections): an attribute listed here that the configuration does
 * not set is Unknown (`COMPUTED`) when referenced; one not listed and not set
 * is null, or the provider default given here. Types not in the table treat
 * every attribute not set in configuration as computed.
 *
 * `blocks` lists the nested block types, which the `.tf.json` syntax cannot
 * tell apart from object-valued attributes without a schema.
 */
import type { Value } from "../core/value.js";
import { bool, str } from "../core/value.js";

export interface ResourceTypeInfo {
  computed: readonly string[];
  defaults?: Readonly<Record<string, Value>>;
  blocks?: readonly string[];
}

const TAGS = ["tags_all"];

export const RESOURCE_TYPES: Readonly<Record<string, ResourceTypeInfo>> = {
  aws_sagemaker_model: {
    computed: ["id", "arn", "name", ...TAGS],
    defaults: { enable_network_isolation: bool(false) },
    blocks: [
      "primary_container",
      "container",
      "vpc_config",
      "inference_execution_config",
      "image_config",
      "repository_auth_config",
      "model_data_source",
      "s3_data_source",
      "model_access_config",
      "multi_model_config",
    ],
  },
  aws_vpc: {
    computed: [
      "id",
      "arn",
      "cidr_block",
      "main_route_table_id",
      "default_network_acl_id",
      "default_security_group_id",
      "default_route_table_id",
      "dhcp_options_id",
      "owner_id",
      "ipv6_association_id",
      "ipv6_cidr_block",
      "ipv6_cidr_block_network_border_group",
      "enable_network_address_usage_metrics",
      ...TAGS,
    ],
    defaults: {
      enable_dns_support: bool(true),
      enable_dns_hostnames: bool(false),
      instance_tenancy: str("default"),
      assign_generated_ipv6_cidr_block: bool(false),
    },
  },
  aws_subnet: {
    computed: [
      "id",
      "arn",
      "availability_zone",
      "availability_zone_id",
      "cidr_block",
      "ipv6_cidr_block",
      "ipv6_cidr_block_association_id",
      "owner_id",
      ...TAGS,
    ],
    defaults: {
      map_public_ip_on_launch: bool(false),
      ipv6_native: bool(false),
      assign_ipv6_address_on_creation: bool(false),
    },
  },
  aws_route_table: { computed: ["id", "arn", "owner_id", "route", "propagating_vgws", ...TAGS], blocks: ["route"] },
  aws_route_table_association: { computed: ["id"] },
  aws_route: { computed: ["id", "instance_id", "instance_owner_id", "network_interface_id", "origin", "state"] },
  aws_main_route_table_association: { computed: ["id", "original_route_table_id"] },
  aws_default_route_table: {
    computed: ["id", "arn", "owner_id", "vpc_id", "route", "propagating_vgws", ...TAGS],
    blocks: ["route"],
  },
  aws_vpc_endpoint: {
    computed: [
      "id",
      "arn",
      "cidr_blocks",
      "dns_entry",
      "network_interface_ids",
      "owner_id",
      "prefix_list_id",
      "requester_managed",
      "state",
      "policy",
      "route_table_ids",
      "subnet_ids",
      "security_group_ids",
      "private_dns_enabled",
      "ip_address_type",
      "dns_options",
      ...TAGS,
    ],
    defaults: { vpc_endpoint_type: str("Gateway"), auto_accept: bool(false) },
    blocks: ["dns_options", "subnet_configuration", "timeouts"],
  },
  aws_vpc_endpoint_route_table_association: { computed: ["id"] },
  aws_vpc_endpoint_policy: { computed: ["id", "policy"] },
  aws_security_group: {
    computed: ["id", "arn", "owner_id", "name", "name_prefix", "ingress", "egress", "vpc_id", "description", ...TAGS],
    defaults: { revoke_rules_on_delete: bool(false) },
    blocks: ["ingress", "egress", "timeouts"],
  },
  aws_security_group_rule: { computed: ["id", "security_group_rule_id", "source_security_group_id"] },
  aws_vpc_security_group_ingress_rule: { computed: ["id", "arn", "security_group_rule_id", ...TAGS] },
  aws_vpc_security_group_egress_rule: { computed: ["id", "arn", "security_group_rule_id", ...TAGS] },
  aws_nat_gateway: {
    computed: [
      "id",
      "association_id",
      "network_interface_id",
      "private_ip",
      "public_ip",
      "secondary_private_ip_addresses",
      "secondary_private_ip_address_count",
      ...TAGS,
    ],
    defaults: { connectivity_type: str("public") },
  },
  aws_internet_gateway: { computed: ["id", "arn", "owner_id", "vpc_id", ...TAGS] },
  aws_iam_role: {
    computed: [
      "id",
      "arn",
      "create_date",
      "name",
      "name_prefix",
      "unique_id",
      "managed_policy_arns",
      "inline_policy",
      ...TAGS,
    ],
    defaults: { path: str("/"), force_detach_policies: bool(false) },
    blocks: ["inline_policy"],
  },
  aws_iam_role_policy: { computed: ["id", "name", "name_prefix"] },
  aws_iam_policy: {
    computed: ["id", "arn", "name", "name_prefix", "policy_id", "attachment_count", ...TAGS],
    defaults: { path: str("/") },
  },
  aws_iam_role_policy_attachment: { computed: ["id"] },
  aws_iam_policy_attachment: { computed: ["id"] },
  aws_s3_bucket: {
    computed: [
      "id",
      "arn",
      "bucket",
      "bucket_prefix",
      "bucket_domain_name",
      "bucket_regional_domain_name",
      "hosted_zone_id",
      "region",
      "website_endpoint",
      "website_domain",
      "policy",
      "acl",
      "grant",
      "versioning",
      "server_side_encryption_configuration",
      "object_lock_enabled",
      ...TAGS,
    ],
    blocks: [
      "versioning",
      "server_side_encryption_configuration",
      "rule",
      "apply_server_side_encryption_by_default",
      "logging",
      "lifecycle_rule",
      "cors_rule",
      "website",
      "grant",
      "replication_configuration",
      "object_lock_configuration",
    ],
  },
  aws_s3_bucket_policy: { computed: ["id"] },
  aws_sfn_state_machine: {
    computed: [
      "id",
      "arn",
      "creation_date",
      "status",
      "state_machine_version_arn",
      "revision_id",
      "description",
      "name",
      "name_prefix",
      "version_description",
      ...TAGS,
    ],
    defaults: { type: str("STANDARD"), publish: bool(false) },
    blocks: ["logging_configuration", "tracing_configuration", "encryption_configuration", "timeouts"],
  },
  aws_sagemaker_pipeline: {
    computed: ["id", "arn", ...TAGS],
    blocks: ["pipeline_definition_s3_location", "parallelism_configuration"],
  },
  aws_scheduler_schedule: {
    computed: ["id", "arn", "name", "name_prefix"],
    defaults: { group_name: str("default"), state: str("ENABLED") },
    blocks: [
      "flexible_time_window",
      "target",
      "dead_letter_config",
      "ecs_parameters",
      "eventbridge_parameters",
      "kinesis_parameters",
      "retry_policy",
      "sagemaker_pipeline_parameters",
      "pipeline_parameter",
      "sqs_parameters",
      "capacity_provider_strategy",
      "network_configuration",
      "placement_constraints",
      "placement_strategy",
    ],
  },
  aws_network_acl: {
    computed: ["id", "arn", "owner_id", "ingress", "egress", "subnet_ids", ...TAGS],
    blocks: ["ingress", "egress"],
  },
  aws_network_acl_rule: { computed: ["id"] },
  aws_vpc_dhcp_options: { computed: ["id", "arn", "owner_id", ...TAGS] },
  aws_vpc_dhcp_options_association: { computed: ["id"] },
  aws_kms_key: {
    computed: ["id", "arn", "key_id", "policy", "multi_region", ...TAGS],
    defaults: { enable_key_rotation: bool(false), is_enabled: bool(true), key_usage: str("ENCRYPT_DECRYPT") },
  },
};

/** Nested block types common to data sources and other types (JSON syntax). */
const GENERIC_BLOCKS = new Set([
  "statement",
  "principals",
  "not_principals",
  "condition",
  "filter",
  "timeouts",
  "lifecycle",
  "dynamic",
  "content",
  "inline_policy",
  "route",
  "ingress",
  "egress",
  "vpc_config",
  "primary_container",
  "target",
  "logging_configuration",
  "tracing_configuration",
]);

/** Whether an object-valued key in a `.tf.json` body is a nested block. */
export function isJsonNestedBlock(resourceType: string | undefined, key: string): boolean {
  if (GENERIC_BLOCKS.has(key)) return true;
  if (resourceType === undefined) return false;
  return RESOURCE_TYPES[resourceType]?.blocks?.includes(key) ?? false;
}

/**
 * How an attribute not set in configuration reads: `computed` (Unknown at plan
 * time), or a default value (null when the provider has none).
 */
export function unsetAttribute(
  type: string,
  attribute: string,
): { computed: true } | { computed: false; value: Value | undefined } {
  const info = RESOURCE_TYPES[type];
  if (info === undefined) return { computed: true };
  if (info.computed.includes(attribute)) return { computed: true };
  return { computed: false, value: info.defaults?.[attribute] };
}
