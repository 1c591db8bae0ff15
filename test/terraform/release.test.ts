/**
 * A Terraform load keeps nothing of its evaluation alive once it returns (issue 8): the
 * instance objects it remembered — which lead to the whole module tree, every parsed file
 * and every memo — are forgotten, while the results stay the same.
 */
import { describe, expect, it } from "vitest";
import { applyGenericStep } from "../../src/terraform/references.js";
import { fileStartRange } from "../../src/core/range.js";
import { attr, instance, loadInline } from "./helpers.js";

const files = {
  "main.tf": `resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
locals {
  vpc = aws_vpc.v
}
resource "terraform_data" "probe" {
  input = { whole = local.vpc, id = local.vpc.id }
}
`,
};

describe("the end of a Terraform load", () => {
  it("keeps the instance semantics during the load", () => {
    const result = loadInline(files);
    expect(attr(result, "terraform_data.probe", "input")).toEqual({
      whole: { cidr_block: "10.0.0.0/16" },
      id: {
        $unknown: "COMPUTED",
        detail: "aws_vpc.v.id is computed by the provider when the resource is created.",
        refs: ["aws_vpc.v.id"],
      },
    });
  });

  it("forgets which objects stood for instances, so that its result keeps no module tree alive", () => {
    const result = loadInline(files);
    const input = instance(result, "terraform_data.probe").attributes.entries.find((e) => e.key === "input")!.value;
    const whole = input.kind === "object" ? input.entries.find((e) => e.key === "whole")!.value : undefined;
    expect(whole?.kind).toBe("object");
    // During the load this object answered `.id` through its instance; now it is a plain object.
    expect(() =>
      applyGenericStep(
        whole!,
        { type: "TraverseAttr", name: "id", range: { start: 0, end: 3 } },
        fileStartRange("main.tf"),
      ),
    ).toThrow(/no attribute "id"/);
  });

  it("gives the same results load after load", () => {
    expect(JSON.stringify(loadInline(files))).toBe(JSON.stringify(loadInline(files)));
  });
});
