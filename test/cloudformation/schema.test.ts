import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCloudFormation } from "../../src/cloudformation/index.js";
import { closestName, schemaTypes } from "../../src/cloudformation/schema.js";
import { MAX_BRANCH_VARIANTS } from "../../src/cloudformation/branches.js";
import { FIXTURES, load, ROOT } from "./helpers.js";
// @ts-expect-error -- a plain ESM build script without type declarations
import { generateSchemas, HAND_WRITTEN_MARK, RULE_TYPES, SCHEMA_DIR } from "../../scripts/cfn-schemas.mjs";

const problems = (file: string) =>
  load([file]).schemaProblems.map((p) => ({
    kind: p.kind,
    message: p.message,
    at: [p.range.start.line, p.range.start.column, p.range.end.line, p.range.end.column],
  }));

describe("SMBT018 schema validation", () => {
  it("reports misspelt, mistyped and missing properties at the exact key or value", () => {
    expect(problems(`${FIXTURES}/smbt018/fail-schema.yaml`)).toEqual([
      {
        kind: "wrong-type",
        message: "CidrBlock of AWS::EC2::Subnet PrivateSubnet must be a string, not a list.",
        at: [20, 18, 20, 32],
      },
      {
        kind: "unknown-property",
        message:
          "`VPCConfig` is not a property of AWS::SageMaker::Model ScoringModel: CloudFormation rejects it; did you mean `VpcConfig`?",
        at: [34, 7, 34, 16],
      },
      {
        kind: "missing-property",
        message:
          "TransformOutput of AWS::SageMaker::TransformJob ScoringJob lacks the required property `S3OutputPath`.",
        at: [57, 7, 57, 22],
      },
      {
        kind: "wrong-type",
        message:
          'TransformResources.InstanceCount of AWS::SageMaker::TransformJob ScoringJob must be an integer, not the string "two".',
        at: [60, 24, 60, 27],
      },
      {
        kind: "missing-property",
        message: "AWS::SageMaker::TransformJob BackfillJob lacks the required property `TransformResources`.",
        at: [65, 5, 65, 15],
      },
    ]);
  });

  it("finds the same problems in the JSON twin, at its own positions", () => {
    const json = problems(`${FIXTURES}/smbt018/fail-schema.json`);
    expect(json.map((p) => p.message)).toEqual(problems(`${FIXTURES}/smbt018/fail-schema.yaml`).map((p) => p.message));
    expect(json.map((p) => p.at)).toEqual([
      [24, 22, 26, 10],
      [45, 9, 45, 20],
      [95, 9, 95, 26],
      [99, 28, 99, 33],
      [106, 7, 106, 19],
    ]);
  });

  it("lets Unknowns satisfy any type, and accepts the scalar conversions CloudFormation does", () => {
    // BackfillModel's Subnets is a List parameter with no value; Vpc's EnableDnsSupport is "true".
    const messages = problems(`${FIXTURES}/smbt018/fail-schema.yaml`)
      .map((p) => p.message)
      .join("\n");
    expect(messages).not.toMatch(/BackfillModel|EnableDnsSupport/);
  });

  it("points at the resource's logical ID when it has no Properties", () => {
    const r = loadCloudFormation([
      { path: "t.yaml", text: "Resources:\n  Job:\n    Type: AWS::SageMaker::TransformJob\n" },
    ]);
    expect(r.schemaProblems.map((p) => [p.message, p.range.start.line, p.range.start.column])).toEqual(
      ["ModelName", "TransformInput", "TransformOutput", "TransformResources"].map((name) => [
        `AWS::SageMaker::TransformJob Job lacks the required property \`${name}\`.`,
        2,
        3,
      ]),
    );
  });

  it("reports no problem in the other fixtures", () => {
    for (const file of [
      "intrinsics/batch-transform-stack.yaml",
      "nested/parent.yaml",
      "import-export/yaml/network.yaml",
      "import-export/yaml/ml.yaml",
      "language-extensions/subnets-for-each.yaml",
      "smbt001/pass-private-vpc.yaml",
      "smbt001/fail-model-without-vpc.yaml",
      "smbt001/warn-unused-model.yaml",
    ]) {
      expect([file, load([`${FIXTURES}/${file}`]).schemaProblems]).toEqual([file, []]);
    }
    const cdk = `${FIXTURES}/cdk/cdk.out`;
    expect(load([`${cdk}/BatchScoringStack.template.json`]).schemaProblems).toEqual([]);
  });

  it("checks a SAM state machine's event sources by their Type, with the properties the SAM guide lists", () => {
    expect(problems(`${FIXTURES}/smbt018/sam-events.yaml`)).toEqual([
      {
        kind: "missing-property",
        message:
          "Events.Quarterly.Properties of AWS::Serverless::StateMachine ScoringStateMachine lacks the required property `ScheduleExpression`.",
        at: [59, 11, 59, 21],
      },
      {
        kind: "unknown-property",
        message:
          "`Schedule` is not a property of Events.Quarterly.Properties of AWS::Serverless::StateMachine ScoringStateMachine: CloudFormation rejects it.",
        at: [60, 13, 60, 21],
      },
      {
        kind: "wrong-type",
        message:
          'Events.Hourly.Type of AWS::Serverless::StateMachine ScoringStateMachine must be one of `Api`, `CloudWatchEvent`, `EventBridgeRule`, `Schedule`, `ScheduleV2`, not the string "Scheduled".',
        at: [62, 17, 62, 26],
      },
    ]);
  });

  it("lets references and other intrinsics satisfy a string inside a union (DefinitionSubstitutions, SAM policy templates)", () => {
    // cfn-lint reports nothing in either file.
    expect(problems(`${FIXTURES}/smbt018/unknowns-in-unions.yaml`)).toEqual([]);
    expect(problems(`${FIXTURES}/smbt018/unknowns-in-unions.json`)).toEqual([]);
  });

  it("validates both branches of an undecided Fn::If, each at its own location, and only branches that can be taken", () => {
    // cfn-lint: E3003 and E3002 in ScoringModel's true branch, E3002 in BackfillModel's false branch; its E3012 in
    // ProdOnlyModel is in a branch it reports itself as unreachable (W1028): IsDev is false wherever that resource exists.
    const messages = [
      "When condition IsProd is true, VpcConfig of AWS::SageMaker::Model ScoringModel lacks the required property `SecurityGroupIds`.",
      "When condition IsProd is true, `SecurityGroupIDs` is not a property of VpcConfig of AWS::SageMaker::Model ScoringModel: CloudFormation rejects it; did you mean `SecurityGroupIds`?",
      "When condition IsProd is false, `PrimaryContainers` is not a property of AWS::SageMaker::Model BackfillModel: CloudFormation rejects it; did you mean `PrimaryContainer`?",
    ];
    const kinds = ["missing-property", "unknown-property", "unknown-property"];
    const expected = (at: number[][]) => messages.map((message, i) => ({ kind: kinds[i], message, at: at[i] }));
    expect(problems(`${FIXTURES}/smbt018/if-branches.yaml`)).toEqual(
      expected([
        [22, 11, 24, 1],
        [23, 11, 23, 27],
        [34, 9, 34, 26],
      ]),
    );
    expect(problems(`${FIXTURES}/smbt018/if-branches.json`)).toEqual(
      expected([
        [41, 13, 48, 14],
        [45, 15, 45, 33],
        [69, 13, 69, 32],
      ]),
    );
  });

  it("never reports Properties: !If as lacking required properties, and checks each branch", () => {
    const r = loadCloudFormation([
      {
        path: "t.yaml",
        text: [
          "Parameters: {Stage: {Type: String}}",
          "Conditions: {IsProd: !Equals [!Ref Stage, prod]}",
          "Resources:",
          "  Subnet:",
          "    Type: AWS::EC2::Subnet",
          "    Properties: !If [IsProd, {VpcId: vpc-0a1b2c3d, CidrBlock: 10.0.0.0/24}, {CidrBlock: 10.0.1.0/24}]",
          "  Vpc:",
          "    Type: AWS::EC2::VPC",
          "    Properties: !If [IsProd, !Ref AWS::NoValue, {CidrBlock: 10.0.0.0/16}]",
          "",
        ].join("\n"),
      },
    ]);
    // cfn-lint: E3003 'VpcId' is a required property, on the Subnet's Properties.
    expect(r.schemaProblems.map((p) => [p.message, p.range.start.line, p.range.start.column])).toEqual([
      ["When condition IsProd is false, AWS::EC2::Subnet Subnet lacks the required property `VpcId`.", 6, 77],
    ]);
  });

  it("validates at most MAX_BRANCH_VARIANTS branches of one resource (a counted bound, not every combination)", () => {
    const conditions = Array.from({ length: 100 }, (_, i) => `  C${i}: !Equals [!Ref Stage, s${i}]`);
    const tags = Array.from({ length: 100 }, (_, i) => `        - !If [C${i}, {Key: k${i}}, {Key: k${i}, Value: v}]`);
    const text = [
      "Parameters: {Stage: {Type: String}}",
      "Conditions:",
      ...conditions,
      "Resources:",
      "  Vpc:",
      "    Type: AWS::EC2::VPC",
      "    Properties:",
      "      CidrBlock: 10.0.0.0/16",
      "      Tags:",
      ...tags,
      "",
    ].join("\n");
    const r = loadCloudFormation([{ path: "t.yaml", text }]);
    // Each condition takes two of the 64 variants; the true branch of each lacks the tag's Value.
    expect(MAX_BRANCH_VARIANTS).toBe(64);
    expect(r.schemaProblems.map((p) => p.message)).toEqual(
      Array.from(
        { length: MAX_BRANCH_VARIANTS / 2 },
        (_, i) =>
          `When condition C${i} is true, Tags[${i}] of AWS::EC2::VPC Vpc lacks the required property \`Value\`.`,
      ),
    );
  });

  it("checks allowed values, list lengths, number ranges and JSON-typed properties as cfn-lint does (E3030, E3032, E3034, E3012)", () => {
    const messages = [
      'PrimaryContainer.Mode of AWS::SageMaker::Model ScoringModel must be one of `SingleModel`, `MultiModel`, not the string "SingleModels".',
      "VpcConfig.SecurityGroupIds of AWS::SageMaker::Model ScoringModel must have at most 5 items, not 6.",
      "VpcConfig.Subnets of AWS::SageMaker::Model ScoringModel must have at least 1 item, not 0.",
      "AssumeRolePolicyDocument of AWS::IAM::Role ScoringRole must be an object or a string, not a list.",
      "ParallelismConfiguration.MaxParallelExecutionSteps of AWS::SageMaker::Pipeline ScoringPipeline must be at least 1, not 0.",
      'StateMachineType of AWS::StepFunctions::StateMachine ScoringMachine must be one of `STANDARD`, `EXPRESS`, not the string "BATCH".',
    ];
    const kinds = ["wrong-type", "out-of-range", "out-of-range", "wrong-type", "out-of-range", "wrong-type"];
    const expected = (at: number[][]) => messages.map((message, i) => ({ kind: kinds[i], message, at: at[i] }));
    expect(problems(`${FIXTURES}/smbt018/constraints.yaml`)).toEqual(
      expected([
        [11, 15, 11, 27],
        [15, 11, 21, 1],
        [13, 18, 13, 20],
        [26, 9, 30, 1],
        [39, 36, 39, 37],
        [45, 25, 45, 30],
      ]),
    );
    expect(problems(`${FIXTURES}/smbt018/constraints.json`)).toEqual(
      expected([
        [11, 19, 11, 33],
        [15, 31, 22, 12],
        [14, 22, 14, 24],
        [29, 37, 37, 10],
        [49, 40, 49, 41],
        [57, 29, 57, 36],
      ]),
    );
  });

  it("reports the empty Subnets list of the SMBT001 fixture, as cfn-lint does (E3032)", () => {
    expect(problems(`${FIXTURES}/smbt001/fail-empty-subnets-and-arn-ref.json`)).toEqual([
      {
        kind: "out-of-range",
        message: "VpcConfig.Subnets of AWS::SageMaker::Model ForecastModel must have at least 1 item, not 0.",
        at: [31, 22, 31, 24],
      },
    ]);
  });

  it("accepts the AWS::Serverless::StateMachine properties of AWS's SAM specification", () => {
    // AutoPublishAlias, UseAliasAsEventTarget, PropagateTags, PermissionsBoundary, RolePath, DeploymentPreference,
    // Logging with IncludeExecutionData and Level OFF without Destinations; cfn-lint reports nothing.
    expect(problems(`${FIXTURES}/smbt018/sam-state-machine.yaml`)).toEqual([]);
    expect(problems(`${FIXTURES}/smbt018/sam-state-machine.json`)).toEqual([]);
  });

  it("suggests the closest property name", () => {
    expect(closestName("VPCConfig", ["ExecutionRoleArn", "VpcConfig", "PrimaryContainer"])).toBe("VpcConfig");
    expect(closestName("SubnetIDs", ["SubnetIds", "SecurityGroupIds"])).toBe("SubnetIds");
    expect(closestName("Colour", ["VpcConfig", "Tags"])).toBeUndefined();
  });
});

describe("the committed schemas", () => {
  it("has a schema for every resource type the rules read", () => {
    expect(schemaTypes().sort()).toEqual([...RULE_TYPES].sort());
  });

  it("marks the TransformJob schema as hand-written", () => {
    const schema = JSON.parse(
      readFileSync(path.join(ROOT, "schemas/cloudformation/AWS__SageMaker__TransformJob.json"), "utf8"),
    );
    expect(schema.$comment).toContain(HAND_WRITTEN_MARK);
    expect(schema.required).toEqual(["ModelName", "TransformInput", "TransformOutput", "TransformResources"]);
  });

  it("takes AWS::Serverless::StateMachine from the recorded aws-sam-translator version", () => {
    const schema = JSON.parse(
      readFileSync(path.join(ROOT, "schemas/cloudformation/AWS__Serverless__StateMachine.json"), "utf8"),
    );
    const source = JSON.parse(readFileSync(path.join(ROOT, "schemas/sources/aws-sam-translator.json"), "utf8"));
    expect(schema.$comment).toBe(
      `generated from aws-sam-translator ${source.version} by scripts/cfn-schemas.mjs; do not edit`,
    );
    expect(Object.keys(schema.properties)).toEqual(
      Object.keys(source.types["AWS::Serverless::StateMachine"].definitions.Properties.properties),
    );
  });

  it("is what scripts/cfn-schemas.mjs generates from the installed spec (run `npm run schemas`)", async () => {
    const files: Record<string, string> = await generateSchemas();
    for (const [name, text] of Object.entries(files))
      expect([name, readFileSync(path.join(SCHEMA_DIR, name), "utf8")]).toEqual([name, text]);
  });
});
