import { describe, expect, it } from "vitest";
import { workflowSteps, schedulerTargetOperation } from "../../src/workflows/index.js";
import { rangeAt, lineStarts } from "../../src/core/range.js";
import { getPath, str, unknown } from "../../src/core/value.js";
import { lineColumn, loadValue, sliceOf } from "./helpers.js";

describe("EventBridge Scheduler universal targets", () => {
  it("recognises the target ARN in any partition, also as an Unknown with a known suffix", () => {
    expect(schedulerTargetOperation(str("arn:aws:scheduler:::aws-sdk:sagemaker:createTransformJob"))).toBe(
      "createTransformJob",
    );
    expect(schedulerTargetOperation(str("arn:aws-cn:scheduler:::aws-sdk:sagemaker:createModel"))).toBe("createModel");
    expect(schedulerTargetOperation(str("arn:aws:scheduler:::aws-sdk:sagemaker:createTrainingJob"))).toBeUndefined();
    expect(
      schedulerTargetOperation(
        unknown("DATA_SOURCE", "partition", {
          prefix: "arn:",
          suffix: ":scheduler:::aws-sdk:sagemaker:createTransformJob",
        }),
      ),
    ).toBe("createTransformJob");
  });

  it("reads the CloudFormation Target's Input JSON string with exact ranges (a YAML block scalar)", () => {
    const file = "schedule.yaml";
    const yaml = [
      "Resources:",
      "  Nightly:",
      "    Type: AWS::Scheduler::Schedule",
      "    Properties:",
      "      ScheduleExpression: cron(0 2 * * ? *)",
      "      FlexibleTimeWindow: {Mode: 'OFF'}",
      "      Target:",
      "        Arn: arn:aws:scheduler:::aws-sdk:sagemaker:createTransformJob",
      "        RoleArn: arn:aws:iam::123456789012:role/scheduler",
      "        Input: |",
      "          {",
      '            "TransformJobName": "nightly",',
      '            "ModelName": "churn-scoring",',
      '            "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://d/in/"}}},',
      '            "TransformOutput": {"S3OutputPath": "s3://d/out/"},',
      '            "TransformResources": {"InstanceCount": 2, "InstanceType": "ml.m5.large"}',
      "          }",
      "",
    ].join("\n");
    const targetObject = getPath(loadValue(yaml, file), ["Resources", "Nightly", "Properties", "Target"])!;
    const result = workflowSteps({
      resourceId: "schedule.yaml#Nightly",
      resourceName: "Nightly",
      kind: "scheduler-target",
      definition: targetObject,
      readSource: () => yaml,
    });
    expect(result.notes).toEqual([]);
    const job = result.jobs[0]!;
    expect(job).toMatchObject({
      id: "schedule.yaml#Nightly#target",
      origin: "scheduler",
      name: "target",
      operation: "arn:aws:scheduler:::aws-sdk:sagemaker:createTransformJob",
    });
    expect(job.modelName?.value).toMatchObject({ kind: "string", value: "churn-scoring" });
    expect(sliceOf(yaml, job.modelName?.value.range)).toBe('"churn-scoring"');
    expect(job.instanceCount?.value).toMatchObject({ kind: "number", value: 2 });
    const at = job.instanceCount?.value.range;
    expect(at && { line: at.start.line, column: at.start.column }).toEqual(lineColumn(yaml, "2, "));
    expect(sliceOf(yaml, job.request?.keyRange)).toBe("Input");
  });

  it("reads a Terraform target (arn/input) whose input is a jsonencode string", () => {
    const file = "main.tf";
    const requestText = '{"ModelName": "m", "TransformResources": {"InstanceCount": 5}}';
    const encoded = loadValue(requestText, "main.tf");
    const target = loadValue(
      '{"arn": "arn:aws:scheduler:::aws-sdk:sagemaker:createTransformJob", "role_arn": "r"}',
      file,
    );
    if (target.kind !== "object") throw new Error("object expected");
    target.entries.push({
      key: "input",
      value: {
        kind: "string",
        value: requestText,
        encodes: encoded,
        range: rangeAt(file, lineStarts(requestText), 0, 1),
      },
    });
    const result = workflowSteps({
      resourceId: "aws_scheduler_schedule.nightly",
      resourceName: "aws_scheduler_schedule.nightly",
      kind: "scheduler-target",
      definition: target,
    });
    expect(result.jobs[0]!.instanceCount?.value).toMatchObject({ kind: "number", value: 5 });
    expect(result.jobs[0]!.modelName?.value).toMatchObject({ value: "m" });
  });

  it("ignores other targets, and notes a SageMaker target whose input is unknown", () => {
    const other = loadValue('{"Arn": "arn:aws:lambda:eu-west-1:1:function:f", "Input": "{}"}', "s.yaml");
    expect(workflowSteps({ resourceId: "s", resourceName: "s", kind: "scheduler-target", definition: other })).toEqual({
      jobs: [],
      models: [],
      notes: [],
    });
    const target = loadValue('{"Arn": "arn:aws:scheduler:::aws-sdk:sagemaker:createTransformJob"}', "s.yaml");
    if (target.kind !== "object") throw new Error("object expected");
    target.entries.push({ key: "Input", value: unknown("VAR_NO_DEFAULT", "var.request has no default.") });
    const result = workflowSteps({ resourceId: "s", resourceName: "s", kind: "scheduler-target", definition: target });
    expect(result.jobs[0]!.modelName?.value).toMatchObject({ kind: "unknown", reason: "VAR_NO_DEFAULT" });
    expect(result.notes[0]!.message).toMatch(/^s: The schedule target input cannot be determined statically/);
  });
});
