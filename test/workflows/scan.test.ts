import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { scan } from "../../src/scan.js";

const root = mkdtempSync(path.join(tmpdir(), "smvg-workflows-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const MAIN_TF = `resource "aws_sagemaker_model" "m" {
  name               = "churn"
  execution_role_arn = "arn:aws:iam::123456789012:role/sm"
  primary_container {
    image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/churn:1"
  }
}

resource "aws_sfn_state_machine" "scoring" {
  name     = "scoring"
  role_arn = "arn:aws:iam::123456789012:role/sfn"
  definition = <<EOF
{
  "StartAt": "Transform",
  "States": {
    "Transform": {
      "Type": "Task",
      "Resource": "arn:aws:states:::sagemaker:createTransformJob.sync",
      "Parameters": {
        "ModelName": "churn",
        "TransformInput": {"DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://d/in/"}}},
        "TransformOutput": {"S3OutputPath": "s3://d/out/"},
        "TransformResources": {"InstanceCount": 2, "InstanceType": "ml.m5.large"}
      },
      "End": true
    }
  }
}
EOF
}
`;

describe("workflows in a scan", () => {
  it("puts a heredoc state machine's transform job in the graph, at its exact range, linked to the model", () => {
    writeFileSync(path.join(root, "main.tf"), MAIN_TF);
    const result = scan({ root, paths: ["."] });
    const job = result.graph.nodesOfKind("transform-job")[0];
    expect(job).toMatchObject({ origin: "step-functions", name: "aws_sfn_state_machine.scoring#Transform" });
    expect(job?.range).toMatchObject({ file: "main.tf", start: { line: 16, column: 5 } });
    expect(job?.resources?.instanceCount?.value).toMatchObject({
      kind: "number",
      value: 2,
      range: { start: { line: 23, column: 49 } },
    });
    const edges = result.graph.outgoing(job!.id, "uses-model");
    expect(edges.map((e) => result.graph.node(e.to)?.name)).toEqual(["aws_sagemaker_model.m"]);
  });
});
