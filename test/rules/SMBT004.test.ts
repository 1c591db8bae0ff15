import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, row, scanFixtures } from "../helpers/scan.js";
import { cfnGraph } from "../graph/helpers.js";
import { runRules } from "../../rules/run.js";
import { SMBT004 } from "../../rules/SMBT004.js";
import type { GraphIndex } from "../../src/graph/graph.js";

const fixture = (name: string) => readFileSync(path.join(FIXTURES, "rules", name), "utf8");
const findings = (folder: string, rules = ["SMBT004"]) =>
  scanFixtures(`rules/SMBT004/${folder}`)
    .findings.filter((f) => rules.includes(f.ruleId))
    .map((f) => `${row(f)} ${f.message}`);
const run = (graph: GraphIndex) =>
  runRules([SMBT004], { graph, scope: "all" }).map(
    (f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId} ${f.message}`,
  );
/** The passing CloudFormation stack with /28 subnets (cidrBits 4). */
const small = () => fixture("SMBT004/cloudformation-pass/template.yaml").replaceAll("4, 6]]", "4, 4]]");

describe("SMBT004 subnets have at least two private IPs per instance", () => {
  it("passes /26 subnets from !Cidr and /26 subnets from cidrsubnet", () => {
    expect(findings("cloudformation-pass")).toEqual([]);
    expect(findings("terraform-pass")).toEqual([]);
  });

  it("errs at each /28 when no subnet can hold 8 instances (16 addresses, 11 usable)", () => {
    expect(findings("cloudformation-fail")).toEqual([
      "rules/SMBT004/cloudformation-fail/template.yaml:25:18 error SMBT004 Subnet PrivateSubnetA of model ChurnModel (10.30.0.0/28) has 11 usable private IPv4 addresses, fewer than the 16 that 8 instances (NightlyScoring) need; none of the model's subnets can hold the job.",
      "rules/SMBT004/cloudformation-fail/template.yaml:32:18 error SMBT004 Subnet PrivateSubnetB of model ChurnModel (10.30.0.16/28) has 11 usable private IPv4 addresses, fewer than the 16 that 8 instances (NightlyScoring) need; none of the model's subnets can hold the job.",
    ]);
  });

  it("warns at the /28 when another subnet fits", () => {
    expect(findings("cloudformation-warn-some-fit")).toEqual([
      "rules/SMBT004/cloudformation-warn-some-fit/template.yaml:32:18 warning SMBT004 Subnet PrivateSubnetB of model ChurnModel (10.30.200.0/28) has 11 usable private IPv4 addresses, fewer than the 16 that 8 instances (NightlyScoring) need; SageMaker may place the job's interfaces in this subnet.",
    ]);
  });

  it("warns at ipv6_native of IPv6-only subnets", () => {
    expect(findings("terraform-fail-ipv6-only")).toEqual([
      "rules/SMBT004/terraform-fail-ipv6-only/network.tf:14:52 warning SMBT004 Subnet aws_subnet.private_a of model aws_sagemaker_model.churn is IPv6-only: it has no private IPv4 addresses, and AWS documents batch transform sizing for IPv4 subnets only.",
      "rules/SMBT004/terraform-fail-ipv6-only/network.tf:27:52 warning SMBT004 Subnet aws_subnet.private_b of model aws_sagemaker_model.churn is IPv6-only: it has no private IPv4 addresses, and AWS documents batch transform sizing for IPv4 subnets only.",
    ]);
  });

  it("fits 4 instances in a /28 (8 of 11) but not in a subnet where interface endpoints and a NAT gateway take 4 addresses", () => {
    expect(run(cfnGraph(small()))).toEqual([]);
    const endpoints = ["logs", "sts", "ecr.api"]
      .map(
        (service, i) => `  Endpoint${i}:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcEndpointType: Interface
      ServiceName: !Sub "com.amazonaws.\${AWS::Region}.${service}"
      VpcId: !Ref MlVpc
      PrivateDnsEnabled: true
      SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]
`,
      )
      .join("\n");
    const nat = `  Nat:
    Type: AWS::EC2::NatGateway
    Properties:
      ConnectivityType: private
      SubnetId: !Ref PrivateSubnetA
`;
    const text = small().replace("  SageMakerRole:\n", `${endpoints}\n${nat}\n  SageMakerRole:\n`);
    expect(run(cfnGraph(text))).toEqual([
      // PrivateSubnetB keeps 8 free addresses (three endpoint interfaces), just enough: a warning, not an error.
      "template.yaml:25:18 warning SMBT004 Subnet PrivateSubnetA of model ChurnModel (10.30.0.0/28) has 7 free private IPv4 addresses (11 usable, minus 4 network interfaces of endpoints and NAT gateways in it), fewer than the 8 that 4 instances (NightlyScoring) need; SageMaker may place the job's interfaces in this subnet.",
    ]);
  });

  it("sizes a model that no job in the scan uses for one instance", () => {
    const text = small().replace(/ {2}NightlyScoring:[\s\S]*$/, "");
    expect(run(cfnGraph(text))).toEqual([]);
  });

  it("notes subnets whose CIDR is Unknown instead of reporting them (SMBT017)", () => {
    expect(findings("terraform-indeterminate", ["SMBT004", "SMBT017"])).toEqual([
      "rules/SMBT004/terraform-indeterminate/network.tf:13:23 note SMBT017 Could not verify the size of subnet aws_subnet.private_a: var.private_subnet_cidrs has no default and no value is given (tfvars, --var or --var-file) (SMBT004 skipped).",
      "rules/SMBT004/terraform-indeterminate/network.tf:23:23 note SMBT017 Could not verify the size of subnet aws_subnet.private_b: var.private_subnet_cidrs has no default and no value is given (tfvars, --var or --var-file) (SMBT004 skipped).",
    ]);
  });

  it("notes an Unknown InstanceCount when a subnet cannot hold the 100-instance maximum", () => {
    const text = small()
      .replace("Parameters:\n", "Parameters:\n  InstanceCount:\n    Type: Number\n")
      .replace("InstanceCount: 4", "InstanceCount: !Ref InstanceCount");
    expect(run(cfnGraph(text))).toEqual([
      "template.yaml:135:24 note SMBT017 Could not verify the InstanceCount of NightlyScoring: Parameter InstanceCount has no default and no value was given (SMBT004 skipped).",
    ]);
  });
});
