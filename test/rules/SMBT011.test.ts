import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, row, scanFixtures } from "../helpers/scan.js";
import { tfGraph } from "../graph/helpers.js";
import { runRules } from "../../rules/run.js";
import { SMBT011 } from "../../rules/SMBT011.js";
import type { GraphIndex } from "../../src/graph/graph.js";

const fixture = (name: string) => readFileSync(path.join(FIXTURES, "rules", name), "utf8");
const findings = (folder: string) =>
  scanFixtures(`rules/SMBT011/${folder}`)
    .findings.filter((f) => f.ruleId === "SMBT011")
    .map((f) => `${row(f)} ${f.message}`);
const run = (graph: GraphIndex) =>
  runRules([SMBT011], { graph, scope: "all" }).map(
    (f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId} ${f.message}`,
  );
const NETWORK = fixture("SMBT011/terraform-pass/network.tf");
const tf = (network: string, variables = "") =>
  tfGraph({
    "network.tf": network,
    "sagemaker.tf": fixture("SMBT011/terraform-pass/sagemaker.tf"),
    "variables.tf": fixture("SMBT011/terraform-pass/variables.tf") + variables,
  });

describe("SMBT011 VPC DNS lets standard S3 URLs resolve", () => {
  it("passes DNS support and hostnames on, and DHCP options with AmazonProvidedDNS", () => {
    expect(findings("terraform-pass")).toEqual([]);
    expect(findings("cloudformation-pass")).toEqual([]);
    expect(
      scanFixtures("stacks/cloudformation-standalone-rules").findings.filter((f) => f.ruleId === "SMBT011"),
    ).toEqual([]);
  });

  it("errs at enable_dns_support = false", () => {
    expect(findings("terraform-fail")).toEqual([
      "rules/SMBT011/terraform-fail/network.tf:3:26 error SMBT011 VPC aws_vpc.ml of model aws_sagemaker_model.churn has DNS support disabled: the job's S3 URLs do not resolve.",
    ]);
  });

  it("warns at the VPC header when DNS hostnames are left at their default (off) with a gateway endpoint", () => {
    expect(findings("terraform-warn-dns-hostnames")).toEqual([
      "rules/SMBT011/terraform-warn-dns-hostnames/network.tf:1:1 warning SMBT011 VPC aws_vpc.ml of model aws_sagemaker_model.churn has DNS hostnames disabled; with Amazon DNS, S3 gateway endpoint aws_vpc_endpoint.s3 needs both DNS support and DNS hostnames enabled.",
    ]);
  });

  it("errs when DNS hostnames are off and an interface endpoint has private DNS", () => {
    const network =
      NETWORK.replace("enable_dns_hostnames = true", "enable_dns_hostnames = false") +
      `
resource "aws_vpc_endpoint" "logs" {
  vpc_id              = aws_vpc.ml.id
  service_name        = "com.amazonaws.\${var.region}.logs"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.private_a.id, aws_subnet.private_b.id]
}
`;
    expect(run(tf(network))).toEqual([
      "network.tf:4:26 error SMBT011 VPC aws_vpc.ml of model aws_sagemaker_model.churn has DNS hostnames disabled, but interface endpoint aws_vpc_endpoint.logs has private DNS enabled, which requires DNS support and DNS hostnames.",
    ]);
  });

  it("warns at DomainNameServers that lack AmazonProvidedDNS", () => {
    expect(findings("cloudformation-fail")).toEqual([
      "rules/SMBT011/cloudformation-fail/template.yaml:26:9 warning SMBT011 DHCP options CorporateDhcpOptions of VPC MlVpc (model ChurnModel) use the name servers 10.0.0.53, 10.0.1.53 instead of AmazonProvidedDNS; AWS advises the default DNS settings so that standard S3 URLs resolve to the endpoint.",
    ]);
  });

  it("notes subnets whose VPC is outside the scan instead of checking a VPC (SMBT017)", () => {
    const network = NETWORK.replaceAll(
      '  vpc_id            = aws_vpc.ml.id\n  cidr_block        = "10.20.',
      '  vpc_id            = var.shared_vpc_id\n  cidr_block        = "10.20.',
    );
    expect(run(tf(network, '\nvariable "shared_vpc_id" {\n  type = string\n}\n'))).toEqual([
      "network.tf:12:23 note SMBT017 Could not verify the VPC of subnet aws_subnet.private_a: var.shared_vpc_id has no default and no value is given (tfvars, --var or --var-file) (SMBT011 skipped).",
      "network.tf:22:23 note SMBT017 Could not verify the VPC of subnet aws_subnet.private_b: var.shared_vpc_id has no default and no value is given (tfvars, --var or --var-file) (SMBT011 skipped).",
    ]);
  });

  it("notes an Unknown DNS setting instead of reporting it (SMBT017)", () => {
    const network = NETWORK.replace("enable_dns_support   = true", "enable_dns_support   = var.dns_support");
    expect(run(tf(network, '\nvariable "dns_support" {\n  type = bool\n}\n'))).toEqual([
      "network.tf:3:26 note SMBT017 Could not verify the DNS support of aws_vpc.ml: var.dns_support has no default and no value is given (tfvars, --var or --var-file) (SMBT011 skipped).",
    ]);
  });
});
