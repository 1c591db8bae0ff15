/** `data "aws_iam_policy_document"` evaluated to its JSON as the provider builds it. */
import { describe, expect, it } from "vitest";
import type { Value } from "../../src/core/value.js";
import { at, attr, debug, instance, loadInline } from "./helpers.js";

function policy(text: string, address = "aws_iam_policy.p"): unknown {
  const result = loadInline({ "main.tf": text });
  const json = attr(result, address, "policy");
  return typeof json === "string" ? JSON.parse(json) : json;
}

describe("aws_iam_policy_document", () => {
  it("builds statements with principals, conditions and not_actions", () => {
    const doc = policy(`
data "aws_iam_policy_document" "d" {
  policy_id = "ml"
  statement {
    sid     = "Eni"
    actions = ["ec2:DescribeVpcs", "ec2:CreateNetworkInterface"]
    resources = ["*"]
  }
  statement {
    effect      = "Deny"
    not_actions = ["s3:GetObject"]
    resources   = ["arn:aws:s3:::packages.*.amazonaws.com/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:SourceVpce"
      values   = ["vpce-1"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:SourceVpc"
      values   = ["vpc-1", "vpc-2"]
    }
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}
`);
    expect(doc).toEqual({
      Version: "2012-10-17",
      Id: "ml",
      Statement: [
        { Sid: "Eni", Effect: "Allow", Action: ["ec2:DescribeVpcs", "ec2:CreateNetworkInterface"], Resource: "*" },
        {
          Effect: "Deny",
          NotAction: "s3:GetObject",
          Resource: "arn:aws:s3:::packages.*.amazonaws.com/*",
          Principal: "*",
          Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1", "aws:SourceVpc": ["vpc-2", "vpc-1"] } },
        },
      ],
    });
  });

  it("prints like the provider (two-space indentation) and minified", () => {
    const result = loadInline({
      "main.tf": `data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n  }\n}\nresource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.d.json\n  min    = data.aws_iam_policy_document.d.minified_json\n}\n`,
    });
    expect(attr(result, "aws_iam_policy.p", "policy")).toBe(
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}',
    );
    expect(attr(result, "aws_iam_policy.p", "min")).toBe(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    );
  });

  it("merges source and override documents by Sid", () => {
    const doc = policy(`
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "A"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid       = "B"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "d" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [jsonencode({ Statement = [{ Sid = "B", Effect = "Deny", Action = "s3:PutObject", Resource = "*" }, { Sid = "D", Effect = "Allow", Action = "kms:Decrypt", Resource = "*" }] })]
  statement {
    sid       = "A"
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
  statement {
    sid       = "C"
    actions   = ["ec2:DescribeSubnets"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}
`);
    expect(
      (doc as { Statement: { Sid: string; Effect: string; Action: string }[] }).Statement.map((s) => [
        s.Sid,
        s.Effect,
        s.Action,
      ]),
    ).toEqual([
      ["A", "Allow", "s3:ListBucket"],
      ["B", "Deny", "s3:PutObject"],
      ["C", "Allow", "ec2:DescribeSubnets"],
      ["D", "Allow", "kms:Decrypt"],
    ]);
  });

  it("is Unknown when anything in it is, with the references", () => {
    const doc = policy(`
resource "aws_s3_bucket" "b" {
  bucket = "data"
}
resource "aws_kms_key" "k" {}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.k.arn]
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}
`);
    expect(doc).toEqual({
      $unknown: "COMPUTED",
      detail:
        "data.aws_iam_policy_document.d.json depends on values not known statically (aws_kms_key.k.arn is computed by the provider when the resource is created).",
      refs: ["aws_kms_key.k.arn"],
    });
  });
});

describe("the encoded document", () => {
  it("keeps the statement structure with configuration ranges, also when the JSON is Unknown", () => {
    const result = loadInline({
      "main.tf": `resource "aws_kms_key" "k" {}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["ec2:DescribeVpcs"]
    resources = ["*"]
  }
  statement {
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.k.arn]
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}
`,
    });
    const policyEntry = instance(result, "aws_iam_policy.p").attributes.entries[0]!;
    expect(policyEntry.value.kind).toBe("unknown");
    const encoded = (policyEntry.value as { encodes?: Value }).encodes!;
    expect(debug(result, encoded)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "ec2:DescribeVpcs", Resource: "*" },
        {
          Effect: "Allow",
          Action: "kms:Decrypt",
          Resource: {
            $unknown: "COMPUTED",
            detail: "aws_kms_key.k.arn is computed by the provider when the resource is created.",
            refs: ["aws_kms_key.k.arn"],
          },
        },
      ],
    });
    const first =
      encoded.kind === "object" && encoded.entries[1]!.value.kind === "list"
        ? encoded.entries[1]!.value.items[0]!
        : undefined;
    expect(at(first?.range)).toBe("3:3-6:4");
    const action = first?.kind === "object" ? first.entries.find((e) => e.key === "Action") : undefined;
    expect(at(action?.keyRange)).toBe("4:5-4:12");
    expect(at(action?.value.range)).toBe("4:18-4:36");
  });
});
