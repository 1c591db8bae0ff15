import { describe, expect, it } from "vitest";
import { loadCloudFormation } from "../../src/cloudformation/index.js";
import { debugValue } from "../../src/cloudformation/debug.js";
import { at, FIXTURES, json, load, prop, resource, twinNeutral } from "./helpers.js";

const YAML = `${FIXTURES}/language-extensions/subnets-for-each.yaml`;

describe("Fn::ForEach and the other language extensions", () => {
  const result = load([YAML]);

  it("expands Fn::ForEach over a known collection, substituting keys, Ref and Fn::Sub", () => {
    const subnets = result.templates[0]!.resources.filter((r) => r.type === "AWS::EC2::Subnet");
    expect(subnets.map((s) => [s.logicalId, json(s, "CidrBlock")])).toEqual([
      ["PrivateSubneta", "10.70.0.0/24"],
      ["PrivateSubnetb", "10.70.1.0/24"],
      ["PrivateSubnetc", "10.70.2.0/24"],
    ]);
    expect(json(subnets[1]!, "AvailabilityZone")).toMatchObject({ $unknown: "DATA_SOURCE", suffix: "b" });
    // Every copy is reported at the fragment it was written in.
    expect(at({ range: subnets[2]!.headerRange })).toEqual([30, 7, 30, 29]);
    const eu = load([YAML], { region: "eu-west-1" });
    expect(json(resource(eu, "PrivateSubnetc"), "AvailabilityZone")).toBe("eu-west-1c");
  });

  it("follows a parameter's value for the collection", () => {
    const two = load([YAML], { parameters: { ZoneLetters: "a,b" } });
    expect(two.templates[0]!.resources.filter((r) => r.type === "AWS::EC2::Subnet").map((r) => r.logicalId)).toEqual([
      "PrivateSubneta",
      "PrivateSubnetb",
    ]);
    expect(json(resource(two, "ScoringModel"), "VpcConfig", "Subnets", 2)).toMatchObject({ $unknown: "EXTERNAL_ID" });
  });

  it("does not expand an unknown collection, and says so", () => {
    const text = `Transform: AWS::LanguageExtensions
Parameters:
  Names: {Type: CommaDelimitedList}
Resources:
  Fn::ForEach::Buckets:
    - Name
    - !Ref Names
    - Bucket\${Name}:
        Type: AWS::S3::Bucket
`;
    const r = loadCloudFormation([{ path: "t.yaml", text }]);
    expect(r.templates[0]!.resources).toEqual([]);
    expect(r.notes).toEqual([
      {
        path: "t.yaml",
        message:
          "Fn::ForEach::Buckets was not expanded: its collection is not a known list of strings: Parameter Names has no default and no value was given.",
        range: expect.objectContaining({
          start: expect.objectContaining({ line: 5, column: 3 }),
          end: expect.objectContaining({ line: 5, column: 23 }),
        }),
      },
    ]);
  });

  it("uses FindInMap's DefaultValue and computes Fn::Length", () => {
    const model = resource(result, "ScoringModel");
    expect(json(model, "PrimaryContainer", "Environment")).toEqual({ SUBNET_COUNT: 3, INSTANCE_TYPE: "ml.m5.large" });
    expect(at(prop(model, "PrimaryContainer", "Environment", "INSTANCE_TYPE"))).toEqual([51, 85, 51, 96]);
  });

  it("resolves the YAML template and its JSON twin to the same resources", () => {
    expect(twinNeutral(load([`${FIXTURES}/language-extensions/subnets-for-each.json`]))).toEqual(twinNeutral(result));
  });
});

describe("Fn::ForEach limits", () => {
  it("stops nested loops after a counted number of copies, with a note", () => {
    const letters = Array.from({ length: 30 }, (_, i) => `x${i}`).join(",");
    const text = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::A:
    - I
    - [${letters}]
    - Fn::ForEach::B:
        - J
        - [${letters}]
        - Fn::ForEach::C:
            - K
            - [${letters}]
            - Q\${I}\${J}\${K}:
                Type: AWS::SQS::Queue
`;
    const result = loadCloudFormation([{ path: "t.yaml", text }]);
    // 30 × 30 × 30 = 27,000 queues would be written; the expansion stops at its limit.
    expect(result.templates[0]!.resources.length).toBeLessThan(10_000);
    expect(result.notes.map((n) => n.message)).toEqual([
      expect.stringMatching(
        /^Fn::ForEach::[ABC] was expanded only partly: more than 10000 copies \(the max-expansion limit\)\.$/,
      ),
    ]);
  });
});

describe("Fn::ForEach in Outputs", () => {
  it("exports one value per item, which Fn::ImportValue finds", () => {
    const network = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Subnets:
    - Z
    - [a, b]
    - Subnet\${Z}: {Type: AWS::EC2::Subnet, Properties: {VpcId: vpc-0abc, CidrBlock: 10.0.0.0/24}}
Outputs:
  Fn::ForEach::Exports:
    - Z
    - [a, b]
    - Subnet\${Z}Id:
        Value: !Ref Subnet\${Z}
        Export: {Name: !Sub "net-subnet-\${Z}"}
      Subnet\${Z}Az:
        Value: !GetAtt [!Sub "Subnet\${Z}", AvailabilityZoneId]
`;
    const ml = "Resources:\n  Q: {Type: AWS::SQS::Queue, Properties: {QueueName: !ImportValue net-subnet-b}}\n";
    const result = loadCloudFormation([
      { path: "network.yaml", text: network },
      { path: "ml.yaml", text: ml },
    ]);
    expect(
      result.templates[0]!.outputs.map((o) => [o.name, o.exportName && debugValue(o.exportName, "network.yaml")]),
    ).toEqual([
      ["SubnetaId", "net-subnet-a"],
      ["SubnetaAz", undefined],
      ["SubnetbId", "net-subnet-b"],
      ["SubnetbAz", undefined],
    ]);
    expect(debugValue(result.templates[0]!.outputs[3]!.value, "network.yaml")).toEqual({
      $ref: "Subnetb.AvailabilityZoneId",
    });
    expect(json(resource(result, "Q"), "QueueName")).toEqual({ $ref: "network.yaml#Subnetb" });
  });
});
