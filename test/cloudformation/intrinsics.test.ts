import { describe, expect, it } from "vitest";
import { at, FIXTURES, json, load, prop, resource, twinNeutral } from "./helpers.js";
import { loadCloudFormation } from "../../src/cloudformation/index.js";

const YAML = `${FIXTURES}/intrinsics/batch-transform-stack.yaml`;
const JSON_TWIN = `${FIXTURES}/intrinsics/batch-transform-stack.json`;

describe("intrinsic functions", () => {
  const result = load([YAML]);

  it("resolves Ref to a parameter's default, at the Ref's range", () => {
    const vpc = resource(result, "Vpc");
    expect(prop(vpc, "CidrBlock")).toMatchObject({ kind: "string", value: "10.20.0.0/16" });
    // `!Ref VpcCidr` on line 49, from column 18 to the end of the line.
    expect(at(prop(vpc, "CidrBlock"))).toEqual([49, 18, 49, 30]);
  });

  it("keeps Ref and GetAtt to resources as references, noting what Ref returns", () => {
    const subnet = resource(result, "PrivateSubnetA");
    expect(json(subnet, "VpcId")).toEqual({ $ref: "Vpc" });
    expect(prop(subnet, "VpcId")).toMatchObject({
      kind: "unknown",
      reason: "COMPUTED",
      refs: [{ resource: `${YAML}#Vpc` }],
      detail: "Ref Vpc returns its VpcId (AWS::EC2::VPC), set when the stack is deployed.",
    });
    expect(json(resource(result, "ScoringJob"), "ModelName")).toEqual({ $ref: "ScoringModel.ModelName" });
    expect(resource(result, "ScoringModel").refReturns).toBe("ModelArn");
  });

  it("resolves an attribute that mirrors a property to the property's value", () => {
    // !GetAtt PrivateSubnetA.VpcId is the subnet's VpcId property, itself a reference to the VPC.
    const sg = resource(result, "SageMakerSecurityGroup");
    expect(json(sg, "VpcId")).toEqual({ $ref: "Vpc" });
    expect(at(prop(sg, "VpcId"))).toEqual([97, 14, 97, 42]);
  });

  it("computes exact CIDRs with Fn::Cidr and Fn::Select over a mirrored VPC CidrBlock", () => {
    expect(prop(resource(result, "PrivateSubnetA"), "CidrBlock")).toMatchObject({
      kind: "string",
      value: "10.20.0.0/24",
    });
    expect(at(prop(resource(result, "PrivateSubnetA"), "CidrBlock"))).toEqual([57, 18, 57, 66]);
    expect(prop(resource(result, "PrivateSubnetB"), "CidrBlock")).toMatchObject({
      kind: "string",
      value: "10.20.1.0/24",
    });
  });

  it("keeps the prefix length of Fn::Cidr blocks when the base block is unknown", () => {
    const text = `Resources:
  V: {Type: AWS::EC2::VPC, Properties: {Ipv4IpamPoolId: ipam-pool-0abc, Ipv4NetmaskLength: 20}}
  S: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V, CidrBlock: !Select [2, !Cidr [!GetAtt V.CidrBlock, 4, 6]]}}
`;
    const r = loadCloudFormation([{ path: "t.yaml", text }]);
    expect(prop(resource(r, "S"), "CidrBlock")).toMatchObject({
      kind: "unknown",
      reason: "COMPUTED",
      suffix: "/26",
      refs: [{ resource: "t.yaml#V", attribute: "CidrBlock" }],
    });
  });

  it("joins, splits, substitutes (both forms, with ${!Literal} escapes) and selects", () => {
    expect(json(resource(result, "PrivateSubnetA"), "Tags", 0, "Value")).toBe("prod-private-a");
    expect(json(resource(result, "PrivateSubnetB"), "Tags", 0, "Value")).toBe("prod-private-b");
    const job = resource(result, "ScoringJob");
    expect(json(job, "TransformInput", "DataSource", "S3DataSource", "S3Uri")).toBe("s3://ml-batch-data/input/");
    expect(json(job, "TransformOutput", "S3OutputPath")).toBe("s3://ml-batch-data/output/");
    expect(at(prop(job, "TransformOutput", "S3OutputPath"))).toEqual([144, 23, 144, 77]);
    expect(json(job, "Environment", "PREFIX_LENGTH")).toBe("16");
    expect(json(resource(result, "SageMakerSecurityGroup"), "GroupDescription")).toMatchObject({
      $unknown: "COMPUTED",
      refs: ["Vpc"],
      prefix: "SageMaker batch transform in ",
      suffix: " (literal ${NotAVariable})",
    });
  });

  it("keeps known literal parts around unknown pseudo-parameters, and uses them when given", () => {
    expect(json(resource(result, "S3Endpoint"), "ServiceName")).toMatchObject({
      $unknown: "DATA_SOURCE",
      prefix: "com.amazonaws.",
      suffix: ".s3",
    });
    expect(json(resource(result, "SageMakerRole"), "ManagedPolicyArns", 0)).toMatchObject({
      $unknown: "DATA_SOURCE",
      prefix: "arn:",
      suffix: ":iam::aws:policy/AmazonSageMakerFullAccess",
    });
    const given = load([YAML], { region: "cn-north-1" });
    expect(json(resource(given, "S3Endpoint"), "ServiceName")).toBe("com.amazonaws.cn-north-1.s3");
    // The partition follows from the Region.
    expect(json(resource(given, "SageMakerRole"), "ManagedPolicyArns", 0)).toBe(
      "arn:aws-cn:iam::aws:policy/AmazonSageMakerFullAccess",
    );
    expect(json(resource(given, "PrivateSubnetA"), "AvailabilityZone")).toMatchObject({
      $unknown: "DATA_SOURCE",
      detail: "The Availability Zones of cn-north-1 depend on the account.",
    });
  });

  it("reads FindInMap, Length, Base64 and ToJsonString", () => {
    const job = resource(result, "ScoringJob");
    expect(json(job, "TransformResources")).toEqual({ InstanceType: "ml.m5.xlarge", InstanceCount: 2 });
    expect(at(prop(job, "TransformResources", "InstanceCount"))).toEqual([147, 24, 147, 75]);
    expect(json(job, "Environment", "SUBNET_COUNT")).toBe(2);
    expect(json(job, "Environment", "ENCODED")).toBe("YmF0Y2g=");
    const withImage = load([YAML], {
      parameters: { ImageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/scoring:1" },
    });
    const config = prop(resource(withImage, "ScoringJob"), "Environment", "CONFIG");
    expect(config).toMatchObject({ kind: "string", value: '{"retries":3,"mode":"strict"}' });
    expect(config.kind === "string" && config.encodes?.kind).toBe("object");
  });

  it("makes SSM parameter types and dynamic references Unknown (IMPORT)", () => {
    const model = resource(result, "ScoringModel");
    expect(json(model, "PrimaryContainer", "Environment", "AMI")).toMatchObject({ $unknown: "IMPORT" });
    expect(json(model, "PrimaryContainer", "Environment", "API_KEY")).toMatchObject({
      $unknown: "IMPORT",
      detail:
        "The dynamic reference {{resolve:secretsmanager:scoring/api-key:SecretString:key}} is read from the Secrets Manager secret scoring/api-key when the stack is deployed.",
    });
    expect(json(model, "PrimaryContainer", "Image")).toMatchObject({ $unknown: "VAR_NO_DEFAULT" });
  });

  it("resolves the YAML template and its JSON twin to the same resources", () => {
    expect(twinNeutral(load([JSON_TWIN]))).toEqual(twinNeutral(result));
  });
});

describe("conditions", () => {
  const result = load([YAML]);

  it("evaluates Equals, Not, And, Or and Condition", () => {
    expect(resource(result, "ScoringJob").condition).toMatchObject({ name: "ProdOrDev", value: true });
    expect(resource(result, "ScoringJob").exists).toBe(true);
    expect(resource(result, "DevOnlyBucket")).toMatchObject({
      condition: { name: "IsDev", value: false },
      exists: false,
    });
    expect(resource(result, "ScoringModel")).toMatchObject({
      condition: { name: "HasImage", value: "unknown" },
      exists: "unknown",
    });
  });

  it("decides an Equals on an unknown parameter from its AllowedValues", () => {
    // ShareEndpointWithPublicSubnets has no default, but `maybe` is not among its AllowedValues.
    expect(resource(result, "PublicRouteTable")).toMatchObject({
      condition: { name: "ShareMaybe", value: false },
      exists: false,
    });
  });

  it("picks Fn::If's branch, and removes a property set to AWS::NoValue", () => {
    expect(json(resource(result, "ScoringModel"), "EnableNetworkIsolation")).toBe(true);
    // The chosen branch is written in the resource: it keeps its own range, the `true` inside the `!If`.
    expect(at(prop(resource(result, "ScoringModel"), "EnableNetworkIsolation"))).toEqual([124, 44, 124, 48]);
    const dev = load([YAML], { parameters: { Environment: "dev" } });
    expect(resource(dev, "ScoringModel").properties.entries.map((e) => e.key)).toEqual([
      "ExecutionRoleArn",
      "PrimaryContainer",
      "VpcConfig",
    ]);
    expect(resource(dev, "DevOnlyBucket").exists).toBe(true);
    expect(json(resource(dev, "ScoringJob"), "TransformResources", "InstanceType")).toBe("ml.m5.large");
  });

  it("keeps both branches' references when Fn::If's condition is unknown", () => {
    expect(json(resource(result, "S3Endpoint"), "RouteTableIds")).toEqual({
      $unknown: "VAR_NO_DEFAULT",
      detail:
        "Depends on condition SharePublic, which cannot be decided: Parameter ShareEndpointWithPublicSubnets has no default and no value was given.",
      refs: ["PrivateRouteTable", "PublicRouteTable"],
    });
    const decided = load([YAML], { parameters: { ShareEndpointWithPublicSubnets: "no" } });
    expect(json(resource(decided, "S3Endpoint"), "RouteTableIds")).toEqual([{ $ref: "PrivateRouteTable" }]);
  });
});
