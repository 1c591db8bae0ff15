/**
 * Provenance: which source files the facts of the graph come from, grouped by
 * the parts of the graph that can change each other's findings. Computed once
 * per scan from the graph itself, so that no rule has to say what its findings
 * depend on (`only-changed`, `src/github/only-changed.ts`).
 *
 * A group is a connected part of the graph: nodes joined by any edge (in
 * either direction: a security group's finding depends on the job that uses
 * it) or declared in the same configuration unit (one Terraform module
 * instance, one CloudFormation template). A node's files are every file one of
 * its source ranges is in: its header, each attribute and value (a value read
 * from a variable or another template carries that range), facets, module call
 * sites. Erring wide is the point: a finding counted as changed that was not
 * costs a line of output, one left out that was costs a broken stack.
 */
import type { SourceRange } from "../core/range.js";
import type { Graph, GraphNode } from "./types.js";

export interface Provenance {
  /** File → the groups with a fact from it. */
  groupsOfFile: Map<string, Set<number>>;
  /** Group → every file its facts come from. */
  filesOfGroup: Map<number, Set<string>>;
}

/** How deep a node's values are walked for ranges; deeper parts are policy documents' leaves. */
const MAX_DEPTH = 64;

export function provenanceOf(graph: Graph): Provenance {
  const index = new Map(graph.nodes.map((node, i) => [node.id, i]));
  const parent = graph.nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (const edge of graph.edges) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from !== undefined && to !== undefined) union(from, to);
  }
  const firstOfUnit = new Map<string, number>();
  graph.nodes.forEach((node, i) => {
    if (node.declaredIn === undefined) return;
    const first = firstOfUnit.get(node.declaredIn);
    if (first === undefined) firstOfUnit.set(node.declaredIn, i);
    else union(first, i);
  });

  const groupsOfFile = new Map<string, Set<number>>();
  const filesOfGroup = new Map<number, Set<string>>();
  const add = (file: string, group: number) => {
    let groups = groupsOfFile.get(file);
    if (!groups) {
      groups = new Set();
      groupsOfFile.set(file, groups);
    }
    groups.add(group);
    let files = filesOfGroup.get(group);
    if (!files) {
      files = new Set();
      filesOfGroup.set(group, files);
    }
    files.add(file);
  };
  graph.nodes.forEach((node, i) => {
    for (const file of filesOf(node)) add(file, find(i));
  });
  for (const edge of graph.edges) {
    const from = index.get(edge.from);
    if (edge.range && from !== undefined) add(edge.range.file, find(from));
  }
  return { groupsOfFile, filesOfGroup };
}

/** Every file a source range inside the node points into. */
function filesOf(node: GraphNode): Set<string> {
  const files = new Set<string>();
  const seen = new Set<object>();
  const walk = (value: unknown, depth: number) => {
    if (value === null || typeof value !== "object" || depth > MAX_DEPTH || seen.has(value)) return;
    seen.add(value);
    if (isRange(value)) {
      files.add(value.file);
      return;
    }
    for (const item of Array.isArray(value) ? value : Object.values(value)) walk(item, depth + 1);
  };
  walk(node, 0);
  return files;
}

function isRange(value: object): value is SourceRange {
  const candidate = value as Partial<SourceRange>;
  return typeof candidate.file === "string" && "start" in value && "end" in value;
}
