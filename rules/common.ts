/** What several rules ask of the graph: which models to check, and the jobs that run them. */
import type { UnknownValue, Value } from "../src/core/value.js";
import type { GraphNode, ModelNode, TransformJobNode } from "../src/graph/types.js";
import type { RuleContext } from "./rule.js";

export interface CheckedModel {
  model: ModelNode;
  /** The transform jobs in the scan that run the model. */
  jobs: TransformJobNode[];
}

/** Every model in scope: all models, or with `scope: referenced` those a job in the scan runs. */
export function modelsInScope({ graph, scope }: RuleContext): CheckedModel[] {
  const checked: CheckedModel[] = [];
  for (const model of graph.nodesOfKind("model")) {
    const jobs = graph
      .incoming(model.id, "uses-model")
      .map((edge) => graph.node(edge.from))
      .filter((node): node is TransformJobNode => node?.kind === "transform-job");
    if (jobs.length === 0 && scope === "referenced") continue;
    checked.push({ model, jobs });
  }
  return checked;
}

/**
 * The largest `InstanceCount` among the jobs: known, or Unknown when any job's
 * count is (RULES.md: a model with no job in the scan counts as Unknown).
 */
export type InstanceCount = { known: number } | { unknown: UnknownValue | undefined };

export function maxInstanceCount(jobs: readonly TransformJobNode[]): InstanceCount {
  if (jobs.length === 0) return { unknown: undefined };
  let max = 0;
  for (const job of jobs) {
    const value = job.resources?.instanceCount?.value;
    if (value === undefined)
      max = Math.max(max, 1); // the API requires it; a missing one is SMBT018's to report
    else if (numberOf(value) !== undefined) max = Math.max(max, numberOf(value)!);
    else if (value.kind === "unknown") return { unknown: value };
    else return { unknown: undefined };
  }
  return { known: max };
}

/**
 * A number, or a string of decimal digits where a number is wanted:
 * CloudFormation passes a `Number` parameter as a string (`Ref InstanceCount`
 * gives `"4"`) and converts it for an integer property.
 */
export function numberOf(value: Value | undefined): number | undefined {
  if (value?.kind === "number") return value.value;
  if (value?.kind === "string" && /^\s*\d+\s*$/.test(value.value)) return Number(value.value);
  return undefined;
}

/**
 * A model has distributed jobs (more than one instance): `error` for rules that
 * only matter then; Unknown count: `warning`; every job single-instance: none.
 */
export function distributedLevel(jobs: readonly TransformJobNode[]): "error" | "warning" | undefined {
  const count = maxInstanceCount(jobs);
  if ("known" in count) return count.known > 1 ? "error" : undefined;
  return "warning";
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** A node's name in a message; a symbolic node (one standing for every instance of a resource) says so. */
export const displayName = (node: GraphNode): string => (node.symbolic ? `${node.name} (every instance)` : node.name);
