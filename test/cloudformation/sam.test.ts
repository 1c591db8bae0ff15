import { describe, expect, it } from "vitest";
import { at, FIXTURES, load, resource, twinNeutral } from "./helpers.js";
import { debugValue } from "../../src/cloudformation/debug.js";
import { getPath, type Value } from "../../src/core/value.js";

const YAML = `${FIXTURES}/sam/template.yaml`;
const ASL = `${FIXTURES}/sam/statemachines/batch-transform.asl.json`;

describe("SAM templates", () => {
  const result = load([YAML]);
  const machine = resource(result, "NightlyScoring");
  const definition = machine.stateMachineDefinition!;
  const task = (...steps: string[]): Value => getPath(definition, ["States", "Transform", "Parameters", ...steps])!;

  it("is recognised as SAM, and its resources stay SAM resources", () => {
    expect(result.templates[0]!.flavor).toBe("sam");
    expect(machine.type).toBe("AWS::Serverless::StateMachine");
  });

  it("reads DefinitionUri from the local file and applies DefinitionSubstitutions, with ranges in that file", () => {
    // A whole-string placeholder takes the substitution's value: the reference stays a reference.
    expect(debugValue(task("ModelName"), YAML)).toEqual({ $ref: "ScoringModel.ModelName" });
    expect(task("ModelName").range?.file).toBe(ASL);
    expect(at(task("ModelName"))).toEqual([10, 22, 10, 36]);
    expect(debugValue(task("TransformOutput", "S3OutputPath"), YAML)).toMatchObject({
      $unknown: "COMPUTED",
      refs: ["DataBucket"],
      prefix: "s3://",
      suffix: "/output/",
    });
    expect(at(task("TransformOutput", "S3OutputPath"))).toEqual([17, 46, 17, 74]);
    expect(debugValue(task("TransformResources"), YAML)).toEqual({ InstanceCount: 2, InstanceType: "ml.m5.large" });
    // JSONPath fields are left to the workflow stage.
    expect(debugValue(task("TransformJobName.$"), YAML)).toBe("$$.Execution.Name");
    expect(result.analyzedFiles.map((f) => f.path)).toEqual([YAML, ASL]);
  });

  it("refuses a DefinitionUri outside the scan root", () => {
    const archived = resource(result, "ArchivedScoring");
    expect(archived.stateMachineDefinition).toMatchObject({ kind: "unknown", reason: "EXTERNAL_FILE" });
    expect(at(archived.stateMachineDefinition)).toEqual([77, 22, 77, 58]);
    expect(result.notes).toEqual([
      {
        path: YAML,
        message:
          "DefinitionUri ../../../../shared/archived.asl.json is not a file inside the scan root; it was not read.",
      },
    ]);
  });

  it("reads Policies as SAM does: managed policy names, documents and policy templates", () => {
    const policies = machine.samPolicies!;
    expect(policies.managedPolicyArns.map((v) => debugValue(v, YAML))).toEqual([
      {
        $unknown: "DATA_SOURCE",
        detail: expect.any(String),
        refs: [],
        prefix: "arn:",
        suffix: ":iam::aws:policy/AmazonSageMakerFullAccess",
      },
    ]);
    expect(policies.policyDocuments).toHaveLength(1);
    expect(policies.policyTemplates.map((t) => [t.name, debugValue(t.parameters, YAML)])).toEqual([
      ["S3CrudPolicy", { BucketName: { $ref: "DataBucket" } }],
    ]);
    const withRegion = load([YAML], { region: "us-gov-west-1" });
    expect(debugValue(resource(withRegion, "NightlyScoring").samPolicies!.managedPolicyArns[0]!, YAML)).toBe(
      "arn:aws-us-gov:iam::aws:policy/AmazonSageMakerFullAccess",
    );
    expect(resource(result, "ArchivedScoring").samPolicies!.managedPolicyArns.map((v) => debugValue(v, YAML))).toEqual([
      "arn:aws:iam::aws:policy/AmazonSageMakerReadOnly",
    ]);
    expect(resource(result, "ScoreOnUpload").samPolicies!.policyTemplates.map((t) => t.name)).toEqual([
      "StepFunctionsExecutionPolicy",
    ]);
  });

  it("reports no schema problem for valid SAM policies (the spec's gaps are corrected)", () => {
    expect(result.schemaProblems).toEqual([]);
  });

  it("resolves the YAML template and its JSON twin to the same resources", () => {
    expect(twinNeutral(load([`${FIXTURES}/sam/template.json`]))).toEqual(twinNeutral(result));
  });
});
