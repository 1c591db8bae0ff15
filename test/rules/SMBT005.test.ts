import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, row, scanFixtures } from "../helpers/scan.js";
import { tfGraph } from "../graph/helpers.js";
import { runRules } from "../../rules/run.js";
import { SMBT005 } from "../../rules/SMBT005.js";
import type { GraphIndex } from "../../src/graph/graph.js";

const fixture = (name: string) => readFileSync(path.join(FIXTURES, "rules", name), "utf8");
const findings = (folder: string) =>
  scanFixtures(`rules/SMBT005/${folder}`)
    .findings.filter((f) => f.ruleId === "SMBT005")
    .map((f) => `${row(f)} ${f.message}`);
const run = (graph: GraphIndex) =>
  runRules([SMBT005], { graph, scope: "all" }).map(
    (f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId} ${f.message}`,
  );
const NETWORK = fixture("SMBT005/terraform-pass/network.tf");
const tf = (network: string, variables = "") =>
  tfGraph({
    "network.tf": network,
    "sagemaker.tf": fixture("SMBT005/terraform-pass/sagemaker.tf"),
    "variables.tf": fixture("SMBT005/terraform-pass/variables.tf") + variables,
  });
const NO_S3 = "VPC aws_vpc.ml of model aws_sagemaker_model.churn has no S3 VPC endpoint";

describe("SMBT005 the model VPC has a private path to S3", () => {
  it("passes a gateway endpoint whose service name is built from a variable", () => {
    expect(findings("terraform-pass")).toEqual([]);
    expect(findings("cloudformation-pass")).toEqual([]);
  });

  it("errs at the VPC header when there is no S3 endpoint", () => {
    expect(findings("terraform-fail")).toEqual([
      `rules/SMBT005/terraform-fail/network.tf:1:1 error SMBT005 ${NO_S3}: without internet access the job cannot read its data and model artifacts from S3 or write its output.`,
    ]);
    expect(findings("cloudformation-fail")).toEqual([
      "rules/SMBT005/cloudformation-fail/template.yaml:11:3 error SMBT005 VPC MlVpc of model ChurnModel has no S3 VPC endpoint: without internet access the job cannot read its data and model artifacts from S3 or write its output.",
    ]);
  });

  it("warns when the job subnets reach S3 only through a NAT gateway", () => {
    expect(findings("terraform-warn-nat-only")).toEqual([
      `rules/SMBT005/terraform-warn-nat-only/network.tf:1:1 warning SMBT005 ${NO_S3}; the job reaches S3 only through its NAT gateway, over the internet.`,
    ]);
    expect(findings("cloudformation-warn-nat-only")).toEqual([
      "rules/SMBT005/cloudformation-warn-nat-only/template.yaml:11:3 warning SMBT005 VPC MlVpc of model ChurnModel has no S3 VPC endpoint; the job reaches S3 only through its NAT gateway, over the internet.",
    ]);
  });

  it("does not count an S3 Express endpoint", () => {
    expect(
      run(tf(NETWORK.replace('"com.amazonaws.${var.region}.s3"', '"com.amazonaws.${var.region}.s3express"'))),
    ).toEqual([
      `network.tf:1:1 error SMBT005 ${NO_S3}: without internet access the job cannot read its data and model artifacts from S3 or write its output.`,
    ]);
  });

  it("counts an S3 interface endpoint only with private DNS", () => {
    const iface = NETWORK.replace(
      'vpc_endpoint_type = "Gateway"\n  route_table_ids   = [aws_route_table.private.id]',
      'vpc_endpoint_type = "Interface"\n  subnet_ids        = [aws_subnet.private_a.id, aws_subnet.private_b.id]',
    );
    expect(run(tf(iface))).toEqual([
      `network.tf:1:1 error SMBT005 ${NO_S3} (aws_vpc_endpoint.s3 is an S3 interface endpoint without private DNS, so standard S3 URLs do not resolve to it): without internet access the job cannot read its data and model artifacts from S3 or write its output.`,
    ]);
    expect(
      run(
        tf(
          iface.replace(
            'vpc_endpoint_type = "Interface"',
            'vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true',
          ),
        ),
      ),
    ).toEqual([]);
  });

  it("notes an endpoint whose service name is Unknown instead of failing (SMBT017)", () => {
    const network = NETWORK.replace('"com.amazonaws.${var.region}.s3"', "var.s3_service_name");
    const rows = runRules([SMBT005], {
      graph: tf(network, '\nvariable "s3_service_name" {\n  type = string\n}\n'),
      scope: "all",
    }).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId} ${f.message}`);
    expect(rows).toEqual([
      "51:23 note SMBT017 Could not verify whether aws_vpc_endpoint.s3 is an S3 endpoint serving aws_vpc.ml: var.s3_service_name has no default and no value is given (tfvars, --var or --var-file) (SMBT005 skipped).",
    ]);
  });

  it("notes an S3 endpoint whose VPC is Unknown (it may be in the model's VPC)", () => {
    const network = NETWORK.replace(
      'resource "aws_vpc_endpoint" "s3" {\n  vpc_id            = aws_vpc.ml.id',
      'resource "aws_vpc_endpoint" "s3" {\n  vpc_id            = var.endpoint_vpc_id',
    );
    const rows = run(tf(network, '\nvariable "endpoint_vpc_id" {\n  type = string\n}\n'));
    expect(rows).toEqual([
      "network.tf:50:23 note SMBT017 Could not verify whether aws_vpc_endpoint.s3 is an S3 endpoint serving aws_vpc.ml: var.endpoint_vpc_id has no default and no value is given (tfvars, --var or --var-file) (SMBT005 skipped).",
    ]);
  });
});
