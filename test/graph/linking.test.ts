import { describe, expect, it } from "vitest";
import { cfnGraph, edgeLines, names, nodeNamed, plain, tfGraph, unresolvedLines } from "./helpers.js";
import { buildGraph, nameFromArn } from "../../src/graph/build.js";
import { policyDocumentValue } from "../../src/graph/policy-document.js";
import { str, obj, unknown } from "../../src/core/value.js";

describe("linking", () => {
  it("does not pick one of several referenced candidates: the link is indeterminate", () => {
    const graph = tfGraph({
      "main.tf": `
variable "use_a" {
  type = bool
}
resource "aws_subnet" "a" {
  vpc_id     = "vpc-1"
  cidr_block = "10.0.0.0/24"
}
resource "aws_subnet" "b" {
  vpc_id     = "vpc-1"
  cidr_block = "10.0.1.0/24"
}
resource "aws_sagemaker_model" "m" {
  execution_role_arn = "arn:aws:iam::123456789012:role/x"
  vpc_config {
    subnets            = [var.use_a ? aws_subnet.a.id : aws_subnet.b.id]
    security_group_ids = ["sg-1"]
  }
}
`,
    });
    const model = nodeNamed(graph, "model", "aws_sagemaker_model.m");
    const subnets = graph.subnetsOfModel(model);
    expect(subnets.found).toEqual([]);
    // The conditional's own reason (its variable has no default) is kept.
    expect(unresolvedLines(graph)).toEqual([
      "aws_sagemaker_model.m execution-role EXTERNAL_ID: arn:aws:iam::123456789012:role/x is not declared in the scan.",
      "aws_sagemaker_model.m has-security-group EXTERNAL_ID: sg-1 is not declared in the scan.",
      "aws_sagemaker_model.m in-subnet VAR_NO_DEFAULT: The value may name any of aws_subnet.a, aws_subnet.b, depending on something not known statically.",
      "aws_subnet.a in-vpc EXTERNAL_ID: vpc-1 is not declared in the scan.",
      "aws_subnet.b in-vpc EXTERNAL_ID: vpc-1 is not declared in the scan.",
    ]);
    expect(subnets.unknowns.map((u) => u.refs.map((r) => r.resource))).toEqual([[".:aws_subnet.a", ".:aws_subnet.b"]]);
  });

  it("marks instances of a count over an unknown value as possibly absent, and their edges too", () => {
    const graph = tfGraph({
      "main.tf": `
variable "n" {
  type = number
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  count      = var.n
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/24"
}
`,
    });
    const subnet = graph.nodesOfKind("subnet")[0]!;
    expect(subnet.exists).toBe("unknown");
    expect(graph.outgoing(subnet.id, "in-vpc").map((e) => e.exists)).toEqual(["unknown"]);
  });

  it("makes the model of a dynamic vpc_config over unknown data indeterminate", () => {
    const graph = tfGraph({
      "main.tf": `
variable "vpc" {
  type = any
}
resource "aws_sagemaker_model" "m" {
  execution_role_arn = "arn:aws:iam::123456789012:role/x"
  dynamic "vpc_config" {
    for_each = var.vpc
    content {
      subnets            = vpc_config.value.subnets
      security_group_ids = vpc_config.value.groups
    }
  }
}
`,
    });
    const model = nodeNamed(graph, "model", "aws_sagemaker_model.m");
    expect(model.vpcConfig?.block?.kind).toBe("unknown");
    expect(graph.subnetsOfModel(model).unknowns[0]).toBe(model.vpcConfig?.block);
  });

  it("links by literal names as a disclosed fallback, to every model of that name", () => {
    const graph = cfnGraph(`
Resources:
  A: {Type: AWS::SageMaker::Model, Properties: {ModelName: shared, ExecutionRoleArn: arn:aws:iam::1:role/r}}
  B: {Type: AWS::SageMaker::Model, Properties: {ModelName: shared, ExecutionRoleArn: arn:aws:iam::1:role/r}}
  Job: {Type: AWS::SageMaker::TransformJob, Properties: {ModelName: shared}}
  Data: {Type: AWS::S3::Bucket, Properties: {BucketName: data}}
  ByName: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: data, PolicyDocument: {Statement: []}}}
  Elsewhere: {Type: AWS::S3::BucketPolicy, Properties: {Bucket: other-bucket, PolicyDocument: {Statement: []}}}
  Param: {Type: AWS::EC2::SecurityGroupIngress, Properties: {GroupId: !ImportValue shared-sg, IpProtocol: "-1"}}
`);
    expect(edgeLines(graph)).toEqual(["Job -uses-model/literal-name-> A", "Job -uses-model/literal-name-> B"]);
    expect(nodeNamed(graph, "s3-bucket", "Data").policies.map((p) => p.facet)).toEqual(["template.yaml#ByName"]);
    expect(graph.unresolvedFacets("security-group").map((u) => [u.name, u.sourceType, u.reason])).toEqual([
      ["Param", "AWS::EC2::SecurityGroupIngress", "IMPORT"],
    ]);
    expect(graph.unresolvedFacets("s3-bucket").map((u) => u.name)).toEqual(["Elsewhere"]);
    expect(unresolvedLines(graph)).toEqual([
      "A execution-role EXTERNAL_ID: arn:aws:iam::1:role/r is not declared in the scan.",
      "B execution-role EXTERNAL_ID: arn:aws:iam::1:role/r is not declared in the scan.",
      "Elsewhere facet EXTERNAL_ID: other-bucket is not declared in the scan.",
      expect.stringMatching(/^Param facet IMPORT: /),
    ]);
  });

  it("accepts an array of adapter nodes for callers that build graphs by hand", () => {
    expect(buildGraph([])).toEqual({ nodes: [], edges: [], unresolved: [] });
  });

  it("reads names out of ARNs per kind, never a customer policy from an AWS-managed ARN", () => {
    expect(nameFromArn("iam-role", "arn:aws:iam::123456789012:role/service-role/scoring")).toBe("scoring");
    expect(nameFromArn("iam-policy", "arn:aws:iam::123456789012:policy/custom")).toBe("custom");
    expect(nameFromArn("iam-policy", "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess")).toBeUndefined();
    expect(nameFromArn("s3-bucket", "arn:aws:s3:::data")).toBe("data");
    expect(nameFromArn("s3-bucket", "arn:aws:s3:::data/*")).toBeUndefined();
    expect(nameFromArn("model", "arn:aws:sagemaker:us-east-1:1:model/m")).toBe("m");
  });
});

describe("policy documents", () => {
  const range = {
    file: "main.tf",
    start: { line: 3, column: 12, offset: 40 },
    end: { line: 3, column: 60, offset: 88 },
  };

  it("parses a JSON string, every part at the string's range", () => {
    const value = policyDocumentValue(
      str('{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}', range),
    );
    expect(plain(value)).toEqual({ Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }] });
    const statement =
      value.kind === "object" && value.entries[0]!.value.kind === "list" ? value.entries[0]!.value.items[0] : undefined;
    expect(statement?.range).toEqual(range);
    expect(statement?.kind === "object" ? statement.entries[0]!.keyRange : undefined).toEqual(range);
  });

  it("prefers the value the evaluator encoded, also for an Unknown text, and reports text that is not JSON", () => {
    const encodes = obj([{ key: "Statement", value: { kind: "list", items: [] } }]);
    expect(policyDocumentValue({ ...str("{}", range), encodes })).toBe(encodes);
    expect(policyDocumentValue({ ...unknown("COMPUTED", "part of it is computed", { range }), encodes })).toBe(encodes);
    expect(policyDocumentValue(str("not json", range))).toEqual({
      kind: "unknown",
      reason: "UNSUPPORTED",
      detail: "The policy is not valid JSON.",
      refs: [],
      range,
    });
  });
});

describe("literal ids", () => {
  it("links a literal id to a Terraform resource whose id is known (from a plan), disclosing it", () => {
    // A plan's values are where a known \`id\` comes from; written here in HCL for brevity (the adapter sees the same instance).
    const graph = tfGraph({
      "main.tf": `
resource "aws_subnet" "a" {
  id         = "subnet-0abc"
  vpc_id     = "vpc-1"
  cidr_block = "10.0.0.0/24"
}
resource "aws_sagemaker_model" "m" {
  execution_role_arn = "arn:aws:iam::123456789012:role/x"
  vpc_config {
    subnets            = ["subnet-0abc"]
    security_group_ids = ["sg-1"]
  }
}
`,
    });
    expect(edgeLines(graph)).toEqual(["aws_sagemaker_model.m -in-subnet/literal-id-> aws_subnet.a"]);
  });
});

describe("a VPC's default security group", () => {
  it("is made on first reference with AWS's default rules when nothing manages it (CloudFormation)", () => {
    const graph = cfnGraph(`
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  Model: {Type: AWS::SageMaker::Model, Properties: {ExecutionRoleArn: arn:aws:iam::1:role/r, VpcConfig: {Subnets: [subnet-1], SecurityGroupIds: [!GetAtt Vpc.DefaultSecurityGroup]}}}
  Https: {Type: AWS::EC2::SecurityGroupIngress, Properties: {GroupId: !GetAtt Vpc.DefaultSecurityGroup, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16}}
`);
    const groups = graph.securityGroupsOfModel(nodeNamed(graph, "model", "Model"));
    expect(groups.found.map((g) => [g.node.id, g.node.name, g.node.implicit])).toEqual([
      ["template.yaml#Vpc#default-security-group", "Vpc (default security group)", "default-security-group"],
    ]);
    expect(
      groups.found[0]!.node.rules.map((r) => [
        r.direction,
        plain(r.protocol),
        r.cidrIpv4.map(plain),
        r.peerGroups.map((p) => p.self),
        r.implicit ?? r.facet,
      ]),
    ).toEqual([
      ["ingress", "-1", [], [true], "default-ingress"],
      ["egress", "-1", ["0.0.0.0/0"], [], "default-egress"],
      ["ingress", "tcp", ["10.0.0.0/16"], [], "template.yaml#Https"],
    ]);
    expect(names(graph.vpcOf(groups.found[0]!.node).found)).toEqual(["Vpc"]);
  });

  it("is the aws_default_security_group that manages it (Terraform), whose rules replace AWS's", () => {
    const graph = tfGraph({
      "main.tf": `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_default_security_group" "d" {
  vpc_id = aws_vpc.v.id
}
resource "aws_sagemaker_model" "m" {
  execution_role_arn = "arn:aws:iam::1:role/x"
  vpc_config {
    subnets            = ["subnet-1"]
    security_group_ids = [aws_vpc.v.default_security_group_id]
  }
}
`,
    });
    const groups = graph.securityGroupsOfModel(nodeNamed(graph, "model", "aws_sagemaker_model.m"));
    expect(groups.found.map((g) => [g.node.name, g.node.isDefault, g.node.rules.length])).toEqual([
      ["aws_default_security_group.d", true, 0],
    ]);
  });
});
