/**
 * Deterministic generator of a realistic infrastructure monorepo for the scan
 * benchmark (`npm run bench`) and the sharding test: N stacks, each a
 * Terraform root module written the way users write them —
 *
 *   stacks/<team>/<service>-<nnnn>/
 *     variables.tf   region, CIDR, image, instance count (with defaults)
 *     network.tf     VPC, private subnets via cidrsubnet (half of them with for_each
 *                    over data.aws_availability_zones, the rest count or for_each over
 *                    local zones), route table + associations, S3 gateway endpoint with
 *                    a jsonencode policy (half without the Amazon Linux repository
 *                    statement), security group (inline or standalone rules)
 *     iam.tf         aws_iam_policy_document trust and inline policies, roles,
 *                    managed-policy attachments
 *     sagemaker.tf   KMS key, bucket + bucket policy, model with vpc_config,
 *                    Step Functions state machine with a createTransformJob.sync task
 *     template.yaml  every third stack: a CloudFormation template with
 *                    short-form intrinsics (!Ref, !Sub, !GetAtt, !Select, !GetAZs) and a
 *                    state machine whose definition is text: DefinitionString: !Sub with
 *                    ${ScoringModel.ModelName}, ${DataBucket}, ${MlKey.Arn} in it
 *
 * — plus a shared `modules/ml-network` module that every fifth stack calls
 * instead of declaring its own network. About one stack in six has a defect
 * (model without VpcConfig, endpoint without policy, SG without self rule,
 * endpoint missing a route table, DNS off, missing KMS, ...), so the rules
 * have real work; the zones data source, the text-built definitions and the
 * endpoint policies add notes (SMBT017, SMBT009) to most stacks, as in real
 * repositories. Everything is semantically valid Terraform/CloudFormation.
 * Same (seed, stacks), same bytes.
 *
 *   generateMonorepo({ seed, stacks }) -> [{ path, text }]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRng } from "./gen-tf.mjs";

const TEAMS = ["risk", "growth", "fraud", "pricing", "search", "ads", "ops", "payments"];
const SERVICES = [
  "churn",
  "ltv",
  "fraud",
  "ranker",
  "forecast",
  "segments",
  "propensity",
  "anomaly",
  "demand",
  "scoring",
];
const REGIONS = ["eu-west-1", "us-east-1", "eu-central-1", "ap-southeast-2"];
const INSTANCE_TYPES = ["ml.m5.xlarge", "ml.m5.2xlarge", "ml.c5.xlarge", "ml.g4dn.xlarge"];

/** Defects a stack can have; `none` is by far the most common. */
const DEFECTS = [
  "no-vpc-config",
  "endpoint-no-policy",
  "sg-no-self",
  "endpoint-missing-route-table",
  "dns-off",
  "no-kms",
  "egress-no-s3",
  "role-no-eni",
];

export function generateMonorepo({ seed = 1, stacks = 2000 } = {}) {
  const files = [...sharedModule()];
  for (let i = 0; i < stacks; i++) files.push(...generateStack(seed, i));
  return files;
}

/** One stack's files (deterministic in seed and index alone). */
export function generateStack(seed, index) {
  const rng = createRng((seed * 0x9e3779b1 + index * 7919) >>> 0);
  const team = TEAMS[index % TEAMS.length];
  const service = rng.pick(SERVICES);
  const id = String(index).padStart(4, "0");
  const dir = `stacks/${team}/${service}-${id}`;
  const s = {
    dir,
    name: `${team}-${service}-${id}`,
    region: rng.pick(REGIONS),
    cidr: `10.${index % 250}.0.0/16`,
    zones: 2 + rng.int(2),
    forEach: rng.chance(0.3),
    standaloneRules: rng.chance(0.4),
    useModule: index % 5 === 4,
    instanceType: rng.pick(INSTANCE_TYPES),
    defect: rng.chance(1 / 6) ? rng.pick(DEFECTS) : "none",
    bucket: `acme-${team}-${service}-${id}-data`,
  };
  // Drawn after the others so that the older attributes keep their values. Most stacks count
  // their subnets over the Region's availability zones, as the provider's examples do.
  s.overZones = rng.chance(0.5);
  // Half the endpoint policies only allow the job's buckets (SMBT009's note on the endpoint).
  s.blockRepos = rng.chance(0.5);
  const out = [
    { path: `${dir}/variables.tf`, text: variablesTf(s) },
    { path: `${dir}/network.tf`, text: s.useModule ? networkModuleCallTf(s) : networkTf(s) },
    { path: `${dir}/iam.tf`, text: iamTf(s) },
    { path: `${dir}/sagemaker.tf`, text: sagemakerTf(s) },
  ];
  if (index % 3 === 2) out.push({ path: `${dir}/template.yaml`, text: templateYaml(s, rng) });
  return out;
}

// ---------------------------------------------------------------------------
// Terraform
// ---------------------------------------------------------------------------

function variablesTf(s) {
  return `variable "region" {
  type        = string
  description = "AWS Region of the stack"
  default     = "${s.region}"
}

variable "vpc_cidr" {
  type    = string
  default = "${s.cidr}"
}

variable "image" {
  type        = string
  description = "ECR image of the scoring container"
  default     = "123456789012.dkr.ecr.${s.region}.amazonaws.com/${s.name}:1.${s.zones}.0"
}

variable "instance_count" {
  type    = number
  default = ${s.zones}
}

variable "tags" {
  type = map(string)
  default = {
    Team    = "${s.name.split("-")[0]}"
    Service = "${s.name}"
  }
}
`;
}

/** The stack's own network: the common case. */
function networkTf(s) {
  const zones = Array.from({ length: s.zones }, (_, i) => `"${String.fromCharCode(97 + i)}"`).join(", ");
  const subnets = s.overZones
    ? `data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_subnet" "private" {
  for_each          = toset(data.aws_availability_zones.available.names)
  vpc_id            = aws_vpc.ml.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, index(data.aws_availability_zones.available.names, each.key) + 20)
  availability_zone = each.key
  tags              = merge(local.tags, { Name = "\${local.name}-private-\${each.key}" })
}

resource "aws_route_table_association" "private" {
  for_each       = aws_subnet.private
  subnet_id      = each.value.id
  route_table_id = aws_route_table.private.id
}
`
    : s.forEach
      ? `resource "aws_subnet" "private" {
  for_each          = { for i, zone in local.zones : zone => i }
  vpc_id            = aws_vpc.ml.id
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, each.value + 10)
  availability_zone = "\${var.region}\${each.key}"
  tags              = merge(local.tags, { Name = "\${local.name}-private-\${each.key}" })
}

resource "aws_route_table_association" "private" {
  for_each       = aws_subnet.private
  subnet_id      = each.value.id
  route_table_id = aws_route_table.private.id
}
`
      : `resource "aws_subnet" "private" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.ml.id
  cidr_block        = cidrsubnet(aws_vpc.ml.cidr_block, 8, count.index + 1)
  availability_zone = "\${var.region}\${local.zones[count.index]}"
  tags              = merge(local.tags, { Name = "\${local.name}-private-\${count.index}" })
}

resource "aws_route_table_association" "private" {
  count          = length(local.zones)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}
`;
  const endpointRouteTables =
    s.defect === "endpoint-missing-route-table" ? "[aws_route_table.public.id]" : "[aws_route_table.private.id]";
  const policy =
    s.defect === "endpoint-no-policy"
      ? ""
      : `
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "JobBuckets"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
        Resource  = [aws_s3_bucket.data.arn, "\${aws_s3_bucket.data.arn}/*"]
      },${
        s.blockRepos
          ? `
      {
        Sid       = "AmazonLinuxRepos"
        Effect    = "Deny"
        Principal = "*"
        Action    = ["s3:GetObject"]
        Resource = [
          "arn:aws:s3:::packages.*.amazonaws.com/*",
          "arn:aws:s3:::repo.*.amazonaws.com/*",
          "arn:aws:s3:::amazonlinux.*.amazonaws.com/*",
        ]
      },`
          : ""
      }
    ]
  })`;
  const self = s.defect !== "sg-no-self";
  const s3Egress = s.defect !== "egress-no-s3";
  const sg = s.standaloneRules
    ? `resource "aws_security_group" "sagemaker" {
  name        = "\${local.name}-sagemaker"
  description = "Batch transform containers"
  vpc_id      = aws_vpc.ml.id
  tags        = local.tags
}
${
  self
    ? `
resource "aws_vpc_security_group_ingress_rule" "self" {
  security_group_id            = aws_security_group.sagemaker.id
  referenced_security_group_id = aws_security_group.sagemaker.id
  ip_protocol                  = "-1"
  description                  = "Containers of the same job"
}

resource "aws_vpc_security_group_egress_rule" "self" {
  security_group_id            = aws_security_group.sagemaker.id
  referenced_security_group_id = aws_security_group.sagemaker.id
  ip_protocol                  = "-1"
  description                  = "Containers of the same job"
}
`
    : ""
}${
  s3Egress
    ? `
resource "aws_vpc_security_group_egress_rule" "s3" {
  security_group_id = aws_security_group.sagemaker.id
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to S3 through the gateway endpoint"
}
`
    : ""
}`
    : `resource "aws_security_group" "sagemaker" {
  name        = "\${local.name}-sagemaker"
  description = "Batch transform containers"
  vpc_id      = aws_vpc.ml.id
  tags        = local.tags
${
  self
    ? `
  ingress {
    description = "Containers of the same job"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    self        = true
  }

  egress {
    description = "Containers of the same job"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    self        = true
  }
`
    : ""
}${
  s3Egress
    ? `
  egress {
    description     = "HTTPS to S3 through the gateway endpoint"
    protocol        = "tcp"
    from_port       = 443
    to_port         = 443
    prefix_list_ids = [aws_vpc_endpoint.s3.prefix_list_id]
  }
`
    : ""
}}
`;
  return `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
}

provider "aws" {
  region = var.region
}

data "aws_region" "current" {}

locals {
  name  = "${s.name}"
  zones = [${zones}]
  tags  = merge(var.tags, { Stack = local.name })
}

resource "aws_vpc" "ml" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = ${s.defect === "dns-off" ? "false" : "true"}
  tags                 = merge(local.tags, { Name = "\${local.name}-vpc" })
}

${subnets}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.ml.id
  tags   = merge(local.tags, { Name = "\${local.name}-private" })
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.ml.id
  tags   = merge(local.tags, { Name = "\${local.name}-public" })
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.ml.id
  service_name      = "com.amazonaws.\${data.aws_region.current.name}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = ${endpointRouteTables}${policy}
  tags              = local.tags
}

${sg}`;
}

/** Every fifth stack calls the shared network module instead. */
function networkModuleCallTf(s) {
  const zones = Array.from({ length: s.zones }, (_, i) => `"${String.fromCharCode(97 + i)}"`).join(", ");
  return `terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
}

provider "aws" {
  region = var.region
}

locals {
  name = "${s.name}"
  tags = merge(var.tags, { Stack = local.name })
}

module "network" {
  source = "../../../modules/ml-network"

  name        = local.name
  region      = var.region
  cidr_block  = var.vpc_cidr
  zones       = [${zones}]
  bucket_arns = [aws_s3_bucket.data.arn]
  tags        = local.tags
}
`;
}

function sharedModule() {
  return [
    {
      path: "modules/ml-network/variables.tf",
      text: `variable "name" {
  type = string
}

variable "region" {
  type = string
}

variable "cidr_block" {
  type = string
}

variable "zones" {
  type    = list(string)
  default = ["a", "b"]
}

variable "bucket_arns" {
  type        = list(string)
  description = "Buckets the jobs read and write through the endpoint"
}

variable "tags" {
  type    = map(string)
  default = {}
}
`,
    },
    {
      path: "modules/ml-network/main.tf",
      text: `resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = "\${var.name}-vpc" })
}

resource "aws_subnet" "private" {
  count             = length(var.zones)
  vpc_id            = aws_vpc.this.id
  cidr_block        = cidrsubnet(var.cidr_block, 8, count.index + 1)
  availability_zone = "\${var.region}\${var.zones[count.index]}"
  tags              = merge(var.tags, { Name = "\${var.name}-private-\${var.zones[count.index]}" })
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
  tags   = var.tags
}

resource "aws_route_table_association" "private" {
  count          = length(var.zones)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.\${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "JobBuckets"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
        Resource  = concat(var.bucket_arns, [for arn in var.bucket_arns : "\${arn}/*"])
      },
      {
        Sid       = "AmazonLinuxRepos"
        Effect    = "Deny"
        Principal = "*"
        Action    = ["s3:GetObject"]
        Resource = [
          "arn:aws:s3:::packages.*.amazonaws.com/*",
          "arn:aws:s3:::repo.*.amazonaws.com/*",
          "arn:aws:s3:::amazonlinux.*.amazonaws.com/*",
        ]
      },
    ]
  })
}

resource "aws_security_group" "sagemaker" {
  name        = "\${var.name}-sagemaker"
  description = "Batch transform containers"
  vpc_id      = aws_vpc.this.id
  tags        = var.tags

  ingress {
    description = "Containers of the same job"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    self        = true
  }

  egress {
    description = "Containers of the same job"
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    self        = true
  }

  egress {
    description     = "HTTPS to S3 through the gateway endpoint"
    protocol        = "tcp"
    from_port       = 443
    to_port         = 443
    prefix_list_ids = [aws_vpc_endpoint.s3.prefix_list_id]
  }
}
`,
    },
    {
      path: "modules/ml-network/outputs.tf",
      text: `output "vpc_id" {
  value = aws_vpc.this.id
}

output "private_subnet_ids" {
  value = aws_subnet.private[*].id
}

output "security_group_id" {
  value = aws_security_group.sagemaker.id
}

output "s3_endpoint_id" {
  value = aws_vpc_endpoint.s3.id
}
`,
    },
  ];
}

function iamTf(s) {
  const eni =
    s.defect === "role-no-eni"
      ? ""
      : `
  statement {
    sid = "VpcNetworkInterfaces"
    actions = [
      "ec2:CreateNetworkInterface",
      "ec2:CreateNetworkInterfacePermission",
      "ec2:DeleteNetworkInterface",
      "ec2:DeleteNetworkInterfacePermission",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeVpcs",
      "ec2:DescribeDhcpOptions",
      "ec2:DescribeSubnets",
      "ec2:DescribeSecurityGroups",
    ]
    resources = ["*"]
  }
`;
  return `data "aws_iam_policy_document" "sagemaker_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "sagemaker" {
  name               = "\${local.name}-sagemaker"
  assume_role_policy = data.aws_iam_policy_document.sagemaker_trust.json
  tags               = local.tags
}

data "aws_iam_policy_document" "sagemaker" {${eni}
  statement {
    sid       = "JobData"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.data.arn, "\${aws_s3_bucket.data.arn}/*"]
  }

  statement {
    sid       = "PullImage"
    actions   = ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = ["*"]
  }

  statement {
    sid       = "JobKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant"]
    resources = [aws_kms_key.ml.arn]
  }
}

resource "aws_iam_role_policy" "sagemaker" {
  name   = "batch-transform"
  role   = aws_iam_role.sagemaker.id
  policy = data.aws_iam_policy_document.sagemaker.json
}

data "aws_iam_policy_document" "states_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["states.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "states" {
  name               = "\${local.name}-states"
  assume_role_policy = data.aws_iam_policy_document.states_trust.json
  tags               = local.tags
}

resource "aws_iam_role_policy_attachment" "states" {
  role       = aws_iam_role.states.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"
}
`;
}

function sagemakerTf(s) {
  const subnets = s.useModule
    ? "module.network.private_subnet_ids"
    : s.forEach || s.overZones
      ? "[for subnet in aws_subnet.private : subnet.id]"
      : "aws_subnet.private[*].id";
  const sgs = s.useModule ? "[module.network.security_group_id]" : "[aws_security_group.sagemaker.id]";
  const endpointId = s.useModule ? "module.network.s3_endpoint_id" : "aws_vpc_endpoint.s3.id";
  const vpcConfig =
    s.defect === "no-vpc-config"
      ? ""
      : `
  vpc_config {
    subnets            = ${subnets}
    security_group_ids = ${sgs}
  }
`;
  const kms = s.defect === "no-kms";
  return `resource "aws_kms_key" "ml" {
  description         = "Batch transform output and volumes of \${local.name}"
  enable_key_rotation = true
  tags                = local.tags
}

resource "aws_s3_bucket" "data" {
  bucket = "${s.bucket}"
  tags   = local.tags
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "OnlyThroughTheEndpoint"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.data.arn, "\${aws_s3_bucket.data.arn}/*"]
        Condition = {
          StringNotEquals = { "aws:SourceVpce" = ${endpointId} }
        }
      },
    ]
  })
}

resource "aws_sagemaker_model" "scoring" {
  name                     = local.name
  execution_role_arn       = aws_iam_role.sagemaker.arn
  enable_network_isolation = true

  primary_container {
    image          = var.image
    model_data_url = "s3://\${aws_s3_bucket.data.bucket}/models/\${local.name}/model.tar.gz"
    environment = {
      SAGEMAKER_PROGRAM = "inference.py"
    }
  }
${vpcConfig}
  tags = local.tags
}

resource "aws_sfn_state_machine" "nightly" {
  name     = "\${local.name}-nightly"
  role_arn = aws_iam_role.states.arn
  definition = jsonencode({
    Comment = "Nightly batch scoring of \${local.name}"
    StartAt = "Score"
    States = {
      Score = {
        Type     = "Task"
        Resource = "arn:aws:states:::sagemaker:createTransformJob.sync"
        Parameters = {
          "TransformJobName.$" = "$$.Execution.Name"
          ModelName            = aws_sagemaker_model.scoring.name
          TransformInput = {
            DataSource = {
              S3DataSource = {
                S3DataType = "S3Prefix"
                S3Uri      = "s3://\${aws_s3_bucket.data.bucket}/input/"
              }
            }
            ContentType = "text/csv"
            SplitType   = "Line"
          }
          TransformOutput = {
            S3OutputPath = "s3://\${aws_s3_bucket.data.bucket}/output/"${
              kms
                ? ""
                : `
            KmsKeyId     = aws_kms_key.ml.arn`
            }
          }
          TransformResources = {
            InstanceCount  = var.instance_count
            InstanceType   = "${s.instanceType}"${
              kms
                ? ""
                : `
            VolumeKmsKeyId = aws_kms_key.ml.arn`
            }
          }
        }
        Retry = [
          {
            ErrorEquals     = ["SageMaker.AmazonSageMakerException"]
            IntervalSeconds = 60
            MaxAttempts     = 2
            BackoffRate     = 2
          },
        ]
        End = true
      }
    }
  })
  tags = local.tags
}
`;
}

// ---------------------------------------------------------------------------
// CloudFormation (every third stack): the same application deployed by a
// separate team with a template, short-form intrinsics throughout.
// ---------------------------------------------------------------------------

function templateYaml(s, rng) {
  const second = 40 + (Number(s.name.slice(-4)) % 200);
  const isolation = rng.chance(0.8) ? "true" : "false";
  const defect = rng.chance(1 / 6) ? rng.pick(["no-vpc-config", "endpoint-no-route-table", "no-kms"]) : "none";
  const vpcConfig =
    defect === "no-vpc-config"
      ? ""
      : `
      VpcConfig:
        Subnets:
          - !Ref PrivateSubnetA
          - !Ref PrivateSubnetB
        SecurityGroupIds:
          - !Ref SageMakerSecurityGroup`;
  const kms = defect !== "no-kms";
  return `AWSTemplateFormatVersion: "2010-09-09"
Description: Batch scoring of ${s.name} in a private VPC.

Parameters:
  ImageUri:
    Type: String
    Default: 123456789012.dkr.ecr.${s.region}.amazonaws.com/${s.name}:2.0.0
  InstanceCount:
    Type: Number
    Default: 2
  Environment:
    Type: String
    AllowedValues: [dev, prod]
    Default: prod

Conditions:
  IsProd: !Equals [!Ref Environment, prod]

Resources:
  MlVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.${second}.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
      Tags:
        - Key: Name
          Value: !Sub "\${AWS::StackName}-vpc"

  PrivateSubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref MlVpc
      CidrBlock: !Select [0, !Cidr [!GetAtt MlVpc.CidrBlock, 4, 8]]
      AvailabilityZone: !Select [0, !GetAZs ""]

  PrivateSubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref MlVpc
      CidrBlock: !Select [1, !Cidr [!GetAtt MlVpc.CidrBlock, 4, 8]]
      AvailabilityZone: !Select [1, !GetAZs ""]

  PrivateRouteTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref MlVpc

  PrivateSubnetARouteTable:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PrivateSubnetA
      RouteTableId: !Ref PrivateRouteTable

  PrivateSubnetBRouteTable:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref PrivateSubnetB
      RouteTableId: !Ref PrivateRouteTable

  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref MlVpc
      ServiceName: !Sub "com.amazonaws.\${AWS::Region}.s3"
      VpcEndpointType: Gateway${
        defect === "endpoint-no-route-table"
          ? ""
          : `
      RouteTableIds:
        - !Ref PrivateRouteTable`
      }
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: JobBuckets
            Effect: Allow
            Principal: "*"
            Action: [s3:GetObject, s3:PutObject, s3:ListBucket]
            Resource:
              - !GetAtt DataBucket.Arn
              - !Sub "\${DataBucket.Arn}/*"
          - Sid: AmazonLinuxRepos
            Effect: Deny
            Principal: "*"
            Action: [s3:GetObject]
            Resource:
              - arn:aws:s3:::packages.*.amazonaws.com/*
              - arn:aws:s3:::repo.*.amazonaws.com/*
              - arn:aws:s3:::amazonlinux.*.amazonaws.com/*

  SageMakerSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Batch transform containers
      VpcId: !Ref MlVpc
      SecurityGroupEgress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 0.0.0.0/0
          Description: HTTPS to S3 (through the gateway endpoint)

  SageMakerSelfIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref SageMakerSecurityGroup
      IpProtocol: "-1"
      SourceSecurityGroupId: !Ref SageMakerSecurityGroup

  SageMakerSelfEgress:
    Type: AWS::EC2::SecurityGroupEgress
    Properties:
      GroupId: !Ref SageMakerSecurityGroup
      IpProtocol: "-1"
      DestinationSecurityGroupId: !Ref SageMakerSecurityGroup

  SageMakerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: sagemaker.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub "arn:\${AWS::Partition}:iam::aws:policy/AmazonSageMakerFullAccess"

  MlKey:
    Type: AWS::KMS::Key
    Properties:
      Description: Batch transform output and volumes
      EnableKeyRotation: true

  DataBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${s.bucket}-\${AWS::Region}-cfn"

  DataBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref DataBucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: OnlyThroughTheEndpoint
            Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource:
              - !GetAtt DataBucket.Arn
              - !Sub "\${DataBucket.Arn}/*"
            Condition:
              StringNotEquals:
                aws:SourceVpce: !Ref S3Endpoint

  ScoringModel:
    Type: AWS::SageMaker::Model
    Properties:
      ExecutionRoleArn: !GetAtt SageMakerRole.Arn
      EnableNetworkIsolation: ${isolation}
      PrimaryContainer:
        Image: !Ref ImageUri
        ModelDataUrl: !Sub "s3://\${DataBucket}/models/${s.name}/model.tar.gz"${vpcConfig}

  NightlyScoring:
    Type: AWS::SageMaker::TransformJob
    Condition: IsProd
    Properties:
      ModelName: !GetAtt ScoringModel.ModelName
      TransformInput:
        DataSource:
          S3DataSource:
            S3DataType: S3Prefix
            S3Uri: !Sub "s3://\${DataBucket}/input/"
        ContentType: text/csv
      TransformOutput:
        S3OutputPath: !Sub "s3://\${DataBucket}/output/"${
          kms
            ? `
        KmsKeyId: !GetAtt MlKey.Arn`
            : ""
        }
      TransformResources:
        InstanceCount: !Ref InstanceCount
        InstanceType: ${s.instanceType}${
          kms
            ? `
        VolumeKmsKeyId: !GetAtt MlKey.Arn`
            : ""
        }

  StatesRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: states.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub "arn:\${AWS::Partition}:iam::aws:policy/AmazonSageMakerFullAccess"

  NightlyScoringMachine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt StatesRole.Arn
      DefinitionString: !Sub |
        {
          "Comment": "Nightly batch scoring of \${AWS::StackName}",
          "StartAt": "Score",
          "States": {
            "Score": {
              "Type": "Task",
              "Resource": "arn:\${AWS::Partition}:states:::sagemaker:createTransformJob.sync",
              "Parameters": {
                "TransformJobName.$": "$$.Execution.Name",
                "ModelName": "\${ScoringModel.ModelName}",
                "TransformInput": {
                  "DataSource": {
                    "S3DataSource": {
                      "S3DataType": "S3Prefix",
                      "S3Uri": "s3://\${DataBucket}/input/"
                    }
                  },
                  "ContentType": "text/csv",
                  "SplitType": "Line"
                },
                "TransformOutput": {
                  "S3OutputPath": "s3://\${DataBucket}/output/"${
                    kms
                      ? `,
                  "KmsKeyId": "\${MlKey.Arn}"`
                      : ""
                  }
                },
                "TransformResources": {
                  "InstanceCount": \${InstanceCount},
                  "InstanceType": "${s.instanceType}"${
                    kms
                      ? `,
                  "VolumeKmsKeyId": "\${MlKey.Arn}"`
                      : ""
                  }
                }
              },
              "Retry": [
                {
                  "ErrorEquals": ["SageMaker.AmazonSageMakerException"],
                  "IntervalSeconds": 60,
                  "MaxAttempts": 2,
                  "BackoffRate": 2
                }
              ],
              "End": true
            }
          }
        }

Outputs:
  ModelName:
    Value: !GetAtt ScoringModel.ModelName
    Export:
      Name: !Sub "\${AWS::StackName}-model"
`;
}

/** Writes the monorepo under `dir` (which must not exist or be disposable); returns its size in bytes. */
export function writeMonorepo(dir, options = {}) {
  let bytes = 0;
  for (const file of generateMonorepo(options)) {
    const full = path.join(dir, file.path);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, file.text);
    bytes += Buffer.byteLength(file.text, "utf8");
  }
  return bytes;
}
