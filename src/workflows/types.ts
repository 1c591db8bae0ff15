/**
 * What the workflow stage finds inside Step Functions state machines,
 * SageMaker Pipeline definitions and EventBridge Scheduler targets: transform
 * jobs and models, provider-neutral, with the exact ranges of the embedded
 * definition (DESIGN.md, "Source ranges"). Graph adapters turn them into
 * `model` / `transform-job` nodes.
 */
import type { SourceRange } from "../core/range.js";
import type { UnknownValue } from "../core/value.js";
import type { Attribute } from "../graph/types.js";

export type WorkflowKind = "step-functions" | "pipeline" | "scheduler-target";
/** Matches the graph's `origin` of workflow-declared nodes. */
export type WorkflowOrigin = "step-functions" | "pipeline" | "scheduler";

export interface WorkflowNote {
  range?: SourceRange;
  message: string;
}

interface WorkflowStepBase {
  /** `<workflow resource id>#<name>`: stable, and what pipeline `Get Steps.X` references point at. */
  id: string;
  /**
   * The Step Functions state name prefixed by its enclosing states
   * (`Fan out/Score`), the pipeline step's `Name`, or `target` for a schedule.
   */
  name: string;
  origin: WorkflowOrigin;
  /** The id of the resource that holds the workflow (state machine, pipeline, schedule). */
  resourceId: string;
  /** The state or step object in the definition; absent only for values with no source (made up by an evaluator). */
  range?: SourceRange;
  /** The state's name key, or the step's `Name` value. */
  nameRange?: SourceRange;
  /** The task `Resource` ARN, the pipeline step `Type`, or the schedule target ARN, for messages. */
  operation: string;
  /**
   * The API request as the job or model would receive it, normalized: JSONPath
   * `"X.$"` entries become `X` with a DYNAMIC Unknown, JSONata `{% … %}`
   * strings become DYNAMIC Unknowns, pipeline `Get` expressions are resolved.
   */
  request?: Attribute;
}

export interface WorkflowTransformJob extends WorkflowStepBase {
  kind: "transform-job";
  transformJobName?: Attribute;
  modelName?: Attribute;
  instanceCount?: Attribute;
  instanceType?: Attribute;
  inputS3Uri?: Attribute;
  outputS3Path?: Attribute;
  outputKmsKeyId?: Attribute;
  volumeKmsKeyId?: Attribute;
  /** Key ranges of the request's sections, for "missing inside" findings (a `TransformOutput` without `KmsKeyId`). */
  sections: {
    input?: { keyRange?: SourceRange };
    output?: { keyRange?: SourceRange };
    resources?: { keyRange?: SourceRange };
  };
  /** `DataCaptureConfig`, when the request has one. */
  dataCapture?: { keyRange?: SourceRange; destinationS3Uri?: Attribute; kmsKeyId?: Attribute };
  /**
   * Step Functions only: the id of the `createModel` task of the same state
   * machine whose model name is provably this job's: the same literal, the
   * same context path of the execution (`"ModelName.$": "$$.Execution.Name"`
   * in both), or the same `States.Format(…)` of such paths and literals.
   */
  modelStepId?: string;
  /**
   * How `modelStepId` was found: `state-path` when both name the model by the
   * same state path (`$.model`), which a state between them may change — a
   * fallback the finding discloses.
   */
  modelStepLink?: "provable" | "state-path";
}

export interface WorkflowModel extends WorkflowStepBase {
  kind: "model";
  /** Absent for a pipeline `Model` step, whose model name SageMaker generates. */
  modelName?: Attribute;
  executionRoleArn?: Attribute;
  /**
   * Absent when the request has no `VpcConfig`. When `VpcConfig` itself is
   * Unknown (`"VpcConfig.$"`, a JSONata expression), `block` holds it and
   * there are no subnets or groups to read (the graph's convention).
   */
  vpcConfig?: { keyRange?: SourceRange; block?: UnknownValue; subnets?: Attribute; securityGroupIds?: Attribute };
  /** Absent when not written (the API's default is false; the graph adapter supplies defaults). */
  enableNetworkIsolation?: Attribute;
  /** `PrimaryContainer`, then `Containers[]`; an Unknown container list is one entry whose fields are that Unknown. */
  containers: { range?: SourceRange; image?: Attribute; modelDataUrl?: Attribute }[];
  /** The first container's `ModelDataUrl`. */
  modelDataUrl?: Attribute;
  /** The first container's `Image`. */
  image?: Attribute;
}

export type WorkflowStep = WorkflowTransformJob | WorkflowModel;

export interface WorkflowResult {
  jobs: WorkflowTransformJob[];
  models: WorkflowModel[];
  notes: WorkflowNote[];
}
