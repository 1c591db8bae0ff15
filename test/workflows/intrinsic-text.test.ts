import { describe, expect, it } from "vitest";
import { cfnDefinitionText, workflowSteps } from "../../src/workflows/index.js";
import { getPath, num, str, unknown, type Value } from "../../src/core/value.js";
import { lineColumn, loadValue, sliceOf, startOf } from "./helpers.js";

const FILE = "stack.yaml";

/** A stand-in for the CloudFormation stage's resolver: GetAtt → reference, a few Refs known. */
function resolve(raw: Value): Value | undefined {
  const getAtt = getPath(raw, ["Fn::GetAtt"]);
  if (getAtt?.kind === "list") {
    const [resource, attribute] = getAtt.items.map((i) => (i.kind === "string" ? i.value : ""));
    return unknown("COMPUTED", `The ${attribute} of ${resource}.`, {
      refs: [{ resource: `${FILE}#${resource}`, attribute }],
    });
  }
  const ref = getPath(raw, ["Ref"]);
  if (ref?.kind === "string") {
    if (ref.value === "AWS::Region") return str("eu-west-1", raw.range);
    if (ref.value === "Count") return num(2, raw.range);
    if (ref.value === "Role")
      return unknown("COMPUTED", "The ARN of Role.", {
        refs: [{ resource: `${FILE}#Role`, attribute: "Arn" }],
        range: raw.range,
      });
  }
  return undefined;
}

const SUB_TEMPLATE = [
  "Resources:",
  "  Scoring:",
  "    Type: AWS::StepFunctions::StateMachine",
  "    Properties:",
  "      DefinitionString: !Sub |",
  "        {",
  '          "StartAt": "Transform",',
  '          "States": {',
  '            "Transform": {',
  '              "Type": "Task",',
  '              "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",',
  '              "Parameters": {',
  '                "ModelName": "${Model.ModelName}",',
  '                "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://data-${AWS::Region}/in/"}}},',
  '                "TransformOutput": {"S3OutputPath": "s3://out/${!Literal}"},',
  '                "TransformResources": {"InstanceCount": ${Count}, "InstanceType": "ml.m5.large"}',
  "              },",
  '              "End": true',
  "            }",
  "          }",
  "        }",
  "",
].join("\n");

describe("CloudFormation Fn::Sub / Fn::Join DefinitionString", () => {
  it("parses a !Sub block scalar with references, pseudo parameters and numbers, at exact ranges", () => {
    const raw = getPath(loadValue(SUB_TEMPLATE, FILE), ["Resources", "Scoring", "Properties", "DefinitionString"])!;
    const text = cfnDefinitionText(raw, resolve);
    expect(text).toBeDefined();
    const result = workflowSteps({
      resourceId: `${FILE}#Scoring`,
      resourceName: "Scoring",
      kind: "step-functions",
      definition: text!,
      readSource: () => SUB_TEMPLATE,
    });
    expect(result.notes).toEqual([]);
    const job = result.jobs[0]!;
    expect(job.modelName?.value).toMatchObject({
      kind: "unknown",
      reason: "COMPUTED",
      refs: [{ resource: `${FILE}#Model`, attribute: "ModelName" }],
    });
    expect(sliceOf(SUB_TEMPLATE, job.modelName?.value.range)).toBe('"${Model.ModelName}"');
    expect(job.inputS3Uri?.value).toMatchObject({ kind: "string", value: "s3://data-eu-west-1/in/" });
    expect(job.outputS3Path?.value).toMatchObject({ kind: "string", value: "s3://out/${Literal}" });
    expect(job.instanceCount?.value).toMatchObject({ kind: "number", value: 2 });
    expect(sliceOf(SUB_TEMPLATE, job.instanceCount?.value.range)).toBe("${Count}");
    expect(startOf(job.instanceCount?.keyRange)).toEqual(lineColumn(SUB_TEMPLATE, '"InstanceCount"'));
    expect(sliceOf(SUB_TEMPLATE, job.nameRange)).toBe('"Transform"');
  });

  it("parses a Fn::Join of JSON fragments and intrinsics, each literal at its own range", () => {
    const json = [
      "{",
      '  "Resources": {',
      '    "Scoring": {',
      '      "Type": "AWS::StepFunctions::StateMachine",',
      '      "Properties": {',
      '        "DefinitionString": {"Fn::Join": ["", [',
      '          "{\\"StartAt\\": \\"M\\", \\"States\\": {\\"M\\": {\\"Type\\": \\"Task\\", \\"Resource\\": \\"arn:aws:states:::sagemaker:createModel\\", \\"Parameters\\": {",',
      '          "\\"ExecutionRoleArn\\": \\"", {"Fn::GetAtt": ["Role", "Arn"]}, "\\",",',
      '          "\\"VpcConfig\\": {\\"Subnets\\": [\\"", {"Ref": "SubnetA"}, "\\"], \\"SecurityGroupIds\\": [\\"sg-1\\"]}",',
      '          "}, \\"End\\": true}}}"',
      "        ]]}",
      "      }",
      "    }",
      "  }",
      "}",
    ].join("\n");
    const raw = getPath(loadValue(json, FILE), ["Resources", "Scoring", "Properties", "DefinitionString"])!;
    const resolveWithSubnet = (v: Value) =>
      getPath(v, ["Ref"])?.kind === "string" && (getPath(v, ["Ref"]) as { value: string }).value === "SubnetA"
        ? unknown("COMPUTED", "The id of SubnetA.", { refs: [{ resource: `${FILE}#SubnetA` }], range: v.range })
        : resolve(v);
    const result = workflowSteps({
      resourceId: `${FILE}#Scoring`,
      resourceName: "Scoring",
      kind: "step-functions",
      definition: cfnDefinitionText(raw, resolveWithSubnet)!,
      readSource: () => json,
    });
    expect(result.notes).toEqual([]);
    const model = result.models[0]!;
    expect(model.executionRoleArn?.value).toMatchObject({
      kind: "unknown",
      refs: [{ resource: `${FILE}#Role`, attribute: "Arn" }],
    });
    const subnets = model.vpcConfig?.subnets?.value;
    expect(subnets?.kind === "list" && subnets.items[0]).toMatchObject({
      kind: "unknown",
      refs: [{ resource: `${FILE}#SubnetA` }],
    });
    // A JSON string escaped in a JSON string is not verbatim: the literal's own range is the fallback.
    expect(model.vpcConfig?.keyRange?.start.line).toBe(9);
  });

  it("gives up (undefined) on forms it cannot split", () => {
    expect(cfnDefinitionText(loadValue('{"Fn::If": ["C", "a", "b"]}', FILE), resolve)).toBeUndefined();
    expect(cfnDefinitionText(loadValue('{"Fn::Sub": "${Unknowable}"}', FILE), resolve)).toBeUndefined();
  });
});
