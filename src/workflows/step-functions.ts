/**
 * Step Functions (Amazon States Language): the SageMaker `createTransformJob`
 * and `createModel` Task states of a state machine, at any depth.
 *
 * Task `Resource` forms (RULES.md §A): `arn:<partition>:states:::sagemaker:<op>`
 * with an optional `.sync` / `.waitForTaskToken` suffix, and the SDK
 * integration `arn:<partition>:states:::aws-sdk:sagemaker:<op>`. A Resource
 * that is an Unknown string (a partition from `data.aws_partition`, `${AWS::Partition}`)
 * matches on its known suffix or prefix.
 *
 * The request is `Parameters` (JSONPath: an entry `"X.$": "$.path"` sets `X`
 * at run time, so `X` becomes a DYNAMIC Unknown with the range of that entry)
 * or `Arguments` (JSONata: a string `{% expr %}` is a DYNAMIC Unknown).
 */
import type { SourceRange } from "../core/range.js";
import { getValue, unknown, type ObjectEntry, type Value } from "../core/value.js";
import { entryRange, modelFromRequest, transformJobFromRequest } from "./requests.js";
import type { WorkflowModel, WorkflowResult, WorkflowTransformJob } from "./types.js";

/** Nesting of Parallel and Map states followed; deeper states get a note (a counted limit). */
export const MAX_STATE_NESTING = 50;

export type SageMakerOperation = "createTransformJob" | "createModel";

// The partition is matched loosely: an unsubstituted `${Partition}` placeholder may stand there.
const RESOURCE =
  /^arn:.+:states:::(?:aws-sdk:)?sagemaker:(createTransformJob|createModel)(?:\.sync|\.waitForTaskToken)?$/;
/** The service part of the ARN, as an Unknown's known suffix holds it (`…:states:::sagemaker:createModel`). */
const RESOURCE_SUFFIX =
  /(?:^|:)states:::(?:aws-sdk:)?sagemaker:(createTransformJob|createModel)(?:\.sync|\.waitForTaskToken)?$/;
/** …or its known prefix, when only the integration pattern is unknown. */
const RESOURCE_PREFIX = /^arn:[a-z0-9-]+:states:::(?:aws-sdk:)?sagemaker:(createTransformJob|createModel)(?:\.|$)/;

/** The SageMaker operation a Task `Resource` calls, if it is one this stage reads. */
export function sageMakerTaskOperation(resource: Value | undefined): SageMakerOperation | undefined {
  if (resource?.kind === "string") return RESOURCE.exec(resource.value)?.[1] as SageMakerOperation | undefined;
  if (resource?.kind !== "unknown") return undefined;
  const bySuffix = resource.suffix === undefined ? undefined : RESOURCE_SUFFIX.exec(resource.suffix)?.[1];
  const byPrefix = resource.prefix === undefined ? undefined : RESOURCE_PREFIX.exec(resource.prefix)?.[1];
  return (bySuffix ?? byPrefix) as SageMakerOperation | undefined;
}

export function stepFunctionsSteps(definition: Value, workflow: { resourceId: string }): WorkflowResult {
  const result: WorkflowResult = { jobs: [], models: [], notes: [] };
  const keys = new Map<string, ModelNameKey>();
  walkStates(getValue(definition, "States"), [], workflow.resourceId, result, 0, keys);
  linkModelSteps(result.jobs, result.models, keys);
  return result;
}

function walkStates(
  states: Value | undefined,
  path: readonly string[],
  resourceId: string,
  result: WorkflowResult,
  depth: number,
  keys: Map<string, ModelNameKey>,
): void {
  if (states?.kind === "unknown") {
    result.notes.push({
      range: states.range,
      message: `The states${path.length > 0 ? ` inside "${path.join("/")}"` : ""} cannot be determined statically (${states.detail.replace(/\.$/, "")}); their transform jobs and models are not checked.`,
    });
    return;
  }
  if (states?.kind !== "object") return;
  if (depth > MAX_STATE_NESTING) {
    result.notes.push({
      range: states.range,
      message: `States nested more than ${MAX_STATE_NESTING} levels deep were not read.`,
    });
    return;
  }
  for (const entry of states.entries) {
    const state = entry.value;
    if (state.kind !== "object") continue;
    const statePath = [...path, entry.key];
    switch (stringOf(getValue(state, "Type"))) {
      case "Task":
        readTask(entry, statePath, resourceId, result, keys);
        break;
      case "Parallel": {
        const branches = getValue(state, "Branches");
        if (branches?.kind === "list")
          for (const branch of branches.items)
            walkStates(getValue(branch, "States"), statePath, resourceId, result, depth + 1, keys);
        break;
      }
      case "Map": {
        // `ItemProcessor` replaced `Iterator`; both are still accepted.
        const processor = getValue(state, "ItemProcessor") ?? getValue(state, "Iterator");
        walkStates(getValue(processor, "States"), statePath, resourceId, result, depth + 1, keys);
        break;
      }
      default:
        break;
    }
  }
}

function readTask(
  entry: ObjectEntry,
  statePath: readonly string[],
  resourceId: string,
  result: WorkflowResult,
  keys: Map<string, ModelNameKey>,
): void {
  const state = entry.value;
  const resource = getValue(state, "Resource");
  const operation = sageMakerTaskOperation(resource);
  const name = statePath.join("/");
  if (!operation) {
    // A Resource that cannot be read but a request shaped like CreateTransformJob: say so rather than skip silently.
    const request = taskRequest(state)?.value;
    if (
      resource?.kind === "unknown" &&
      getValue(request, "TransformResources") !== undefined &&
      getValue(request, "TransformInput") !== undefined
    ) {
      result.notes.push({
        range: resource.range ?? entry.keyRange,
        message: `The task "${name}" looks like a transform job, but its Resource cannot be determined statically (${resource.detail.replace(/\.$/, "")}); it is not checked.`,
      });
    }
    return;
  }
  const identity = {
    id: `${resourceId}#${name}`,
    name,
    origin: "step-functions" as const,
    resourceId,
    range: state.range,
    nameRange: entry.keyRange,
    operation: describeArn(resource),
  };
  const key = modelNameKey(getValue(state, "Parameters") ?? getValue(state, "Arguments"));
  if (key) keys.set(identity.id, key);
  const request = taskRequest(state);
  if (request === undefined) {
    result.notes.push({
      range: entry.keyRange ?? state.range,
      message: `The ${operation} task "${name}" has no Parameters or Arguments.`,
    });
  }
  if (operation === "createTransformJob") result.jobs.push(transformJobFromRequest(identity, request));
  else result.models.push(modelFromRequest(identity, request));
}

/** The task's request with run-time parts made DYNAMIC Unknowns. */
function taskRequest(state: Value): { value: Value; keyRange?: SourceRange } | undefined {
  if (state.kind !== "object") return undefined;
  const args = state.entries.find((e) => e.key === "Arguments");
  if (args) return { value: jsonataDynamic(args.value), keyRange: args.keyRange };
  const params = state.entries.find((e) => e.key === "Parameters");
  if (params) return { value: jsonPathDynamic(params.value), keyRange: params.keyRange };
  // `"Parameters.$"` is not valid ASL, but a DYNAMIC request is the honest reading of it.
  const dynamic = state.entries.find((e) => e.key === "Parameters.$");
  if (dynamic) return { value: dynamicEntry(dynamic, "Parameters"), keyRange: dynamic.keyRange };
  return undefined;
}

/** JSONPath payload template: `"X.$": expr` → `X` = DYNAMIC Unknown at the whole entry. */
export function jsonPathDynamic(value: Value): Value {
  switch (value.kind) {
    case "list":
      return { ...value, items: value.items.map(jsonPathDynamic) };
    case "object": {
      const entries: ObjectEntry[] = [];
      for (const entry of value.entries) {
        if (entry.key.endsWith(".$") && entry.key.length > 2) {
          const key = entry.key.slice(0, -2);
          if (!entries.some((e) => e.key === key))
            entries.push({ key, keyRange: entry.keyRange, value: dynamicEntry(entry, key) });
        } else if (!entries.some((e) => e.key === entry.key))
          entries.push({ ...entry, value: jsonPathDynamic(entry.value) });
      }
      return { ...value, entries };
    }
    default:
      return value;
  }
}

function dynamicEntry(entry: ObjectEntry, key: string): Value {
  const expression = entry.value.kind === "string" ? ` "${entry.value.value}"` : "";
  return unknown("DYNAMIC", `${key} is set when the state runs, from the JSONPath expression${expression}.`, {
    range: entryRange(entry),
  });
}

const JSONATA = /^\s*\{%[\s\S]*%\}\s*$/;

/** JSONata arguments: a string `{% expr %}` is evaluated when the state runs. */
export function jsonataDynamic(value: Value): Value {
  switch (value.kind) {
    case "list":
      return { ...value, items: value.items.map(jsonataDynamic) };
    case "object":
      return { ...value, entries: value.entries.map((e) => ({ ...e, value: jsonataDynamic(e.value) })) };
    case "string":
      if (!JSONATA.test(value.value)) return value;
      return unknown(
        "DYNAMIC",
        `The value is set when the state runs, from the JSONata expression ${value.value.trim()}.`,
        { range: value.range },
      );
    default:
      return value;
  }
}

/**
 * A job uses the model a `createModel` task of the same machine creates when
 * their model names are provably equal: the same literal; the same context
 * path of the execution (`$$.Execution.Name`: one value for the whole run);
 * the same `States.Format(…)` of such paths and literals. The same state path
 * (`$.model`) links only as a fallback (`state-path`): a state between the
 * two may change it. The nearest such task before the job wins; a name two
 * tasks share links to neither unless only one is before the job.
 */
function linkModelSteps(
  jobs: WorkflowTransformJob[],
  models: readonly WorkflowModel[],
  keys: ReadonlyMap<string, ModelNameKey>,
): void {
  for (const job of jobs) {
    const jobKey = keys.get(job.id);
    if (!jobKey) continue;
    const matching = models.filter((m) => keys.get(m.id)?.key === jobKey.key);
    if (matching.length !== 1) continue;
    job.modelStepId = matching[0]!.id;
    job.modelStepLink = jobKey.provable ? "provable" : "state-path";
  }
}

/** What a task's model name is, as a key equal for equal names; `provable` unless it reads the state. */
interface ModelNameKey {
  key: string;
  provable: boolean;
}

const EXECUTION_PATH = /^\$\$\.Execution(?:\.[A-Za-z0-9_]+)+$/;
const STATE_PATH = /^\$(?:\.[A-Za-z0-9_]+)+$/;
const FORMAT = /^States\.Format\((.*)\)$/s;
const JSONATA_EXECUTION = /^\s*\{%\s*\$states\.context\.(Execution(?:\.[A-Za-z0-9_]+)+)\s*%\}\s*$/;

/** The key of a task's `ModelName` (literal) or `ModelName.$` (a path or `States.Format`), from its raw request. */
function modelNameKey(request: Value | undefined): ModelNameKey | undefined {
  if (request?.kind !== "object") return undefined;
  const literal = getValue(request, "ModelName");
  if (literal?.kind === "string") {
    // JSONata (`Arguments`): the execution's context is `$states.context`.
    const jsonata = JSONATA_EXECUTION.exec(literal.value);
    if (jsonata) return { key: `path:$$.${jsonata[1]}`, provable: true };
    if (JSONATA.test(literal.value)) return undefined;
    return { key: `literal:${literal.value}`, provable: true };
  }
  const path = getValue(request, "ModelName.$");
  if (path?.kind !== "string") return undefined;
  const expression = path.value.trim();
  if (EXECUTION_PATH.test(expression)) return { key: `path:${expression}`, provable: true };
  if (STATE_PATH.test(expression)) return { key: `path:${expression}`, provable: false };
  const format = FORMAT.exec(expression);
  if (!format) return undefined;
  const args = splitFormatArguments(format[1]!);
  if (!args) return undefined;
  let provable = true;
  for (const arg of args) {
    if (arg.startsWith("'")) continue;
    if (EXECUTION_PATH.test(arg)) continue;
    if (STATE_PATH.test(arg)) provable = false;
    else return undefined;
  }
  return { key: `format:${args.join(",")}`, provable };
}

/** `'model-{}', $$.Execution.Name` → its arguments, literals with their quotes; undefined for nested calls. */
function splitFormatArguments(text: string): string[] | undefined {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === " ") i++;
    let arg: string;
    if (text[i] === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) return undefined;
      arg = text.slice(i, j + 1);
      i = j + 1;
    } else {
      const comma = text.indexOf(",", i);
      arg = text.slice(i, comma < 0 ? text.length : comma).trim();
      i = comma < 0 ? text.length : comma;
      if (arg.includes("(")) return undefined;
    }
    args.push(arg);
    while (text[i] === " ") i++;
    if (i < text.length && text[i] !== ",") return undefined;
    i++;
  }
  return args.length > 0 ? args : undefined;
}

/** An ARN for messages: an Unknown one shows its known ends around "…". */
export function describeArn(value: Value | undefined): string {
  if (value?.kind === "string") return value.value;
  if (value?.kind === "unknown") return `${value.prefix ?? ""}…${value.suffix ?? ""}`;
  return "…";
}

function stringOf(value: Value | undefined): string | undefined {
  return value?.kind === "string" ? value.value : undefined;
}
