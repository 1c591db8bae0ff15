/**
 * Reading the fields the rules need out of a normalized `CreateTransformJob`
 * or `CreateModel` request, the same way for Step Functions tasks, pipeline
 * steps and schedule targets (all use the API's PascalCase field names).
 */
import type { SourceRange } from "../core/range.js";
import type { ObjectEntry, Value } from "../core/value.js";
import type { Attribute } from "../graph/types.js";
import type { WorkflowModel, WorkflowTransformJob } from "./types.js";

/** The span from an entry's key to the end of its value (one `"Key": value` pair). */
export function entryRange(entry: ObjectEntry): SourceRange | undefined {
  const key = entry.keyRange;
  const value = entry.value.range;
  if (key && value && key.file === value.file && key.start.offset <= value.end.offset)
    return { file: key.file, start: key.start, end: value.end };
  return value ?? key;
}

/**
 * The attribute at a path of object keys. When the walk meets an Unknown
 * (a DYNAMIC `TransformResources.$`, an unresolved reference), that Unknown is
 * the attribute: the field exists but cannot be known.
 */
export function attributeAt(value: Value | undefined, path: readonly string[]): Attribute | undefined {
  let current = value;
  let keyRange: SourceRange | undefined;
  for (const key of path) {
    if (current === undefined) return undefined;
    if (current.kind === "unknown") return { value: current, keyRange };
    if (current.kind !== "object") return undefined;
    const entry = current.entries.find((e) => e.key === key);
    if (!entry) return undefined;
    keyRange = entry.keyRange;
    current = entry.value;
  }
  return current === undefined ? undefined : { value: current, keyRange };
}

type StepIdentity = Pick<
  WorkflowTransformJob,
  "id" | "name" | "origin" | "resourceId" | "range" | "nameRange" | "operation"
>;

export function transformJobFromRequest(identity: StepIdentity, request: Attribute | undefined): WorkflowTransformJob {
  const at = (...path: string[]) => attributeAt(request?.value, path);
  const job: WorkflowTransformJob = { ...identity, kind: "transform-job", sections: {} };
  if (request) job.request = request;
  setIf(job, "transformJobName", at("TransformJobName"));
  setIf(job, "modelName", at("ModelName"));
  setIf(job, "instanceCount", at("TransformResources", "InstanceCount"));
  setIf(job, "instanceType", at("TransformResources", "InstanceType"));
  setIf(job, "volumeKmsKeyId", at("TransformResources", "VolumeKmsKeyId"));
  setIf(job, "inputS3Uri", at("TransformInput", "DataSource", "S3DataSource", "S3Uri"));
  setIf(job, "outputS3Path", at("TransformOutput", "S3OutputPath"));
  setIf(job, "outputKmsKeyId", at("TransformOutput", "KmsKeyId"));
  const section = (key: string) => {
    const found = at(key);
    return found ? { keyRange: found.keyRange } : undefined;
  };
  setIf(job.sections, "input", section("TransformInput"));
  setIf(job.sections, "output", section("TransformOutput"));
  setIf(job.sections, "resources", section("TransformResources"));
  const capture = at("DataCaptureConfig");
  if (capture) {
    job.dataCapture = { keyRange: capture.keyRange };
    setIf(job.dataCapture, "destinationS3Uri", attributeAt(capture.value, ["DestinationS3Uri"]));
    setIf(job.dataCapture, "kmsKeyId", attributeAt(capture.value, ["KmsKeyId"]));
  }
  return job;
}

export function modelFromRequest(identity: StepIdentity, request: Attribute | undefined): WorkflowModel {
  const at = (...path: string[]) => attributeAt(request?.value, path);
  const model: WorkflowModel = { ...identity, kind: "model", containers: containersOf(request?.value) };
  if (request) model.request = request;
  setIf(model, "modelName", at("ModelName"));
  setIf(model, "executionRoleArn", at("ExecutionRoleArn"));
  setIf(model, "enableNetworkIsolation", at("EnableNetworkIsolation"));
  setIf(model, "modelDataUrl", model.containers[0]?.modelDataUrl);
  setIf(model, "image", model.containers[0]?.image);
  const vpc = at("VpcConfig");
  if (vpc) {
    model.vpcConfig = { keyRange: vpc.keyRange };
    if (vpc.value.kind === "unknown") model.vpcConfig.block = vpc.value;
    else {
      setIf(model.vpcConfig, "subnets", attributeAt(vpc.value, ["Subnets"]));
      setIf(model.vpcConfig, "securityGroupIds", attributeAt(vpc.value, ["SecurityGroupIds"]));
    }
  }
  return model;
}

/** `PrimaryContainer`, then each of `Containers` (an inference pipeline). */
function containersOf(request: Value | undefined): WorkflowModel["containers"] {
  const containers: Value[] = [];
  const primary = attributeAt(request, ["PrimaryContainer"]);
  if (primary) containers.push(primary.value);
  const list = attributeAt(request, ["Containers"]);
  if (list?.value.kind === "list") containers.push(...list.value.items);
  else if (list) containers.push(list.value);
  return containers.map((container) => {
    const out: WorkflowModel["containers"][number] = {};
    if (container.range) out.range = container.range;
    setIf(out, "image", attributeAt(container, ["Image"]));
    setIf(out, "modelDataUrl", attributeAt(container, ["ModelDataUrl"]));
    return out;
  });
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
