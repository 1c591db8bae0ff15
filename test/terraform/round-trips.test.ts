/** Lists that survive a round trip through a string: split(sep, join(sep, items)) gives the items back when none can contain sep. */
import { describe, expect, it } from "vitest";
import { attr, loadInline } from "./helpers.js";

const probe = (expression: string) =>
  attr(
    loadInline({
      "main.tf": `
resource "aws_subnet" "a" {
  cidr_block = "10.0.0.0/24"
}
resource "aws_subnet" "b" {
  cidr_block = "10.0.1.0/24"
}
resource "aws_iam_role" "r" {
  name = "scoring"
}
locals {
  subnets = join(",", [aws_subnet.a.id, aws_subnet.b.id])
}
resource "terraform_data" "probe" {
  input = ${expression}
}
`,
    }),
    "terraform_data.probe",
    "input",
  );

const subnetId = (name: string) => ({
  $unknown: "COMPUTED",
  detail: `aws_subnet.${name}.id is computed by the provider when the resource is created.`,
  refs: [`aws_subnet.${name}.id`],
});

describe("split/join round trips", () => {
  it("gives the references back, and element() and [i] the element", () => {
    expect(probe(`split(",", local.subnets)`)).toEqual([subnetId("a"), subnetId("b")]);
    expect(probe(`element(split(",", local.subnets), 1)`)).toEqual(subnetId("b"));
    expect(probe(`split(",", local.subnets)[0]`)).toEqual(subnetId("a"));
    expect(probe(`split(",", join(",", ["subnet-0abc", aws_subnet.a.id]))`)).toEqual(["subnet-0abc", subnetId("a")]);
  });

  it("stays Unknown when an element may contain the separator, or the separators differ", () => {
    // A role's ARN and name may contain ",".
    for (const expression of [
      `split(",", join(",", [aws_iam_role.r.arn, aws_subnet.a.id]))`,
      `split(",", join(",", ["a,b", aws_subnet.a.id]))`,
      `split("-", join("-", [aws_subnet.a.id, aws_subnet.b.id]))`,
      `split(";", local.subnets)`,
    ])
      expect(probe(expression)).toMatchObject({ $unknown: "COMPUTED" });
  });
});
