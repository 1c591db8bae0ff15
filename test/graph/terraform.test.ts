import { describe, expect, it } from "vitest";
import { at, edgeLines, names, nodeNamed, plain, tfGraph, unresolvedLines } from "./helpers.js";

const NETWORK = `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/28"
}

resource "aws_subnet" "b" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_subnet" "c" {
  vpc_id      = aws_vpc.v.id
  ipv6_native = true
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.n.id
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.v.id
}

resource "aws_route" "public_default" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.g.id
}

resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.private.id
}

resource "aws_main_route_table_association" "main" {
  vpc_id         = aws_vpc.v.id
  route_table_id = aws_route_table.public.id
}

resource "aws_internet_gateway" "g" {
  vpc_id = aws_vpc.v.id
}

resource "aws_nat_gateway" "n" {
  subnet_id = aws_subnet.b.id
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.us-east-1.s3"
  route_table_ids = [aws_route_table.public.id]
}

resource "aws_vpc_endpoint_route_table_association" "private" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  route_table_id  = aws_route_table.private.id
}

resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  policy = jsonencode({
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:GetObject", Resource = ["arn:aws:s3:::packages.*.amazonaws.com/*"] }]
  })
}

resource "aws_security_group" "sm" {
  vpc_id = aws_vpc.v.id
  ingress {
    protocol  = "-1"
    from_port = 0
    to_port   = 0
    self      = true
  }
  egress {
    protocol        = "tcp"
    from_port       = 443
    to_port         = 443
    prefix_list_ids = [aws_vpc_endpoint.s3.prefix_list_id]
  }
}

resource "aws_security_group" "other" {
  name = "other"
}

resource "aws_security_group_rule" "from_other" {
  type                     = "ingress"
  security_group_id        = aws_security_group.sm.id
  protocol                 = "all"
  from_port                = 0
  to_port                  = 65535
  source_security_group_id = aws_security_group.other.id
}

resource "aws_vpc_security_group_egress_rule" "self" {
  security_group_id            = aws_security_group.sm.id
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.sm.id
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.other.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.0.0/16"
}

resource "aws_vpc_dhcp_options" "d" {
  domain_name_servers = ["10.0.0.2"]
}

resource "aws_vpc_dhcp_options_association" "d" {
  vpc_id          = aws_vpc.v.id
  dhcp_options_id = aws_vpc_dhcp_options.d.id
}

resource "aws_network_acl" "acl" {
  vpc_id     = aws_vpc.v.id
  subnet_ids = [aws_subnet.a.id]
  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
}

resource "aws_network_acl_rule" "in" {
  network_acl_id = aws_network_acl.acl.id
  rule_number    = 200
  egress         = false
  protocol       = "6"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = 1024
  to_port        = 65535
}

resource "aws_network_acl" "other" {
  vpc_id = aws_vpc.v.id
}

resource "aws_network_acl_association" "b" {
  network_acl_id = aws_network_acl.other.id
  subnet_id      = aws_subnet.b.id
}
`;

describe("Terraform adapter: network", () => {
  const graph = tfGraph({ "net/main.tf": NETWORK });

  it("links every network resource form by reference", () => {
    expect(edgeLines(graph)).toEqual([
      "aws_internet_gateway.g -in-vpc/reference-> aws_vpc.v",
      "aws_nat_gateway.n -in-subnet/reference-> aws_subnet.b",
      "aws_network_acl.acl -in-vpc/reference-> aws_vpc.v",
      "aws_network_acl.other -in-vpc/reference-> aws_vpc.v",
      "aws_route_table.private -in-vpc/reference-> aws_vpc.v",
      "aws_route_table.private -route-target/reference-> aws_nat_gateway.n",
      "aws_route_table.public -in-vpc/reference-> aws_vpc.v",
      "aws_route_table.public -route-target/reference-> aws_internet_gateway.g",
      "aws_security_group.sm -in-vpc/reference-> aws_vpc.v",
      "aws_security_group.sm -sg-rule-peer/reference-> aws_security_group.other",
      // One edge per rule: the inline \`self = true\` and the standalone self egress rule.
      "aws_security_group.sm -sg-rule-peer/reference-> aws_security_group.sm",
      "aws_security_group.sm -sg-rule-peer/reference-> aws_security_group.sm",
      "aws_security_group.sm -sg-rule-prefix-list/reference-> aws_vpc_endpoint.s3",
      "aws_subnet.a -associated-route-table/reference-> aws_route_table.private",
      "aws_subnet.a -in-vpc/reference-> aws_vpc.v",
      "aws_subnet.a -network-acl/reference-> aws_network_acl.acl",
      "aws_subnet.b -in-vpc/reference-> aws_vpc.v",
      "aws_subnet.b -network-acl/reference-> aws_network_acl.other",
      "aws_subnet.c -in-vpc/reference-> aws_vpc.v",
      "aws_vpc.v -dhcp-options/reference-> aws_vpc_dhcp_options.d",
      "aws_vpc.v -main-route-table/reference-> aws_route_table.public",
      "aws_vpc_endpoint.s3 -endpoint-route-table/reference-> aws_route_table.private",
      "aws_vpc_endpoint.s3 -endpoint-route-table/reference-> aws_route_table.public",
      "aws_vpc_endpoint.s3 -in-vpc/reference-> aws_vpc.v",
    ]);
    expect(unresolvedLines(graph)).toEqual([]);
  });

  it("applies Terraform defaults: DNS hostnames off, gateway endpoints, public NAT", () => {
    const vpc = nodeNamed(graph, "vpc", "aws_vpc.v");
    expect([
      plain(vpc.enableDnsSupport?.value),
      plain(vpc.enableDnsHostnames?.value),
      vpc.enableDnsHostnames?.keyRange,
      vpc.enableDnsHostnames?.value.range,
    ]).toEqual([true, false, undefined, undefined]);
    const endpoint = nodeNamed(graph, "vpc-endpoint", "aws_vpc_endpoint.s3");
    expect([
      plain(endpoint.endpointType?.value),
      plain(endpoint.privateDnsEnabled?.value),
      endpoint.endpointType?.keyRange,
    ]).toEqual(["Gateway", false, undefined]);
    expect(plain(nodeNamed(graph, "nat-gateway", "aws_nat_gateway.n").connectivityType?.value)).toBe("public");
    expect(plain(nodeNamed(graph, "subnet", "aws_subnet.c").ipv6Native?.value)).toBe(true);
  });

  it("merges the standalone endpoint policy with its own range", () => {
    const endpoint = nodeNamed(graph, "vpc-endpoint", "aws_vpc_endpoint.s3");
    expect(endpoint.policyFacet).toBe("net:aws_vpc_endpoint_policy.s3");
    expect(plain(endpoint.policy?.value)).toEqual({
      Statement: [
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: ["arn:aws:s3:::packages.*.amazonaws.com/*"],
        },
      ],
    });
    expect(at(endpoint.policy?.keyRange)).toBe("net/main.tf:70:3");
  });

  it("normalizes rules from inline blocks, aws_security_group_rule and the VPC rule resources; no implicit egress", () => {
    const rules = (name: string) =>
      nodeNamed(graph, "security-group", name).rules.map((r) => ({
        direction: r.direction,
        protocol: plain(r.protocol),
        ports: [plain(r.fromPort), plain(r.toPort)],
        cidrIpv4: r.cidrIpv4.map(plain),
        peers: r.peerGroups.map((p) => `${graph.node(p.node ?? "")?.name}${p.self ? " (self)" : ""}`),
        prefixLists: r.prefixListIds.length,
        facet: r.facet ?? null,
        range: at(r.range),
      }));
    expect(rules("aws_security_group.sm")).toEqual([
      {
        direction: "ingress",
        protocol: "-1",
        ports: [0, 0],
        cidrIpv4: [],
        peers: ["aws_security_group.sm (self)"],
        prefixLists: 0,
        facet: null,
        range: "net/main.tf:77:3",
      },
      {
        direction: "egress",
        protocol: "tcp",
        ports: [443, 443],
        cidrIpv4: [],
        peers: [],
        prefixLists: 1,
        facet: null,
        range: "net/main.tf:83:3",
      },
      {
        direction: "ingress",
        protocol: "-1",
        ports: [0, 65535],
        cidrIpv4: [],
        peers: ["aws_security_group.other"],
        prefixLists: 0,
        facet: "net:aws_security_group_rule.from_other",
        range: "net/main.tf:95:1",
      },
      {
        direction: "egress",
        protocol: "-1",
        ports: [undefined, undefined],
        cidrIpv4: [],
        peers: ["aws_security_group.sm (self)"],
        prefixLists: 0,
        facet: "net:aws_vpc_security_group_egress_rule.self",
        range: "net/main.tf:104:1",
      },
    ]);
    expect(rules("aws_security_group.other")).toEqual([
      {
        direction: "ingress",
        protocol: "tcp",
        ports: [443, 443],
        cidrIpv4: ["10.0.0.0/16"],
        peers: [],
        prefixLists: 0,
        facet: "net:aws_vpc_security_group_ingress_rule.https",
        range: "net/main.tf:110:1",
      },
    ]);
    // A group without vpc_id lands in the default VPC: no in-vpc edge, no unknown.
    expect(graph.vpcOf(nodeNamed(graph, "security-group", "aws_security_group.other"))).toEqual({
      found: [],
      unknowns: [],
    });
  });

  it("reads ACL entries from inline blocks and aws_network_acl_rule", () => {
    const acl = nodeNamed(graph, "network-acl", "aws_network_acl.acl");
    expect(
      acl.entries.map((e) => [
        e.egress,
        plain(e.ruleNumber),
        plain(e.protocol),
        plain(e.action),
        plain(e.cidrIpv4),
        plain(e.fromPort),
        plain(e.toPort),
        e.facet ?? null,
      ]),
    ).toEqual([
      [true, 100, "tcp", "allow", "0.0.0.0/0", 443, 443, null],
      [false, 200, "tcp", "deny", "0.0.0.0/0", 1024, 65535, "net:aws_network_acl_rule.in"],
    ]);
  });

  it("routes subnets through explicit associations, else the declared main table", () => {
    const subnet = (n: string) => nodeNamed(graph, "subnet", n);
    expect(names(graph.routeTableOfSubnet(subnet("aws_subnet.a")).found)).toEqual(["aws_route_table.private"]);
    expect(names(graph.routeTableOfSubnet(subnet("aws_subnet.b")).found)).toEqual(["aws_route_table.public"]);
    expect(graph.routeTableOfSubnet(subnet("aws_subnet.b")).found[0]?.edge?.kind).toBe("main-route-table");
    const routes = nodeNamed(graph, "route-table", "aws_route_table.private").routes;
    expect(
      routes.map((r) => [plain(r.destinationCidrBlock?.value), r.target.kind, r.target.node, r.facet ?? null]),
    ).toEqual([["0.0.0.0/0", "nat-gateway", "net:aws_nat_gateway.n", null]]);
    const publicRoutes = nodeNamed(graph, "route-table", "aws_route_table.public").routes;
    expect(publicRoutes.map((r) => [plain(r.destinationCidrBlock?.value), r.target.kind, r.facet])).toEqual([
      ["0.0.0.0/0", "internet-gateway", "net:aws_route.public_default"],
    ]);
    expect(names(graph.routeTablesOfEndpoint("net:aws_vpc_endpoint.s3").found).sort()).toEqual([
      "aws_route_table.private",
      "aws_route_table.public",
    ]);
    expect(
      graph
        .routeTablesOfEndpoint("net:aws_vpc_endpoint.s3")
        .found.map((f) => f.edge?.facet ?? null)
        .sort(),
    ).toEqual([null, "net:aws_vpc_endpoint_route_table_association.private"].sort());
    expect(names(graph.networkAclOfSubnet(subnet("aws_subnet.b")).found)).toEqual(["aws_network_acl.other"]);
  });
});

describe("Terraform adapter: main route table forms", () => {
  it("gives a VPC without a declared main table an implicit one that main_route_table_id names", () => {
    const graph = tfGraph({
      "main.tf": `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/24"
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id          = aws_vpc.v.id
  service_name    = "com.amazonaws.us-east-1.s3"
  route_table_ids = [aws_vpc.v.main_route_table_id]
}
`,
    });
    const tables = graph.routeTableOfSubnet(nodeNamed(graph, "subnet", "aws_subnet.a"));
    expect(tables.found.map((f) => [f.node.id, f.node.name, f.node.implicit])).toEqual([
      [".:aws_vpc.v#main-route-table", "aws_vpc.v (main route table)", "main-route-table"],
    ]);
    expect(names(graph.routeTablesOfEndpoint(".:aws_vpc_endpoint.s3").found)).toEqual(["aws_vpc.v (main route table)"]);
  });

  it("takes aws_default_route_table as the main table", () => {
    const graph = tfGraph({
      "main.tf": `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_default_route_table" "d" {
  default_route_table_id = aws_vpc.v.default_route_table_id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = "igw-0abc"
  }
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/24"
}
`,
    });
    const tables = graph.routeTableOfSubnet(nodeNamed(graph, "subnet", "aws_subnet.a"));
    expect(names(tables.found)).toEqual(["aws_default_route_table.d"]);
    expect(tables.found[0]!.node.routes.map((r) => r.target.kind)).toEqual(["internet-gateway"]);
    expect(graph.nodesOfKind("route-table").length).toBe(1);
    expect(unresolvedLines(graph)).toEqual([
      "aws_default_route_table.d route-target EXTERNAL_ID: igw-0abc is not declared in the scan.",
    ]);
  });
});

const SAGEMAKER_IAM = `
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["sagemaker.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "r" {
  name               = "scoring"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"]
  permissions_boundary = aws_iam_policy.boundary.arn
  inline_policy {
    name   = "eni"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["ec2:CreateNetworkInterface"], Resource = "*" }] })
  }
}

resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.r.id
  policy = <<-EOT
    {"Statement": [{"Effect": "Allow", "Action": "ec2:DescribeVpcs", "Resource": "*"}]}
  EOT
}

resource "aws_iam_policy" "custom" {
  name   = "custom"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ec2:DescribeSubnets", Resource = "*" }] })
}

resource "aws_iam_policy" "boundary" {
  name   = "boundary"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}

resource "aws_iam_role_policy_attachment" "custom" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.custom.arn
}

resource "aws_iam_policy_attachment" "shared" {
  name       = "shared"
  roles      = [aws_iam_role.r.name, "someone-else"]
  policy_arn = "arn:aws:iam::aws:policy/AmazonVPCFullAccess"
}

resource "aws_iam_role_policy_attachments_exclusive" "x" {
  role_name   = "scoring"
  policy_arns = ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess", aws_iam_policy.custom.arn]
}

resource "aws_s3_bucket" "d" {
  bucket = "scoring-data"
}

resource "aws_s3_bucket_policy" "d" {
  bucket = aws_s3_bucket.d.id
  policy = jsonencode({ Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*" }] })
}

resource "aws_sagemaker_model" "m" {
  name                     = "scoring"
  execution_role_arn       = aws_iam_role.r.arn
  enable_network_isolation = true
  primary_container {
    image          = "img"
    model_data_url = "s3://\${aws_s3_bucket.d.bucket}/model.tar.gz"
  }
  vpc_config {
    subnets            = ["subnet-0abc", var.subnet]
    security_group_ids = [data.aws_security_group.shared.id]
  }
}

resource "aws_sagemaker_model" "plain" {
  execution_role_arn = "arn:aws:iam::123456789012:role/scoring"
  container {
    image = "a"
  }
  container {
    image = "b"
  }
}

variable "subnet" {
  type = string
}

data "aws_security_group" "shared" {
  name = "shared"
}
`;

describe("Terraform adapter: SageMaker, IAM and S3", () => {
  const graph = tfGraph({ "main.tf": SAGEMAKER_IAM });

  it("links models and roles and keeps unresolved references", () => {
    expect(edgeLines(graph)).toEqual([
      // Attached twice: by aws_iam_role_policy_attachment and by the exclusive attachment.
      "aws_iam_role.r -attached-policy/reference-> aws_iam_policy.custom",
      "aws_iam_role.r -attached-policy/reference-> aws_iam_policy.custom",
      "aws_iam_role.r -permissions-boundary/reference-> aws_iam_policy.boundary",
      "aws_sagemaker_model.m -execution-role/reference-> aws_iam_role.r",
      "aws_sagemaker_model.plain -execution-role/literal-name-> aws_iam_role.r",
    ]);
    expect(unresolvedLines(graph).map((l) => l.replace(/: .*/, ""))).toEqual([
      "aws_iam_policy_attachment.shared facet EXTERNAL_ID",
      "aws_sagemaker_model.m has-security-group DATA_SOURCE",
      "aws_sagemaker_model.m in-subnet EXTERNAL_ID",
      "aws_sagemaker_model.m in-subnet VAR_NO_DEFAULT",
    ]);
  });

  it("maps the model with its defaults and containers", () => {
    const model = nodeNamed(graph, "model", "aws_sagemaker_model.m");
    expect([
      plain(model.modelName?.value),
      plain(model.enableNetworkIsolation?.value),
      at(model.vpcConfig?.keyRange),
    ]).toEqual(["scoring", true, "main.tf:73:3"]);
    expect(model.containers.map((c) => plain(c.image?.value))).toEqual(["img"]);
    expect(names(graph.bucketOfS3Uri(model.containers[0]!.modelDataUrl!.value).found)).toEqual(["aws_s3_bucket.d"]);
    const other = nodeNamed(graph, "model", "aws_sagemaker_model.plain");
    expect([
      other.vpcConfig,
      plain(other.enableNetworkIsolation?.value),
      other.containers.map((c) => plain(c.image?.value)),
    ]).toEqual([undefined, false, ["a", "b"]]);
  });

  it("collects inline, standalone, attached, managed-ARN, exclusive and policy-document grants", () => {
    const role = nodeNamed(graph, "iam-role", "aws_iam_role.r");
    const policies = graph.rolePolicies(role);
    expect(
      policies.inline.map((p) => [plain(p.name?.value) ?? null, p.facet ?? null, plain(p.document.value)]),
    ).toEqual([
      ["eni", null, { Statement: [{ Effect: "Allow", Action: ["ec2:CreateNetworkInterface"], Resource: "*" }] }],
      [
        null,
        ".:aws_iam_role_policy.p",
        { Statement: [{ Effect: "Allow", Action: "ec2:DescribeVpcs", Resource: "*" }] },
      ],
    ]);
    expect(
      policies.managedArns.map((a) => [
        a.arn.kind === "string" ? a.arn.value : `ref ${a.arn.kind === "unknown" ? a.arn.refs[0]?.resource : ""}`,
        a.facet ?? null,
        a.exclusive ?? false,
      ]),
    ).toEqual([
      ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess", null, false],
      ["ref .:aws_iam_policy.custom", ".:aws_iam_role_policy_attachment.custom", false],
      ["arn:aws:iam::aws:policy/AmazonVPCFullAccess", ".:aws_iam_policy_attachment.shared", false],
      ["arn:aws:iam::aws:policy/AmazonSageMakerFullAccess", ".:aws_iam_role_policy_attachments_exclusive.x", true],
      ["ref .:aws_iam_policy.custom", ".:aws_iam_role_policy_attachments_exclusive.x", true],
    ]);
    expect(policies.attached.map((a) => [a.node.name, a.edge.via, a.edge.facet ?? null])).toEqual([
      ["aws_iam_policy.custom", "reference", ".:aws_iam_role_policy_attachment.custom"],
      ["aws_iam_policy.custom", "reference", ".:aws_iam_role_policy_attachments_exclusive.x"],
    ]);
    expect(policies.boundary.map((a) => a.node.name)).toEqual(["aws_iam_policy.boundary"]);
    expect(plain(role.trustPolicy?.value)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "sagemaker.amazonaws.com" } }],
    });
  });

  it("merges the standalone bucket policy", () => {
    const bucket = nodeNamed(graph, "s3-bucket", "aws_s3_bucket.d");
    expect(bucket.policies.map((p) => [p.facet, plain(p.document.value)])).toEqual([
      [".:aws_s3_bucket_policy.d", { Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }] }],
    ]);
  });
});

describe("Terraform adapter: what data sources say", () => {
  const graph = tfGraph({
    "main.tf": `
data "aws_vpc_endpoint_service" "s3" {
  service      = "s3"
  service_type = "Gateway"
}
data "aws_prefix_list" "s3" {
  name = "com.amazonaws.us-east-1.s3"
}
data "aws_prefix_list" "filtered" {
  filter {
    name   = "prefix-list-name"
    values = ["com.amazonaws.us-east-1.dynamodb"]
  }
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_vpc_endpoint" "s3" {
  vpc_id       = aws_vpc.v.id
  service_name = data.aws_vpc_endpoint_service.s3.service_name
}
resource "aws_security_group" "sm" {
  vpc_id = aws_vpc.v.id
  egress {
    protocol        = "tcp"
    from_port       = 443
    to_port         = 443
    prefix_list_ids = [data.aws_prefix_list.s3.id, data.aws_prefix_list.filtered.id, "pl-0abc"]
  }
}
resource "aws_vpc_security_group_egress_rule" "endpoint" {
  security_group_id = aws_security_group.sm.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
}
`,
  });

  it("keeps the known shape of a service name read from aws_vpc_endpoint_service", () => {
    const service = nodeNamed(graph, "vpc-endpoint", "aws_vpc_endpoint.s3").serviceName?.value;
    expect(service).toMatchObject({ kind: "unknown", reason: "DATA_SOURCE", prefix: "com.amazonaws.", suffix: ".s3" });
    expect(at(service?.range)).toBe("main.tf:20:18");
  });

  it("tells which service each prefix list of a rule belongs to", () => {
    const [inline, standalone] = nodeNamed(graph, "security-group", "aws_security_group.sm").rules;
    expect(inline!.prefixListServices?.map((s) => (s === undefined ? undefined : plain(s)))).toEqual([
      "com.amazonaws.us-east-1.s3",
      "com.amazonaws.us-east-1.dynamodb",
      undefined,
    ]);
    expect(standalone!.prefixListServices?.map((s) => (s?.kind === "unknown" ? `${s.prefix}…${s.suffix}` : s))).toEqual(
      ["com.amazonaws.….s3"],
    );
    expect(graph.outgoing(".:aws_security_group.sm", "sg-rule-prefix-list").map((e) => [e.to, e.facet])).toEqual([
      [".:aws_vpc_endpoint.s3", ".:aws_vpc_security_group_egress_rule.endpoint"],
    ]);
  });
});

describe("Terraform adapter: modules", () => {
  it("links through module outputs and keeps the module call for related locations", () => {
    const graph = tfGraph({
      "main.tf": `
module "net" {
  source = "./modules/net"
}
resource "aws_sagemaker_model" "m" {
  execution_role_arn = "arn:aws:iam::1:role/x"
  vpc_config {
    subnets            = [module.net.subnet_id]
    security_group_ids = ["sg-1"]
  }
}
`,
      "modules/net/main.tf": `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/24"
}
output "subnet_id" {
  value = aws_subnet.a.id
}
`,
    });
    expect(edgeLines(graph).filter((l) => l.includes("aws_subnet"))).toEqual([
      "aws_sagemaker_model.m -in-subnet/reference-> module.net.aws_subnet.a",
      "module.net.aws_subnet.a -in-vpc/reference-> module.net.aws_vpc.v",
    ]);
    const subnet = nodeNamed(graph, "subnet", "module.net.aws_subnet.a");
    expect([subnet.id, at(subnet.range), subnet.moduleCalls?.map(at)]).toEqual([
      ".:module.net.aws_subnet.a",
      "modules/net/main.tf:5:1",
      ["main.tf:2:1"],
    ]);
  });
});
