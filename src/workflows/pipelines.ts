/**
 * SageMaker Pipeline definitions (`{"Version":"2020-12-01","Parameters":[…],"Steps":[…]}`):
 * `Transform` steps (Arguments = a CreateTransformJob request) and `Model`
 * steps (Arguments = a CreateModel request), also inside `Condition` steps'
 * `IfSteps`/`ElseSteps`.
 *
 * Property references are resolved where they can be:
 * - `{"Get": "Parameters.P"}` → P's `DefaultValue`, placed at the `Get`
 *   expression; a DYNAMIC Unknown when P has no default (it is given per run).
 * - `{"Get": "Steps.X.<path>"}` → a COMPUTED Unknown whose reference is
 *   `{resource: "<pipeline resource id>#X", attribute: "<path>"}`: for a
 *   Model step X, `Steps.X.ModelName` (or `Steps.X.Properties.ModelName`) is
 *   the name SageMaker generates for X's model, and the reference is exactly
 *   the id and attribute of X's model node, so the graph draws the edge the
 *   way it does for any reference to a model's name.
 * - `{"Get": "Execution.…"}`, functions (`{"Std:Join": …}`, `{"Std:JsonGet": …}`)
 *   → DYNAMIC Unknowns.
 *
 * `RegisterModel` steps create a model package, not a model, and are not read.
 */
import type { SourceRange } from "../core/range.js";
import { getEntry, getValue, unknown, type ObjectEntry, type Value } from "../core/value.js";
import { modelFromRequest, transformJobFromRequest } from "./requests.js";
import type { WorkflowResult } from "./types.js";

/** Nesting of Condition steps followed (a counted limit). */
export const MAX_STEP_NESTING = 50;

interface PipelineContext {
  resourceId: string;
  parameters: Map<string, { defaultValue?: Value }>;
  stepNames: Set<string>;
}

export function pipelineSteps(definition: Value, workflow: { resourceId: string }): WorkflowResult {
  const result: WorkflowResult = { jobs: [], models: [], notes: [] };
  const parameters = new Map<string, { defaultValue?: Value }>();
  const declared = getValue(definition, "Parameters");
  if (declared?.kind === "list") {
    for (const parameter of declared.items) {
      const name = getValue(parameter, "Name");
      if (name?.kind !== "string") continue;
      const defaultValue = getValue(parameter, "DefaultValue");
      parameters.set(name.value, defaultValue === undefined ? {} : { defaultValue });
    }
  }
  const stepNames = new Set<string>();
  collectStepNames(getValue(definition, "Steps"), stepNames, 0);
  const context: PipelineContext = { resourceId: workflow.resourceId, parameters, stepNames };
  walkSteps(getValue(definition, "Steps"), context, result, 0);
  return result;
}

function collectStepNames(steps: Value | undefined, names: Set<string>, depth: number): void {
  if (steps?.kind !== "list" || depth > MAX_STEP_NESTING) return;
  for (const step of steps.items) {
    const name = getValue(step, "Name");
    if (name?.kind === "string") names.add(name.value);
    const args = getValue(step, "Arguments");
    collectStepNames(getValue(args, "IfSteps"), names, depth + 1);
    collectStepNames(getValue(args, "ElseSteps"), names, depth + 1);
  }
}

function walkSteps(steps: Value | undefined, context: PipelineContext, result: WorkflowResult, depth: number): void {
  if (steps?.kind !== "list") return;
  if (depth > MAX_STEP_NESTING) {
    result.notes.push({
      range: steps.range,
      message: `Pipeline steps nested more than ${MAX_STEP_NESTING} levels deep were not read.`,
    });
    return;
  }
  for (const step of steps.items) {
    const type = getValue(step, "Type");
    const name = getValue(step, "Name");
    if (type?.kind !== "string") continue;
    if (type.value === "Condition") {
      const args = getValue(step, "Arguments");
      walkSteps(getValue(args, "IfSteps"), context, result, depth + 1);
      walkSteps(getValue(args, "ElseSteps"), context, result, depth + 1);
      continue;
    }
    if (type.value !== "Transform" && type.value !== "Model") continue;
    const stepName = name?.kind === "string" ? name.value : `(unnamed ${type.value} step)`;
    const identity = {
      id: `${context.resourceId}#${stepName}`,
      name: stepName,
      origin: "pipeline" as const,
      resourceId: context.resourceId,
      range: step.range,
      nameRange: name?.range,
      operation: type.value,
    };
    const argsEntry = getEntry(step, "Arguments");
    const request = argsEntry
      ? { value: resolveProperties(argsEntry.value, context), keyRange: argsEntry.keyRange }
      : undefined;
    if (!request)
      result.notes.push({
        range: name?.range ?? step.range,
        message: `The ${type.value} step "${stepName}" has no Arguments.`,
      });
    if (type.value === "Transform") result.jobs.push(transformJobFromRequest(identity, request));
    else result.models.push(modelFromRequest(identity, request));
  }
}

/** Resolves `Get` expressions and marks pipeline functions DYNAMIC, everywhere in a step's arguments. */
function resolveProperties(value: Value, context: PipelineContext): Value {
  switch (value.kind) {
    case "list":
      return { ...value, items: value.items.map((item) => resolveProperties(item, context)) };
    case "object": {
      const only = value.entries.length === 1 ? value.entries[0]! : undefined;
      if (only?.key === "Get") return resolveGet(only, value.range, context);
      if (only?.key.startsWith("Std:")) {
        return unknown("DYNAMIC", `The value is computed when the pipeline runs, by the function ${only.key}.`, {
          range: value.range,
        });
      }
      return { ...value, entries: value.entries.map((e) => ({ ...e, value: resolveProperties(e.value, context) })) };
    }
    default:
      return value;
  }
}

function resolveGet(get: ObjectEntry, range: SourceRange | undefined, context: PipelineContext): Value {
  const path = get.value.kind === "string" ? get.value.value : undefined;
  if (path === undefined)
    return unknown("DYNAMIC", "The value is a property reference computed when the pipeline runs.", { range });
  const [root, first, ...rest] = path.split(".");
  if (root === "Parameters" && first !== undefined && rest.length === 0) {
    const parameter = context.parameters.get(first);
    if (parameter?.defaultValue !== undefined) return placed(parameter.defaultValue, range);
    const why = parameter ? "has no DefaultValue" : "is not declared";
    return unknown("DYNAMIC", `The pipeline parameter ${first} ${why}: its value is given when an execution starts.`, {
      range,
    });
  }
  if (root === "Steps" && first !== undefined && rest.length > 0) {
    if (!context.stepNames.has(first))
      return unknown("DYNAMIC", `The value is read from the step ${first}, which the pipeline does not declare.`, {
        range,
      });
    // `Properties.` is how some SDK versions spell a step's properties; the step's node has them unprefixed.
    const attribute = (rest[0] === "Properties" && rest.length > 1 ? rest.slice(1) : rest).join(".");
    return unknown(
      "COMPUTED",
      `The value is the ${attribute} of the pipeline step ${first}, set when the pipeline runs.`,
      {
        range,
        refs: [{ resource: `${context.resourceId}#${first}`, attribute }],
      },
    );
  }
  return unknown("DYNAMIC", `The value is the pipeline property ${path}, known only when the pipeline runs.`, {
    range,
  });
}

/** A parameter default used at a `Get`: the default's value, reported where the `Get` is written. */
function placed(value: Value, range: SourceRange | undefined): Value {
  if (value.kind === "list") return { ...value, range, items: value.items.map((item) => placed(item, range)) };
  if (value.kind === "object")
    return {
      ...value,
      range,
      entries: value.entries.map((e) => ({ key: e.key, keyRange: range, value: placed(e.value, range) })),
    };
  return { ...value, range };
}
