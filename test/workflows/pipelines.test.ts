import { describe, expect, it } from "vitest";
import { workflowSteps } from "../../src/workflows/index.js";
import { rangeAt, lineStarts } from "../../src/core/range.js";
import { str } from "../../src/core/value.js";
import { fixture, lineColumn, loadValue, sliceOf, startOf } from "./helpers.js";

const ID = "aws_sagemaker_pipeline.batch";

describe("a SageMaker Pipeline definition (fixture batch-inference.pipeline.json)", () => {
  const { file, text } = fixture("batch-inference.pipeline.json");
  const result = workflowSteps({
    resourceId: ID,
    resourceName: ID,
    kind: "pipeline",
    definition: loadValue(text, file),
  });
  const model = result.models[0]!;
  const job = result.jobs[0]!;

  it("finds the Model step and the Transform step inside the Condition step", () => {
    expect(result.notes).toEqual([]);
    expect(result.models.map((m) => [m.id, m.origin, m.operation])).toEqual([
      [`${ID}#ChurnModel`, "pipeline", "Model"],
    ]);
    expect(result.jobs.map((j) => [j.id, j.origin, j.operation])).toEqual([
      [`${ID}#ChurnTransform`, "pipeline", "Transform"],
    ]);
    expect(sliceOf(text, job.nameRange)).toBe('"ChurnTransform"');
    expect(sliceOf(text, model.range).startsWith('{\n      "Name": "ChurnModel"')).toBe(true);
  });

  it("reads the Model step's VpcConfig with exact ranges; its name is generated", () => {
    expect(model.modelName).toBeUndefined();
    expect(sliceOf(text, model.vpcConfig?.keyRange)).toBe('"VpcConfig"');
    expect(sliceOf(text, model.vpcConfig?.subnets?.value.range)).toBe(
      '["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]',
    );
    expect(model.enableNetworkIsolation).toBeUndefined();
  });

  it("resolves Get Parameters through DefaultValue, at the Get expression", () => {
    expect(model.modelDataUrl?.value).toMatchObject({ kind: "string", value: "s3://churn-models/latest/model.tar.gz" });
    expect(sliceOf(text, model.modelDataUrl?.value.range)).toBe('{ "Get": "Parameters.ModelDataUrl" }');
    expect(job.instanceCount?.value).toMatchObject({ kind: "number", value: 3 });
    expect(sliceOf(text, job.instanceCount?.value.range)).toBe('{ "Get": "Parameters.TransformInstanceCount" }');
    expect(startOf(job.instanceCount?.value.range)).toEqual(
      lineColumn(text, '{ "Get": "Parameters.TransformInstanceCount" }'),
    );
    expect(sliceOf(text, job.instanceCount?.keyRange)).toBe('"InstanceCount"');
    expect(job.instanceType?.value).toMatchObject({ kind: "string", value: "ml.m5.xlarge" });
  });

  it("makes a parameter without default DYNAMIC", () => {
    expect(job.inputS3Uri?.value).toMatchObject({ kind: "unknown", reason: "DYNAMIC" });
    expect(job.inputS3Uri?.value.kind === "unknown" && job.inputS3Uri.value.detail).toMatch(
      /InputDataUri has no DefaultValue/,
    );
    expect(sliceOf(text, job.inputS3Uri?.value.range)).toBe('{ "Get": "Parameters.InputDataUri" }');
  });

  it("links Get Steps.X.ModelName to the model step by reference", () => {
    expect(job.modelName?.value).toMatchObject({
      kind: "unknown",
      reason: "COMPUTED",
      refs: [{ resource: `${ID}#ChurnModel`, attribute: "ModelName" }],
    });
    expect(sliceOf(text, job.modelName?.value.range)).toBe('{ "Get": "Steps.ChurnModel.ModelName" }');
  });

  it("makes pipeline functions DYNAMIC", () => {
    expect(job.outputS3Path?.value).toMatchObject({ kind: "unknown", reason: "DYNAMIC" });
    expect(sliceOf(text, job.outputS3Path?.value.range)?.startsWith('{ "Std:Join"')).toBe(true);
  });
});

describe("pipeline edge cases", () => {
  const definition = {
    Version: "2020-12-01",
    Parameters: [{ Name: "Count", Type: "Integer" }],
    Steps: [
      {
        Name: "M",
        Type: "Model",
        Arguments: { ExecutionRoleArn: "arn:aws:iam::1:role/r", PrimaryContainer: { Image: "i" } },
      },
      {
        Name: "T",
        Type: "Transform",
        Arguments: {
          ModelName: { Get: "Steps.M.Properties.ModelName" },
          TransformResources: { InstanceCount: { Get: "Parameters.Count" }, InstanceType: "ml.m5.large" },
          TransformOutput: { S3OutputPath: { Get: "Steps.Missing.Foo" } },
          TransformInput: { DataSource: { S3DataSource: { S3Uri: { Get: "Parameters.Undeclared" } } } },
        },
      },
      { Name: "Register", Type: "RegisterModel", Arguments: {} },
    ],
  };

  it("reads a PipelineDefinitionBody-style JSON string, Properties-prefixed step paths and missing parameters", () => {
    const text = JSON.stringify(definition, null, 2);
    const file = "template.yaml";
    const result = workflowSteps({
      resourceId: "template.yaml#Pipeline",
      resourceName: "Pipeline",
      kind: "pipeline",
      definition: str(text, rangeAt(file, lineStarts(text), 0, text.length)),
    });
    expect(result.models.map((m) => m.name)).toEqual(["M"]);
    expect(result.models[0]!.vpcConfig).toBeUndefined();
    const job = result.jobs[0]!;
    expect(job.modelName?.value).toMatchObject({
      kind: "unknown",
      refs: [{ resource: "template.yaml#Pipeline#M", attribute: "ModelName" }],
    });
    expect(job.instanceCount?.value).toMatchObject({ kind: "unknown", reason: "DYNAMIC" });
    expect(job.outputS3Path?.value).toMatchObject({ kind: "unknown", reason: "DYNAMIC", refs: [] });
    expect(job.inputS3Uri?.value.kind === "unknown" && job.inputS3Uri.value.detail).toMatch(
      /Undeclared is not declared/,
    );
    expect(startOf(job.instanceCount?.value.range)).toEqual(
      lineColumn(text, '{\n            "Get": "Parameters.Count"'),
    );
  });
});
