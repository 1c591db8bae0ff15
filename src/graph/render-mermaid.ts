/**
 * The graph as Mermaid (`sagemaker-vpc-guard graph --format mermaid`, and the
 * job summary): one `flowchart LR` per transform job, or per model that no job
 * uses, drawing the chain job → model → subnets and security groups → VPC →
 * route tables (those the subnets use) → S3 endpoints / NAT and internet
 * gateways they route to. Links that could not be followed are drawn as `?`
 * nodes of class `unresolved`; nodes that findings point at get class `finding`.
 * A literal-name or literal-id link is dotted and labelled.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../core/finding.js";
import type { UnknownValue } from "../core/value.js";
import type { GraphIndex, Resolved } from "./graph.js";
import type { Edge, GraphNode, ModelNode, TransformJobNode } from "./types.js";

const LABELS: Record<GraphNode["kind"], string> = {
  model: "model",
  "transform-job": "transform job",
  vpc: "VPC",
  subnet: "subnet",
  "route-table": "route table",
  "vpc-endpoint": "VPC endpoint",
  "security-group": "security group",
  "nat-gateway": "NAT gateway",
  "internet-gateway": "internet gateway",
  "network-acl": "network ACL",
  "dhcp-options": "DHCP options",
  "iam-role": "IAM role",
  "iam-policy": "IAM policy",
  "s3-bucket": "S3 bucket",
  "endpoint-config": "endpoint configuration",
};

/** A Mermaid node id: the sanitized display name plus a short hash of the (stable) source id. */
export function mermaidId(id: string, name: string): string {
  const readable =
    name
      .replace(/[^A-Za-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 40) || "node";
  return `${/^[A-Za-z]/.test(readable) ? "" : "n_"}${readable}_${createHash("sha256").update(id).digest("hex").slice(0, 6)}`;
}

/** Whether a finding points at a node: same resource display name in the same file, or the node's own header. */
function pointsAt(finding: Finding, node: GraphNode): boolean {
  if (finding.range.file !== node.range.file) return false;
  if (finding.resource !== undefined) return finding.resource === node.name;
  return finding.range.start.offset === node.range.start.offset;
}

class Chart {
  private lines: string[] = [];
  private declared = new Map<string, string>();
  private edgeKeys = new Set<string>();
  private unresolvedNodes: string[] = [];
  readonly findingNodes = new Set<string>();

  constructor(
    private readonly findings: readonly Finding[],
    private readonly title: string,
  ) {}

  node(node: GraphNode): string {
    const existing = this.declared.get(node.id);
    if (existing) return existing;
    const id = mermaidId(node.id, node.name);
    this.declared.set(node.id, id);
    this.lines.push(`  ${id}["${escapeLabel(`${LABELS[node.kind]}: ${shortName(node.name)}`)}"]`);
    if (this.findings.some((f) => pointsAt(f, node))) this.findingNodes.add(id);
    return id;
  }

  unresolved(from: string, value: UnknownValue, what: string): void {
    const id = `unresolved_${from}_${this.unresolvedNodes.length + 1}`;
    this.unresolvedNodes.push(id);
    this.lines.push(`  ${id}["${escapeLabel(`? ${what}: ${describeUnknown(value)}`)}"]`);
    this.arrow(from, id);
  }

  edge(from: string, to: string, edge?: Edge, label?: string): void {
    const literal = edge && (edge.via === "literal-name" || edge.via === "literal-id");
    this.arrow(from, to, literal ? `${edge.via.replace("-", " ")}` : label, literal);
  }

  private arrow(from: string, to: string, label?: string, dotted = false): void {
    const key = `${from}>${to}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    const arrow = dotted ? "-.->" : "-->";
    this.lines.push(`  ${from} ${arrow}${label ? `|${escapeLabel(label)}|` : ""} ${to}`);
  }

  render(): string {
    const out = ["flowchart LR", `  %% ${this.title.replace(/[\r\n]/g, " ")}`, ...this.lines];
    out.push("  classDef finding fill:#fde2e1,stroke:#d1242f,stroke-width:2px");
    if (this.unresolvedNodes.length > 0) out.push("  classDef unresolved stroke-dasharray:4 4");
    for (const id of [...this.findingNodes].sort()) out.push(`  class ${id} finding`);
    if (this.unresolvedNodes.length > 0) out.push(`  class ${this.unresolvedNodes.join(",")} unresolved`);
    return `${out.join("\n")}\n`;
  }
}

/** One chart per transform job, then one per model no job uses, separated by blank lines. */
export function renderMermaid(graph: GraphIndex, findings: readonly Finding[] = []): string {
  const charts: string[] = [];
  for (const job of graph.nodesOfKind("transform-job")) charts.push(jobChart(graph, findings, job));
  for (const model of graph.nodesOfKind("model")) {
    if (graph.incoming(model.id, "uses-model").length === 0) charts.push(modelChart(graph, findings, model));
  }
  return charts.join("\n");
}

function jobChart(graph: GraphIndex, findings: readonly Finding[], job: TransformJobNode): string {
  const chart = new Chart(findings, `transform job ${job.name} in ${job.range.file}`);
  const jobId = chart.node(job);
  const models = graph.modelsOfJob(job.id);
  for (const { node: model, edge } of models.found) {
    chart.edge(jobId, chart.node(model), edge);
    drawModel(graph, chart, model);
  }
  for (const u of models.unknowns) chart.unresolved(jobId, u, "model");
  return chart.render();
}

function modelChart(graph: GraphIndex, findings: readonly Finding[], model: ModelNode): string {
  const chart = new Chart(findings, `model ${model.name} in ${model.range.file} (no transform job in the scan)`);
  drawModel(graph, chart, model);
  return chart.render();
}

function drawModel(graph: GraphIndex, chart: Chart, model: ModelNode): void {
  const modelId = chart.node(model);
  const subnets = graph.subnetsOfModel(model);
  const groups = graph.securityGroupsOfModel(model);
  const routeTables = new Map<string, GraphNode>();
  const vpcs = new Map<string, string>();
  const drawVpcs = (fromId: string, resolved: Resolved<GraphNode & { kind: "vpc" }>) => {
    for (const { node: vpc, edge } of resolved.found) {
      const vpcId = chart.node(vpc);
      vpcs.set(vpc.id, vpcId);
      chart.edge(fromId, vpcId, edge);
    }
    for (const u of resolved.unknowns) chart.unresolved(fromId, u, "VPC");
  };
  for (const { node: subnet, edge } of subnets.found) {
    const subnetId = chart.node(subnet);
    chart.edge(modelId, subnetId, edge);
    drawVpcs(subnetId, graph.vpcOf(subnet));
    const tables = graph.routeTableOfSubnet(subnet);
    for (const { node } of tables.found) routeTables.set(node.id, node);
    for (const u of tables.unknowns) chart.unresolved(subnetId, u, "route table");
  }
  for (const u of subnets.unknowns) chart.unresolved(modelId, u, "subnet");
  for (const { node: group, edge } of groups.found) {
    const groupId = chart.node(group);
    chart.edge(modelId, groupId, edge);
    drawVpcs(groupId, graph.vpcOf(group));
  }
  for (const u of groups.unknowns) chart.unresolved(modelId, u, "security group");

  for (const table of routeTables.values()) {
    if (table.kind !== "route-table") continue;
    const tableId = chart.node(table);
    const tableVpcs = graph.vpcOf(table).found;
    for (const { node: vpc } of tableVpcs)
      chart.edge(
        vpcs.get(vpc.id) ?? chart.node(vpc),
        tableId,
        undefined,
        graph.outgoing(vpc.id, "main-route-table").some((e) => e.to === table.id) ? "main" : undefined,
      );
    for (const edge of graph.incoming(table.id, "endpoint-route-table")) {
      const endpoint = graph.node(edge.from);
      if (endpoint) chart.edge(tableId, chart.node(endpoint));
    }
    for (const edge of graph.outgoing(table.id, "route-target")) {
      const target = graph.node(edge.to);
      if (target && (target.kind === "nat-gateway" || target.kind === "internet-gateway"))
        chart.edge(tableId, chart.node(target));
    }
  }
}

/** Labels a diagram can show whole: a long module path keeps its innermost module and the resource. */
export function shortName(name: string, max = 48): string {
  if (name.length <= max) return name;
  const parts = name.split(/(?=\bmodule\.)/);
  const inner = parts[parts.length - 1]!;
  return inner.length + 2 <= max ? `…${inner}` : `…${name.slice(name.length - max + 1)}`;
}

function describeUnknown(value: UnknownValue): string {
  return value.detail.replace(/\.$/, "");
}

/** Mermaid label text inside double quotes: quotes and markup characters as entities. */
function escapeLabel(text: string): string {
  return text.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`);
}
