/**
 * The graph as JSON (`sagemaker-vpc-guard graph --format json`):
 * `{"nodes": [{"id", "kind", "name", "file", "line"}], "edges": [{"from", "to", "kind"}]}`.
 * Node ids are the source ids (`<root>:<address>`, `<file>#<LogicalId>`, or
 * derived from one), which contain only root-relative paths and so are the
 * same on every run and machine. Nodes are ordered by file, line and id; edges
 * by from, to and kind, each triple once.
 */
import type { Graph } from "./types.js";

export interface GraphJson {
  nodes: { id: string; kind: string; name: string; file: string; line: number }[];
  edges: { from: string; to: string; kind: string }[];
}

export function graphJson(graph: Graph): GraphJson {
  const nodes = graph.nodes
    .map((n) => ({ id: n.id, kind: n.kind, name: n.name, file: n.range.file, line: n.range.start.line }))
    .sort((a, b) => cmp(a.file, b.file) || a.line - b.line || cmp(a.id, b.id));
  const seen = new Set<string>();
  const edges: GraphJson["edges"] = [];
  for (const e of graph.edges) {
    const key = `${e.from}\u0000${e.to}\u0000${e.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ from: e.from, to: e.to, kind: e.kind });
  }
  edges.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.kind, b.kind));
  return { nodes, edges };
}

export function renderGraphJson(graph: Graph): string {
  return `${JSON.stringify(graphJson(graph), null, 2)}\n`;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
