/**
 * Builds the graph from the adapters' nodes and links them: edges come from
 * references; a match by literal name is a fallback the edge records.
 */
import type { ResourceRef, Value } from "../core/value.js";
import type { EdgeVia, Edge, Graph, GraphNode, ModelNode } from "./types.js";

/** A node and what references to its source resource yield. */
export interface SourceNode {
  node: GraphNode;
  /** Attribute name (`""` for CloudFormation's `Ref`) → what the reference yields. */
  refYields: Record<string, "name" | "arn">;
}

export function buildGraph(sources: readonly SourceNode[]): Graph {
  const nodes = sources.map((s) => s.node);
  const yields = new Map(sources.map((s) => [s.node.id, s.refYields]));
  const models = nodes.filter((n): n is ModelNode => n.kind === "model");
  const modelsById = new Map(models.map((m) => [m.id, m]));
  const modelsByName = new Map<string, ModelNode[]>();
  for (const model of models) {
    const name = model.modelName?.value;
    if (name?.kind === "string") modelsByName.set(name.value, [...(modelsByName.get(name.value) ?? []), model]);
  }

  const edges: Edge[] = [];
  for (const job of nodes) {
    if (job.kind !== "transform-job" || !job.modelName) continue;
    const value = job.modelName.value;
    const add = (to: string, via: EdgeVia) => edges.push({ from: job.id, to, kind: "uses-model", via, range: value.range });
    const referenced = referencedModel(value, modelsById, yields);
    if (referenced) add(referenced.model.id, referenced.via);
    else if (value.kind === "string") for (const model of modelsByName.get(value.value) ?? []) add(model.id, "literal-name");
  }
  return { nodes, edges };
}

function referencedModel(
  value: Value,
  modelsById: ReadonlyMap<string, ModelNode>,
  yields: Map<string, Record<string, "name" | "arn">>,
): { model: ModelNode; via: EdgeVia } | undefined {
  if (value.kind !== "unknown") return undefined;
  for (const ref of value.refs) {
    const model = modelsById.get(ref.resource);
    if (!model) continue;
    const yielded = yields.get(model.id)?.[refKey(ref)];
    return { model, via: yielded === "arn" ? "reference-to-arn" : "reference" };
  }
  return undefined;
}

const refKey = (ref: ResourceRef): string => ref.attribute ?? "";
