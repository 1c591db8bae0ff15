/** aws_iam_policy_document's json with a computed ARN: partly known JSON, printed by debug terraform, kept by the role policy. */
import { describe, expect, it } from "vitest";
import { renderDebugTerraform } from "../../src/terraform/debug.js";
import { getPath, toDebugJson } from "../../src/core/value.js";
import { loadInline } from "./helpers.js";
import { nodeNamed, tfGraph } from "../graph/helpers.js";

const files = {
  "main.tf": `
resource "aws_s3_bucket" "data" {}
resource "aws_iam_role" "job" {
  name               = "job"
  assume_role_policy = "{}"
}
data "aws_iam_policy_document" "data" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.data.arn}/*"]
  }
}
resource "aws_iam_role_policy" "data" {
  role   = aws_iam_role.job.name
  policy = data.aws_iam_policy_document.data.json
}
`,
};

const document = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: {
        $unknown: "COMPUTED",
        detail: "aws_s3_bucket.data.arn is computed by the provider when the resource is created.",
        refs: ["aws_s3_bucket.data.arn"],
        suffix: "/*",
      },
    },
  ],
};

describe("aws_iam_policy_document json", () => {
  it("is printed by debug terraform as the document it encodes, Unknown only at the computed ARN", () => {
    const printed = JSON.parse(renderDebugTerraform(loadInline(files))) as {
      instances: { address: string; json?: unknown }[];
    };
    expect(printed.instances.find((i) => i.address === "data.aws_iam_policy_document.data")?.json).toEqual(document);
  });

  it("keeps the statements' structure in the role's inline policy", () => {
    const role = nodeNamed(tfGraph(files), "iam-role", "aws_iam_role.job");
    expect(role.inlinePolicies).toHaveLength(1);
    const policy = role.inlinePolicies[0]!.document.value;
    expect(toDebugJson(getPath(policy, ["Statement", 0, "Action"])!)).toBe("s3:GetObject");
    expect(toDebugJson(getPath(policy, ["Statement", 0, "Resource"])!)).toMatchObject({
      $unknown: "COMPUTED",
      suffix: "/*",
    });
  });
});
