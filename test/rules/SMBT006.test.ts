import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, row, scanFixtures } from "../helpers/scan.js";
import { cfnGraph } from "../graph/helpers.js";
import { runRules } from "../../rules/run.js";
import { SMBT006 } from "../../rules/SMBT006.js";

const fixture = (name: string) => readFileSync(path.join(FIXTURES, "rules", name), "utf8");
const findings = (folder: string) =>
  scanFixtures(`rules/SMBT006/${folder}`)
    .findings.filter((f) => f.ruleId === "SMBT006")
    .map((f) => `${row(f)} ${f.message}`);

describe("SMBT006 the S3 gateway endpoint covers every job subnet's route table", () => {
  it("passes tables listed inline, by a standalone association, and the main table named through main_route_table_id", () => {
    expect(findings("cloudformation-pass")).toEqual([]);
    expect(findings("terraform-pass")).toEqual([]);
    expect(findings("terraform-pass-main-table")).toEqual([]);
  });

  it("errs at the endpoint's route tables when the job subnets' table is missing", () => {
    expect(findings("cloudformation-fail")).toEqual([
      "rules/SMBT006/cloudformation-fail/template.yaml:81:9 error SMBT006 Subnets PrivateSubnetA, PrivateSubnetB of model ChurnModel use route table PrivateRouteTable, which is not among the route tables of S3 gateway endpoint S3Endpoint: the job's S3 traffic does not reach the endpoint.",
    ]);
  });

  it("errs at the endpoint header when its only table comes from a standalone association", () => {
    const result = scanFixtures("rules/SMBT006/terraform-fail").findings.filter((f) => f.ruleId === "SMBT006");
    expect(result.map((f) => `${row(f)} ${f.message}`)).toEqual([
      "rules/SMBT006/terraform-fail/network.tf:49:1 error SMBT006 Subnets aws_subnet.private_a, aws_subnet.private_b of model aws_sagemaker_model.churn use route table aws_route_table.private, which is not among the route tables of S3 gateway endpoint aws_vpc_endpoint.s3: the job's S3 traffic does not reach the endpoint.",
    ]);
    expect(result[0]?.related?.map((r) => `${r.range.start.line}:${r.range.start.column} ${r.message}`)).toEqual([
      "31:1 aws_route_table.private, used by aws_subnet.private_a, aws_subnet.private_b",
    ]);
  });

  it("notes a CloudFormation subnet without association: its main route table cannot be named", () => {
    const text = fixture("SMBT006/cloudformation-pass/template.yaml").replace(
      / {2}PrivateSubnetBRouteTableAssociation:\n(?: {4}.*\n)+/,
      "",
    );
    const rows = runRules([SMBT006], { graph: cfnGraph(text), scope: "all" }).map(
      (f) => `${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId} ${f.message}`,
    );
    expect(rows).toEqual([
      "28:3 note SMBT017 Could not verify the route table of subnet PrivateSubnetB: PrivateSubnetB has no explicit route table association, so it uses the main route table of MlVpc, which the configuration cannot name (SMBT006 skipped).",
    ]);
  });
});
