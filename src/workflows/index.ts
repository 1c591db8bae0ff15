/**
 * The workflow stage (DESIGN.md): transform jobs and models declared inside
 * Step Functions state machines, SageMaker Pipelines and EventBridge Scheduler
 * targets. Provider-neutral: the graph adapters pass the attribute that holds
 * the definition (Terraform `aws_sfn_state_machine.definition`,
 * `aws_sagemaker_pipeline.pipeline_definition`, `aws_scheduler_schedule.target[0]`;
 * CloudFormation `Definition`/`DefinitionString` + `DefinitionSubstitutions`,
 * `PipelineDefinition.PipelineDefinitionBody`, `AWS::Scheduler::Schedule.Target`)
 * as a Value, and get jobs and models whose ids are `<resource id>#<state or step name>`.
 */
import type { SourceRange } from "../core/range.js";
import type { Value } from "../core/value.js";
import { definitionValue, type DefinitionText } from "./definition.js";
import { pipelineSteps } from "./pipelines.js";
import { schedulerTargetSteps } from "./scheduler.js";
import { stepFunctionsSteps } from "./step-functions.js";
import type { WorkflowKind, WorkflowResult } from "./types.js";

export type {
  WorkflowKind,
  WorkflowModel,
  WorkflowNote,
  WorkflowOrigin,
  WorkflowResult,
  WorkflowStep,
  WorkflowTransformJob,
} from "./types.js";
export {
  definitionText,
  definitionValue,
  stringLocator,
  type DefinitionOptions,
  type DefinitionResult,
  type DefinitionText,
  type TextPiece,
} from "./definition.js";
export { sageMakerTaskOperation } from "./step-functions.js";
export { schedulerTargetOperation } from "./scheduler.js";

export interface WorkflowSource {
  /** The id of the resource holding the workflow; step ids are `<resourceId>#<name>`. */
  resourceId: string;
  /** Its display name (Terraform address, logical id), for notes. */
  resourceName: string;
  kind: WorkflowKind;
  /**
   * The definition: an object, a JSON string (with `encodes` for `jsonencode`),
   * an Unknown (`EXTERNAL_FILE` for S3 locations), or text pieces
   * (a string built from parts, `StringValue.parts`, is read as such). For
   * `scheduler-target`, the target object holding `Arn`/`arn` and `Input`/`input`.
   */
  definition: Value | DefinitionText;
  /** `DefinitionSubstitutions`, applied before the definition is parsed. */
  substitutions?: Value;
  /** The text of a scanned file by root-relative path: lets parts of a definition string get exact ranges. */
  readSource?: (file: string) => string | undefined;
  /** Where the definition attribute is written, for notes when the definition itself has no range. */
  range?: SourceRange;
}

export function workflowSteps(source: WorkflowSource): WorkflowResult {
  const workflow = { resourceId: source.resourceId };
  if (source.kind === "scheduler-target") {
    if (source.definition.kind === "text")
      return {
        jobs: [],
        models: [],
        notes: [
          {
            range: source.range,
            message: `${source.resourceName}: a schedule target is an object with Arn and Input, not text.`,
          },
        ],
      };
    const result = schedulerTargetSteps(source.definition, workflow, { readSource: source.readSource });
    return withNotePrefix(result, source);
  }
  const what = source.kind === "pipeline" ? "pipeline definition" : "state machine definition";
  const parsed = definitionValue(source.definition, {
    substitutions: source.substitutions,
    readSource: source.readSource,
    what,
  });
  if (!parsed.ok) {
    return {
      jobs: [],
      models: [],
      notes: [{ range: parsed.value.range ?? source.range, message: `${source.resourceName}: ${parsed.message}` }],
    };
  }
  const result =
    source.kind === "pipeline" ? pipelineSteps(parsed.value, workflow) : stepFunctionsSteps(parsed.value, workflow);
  return withNotePrefix(result, source);
}

function withNotePrefix(result: WorkflowResult, source: WorkflowSource): WorkflowResult {
  return {
    ...result,
    notes: result.notes.map((n) => ({
      range: n.range ?? source.range,
      message: `${source.resourceName}: ${n.message}`,
    })),
  };
}
