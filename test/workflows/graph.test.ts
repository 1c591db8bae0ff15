import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build.js";
import { workflowGraphSources, workflowSources } from "../../src/graph/adapters/workflows.js";
import { list as l, obj, str as s } from "../../src/core/value.js";
import { rangeAt } from "../../src/core/range.js";
import { fixture, loadValue } from "./helpers.js";

const header = rangeAt("main.tf", [0], 0, 10);

describe("workflow steps as graph nodes", () => {
  it("links a pipeline Transform step to its Model step through Get Steps.X.ModelName", () => {
    const { file, text } = fixture("batch-inference.pipeline.json");
    const id = ".:aws_sagemaker_pipeline.batch";
    const { nodes, notes } = workflowSources(
      {
        resourceId: id,
        resourceName: "aws_sagemaker_pipeline.batch",
        kind: "pipeline",
        definition: loadValue(text, file),
      },
      { name: "aws_sagemaker_pipeline.batch", range: header, sourceType: "aws_sagemaker_pipeline", exists: true },
    );
    expect(notes).toEqual([]);
    const graph = buildGraph({ nodes });
    expect(
      graph.nodes.map((n) => [n.kind, n.id, n.kind === "model" || n.kind === "transform-job" ? n.origin : ""]),
    ).toEqual([
      ["model", `${id}#ChurnModel`, "pipeline"],
      ["transform-job", `${id}#ChurnTransform`, "pipeline"],
    ]);
    const uses = graph.edges.filter((e) => e.kind === "uses-model");
    expect(uses).toMatchObject([{ from: `${id}#ChurnTransform`, to: `${id}#ChurnModel`, via: "reference" }]);
    const model = graph.nodes[0]!;
    expect(model.kind === "model" && model.enableNetworkIsolation).toMatchObject({
      value: { kind: "bool", value: false },
    });
    expect(model.range.file).toBe(file);
  });

  it("links a Step Functions job to the createModel task with the same literal name", () => {
    const { file, text } = fixture("batch-scoring.asl.json");
    const id = "stack.yaml#Scoring";
    const { nodes } = workflowSources(
      { resourceId: id, resourceName: "Scoring", kind: "step-functions", definition: loadValue(text, file) },
      { name: "Scoring", range: header, sourceType: "AWS::StepFunctions::StateMachine", exists: "unknown" },
    );
    const graph = buildGraph({ nodes });
    const uses = graph.edges.filter((e) => e.kind === "uses-model");
    expect(uses).toMatchObject([
      { from: `${id}#Score/Score today`, to: `${id}#Create model`, via: "reference", exists: "unknown" },
    ]);
    // `ModelName.$` cannot be followed: the graph keeps it as unresolved.
    expect(graph.unresolved.filter((u) => u.kind === "uses-model")).toMatchObject([
      { from: `${id}#Score/Backfill/Score partition`, reason: "DYNAMIC" },
    ]);
    const job = graph.nodes.find((n) => n.id === `${id}#Score/Score today`);
    expect(job?.kind === "transform-job" && job.resources?.instanceCount?.value).toMatchObject({
      kind: "number",
      value: 2,
    });
    expect(job?.kind === "transform-job" && job.output?.kmsKeyId?.value).toMatchObject({ kind: "string" });
  });
});

describe("workflow resources of both languages", () => {
  it("reads Terraform and CloudFormation workflow resources into one linked graph", () => {
    const pipeline = fixture("batch-inference.pipeline.json");
    const machine = fixture("batch-scoring.asl.json");
    const tfAttributes = obj([
      { key: "pipeline_definition", value: s(pipeline.text, rangeAt(pipeline.file, [0], 0, pipeline.text.length)) },
    ]);
    const cfnProperties = obj([
      { key: "DefinitionString", value: s(machine.text, rangeAt(machine.file, [0], 0, machine.text.length)) },
    ]);
    const scheduleProperties = obj([
      {
        key: "Target",
        value: obj([
          { key: "Arn", value: s("arn:aws:scheduler:::aws-sdk:sagemaker:createTransformJob") },
          { key: "Input", value: s('{"ModelName": "churn-scoring", "TransformResources": {"InstanceCount": 1}}') },
        ]),
      },
    ]);
    const s3Pipeline = obj([
      { key: "pipeline_definition_s3_location", value: l([obj([{ key: "bucket", value: s("b") }], header)]) },
    ]);
    const cfn = (logicalId: string, type: string, properties: typeof cfnProperties) => ({
      id: `stack.yaml#${logicalId}`,
      logicalId,
      type,
      file: "stack.yaml",
      headerRange: header,
      range: header,
      properties,
      condition: null,
      exists: true as const,
      displayName: logicalId,
    });
    const tf = (address: string, type: string, attributes: typeof tfAttributes) => ({
      id: `.:${address}`,
      address,
      mode: "managed" as const,
      type,
      headerRange: header,
      attributes,
      expansion: "known" as const,
      moduleCalls: [],
    });
    const sources = workflowGraphSources({
      cloudFormation: [
        cfn("Scoring", "AWS::StepFunctions::StateMachine", cfnProperties),
        cfn("Nightly", "AWS::Scheduler::Schedule", scheduleProperties),
      ],
      terraform: [
        tf("aws_sagemaker_pipeline.batch", "aws_sagemaker_pipeline", tfAttributes),
        tf("aws_sagemaker_pipeline.s3", "aws_sagemaker_pipeline", s3Pipeline),
      ],
    });
    expect(sources.notes.map((n) => n.message)).toEqual([
      "aws_sagemaker_pipeline.s3: The pipeline definition is not in the scan (The pipeline definition is stored in Amazon S3, outside the scan); its transform jobs and models are not checked.",
    ]);
    const graph = buildGraph(sources);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([
      ".:aws_sagemaker_pipeline.batch#ChurnModel",
      ".:aws_sagemaker_pipeline.batch#ChurnTransform",
      "stack.yaml#Nightly#target",
      "stack.yaml#Scoring#Create model",
      "stack.yaml#Scoring#Score/Backfill/Score partition",
      "stack.yaml#Scoring#Score/Score today",
    ]);
    // The schedule's literal ModelName matches the createModel task's name: a literal-name edge.
    expect(graph.edges.filter((e) => e.from === "stack.yaml#Nightly#target")).toMatchObject([
      { to: "stack.yaml#Scoring#Create model", via: "literal-name" },
    ]);
  });
});

describe("SAM DefinitionUri with substitutions in number positions", () => {
  it("parses the file the CloudFormation stage could not, after substitution", () => {
    const { file, text } = fixture("substitutions/scoring.asl.tmpl");
    const properties = obj([
      { key: "DefinitionUri", value: s("substitutions/scoring.asl.tmpl") },
      {
        key: "DefinitionSubstitutions",
        value: obj([
          { key: "Count", value: s("4") },
          { key: "DataBucket", value: s("d") },
          { key: "ModelName", value: s("churn") },
        ]),
      },
    ]);
    const resource = {
      id: "fixtures/workflows/template.yaml#Scoring",
      logicalId: "Scoring",
      type: "AWS::Serverless::StateMachine",
      file: "fixtures/workflows/template.yaml",
      headerRange: header,
      range: header,
      properties,
      condition: null,
      exists: true as const,
      displayName: "Scoring",
      stateMachineDefinition: {
        kind: "unknown" as const,
        reason: "EXTERNAL_FILE" as const,
        detail: "does not parse",
        refs: [],
      },
    };
    const sources = workflowGraphSources({
      cloudFormation: [resource],
      readSource: (f) => (f === file ? text : undefined),
    });
    const job = sources.nodes[0]?.node;
    expect(job?.kind === "transform-job" && job.resources?.instanceCount?.value).toMatchObject({
      kind: "number",
      value: 4,
    });
    expect(job?.kind === "transform-job" && job.resources?.instanceCount?.value.range?.file).toBe(file);
    // `${AWS::Partition}` has no substitution and stays as written: the Resource still matches.
    expect(job?.kind === "transform-job" && job.modelName?.value).toMatchObject({ kind: "string", value: "churn" });
  });
});
