/**
 * The pipeline: discover → parse → evaluate → graph → rules. Reports are
 * rendered from the result by `report/`.
 */
import { readFileSync } from "node:fs";
import { discover } from "./discover/discover.js";
import { loadCloudFormation } from "./cloudformation/index.js";
import { buildGraph, type SourceNode } from "./graph/build.js";
import { cloudFormationNode } from "./graph/adapters/cloudformation.js";
import { indexGraph, type GraphIndex } from "./graph/graph.js";
import type { Finding } from "./core/finding.js";
import { compareRanges } from "./core/range.js";
import { RULES } from "../rules/index.js";
import { parseFinding, runRules } from "../rules/run.js";
import type { Rule } from "../rules/rule.js";

export type Language = "terraform" | "cloudformation";

export interface ScanOptions {
  /** Absolute path of the root: every path read and printed is inside it. */
  root: string;
  /** Files or folders, relative to the root or absolute. */
  paths: readonly string[];
  scope?: "all" | "referenced";
}

export interface AnalyzedFile {
  path: string;
  language: Language;
  text: string;
}

export interface ScanResult {
  root: string;
  /** Sorted by file, position, rule and message. */
  findings: Finding[];
  /** Every file analysed, by path relative to the root. */
  files: Map<string, AnalyzedFile>;
  rules: readonly Rule[];
  graph: GraphIndex;
  /** Files skipped for a reason the user should hear about. */
  notes: { path: string; message: string }[];
}

export function scan(options: ScanOptions): ScanResult {
  const discovery = discover(options.root, options.paths);
  const files = new Map<string, AnalyzedFile>();
  const findings: Finding[] = [];

  const cloudFormation = loadCloudFormation(
    discovery.files
      .filter((file) => file.kind === "cloudformation")
      .map((file) => ({ path: file.path, text: readFileSync(file.absolutePath, "utf8") })),
  );
  for (const file of cloudFormation.analyzedFiles) files.set(file.path, { ...file, language: "cloudformation" });
  findings.push(...cloudFormation.diagnostics.map(parseFinding));

  const sources: SourceNode[] = [];
  for (const template of cloudFormation.templates) {
    for (const resource of template.resources) {
      const source = cloudFormationNode(resource);
      if (source) sources.push(source);
    }
  }
  const graph = indexGraph(buildGraph(sources));
  findings.push(...runRules(RULES, { graph, scope: options.scope ?? "all" }));
  for (const finding of findings) finding.language ??= files.get(finding.range.file)?.language;
  findings.sort(compareFindings);
  return { root: options.root, findings, files, rules: RULES, graph, notes: discovery.notes };
}

export function compareFindings(a: Finding, b: Finding): number {
  return compareRanges(a.range, b.range) || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
