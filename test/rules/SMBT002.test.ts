import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, row, scanFixtures } from "../helpers/scan.js";
import { cfnGraph, tfGraph } from "../graph/helpers.js";
import { runRules } from "../../rules/run.js";
import { SMBT002 } from "../../rules/SMBT002.js";
import type { GraphIndex } from "../../src/graph/graph.js";

const fixture = (name: string) => readFileSync(path.join(FIXTURES, "rules", name), "utf8");
const findings = (folder: string, rules = ["SMBT002"]) =>
  scanFixtures(`rules/SMBT002/${folder}`)
    .findings.filter((f) => rules.includes(f.ruleId))
    .map((f) => `${row(f)} ${f.message}`);
const run = (graph: GraphIndex) =>
  runRules([SMBT002], { graph, scope: "all" }).map(
    (f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId} ${f.message}`,
  );
const tf = (network: string) =>
  tfGraph({
    "network.tf": network,
    "sagemaker.tf": fixture("SMBT002/terraform-pass/sagemaker.tf"),
    "variables.tf": fixture("SMBT002/terraform-pass/variables.tf"),
  });
const NETWORK = fixture("SMBT002/terraform-pass/network.tf");

describe("SMBT002 VpcConfig subnets and security groups are in one VPC", () => {
  it("passes complete stacks in both languages", () => {
    expect(findings("terraform-pass")).toEqual([]);
    expect(findings("cloudformation-pass")).toEqual([]);
  });

  it("fails at the header of a Terraform security group without vpc_id (default VPC)", () => {
    expect(findings("terraform-fail")).toEqual([
      "rules/SMBT002/terraform-fail/network.tf:60:1 error SMBT002 Security group aws_security_group.sagemaker of model aws_sagemaker_model.churn sets no VPC, so it is created in the account's default VPC, not in aws_vpc.ml where the model's subnets are.",
    ]);
  });

  it("fails at the logical id of a CloudFormation security group without VpcId", () => {
    expect(findings("cloudformation-fail")).toEqual([
      "rules/SMBT002/cloudformation-fail/template.yaml:61:3 error SMBT002 Security group SageMakerSecurityGroup of model ChurnModel sets no VPC, so it is created in the account's default VPC, not in MlVpc where the model's subnets are.",
    ]);
  });

  it("fails at the vpc_id of a security group in another VPC", () => {
    const network = NETWORK.replace(
      'resource "aws_security_group" "sagemaker" {\n  name        = "${var.name}-sagemaker"\n  description = "Batch transform containers"\n  vpc_id      = aws_vpc.ml.id',
      'resource "aws_vpc" "shared" {\n  cidr_block = "10.99.0.0/16"\n}\n\nresource "aws_security_group" "sagemaker" {\n  name        = "${var.name}-sagemaker"\n  description = "Batch transform containers"\n  vpc_id      = aws_vpc.shared.id',
    );
    expect(run(tf(network))).toEqual([
      "network.tf:67:17 error SMBT002 Security group aws_security_group.sagemaker of model aws_sagemaker_model.churn is in VPC aws_vpc.shared, but the model's subnets are in aws_vpc.ml.",
    ]);
  });

  it("fails at the second subnet when the subnets are in different VPCs, and at a duplicate", () => {
    const network = NETWORK.replace(
      'resource "aws_subnet" "private_b" {\n  vpc_id            = aws_vpc.ml.id',
      'resource "aws_vpc" "other" {\n  cidr_block = "10.98.0.0/16"\n}\n\nresource "aws_subnet" "private_b" {\n  vpc_id            = aws_vpc.other.id',
    );
    const sagemaker = fixture("SMBT002/terraform-pass/sagemaker.tf").replace(
      "subnets            = [aws_subnet.private_a.id, aws_subnet.private_b.id]",
      "subnets            = [aws_subnet.private_a.id, aws_subnet.private_b.id, aws_subnet.private_a.id]",
    );
    const graph = tfGraph({
      "network.tf": network,
      "sagemaker.tf": sagemaker,
      "variables.tf": fixture("SMBT002/terraform-pass/variables.tf"),
    });
    expect(run(graph)).toEqual([
      "sagemaker.tf:39:77 error SMBT002 Model aws_sagemaker_model.churn lists aws_subnet.private_a more than once in its VpcConfig subnets; SageMaker rejects duplicates.",
      "sagemaker.tf:39:52 error SMBT002 Subnet aws_subnet.private_b of model aws_sagemaker_model.churn is in VPC aws_vpc.other, but aws_subnet.private_a is in aws_vpc.ml; all subnets of a VpcConfig must be in one VPC.",
    ]);
  });

  it("fails when more than 5 security groups are listed", () => {
    const graph = cfnGraph(
      fixture("SMBT002/cloudformation-pass/template.yaml").replace(
        "        SecurityGroupIds:\n          - !Ref SageMakerSecurityGroup",
        "        SecurityGroupIds: [sg-01, sg-02, sg-03, sg-04, sg-05, sg-06]",
      ),
    );
    const rows = run(graph);
    expect(rows[0]).toBe(
      "template.yaml:115:27 error SMBT002 Model ChurnModel lists 6 security groups in its VpcConfig; SageMaker accepts at most 5.",
    );
    // The literal ids are not declared in the template: one SMBT017 note per id, naming SMBT002.
    expect(rows.slice(1)).toHaveLength(6);
    expect(rows[1]).toBe(
      "template.yaml:115:28 note SMBT017 Could not verify the security groups of model ChurnModel: sg-01 is not declared in the scan (SMBT002 skipped).",
    );
  });

  it("reports nothing but SMBT017 notes when the subnets and groups are outside the scan", () => {
    expect(findings("cloudformation-indeterminate", ["SMBT002"])).toEqual([]);
    const notes = scanFixtures("rules/SMBT002/cloudformation-indeterminate").findings.filter(
      (f) => f.ruleId === "SMBT017",
    );
    expect(notes.map((f) => `${row(f)} ${f.message}`)).toEqual([
      "rules/SMBT002/cloudformation-indeterminate/template.yaml:52:18 note SMBT017 Could not verify the subnets of model ChurnModel: Parameter SharedSubnetIds has no default and no value was given (SMBT002, SMBT004, SMBT005, SMBT006, SMBT007, SMBT008, SMBT009, SMBT011, SMBT013, SMBT014 skipped).",
      "rules/SMBT002/cloudformation-indeterminate/template.yaml:54:13 note SMBT017 Could not verify the security groups of model ChurnModel: Fn::ImportValue imports the export shared-network-SageMakerSecurityGroupId, which no scanned template declares (SMBT002, SMBT012, SMBT013, SMBT014 skipped).",
    ]);
  });
});
