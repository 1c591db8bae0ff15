import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCloudFormation } from "../../src/cloudformation/index.js";
import { closestName, schemaTypes } from "../../src/cloudformation/schema.js";
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
      "smbt001/fail-empty-subnets-and-arn-ref.json",
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

  it("is what scripts/cfn-schemas.mjs generates from the installed spec (run `npm run schemas`)", async () => {
    const files: Record<string, string> = await generateSchemas();
    for (const [name, text] of Object.entries(files))
      expect([name, readFileSync(path.join(SCHEMA_DIR, name), "utf8")]).toEqual([name, text]);
  });
});
