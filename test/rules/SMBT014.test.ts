import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, row, scanFixtures } from "../helpers/scan.js";
import { cfnGraph, tfGraph } from "../graph/helpers.js";
import { runRules } from "../../rules/run.js";
import { SMBT014 } from "../../rules/SMBT014.js";
import type { GraphIndex } from "../../src/graph/graph.js";

const fixture = (name: string) => readFileSync(path.join(FIXTURES, "rules", name), "utf8");
const findings = (folder: string) =>
  scanFixtures(`rules/SMBT014/${folder}`)
    .findings.filter((f) => f.ruleId === "SMBT014")
    .map((f) => `${row(f)} ${f.message}`);
const run = (graph: GraphIndex) =>
  runRules([SMBT014], { graph, scope: "all" }).map(
    (f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId} ${f.message}`,
  );
/** A stack whose job subnets route 0.0.0.0/0 to a NAT gateway, with HTTPS egress to 0.0.0.0/0. */
const NAT_NETWORK = fixture("SMBT005/terraform-warn-nat-only/network.tf");
const tf = (network: string) =>
  tfGraph({
    "network.tf": network,
    "sagemaker.tf": fixture("SMBT014/terraform-pass/sagemaker.tf"),
    "variables.tf": fixture("SMBT014/terraform-pass/variables.tf"),
  });
const LOGS_CFN = fixture("SMBT014/cloudformation-pass/template.yaml");

describe("SMBT014 access to resources outside the VPC is explicit and consistent", () => {
  it("passes private subnets, a NAT route with egress to 0.0.0.0/0, and an interface endpoint that serves the job", () => {
    expect(findings("terraform-pass")).toEqual([]);
    expect(findings("cloudformation-pass")).toEqual([]);
    expect(run(tf(NAT_NETWORK))).toEqual([]);
  });

  it("(a) warns at the 0.0.0.0/0 route of a job subnet to an internet gateway", () => {
    expect(findings("terraform-fail")).toEqual([
      "rules/SMBT014/terraform-fail/network.tf:104:1 warning SMBT014 Subnet aws_subnet.private_b of model aws_sagemaker_model.churn routes 0.0.0.0/0 to internet gateway aws_internet_gateway.main through aws_route_table.public: it is a public subnet, but SageMaker's network interfaces get no public IP, so the job has no internet access there. Use a private subnet with a NAT gateway, or VPC endpoints.",
    ]);
  });

  it("(b) warns at the group when the subnets route to a NAT gateway but no group allows egress to 0.0.0.0/0", () => {
    expect(run(tf(NAT_NETWORK.replace('cidr_blocks = ["0.0.0.0/0"]', 'cidr_blocks = ["10.20.0.0/16"]')))).toEqual([
      "network.tf:49:1 warning SMBT014 Route table aws_route_table.private (subnet aws_subnet.private_a) of model aws_sagemaker_model.churn sends 0.0.0.0/0 to a NAT gateway, but no security group of the model (aws_security_group.sagemaker) allows egress to 0.0.0.0/0: the NAT gateway is unreachable for the job.",
    ]);
  });

  it("(c) warns when the interface endpoint's group admits HTTPS from neither the job's groups, subnets nor VPC", () => {
    expect(findings("cloudformation-fail")).toEqual([
      "rules/SMBT014/cloudformation-fail/template.yaml:98:9 warning SMBT014 Interface endpoint LogsEndpoint (model ChurnModel): its security group LogsEndpointSecurityGroup allows no inbound TCP 443 from the job's security groups, subnets or VPC CIDR, so the job cannot connect to it.",
    ]);
  });

  it("(c) accepts HTTPS ingress admitted subnet by subnet, by separate rules", () => {
    const perSubnet = LOGS_CFN.replace(
      "        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          SourceSecurityGroupId: !Ref SageMakerSecurityGroup\n",
      "        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.30.0.0/24 }\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 10.30.1.0/24\n",
    );
    expect(perSubnet).not.toBe(LOGS_CFN);
    expect(run(cfnGraph(perSubnet))).toEqual([]);
    expect(run(cfnGraph(perSubnet.replace("CidrIp: 10.30.1.0/24", "CidrIp: 10.30.9.0/24")))).toEqual([
      "template.yaml:99:9 warning SMBT014 Interface endpoint LogsEndpoint (model ChurnModel): its security group LogsEndpointSecurityGroup allows no inbound TCP 443 from the job's security groups, subnets or VPC CIDR, so the job cannot connect to it.",
    ]);
  });

  it("(c) notes an interface endpoint without private DNS, at its header when the default applies", () => {
    expect(run(cfnGraph(LOGS_CFN.replace("      PrivateDnsEnabled: true\n", "")))).toEqual([
      "template.yaml:87:3 note SMBT014 Interface endpoint LogsEndpoint in VPC MlVpc (model ChurnModel) has private DNS disabled: the job reaches the service through it only if it uses the endpoint's own DNS names.",
    ]);
  });

  it("(c) warns when the interface endpoint has no subnet in the job subnets' zones", () => {
    const network = `${fixture("SMBT014/terraform-pass/network.tf")}
resource "aws_subnet" "endpoints_c" {
  vpc_id            = aws_vpc.ml.id
  cidr_block        = "10.20.30.0/24"
  availability_zone = "\${var.region}c"
}

resource "aws_vpc_endpoint" "sts" {
  vpc_id              = aws_vpc.ml.id
  service_name        = "com.amazonaws.\${var.region}.sts"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.endpoints_c.id]
  security_group_ids  = [aws_security_group.sagemaker.id]
}
`;
    expect(run(tf(network))).toEqual([
      // Its group is the job's own, which admits all traffic from members: HTTPS ingress is fine.
      "network.tf:101:25 warning SMBT014 Interface endpoint aws_vpc_endpoint.sts (model aws_sagemaker_model.churn) has subnets only in eu-west-1c, none in the job subnets' Availability Zones (eu-west-1a, eu-west-1b).",
    ]);
  });

  it("(d) notes a NAT gateway with private connectivity", () => {
    const network = NAT_NETWORK.replace("  allocation_id = aws_eip.nat.id\n", '  connectivity_type = "private"\n');
    expect(run(tf(network))).toEqual([
      "network.tf:108:23 note SMBT014 NAT gateway aws_nat_gateway.main, the default route of subnet aws_subnet.private_a (model aws_sagemaker_model.churn), has private connectivity: it gives no internet access.",
    ]);
  });

  it("notes a route table whose default route cannot be determined (SMBT017)", () => {
    const network = NAT_NETWORK.replace(
      "  nat_gateway_id         = aws_nat_gateway.main.id\n",
      "  gateway_id             = var.egress_gateway_id\n",
    );
    const graph = tfGraph({
      "network.tf": network,
      "sagemaker.tf": fixture("SMBT014/terraform-pass/sagemaker.tf"),
      "variables.tf": `${fixture("SMBT014/terraform-pass/variables.tf")}\nvariable "egress_gateway_id" {\n  type = string\n}\n`,
    });
    expect(run(graph)).toEqual([
      "network.tf:117:28 note SMBT017 Could not verify the default route of subnet aws_subnet.private_a: var.egress_gateway_id has no default and no value is given (tfvars, --var or --var-file) (SMBT014 skipped).",
    ]);
  });
});
