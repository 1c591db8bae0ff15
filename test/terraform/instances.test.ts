/** count / for_each / dynamic expansion, computed attributes, counted limits and cycles. */
import { describe, expect, it } from "vitest";
import { attr, at, instance, loadInline } from "./helpers.js";

describe("count and for_each", () => {
  it("expands into instances with Terraform addresses", () => {
    const result = loadInline({
      "main.tf": `
resource "aws_subnet" "by_count" {
  count      = 2
  cidr_block = "10.0.\${count.index}.0/24"
}

resource "aws_subnet" "by_map" {
  for_each   = { b = "10.1.2.0/24", a = "10.1.1.0/24" }
  cidr_block = each.value
  tags       = { Name = each.key }
}

resource "aws_subnet" "by_set" {
  for_each   = toset(["x", "y", "x"])
  cidr_block = "10.2.0.0/24"
  tags       = { Name = each.value }
}

resource "aws_subnet" "none" {
  count      = 0
  cidr_block = "10.3.0.0/24"
}
`,
    });
    expect(result.instances.map((i) => i.address)).toEqual([
      "aws_subnet.by_count[0]",
      "aws_subnet.by_count[1]",
      'aws_subnet.by_map["a"]',
      'aws_subnet.by_map["b"]',
      'aws_subnet.by_set["x"]',
      'aws_subnet.by_set["y"]',
    ]);
    expect(attr(result, "aws_subnet.by_count[1]", "cidr_block")).toBe("10.0.1.0/24");
    expect(attr(result, 'aws_subnet.by_map["b"]', "tags")).toEqual({ Name: "b" });
    expect(attr(result, 'aws_subnet.by_set["y"]', "tags")).toEqual({ Name: "y" });
    expect(instance(result, "aws_subnet.by_count[0]").id).toBe(".:aws_subnet.by_count[0]");
  });

  it("gives one instance marked unknown when count or for_each is Unknown", () => {
    const result = loadInline({
      "main.tf": `
variable "n" {
  type = number
}

resource "aws_subnet" "a" {
  count      = var.n
  cidr_block = "10.0.\${count.index}.0/24"
}

resource "aws_route_table_association" "r" {
  subnet_id = aws_subnet.a[0].id
}
`,
    });
    const a = instance(result, "aws_subnet.a");
    expect(a.expansion).toBe("unknown");
    expect(attr(result, "aws_subnet.a", "cidr_block")).toMatchObject({
      $unknown: "VAR_NO_DEFAULT",
      prefix: "10.0.",
      suffix: ".0/24",
    });
    // The symbolic instance stands for every instance: its id is computed, and names it.
    expect(attr(result, "aws_route_table_association.r", "subnet_id")).toEqual({
      $unknown: "COMPUTED",
      detail: "aws_subnet.a.id is computed by the provider when the resource is created.",
      refs: ["aws_subnet.a.id"],
    });
  });

  it("reads an unknown for_each as one symbolic instance standing for every instance", () => {
    const result = loadInline({
      "main.tf": `
variable "vpc_cidr" {
  default = "10.0.0.0/16"
}
data "aws_availability_zones" "available" {}
locals {
  azs = slice(sort(data.aws_availability_zones.available.names), 0, 3)
}
resource "aws_vpc" "this" {
  cidr_block = var.vpc_cidr
}
resource "aws_subnet" "private" {
  for_each   = { for idx, az in local.azs : az => idx }
  vpc_id     = aws_vpc.this.id
  cidr_block = cidrsubnet(var.vpc_cidr, 11, each.value + 3)
}
resource "aws_route_table_association" "private" {
  for_each  = aws_subnet.private
  subnet_id = each.value.id
}
resource "aws_sagemaker_model" "m" {
  vpc_config {
    subnets            = [for s in aws_subnet.private : s.id]
    security_group_ids = aws_subnet.private[*].vpc_id
  }
}
`,
    });
    const names = "data.aws_availability_zones.available.names is read by the provider at plan time.";
    expect(instance(result, "aws_subnet.private").expansion).toBe("unknown");
    expect(attr(result, "aws_subnet.private", "vpc_id")).toMatchObject({
      $unknown: "COMPUTED",
      refs: ["aws_vpc.this.id"],
    });
    // Which /27 is not known; that it is a /27 is.
    expect(attr(result, "aws_subnet.private", "cidr_block")).toEqual({
      $unknown: "DATA_SOURCE",
      detail: names,
      refs: ["data.aws_availability_zones.available.names"],
      suffix: "/27",
    });
    expect(attr(result, "aws_route_table_association.private", "subnet_id")).toMatchObject({
      $unknown: "COMPUTED",
      refs: ["aws_subnet.private.id"],
    });
    const vpcConfig = attr(result, "aws_sagemaker_model.m", "vpc_config") as Record<string, unknown>[];
    const detail = `aws_subnet.private has a count or for_each that is not known statically (${names.replace(/\.$/, "")}).`;
    expect(vpcConfig[0]).toEqual({
      subnets: {
        $unknown: "DATA_SOURCE",
        detail,
        refs: ["aws_subnet.private", "aws_subnet.private.id"],
        every: {
          $unknown: "COMPUTED",
          detail: "aws_subnet.private.id is computed by the provider when the resource is created.",
          refs: ["aws_subnet.private.id"],
        },
      },
      security_group_ids: {
        $unknown: "DATA_SOURCE",
        detail,
        refs: ["aws_subnet.private", "aws_vpc.this.id"],
        every: {
          $unknown: "COMPUTED",
          detail: "aws_vpc.this.id is computed by the provider when the resource is created.",
          refs: ["aws_vpc.this.id"],
        },
      },
    });
  });

  it("never invents instances: a for filter false for the symbolic instance leaves an empty list", () => {
    const result = loadInline({
      "main.tf": `
variable "n" {
  type = number
}
resource "aws_subnet" "a" {
  count      = var.n
  cidr_block = "10.0.0.0/24"
}
resource "terraform_data" "probe" {
  input = [for s in aws_subnet.a : s.cidr_block if s.cidr_block == "10.9.0.0/24"]
}
`,
    });
    expect(attr(result, "terraform_data.probe", "input")).toEqual([]);
  });

  it("reads a list variable without value as a list of unknown length", () => {
    const result = loadInline({
      "main.tf": `
variable "subnet_ids" {
  type = list(string)
}
resource "terraform_data" "probe" {
  input = var.subnet_ids
}
`,
    });
    const detail = "var.subnet_ids has no default and no value is given (tfvars, --var or --var-file).";
    expect(attr(result, "terraform_data.probe", "input")).toEqual({
      $unknown: "VAR_NO_DEFAULT",
      detail,
      refs: [],
      every: { $unknown: "VAR_NO_DEFAULT", detail, refs: [] },
    });
  });

  it("stops at the counted limit without allocating (count = 1e9)", () => {
    const result = loadInline({
      "main.tf": `resource "aws_subnet" "huge" {\n  count      = 1e9\n  cidr_block = "10.0.0.0/24"\n}\n`,
    });
    expect(result.instances).toHaveLength(1);
    expect(result.instances[0]!.expansion).toBe("unknown");
    expect(result.notes.map(({ path, message, limit }) => ({ path, message, limit }))).toEqual([
      {
        path: "main.tf",
        message:
          "aws_subnet.huge: count = 1000000000 exceeds the limit of 10000 instances; analysed as one instance of unknown expansion (line 2)",
        limit: "max-expansion",
      },
    ]);
    const limited = loadInline(
      { "main.tf": `resource "aws_subnet" "s" {\n  count      = 5\n  cidr_block = "10.0.0.0/24"\n}\n` },
      { limits: { maxInstancesPerResource: 4 } },
    );
    expect(limited.instances.map((i) => i.expansion)).toEqual(["unknown"]);
  });

  it("bounds evaluation steps", () => {
    const result = loadInline(
      {
        "main.tf": `locals {\n  big = [for i in range(1000) : [for j in range(1000) : i * j]]\n}\nresource "terraform_data" "d" {\n  input = local.big\n}\n`,
      },
      { limits: { maxStepsPerExpression: 10_000 } },
    );
    expect(attr(result, "terraform_data.d", "input")).toMatchObject({ $unknown: "LIMIT" });
    expect(result.notes[0]!.message).toMatch(/^local\.big: evaluation stopped after 10000 steps/);
  });
});

describe("nested and dynamic blocks", () => {
  it("become lists of objects, dynamic blocks expanded in place with their iterator", () => {
    const result = loadInline({
      "main.tf": `
locals {
  rules = {
    https = { port = 443, cidrs = ["10.0.0.0/8"] }
    nfs   = { port = 2049, cidrs = [] }
  }
}

resource "aws_security_group" "sg" {
  name = "sg"

  ingress {
    from_port = 22
    to_port   = 22
    protocol  = "tcp"
  }

  dynamic "ingress" {
    for_each = local.rules
    iterator = rule
    content {
      description = rule.key
      from_port   = rule.value.port
      to_port     = rule.value.port
      protocol    = "tcp"

      dynamic "cidr_block" {
        for_each = rule.value.cidrs
        content {
          value = cidr_block.value
        }
      }
    }
  }
}
`,
    });
    expect(attr(result, "aws_security_group.sg", "ingress")).toEqual([
      { from_port: 22, to_port: 22, protocol: "tcp" },
      { description: "https", from_port: 443, to_port: 443, protocol: "tcp", cidr_block: [{ value: "10.0.0.0/8" }] },
      { description: "nfs", from_port: 2049, to_port: 2049, protocol: "tcp", cidr_block: [] },
    ]);
    const sg = instance(result, "aws_security_group.sg");
    const ingress = sg.attributes.entries.find((e) => e.key === "ingress")!;
    expect(at(ingress.keyRange)).toBe("12:3-12:10");
    expect(ingress.value.kind === "list" && ingress.value.items.map((i) => at(i.range))).toEqual([
      "12:3-16:4",
      "18:3-34:4",
      "18:3-34:4",
    ]);
  });

  it("makes the block list Unknown when a dynamic block's for_each is Unknown", () => {
    const result = loadInline({
      "main.tf": `
variable "subnets" {
  type = list(string)
}

resource "aws_sagemaker_model" "m" {
  name = "m"
  dynamic "vpc_config" {
    for_each = length(var.subnets) > 0 ? [1] : []
    content {
      subnets = var.subnets
    }
  }
}
`,
    });
    expect(attr(result, "aws_sagemaker_model.m", "vpc_config")).toMatchObject({ $unknown: "VAR_NO_DEFAULT", refs: [] });
  });
});

describe("references between resources", () => {
  it("reads configured attributes, COMPUTED for provider-set ones, defaults for others", () => {
    const result = loadInline({
      "main.tf": `
resource "aws_vpc" "v" {
  cidr_block = "10.9.0.0/16"
}

resource "aws_sagemaker_model" "named" {
  name = "named"
}

resource "aws_sagemaker_model" "unnamed" {
  execution_role_arn = "arn:aws:iam::123456789012:role/r"
}

resource "custom_thing" "c" {
  given = "x"
}

resource "terraform_data" "probe" {
  input = {
    cidr        = aws_vpc.v.cidr_block
    id          = aws_vpc.v.id
    main_rt     = aws_vpc.v.main_route_table_id
    dns         = aws_vpc.v.enable_dns_hostnames
    tenancy     = aws_vpc.v.instance_tenancy
    ipv6        = aws_vpc.v.ipv6_netmask_length
    named       = aws_sagemaker_model.named.name
    unnamed     = aws_sagemaker_model.unnamed.name
    custom      = custom_thing.c.given
    custom_else = custom_thing.c.anything
    whole       = aws_vpc.v
  }
}
`,
    });
    expect(attr(result, "terraform_data.probe", "input")).toEqual({
      cidr: "10.9.0.0/16",
      id: {
        $unknown: "COMPUTED",
        detail: "aws_vpc.v.id is computed by the provider when the resource is created.",
        refs: ["aws_vpc.v.id"],
      },
      main_rt: {
        $unknown: "COMPUTED",
        detail: "aws_vpc.v.main_route_table_id is computed by the provider when the resource is created.",
        refs: ["aws_vpc.v.main_route_table_id"],
      },
      dns: false,
      tenancy: "default",
      ipv6: null,
      named: "named",
      unnamed: {
        $unknown: "COMPUTED",
        detail: "aws_sagemaker_model.unnamed.name is computed by the provider when the resource is created.",
        refs: ["aws_sagemaker_model.unnamed.name"],
      },
      custom: "x",
      custom_else: {
        $unknown: "COMPUTED",
        detail: "custom_thing.c.anything is computed by the provider when the resource is created.",
        refs: ["custom_thing.c.anything"],
      },
      whole: { cidr_block: "10.9.0.0/16" },
    });
  });

  it("reports reference cycles between locals as a diagnostic and an Unknown", () => {
    const result = loadInline({
      "main.tf": `locals {\n  a = local.b\n  b = local.a\n}\nresource "terraform_data" "d" {\n  input = local.a\n}\n`,
    });
    expect(attr(result, "terraform_data.d", "input")).toMatchObject({
      $unknown: "LIMIT",
      detail: "local.a depends on itself (a cycle).",
    });
    expect(result.diagnostics.map((d) => [d.summary, d.detail, at(d.range)])).toEqual([
      ["Cycle in values", "local.a depends on itself.", "2:3-2:14"],
    ]);
  });

  it("gives a count that depends on its own resource an Unknown naming the cycle", () => {
    const result = loadInline({
      "main.tf": `resource "aws_subnet" "a" {\n  count      = length(aws_subnet.a)\n  cidr_block = "10.0.0.0/24"\n}\nresource "terraform_data" "probe" {\n  input = aws_subnet.a[0].id\n}\n`,
    });
    expect(instance(result, "aws_subnet.a").expansion).toBe("unknown");
    expect(attr(result, "aws_subnet.a", "cidr_block")).toEqual("10.0.0.0/24");
    expect(attr(result, "terraform_data.probe", "input")).toEqual({
      $unknown: "COMPUTED",
      detail: "aws_subnet.a.id is computed by the provider when the resource is created.",
      refs: ["aws_subnet.a.id"],
    });
  });

  it("gives self-referencing resource attributes an Unknown, not a hang", () => {
    const result = loadInline({
      "main.tf": `resource "aws_security_group" "a" {\n  name = aws_security_group.b.name\n}\nresource "aws_security_group" "b" {\n  name = aws_security_group.a.name\n}\n`,
    });
    expect(attr(result, "aws_security_group.a", "name")).toMatchObject({ $unknown: "LIMIT" });
  });
});

describe("data sources", () => {
  it("echo configured arguments and are DATA_SOURCE otherwise, with count expanded", () => {
    const result = loadInline({
      "main.tf": `
data "aws_vpc" "shared" {
  id = "vpc-0123456789abcdef0"
}
data "aws_subnet" "by_az" {
  count             = 2
  vpc_id            = data.aws_vpc.shared.id
  availability_zone = "eu-west-1\${["a", "b"][count.index]}"
}
resource "aws_sagemaker_model" "m" {
  vpc_config {
    subnets            = data.aws_subnet.by_az[*].id
    security_group_ids = [data.aws_vpc.shared.id]
  }
}
`,
    });
    expect(result.instances.map((i) => `${i.mode} ${i.address}`)).toEqual([
      "data data.aws_vpc.shared",
      "data data.aws_subnet.by_az[0]",
      "data data.aws_subnet.by_az[1]",
      "managed aws_sagemaker_model.m",
    ]);
    expect(attr(result, "data.aws_subnet.by_az[1]", "availability_zone")).toBe("eu-west-1b");
    expect(attr(result, "aws_sagemaker_model.m", "vpc_config")).toEqual([
      {
        subnets: [
          {
            $unknown: "DATA_SOURCE",
            detail: "data.aws_subnet.by_az[0].id is read by the provider at plan time.",
            refs: ["data.aws_subnet.by_az[0].id"],
          },
          {
            $unknown: "DATA_SOURCE",
            detail: "data.aws_subnet.by_az[1].id is read by the provider at plan time.",
            refs: ["data.aws_subnet.by_az[1].id"],
          },
        ],
        security_group_ids: ["vpc-0123456789abcdef0"],
      },
    ]);
  });
});

describe("indexing counted resources by expression", () => {
  it("resolves aws_subnet.private[count.index].id to each instance's computed id", () => {
    const result = loadInline({
      "main.tf": `
resource "aws_subnet" "private" {
  count      = 2
  cidr_block = "10.0.\${count.index}.0/24"
}
resource "aws_route_table_association" "private" {
  count     = 2
  subnet_id = aws_subnet.private[count.index].id
  cidr      = aws_subnet.private[count.index].cidr_block
}
`,
    });
    expect(result.notes).toEqual([]);
    expect(attr(result, "aws_route_table_association.private[1]", "subnet_id")).toMatchObject({
      $unknown: "COMPUTED",
      refs: ["aws_subnet.private[1].id"],
    });
    expect(attr(result, "aws_route_table_association.private[1]", "cidr")).toBe("10.0.1.0/24");
  });
});

describe("meta-arguments", () => {
  it("are not attributes, while source and version of a resource are", () => {
    const result = loadInline({
      "main.tf": `resource "aws_s3_object" "o" {\n  provider   = aws.west\n  depends_on = [aws_s3_bucket.b]\n  bucket     = "b"\n  key        = "k"\n  source     = "files/k.txt"\n  lifecycle {\n    ignore_changes = [tags]\n  }\n}\nresource "aws_s3_bucket" "b" {}\n`,
    });
    expect(instance(result, "aws_s3_object.o").attributes.entries.map((e) => e.key)).toEqual([
      "bucket",
      "key",
      "source",
    ]);
    expect(result.notes).toEqual([]);
  });
});
