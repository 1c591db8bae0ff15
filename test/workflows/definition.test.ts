import { describe, expect, it } from "vitest";
import { parseHcl } from "../../src/hcl/index.js";
import { rangeAt, lineStarts, type SourceRange } from "../../src/core/range.js";
import { getPath, str, unknown, obj, type StringValue } from "../../src/core/value.js";
import { definitionValue, workflowSteps } from "../../src/workflows/index.js";
import { fixture, lineColumn, loadValue, sliceOf, startOf } from "./helpers.js";

/** The string value of a Terraform heredoc attribute as the evaluator gives it: the literal, at the whole template's range. */
function heredocAttribute(text: string, file: string, name: string): StringValue {
  const parsed = parseHcl(text, file);
  const attribute = parsed.body.blocks[0]!.body.attributes.find((a) => a.name === name)!;
  const expr = attribute.expr;
  if (expr.type !== "Template") throw new Error("not a template");
  const value = expr.parts.map((p) => (p.type === "TemplateLiteral" ? p.value : "")).join("");
  return str(value, rangeAt(file, lineStarts(text), expr.range.start, expr.range.end));
}

const MACHINE = `{
  "StartAt": "Transform",
  "States": {
    "Transform": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
      "Parameters": {
        "ModelName": "churn",
        "TransformInput": { "DataSource": { "S3DataSource": { "S3DataType": "S3Prefix", "S3Uri": "s3://d/in/" } } },
        "TransformOutput": { "S3OutputPath": "s3://d/out/" },
        "TransformResources": { "InstanceCount": 4, "InstanceType": "ml.m5.large" }
      },
      "End": true
    }
  }
}
`;

describe("definition strings", () => {
  it("maps a heredoc's JSON onto the .tf file exactly", () => {
    const file = "infra/sfn.tf";
    const tf = `resource "aws_sfn_state_machine" "scoring" {\n  name       = "scoring"\n  definition = <<EOF\n${MACHINE}EOF\n}\n`;
    const definition = heredocAttribute(tf, file, "definition");
    const result = workflowSteps({
      resourceId: "aws_sfn_state_machine.scoring",
      resourceName: "aws_sfn_state_machine.scoring",
      kind: "step-functions",
      definition,
      readSource: (f) => (f === file ? tf : undefined),
    });
    const job = result.jobs[0]!;
    expect(job.range?.file).toBe(file);
    expect(sliceOf(tf, job.nameRange)).toBe('"Transform"');
    expect(startOf(job.instanceCount?.value.range)).toEqual(lineColumn(tf, "4, "));
    expect(startOf(job.instanceCount?.value.range)).toEqual({ line: 14, column: 50 });
    expect(sliceOf(tf, job.modelName?.keyRange)).toBe('"ModelName"');
    expect(sliceOf(tf, job.modelName?.value.range)).toBe('"churn"');
  });

  it("maps an indented heredoc (<<-) line by line", () => {
    const file = "infra/sfn.tf";
    const indented = MACHINE.split("\n")
      .map((l) => (l ? `    ${l}` : l))
      .join("\n");
    const tf = `resource "aws_sfn_state_machine" "scoring" {\n  definition = <<-EOF\n${indented}  EOF\n}\n`;
    const definition = heredocAttribute(tf, file, "definition");
    expect(definition.value).toBe(MACHINE);
    const result = workflowSteps({
      resourceId: "r",
      resourceName: "r",
      kind: "step-functions",
      definition,
      readSource: () => tf,
    });
    const job = result.jobs[0]!;
    expect(sliceOf(tf, job.instanceCount?.value.range)).toBe("4");
    expect(startOf(job.instanceCount?.value.range)).toEqual(lineColumn(tf, "4, "));
    expect(sliceOf(tf, job.range).startsWith('{\n          "Type": "Task"')).toBe(true);
  });

  it("maps a CloudFormation YAML block scalar DefinitionString line by line", () => {
    const file = "stack.yaml";
    const yaml = `Resources:\n  Scoring:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: |\n${MACHINE.split(
      "\n",
    )
      .map((l) => (l ? `        ${l}` : l))
      .join("\n")}`;
    const value = getPath(loadValue(yaml, file), ["Resources", "Scoring", "Properties", "DefinitionString"]);
    expect(value?.kind).toBe("string");
    const result = workflowSteps({
      resourceId: "stack.yaml#Scoring",
      resourceName: "Scoring",
      kind: "step-functions",
      definition: value!,
      readSource: () => yaml,
    });
    const job = result.jobs[0]!;
    expect(sliceOf(yaml, job.modelName?.value.range)).toBe('"churn"');
    expect(startOf(job.modelName?.value.range)).toEqual(lineColumn(yaml, '"churn"'));
  });

  it("maps a file() result (range = the whole file) without the file's text", () => {
    const file = "infra/scoring.asl.json";
    const whole: SourceRange = rangeAt(file, lineStarts(MACHINE), 0, MACHINE.length);
    const result = workflowSteps({
      resourceId: "r",
      resourceName: "r",
      kind: "step-functions",
      definition: str(MACHINE, whole),
    });
    expect(startOf(result.jobs[0]!.instanceCount?.value.range)).toEqual(lineColumn(MACHINE, "4, "));
    expect(result.jobs[0]!.instanceCount?.value.range?.file).toBe(file);
  });

  it("falls back to the string's own range when the text is not verbatim in the file", () => {
    const file = "main.tf";
    const range = rangeAt(file, [0], 10, 20);
    const result = workflowSteps({
      resourceId: "r",
      resourceName: "r",
      kind: "step-functions",
      definition: str(MACHINE, range),
      readSource: () => "x".repeat(100),
    });
    const job = result.jobs[0]!;
    expect(job.instanceCount?.value).toMatchObject({ kind: "number", value: 4, range });
    expect(job.range).toEqual(range);
  });

  it("prefers a jsonencode'd string's encoded value and its ranges", () => {
    const { file, text } = fixture("batch-scoring.asl.json");
    const encoded = loadValue(text, file);
    const range = rangeAt("main.tf", [0], 0, 5);
    const definition: StringValue = { kind: "string", value: "{}", range, encodes: encoded };
    const result = workflowSteps({ resourceId: "r", resourceName: "r", kind: "step-functions", definition });
    expect(result.jobs).toHaveLength(2);
    expect(result.jobs[0]!.range?.file).toBe(file);
  });

  it("notes a definition that does not parse, at the problem when the text is verbatim", () => {
    const file = "bad.asl.json";
    const text = '{\n  "StartAt": "A",\n  "States": {\n}';
    const result = workflowSteps({
      resourceId: "r",
      resourceName: "sm",
      kind: "step-functions",
      definition: str(text, rangeAt(file, lineStarts(text), 0, text.length)),
    });
    expect(result.jobs).toEqual([]);
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]!.message).toMatch(/^sm: The state machine definition does not parse as JSON/);
    expect(result.notes[0]!.range?.file).toBe(file);
  });

  it("reports S3-located definitions as EXTERNAL_FILE notes", () => {
    const at = rangeAt("main.tf", [0], 3, 9);
    const result = workflowSteps({
      resourceId: "p",
      resourceName: "aws_sagemaker_pipeline.p",
      kind: "pipeline",
      definition: unknown("EXTERNAL_FILE", "The pipeline definition is stored in Amazon S3, outside the scan.", {
        range: at,
      }),
    });
    expect(result.notes).toEqual([
      {
        range: at,
        message:
          "aws_sagemaker_pipeline.p: The pipeline definition is not in the scan (The pipeline definition is stored in Amazon S3, outside the scan); its transform jobs and models are not checked.",
      },
    ]);
    const direct = definitionValue(unknown("EXTERNAL_FILE", "s3"));
    expect(direct.ok).toBe(false);
  });
});

describe("DefinitionSubstitutions", () => {
  const { file, text } = fixture("substitutions/scoring.asl.tmpl");
  const modelRef = unknown("COMPUTED", "The ModelName of Model is set when the stack is created.", {
    refs: [{ resource: "stack.yaml#Model", attribute: "ModelName" }],
  });
  const substitutions = obj([
    { key: "Count", value: { kind: "number", value: 3 } },
    { key: "DataBucket", value: str("churn-data") },
    { key: "ModelName", value: modelRef },
    { key: "AWS::Partition", value: unknown("DATA_SOURCE", "The partition is not known.") },
  ]);
  const definition = str(text, rangeAt(file, lineStarts(text), 0, text.length));
  const result = workflowSteps({
    resourceId: "stack.yaml#Scoring",
    resourceName: "Scoring",
    kind: "step-functions",
    definition,
    substitutions,
    readSource: () => text,
  });
  const job = result.jobs[0]!;

  it("substitutes before parsing, also in number positions", () => {
    expect(result.notes).toEqual([]);
    expect(job.instanceCount?.value).toMatchObject({ kind: "number", value: 3 });
    // The number's range is the placeholder `${Count}` in the file.
    expect(sliceOf(text, job.instanceCount?.value.range)).toBe("${Count}");
    expect(startOf(job.instanceCount?.value.range)).toEqual(lineColumn(text, "${Count}", 1));
    expect(sliceOf(text, job.instanceCount?.keyRange)).toBe('"InstanceCount"');
  });

  it("keeps exact ranges after a substitution changed the text's length", () => {
    expect(job.outputS3Path?.value).toMatchObject({ kind: "string", value: "s3://churn-data/out/" });
    expect(sliceOf(text, job.outputS3Path?.value.range)).toBe('"s3://${DataBucket}/out/"');
    expect(sliceOf(text, job.range).startsWith('{\n      "Type": "Task"')).toBe(true);
  });

  it("keeps a reference substituted for a whole string, and the known ends of a partly unknown one", () => {
    expect(job.modelName?.value).toMatchObject({
      kind: "unknown",
      reason: "COMPUTED",
      refs: [{ resource: "stack.yaml#Model", attribute: "ModelName" }],
    });
    expect(sliceOf(text, job.modelName?.value.range)).toBe("${ModelName}");
    expect(job.operation).toBe("arn:…:states:::sagemaker:createTransformJob.sync");
  });

  it("applies substitutions to an object definition's strings", () => {
    const value = loadValue(
      '{"States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob", "Parameters": {"ModelName": "${ModelName}", "TransformOutput": {"S3OutputPath": "s3://${DataBucket}/o"}}}}}',
      "d.json",
    );
    const r = workflowSteps({
      resourceId: "x",
      resourceName: "x",
      kind: "step-functions",
      definition: value,
      substitutions,
    });
    expect(r.jobs[0]!.modelName?.value).toMatchObject({ kind: "unknown", refs: modelRef.refs });
    expect(r.jobs[0]!.outputS3Path?.value).toMatchObject({ kind: "string", value: "s3://churn-data/o" });
  });

  it("makes placeholders DYNAMIC when the substitutions themselves are unknown", () => {
    const r = workflowSteps({
      resourceId: "x",
      resourceName: "x",
      kind: "step-functions",
      definition,
      substitutions: unknown("IMPORT", "imported"),
    });
    expect(r.jobs[0]!.instanceCount?.value).toMatchObject({ kind: "unknown", reason: "DYNAMIC" });
    expect(sliceOf(text, r.jobs[0]!.instanceCount?.value.range)).toBe("${Count}");
  });
});

describe("Terraform file() and jsonencode results", () => {
  it('places a file("${path.module}/…") result in the file it read', () => {
    const { file, text } = fixture("batch-scoring.asl.json");
    const tfFile = "fixtures/workflows/main.tf";
    const call = 'file("${path.module}/batch-scoring.asl.json")';
    const tf = `resource "aws_sfn_state_machine" "s" {\n  definition = ${call}\n}\n`;
    const start = tf.indexOf(call);
    const definition = str(text, rangeAt(tfFile, lineStarts(tf), start, start + call.length));
    const sources: Record<string, string> = { [tfFile]: tf, [file]: text };
    const result = workflowSteps({
      resourceId: "s",
      resourceName: "s",
      kind: "step-functions",
      definition,
      readSource: (f) => sources[f],
    });
    const job = result.jobs[0]!;
    expect(job.range?.file).toBe(file);
    expect(startOf(job.instanceCount?.value.range)).toEqual({ line: 49, column: 58 });
    // A file whose text differs (a templatefile with variables) keeps the call's range.
    const other = workflowSteps({
      resourceId: "s",
      resourceName: "s",
      kind: "step-functions",
      definition,
      readSource: (f) => (f === tfFile ? tf : `${text} `),
    });
    expect(other.jobs[0]!.range?.file).toBe(tfFile);
  });

  it("reads the encoded value of an Unknown jsonencode result when the evaluator records it", () => {
    const { file, text } = fixture("batch-scoring.asl.json");
    const definition = {
      ...unknown("COMPUTED", "The name of aws_sagemaker_model.m.", {
        refs: [{ resource: ".:aws_sagemaker_model.m", attribute: "name" }],
      }),
      encodes: loadValue(text, file),
    };
    const result = workflowSteps({ resourceId: "s", resourceName: "s", kind: "step-functions", definition });
    expect(result.jobs).toHaveLength(2);
  });
});
