/**
 * EventBridge Scheduler universal targets: a target whose ARN is
 * `arn:<partition>:scheduler:::aws-sdk:sagemaker:createTransformJob` calls the
 * API with the target's `Input` (a JSON string) as the request. The
 * `createModel` form is read the same way. The target is given as the object
 * holding `Arn`/`Input` (CloudFormation) or `arn`/`input` (Terraform).
 */
import { getEntry, type ObjectEntry, type Value } from "../core/value.js";
import { definitionValue, type DefinitionOptions } from "./definition.js";
import { modelFromRequest, transformJobFromRequest } from "./requests.js";
import { describeArn } from "./step-functions.js";
import type { WorkflowResult } from "./types.js";

const TARGET = /^arn:.+:scheduler:::aws-sdk:sagemaker:(createTransformJob|createModel)$/;
const TARGET_SUFFIX = /(?:^|:)scheduler:::aws-sdk:sagemaker:(createTransformJob|createModel)$/;

export function schedulerTargetOperation(arn: Value | undefined): "createTransformJob" | "createModel" | undefined {
  if (arn?.kind === "string") return TARGET.exec(arn.value)?.[1] as "createTransformJob" | "createModel" | undefined;
  if (arn?.kind === "unknown" && arn.suffix !== undefined)
    return TARGET_SUFFIX.exec(arn.suffix)?.[1] as "createTransformJob" | "createModel" | undefined;
  return undefined;
}

export function schedulerTargetSteps(
  target: Value,
  workflow: { resourceId: string },
  options: Pick<DefinitionOptions, "readSource"> = {},
): WorkflowResult {
  const result: WorkflowResult = { jobs: [], models: [], notes: [] };
  const arnEntry = field(target, "Arn");
  const operation = schedulerTargetOperation(arnEntry?.value);
  if (!operation || !arnEntry) return result;
  const name = "target";
  const identity = {
    id: `${workflow.resourceId}#${name}`,
    name,
    origin: "scheduler" as const,
    resourceId: workflow.resourceId,
    range: target.range,
    nameRange: arnEntry.keyRange,
    operation: describeArn(arnEntry.value),
  };
  const inputEntry = field(target, "Input");
  let request: { value: Value; keyRange?: typeof arnEntry.keyRange } | undefined;
  if (!inputEntry) {
    result.notes.push({
      range: arnEntry.keyRange ?? target.range,
      message: `The schedule target calls ${operation} without an Input: the request cannot be read.`,
    });
  } else {
    const parsed = definitionValue(inputEntry.value, { readSource: options.readSource, what: "schedule target input" });
    if (parsed.ok) request = { value: parsed.value, keyRange: inputEntry.keyRange };
    else {
      result.notes.push({ range: inputEntry.value.range ?? inputEntry.keyRange, message: parsed.message });
      request = { value: parsed.value, keyRange: inputEntry.keyRange };
    }
  }
  if (operation === "createTransformJob") result.jobs.push(transformJobFromRequest(identity, request));
  else result.models.push(modelFromRequest(identity, request));
  return result;
}

/** A field by its CloudFormation (`Arn`) or Terraform (`arn`) spelling. */
function field(target: Value, name: string): ObjectEntry | undefined {
  return getEntry(target, name) ?? getEntry(target, name.toLowerCase());
}
