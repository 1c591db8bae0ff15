/**
 * S3 questions several rules share: which endpoints of a model's VPC are S3
 * endpoints, and which buckets the model and its jobs read and write.
 */
import { unknown, type UnknownValue, type Value } from "../src/core/value.js";
import type { GraphIndex } from "../src/graph/graph.js";
import type { ModelNode, NodeOfKind, TransformJobNode, VpcEndpointNode } from "../src/graph/types.js";
import { bucketNameOf } from "../src/graph/graph.js";
import { isUnknownMarker, type PolicyDocument } from "../src/analysis/iam-policy.js";
import { modelsInScope } from "./common.js";
import { isS3Service, modelSubnets, modelVpcs } from "./network.js";
import type { RuleContext } from "./rule.js";

/** The S3 endpoints of a VPC; endpoints whose service is Unknown come back as Unknowns. */
export function s3EndpointsOfVpc(
  graph: GraphIndex,
  vpcId: string,
): { endpoints: VpcEndpointNode[]; unknowns: UnknownValue[] } {
  const found = graph.endpointsOfVpc(vpcId);
  const endpoints: VpcEndpointNode[] = [];
  const unknowns = [...found.unknowns];
  for (const { node } of found.found) {
    const s3 = isS3Service(node);
    if (s3 === "yes") endpoints.push(node);
    else if (s3 === "unknown" && node.serviceName?.value.kind === "unknown") unknowns.push(node.serviceName.value);
  }
  return { endpoints, unknowns };
}

/** A bucket a job needs, and for what. */
export interface JobBucket {
  use: string;
  /** What the request must be allowed: read (`GetObject`, `ListBucket`) or write (`PutObject`). */
  access: "read" | "write";
  /** The URI or ARN as written. */
  value: Value;
  /** The bucket node, when the bucket is declared in the scan. */
  node?: NodeOfKind<"s3-bucket">;
  /** The name the policy matcher uses: the bucket's name, or a stand-in for a generated name. */
  token?: string;
}

/** The buckets of a model's artifacts and of its jobs' input, output and capture. */
export function jobBuckets(
  graph: GraphIndex,
  model: ModelNode,
  jobs: readonly TransformJobNode[],
): { buckets: JobBucket[]; unknowns: UnknownValue[] } {
  const candidates: { use: string; access: JobBucket["access"]; value: Value | undefined }[] = [];
  for (const container of model.containers)
    candidates.push({ use: `model data of ${model.name}`, access: "read", value: container.modelDataUrl?.value });
  for (const job of jobs) {
    candidates.push({ use: `input of ${job.name}`, access: "read", value: job.input?.s3Uri?.value });
    candidates.push({ use: `output of ${job.name}`, access: "write", value: job.output?.s3OutputPath?.value });
    candidates.push({
      use: `data capture of ${job.name}`,
      access: "write",
      value: job.dataCapture?.destinationS3Uri?.value,
    });
  }
  const buckets: JobBucket[] = [];
  const unknowns: UnknownValue[] = [];
  for (const { use, access, value } of candidates) {
    if (!value) continue;
    const literal = value.kind === "string" ? bucketNameOf(value.value) : undefined;
    const resolved = graph.bucketOfS3Uri(value);
    const node = resolved.found[0]?.node;
    const token = literal ?? (node ? bucketToken(node) : undefined);
    if (token === undefined) {
      unknowns.push(
        ...(resolved.unknowns.length > 0
          ? resolved.unknowns
          : [unknown("DYNAMIC", `The bucket of the ${use} is not known.`, { range: value.range })]),
      );
      continue;
    }
    buckets.push({ use, access, value, node, token });
  }
  return { buckets, unknowns };
}

/** The bucket's name, or a stand-in unique to the node when the provider generates the name. */
export function bucketToken(node: NodeOfKind<"s3-bucket">): string {
  const name = node.bucketName?.value;
  return name?.kind === "string"
    ? name.value
    : `generated-name-of-${node.id.replace(/[^A-Za-z0-9.-]/g, "-").toLowerCase()}`;
}

/**
 * Replaces, in the policy's `Resource`/`NotResource` entries, references to a
 * bucket declared in the scan (its ARN, or `${arn}/*`) by the bucket's ARN
 * built from its token, so that the matcher can compare them with the job's
 * buckets.
 */
export function withBucketArns(document: PolicyDocument, graph: GraphIndex): PolicyDocument {
  const arnOf = (marker: unknown): unknown => {
    if (!isUnknownMarker(marker)) return marker;
    const prefix = marker.prefix ?? "";
    if (prefix !== "" && !/^arn:[^:]*:s3:::$/.test(prefix)) return marker;
    const buckets = (marker.refs ?? [])
      .map((r) => graph.node(r.resource))
      .filter((n): n is NodeOfKind<"s3-bucket"> => n?.kind === "s3-bucket");
    if (buckets.length !== 1) return marker;
    return `arn:aws:s3:::${bucketToken(buckets[0]!)}${marker.suffix ?? ""}`;
  };
  const rewrite = (statement: unknown): unknown => {
    if (typeof statement !== "object" || statement === null || isUnknownMarker(statement)) return statement;
    const out: Record<string, unknown> = { ...(statement as Record<string, unknown>) };
    for (const key of ["Resource", "NotResource"]) {
      const resources = out[key];
      if (resources === undefined) continue;
      out[key] = Array.isArray(resources) ? resources.map(arnOf) : arnOf(resources);
    }
    return out;
  };
  if (typeof document !== "object" || document === null || isUnknownMarker(document)) return document;
  const statements = (document as Record<string, unknown>).Statement;
  return {
    ...(document as Record<string, unknown>),
    Statement: Array.isArray(statements) ? statements.map(rewrite) : rewrite(statements),
  };
}

/** Endpoints of the models' VPCs, each with the models (and their jobs) it serves. */
export interface ServedEndpoint {
  endpoint: VpcEndpointNode;
  models: { model: ModelNode; jobs: TransformJobNode[] }[];
}

/**
 * The S3 endpoints serving the models in scope, each once. A model whose VPC
 * or endpoints cannot be determined is reported through `cannotVerify`.
 */
export function servedS3Endpoints(context: RuleContext, what: string): ServedEndpoint[] {
  const { graph } = context;
  const served = new Map<string, ServedEndpoint>();
  for (const { model, jobs } of modelsInScope(context)) {
    if (!model.vpcConfig) continue;
    for (const vpc of modelVpcs(context, model, modelSubnets(context, model))) {
      const { endpoints, unknowns } = s3EndpointsOfVpc(graph, vpc.id);
      for (const u of unknowns)
        context.cannotVerify({ unknown: u, what: `${what} of VPC ${vpc.name}`, range: vpc.range, resource: vpc.name });
      for (const endpoint of endpoints) {
        const entry = served.get(endpoint.id) ?? { endpoint, models: [] };
        entry.models.push({ model, jobs });
        served.set(endpoint.id, entry);
      }
    }
  }
  return [...served.values()];
}
