/** `!Split` of a `!Join` (directly or through an export) gives the items back when none can contain the delimiter. */
import { describe, expect, it } from "vitest";
import { loadCloudFormation } from "../../src/cloudformation/index.js";
import { json, resource } from "./helpers.js";

const template = (value: unknown) =>
  JSON.stringify({
    Resources: {
      Vpc: { Type: "AWS::EC2::VPC", Properties: { CidrBlock: "10.0.0.0/16" } },
      A: { Type: "AWS::EC2::Subnet", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.0.0/24" } },
      B: { Type: "AWS::EC2::Subnet", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.1.0/24" } },
      Role: { Type: "AWS::IAM::Role", Properties: { AssumeRolePolicyDocument: {} } },
      Probe: { Type: "AWS::SSM::Parameter", Properties: { Type: "StringList", Value: value } },
    },
  });

const probe = (value: unknown) =>
  json(resource(loadCloudFormation([{ path: "t.json", text: template(value) }]), "Probe"), "Value");

const joined = { "Fn::Join": [",", [{ Ref: "A" }, { Ref: "B" }]] };

describe("Fn::Split of Fn::Join", () => {
  it("gives the references back, and Fn::Select the element", () => {
    expect(probe({ "Fn::Split": [",", joined] })).toEqual([{ $ref: "A" }, { $ref: "B" }]);
    expect(probe({ "Fn::Select": [1, { "Fn::Split": [",", joined] }] })).toEqual({ $ref: "B" });
  });

  it("stays Unknown when an element may contain the delimiter (an ARN), or the delimiters differ", () => {
    const withArn = { "Fn::Join": [",", [{ "Fn::GetAtt": ["Role", "Arn"] }, { Ref: "A" }]] };
    expect(probe({ "Fn::Split": [",", withArn] })).toMatchObject({ $unknown: "COMPUTED" });
    expect(probe({ "Fn::Split": [";", joined] })).toMatchObject({ $unknown: "COMPUTED" });
  });
});
