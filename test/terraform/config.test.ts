/** Configuration loading: .tf.json, override files, .tofu precedence, parse errors. */
import { describe, expect, it } from "vitest";
import { attr, at, instance, loadFixture, loadInline } from "./helpers.js";

describe("tf-json fixture", () => {
  const result = loadFixture("tf-json");

  it("evaluates the JSON syntax like the native one", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.instances.map((i) => i.address)).toEqual([
      "data.aws_region.current",
      "aws_vpc.main",
      "aws_subnet.private[0]",
      "aws_subnet.private[1]",
      "aws_vpc_endpoint.s3",
      "aws_sagemaker_model.this",
    ]);
    expect(attr(result, "aws_subnet.private[1]", "cidr_block")).toBe("10.70.2.0/24");
    // Variable defaults in JSON are literal values, not templates (as in Terraform).
    expect(attr(result, "aws_subnet.private[1]", "tags")).toEqual({ Name: "json-${not-a-template}-1" });
    expect(attr(result, "aws_vpc_endpoint.s3", "service_name")).toMatchObject({
      $unknown: "DATA_SOURCE",
      prefix: "com.amazonaws.",
      suffix: ".s3",
    });
    expect(attr(result, "aws_sagemaker_model.this", "vpc_config")).toEqual([
      {
        subnets: [
          {
            $unknown: "COMPUTED",
            detail: "aws_subnet.private[0].id is computed by the provider when the resource is created.",
            refs: ["aws_subnet.private[0].id"],
          },
          {
            $unknown: "COMPUTED",
            detail: "aws_subnet.private[1].id is computed by the provider when the resource is created.",
            refs: ["aws_subnet.private[1].id"],
          },
        ],
        security_group_ids: ["sg-0123456789abcdef0"],
      },
    ]);
  });

  it("gives JSON values exact ranges, interpolations inside strings included", () => {
    const model = instance(result, "aws_sagemaker_model.this");
    expect(at(model.headerRange)).toBe("32:7-32:13");
    expect(at(model.range)).toBe("32:7-40:8");
    const name = model.attributes.entries.find((e) => e.key === "name")!;
    expect(at(name.keyRange)).toBe("33:9-33:15");
    expect(at(name.value.range)).toBe("33:17-33:40");
    const endpoint = instance(result, "aws_vpc_endpoint.s3");
    const service = endpoint.attributes.entries.find((e) => e.key === "service_name")!.value;
    expect(at(service.range)).toBe("28:25-28:75");
  });
});

describe("overrides fixture", () => {
  const result = loadFixture("overrides");

  it("merges override files as Terraform does and prefers .tofu files", () => {
    expect(result.instances.map((i) => `${i.address} ${i.file}`)).toEqual([
      "aws_security_group.sm main.tf",
      "aws_vpc.main network.tofu",
    ]);
    expect(attr(result, "aws_security_group.sm", "name")).toBe("base-prod");
    expect(attr(result, "aws_security_group.sm", "description")).toBe("overridden");
    expect(attr(result, "aws_security_group.sm", "ingress")).toEqual([
      { from_port: 443, to_port: 443, protocol: "tcp", self: true },
    ]);
    expect(attr(result, "aws_security_group.sm", "egress")).toEqual([
      { from_port: 443, to_port: 443, protocol: "tcp", prefix_list_ids: ["pl-63a5400a"] },
    ]);
    expect(attr(result, "aws_vpc.main", "cidr_block")).toBe("10.99.0.0/16");
    const sg = instance(result, "aws_security_group.sm");
    expect(sg.attributes.entries.map((e) => `${e.key}@${e.keyRange!.file}:${e.keyRange!.start.line}`)).toEqual([
      "name@main.tf:7",
      "vpc_id@main.tf:8",
      "egress@egress_override.tf.json:5",
      "description@override.tf:6",
      "ingress@override.tf:8",
    ]);
    expect(result.analyzedFiles.map((f) => f.path)).not.toContain("network.tf");
  });
});

describe("parse errors", () => {
  it("give a diagnostic at the exact range and the rest of the module is still evaluated", () => {
    const result = loadFixture("parse-error");
    expect(result.diagnostics.map((d) => [d.severity, d.summary, d.range.file, at(d.range)])).toEqual([
      ["error", "Invalid expression", "broken.tf", "3:32-4:1"],
    ]);
    expect(attr(result, "aws_subnet.b", "cidr_block")).toBe("10.90.2.0/24");
    expect(attr(result, "aws_vpc.main", "cidr_block")).toBe("10.90.0.0/16");
  });

  it("in JSON too", () => {
    const result = loadInline({
      "main.tf.json": `{"resource": {"aws_vpc": {"v": {"cidr_block": }}}}`,
      "ok.tf": `resource "aws_vpc" "w" {\n  cidr_block = "10.0.0.0/16"\n}\n`,
    });
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics[0]!.range.file).toBe("main.tf.json");
    expect(result.instances.map((i) => i.address)).toEqual(["aws_vpc.w"]);
  });
});

describe("JSON syntax details", () => {
  it("expands dynamic blocks with a string iterator and reports template errors in strings", () => {
    const result = loadInline({
      "main.tf.json": JSON.stringify(
        {
          locals: { ports: [443, 2049] },
          resource: {
            aws_security_group: {
              sg: {
                name: "sg",
                dynamic: {
                  ingress: {
                    for_each: "${local.ports}",
                    iterator: "p",
                    content: { from_port: "${p.value}", to_port: "${p.value}", protocol: "tcp" },
                  },
                },
              },
            },
            aws_vpc: { v: { cidr_block: "10.0.0.0/16", tags: { Broken: "${unclosed" } } },
          },
        },
        null,
        2,
      ),
    });
    expect(attr(result, "aws_security_group.sg", "ingress")).toEqual([
      { from_port: 443, to_port: 443, protocol: "tcp" },
      { from_port: 2049, to_port: 2049, protocol: "tcp" },
    ]);
    expect(result.diagnostics.map((d) => [d.summary, d.detail, d.range.file, at(d.range)])).toEqual([
      [
        "Invalid template in JSON string",
        "Extra characters after interpolation: Expected a closing brace to end the interpolation, but found the end of the string.",
        "main.tf.json",
        "29:21-29:33",
      ],
    ]);
  });
});
