/** Building and querying the graph: one index over nodes and edges, built once. */
import type { Edge, Graph, GraphNode, NodeKind } from "./types.js";

export interface GraphIndex {
  graph: Graph;
  node(id: string): GraphNode | undefined;
  nodesOfKind<K extends NodeKind>(kind: K): Extract<GraphNode, { kind: K }>[];
  outgoing(id: string, kind?: Edge["kind"]): Edge[];
  incoming(id: string, kind?: Edge["kind"]): Edge[];
}

export function indexGraph(graph: Graph): GraphIndex {
  const byId = new Map<string, GraphNode>();
  const byKind = new Map<NodeKind, GraphNode[]>();
  const from = new Map<string, Edge[]>();
  const to = new Map<string, Edge[]>();
  for (const node of graph.nodes) {
    byId.set(node.id, node);
    const list = byKind.get(node.kind) ?? [];
    list.push(node);
    byKind.set(node.kind, list);
  }
  for (const edge of graph.edges) {
    (from.get(edge.from) ?? from.set(edge.from, []).get(edge.from)!).push(edge);
    (to.get(edge.to) ?? to.set(edge.to, []).get(edge.to)!).push(edge);
  }
  const filter = (edges: Edge[] | undefined, kind?: Edge["kind"]) => (edges ?? []).filter((e) => kind === undefined || e.kind === kind);
  return {
    graph,
    node: (id) => byId.get(id),
    nodesOfKind: <K extends NodeKind>(kind: K) => (byKind.get(kind) ?? []) as Extract<GraphNode, { kind: K }>[],
    outgoing: (id, kind) => filter(from.get(id), kind),
    incoming: (id, kind) => filter(to.get(id), kind),
  };
}
