/** Building graphs from inline Terraform and CloudFormation text in tests. */
import { loadCloudFormation } from "../../src/cloudformation/index.js";
import { loadTerraform } from "../../src/terraform/index.js";
import { graphOf } from "../../src/graph/index.js";
import type { GraphIndex } from "../../src/graph/graph.js";
import type { GraphNode, NodeKind, NodeOfKind } from "../../src/graph/types.js";
import { toDebugJson, type Value } from "../../src/core/value.js";

/** The graph of one CloudFormation template (YAML or JSON text). */
export function cfnGraph(text: string, file = "template.yaml"): GraphIndex {
  const loaded = loadCloudFormation([{ path: file, text }]);
  if (loaded.templates.length !== 1) throw new Error(`not one template: ${JSON.stringify(loaded.diagnostics)}`);
  return graphOf({ cloudFormation: loaded.templates[0]!.resources });
}

/** The graph of Terraform files given as path → text (one root per folder). */
export function tfGraph(files: Record<string, string>): GraphIndex {
  const loaded = loadTerraform(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    { root: "/nonexistent", readFile: () => undefined, listDir: () => undefined },
  );
  if (loaded.diagnostics.some((d) => d.severity === "error")) throw new Error(JSON.stringify(loaded.diagnostics));
  return graphOf({ terraform: loaded.instances });
}

/** The node of a kind by display name; throws when absent so tests fail clearly. */
export function nodeNamed<K extends NodeKind>(graph: GraphIndex, kind: K, name: string): NodeOfKind<K> {
  const node = graph.nodesOfKind(kind).find((n) => n.name === name);
  if (!node)
    throw new Error(
      `no ${kind} ${name}; have ${graph
        .nodesOfKind(kind)
        .map((n) => n.name)
        .join(", ")}`,
    );
  return node;
}

/** Edges as `from-name -kind/via-> to-name` lines, sorted. */
export function edgeLines(graph: GraphIndex): string[] {
  const name = (id: string) => graph.node(id)?.name ?? id;
  return graph.graph.edges.map((e) => `${name(e.from)} -${e.kind}/${e.via}-> ${name(e.to)}`).sort();
}

/** Unresolved links as `from-name kind REASON detail` lines. */
export function unresolvedLines(graph: GraphIndex): string[] {
  const name = (id: string) => graph.node(id)?.name ?? id;
  return graph.graph.unresolved.map((u) => `${u.name ?? name(u.from)} ${u.kind} ${u.reason}: ${u.value.detail}`).sort();
}

/** A value as plain JSON (Unknowns as `{$unknown}`), for exact assertions. */
export const plain = (value: Value | undefined): unknown => (value === undefined ? undefined : toDebugJson(value));

/** `file:line:col` of a range. */
export const at = (range: { file: string; start: { line: number; column: number } } | undefined): string =>
  range ? `${range.file}:${range.start.line}:${range.start.column}` : "(none)";

export const names = (nodes: { node: GraphNode }[]): string[] => nodes.map((f) => f.node.name);
