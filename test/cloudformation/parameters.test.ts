import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  parameterOverridesFromOptions,
  parseParameterOverrides,
  ParameterFormatError,
} from "../../src/cloudformation/parameters.js";
import { loadCloudFormation } from "../../src/cloudformation/index.js";
import { FIXTURES, json, load, prop, resource } from "./helpers.js";
import { toDebugJson } from "../../src/core/value.js";

describe("parameter values in the AWS CLI's formats", () => {
  it("reads a create-stack parameter file: [{ParameterKey, ParameterValue}]", () => {
    const text = JSON.stringify([
      { ParameterKey: "Environment", ParameterValue: "dev" },
      { ParameterKey: "ImageUri", ParameterValue: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/scoring:7" },
      { ParameterKey: "VpcCidr", UsePreviousValue: true },
    ]);
    expect(parseParameterOverrides(text)).toEqual({
      Environment: "dev",
      ImageUri: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/scoring:7",
    });
  });

  it('reads a deploy parameter file: {"Parameters": {...}}, lists joined with commas', () => {
    expect(
      parseParameterOverrides('{"Parameters": {"Environment": "dev", "AzNames": ["c", "d"], "Count": 3}}'),
    ).toEqual({ Environment: "dev", AzNames: "c,d", Count: "3" });
  });

  it("reads Key=Value pairs, quoted values and the ParameterKey=…,ParameterValue=… shorthand", () => {
    expect(
      parseParameterOverrides('Environment=dev Description="two words" ParameterKey=AzNames,ParameterValue=x,y'),
    ).toEqual({
      Environment: "dev",
      Description: "two words",
      AzNames: "x,y",
    });
  });

  it("rejects what it cannot read", () => {
    expect(() => parseParameterOverrides("[{]")).toThrow(ParameterFormatError);
    expect(() => parseParameterOverrides('{"Environment": "dev"}')).toThrow(
      'a parameter object needs a "Parameters" object',
    );
    expect(() => parseParameterOverrides("Environment")).toThrow("expected Key=Value");
  });

  it("takes --cfn-parameters as files or pairs, later ones winning", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cfn-params-"));
    const file = path.join(dir, "params.json");
    writeFileSync(
      file,
      '[{"ParameterKey": "Environment", "ParameterValue": "dev"}, {"ParameterKey": "VpcCidr", "ParameterValue": "10.1.0.0/16"}]',
    );
    const read = (p: string): string | undefined => (p === file ? readFileSync(p, "utf8") : undefined);
    expect(parameterOverridesFromOptions([`file://${file}`, "Environment=prod"], read)).toEqual({
      Environment: "prod",
      VpcCidr: "10.1.0.0/16",
    });
    expect(() => parameterOverridesFromOptions(["missing.json"], read)).toThrow("cannot read missing.json");
  });
});

describe("parameter values in templates", () => {
  const YAML = `${FIXTURES}/intrinsics/batch-transform-stack.yaml`;

  it("splits CommaDelimitedList values and trims each member", () => {
    const result = load([YAML], { parameters: { AzNames: " x ,y" } });
    expect(result.templates[0]!.parameterValues.get("AzNames")).toMatchObject({
      source: "given",
      value: { kind: "list", items: [{ value: "x" }, { value: "y" }] },
    });
    expect(json(resource(result, "PrivateSubnetB"), "Tags", 0, "Value")).toBe("prod-private-y");
  });

  it("applies a given value to every template that declares the parameter", () => {
    const result = load([`${FIXTURES}/import-export/yaml/network.yaml`, `${FIXTURES}/import-export/yaml/ml.yaml`], {
      parameters: { NetworkName: "core" },
    });
    for (const template of result.templates)
      expect(template.parameterValues.get("NetworkName")).toMatchObject({ source: "given", value: { value: "core" } });
    // Both sides now name the exports `core-…`.
    expect(json(resource(result, "ScoringModel"), "VpcConfig", "SecurityGroupIds", 0)).toEqual({
      $ref: `${FIXTURES}/import-export/yaml/network.yaml#SageMakerSecurityGroup.GroupId`,
    });
  });

  it("notes a given value outside AllowedValues", () => {
    const result = load([YAML], { parameters: { Environment: "staging" } });
    expect(result.notes.map((n) => n.message)).toEqual([
      "The value given for parameter Environment is not one of its AllowedValues; CloudFormation would reject it.",
    ]);
  });

  it("turns Number values into strings, as Ref does, and List<…> values into lists", () => {
    const text = `Parameters:
  Count: {Type: Number, Default: 3}
  Subnets: {Type: "List<AWS::EC2::Subnet::Id>", Default: "subnet-0a,subnet-0b"}
  Groups: {Type: "List<AWS::EC2::SecurityGroup::Id>"}
Resources:
  M:
    Type: AWS::SageMaker::Model
    Properties:
      ExecutionRoleArn: arn:aws:iam::123456789012:role/r
      VpcConfig: {Subnets: !Ref Subnets, SecurityGroupIds: !Ref Groups}
      PrimaryContainer: {Image: !Sub "img:\${Count}"}
`;
    const result = loadCloudFormation([{ path: "t.yaml", text }]);
    expect(json(resource(result, "M"), "VpcConfig")).toEqual({
      Subnets: ["subnet-0a", "subnet-0b"],
      // Still a list: of unknown length, each member unknown.
      SecurityGroupIds: {
        $unknown: "VAR_NO_DEFAULT",
        detail: "Parameter Groups has no default and no value was given.",
        refs: [],
        every: {
          $unknown: "VAR_NO_DEFAULT",
          detail: "Parameter Groups has no default and no value was given.",
          refs: [],
        },
      },
    });
    expect(json(resource(result, "M"), "PrimaryContainer", "Image")).toBe("img:3");
  });
});

describe("typed parameter values", () => {
  const template = JSON.stringify({
    Parameters: {
      InstanceCount: { Type: "Number", Default: 4 },
      SubnetIds: { Type: "List<AWS::EC2::Subnet::Id>" },
      Zones: { Type: "CommaDelimitedList", Default: "eu-west-1a, eu-west-1b" },
    },
    Resources: {
      Probe: {
        Type: "AWS::SSM::Parameter",
        Properties: { Value: [{ Ref: "InstanceCount" }, { Ref: "SubnetIds" }, { Ref: "Zones" }] },
      },
    },
  });
  const probe = toDebugJson(prop(resource(loadCloudFormation([{ path: "t.json", text: template }]), "Probe"), "Value"));

  it("passes a Number as a string, a list type as a list, one without value as a list of unknown length", () => {
    const detail = "Parameter SubnetIds has no default and no value was given.";
    expect(probe).toEqual([
      "4",
      { $unknown: "VAR_NO_DEFAULT", detail, refs: [], every: { $unknown: "VAR_NO_DEFAULT", detail, refs: [] } },
      ["eu-west-1a", "eu-west-1b"],
    ]);
  });
});
