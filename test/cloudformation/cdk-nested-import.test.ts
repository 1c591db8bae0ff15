import { describe, expect, it } from "vitest";
import { at, FIXTURES, json, load, prop, resource, twinNeutral } from "./helpers.js";

describe("CDK synthesized templates (cdk.out)", () => {
  const dir = `${FIXTURES}/cdk/cdk.out`;
  const parent = `${dir}/BatchScoringStack.template.json`;
  const child = `${dir}/BatchScoringStackNetwork1D8E4A2F.nested.template.json`;
  const result = load([`${dir}/manifest.json`, child, parent]);

  it("shows each resource by its aws:cdk:path", () => {
    expect(resource(result, "ScoringModel").displayName).toBe("BatchScoringStack/ScoringModel");
    expect(resource(result, "ScoringRoleB4E0B0C5")).toMatchObject({
      displayName: "BatchScoringStack/ScoringRole/Resource",
      cdkPath: "BatchScoringStack/ScoringRole/Resource",
    });
    expect(result.templates.map((t) => [t.file, t.flavor])).toEqual([
      [parent, "cdk"],
      [child, "cdk"],
    ]);
  });

  it("loads a CDK nested stack from its aws:asset:path, once, with the parent's parameters", () => {
    const nestedTemplate = result.templates.find((t) => t.file === child)!;
    expect(nestedTemplate.parent).toEqual({
      id: `${parent}#NetworkNestedStackNetworkNestedStackResource7A3C1B2E`,
      file: parent,
      logicalId: "NetworkNestedStackNetworkNestedStackResource7A3C1B2E",
    });
    expect(nestedTemplate.parameterValues.get("referencetoBatchScoringStackEnvironmentName")).toMatchObject({
      source: "parent",
      value: { value: "prod" },
    });
    expect(json(resource(result, "Vpc8378EB38"), "Tags", 0, "Value")).toBe("prod-batch-scoring");
    expect(resource(result, "NetworkNestedStackNetworkNestedStackResource7A3C1B2E").nestedTemplateFile).toBe(child);
  });

  it("resolves GetAtt Stack.Outputs.X to the child's resources", () => {
    const model = resource(result, "ScoringModel");
    expect(json(model, "VpcConfig")).toEqual({
      SecurityGroupIds: [{ $ref: `${child}#SageMakerSecurityGroup0F3E3A4B.GroupId` }],
      Subnets: [
        { $ref: `${child}#VpcPrivateSubnet1Subnet536B997A` },
        { $ref: `${child}#VpcPrivateSubnet2Subnet3788AAA1` },
      ],
    });
    // The value is placed where the parent uses it.
    expect(prop(model, "VpcConfig", "Subnets", 0).range?.file).toBe(parent);
  });

  it("makes the bootstrap version an SSM parameter (IMPORT)", () => {
    expect(result.templates[0]!.parameterValues.get("BootstrapVersion")?.value).toMatchObject({
      kind: "unknown",
      reason: "IMPORT",
    });
  });
});

describe("nested stacks with a local TemplateURL", () => {
  const parent = `${FIXTURES}/nested/parent.yaml`;
  const child = `${FIXTURES}/nested/stacks/network.yaml`;

  it("passes the parent's parameters and does not analyse the child again on its own", () => {
    const result = load([child, parent], { parameters: { NetworkCidr: "10.81.0.0/16" } });
    expect(result.templates.map((t) => t.file)).toEqual([parent, child]);
    expect(result.templates.flatMap((t) => t.resources).filter((r) => r.logicalId === "Vpc")).toHaveLength(1);
    expect(json(resource(result, "Vpc"), "CidrBlock")).toBe("10.81.0.0/16");
    expect(json(resource(result, "Vpc"), "Tags", 0, "Value")).toBe("staging-scoring");
    expect(json(resource(result, "PrivateSubnetB"), "CidrBlock")).toBe("10.81.0.64/26");
    expect(json(resource(result, "ScoringModel"), "VpcConfig", "Subnets")).toEqual([
      { $ref: `${child}#PrivateSubnetA` },
      { $ref: `${child}#PrivateSubnetB` },
    ]);
    expect(at(prop(resource(result, "ScoringModel"), "VpcConfig", "Subnets", 0))).toEqual([40, 13, 40, 56]);
  });

  it("reads the child through the reader when it is not among the given files", () => {
    const result = load([parent]);
    expect(result.analyzedFiles.map((f) => f.path)).toEqual([parent, child]);
    expect(json(resource(result, "Vpc"), "CidrBlock")).toBe("10.80.0.0/16");
  });

  it("notes a child template it cannot read", () => {
    const result = load([parent], { readFile: () => undefined });
    expect(result.notes).toEqual([
      {
        path: parent,
        message: `The nested stack NetworkStack loads ${child}, which is not a file inside the scan root; it was not analysed.`,
        range: expect.objectContaining({ start: expect.objectContaining({ line: 16 }) }),
      },
    ]);
    expect(json(resource(result, "ScoringModel"), "VpcConfig", "Subnets", 0)).toEqual({
      $ref: "NetworkStack.Outputs.PrivateSubnetA",
    });
  });

  it("resolves the YAML stacks and their JSON twins to the same resources", () => {
    const json = load([`${FIXTURES}/nested/parent.json`]);
    expect(twinNeutral(json)).toEqual(twinNeutral(load([parent])));
  });
});

describe("Fn::ImportValue across templates", () => {
  const dir = `${FIXTURES}/import-export`;

  it("resolves an import to the exporting template's output", () => {
    const result = load([`${dir}/yaml/ml.yaml`, `${dir}/yaml/network.yaml`]);
    const model = resource(result, "ScoringModel");
    expect(json(model, "VpcConfig", "Subnets", 0)).toEqual({ $ref: `${dir}/yaml/network.yaml#PrivateSubnetA` });
    expect(json(model, "VpcConfig", "SecurityGroupIds", 0)).toEqual({
      $ref: `${dir}/yaml/network.yaml#SageMakerSecurityGroup.GroupId`,
    });
    expect(at(prop(model, "VpcConfig", "Subnets", 0))).toEqual([29, 13, 29, 53]);
  });

  it("leaves an export that no scanned template declares Unknown (IMPORT), naming it", () => {
    const result = load([`${dir}/yaml/ml.yaml`, `${dir}/yaml/network.yaml`]);
    expect(json(resource(result, "ScoringModel"), "VpcConfig", "Subnets", 1)).toEqual({
      $unknown: "IMPORT",
      detail: "Fn::ImportValue imports the export ml-network-private-subnet-b, which no scanned template declares.",
      refs: [],
    });
    const alone = load([`${dir}/yaml/ml.yaml`]);
    expect(json(resource(alone, "ScoringModel"), "VpcConfig", "Subnets", 0)).toMatchObject({ $unknown: "IMPORT" });
  });

  it("does not pick one of several templates exporting the same name", () => {
    const result = load([`${dir}/yaml/ml.yaml`, `${dir}/yaml/network.yaml`, `${dir}/json/network.json`]);
    expect(json(resource(result, "ScoringModel"), "VpcConfig", "Subnets", 0)).toMatchObject({
      $unknown: "IMPORT",
      detail: `Fn::ImportValue imports the export ml-network-private-subnet-a, which several scanned templates declare (${dir}/yaml/network.yaml, ${dir}/json/network.json).`,
    });
  });

  it("resolves the YAML stacks and their JSON twins to the same resources", () => {
    const yaml = load([`${dir}/yaml/network.yaml`, `${dir}/yaml/ml.yaml`]);
    const json = load([`${dir}/json/network.json`, `${dir}/json/ml.json`]);
    expect(twinNeutral(json)).toEqual(twinNeutral(yaml));
  });
});

describe("nested stack cycles", () => {
  it("analyses each template of a cycle once, and says so", async () => {
    const { loadCloudFormation } = await import("../../src/cloudformation/index.js");
    const a =
      "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: b.yaml}\n  Me:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./a.yaml}\n";
    const b = "Resources:\n  Parent:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: a.yaml}\n";
    const result = loadCloudFormation([
      { path: "a.yaml", text: a },
      { path: "b.yaml", text: b },
    ]);
    expect(result.templates.map((t) => [t.file, t.parent?.logicalId])).toEqual([
      ["a.yaml", undefined],
      ["b.yaml", "Child"],
    ]);
    expect(result.notes.map((n) => n.message)).toEqual([
      "The nested stack Me loads a.yaml, which is already analysed elsewhere in the scan (or loads itself); it is analysed once.",
      "The nested stack Parent loads a.yaml, which is already analysed elsewhere in the scan (or loads itself); it is analysed once.",
    ]);
  });
});
