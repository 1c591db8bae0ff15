/** `Fn::GetStackOutput`: the output of another stack, read when a CDK manifest ties the stack name to a template in the scan. */
import { describe, expect, it } from "vitest";
import { loadCloudFormation } from "../../src/cloudformation/index.js";
import { json, resource } from "./helpers.js";

const producer = JSON.stringify({
  Resources: { Sg: { Type: "AWS::EC2::SecurityGroup", Properties: { GroupDescription: "jobs" } } },
  Outputs: { SgId: { Value: { "Fn::GetAtt": ["Sg", "GroupId"] } } },
});

const consumer = (argument: Record<string, string>) =>
  JSON.stringify({
    Resources: {
      Model: {
        Type: "AWS::SageMaker::Model",
        Properties: { VpcConfig: { SecurityGroupIds: [{ "Fn::GetStackOutput": argument }], Subnets: [] } },
      },
    },
  });

const manifest = JSON.stringify({
  version: "39.0.0",
  artifacts: {
    Network: {
      type: "aws:cloudformation:stack",
      environment: "aws://123456789012/eu-west-1",
      properties: { templateFile: "Network.template.json" },
    },
    Consumer: {
      type: "aws:cloudformation:stack",
      environment: "aws://123456789012/eu-west-1",
      properties: { templateFile: "Consumer.template.json", stackName: "consumer-prod" },
    },
  },
});

function load(argument: Record<string, string>, withManifest = true) {
  const files = [
    { path: "cdk.out/Network.template.json", text: producer },
    { path: "cdk.out/Consumer.template.json", text: consumer(argument) },
    ...(withManifest ? [{ path: "cdk.out/manifest.json", text: manifest }] : []),
  ];
  return loadCloudFormation(files);
}

const groupOf = (argument: Record<string, string>, withManifest = true) =>
  json(resource(load(argument, withManifest), "Model"), "VpcConfig", "SecurityGroupIds", 0);

describe("Fn::GetStackOutput", () => {
  it("resolves to the output of the stack the manifest names, like an import", () => {
    expect(groupOf({ StackName: "Network", OutputName: "SgId" })).toEqual({
      $ref: "cdk.out/Network.template.json#Sg.GroupId",
    });
    expect(groupOf({ StackName: "Network", OutputName: "SgId", Region: "eu-west-1" })).toEqual({
      $ref: "cdk.out/Network.template.json#Sg.GroupId",
    });
    expect(
      groupOf({ StackName: "Network", OutputName: "SgId", RoleArn: "arn:aws:iam::123456789012:role/reader" }),
    ).toEqual({ $ref: "cdk.out/Network.template.json#Sg.GroupId" });
  });

  it("is an Unknown IMPORT for another Region or account, an output not declared, or no manifest", () => {
    const notFound = (extra: string) => ({
      $unknown: "IMPORT",
      detail: `Fn::GetStackOutput reads output SgId of stack Network, whose template the scan cannot find${extra} (no cdk.out/manifest.json in the scan names it).`,
      refs: [],
    });
    expect(groupOf({ StackName: "Network", OutputName: "SgId", Region: "us-east-1" })).toEqual(
      notFound(" in that Region and account"),
    );
    expect(
      groupOf({ StackName: "Network", OutputName: "SgId", RoleArn: "arn:aws:iam::210987654321:role/reader" }),
    ).toEqual(notFound(" in that Region and account"));
    expect(groupOf({ StackName: "Network", OutputName: "SgId" }, false)).toEqual(notFound(""));
    expect(groupOf({ StackName: "Network", OutputName: "Missing" })).toEqual({
      $unknown: "IMPORT",
      detail:
        "Fn::GetStackOutput reads output Missing of stack Network, which its template cdk.out/Network.template.json does not declare.",
      refs: [],
    });
  });
});
