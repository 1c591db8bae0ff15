/**
 * Definitions written as JSON text with holes — CloudFormation `Fn::Sub`
 * (both forms), `Fn::Join` as CDK writes it, `DefinitionString` with
 * `DefinitionSubstitutions`; Terraform heredocs, `templatefile()`,
 * `data "template_file"`, cdktf's stringified JSON — read through the real
 * stages (a scan of files written here), with exact ranges; and the parser's
 * counted linear bound.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan, type ScanResult } from "../../src/scan.js";
import { parseJsonWithHoles } from "../../src/workflows/json-holes.js";
import { definitionText } from "../../src/workflows/definition.js";
import { str, unknown, type Value } from "../../src/core/value.js";
import { rangeAt, lineStarts } from "../../src/core/range.js";
import type { TransformJobNode } from "../../src/graph/types.js";
import { plain } from "../graph/helpers.js";
import { row } from "../helpers/scan.js";

function scanFiles(files: Record<string, string>): ScanResult {
  const root = mkdtempSync(path.join(tmpdir(), "holes-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return scan({ root, paths: [root] });
}

const job = (result: ScanResult, name: string): TransformJobNode => {
  const found = result.graph.nodesOfKind("transform-job").find((n) => n.name === name);
  if (!found) throw new Error(`no job ${name}: ${result.graph.nodesOfKind("transform-job").map((n) => n.name)}`);
  return found;
};
const smbt001 = (result: ScanResult) =>
  result.findings.filter((f) => f.ruleId === "SMBT001").map((f) => `${row(f)} ${f.message}`);
const definitionNotes = (result: ScanResult) =>
  result.findings.filter((f) => f.ruleId === "SMBT017" && /definition|input/.test(f.message)).map(row);
/** Where a range starts, as `line:column`, and the text it covers. */
const spot = (
  text: string,
  range: { start: { offset: number; line: number; column: number }; end: { offset: number } } | undefined,
) =>
  range ? `${range.start.line}:${range.start.column} ${text.slice(range.start.offset, range.end.offset)}` : "(none)";

const MODEL_YAML = `  Model:
    Type: AWS::SageMaker::Model
    Properties:
      ExecutionRoleArn: arn:aws:iam::123456789012:role/sm
      PrimaryContainer:
        Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/m:1
`;

describe("CloudFormation definitions built as text", () => {
  it("Fn::Sub list form with a GetAtt variable: the job links to the model (SMBT001 error), parts at exact ranges", () => {
    const template = `Resources:
${MODEL_YAML}  Sfn:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/s
      DefinitionString: !Sub
        - '{"StartAt":"Score","States":{"Score":{"Type":"Task","Resource":"arn:aws:states:::sagemaker:createTransformJob.sync","Parameters":{"TransformJobName.$":"$$.Execution.Name","ModelName":"\${ModelName}","TransformInput":{"DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"s3://b/in/"}}},"TransformOutput":{"S3OutputPath":"s3://b/out/"},"TransformResources":{"InstanceCount":1,"InstanceType":"ml.m5.xlarge"}},"End":true}}}'
        - ModelName: !GetAtt Model.ModelName
`;
    const result = scanFiles({ "stack.yaml": template });
    expect(definitionNotes(result)).toEqual([]);
    expect(smbt001(result)).toEqual([
      "stack.yaml:2:3 error SMBT001 Model Model is used by batch transform job Sfn#Score but has no VpcConfig: the job runs outside the VPC.",
    ]);
    const score = job(result, "Sfn#Score");
    expect(spot(template, score.modelName?.value.range)).toBe("13:196 ${ModelName}");
    expect(spot(template, score.resources?.instanceCount?.keyRange)).toBe('13:377 "InstanceCount"');
    expect(plain(score.resources?.instanceCount?.value)).toBe(1);
  });

  it("Fn::Sub string form: ${Res.Attr} a reference, ${AWS::Region} known, ${Param} a value in number position", () => {
    const template = `Parameters:
  Count:
    Type: Number
    Default: 3
Resources:
${MODEL_YAML}  Sfn:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/s
      DefinitionString: !Sub |
        {"StartAt": "Score", "States": {"Score": {"Type": "Task",
          "Resource": "arn:\${AWS::Partition}:states:::sagemaker:createTransformJob.sync",
          "Parameters": {"ModelName": "\${Model.ModelName}",
            "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://data-\${AWS::AccountId}/in/"}}},
            "TransformOutput": {"S3OutputPath": "s3://b/out/"},
            "TransformResources": {"InstanceCount": \${Count}, "InstanceType": "ml.m5.xlarge"}},
          "End": true}}}
`;
    const result = scanFiles({ "stack.yaml": template });
    expect(definitionNotes(result)).toEqual([]);
    expect(smbt001(result).map((f) => f.split(" ").slice(0, 3).join(" "))).toEqual(["stack.yaml:6:3 error SMBT001"]);
    const score = job(result, "Sfn#Score");
    expect(spot(template, score.modelName?.value.range)).toBe("19:40 ${Model.ModelName}");
    // A hole inside a string keeps the known text around it.
    expect(plain(score.input?.s3Uri?.value)).toMatchObject({ prefix: "s3://data-", suffix: "/in/" });
    // A parameter in number position: the text CloudFormation substitutes, parsed as the number it is.
    expect(plain(score.resources?.instanceCount?.value)).toBe(3);
    expect(spot(template, score.resources?.instanceCount?.value.range)).toBe("22:53 ${Count}");
  });

  it("Fn::Join of escaped JSON fragments, as CDK writes it: exact ranges inside the JSON template's strings", () => {
    const template = JSON.stringify(
      {
        Resources: {
          Model: {
            Type: "AWS::SageMaker::Model",
            Properties: { ExecutionRoleArn: "arn:aws:iam::123456789012:role/sm", PrimaryContainer: { Image: "i" } },
          },
          Sfn: {
            Type: "AWS::StepFunctions::StateMachine",
            Properties: {
              RoleArn: "arn:aws:iam::123456789012:role/s",
              DefinitionString: {
                "Fn::Join": [
                  "",
                  [
                    '{"StartAt":"Score","States":{"Score":{"End":true,"Type":"Task","Resource":"arn:',
                    { Ref: "AWS::Partition" },
                    ':states:::sagemaker:createTransformJob.sync","Parameters":{"ModelName":"',
                    { "Fn::GetAtt": ["Model", "ModelName"] },
                    '","TransformInput":{"DataSource":{"S3DataSource":{"S3Uri":"s3://b/in/","S3DataType":"S3Prefix"}}},"TransformOutput":{"S3OutputPath":"s3://b/out/"},"TransformResources":{"InstanceCount":1,"InstanceType":"ml.m5.xlarge"}}}}}',
                  ],
                ],
              },
            },
          },
        },
      },
      null,
      1,
    );
    const result = scanFiles({ "cdk.out/Stack.template.json": template });
    expect(definitionNotes(result)).toEqual([]);
    expect(smbt001(result).map((f) => f.split(" ").slice(0, 3).join(" "))).toEqual([
      "cdk.out/Stack.template.json:3:3 error SMBT001",
    ]);
    const score = job(result, "Sfn#Score");
    expect(spot(template, score.output?.keyRange)).toBe('31:122 \\"TransformOutput\\"');
    // The reference stays a reference, where it is written: the Fn::GetAtt item of the Fn::Join.
    const at = score.modelName?.value.range;
    expect(at?.start.line).toBe(25);
    expect(JSON.parse(template.slice(at!.start.offset, at!.end.offset))).toEqual({
      "Fn::GetAtt": ["Model", "ModelName"],
    });
  });

  it("DefinitionString with DefinitionSubstitutions holding GetAtt and Ref", () => {
    const template = `Resources:
${MODEL_YAML}  Sfn:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/s
      DefinitionSubstitutions:
        ModelName: !GetAtt Model.ModelName
      DefinitionString: >-
        {"StartAt":"Score","States":{"Score":{"Type":"Task","Resource":"arn:aws:states:::sagemaker:createTransformJob.sync",
        "Parameters":{"ModelName":"\${ModelName}","TransformInput":{"DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"s3://b/in/"}}},
        "TransformOutput":{"S3OutputPath":"s3://b/out/"},"TransformResources":{"InstanceCount":1,"InstanceType":"ml.m5.xlarge"}},"End":true}}}
`;
    const result = scanFiles({ "stack.yaml": template });
    expect(definitionNotes(result)).toEqual([]);
    expect(smbt001(result).map((f) => f.split(" ").slice(0, 3).join(" "))).toEqual(["stack.yaml:2:3 error SMBT001"]);
  });

  it("a hole where a key stands: a note that says why, at the hole", () => {
    const template = `Resources:
  Sfn:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/s
      DefinitionString: !Sub '{"StartAt":"A","States":{\${StateName}: {"Type":"Pass","End":true}}}'
`;
    const result = scanFiles({ "stack.yaml": template });
    const notes = result.findings.filter((f) => f.ruleId === "SMBT017").map((f) => `${row(f)} ${f.message}`);
    expect(notes).toEqual([
      "stack.yaml:6:56 note SMBT017 Sfn: The state machine definition does not parse as JSON: An inserted value stands where a key is expected, so the structure depends on what it holds.",
    ]);
  });
});

const TF_MODEL = `resource "aws_sagemaker_model" "m" {
  name               = "m"
  execution_role_arn = "arn:aws:iam::123456789012:role/sm"
  primary_container {
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/m:1"
  }
}
`;
const TF_STATES = (model: string, count: string) =>
  `{"StartAt": "Score", "States": {"Score": {"Type": "Task",
  "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
  "Parameters": {"ModelName": "${model}",
    "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://\${var.bucket}/in/"}}},
    "TransformOutput": {"S3OutputPath": "s3://b/out/"},
    "TransformResources": {"InstanceCount": ${count}, "InstanceType": "ml.m5.xlarge"}},
  "Next": "Notify"},
  "Notify": {"Type": "Task", "Resource": "\${aws_lambda_function.notify.arn}", "End": true}}}`;
const TF_EXTRA = `variable "bucket" {}
resource "aws_lambda_function" "notify" {
  function_name = "notify"
  role          = "arn:aws:iam::123456789012:role/l"
}
`;

describe("Terraform definitions built as text", () => {
  it("a heredoc with a computed Lambda ARN and a model reference: linked by reference, exact ranges in the .tf file", () => {
    const main = `${TF_MODEL}${TF_EXTRA}resource "aws_sfn_state_machine" "flow" {
  name     = "flow"
  role_arn = "arn:aws:iam::123456789012:role/s"
  definition = <<EOF
${TF_STATES("${aws_sagemaker_model.m.name}", "2")}
EOF
}
`;
    const result = scanFiles({ "main.tf": main });
    expect(definitionNotes(result)).toEqual([]);
    expect(smbt001(result)).toEqual([
      "main.tf:1:1 error SMBT001 Model aws_sagemaker_model.m is used by batch transform job aws_sfn_state_machine.flow#Score but has no VpcConfig: the job runs outside the VPC.",
    ]);
    const score = job(result, "aws_sfn_state_machine.flow#Score");
    expect(spot(main, score.resources?.instanceCount?.keyRange)).toBe('22:28 "InstanceCount"');
    expect(plain(score.input?.s3Uri?.value)).toMatchObject({ prefix: "s3://", suffix: "/in/" });
  });

  it("templatefile() of a file in the repository: parts placed in the template file", () => {
    const tpl = TF_STATES("${model}", "${count}");
    const main = `${TF_MODEL}${TF_EXTRA}resource "aws_sfn_state_machine" "flow" {
  name       = "flow"
  role_arn   = "arn:aws:iam::123456789012:role/s"
  definition = templatefile("\${path.module}/flow.json.tpl", { model = aws_sagemaker_model.m.name, count = 4, bucket = var.bucket, notify = aws_lambda_function.notify.arn })
}
`;
    const result = scanFiles({
      "main.tf": main,
      "flow.json.tpl": tpl
        .replace("${var.bucket}", "${bucket}")
        .replace("${aws_lambda_function.notify.arn}", "${notify}"),
    });
    expect(definitionNotes(result)).toEqual([]);
    expect(smbt001(result).map((f) => f.split(" ").slice(0, 3).join(" "))).toEqual(["main.tf:1:1 error SMBT001"]);
    const score = job(result, "aws_sfn_state_machine.flow#Score");
    expect(score.resources?.instanceCount?.keyRange?.file).toBe("flow.json.tpl");
    expect(score.resources?.instanceCount?.keyRange?.start.line).toBe(6);
    expect(plain(score.resources?.instanceCount?.value)).toBe(4);
  });

  it('data "template_file" with an in-repository template', () => {
    const tpl = TF_STATES("${model}", "1")
      .replace("${var.bucket}", "b")
      .replace("${aws_lambda_function.notify.arn}", "${notify}");
    const main = `${TF_MODEL}${TF_EXTRA}data "template_file" "flow" {
  template = file("\${path.module}/flow.json.tpl")
  vars = {
    model  = aws_sagemaker_model.m.name
    notify = aws_lambda_function.notify.arn
  }
}
resource "aws_sfn_state_machine" "flow" {
  name       = "flow"
  role_arn   = "arn:aws:iam::123456789012:role/s"
  definition = data.template_file.flow.rendered
}
`;
    const result = scanFiles({ "main.tf": main, "flow.json.tpl": tpl });
    expect(definitionNotes(result)).toEqual([]);
    expect(smbt001(result).map((f) => f.split(" ").slice(0, 3).join(" "))).toEqual(["main.tf:1:1 error SMBT001"]);
    const score = job(result, "aws_sfn_state_machine.flow#Score");
    expect(score.output?.keyRange?.file).toBe("flow.json.tpl");
    expect(score.output?.keyRange?.start.line).toBe(5);
  });
});

describe("workflow linkage", () => {
  const machine = (modelName: string, jobName: string) => `{"StartAt": "Create", "States": {
  "Create": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createModel",
    "Parameters": {"ModelName.$": "${modelName}", "ExecutionRoleArn": "arn:aws:iam::123456789012:role/sm",
      "PrimaryContainer": {"Image": "i"}}, "Next": "Score"},
  "Score": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
    "Parameters": {"ModelName.$": "${jobName}",
      "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/in/"}}},
      "TransformOutput": {"S3OutputPath": "s3://b/out/"},
      "TransformResources": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge"}}, "End": true}}}`;
  const tf = (definition: string) => `resource "aws_sfn_state_machine" "flow" {
  name       = "flow"
  role_arn   = "arn:aws:iam::123456789012:role/s"
  definition = <<EOF
${definition}
EOF
}
`;
  it.each([
    ["the same execution context path", "$$.Execution.Name", "$$.Execution.Name", ""],
    [
      "the same States.Format of context paths and literals",
      "States.Format('m-{}', $$.Execution.Name)",
      "States.Format('m-{}',$$.Execution.Name)",
      "",
    ],
    [
      "the same state path, disclosed",
      "$.model",
      "$.model",
      " (linked because both tasks name the model by the same state path, which a state between them may change)",
    ],
  ])("links a createModel task and a transform job by %s", (_what, modelName, jobName, disclosed) => {
    const result = scanFiles({ "main.tf": tf(machine(modelName, jobName)) });
    expect(smbt001(result)).toEqual([
      `main.tf:6:3 error SMBT001 Model aws_sfn_state_machine.flow#Create is used by batch transform job aws_sfn_state_machine.flow#Score${disclosed} but has no VpcConfig: the job runs outside the VPC.`,
    ]);
  });

  it("does not link different context paths", () => {
    const result = scanFiles({ "main.tf": tf(machine("$$.Execution.Name", "$$.Execution.Id")) });
    expect(smbt001(result).map((f) => f.split(" ").slice(0, 3).join(" "))).toEqual(["main.tf:6:3 warning SMBT001"]);
  });

  it("keeps a schedule target input's known parts when it is JSON text with holes", () => {
    const main = `${TF_MODEL}resource "aws_scheduler_schedule" "nightly" {
  name                = "nightly"
  schedule_expression = "cron(0 2 * * ? *)"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = "arn:aws:scheduler:::aws-sdk:sagemaker:createTransformJob"
    role_arn = "arn:aws:iam::123456789012:role/s"
    input    = <<EOF
{"TransformJobName": "nightly", "ModelName": "\${aws_sagemaker_model.m.name}",
 "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/in/"}}},
 "TransformOutput": {"S3OutputPath": "s3://b/out/"},
 "TransformResources": {"InstanceCount": 3, "InstanceType": "ml.m5.xlarge"}}
EOF
  }
}
`;
    const result = scanFiles({ "main.tf": main });
    expect(smbt001(result).map((f) => f.split(" ").slice(0, 3).join(" "))).toEqual(["main.tf:1:1 error SMBT001"]);
    const target = job(result, "aws_scheduler_schedule.nightly#target");
    expect(plain(target.resources?.instanceCount?.value)).toBe(3);
    expect(spot(main, target.resources?.instanceCount?.keyRange)).toBe('21:25 "InstanceCount"');
  });
});

describe("the JSON-with-holes parser", () => {
  const join = (parts: readonly (string | Value)[]) =>
    unknown("DYNAMIC", "joined", {
      prefix: typeof parts[0] === "string" ? parts[0] : "",
      suffix: typeof parts[parts.length - 1] === "string" ? (parts[parts.length - 1] as string) : "",
    });
  const hole = unknown("COMPUTED", "a reference", { refs: [{ resource: "M", attribute: "ModelName" }] });

  it("takes a hole in value position as that value and keeps a reference that fills a whole string", () => {
    const text = '{"a": \uE0000\uE001, "b": "\uE0001\uE001", "c": "x\uE0000\uE001y"}';
    const result = parseJsonWithHoles(text, [hole, hole], () => undefined, join);
    expect(result.ok && plain(result.value)).toEqual({
      a: { $unknown: "COMPUTED", detail: "a reference", refs: ["M.ModelName"] },
      b: { $unknown: "COMPUTED", detail: "a reference", refs: ["M.ModelName"] },
      c: { $unknown: "DYNAMIC", detail: "joined", refs: [], prefix: "x", suffix: "y" },
    });
  });

  it("is linear: steps ≤ 3 × characters, for a definition of 1,000 and of 10,000 states", () => {
    const machine = (states: number) => {
      const entries = Array.from(
        { length: states },
        (_, i) =>
          `"S${i}": {"Type": "Task", "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync", "Parameters": {"ModelName": "\${Model.ModelName}", "TransformResources": {"InstanceCount": 2, "InstanceType": "ml.m5.xlarge"}}, "Next": "S${i + 1}"}`,
      );
      return `{"StartAt": "S0", "States": {${entries.join(", ")}}}`;
    };
    for (const states of [1_000, 10_000]) {
      const text = machine(states);
      const source = str(text, rangeAt("sfn.json", lineStarts(text), 0, text.length));
      const result = definitionText({ kind: "text", pieces: [{ source, start: 0, end: text.length }] });
      expect(result.ok).toBe(true);
      const steps = result.ok ? result.steps! : Number.POSITIVE_INFINITY;
      expect(steps).toBeLessThanOrEqual(3 * text.length);
    }
  });

  it("refuses nesting deeper than its limit with a located message, without exhausting the stack", () => {
    const text = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const result = parseJsonWithHoles(text, [], () => undefined, join);
    expect(result).toMatchObject({
      ok: false,
      message: "Objects and arrays are nested more than 500 levels deep",
      start: 500,
    });
  });
});
