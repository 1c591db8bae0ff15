/**
 * A complete ML stack (VPC, subnets from cidrsubnet, endpoint, SG with a
 * dynamic block, IAM with aws_iam_policy_document, model, Step Functions
 * with a jsonencode definition) evaluated to exact values, and the
 * `debug terraform` command that prints it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderDebugTerraform } from "../../src/terraform/index.js";
import { runTerraformDebug } from "../../src/terraform/debug.js";
import { attr, FIXTURES, loadFixture } from "./helpers.js";

const EXPECTED = path.join(import.meta.dirname, "realistic-stack.expected.json");

describe("realistic-stack fixture", () => {
  const result = loadFixture("realistic-stack", {
    vars: { model_image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/scoring:3" },
  });

  it("evaluates without diagnostics or notes", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.notes).toEqual([]);
  });

  it("computes subnets from cidrsubnet and counts", () => {
    expect(attr(result, "aws_subnet.private[0]", "cidr_block")).toBe("10.20.0.0/24");
    expect(attr(result, "aws_subnet.private[1]", "cidr_block")).toBe("10.20.1.0/24");
    expect(attr(result, "aws_subnet.private[1]", "availability_zone")).toBe("eu-west-1b");
    expect(attr(result, "aws_vpc.main", "tags")).toEqual({
      Managed: "terraform",
      Name: "scoring-vpc",
      Project: "scoring",
    });
  });

  it("recognises the S3 endpoint from the known parts of its service name", () => {
    expect(attr(result, "aws_vpc_endpoint.s3", "service_name")).toEqual({
      $unknown: "DATA_SOURCE",
      detail: "data.aws_region.current.name is read by the provider at plan time.",
      refs: ["data.aws_region.current.name"],
      prefix: "com.amazonaws.",
      suffix: ".s3",
    });
  });

  it("builds the execution role policy from aws_iam_policy_document", () => {
    expect(JSON.parse(attr(result, "aws_iam_role_policy.vpc_access", "policy") as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "VpcEni",
          Effect: "Allow",
          Action: [
            "ec2:DescribeVpcs",
            "ec2:DescribeSubnets",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeDhcpOptions",
            "ec2:DeleteNetworkInterfacePermission",
            "ec2:DeleteNetworkInterface",
            "ec2:CreateNetworkInterfacePermission",
            "ec2:CreateNetworkInterface",
          ],
          Resource: "*",
        },
      ],
    });
    expect(JSON.parse(attr(result, "aws_iam_role.sagemaker", "assume_role_policy") as string)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "sagemaker.amazonaws.com" } }],
    });
  });

  it("evaluates the state machine definition to Terraform's exact jsonencode text", () => {
    expect(attr(result, "aws_sfn_state_machine.batch", "definition")).toBe(
      '{"StartAt":"Transform","States":{"Transform":{"End":true,"Parameters":{"ModelName":"scoring-model","TransformInput":{"DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"s3://scoring-input/batch/"}}},"TransformJobName.$":"$.jobName","TransformOutput":{"S3OutputPath":"s3://scoring-output/batch/"},"TransformResources":{"InstanceCount":2,"InstanceType":"ml.m5.xlarge"}},"Resource":"arn:aws:states:::sagemaker:createTransformJob.sync","Type":"Task"}}}',
    );
  });

  it("links the model to its subnets, security group and role by reference", () => {
    expect(attr(result, "aws_sagemaker_model.scoring", "primary_container")).toEqual([
      {
        image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/scoring:3",
        model_data_url: "s3://scoring-artifacts/model.tar.gz",
      },
    ]);
    expect(attr(result, "aws_sagemaker_model.scoring", "execution_role_arn")).toMatchObject({
      $unknown: "COMPUTED",
      refs: ["aws_iam_role.sagemaker.arn"],
    });
    expect(attr(result, "aws_sagemaker_model.scoring", "vpc_config")).toMatchObject([
      {
        subnets: [{ refs: ["aws_subnet.private[0].id"] }, { refs: ["aws_subnet.private[1].id"] }],
        security_group_ids: [{ refs: ["aws_security_group.sagemaker.id"] }],
      },
    ]);
    expect(attr(result, "aws_security_group.sagemaker", "ingress")).toEqual([
      { from_port: 443, to_port: 443, protocol: "tcp", self: true },
      { from_port: 2049, to_port: 2049, protocol: "tcp", self: true },
    ]);
  });

  it("prints the whole stack in the debug format (golden file)", () => {
    expect(JSON.parse(renderDebugTerraform(result))).toEqual(JSON.parse(readFileSync(EXPECTED, "utf8")));
  });
});

describe("debug terraform", () => {
  it("prints instances with root, address, type, file, line and attributes", async () => {
    let out = "";
    let err = "";
    const code = await runTerraformDebug(["realistic-stack", "--var", "model_image=img:1"], {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      cwd: FIXTURES,
    });
    expect(code).toBe(0);
    expect(err).toBe("");
    const printed = JSON.parse(out) as { instances: Record<string, unknown>[] };
    expect(printed.instances.find((i) => i.address === "aws_subnet.private[1]")).toEqual({
      root: "realistic-stack",
      address: "aws_subnet.private[1]",
      type: "aws_subnet",
      file: "realistic-stack/network.tf",
      line: 18,
      attributes: {
        vpc_id: {
          $unknown: "COMPUTED",
          detail: "aws_vpc.main.id is computed by the provider when the resource is created.",
          refs: ["aws_vpc.main.id"],
        },
        cidr_block: "10.20.1.0/24",
        availability_zone: "eu-west-1b",
        tags: { Name: "scoring-private-1" },
      },
    });
  });

  it("marks instances of unknown expansion", async () => {
    let out = "";
    await runTerraformDebug(["plan-json/stack/main.tf"], {
      stdout: (t) => (out += t),
      stderr: () => {},
      cwd: FIXTURES,
    });
    const printed = JSON.parse(out) as { instances: Record<string, unknown>[] };
    expect(printed.instances.find((i) => i.address === "aws_subnet.private")).toMatchObject({
      expansion: "unknown",
      line: 12,
    });
  });
});
