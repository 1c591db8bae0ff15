import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, row, scanFixtures } from "../helpers/scan.js";
import { tfGraph } from "../graph/helpers.js";
import { runRules } from "../../rules/run.js";
import { SMBT013 } from "../../rules/SMBT013.js";
import type { GraphIndex } from "../../src/graph/graph.js";

const fixture = (name: string) => readFileSync(path.join(FIXTURES, "rules", name), "utf8");
const findings = (folder: string) =>
  scanFixtures(`rules/SMBT013/${folder}`)
    .findings.filter((f) => f.ruleId === "SMBT013")
    .map((f) => `${row(f)} ${f.message}`);
const run = (graph: GraphIndex) =>
  runRules([SMBT013], { graph, scope: "all" }).map(
    (f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId} ${f.message}`,
  );
const NETWORK = fixture("SMBT013/terraform-pass/network.tf");
const tf = (network: string, variables = "") =>
  tfGraph({
    "network.tf": network,
    "sagemaker.tf": fixture("SMBT013/terraform-pass/sagemaker.tf"),
    "variables.tf": fixture("SMBT013/terraform-pass/variables.tf") + variables,
  });
const PREFIX_LIST = "prefix_list_ids = [aws_vpc_endpoint.s3.prefix_list_id]";

describe("SMBT013 security-group egress allows HTTPS to S3", () => {
  it("passes egress to the endpoint's prefix list, the CloudFormation default egress, and an ACL that allows HTTPS and replies", () => {
    expect(findings("terraform-pass")).toEqual([]);
    expect(findings("cloudformation-pass")).toEqual([]);
    expect(findings("terraform-pass-nacl")).toEqual([]);
  });

  it("errs at the group when its only egress is to its own members", () => {
    expect(findings("terraform-fail")).toEqual([
      "rules/SMBT013/terraform-fail/network.tf:60:1 error SMBT013 Security group aws_security_group.sagemaker of model aws_sagemaker_model.churn allows no outbound TCP 443 to 0.0.0.0/0 or to the S3 prefix list: the job cannot reach S3.",
    ]);
  });

  it("errs inside a module and relates the finding to the module call", () => {
    const [finding, ...others] = scanFixtures("rules/SMBT013/terraform-fail-module").findings.filter(
      (f) => f.ruleId === "SMBT013",
    );
    expect(others).toEqual([]);
    expect(`${row(finding!)} ${finding!.message}`).toBe(
      "rules/SMBT013/terraform-fail-module/modules/network/main.tf:44:1 error SMBT013 Security group module.network.aws_security_group.sagemaker of model module.scoring.aws_sagemaker_model.fraud allows no outbound TCP 443 to 0.0.0.0/0 or to the S3 prefix list: the job cannot reach S3.",
    );
    expect(
      finding!.related?.map((r) => `${r.range.file}:${r.range.start.line}:${r.range.start.column} ${r.message}`),
    ).toEqual(["rules/SMBT013/terraform-fail-module/main.tf:15:1 module call"]);
  });

  it("errs when inline CloudFormation egress replaces the default allow-all", () => {
    expect(findings("cloudformation-fail")).toEqual([
      "rules/SMBT013/cloudformation-fail/template.yaml:61:3 error SMBT013 Security group SageMakerSecurityGroup of model ChurnModel allows no outbound TCP 443 to 0.0.0.0/0 or to the S3 prefix list: the job cannot reach S3.",
    ]);
  });

  it("errs once at a network ACL whose final rule denies both directions", () => {
    expect(findings("terraform-fail-nacl")).toEqual([
      "rules/SMBT013/terraform-fail-nacl/network.tf:90:1 error SMBT013 Network ACL aws_network_acl.private of subnets aws_subnet.private_a, aws_subnet.private_b (model aws_sagemaker_model.churn) allows neither outbound TCP 443 to S3 nor inbound TCP replies from S3 on the ephemeral ports 32768–60999 (the final rule denies them): the job cannot reach S3 through the endpoint.",
    ]);
  });

  it("errs at an ACL entry that denies HTTPS before the rule that allows it", () => {
    const network =
      fixture("SMBT013/terraform-pass-nacl/network.tf") +
      `
resource "aws_network_acl_rule" "no_https_out" {
  network_acl_id = aws_network_acl.private.id
  rule_number    = 150
  egress         = true
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = 0
  to_port        = 1023
}
`;
    expect(run(tf(network))).toEqual([
      "network.tf:139:1 error SMBT013 Network ACL aws_network_acl.private of subnets aws_subnet.private_a, aws_subnet.private_b (model aws_sagemaker_model.churn) denies outbound TCP 443 to S3: the job cannot reach S3 through the endpoint.",
    ]);
  });

  it("notes HTTPS egress to a literal prefix list, which cannot be checked against the endpoint", () => {
    expect(run(tf(NETWORK.replace(PREFIX_LIST, 'prefix_list_ids = ["pl-6da54004"]')))).toEqual([
      "network.tf:81:3 note SMBT013 Security group aws_security_group.sagemaker of model aws_sagemaker_model.churn allows HTTPS only to a literal prefix list; check that it is the S3 prefix list of the endpoint's Region (a reference to the endpoint's prefix list can be verified).",
    ]);
  });

  it("notes egress to a prefix list from a data source instead of failing (SMBT017)", () => {
    const network = `data "aws_prefix_list" "s3" {\n  name = "com.amazonaws.\${var.region}.s3"\n}\n\n${NETWORK.replace(PREFIX_LIST, "prefix_list_ids = [data.aws_prefix_list.s3.id]")}`;
    expect(run(tf(network))).toEqual([
      "network.tf:90:24 note SMBT017 Could not verify the egress rules of security group aws_security_group.sagemaker: data.aws_prefix_list.s3.id is read by the provider at plan time (SMBT013 skipped).",
    ]);
  });
});
