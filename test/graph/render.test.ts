import { describe, expect, it } from "vitest";
import { FIXTURES, scanFixtures } from "../helpers/scan.js";
import { graphJson, renderGraphJson } from "../../src/graph/render-json.js";
import { mermaidId, renderMermaid, shortName } from "../../src/graph/render-mermaid.js";
import { runCli } from "../../src/commands/main.js";
import type { Finding } from "../../src/core/finding.js";
import { cfnGraph } from "./helpers.js";

describe("graph JSON", () => {
  it("prints the Terraform fixture's graph exactly, with the implicit main route table", () => {
    const result = scanFixtures("terraform/graph");
    const id = (address: string) => `terraform/graph:${address}`;
    const node = (address: string, kind: string, line: number, name = address) => ({
      id: id(address),
      kind,
      name,
      file: "terraform/graph/main.tf",
      line,
    });
    expect(graphJson(result.graph.graph)).toEqual({
      nodes: [
        node("aws_vpc.main", "vpc", 3),
        node("aws_vpc.main#main-route-table", "route-table", 3, "aws_vpc.main (main route table)"),
        node("aws_subnet.private", "subnet", 8),
        node("aws_security_group.job", "security-group", 13),
        node("aws_vpc_endpoint.s3", "vpc-endpoint", 17),
        node("aws_iam_role.job", "iam-role", 23),
        node("aws_sagemaker_model.scoring", "model", 28),
      ],
      edges: [
        { from: id("aws_sagemaker_model.scoring"), to: id("aws_iam_role.job"), kind: "execution-role" },
        { from: id("aws_sagemaker_model.scoring"), to: id("aws_security_group.job"), kind: "has-security-group" },
        { from: id("aws_sagemaker_model.scoring"), to: id("aws_subnet.private"), kind: "in-subnet" },
        { from: id("aws_security_group.job"), to: id("aws_vpc.main"), kind: "in-vpc" },
        { from: id("aws_subnet.private"), to: id("aws_vpc.main"), kind: "in-vpc" },
        { from: id("aws_vpc.main"), to: id("aws_vpc.main#main-route-table"), kind: "main-route-table" },
        { from: id("aws_vpc.main#main-route-table"), to: id("aws_vpc.main"), kind: "in-vpc" },
        { from: id("aws_vpc_endpoint.s3"), to: id("aws_vpc.main"), kind: "in-vpc" },
        { from: id("aws_vpc_endpoint.s3"), to: id("aws_vpc.main#main-route-table"), kind: "endpoint-route-table" },
      ],
    });
  });

  it("is the same on every run and ends with a newline", () => {
    const first = renderGraphJson(scanFixtures("cloudformation/graph").graph.graph);
    expect(renderGraphJson(scanFixtures("cloudformation/graph").graph.graph)).toBe(first);
    expect(first.endsWith("}\n")).toBe(true);
    expect(JSON.parse(first).nodes.map((n: { name: string }) => n.name)).toEqual([
      "Vpc",
      "PrivateSubnet",
      "PublicSubnet",
      "PrivateRouteTable",
      "Nat",
      "S3Endpoint",
      "JobSecurityGroup",
      "JobRole",
      "ScoringModel",
      "NightlyScoring",
      "DraftModel",
    ]);
  });
});

describe("graph Mermaid", () => {
  it("draws one transform job's chain, with unresolved links and finding nodes marked", () => {
    const result = scanFixtures("cloudformation/graph");
    const subnet = result.graph.nodesOfKind("subnet").find((s) => s.name === "PrivateSubnet")!;
    const finding: Finding = {
      ruleId: "SMBT004",
      level: "error",
      message: "too small",
      range: subnet.range,
      resource: "PrivateSubnet",
    };
    expect(renderMermaid(result.graph, [finding])).toBe(
      [
        "flowchart LR",
        "  %% transform job NightlyScoring in cloudformation/graph/chain.yaml",
        '  NightlyScoring_eced1f["transform job: NightlyScoring"]',
        '  ScoringModel_184943["model: ScoringModel"]',
        "  NightlyScoring_eced1f --> ScoringModel_184943",
        '  PrivateSubnet_912f62["subnet: PrivateSubnet"]',
        "  ScoringModel_184943 --> PrivateSubnet_912f62",
        '  Vpc_ea1302["VPC: Vpc"]',
        "  PrivateSubnet_912f62 --> Vpc_ea1302",
        '  unresolved_ScoringModel_184943_1["? subnet: subnet-0123456789abcdef0 is not declared in the scan"]',
        "  ScoringModel_184943 --> unresolved_ScoringModel_184943_1",
        '  JobSecurityGroup_3d2b4a["security group: JobSecurityGroup"]',
        "  ScoringModel_184943 --> JobSecurityGroup_3d2b4a",
        "  JobSecurityGroup_3d2b4a --> Vpc_ea1302",
        '  PrivateRouteTable_8d79d3["route table: PrivateRouteTable"]',
        "  Vpc_ea1302 --> PrivateRouteTable_8d79d3",
        '  S3Endpoint_b68070["VPC endpoint: S3Endpoint"]',
        "  PrivateRouteTable_8d79d3 --> S3Endpoint_b68070",
        '  Nat_fec2a1["NAT gateway: Nat"]',
        "  PrivateRouteTable_8d79d3 --> Nat_fec2a1",
        "  classDef finding fill:#fde2e1,stroke:#d1242f,stroke-width:2px",
        "  classDef unresolved stroke-dasharray:4 4",
        "  class PrivateSubnet_912f62 finding",
        "  class unresolved_ScoringModel_184943_1 unresolved",
        "",
        // The model no job uses follows, after a blank line.
        "flowchart LR",
        "  %% model DraftModel in cloudformation/graph/chain.yaml (no transform job in the scan)",
        '  DraftModel_2476d9["model: DraftModel"]',
        "  classDef finding fill:#fde2e1,stroke:#d1242f,stroke-width:2px",
        "",
      ].join("\n"),
    );
  });

  it("draws a model no job uses in its own chart, marking the scan's findings", () => {
    const result = scanFixtures("cloudformation/graph");
    const charts = renderMermaid(result.graph, result.findings).split("\nflowchart LR\n");
    expect(charts.length).toBe(2);
    expect(`flowchart LR\n${charts[1]}`).toBe(
      [
        "flowchart LR",
        "  %% model DraftModel in cloudformation/graph/chain.yaml (no transform job in the scan)",
        '  DraftModel_2476d9["model: DraftModel"]',
        "  classDef finding fill:#fde2e1,stroke:#d1242f,stroke-width:2px",
        "  class DraftModel_2476d9 finding",
        "",
      ].join("\n"),
    );
  });

  it("draws a literal-name link dotted and a model that cannot be found as a ? node", () => {
    const graph = cfnGraph(`
Parameters:
  Name: {Type: String}
Resources:
  M: {Type: AWS::SageMaker::Model, Properties: {ModelName: "a\\"b", ExecutionRoleArn: arn:aws:iam::1:role/r}}
  ByName: {Type: AWS::SageMaker::TransformJob, Properties: {ModelName: "a\\"b"}}
  ByParam: {Type: AWS::SageMaker::TransformJob, Properties: {ModelName: !Ref Name}}
`);
    const [byName, byParam] = renderMermaid(graph).split("\n\nflowchart LR\n");
    expect(byName).toBe(
      [
        "flowchart LR",
        "  %% transform job ByName in template.yaml",
        `  ${mermaidId("template.yaml#ByName", "ByName")}["transform job: ByName"]`,
        `  ${mermaidId("template.yaml#M", "M")}["model: M"]`,
        `  ${mermaidId("template.yaml#ByName", "ByName")} -.->|literal name| ${mermaidId("template.yaml#M", "M")}`,
        "  classDef finding fill:#fde2e1,stroke:#d1242f,stroke-width:2px",
      ].join("\n"),
    );
    const param = mermaidId("template.yaml#ByParam", "ByParam");
    expect(byParam!.split("\n").slice(0, 4)).toEqual([
      "  %% transform job ByParam in template.yaml",
      `  ${param}["transform job: ByParam"]`,
      expect.stringMatching(new RegExp(`^  unresolved_${param}_1\\["\\? model: .+"\\]$`)),
      `  ${param} --> unresolved_${param}_1`,
    ]);
  });

  it("makes valid, stable ids from any name", () => {
    expect(mermaidId("a.tf:module.x.aws_subnet.a[0]", "module.x.aws_subnet.a[0]")).toMatch(
      /^module_x_aws_subnet_a_0_[0-9a-f]{6}$/,
    );
    expect(mermaidId("t.yaml#end", "end")).toMatch(/^end_[0-9a-f]{6}$/);
    expect(mermaidId("x", "123")).toMatch(/^n_123_[0-9a-f]{6}$/);
    expect(mermaidId("x", "Stack/Model/Resource")).toBe(mermaidId("x", "Stack/Model/Resource"));
  });
});

describe("graph command", () => {
  const run = async (...args: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await runCli(["graph", ...args], {
      cwd: FIXTURES,
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    return { code, stdout, stderr };
  };

  it("prints JSON by default and Mermaid on request", async () => {
    const json = await run("terraform/graph");
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(renderGraphJson(scanFixtures("terraform/graph").graph.graph));
    const mermaid = await run("--format", "mermaid", "cloudformation/graph");
    expect(
      mermaid.stdout.startsWith("flowchart LR\n  %% transform job NightlyScoring in cloudformation/graph/chain.yaml\n"),
    ).toBe(true);
  });

  it("rejects an unknown format", async () => {
    expect(await run("--format", "dot")).toEqual({
      code: 2,
      stdout: "",
      stderr: 'sagemaker-vpc-guard: --format must be one of json, mermaid (got "dot")\n',
    });
  });
});

describe("Mermaid node labels", () => {
  it("keep a long module path's innermost module and the resource", () => {
    expect(shortName("aws_sagemaker_model.churn")).toBe("aws_sagemaker_model.churn");
    expect(shortName("module.platform.module.network.module.private_subnets.aws_subnet.private[0]")).toBe(
      "…module.private_subnets.aws_subnet.private[0]",
    );
    expect(shortName(`module.a.aws_subnet.${"x".repeat(60)}`)).toBe(`…${"x".repeat(47)}`);
  });
});
