/** `terraform show -json` plan files as input, merged with their source. */
import { describe, expect, it } from "vitest";
import { attr, at, instance, loadFixture, loadInline } from "./helpers.js";

describe("plan-json fixture", () => {
  const result = loadFixture("plan-json");

  it("gives one instance per planned resource, with the plan's values and the source's ranges", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.instances.map((i) => `${i.id} ${i.file}:${i.headerRange.start.line}`)).toEqual([
      "stack:aws_sagemaker_model.this stack/main.tf:28",
      "stack:aws_security_group.sm stack/main.tf:23",
      "stack:aws_subnet.private[0] stack/main.tf:12",
      "stack:aws_subnet.private[1] stack/main.tf:12",
      "stack:aws_vpc.main stack/main.tf:1",
      "stack:module.endpoints.aws_vpc_endpoint.s3 stack/plan.json:105",
    ]);
    expect(result.instances.every((i) => i.expansion === "known")).toBe(true);
  });

  it("uses planned values where the source alone could not know them", () => {
    // vpc_cidr and subnet_count have no value in the source; the plan knows them.
    expect(attr(result, "aws_vpc.main", "cidr_block")).toBe("10.30.0.0/16");
    expect(attr(result, "aws_subnet.private[1]", "cidr_block")).toBe("10.30.1.0/24");
    expect(attr(result, "aws_subnet.private[1]", "vpc_id")).toEqual({
      $unknown: "COMPUTED",
      detail: "aws_subnet.private[1].vpc_id is known only after apply (terraform plan).",
      refs: ["aws_vpc.main.id"],
    });
  });

  it("takes references of unknown values from the configuration", () => {
    expect(attr(result, "aws_sagemaker_model.this", "vpc_config")).toEqual([
      {
        security_group_ids: {
          $unknown: "COMPUTED",
          detail:
            "aws_sagemaker_model.this.vpc_config[0].security_group_ids is known only after apply (terraform plan).",
          refs: ["aws_security_group.sm.id"],
        },
        subnets: {
          $unknown: "COMPUTED",
          detail: "aws_sagemaker_model.this.vpc_config[0].subnets is known only after apply (terraform plan).",
          refs: ["aws_subnet.private[0]", "aws_subnet.private[1]"],
        },
      },
    ]);
  });

  it("keeps source ranges for values the source has, plan ranges for the rest", () => {
    const vpc = instance(result, "aws_vpc.main");
    const cidr = vpc.attributes.entries.find((e) => e.key === "cidr_block")!;
    expect(`${cidr.keyRange!.file}:${at(cidr.keyRange)}`).toBe("stack/main.tf:2:3-2:13");
    expect(`${cidr.value.range!.file}:${at(cidr.value.range)}`).toBe("stack/main.tf:2:26-2:38");
    const tenancy = vpc.attributes.entries.find((e) => e.key === "instance_tenancy")!;
    expect(tenancy.keyRange!.file).toBe("stack/plan.json");
  });

  it("includes resources of modules that are only in the plan, linked to their call", () => {
    const endpoint = instance(result, "module.endpoints.aws_vpc_endpoint.s3");
    expect(attr(result, "module.endpoints.aws_vpc_endpoint.s3", "service_name")).toBe("com.amazonaws.eu-west-1.s3");
    expect(endpoint.moduleCalls.map((r) => `${r.file}:${at(r)}`)).toEqual(["stack/main.tf:42:1-42:19"]);
  });

  it("reads a plan without source on its own", () => {
    const plan = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [
            {
              address: "aws_vpc.v",
              mode: "managed",
              type: "aws_vpc",
              name: "v",
              values: { cidr_block: "10.1.0.0/16" },
            },
          ],
        },
      },
      resource_changes: [{ address: "aws_vpc.v", change: { after_unknown: { id: true } } }],
      configuration: {
        root_module: {
          resources: [{ address: "aws_vpc.v", expressions: { cidr_block: { constant_value: "10.1.0.0/16" } } }],
        },
      },
    };
    const alone = loadInline({ "plans/tfplan.json": JSON.stringify(plan, null, 2) });
    expect(alone.instances.map((i) => [i.id, i.file, i.headerRange.start.line])).toEqual([
      ["plans:aws_vpc.v", "plans/tfplan.json", 6],
    ]);
    expect(attr(alone, "aws_vpc.v", "cidr_block")).toBe("10.1.0.0/16");
  });
});

describe("a plan saved outside its root", () => {
  it("is merged into the one scanned root that declares its resources", () => {
    const plan = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [
            {
              address: "aws_vpc.v",
              mode: "managed",
              type: "aws_vpc",
              name: "v",
              values: { cidr_block: "10.5.0.0/16" },
            },
          ],
        },
      },
      configuration: {
        root_module: {
          resources: [{ address: "aws_vpc.v", expressions: { cidr_block: { references: ["var.cidr"] } } }],
        },
      },
    };
    const result = loadInline({
      "stacks/net/main.tf": `variable "cidr" {}\nresource "aws_vpc" "v" {\n  cidr_block = var.cidr\n}\n`,
      "stacks/other/main.tf": `resource "aws_s3_bucket" "b" {}\n`,
      "plans/net.json": JSON.stringify(plan),
    });
    expect(result.instances.map((i) => `${i.id} ${i.file}`)).toEqual([
      "stacks/other:aws_s3_bucket.b stacks/other/main.tf",
      "stacks/net:aws_vpc.v stacks/net/main.tf",
    ]);
    expect(attr(result, "aws_vpc.v", "cidr_block")).toBe("10.5.0.0/16");
  });
});
