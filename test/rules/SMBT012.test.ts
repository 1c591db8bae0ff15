import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, PROJECT_ROOT, row, scanFixtures } from "../helpers/scan.js";
import { scan } from "../../src/scan.js";
import type { Finding } from "../../src/core/finding.js";
import { cfnGraph, tfGraph } from "../graph/helpers.js";
import { runRules } from "../../rules/run.js";
import { SMBT012 } from "../../rules/SMBT012.js";
import type { GraphIndex } from "../../src/graph/graph.js";

const fixture = (name: string) => readFileSync(path.join(FIXTURES, "rules", name), "utf8");
const findings = (folder: string) =>
  scanFixtures(`rules/SMBT012/${folder}`)
    .findings.filter((f) => f.ruleId === "SMBT012")
    .map((f) => `${row(f)} ${f.message}`);
const run = (graph: GraphIndex) =>
  runRules([SMBT012], { graph, scope: "all" }).map(
    (f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId} ${f.message}`,
  );
const CFN = fixture("SMBT012/cloudformation-pass/template.yaml");
const SELF_INGRESS = 'IpProtocol: "-1"\n      SourceSecurityGroupId: !Ref SageMakerSecurityGroup';
/** The Terraform failing stack without its state machine: no transform job uses the model. */
const tfWithoutJob = (network: string) =>
  tfGraph({
    "network.tf": network,
    "sagemaker.tf": fixture("SMBT012/terraform-fail/sagemaker.tf").replace(
      /resource "aws_sfn_state_machine"[\s\S]*$/,
      "",
    ),
    "variables.tf": fixture("SMBT012/terraform-fail/variables.tf"),
  });

describe("SMBT012 security groups allow all traffic among their members", () => {
  it("passes inline self rules, standalone vpc_security_group rules, and a CloudFormation self ingress with the default egress", () => {
    expect(findings("terraform-pass")).toEqual([]);
    expect(findings("terraform-pass-standalone-rules")).toEqual([]);
    expect(findings("cloudformation-pass")).toEqual([]);
  });

  it("errs at the group when a job with 4 instances has no self ingress", () => {
    expect(findings("cloudformation-fail")).toEqual([
      "rules/SMBT012/cloudformation-fail/template.yaml:61:3 error SMBT012 Security group SageMakerSecurityGroup of model ChurnModel allows no inbound traffic from members of the group on all protocols and ports; NightlyScoring runs 4 instances, whose containers must talk to each other.",
    ]);
  });

  it("warns when no job in the scan says how many instances run the model", () => {
    expect(run(tfWithoutJob(fixture("SMBT012/terraform-fail/network.tf")))).toEqual([
      "network.tf:60:1 warning SMBT012 Security group aws_security_group.sagemaker of model aws_sagemaker_model.churn allows no inbound traffic from members of the group on all protocols and ports; no transform job in the scan uses aws_sagemaker_model.churn; a distributed one (more than one instance) would need its containers to talk to each other.",
    ]);
  });

  it("errs on egress too: a Terraform group has no default egress", () => {
    const network = fixture("SMBT012/terraform-pass/network.tf").replace(
      / {2}egress \{\n {4}description = "All traffic between the job's containers"[\s\S]*? {2}\}\n\n/,
      "",
    );
    expect(run(tfWithoutJob(network))).toEqual([
      "network.tf:60:1 warning SMBT012 Security group aws_security_group.sagemaker of model aws_sagemaker_model.churn allows no outbound traffic to members of the group on all protocols and ports; no transform job in the scan uses aws_sagemaker_model.churn; a distributed one (more than one instance) would need its containers to talk to each other.",
    ]);
  });

  it("checks only models a job in the scan runs with scope: referenced", () => {
    const graph = tfWithoutJob(fixture("SMBT012/terraform-fail/network.tf"));
    expect(runRules([SMBT012], { graph, scope: "referenced" })).toEqual([]);
  });

  it("reports nothing when every job runs one instance", () => {
    const text = CFN.replace("InstanceCount: 4", "InstanceCount: 1").replace(
      / {2}SageMakerSecurityGroupSelfIngress:\n(?: {4}.*\n| {6}.*\n)+/,
      "",
    );
    expect(run(cfnGraph(text))).toEqual([]);
  });

  it("warns at a TCP-only member rule and notes a VPC-CIDR rule", () => {
    const tcp = CFN.replace(
      SELF_INGRESS,
      "IpProtocol: tcp\n      FromPort: 0\n      ToPort: 65535\n      SourceSecurityGroupId: !Ref SageMakerSecurityGroup",
    );
    expect(run(cfnGraph(tcp))).toEqual([
      "template.yaml:67:3 warning SMBT012 Security group SageMakerSecurityGroup of model ChurnModel allows inbound traffic from members of the group on TCP only, not on all protocols; NightlyScoring runs 4 instances, whose containers must talk to each other.",
    ]);
    const cidr = CFN.replace(SELF_INGRESS, 'IpProtocol: "-1"\n      CidrIp: 10.30.0.0/16');
    expect(run(cfnGraph(cidr))).toEqual([
      "template.yaml:67:3 note SMBT012 Security group SageMakerSecurityGroup of model ChurnModel allows inbound traffic from a CIDR block containing the whole VPC rather than from the members of the group; it works, but admits more than the job's containers.",
    ]);
  });

  it("notes a rule whose peer is Unknown instead of failing (SMBT017)", () => {
    const text = CFN.replace(
      "Parameters:\n",
      "Parameters:\n  PeerGroupId:\n    Type: AWS::EC2::SecurityGroup::Id\n",
    ).replace("SourceSecurityGroupId: !Ref SageMakerSecurityGroup", "SourceSecurityGroupId: !Ref PeerGroupId");
    expect(run(cfnGraph(text))).toEqual([
      "template.yaml:74:30 note SMBT017 Could not verify the ingress rules of security group SageMakerSecurityGroup: Parameter PeerGroupId has no default and no value was given (SMBT012 skipped).",
    ]);
  });
});

describe("SMBT012: one defect, one finding", () => {
  /** Applies a finding's fix to a copy of `folder` and returns the copy's SMBT012 findings. */
  function afterFix(folder: string, pick: (f: Finding) => boolean): { fix: Finding["fix"]; after: string[] } {
    const root = mkdtempSync(path.join(tmpdir(), "smbt012-"));
    cpSync(folder, root, { recursive: true });
    const finding = scan({ root, paths: [root] }).findings.find(pick)!;
    const byFile = new Map<string, { start: number; text: string }[]>();
    for (const e of finding.fix!.edits)
      byFile.set(e.range.file, [...(byFile.get(e.range.file) ?? []), { start: e.range.start.offset, text: e.newText }]);
    for (const [file, edits] of byFile) {
      let text = readFileSync(path.join(root, file), "utf8");
      for (const e of edits.sort((a, b) => b.start - a.start))
        text = text.slice(0, e.start) + e.text + text.slice(e.start);
      writeFileSync(path.join(root, file), text);
    }
    return {
      fix: finding.fix,
      after: scan({ root, paths: [root] })
        .findings.filter((f) => f.ruleId === "SMBT012")
        .map((f) => `${row(f)} ${f.message}`),
    };
  }

  it("reports a group lacking its self rule in both directions once, with one fix adding both (Terraform, inline)", () => {
    const example = path.join(PROJECT_ROOT, "examples/terraform-churn-scoring");
    const found = scan({ root: example, paths: [example] }).findings.filter((f) => f.ruleId === "SMBT012");
    expect(found.map((f) => `${row(f)} ${f.message}`)).toEqual([
      "main.tf:80:1 error SMBT012 Security group aws_security_group.sagemaker of model aws_sagemaker_model.churn allows neither inbound traffic from nor outbound traffic to members of the group on all protocols and ports; aws_sfn_state_machine.nightly_scoring#Score runs 2 instances, whose containers must talk to each other.",
    ]);
    const { fix, after } = afterFix(example, (f) => f.ruleId === "SMBT012");
    expect(fix!.description).toBe(
      "Allow all inbound traffic from and all outbound traffic to the members of aws_security_group.sagemaker",
    );
    expect(fix!.edits.map((e) => e.newText)).toEqual([
      [
        "",
        "  ingress {",
        '    description = "Containers of the same batch transform job"',
        '    protocol    = "-1"',
        "    from_port   = 0",
        "    to_port     = 0",
        "    self        = true",
        "  }",
        "  egress {",
        '    description = "Containers of the same batch transform job"',
        '    protocol    = "-1"',
        "    from_port   = 0",
        "    to_port     = 0",
        "    self        = true",
        "  }",
        "",
      ].join("\n"),
    ]);
    expect(after).toEqual([]);
  });

  it("reports both directions once in CloudFormation too, and its fix adds an ingress and an egress resource", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "smbt012-cfn-"));
    // Inline egress to HTTPS only: the default allow-all egress is gone, and nothing reaches the members.
    writeFileSync(
      path.join(folder, "template.yaml"),
      fixture("SMBT012/cloudformation-fail/template.yaml").replace(
        "      GroupDescription: Batch transform containers\n      VpcId: !Ref MlVpc\n",
        "      GroupDescription: Batch transform containers\n      VpcId: !Ref MlVpc\n      SecurityGroupEgress:\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 0.0.0.0/0\n",
      ),
    );
    const found = scan({ root: folder, paths: [folder] }).findings.filter((f) => f.ruleId === "SMBT012");
    expect(found.map((f) => `${row(f)} ${f.message}`)).toEqual([
      "template.yaml:61:3 error SMBT012 Security group SageMakerSecurityGroup of model ChurnModel allows neither inbound traffic from nor outbound traffic to members of the group on all protocols and ports; NightlyScoring runs 4 instances, whose containers must talk to each other.",
    ]);
    const { fix, after } = afterFix(folder, (f) => f.ruleId === "SMBT012");
    expect(fix!.edits).toHaveLength(1);
    expect(fix!.edits[0]!.newText).toBe(
      [
        "",
        "  SageMakerSecurityGroupSelfIngress:",
        "    Type: AWS::EC2::SecurityGroupIngress",
        "    Properties:",
        "      GroupId: !Ref SageMakerSecurityGroup",
        '      IpProtocol: "-1"',
        "      SourceSecurityGroupId: !Ref SageMakerSecurityGroup",
        "",
        "  SageMakerSecurityGroupSelfEgress:",
        "    Type: AWS::EC2::SecurityGroupEgress",
        "    Properties:",
        "      GroupId: !Ref SageMakerSecurityGroup",
        '      IpProtocol: "-1"',
        "      DestinationSecurityGroupId: !Ref SageMakerSecurityGroup",
        "",
      ].join("\n"),
    );
    expect(after).toEqual([]);
  });

  it("reports a group that two models use once, naming both models", () => {
    const root = path.join(FIXTURES, "terraform/hcl");
    const found = scan({ root, paths: [root] }).findings.filter((f) => f.ruleId === "SMBT012");
    expect(found.map((f) => `${row(f)} ${f.message}`)).toEqual([
      "vpc-module/main.tf:51:1 error SMBT012 Security group module.network.aws_security_group.endpoints of models aws_sagemaker_model.scorer, aws_sfn_state_machine.batch_scoring#CreateModel allows no inbound traffic from members of the group on all protocols and ports; aws_sfn_state_machine.legacy#Transform runs 2 instances, whose containers must talk to each other.",
    ]);
  });
});
