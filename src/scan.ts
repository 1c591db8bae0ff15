/**
 * The pipeline: discover → parse → evaluate → graph → rules. Reports are
 * rendered from the result by `report/`.
 */
import { readFileSync } from "node:fs";
import { discover } from "./discover/discover.js";
import { listInsideRoot, readInsideRoot as readInsideRootOfScan } from "./discover/read.js";
import { loadTerraform } from "./terraform/index.js";
import { isPlanJson } from "./terraform/plan.js";
import { loadCloudFormation, readInsideRoot } from "./cloudformation/index.js";
import { graphOf } from "./graph/index.js";
import type { GraphIndex } from "./graph/graph.js";
import type { Finding } from "./core/finding.js";
import { compareRanges } from "./core/range.js";
import { RULES } from "../rules/index.js";
import { parseFinding, runRules } from "../rules/run.js";
import { schemaFinding } from "../rules/SMBT018.js";
import type { Rule } from "../rules/rule.js";
import type { RuleRunOptions } from "../rules/run.js";
import { globMatcher } from "./config/glob.js";
import type { Shard } from "./config/shard.js";
import { partitionForShard } from "./shard.js";
import type { Baseline } from "./baseline/baseline.js";
import { postProcessFindings } from "./suppressions/post-process.js";

export type Language = "terraform" | "cloudformation";

export interface ScanOptions {
  /** Absolute path of the root: every path read and printed is inside it. */
  root: string;
  /** Files or folders, relative to the root or absolute. */
  paths: readonly string[];
  scope?: "all" | "referenced";
  /** Globs (relative to the root) of files not to scan: config `exclude`, `--exclude`. */
  exclude?: readonly string[];
  /** The configuration's rules off, level overrides and `notes: off`. */
  ruleSettings?: RuleRunOptions;
  /** Findings in it are marked `unchanged`, the others `new`. */
  baseline?: Baseline;
  /** `YYYY-MM-DD` (UTC) that suppression `until` dates compare with; default: today. */
  today?: string;
  /** This run's shard: only its Terraform roots (with the modules they call) and templates are scanned (`src/shard.ts`); reports put it in the SARIF category. */
  shard?: Shard;
  /** Told when each stage starts, with the number of files found (the CLI's progress line). */
  onProgress?: (stage: string, files: number) => void;
  /** CloudFormation parameter values (`--cfn-parameters`), applied to every template declaring them. */
  cfnParameters?: Record<string, string>;
  /** Pseudo-parameter values: `AWS::Region`, `AWS::AccountId`, `AWS::Partition`. */
  region?: string;
  accountId?: string;
  partition?: string;
  /** Terraform root variable values (`--var`), applied to every root that declares them. */
  terraformVars?: Record<string, string>;
  /** Terraform variables files (`--var-file`), relative to the root, in order. */
  terraformVarFiles?: string[];
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
  const excluded = globMatcher(options.exclude ?? []);
  discovery.files = discovery.files.filter((file) => !excluded(file.path));
  if (options.shard) discovery.files = partitionForShard(discovery.files, options.shard, (file) => readFileSync(file.absolutePath, "utf8"), (relPath) => readInsideRootOfScan(options.root, relPath)).files;
  const progress = (stage: string) => options.onProgress?.(stage, discovery.files.length);
  progress("reading CloudFormation");
  const files = new Map<string, AnalyzedFile>();
  const findings: Finding[] = [];

  const cloudFormation = loadCloudFormation(
    discovery.files
      .filter((file) => file.kind === "cloudformation")
      .map((file) => ({ path: file.path, text: readFileSync(file.absolutePath, "utf8") })),
    {
      parameters: options.cfnParameters,
      region: options.region,
      accountId: options.accountId,
      partition: options.partition,
      readFile: (relativePath) => readInsideRoot(options.root, relativePath),
    },
  );
  for (const file of cloudFormation.analyzedFiles) files.set(file.path, { ...file, language: "cloudformation" });

  const terraformInputs: { path: string; text: string }[] = [];
  for (const file of discovery.files) {
    if (file.kind === "terraform") terraformInputs.push({ path: file.path, text: readFileSync(file.absolutePath, "utf8") });
    else if (file.path.toLowerCase().endsWith(".json")) {
      // `terraform show -json` plans are .json files that are not templates.
      const text = readFileSync(file.absolutePath, "utf8");
      if (isPlanJson(text)) terraformInputs.push({ path: file.path, text });
    }
  }
  progress("evaluating Terraform");
  const terraform = loadTerraform(terraformInputs, {
    root: options.root,
    vars: options.terraformVars,
    varFiles: options.terraformVarFiles,
    readFile: (relativePath) => readInsideRootOfScan(options.root, relativePath),
    listDir: (relativePath) => listInsideRoot(options.root, relativePath),
  });
  for (const file of terraform.analyzedFiles) if (!files.has(file.path)) files.set(file.path, { ...file, language: "terraform" });
  findings.push(...terraform.diagnostics.map(parseFinding));
  findings.push(...cloudFormation.diagnostics.map(parseFinding));
  findings.push(...cloudFormation.schemaProblems.map(schemaFinding));

  progress("building the graph");
  const graph = graphOf({ cloudFormation: cloudFormation.templates.flatMap((t) => t.resources), terraform: terraform.instances });
  progress("running the rules");
  findings.push(...runRules(RULES, { graph, scope: options.scope ?? "all" }, options.ruleSettings));
  for (const finding of findings) finding.language ??= files.get(finding.range.file)?.language;
  const reported = postProcessFindings(findings, files, {
    ruleSettings: options.ruleSettings,
    knownRuleIds: new Set(RULES.map((rule) => rule.id)),
    baseline: options.baseline,
    today: options.today,
  });
  reported.sort(compareFindings);
  return { root: options.root, findings: reported, files, rules: RULES, graph, notes: [...discovery.notes, ...terraform.notes, ...cloudFormation.notes.map((note) => ({ path: note.path, message: note.message }))] };
}

export function compareFindings(a: Finding, b: Finding): number {
  return compareRanges(a.range, b.range) || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
