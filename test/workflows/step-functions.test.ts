import { describe, expect, it } from "vitest";
import { workflowSteps, sageMakerTaskOperation } from "../../src/workflows/index.js";
import { getPath, str, unknown, type Value } from "../../src/core/value.js";
import { fixture, lineColumn, loadValue, sliceOf, startOf } from "./helpers.js";

const ID = "fixtures/workflows/main.yaml#Scoring";

function steps(definition: Value) {
  return workflowSteps({ resourceId: ID, resourceName: "Scoring", kind: "step-functions", definition });
}

describe("Task Resource forms", () => {
  it.each([
    ["arn:aws:states:::sagemaker:createTransformJob", "createTransformJob"],
    ["arn:aws:states:::sagemaker:createTransformJob.sync", "createTransformJob"],
    ["arn:aws:states:::sagemaker:createTransformJob.waitForTaskToken", "createTransformJob"],
    ["arn:aws:states:::aws-sdk:sagemaker:createTransformJob", "createTransformJob"],
    ["arn:aws-us-gov:states:::sagemaker:createTransformJob.sync", "createTransformJob"],
    ["arn:aws-cn:states:::sagemaker:createModel", "createModel"],
    ["arn:aws:states:::aws-sdk:sagemaker:createModel", "createModel"],
    ["arn:aws:states:::sagemaker:createTrainingJob.sync", undefined],
    ["arn:aws:states:::aws-sdk:sagemaker:createTransformJobs", undefined],
    ["arn:aws:states:::lambda:invoke", undefined],
  ])("%s → %s", (arn, operation) => {
    expect(sageMakerTaskOperation(str(arn))).toBe(operation);
  });

  it("matches an Unknown Resource on its known suffix or prefix", () => {
    const partition = unknown("DATA_SOURCE", "partition", {
      prefix: "arn:",
      suffix: ":states:::sagemaker:createTransformJob.sync",
    });
    expect(sageMakerTaskOperation(partition)).toBe("createTransformJob");
    const pattern = unknown("VAR_NO_DEFAULT", "pattern", { prefix: "arn:aws:states:::aws-sdk:sagemaker:createModel" });
    expect(sageMakerTaskOperation(pattern)).toBe("createModel");
    expect(sageMakerTaskOperation(unknown("VAR_NO_DEFAULT", "anything"))).toBeUndefined();
  });
});

describe("a JSONPath state machine (fixture batch-scoring.asl.json)", () => {
  const { file, text } = fixture("batch-scoring.asl.json");
  const result = steps(loadValue(text, file));

  it("finds the createModel task and both transform tasks, nested in Parallel and Map", () => {
    expect(result.models.map((m) => m.name)).toEqual(["Create model"]);
    expect(result.jobs.map((j) => j.name)).toEqual(["Score/Score today", "Score/Backfill/Score partition"]);
    expect(result.jobs.map((j) => j.id)).toEqual([`${ID}#Score/Score today`, `${ID}#Score/Backfill/Score partition`]);
    expect(result.jobs.every((j) => j.origin === "step-functions" && j.resourceId === ID)).toBe(true);
    expect(result.notes).toEqual([]);
  });

  it("reads the model's VpcConfig, role and isolation with exact ranges", () => {
    const model = result.models[0]!;
    expect(model.modelName?.value).toMatchObject({ kind: "string", value: "churn-scoring" });
    expect(startOf(model.modelName?.keyRange)).toEqual(lineColumn(text, '"ModelName": "churn-scoring"'));
    expect(sliceOf(text, model.vpcConfig?.keyRange)).toBe('"VpcConfig"');
    expect(startOf(model.vpcConfig?.keyRange)).toEqual({ line: 15, column: 9 });
    const subnets = model.vpcConfig?.subnets?.value;
    expect(subnets?.kind === "list" && subnets.items.map((s) => s.kind === "string" && s.value)).toEqual([
      "subnet-0a1b2c3d4e5f60001",
      "subnet-0a1b2c3d4e5f60002",
    ]);
    expect(sliceOf(text, subnets?.range)).toBe('["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]');
    expect(sliceOf(text, model.vpcConfig?.securityGroupIds?.value.range)).toBe('["sg-0123456789abcdef0"]');
    expect(model.enableNetworkIsolation?.value).toMatchObject({ kind: "bool", value: true });
    expect(model.executionRoleArn?.value).toMatchObject({
      value: "arn:aws:iam::123456789012:role/sagemaker-execution",
    });
    // `ModelDataUrl.$` is set at run time: DYNAMIC, at the whole entry.
    expect(model.modelDataUrl?.value).toMatchObject({ kind: "unknown", reason: "DYNAMIC" });
    expect(sliceOf(text, model.modelDataUrl?.value.range)).toBe('"ModelDataUrl.$": "$.modelArtifact"');
  });

  it("gives the task its state object's range and the state name's key range", () => {
    const model = result.models[0]!;
    expect(sliceOf(text, model.nameRange)).toBe('"Create model"');
    expect(
      sliceOf(text, model.range).startsWith(
        '{\n      "Type": "Task",\n      "Resource": "arn:aws:states:::sagemaker:createModel"',
      ),
    ).toBe(true);
    expect(startOf(model.range)).toEqual({ line: 5, column: 21 });
  });

  it("reads the .sync job: literal ModelName linked to the createModel task, instance count, KMS", () => {
    const job = result.jobs[0]!;
    expect(job.operation).toBe("arn:aws:states:::sagemaker:createTransformJob.sync");
    expect(job.modelName?.value).toMatchObject({ kind: "string", value: "churn-scoring" });
    expect(job.modelStepId).toBe(`${ID}#Create model`);
    expect(job.instanceCount?.value).toMatchObject({ kind: "number", value: 2 });
    expect(sliceOf(text, job.instanceCount?.keyRange)).toBe('"InstanceCount"');
    expect(startOf(job.instanceCount?.value.range)).toEqual({ line: 49, column: 58 });
    expect(job.outputKmsKeyId?.value).toMatchObject({ kind: "string" });
    expect(job.volumeKmsKeyId).toBeUndefined();
    expect(job.outputS3Path?.value).toMatchObject({ value: "s3://churn-data/output/today/" });
    expect(job.inputS3Uri?.value).toMatchObject({ value: "s3://churn-data/input/today/" });
    expect(job.transformJobName?.value).toMatchObject({ kind: "unknown", reason: "DYNAMIC" });
    expect(sliceOf(text, job.transformJobName?.keyRange)).toBe('"TransformJobName.$"');
    expect(sliceOf(text, job.sections.output?.keyRange)).toBe('"TransformOutput"');
    expect(sliceOf(text, job.sections.resources?.keyRange)).toBe('"TransformResources"');
  });

  it("makes `ModelName.$` DYNAMIC with the range of that entry, and never links it", () => {
    const job = result.jobs[1]!;
    expect(job.operation).toBe("arn:aws:states:::aws-sdk:sagemaker:createTransformJob");
    expect(job.modelName?.value).toMatchObject({ kind: "unknown", reason: "DYNAMIC", refs: [] });
    expect(sliceOf(text, job.modelName?.value.range)).toBe('"ModelName.$": "$.modelName"');
    expect(startOf(job.modelName?.value.range)).toEqual(lineColumn(text, '"ModelName.$"'));
    expect(job.modelStepId).toBeUndefined();
    expect(job.inputS3Uri?.value).toMatchObject({ kind: "unknown", reason: "DYNAMIC" });
    expect(job.instanceCount?.value).toMatchObject({ kind: "number", value: 1 });
  });

  it("keeps the whole normalized request for the rules", () => {
    const request = result.jobs[1]!.request;
    expect(sliceOf(text, request?.keyRange)).toBe('"Parameters"');
    expect(request?.value.kind === "object" && request.value.entries.map((e) => e.key)).toEqual([
      "TransformJobName",
      "ModelName",
      "TransformInput",
      "TransformOutput",
      "TransformResources",
    ]);
  });
});

describe("a JSONata state machine (fixture jsonata-scoring.asl.json)", () => {
  const { file, text } = fixture("jsonata-scoring.asl.json");
  const result = steps(loadValue(text, file));

  it("reads Arguments, in the aws-us-gov partition and through a legacy Map Iterator", () => {
    expect(result.models.map((m) => m.name)).toEqual(["Create model"]);
    expect(result.jobs.map((j) => j.name)).toEqual(["Each region/Transform"]);
  });

  it("turns {% %} strings into DYNAMIC Unknowns at the string", () => {
    const model = result.models[0]!;
    expect(model.modelName?.value).toMatchObject({ kind: "unknown", reason: "DYNAMIC" });
    expect(sliceOf(text, model.modelName?.value.range)).toBe(`"{% 'weekly-' & $states.input.version %}"`);
    // A DYNAMIC VpcConfig: present, with Unknown subnets and groups (never "missing").
    expect(sliceOf(text, model.vpcConfig?.keyRange)).toBe('"VpcConfig"');
    expect(model.vpcConfig?.block).toMatchObject({ kind: "unknown", reason: "DYNAMIC" });
    expect(model.vpcConfig?.subnets).toBeUndefined();
    expect(model.containers).toHaveLength(1);
    expect(model.modelDataUrl?.value).toMatchObject({ kind: "string", value: "s3://weekly-models/model.tar.gz" });
    const job = result.jobs[0]!;
    expect(job.instanceCount?.value).toMatchObject({ kind: "unknown", reason: "DYNAMIC" });
    expect(startOf(job.instanceCount?.value.range)).toEqual(lineColumn(text, `"{% $states.input.instances %}"`));
    expect(job.modelName?.value).toMatchObject({ kind: "string", value: "weekly-scoring" });
    // The model's name is a JSONata expression: no literal match, no link.
    expect(job.modelStepId).toBeUndefined();
  });
});

describe("edge cases", () => {
  it("notes a SageMaker task without a request, and ignores other tasks", () => {
    const definition = loadValue(
      JSON.stringify({
        StartAt: "A",
        States: {
          A: { Type: "Task", Resource: "arn:aws:states:::sagemaker:createTransformJob.sync", Next: "B" },
          B: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "f" }, End: true },
        },
      }),
      "sm.json",
    );
    const result = steps(definition);
    expect(result.jobs).toHaveLength(1);
    expect(result.jobs[0]!.modelName).toBeUndefined();
    expect(result.notes.map((n) => n.message)).toEqual([
      'Scoring: The createTransformJob task "A" has no Parameters or Arguments.',
    ]);
  });

  it("notes a task whose Resource is unknown but whose request looks like a transform job", () => {
    const definition = loadValue(
      JSON.stringify({
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: "x",
            Parameters: { ModelName: "m", TransformInput: {}, TransformResources: {} },
            End: true,
          },
        },
      }),
      "sm.json",
    );
    const state = getPath(definition, ["States", "T"]);
    const resource = state?.kind === "object" ? state.entries.find((e) => e.key === "Resource") : undefined;
    resource!.value = unknown("VAR_NO_DEFAULT", "var.task_arn has no default.");
    const result = steps(definition);
    expect(result.jobs).toEqual([]);
    expect(result.notes.map((n) => n.message)).toEqual([
      'Scoring: The task "T" looks like a transform job, but its Resource cannot be determined statically (var.task_arn has no default); it is not checked.',
    ]);
  });

  it("stops at the nesting limit with a note", () => {
    let states: unknown = {
      Leaf: { Type: "Task", Resource: "arn:aws:states:::sagemaker:createModel", Parameters: {}, End: true },
    };
    for (let i = 0; i < 60; i++)
      states = { [`P${i}`]: { Type: "Parallel", Branches: [{ StartAt: "x", States: states }], End: true } };
    const result = steps(loadValue(JSON.stringify({ StartAt: "P59", States: states }), "deep.json"));
    expect(result.models).toEqual([]);
    expect(result.notes).toHaveLength(1);
  });
});

describe("unknown states", () => {
  it("notes States that cannot be determined", () => {
    const definition = loadValue(
      '{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "x", "States": {}}], "End": true}}}',
      "sm.json",
    );
    const branch = getPath(definition, ["States", "P", "Branches", 0]);
    if (branch?.kind !== "object") throw new Error("object expected");
    branch.entries[1]!.value = unknown("VAR_NO_DEFAULT", "var.states has no default.");
    expect(steps(definition).notes.map((n) => n.message)).toEqual([
      'Scoring: The states inside "P" cannot be determined statically (var.states has no default); their transform jobs and models are not checked.',
    ]);
  });
});
