/**
 * The job summary's diagrams: one per transform job chain (and per model no
 * job uses), drawn by the graph stage's Mermaid renderer — the same text as
 * `graph --format mermaid` — with the nodes of failing findings marked.
 */
import { isActive } from "../core/finding.js";
import { renderMermaid } from "../graph/render-mermaid.js";
import type { ScanResult } from "../scan.js";
import type { ChainDiagram } from "./summary.js";

export function chainDiagrams(result: ScanResult): ChainDiagram[] {
  // Failing: errors and warnings that count; notes do not mark a node.
  const failing = result.findings.filter((finding) => isActive(finding) && finding.level !== "note");
  const text = renderMermaid(result.graph, failing);
  if (text.trim() === "") return [];
  // The renderer separates charts by a blank line; each starts `flowchart` and names itself in a `%%` comment.
  return text.split(/\n(?=flowchart )/).map((chart) => {
    // A NoEcho value shows in the chart of the template it flows in, which the chart's title names.
    const raw = /^ {2}%% (.*)$/m.exec(chart)?.[1] ?? "transform job chain";
    const file = / in (.+?)(?: \(no transform job in the scan\))?$/.exec(raw)?.[1];
    const redact = (shown: string) => (result.redactAbout && file ? result.redactAbout(shown, [file]) : shown);
    const title = redact(raw);
    return { title: title.charAt(0).toUpperCase() + title.slice(1), mermaid: redact(chart.trimEnd()) };
  });
}
