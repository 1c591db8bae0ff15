/**
 * Maps what the workflow stage found inside a state machine, pipeline or
 * schedule (`src/workflows/`) onto graph nodes, the same way for Terraform and
 * CloudFormation: a `model` node per `createModel` task / `Model` step, a
 * `transform-job` node per `createTransformJob` task / `Transform` step /
 * schedule target, with `origin`, `workflowId`, and ids `<resource id>#<state or step name>`.
 *
 * - A node's `range` (where "something is missing" findings point) is the
 *   state's name key or the step's `Name` value, else the state or step
 *   object, else the workflow resource's header.
 * - A reference to a workflow model's `ModelName` (a pipeline's
 *   `{"Get": "Steps.X.ModelName"}`) yields its name.
 * - A Step Functions job whose model name is provably the name a
 *   `createModel` task of the same machine gives (the same literal, context
 *   path or `States.Format`) links to that task by reference: the task
 *   creates the model the job runs, whatever else shares the name. The same
 *   state path links too, as `via: "state-path"`, which findings disclose.
 * - `EnableNetworkIsolation` defaults to false (no range), as for resources.
 */
import { posix } from "node:path";
import { bool, getValue, str, unknown, type Value } from "../../core/value.js";
import { lineStarts, rangeAt, type SourceRange } from "../../core/range.js";
import type { CfnResource } from "../../cloudformation/template.js";
import type { TerraformInstance } from "../../terraform/index.js";
import {
  workflowSteps,
  type WorkflowKind,
  type WorkflowModel,
  type WorkflowNote,
  type WorkflowSource,
  type WorkflowTransformJob,
} from "../../workflows/index.js";
import type { GraphSources, PendingLink, SourceNode } from "../build.js";
import type { ModelNode, TransformJobNode } from "../types.js";
import { knownName } from "./common.js";
import { fieldLinks } from "./contribute.js";

/** The workflow resource, as the adapter read it. */
export interface WorkflowResource {
  /** Display name of the resource (Terraform address, logical id). */
  name: string;
  /** Its block header or logical-ID key. */
  range: SourceRange;
  sourceType: string;
  exists: true | "unknown";
  moduleCalls?: SourceRange[];
}

const LABELS: Record<WorkflowModel["origin"], { model: string; job: string }> = {
  "step-functions": { model: "createModel task", job: "createTransformJob task" },
  pipeline: { model: "Model step", job: "Transform step" },
  scheduler: { model: "createModel target", job: "createTransformJob target" },
};

type TerraformWorkflowInstance = Pick<
  TerraformInstance,
  "id" | "address" | "mode" | "type" | "headerRange" | "attributes" | "expansion" | "moduleCalls"
>;

export interface WorkflowGraphInput {
  cloudFormation?: readonly CfnResource[];
  terraform?: readonly TerraformWorkflowInstance[];
  /** The text of a scanned file by root-relative path: exact ranges inside definition strings (heredocs, block scalars). */
  readSource?: (file: string) => string | undefined;
}

/**
 * Every workflow resource's jobs and models: Terraform `aws_sfn_state_machine`,
 * `aws_sagemaker_pipeline`, `aws_scheduler_schedule`; CloudFormation
 * `AWS::StepFunctions::StateMachine`, `AWS::Serverless::StateMachine`,
 * `AWS::SageMaker::Pipeline`, `AWS::Scheduler::Schedule`.
 */
export function workflowGraphSources(input: WorkflowGraphInput): GraphSources & { notes: WorkflowNote[] } {
  const out: GraphSources & { notes: WorkflowNote[] } = { nodes: [], facets: [], notes: [] };
  const add = (
    kind: WorkflowKind,
    definition: Value | undefined,
    resource: WorkflowResource & { id: string },
    substitutions?: Value,
  ) => {
    if (definition === undefined) return;
    const source: WorkflowSource = {
      resourceId: resource.id,
      resourceName: resource.name,
      kind,
      definition,
      range: resource.range,
    };
    if (substitutions !== undefined) source.substitutions = substitutions;
    if (input.readSource) source.readSource = input.readSource;
    const found = workflowSources(source, resource);
    out.nodes.push(...found.nodes);
    out.notes.push(...found.notes);
  };
  for (const instance of input.terraform ?? []) {
    if (instance.mode !== "managed") continue;
    const resource = {
      id: instance.id,
      name: instance.address,
      range: instance.headerRange,
      sourceType: instance.type,
      exists: instance.expansion === "unknown" ? ("unknown" as const) : (true as const),
      ...(instance.moduleCalls.length > 0 ? { moduleCalls: instance.moduleCalls } : {}),
    };
    const a = instance.attributes;
    switch (instance.type) {
      case "aws_sfn_state_machine":
        add("step-functions", getValue(a, "definition"), resource);
        break;
      case "aws_sagemaker_pipeline":
        add(
          "pipeline",
          getValue(a, "pipeline_definition") ??
            s3Located(getValue(a, "pipeline_definition_s3_location"), "pipeline definition"),
          resource,
        );
        break;
      case "aws_scheduler_schedule":
        add("scheduler-target", firstBlock(getValue(a, "target")), resource);
        break;
      default:
        break;
    }
  }
  for (const r of input.cloudFormation ?? []) {
    if (r.exists === false) continue;
    const resource = {
      id: r.id,
      name: r.displayName ?? r.logicalId,
      range: r.headerRange,
      sourceType: r.type,
      exists: r.exists === "unknown" ? ("unknown" as const) : (true as const),
    };
    const p = r.properties;
    switch (r.type) {
      case "AWS::StepFunctions::StateMachine":
      case "AWS::Serverless::StateMachine":
        // `Definition`, `DefinitionUri` and S3 locations come read, with substitutions applied, from the
        // CloudFormation stage; `DefinitionString` is parsed here, substitutions first.
        if (r.stateMachineDefinition?.kind === "unknown" && samDefinitionText(r, input.readSource)) {
          add(
            "step-functions",
            samDefinitionText(r, input.readSource),
            resource,
            getValue(p, "DefinitionSubstitutions"),
          );
        } else if (r.stateMachineDefinition) add("step-functions", r.stateMachineDefinition, resource);
        else add("step-functions", getValue(p, "DefinitionString"), resource, getValue(p, "DefinitionSubstitutions"));
        break;
      case "AWS::SageMaker::Pipeline": {
        const definition = getValue(p, "PipelineDefinition");
        add(
          "pipeline",
          getValue(definition, "PipelineDefinitionBody") ??
            s3Located(getValue(definition, "PipelineDefinitionS3Location"), "pipeline definition"),
          resource,
        );
        break;
      }
      case "AWS::Scheduler::Schedule":
        add("scheduler-target", getValue(p, "Target"), resource);
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * A SAM `DefinitionUri` file the CloudFormation stage could not parse: its
 * text, to be parsed after `DefinitionSubstitutions` (a `${Count}` in a number
 * position is JSON only once substituted). The path is the template folder's,
 * as SAM resolves it; the file is one the scan read (`readSource`).
 */
function samDefinitionText(
  r: CfnResource,
  readSource: ((file: string) => string | undefined) | undefined,
): Value | undefined {
  if (r.type !== "AWS::Serverless::StateMachine" || !readSource) return undefined;
  const uri = getValue(r.properties, "DefinitionUri");
  if (uri?.kind !== "string" || /^s3:\/\//i.test(uri.value) || uri.value.startsWith("/")) return undefined;
  const file = posix.normalize(posix.join(posix.dirname(r.file), uri.value));
  const text = readSource(file);
  return text === undefined ? undefined : str(text, rangeAt(file, lineStarts(text), 0, text.length));
}

/** An S3 location block as the Unknown it stands for. */
function s3Located(location: Value | undefined, what: string): Value | undefined {
  if (location === undefined) return undefined;
  const block = firstBlock(location) ?? location;
  return unknown("EXTERNAL_FILE", `The ${what} is stored in Amazon S3, outside the scan.`, { range: block.range });
}

/** A Terraform nested block is a list of objects: its first. */
function firstBlock(value: Value | undefined): Value | undefined {
  return value?.kind === "list" ? value.items[0] : value;
}

/** The workflow's jobs and models as graph sources, plus the stage's notes (unreadable definitions). */
export function workflowSources(
  source: WorkflowSource,
  resource: WorkflowResource,
): { nodes: SourceNode[]; notes: WorkflowNote[] } {
  const result = workflowSteps(source);
  const nodes: SourceNode[] = [
    ...result.models.map((model) => modelSource(model, resource)),
    ...result.jobs.map((job) => jobSource(job, resource)),
  ];
  return { nodes, notes: result.notes };
}

function baseOf(step: WorkflowModel | WorkflowTransformJob, resource: WorkflowResource, label: string) {
  return {
    id: step.id,
    name: `${resource.name}#${step.name}`,
    range: step.nameRange ?? step.range ?? resource.range,
    sourceType: `${resource.sourceType} ${label}`,
    exists: resource.exists,
    ...(resource.moduleCalls ? { moduleCalls: resource.moduleCalls } : {}),
    origin: step.origin,
    workflowId: step.resourceId,
  };
}

function modelSource(model: WorkflowModel, resource: WorkflowResource): SourceNode {
  const node: ModelNode = {
    ...baseOf(model, resource, LABELS[model.origin].model),
    kind: "model",
    modelName: model.modelName,
    executionRoleArn: model.executionRoleArn,
    vpcConfig: model.vpcConfig,
    enableNetworkIsolation: model.enableNetworkIsolation ?? { value: bool(false) },
    containers: model.containers,
  };
  return { node, refYields: { ModelName: "name" }, links: fieldLinks(node), literals: knownName(model.modelName) };
}

function jobSource(job: WorkflowTransformJob, resource: WorkflowResource): SourceNode {
  const node: TransformJobNode = {
    ...baseOf(job, resource, LABELS[job.origin].job),
    kind: "transform-job",
    modelName: job.modelName,
    input: job.sections.input && { ...job.sections.input, s3Uri: job.inputS3Uri },
    output: job.sections.output && {
      ...job.sections.output,
      s3OutputPath: job.outputS3Path,
      kmsKeyId: job.outputKmsKeyId,
    },
    resources: job.sections.resources && {
      ...job.sections.resources,
      instanceCount: job.instanceCount,
      instanceType: job.instanceType,
      volumeKmsKeyId: job.volumeKmsKeyId,
    },
    dataCapture: job.dataCapture,
  };
  const modelName = job.modelName?.value;
  const links: PendingLink[] = [];
  if (modelName) {
    const value = job.modelStepId
      ? unknown("COMPUTED", `The model created by ${job.modelStepId}.`, {
          refs: [{ resource: job.modelStepId, attribute: "ModelName" }],
          range: modelName.range,
        })
      : modelName;
    links.push({
      from: node.id,
      kind: "uses-model",
      value,
      targets: ["model"],
      expects: "name",
      exists: resource.exists,
      ...(job.modelStepLink === "state-path" ? { via: "state-path" as const } : {}),
    });
  }
  return { node, refYields: {}, links };
}
