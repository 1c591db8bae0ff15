/**
 * The fix renderers on the edge cases of layout and policy: JSON and YAML,
 * flow and block styles, names already taken, and the cases where no fix may
 * be offered. Each case scans a small folder, applies the rule's fix and
 * checks the text it wrote; the fixture-wide guarantees (the finding goes, no
 * new error) are test/fixes.test.ts's.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/scan.js";
import type { Finding } from "../../src/core/finding.js";

const scanFolder = (files: Record<string, string>): Finding[] => {
  const root = mkdtempSync(path.join(tmpdir(), "fix-render-"));
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
  return scan({ root, paths: [root] }).findings;
};
const identity = (f: Finding) => `${f.ruleId} ${f.resource}`;
const exact = (f: Finding) => `${identity(f)}: ${f.message}`;

function applyFix(files: Record<string, string>, finding: Finding): Record<string, string> {
  const out = { ...files };
  const edits = [...finding.fix!.edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
  for (const e of edits)
    out[e.range.file] =
      out[e.range.file]!.slice(0, e.range.start.offset) + e.newText + out[e.range.file]!.slice(e.range.end.offset);
  return out;
}

/** The files after the fix of the rule's one finding; the finding goes and no error or warning comes. */
function fixedFiles(files: Record<string, string>, ruleId: string): Record<string, string> {
  const before = scanFolder(files);
  const findings = before.filter((f) => f.ruleId === ruleId);
  expect(findings.map(exact)).toHaveLength(1);
  expect(findings[0]!.fix).toBeDefined();
  const after = applyFix(files, findings[0]!);
  const serious = (list: Finding[]) => list.filter((f) => f.level !== "note").map(identity);
  const now = scanFolder(after);
  expect(now.map(exact)).not.toContain(exact(findings[0]!));
  expect(serious(now).filter((id) => !serious(before).includes(id))).toEqual([]);
  return after;
}

const noFix = (files: Record<string, string>, ruleId: string) => {
  const findings = scanFolder(files).filter((f) => f.ruleId === ruleId);
  expect(findings.length).toBeGreaterThan(0);
  expect(findings.filter((f) => f.fix)).toEqual([]);
};

// ---------------------------------------------------------------------------
// Terraform

const VPC_TF = `resource "aws_vpc" "ml" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.ml.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.ml.id
}

resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.private.id
}
`;

const ENDPOINT_TF = `
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.ml.id
  service_name    = "com.amazonaws.eu-west-1.s3"
  route_table_ids = [aws_route_table.private.id]
}
`;

const MODEL_TF = `
resource "aws_sagemaker_model" "m" {
  name                     = "m"
  execution_role_arn       = "arn:aws:iam::123456789012:role/sm"
  enable_network_isolation = true

  primary_container {
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/m:1"
  }

  vpc_config {
    subnets            = [aws_subnet.a.id]
    security_group_ids = [aws_security_group.sm.id]
  }
}
`;

/** A group that lets the job's containers talk to each other and reach S3. */
const GROUP_TF = `
resource "aws_security_group" "sm" {
  name   = "sm"
  vpc_id = aws_vpc.ml.id

  ingress {
    protocol  = "-1"
    from_port = 0
    to_port   = 0
    self      = true
  }

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
const BARE_GROUP_TF = `
resource "aws_security_group" "sm" {
  name   = "sm"
  vpc_id = aws_vpc.ml.id
}
`;

describe("Terraform fix rendering", () => {
  it("SMBT002: replaces the vpc_id of a group in another VPC", () => {
    const group = GROUP_TF.replace("aws_vpc.ml.id", "aws_vpc.other.id");
    const other = `\nresource "aws_vpc" "other" {\n  cidr_block = "10.1.0.0/16"\n}\n`;
    const after = fixedFiles({ "main.tf": VPC_TF + ENDPOINT_TF + other + group + MODEL_TF }, "SMBT002");
    expect(after["main.tf"]).toContain(
      `resource "aws_security_group" "sm" {\n  name   = "sm"\n  vpc_id = aws_vpc.ml.id\n\n  ingress {`,
    );
  });

  it("SMBT002: no fix when another model in the group's VPC uses the group too", () => {
    const group = GROUP_TF.replace("aws_vpc.ml.id", "aws_vpc.other.id");
    const other = `
resource "aws_vpc" "other" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "b" {
  vpc_id     = aws_vpc.other.id
  cidr_block = "10.1.1.0/24"
}
`;
    const second = MODEL_TF.replace(`"m" {`, `"n" {`)
      .replace(`"m"\n`, `"n"\n`)
      .replace("aws_subnet.a.id", "aws_subnet.b.id");
    noFix({ "main.tf": VPC_TF + ENDPOINT_TF + other + group + MODEL_TF + second }, "SMBT002");
  });

  it("SMBT005: takes the Region from the module's other endpoints, and the VPC's provider", () => {
    const vpc = VPC_TF.replace(
      `  cidr_block           = "10.0.0.0/16"`,
      `  provider             = aws.ml\n  cidr_block           = "10.0.0.0/16"`,
    );
    const logs = `
resource "aws_vpc_endpoint" "logs" {
  vpc_id              = aws_vpc.ml.id
  service_name        = "com.amazonaws.\${var.region}.logs"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}

variable "region" {
  type    = string
  default = "eu-west-1"
}
`;
    const after = fixedFiles({ "main.tf": vpc + logs + GROUP_TF + MODEL_TF }, "SMBT005");
    expect(after["main.tf"]).toContain(`}

resource "aws_vpc_endpoint" "s3" {
  provider = aws.ml

  vpc_id            = aws_vpc.ml.id
  service_name      = "com.amazonaws.\${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
}

resource "aws_subnet" "a" {`);
  });

  it("SMBT005: uses a data.aws_region the module declares, and a free name", () => {
    const region = `\ndata "aws_region" "here" {}\n\nresource "aws_vpc_endpoint" "s3" {\n  count        = 0\n  vpc_id       = aws_vpc.ml.id\n  service_name = "com.amazonaws.eu-west-1.s3"\n}\n`;
    const after = fixedFiles({ "main.tf": VPC_TF + region + GROUP_TF + MODEL_TF }, "SMBT005");
    expect(after["main.tf"]).toContain(
      `resource "aws_vpc_endpoint" "ml_s3" {\n  vpc_id            = aws_vpc.ml.id\n  service_name      = "com.amazonaws.\${data.aws_region.here.name}.s3"`,
    );
  });

  it("SMBT005: names the main route table of a subnet without an association through the VPC", () => {
    const unassociated = VPC_TF.slice(0, VPC_TF.indexOf(`\nresource "aws_route_table_association"`));
    const after = fixedFiles(
      { "main.tf": `${unassociated}\ndata "aws_region" "current" {}\n${GROUP_TF}${MODEL_TF}` },
      "SMBT005",
    );
    expect(after["main.tf"]).toContain(`  route_table_ids   = [aws_vpc.ml.main_route_table_id]\n`);
  });

  it("SMBT005: no fix for a counted VPC (each instance would add the same endpoint)", () => {
    const counted = VPC_TF.replace(
      `resource "aws_vpc" "ml" {\n`,
      `resource "aws_vpc" "ml" {\n  count = 1\n`,
    ).replaceAll("aws_vpc.ml.id", "aws_vpc.ml[0].id");
    noFix({ "main.tf": counted + GROUP_TF.replace("aws_vpc.ml.id", "aws_vpc.ml[0].id") + MODEL_TF }, "SMBT005");
  });

  it("SMBT013: a standalone aws_vpc_security_group_egress_rule for a group without rules", () => {
    const after = fixedFiles({ "main.tf": VPC_TF + ENDPOINT_TF + BARE_GROUP_TF + MODEL_TF }, "SMBT013");
    expect(after["main.tf"]).toContain(`  vpc_id = aws_vpc.ml.id
}

resource "aws_vpc_security_group_egress_rule" "sm_s3_https" {
  security_group_id = aws_security_group.sm.id
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS to S3 through the gateway endpoint"
}
`);
  });

  it("SMBT013: no fix for a group that manages its rules as an empty attribute list", () => {
    noFix(
      {
        "main.tf":
          VPC_TF +
          ENDPOINT_TF +
          BARE_GROUP_TF.replace(`  vpc_id = aws_vpc.ml.id`, `  vpc_id = aws_vpc.ml.id\n  egress = []`) +
          MODEL_TF,
      },
      "SMBT013",
    );
  });

  const bareModel = (name: string, layout: "block" | "one-line" = "block") =>
    layout === "one-line"
      ? `\nresource "aws_sagemaker_model" "${name}" { name = "${name}" }\n`
      : `\nresource "aws_sagemaker_model" "${name}" {\n  name                     = "${name}"\n  execution_role_arn       = "arn:aws:iam::123456789012:role/sm"\n  enable_network_isolation = true\n}\n`;

  it("SMBT001: references every private subnet of a counted resource", () => {
    const counted = VPC_TF.replace(
      `resource "aws_subnet" "a" {\n  vpc_id     = aws_vpc.ml.id\n  cidr_block = "10.0.1.0/24"`,
      `resource "aws_subnet" "a" {\n  count      = 2\n  vpc_id     = aws_vpc.ml.id\n  cidr_block = "10.0.\${count.index}.0/24"`,
    )
      .replace(
        `resource "aws_route_table_association" "a" {\n  subnet_id`,
        `resource "aws_route_table_association" "a" {\n  count          = 2\n  subnet_id`,
      )
      .replace("subnet_id      = aws_subnet.a.id", "subnet_id      = aws_subnet.a[count.index].id");
    const after = fixedFiles({ "main.tf": counted + ENDPOINT_TF + GROUP_TF + bareModel("m") }, "SMBT001");
    expect(after["main.tf"]).toContain(`  enable_network_isolation = true

  vpc_config {
    subnets            = [aws_subnet.a[0].id, aws_subnet.a[1].id]
    security_group_ids = [aws_security_group.sm.id]
  }
}`);
  });

  it("SMBT001: no fix for a one-line model block, for two groups, or for disagreeing models", () => {
    noFix({ "main.tf": VPC_TF + ENDPOINT_TF + GROUP_TF + bareModel("m", "one-line") }, "SMBT001");
    noFix(
      { "main.tf": VPC_TF + ENDPOINT_TF + GROUP_TF + GROUP_TF.replace(`"sm" {`, `"other" {`) + bareModel("m") },
      "SMBT001",
    );
    const second = MODEL_TF.replace(`"m" {`, `"n" {`)
      .replace(`"m"\n`, `"n"\n`)
      .replace("aws_security_group.sm.id", "aws_security_group.other.id");
    const groups = GROUP_TF + GROUP_TF.replace(`"sm" {`, `"other" {`);
    const findings = scanFolder({
      "main.tf": VPC_TF + ENDPOINT_TF + groups + MODEL_TF + second + bareModel("x"),
    }).filter((f) => f.ruleId === "SMBT001");
    expect(findings.map((f) => [f.resource, f.fix])).toEqual([["aws_sagemaker_model.x", undefined]]);
  });

  const roleModel = MODEL_TF.replace(`"arn:aws:iam::123456789012:role/sm"`, "aws_iam_role.sm.arn");
  const trust = `  assume_role_policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { Service = "sagemaker.amazonaws.com" }, Action = "sts:AssumeRole" }]\n  })\n`;
  const role = (body = "", head = "") => `\nresource "aws_iam_role" "sm" {\n${head}  name = "sm"\n${trust}${body}}\n`;
  const describeInline = (name: string) =>
    `\n  inline_policy {\n    name = "${name}"\n    policy = jsonencode({\n      Version   = "2012-10-17"\n      Statement = [{ Effect = "Allow", Action = ["ec2:Describe*"], Resource = "*" }]\n    })\n  }\n`;

  it("SMBT003: a standalone aws_iam_role_policy after a role without inline_policy blocks", () => {
    const after = fixedFiles({ "main.tf": VPC_TF + ENDPOINT_TF + GROUP_TF + role() + roleModel }, "SMBT003");
    expect(after["main.tf"]).toContain(`  })
}

resource "aws_iam_role_policy" "sm_vpc_access" {
  name = "sagemaker-vpc-access"
  role = aws_iam_role.sm.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "SageMakerVpcNetworkInterfaces"
        Effect = "Allow"
        Action = [
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
        Resource = "*"
      },
    ]
  })
}
`);
  });

  it("SMBT003: one more inline_policy block in a role that has them, granting only the refused actions, under a free name", () => {
    const after = fixedFiles(
      { "main.tf": VPC_TF + ENDPOINT_TF + GROUP_TF + role(describeInline("sagemaker-vpc-access")) + roleModel },
      "SMBT003",
    );
    expect(after["main.tf"]).not.toContain(`resource "aws_iam_role_policy"`);
    expect(after["main.tf"]).toContain(`    })
  }

  inline_policy {
    name = "sagemaker-vpc-access-2"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Sid    = "SageMakerVpcNetworkInterfaces"
          Effect = "Allow"
          Action = [
            "ec2:CreateNetworkInterface",
            "ec2:CreateNetworkInterfacePermission",
            "ec2:DeleteNetworkInterface",
            "ec2:DeleteNetworkInterfacePermission",
          ]
          Resource = "*"
        },
      ]
    })
  }
}
`);
  });

  it("SMBT003: no fix past an explicit Deny, a permissions boundary, for a counted role, or beside aws_iam_role_policies_exclusive", () => {
    const deny = `\n  inline_policy {\n    name = "deny"\n    policy = jsonencode({\n      Version   = "2012-10-17"\n      Statement = [{ Effect = "Deny", Action = "ec2:CreateNetworkInterface", Resource = "*" }]\n    })\n  }\n`;
    noFix({ "main.tf": VPC_TF + ENDPOINT_TF + GROUP_TF + role(deny) + roleModel }, "SMBT003");
    const boundary = `\nresource "aws_iam_policy" "boundary" {\n  name   = "boundary"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:*", Resource = "*" }] })\n}\n`;
    noFix(
      {
        "main.tf":
          VPC_TF +
          ENDPOINT_TF +
          GROUP_TF +
          boundary +
          role(`  permissions_boundary = aws_iam_policy.boundary.arn\n`) +
          roleModel,
      },
      "SMBT003",
    );
    noFix(
      {
        "main.tf":
          VPC_TF +
          ENDPOINT_TF +
          GROUP_TF +
          role("", "  count = 1\n") +
          roleModel.replace("aws_iam_role.sm.arn", "aws_iam_role.sm[0].arn"),
      },
      "SMBT003",
    );
    const exclusive = `\nresource "aws_iam_role_policies_exclusive" "sm" {\n  role_name    = aws_iam_role.sm.name\n  policy_names = []\n}\n`;
    noFix({ "main.tf": VPC_TF + ENDPOINT_TF + GROUP_TF + role() + exclusive + roleModel }, "SMBT003");
  });

  it("SMBT001: no copy of a vpc_config that depends on the donor's count", () => {
    const donor = MODEL_TF.replace(`"m" {\n`, `"m" {\n  count = 1\n`).replace(
      "[aws_subnet.a.id]",
      "[[aws_subnet.a.id][count.index]]",
    );
    noFix({ "main.tf": VPC_TF + ENDPOINT_TF + GROUP_TF + donor + bareModel("x") }, "SMBT001");
  });
});

// ---------------------------------------------------------------------------
// CloudFormation

const NETWORK_YAML = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  MlVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsHostnames: true

  SubA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref MlVpc
      CidrBlock: 10.0.1.0/24

  PrivateRouteTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref MlVpc

  SubAAssociation:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties:
      SubnetId: !Ref SubA
      RouteTableId: !Ref PrivateRouteTable
`;

const ENDPOINT_YAML = `
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref MlVpc
      ServiceName: !Sub "com.amazonaws.\${AWS::Region}.s3"
      RouteTableIds: [!Ref PrivateRouteTable]
`;

const GROUP_YAML = `
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: sm
      VpcId: !Ref MlVpc
`;
/** Lets the members of group Sg talk to each other (it keeps AWS's default allow-all egress). */
const SELF_INGRESS_YAML = `
  SgSelfIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref Sg
      IpProtocol: "-1"
      SourceSecurityGroupId: !Ref Sg
`;

const modelYaml = (name: string, vpcConfig: string) => `
  ${name}:
    Type: AWS::SageMaker::Model
    Properties:
      ExecutionRoleArn: arn:aws:iam::123456789012:role/sm
      EnableNetworkIsolation: true
      PrimaryContainer:
        Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/m:1
${vpcConfig}`;

/** The template as JSON with 2-space indentation, short-form tags written as long forms. */
const JSON_TEMPLATE = (resources: Record<string, unknown>) =>
  `${JSON.stringify({ AWSTemplateFormatVersion: "2010-09-09", Resources: resources }, null, 2)}\n`;
const ref = (id: string) => ({ Ref: id });
const JSON_NETWORK = {
  MlVpc: { Type: "AWS::EC2::VPC", Properties: { CidrBlock: "10.0.0.0/16", EnableDnsHostnames: true } },
  SubA: { Type: "AWS::EC2::Subnet", Properties: { VpcId: ref("MlVpc"), CidrBlock: "10.0.1.0/24" } },
  PrivateRouteTable: { Type: "AWS::EC2::RouteTable", Properties: { VpcId: ref("MlVpc") } },
  SubAAssociation: {
    Type: "AWS::EC2::SubnetRouteTableAssociation",
    Properties: { SubnetId: ref("SubA"), RouteTableId: ref("PrivateRouteTable") },
  },
};
const JSON_ENDPOINT = {
  S3Endpoint: {
    Type: "AWS::EC2::VPCEndpoint",
    Properties: {
      VpcId: ref("MlVpc"),
      ServiceName: { "Fn::Sub": "com.amazonaws.${AWS::Region}.s3" },
      RouteTableIds: [ref("PrivateRouteTable")],
    },
  },
};
const JSON_SELF_INGRESS = {
  SgSelfIngress: {
    Type: "AWS::EC2::SecurityGroupIngress",
    Properties: { GroupId: ref("Sg"), IpProtocol: "-1", SourceSecurityGroupId: ref("Sg") },
  },
};
const jsonModel = (vpcConfig?: unknown) => ({
  Type: "AWS::SageMaker::Model",
  Properties: {
    ExecutionRoleArn: "arn:aws:iam::123456789012:role/sm",
    EnableNetworkIsolation: true,
    PrimaryContainer: { Image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/m:1" },
    ...(vpcConfig ? { VpcConfig: vpcConfig } : {}),
  },
});

describe("CloudFormation fix rendering", () => {
  it("SMBT002 (YAML): replaces a VpcId naming another VPC", () => {
    const other = `\n  OtherVpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.1.0.0/16\n`;
    const model = modelYaml(
      "M",
      `      VpcConfig:\n        Subnets: [!Ref SubA]\n        SecurityGroupIds: [!Ref Sg]\n`,
    );
    const after = fixedFiles(
      {
        "template.yaml":
          NETWORK_YAML +
          ENDPOINT_YAML +
          other +
          GROUP_YAML.replace("!Ref MlVpc", "!Ref OtherVpc") +
          SELF_INGRESS_YAML +
          model,
      },
      "SMBT002",
    );
    expect(after["template.yaml"]).toContain(`      GroupDescription: sm\n      VpcId: !Ref MlVpc\n`);
  });

  it("SMBT002 (JSON): inserts VpcId with a comma, at the properties' indentation", () => {
    const text = JSON_TEMPLATE({
      ...JSON_NETWORK,
      ...JSON_ENDPOINT,
      ...JSON_SELF_INGRESS,
      Sg: { Type: "AWS::EC2::SecurityGroup", Properties: { GroupDescription: "sm" } },
      M: jsonModel({ Subnets: [ref("SubA")], SecurityGroupIds: [ref("Sg")] }),
    });
    const after = fixedFiles({ "template.json": text }, "SMBT002");
    expect(after["template.json"]).toContain(
      `      "Properties": {\n        "VpcId": { "Ref": "MlVpc" },\n        "GroupDescription": "sm"\n      }`,
    );
  });

  it("SMBT005 (JSON): appends the endpoint after the VPC, printed as the file indents (2 or 4 spaces)", () => {
    const { MlVpc, ...network } = JSON_NETWORK;
    const others = {
      ...network,
      ...JSON_SELF_INGRESS,
      Sg: { Type: "AWS::EC2::SecurityGroup", Properties: { GroupDescription: "sm", VpcId: ref("MlVpc") } },
      M: jsonModel({ Subnets: [ref("SubA")], SecurityGroupIds: [ref("Sg")] }),
    };
    const S3Endpoint = {
      Type: "AWS::EC2::VPCEndpoint",
      Properties: {
        VpcId: ref("MlVpc"),
        ServiceName: { "Fn::Sub": "com.amazonaws.${AWS::Region}.s3" },
        VpcEndpointType: "Gateway",
        RouteTableIds: [ref("PrivateRouteTable")],
      },
    };
    for (const indent of [2, 4]) {
      const template = (resources: Record<string, unknown>) =>
        `${JSON.stringify({ AWSTemplateFormatVersion: "2010-09-09", Resources: resources }, null, indent)}\n`;
      const after = fixedFiles({ "template.json": template({ MlVpc, ...others }) }, "SMBT005");
      expect(after["template.json"]).toBe(template({ MlVpc, S3Endpoint, ...others }));
    }
  });

  it("SMBT005 (YAML): a logical ID that is taken, even by a parameter, is not reused", () => {
    const template = NETWORK_YAML.replace(
      "Resources:",
      "Parameters:\n  S3Endpoint:\n    Type: String\n    Default: unused\nResources:",
    );
    const after = fixedFiles(
      {
        "template.yaml":
          template +
          GROUP_YAML +
          SELF_INGRESS_YAML +
          modelYaml("M", `      VpcConfig:\n        Subnets: [!Ref SubA]\n        SecurityGroupIds: [!Ref Sg]\n`),
      },
      "SMBT005",
    );
    expect(after["template.yaml"]).toContain(
      `      EnableDnsHostnames: true\n\n  MlVpcS3Endpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: !Ref MlVpc\n      ServiceName: !Sub "com.amazonaws.\${AWS::Region}.s3"\n      VpcEndpointType: Gateway\n      RouteTableIds:\n        - !Ref PrivateRouteTable\n\n  SubA:`,
    );
  });

  it("SMBT001 (YAML): copies another model's flow-style VpcConfig as written", () => {
    const donor = modelYaml("Donor", `      VpcConfig: {Subnets: [!Ref SubA], SecurityGroupIds: [!Ref Sg]}\n`);
    const after = fixedFiles(
      {
        "template.yaml":
          NETWORK_YAML +
          ENDPOINT_YAML +
          GROUP_YAML +
          SELF_INGRESS_YAML +
          GROUP_YAML.replace("Sg:", "OtherSg:") +
          donor +
          modelYaml("M", ""),
      },
      "SMBT001",
    );
    expect(after["template.yaml"]).toContain(
      `  M:\n    Type: AWS::SageMaker::Model\n    Properties:\n      VpcConfig: {Subnets: [!Ref SubA], SecurityGroupIds: [!Ref Sg]}\n      ExecutionRoleArn:`,
    );
  });

  it("SMBT001 (YAML): copies a block-style VpcConfig, re-indented to the model's properties", () => {
    const donor = modelYaml(
      "Donor",
      `      VpcConfig:\n        Subnets:\n          - !Ref SubA\n        SecurityGroupIds:\n          - !Ref Sg\n`,
    );
    const model = `\n  M:\n    Type: AWS::SageMaker::Model\n    Properties:\n        ExecutionRoleArn: arn:aws:iam::123456789012:role/sm\n        EnableNetworkIsolation: true\n        PrimaryContainer:\n          Image: i\n`;
    const after = fixedFiles(
      { "template.yaml": NETWORK_YAML + ENDPOINT_YAML + GROUP_YAML + SELF_INGRESS_YAML + donor + model },
      "SMBT001",
    );
    expect(after["template.yaml"]).toContain(
      `    Properties:\n        VpcConfig:\n          Subnets:\n            - !Ref SubA\n          SecurityGroupIds:\n            - !Ref Sg\n        ExecutionRoleArn:`,
    );
  });

  it("SMBT001 (JSON): references the template's one group and private subnets, pretty-printed", () => {
    const resources = {
      ...JSON_NETWORK,
      ...JSON_ENDPOINT,
      ...JSON_SELF_INGRESS,
      Sg: { Type: "AWS::EC2::SecurityGroup", Properties: { GroupDescription: "sm", VpcId: ref("MlVpc") } },
    };
    const after = fixedFiles({ "template.json": JSON_TEMPLATE({ ...resources, M: jsonModel() }) }, "SMBT001");
    const vpcConfig = { Subnets: [ref("SubA")], SecurityGroupIds: [ref("Sg")] };
    const fixed = { Type: "AWS::SageMaker::Model", Properties: { VpcConfig: vpcConfig, ...jsonModel().Properties } };
    expect(after["template.json"]).toBe(JSON_TEMPLATE({ ...resources, M: fixed }));
  });

  it("SMBT001: no fix for a flow-mapping Properties, nor for a subnet whose route table is the unnameable main one", () => {
    const flow = `\n  M:\n    Type: AWS::SageMaker::Model\n    Properties: {ExecutionRoleArn: arn:aws:iam::123456789012:role/sm, EnableNetworkIsolation: true, PrimaryContainer: {Image: i}}\n`;
    noFix({ "template.yaml": NETWORK_YAML + ENDPOINT_YAML + GROUP_YAML + flow }, "SMBT001");
    const unassociated = NETWORK_YAML.slice(0, NETWORK_YAML.indexOf("\n  SubAAssociation:"));
    noFix({ "template.yaml": unassociated + ENDPOINT_YAML + GROUP_YAML + modelYaml("M", "") }, "SMBT001");
  });

  const roleYaml = (policies = "") => `
  SmRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: sagemaker.amazonaws.com}
            Action: sts:AssumeRole
${policies}`;
  const vpcModel = (vpc: string) =>
    modelYaml("M", vpc).replace(
      "ExecutionRoleArn: arn:aws:iam::123456789012:role/sm",
      "ExecutionRoleArn: !GetAtt SmRole.Arn",
    );

  it("SMBT003 (YAML): an AWS::IAM::RolePolicy after the role, beside its Policies, under a free name", () => {
    const policies = `      Policies:\n        - PolicyName: sagemaker-vpc-access\n          PolicyDocument:\n            Version: "2012-10-17"\n            Statement:\n              - {Effect: Allow, Action: ["ec2:Describe*"], Resource: "*"}\n`;
    const model = vpcModel(`      VpcConfig:\n        Subnets: [!Ref SubA]\n        SecurityGroupIds: [!Ref Sg]\n`);
    const after = fixedFiles(
      { "template.yaml": NETWORK_YAML + ENDPOINT_YAML + GROUP_YAML + SELF_INGRESS_YAML + roleYaml(policies) + model },
      "SMBT003",
    );
    expect(after["template.yaml"]).toContain(`              - {Effect: Allow, Action: ["ec2:Describe*"], Resource: "*"}

  SmRoleVpcAccess:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: !Ref SmRole
      PolicyName: sagemaker-vpc-access-2
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: SageMakerVpcNetworkInterfaces
            Effect: Allow
            Action:
              - ec2:CreateNetworkInterface
              - ec2:CreateNetworkInterfacePermission
              - ec2:DeleteNetworkInterface
              - ec2:DeleteNetworkInterfacePermission
            Resource: "*"

  M:`);
  });

  it("SMBT003 (JSON): the role policy after the role, pretty-printed", () => {
    const trustDocument = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }],
    };
    const model = jsonModel({ Subnets: [ref("SubA")], SecurityGroupIds: [ref("Sg")] });
    model.Properties.ExecutionRoleArn = { "Fn::GetAtt": ["SmRole", "Arn"] } as unknown as string;
    const resources = {
      ...JSON_NETWORK,
      ...JSON_ENDPOINT,
      ...JSON_SELF_INGRESS,
      Sg: { Type: "AWS::EC2::SecurityGroup", Properties: { GroupDescription: "sm", VpcId: ref("MlVpc") } },
      SmRole: { Type: "AWS::IAM::Role", Properties: { AssumeRolePolicyDocument: trustDocument } },
      M: model,
    };
    const after = fixedFiles({ "template.json": JSON_TEMPLATE(resources) }, "SMBT003");
    const actions = [
      "CreateNetworkInterface",
      "CreateNetworkInterfacePermission",
      "DeleteNetworkInterface",
      "DeleteNetworkInterfacePermission",
      "DescribeNetworkInterfaces",
      "DescribeVpcs",
      "DescribeDhcpOptions",
      "DescribeSubnets",
      "DescribeSecurityGroups",
    ];
    const statement = {
      Sid: "SageMakerVpcNetworkInterfaces",
      Effect: "Allow",
      Action: actions.map((a) => `ec2:${a}`),
      Resource: "*",
    };
    const SmRoleVpcAccess = {
      Type: "AWS::IAM::RolePolicy",
      Properties: {
        RoleName: ref("SmRole"),
        PolicyName: "sagemaker-vpc-access",
        PolicyDocument: { Version: "2012-10-17", Statement: [statement] },
      },
    };
    const { M, ...before } = resources;
    expect(after["template.json"]).toBe(JSON_TEMPLATE({ ...before, SmRoleVpcAccess, M }));
  });

  it("SMBT013: no CloudFormation fix (the template cannot name the S3 prefix list)", () => {
    const group =
      GROUP_YAML +
      `      SecurityGroupEgress:\n        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16}\n`;
    noFix(
      {
        "template.yaml":
          NETWORK_YAML +
          ENDPOINT_YAML +
          group +
          modelYaml("M", `      VpcConfig:\n        Subnets: [!Ref SubA]\n        SecurityGroupIds: [!Ref Sg]\n`),
      },
      "SMBT013",
    );
  });
});
