/** Module inputs and outputs through two levels, sources, roots, cycles. */
import { describe, expect, it } from "vitest";
import { attr, at, instance, loadFixture, loadInline } from "./helpers.js";

describe("modules-two-levels fixture", () => {
  const result = loadFixture("modules-two-levels");

  it("finds one root and expands local, installed and counted modules", () => {
    expect(result.diagnostics).toEqual([]);
    expect(new Set(result.instances.map((i) => i.root))).toEqual(new Set(["."]));
    expect(result.instances.map((i) => i.address)).toEqual([
      "aws_sagemaker_model.this",
      "module.network.aws_vpc.this",
      'module.network.module.subnets.aws_subnet.this["ml-private-0"]',
      'module.network.module.subnets.aws_subnet.this["ml-private-1"]',
      "module.registry_vpc.aws_vpc.this",
      'module.replica[0].aws_subnet.this["replica0-0"]',
      'module.replica[1].aws_subnet.this["replica1-0"]',
    ]);
  });

  it("passes inputs down and outputs up through two levels", () => {
    expect(attr(result, 'module.network.module.subnets.aws_subnet.this["ml-private-1"]', "cidr_block")).toBe(
      "10.40.16.0/20",
    );
    expect(attr(result, 'module.network.module.subnets.aws_subnet.this["ml-private-1"]', "vpc_id")).toEqual({
      $unknown: "COMPUTED",
      detail: "module.network.aws_vpc.this.id is computed by the provider when the resource is created.",
      refs: ["module.network.aws_vpc.this.id"],
    });
    expect(attr(result, "aws_sagemaker_model.this", "vpc_config")).toEqual([
      {
        subnets: [
          {
            $unknown: "COMPUTED",
            detail:
              'module.network.module.subnets.aws_subnet.this["ml-private-0"].id is computed by the provider when the resource is created.',
            refs: ['module.network.module.subnets.aws_subnet.this["ml-private-0"].id'],
          },
          {
            $unknown: "COMPUTED",
            detail:
              'module.network.module.subnets.aws_subnet.this["ml-private-1"].id is computed by the provider when the resource is created.',
            refs: ['module.network.module.subnets.aws_subnet.this["ml-private-1"].id'],
          },
        ],
        security_group_ids: [
          {
            $unknown: "MODULE_SOURCE",
            detail:
              'module.security.security_group_id comes from module source "git::https://example.com/platform/sg.git?ref=v1.4.0", which is not available locally.',
            refs: [],
          },
        ],
      },
    ]);
    expect(attr(result, "aws_sagemaker_model.this", "tags")).toEqual({
      Cidrs: "10.40.0.0/20,10.40.16.0/20",
      ModulePath: "modules/network/subnets",
    });
  });

  it("refs name instance ids that are unique in the scan", () => {
    const model = instance(result, "aws_sagemaker_model.this");
    const vpcConfig = model.attributes.entries.find((e) => e.key === "vpc_config")!.value;
    const subnets =
      vpcConfig.kind === "list" && vpcConfig.items[0]!.kind === "object"
        ? vpcConfig.items[0]!.entries[0]!.value
        : undefined;
    expect(subnets?.kind === "list" && subnets.items[0]!.kind === "unknown" && subnets.items[0]!.refs).toEqual([
      { resource: '.:module.network.module.subnets.aws_subnet.this["ml-private-0"]', attribute: "id" },
    ]);
  });

  it("resolves registry sources through .terraform/modules/modules.json", () => {
    const vpc = instance(result, "module.registry_vpc.aws_vpc.this");
    expect(vpc.file).toBe(".terraform/modules/registry_vpc/main.tf");
    expect(attr(result, "module.registry_vpc.aws_vpc.this", "cidr_block")).toBe("10.0.0.0/16");
    expect(attr(result, 'module.replica[1].aws_subnet.this["replica1-0"]', "vpc_id")).toMatchObject({
      refs: ["module.registry_vpc.aws_vpc.this.id"],
    });
  });

  it("notes an unavailable module source once", () => {
    expect(result.notes).toEqual([
      {
        path: "main.tf",
        message:
          'module.security: module source "git::https://example.com/platform/sg.git?ref=v1.4.0" not available locally (run terraform init to fill .terraform/modules); its outputs are unknown (line 15)',
      },
    ]);
  });

  it("lists module call sites from the root down", () => {
    const subnet = instance(result, 'module.network.module.subnets.aws_subnet.this["ml-private-0"]');
    expect(subnet.moduleCalls.map((r) => `${r.file}:${at(r)}`)).toEqual([
      "main.tf:1:1-1:17",
      "modules/network/main.tf:19:1-19:17",
    ]);
    expect(at(subnet.headerRange)).toBe("13:1-13:29");
    expect(at(subnet.range)).toBe("13:1-18:2");
  });
});

describe("module problems", () => {
  it("diagnoses a module cycle without hanging", () => {
    const result = loadInline({
      "main.tf": `module "a" {\n  source = "./a"\n}\n`,
      "a/main.tf": `module "b" {\n  source = "../b"\n}\nresource "aws_vpc" "in_a" {\n  cidr_block = "10.0.0.0/16"\n}\n`,
      "b/main.tf": `module "a" {\n  source = "../a"\n}\noutput "x" {\n  value = module.a.y\n}\n`,
    });
    expect(result.instances.map((i) => i.address)).toEqual(["module.a.aws_vpc.in_a"]);
    expect(result.diagnostics.map((d) => [d.summary, d.range.file, at(d.range)])).toEqual([
      ["Module cycle", "b/main.tf", "2:3-2:18"],
    ]);
  });

  it("diagnoses a missing module folder at its source", () => {
    const result = loadInline({
      "main.tf": `module "gone" {\n  source = "./does-not-exist"\n}\nresource "terraform_data" "d" {\n  input = module.gone.anything\n}\n`,
    });
    expect(result.diagnostics.map((d) => [d.summary, at(d.range)])).toEqual([["Module folder not found", "2:3-2:30"]]);
    expect(attr(result, "terraform_data.d", "input")).toMatchObject({ $unknown: "MODULE_SOURCE" });
  });

  it("treats every folder no scanned module calls as a root", () => {
    const result = loadInline({
      "net/main.tf": `resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n`,
      "ml/main.tf": `module "shared" {\n  source = "../shared"\n  name = "ml"\n}\n`,
      "shared/main.tf": `variable "name" {}\nresource "aws_iam_role" "r" {\n  name = var.name\n}\n`,
    });
    expect(result.instances.map((i) => i.id)).toEqual(["ml:module.shared.aws_iam_role.r", "net:aws_vpc.v"]);
  });

  it("expands module for_each and reads outputs of instances", () => {
    const result = loadInline({
      "main.tf": `module "sg" {\n  for_each = toset(["a", "b"])\n  source = "./sg"\n  name = each.key\n}\nresource "terraform_data" "d" {\n  input = { for k, m in module.sg : k => m.name }\n}\n`,
      "sg/main.tf": `variable "name" {\n  type = string\n}\nresource "aws_security_group" "this" {\n  name = "sg-\${var.name}"\n}\noutput "name" {\n  value = aws_security_group.this.name\n}\n`,
    });
    expect(result.instances.map((i) => i.address)).toEqual([
      "terraform_data.d",
      'module.sg["a"].aws_security_group.this',
      'module.sg["b"].aws_security_group.this',
    ]);
    expect(attr(result, "terraform_data.d", "input")).toEqual({ a: "sg-a", b: "sg-b" });
  });
});
