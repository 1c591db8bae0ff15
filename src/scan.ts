/**
 * The pipeline: discover → parse → evaluate → graph → rules. Reports are
 * rendered from the result by `report/`.
 */
import { discover, type Discovery } from "./discover/discover.js";
import { listInsideRoot } from "./discover/read.js";
import { fileNote, ScanInputs } from "./discover/inputs.js";
import { loadTerraform, type TerraformOptions, type TerraformResult } from "./terraform/index.js";
import { isPlanJson } from "./terraform/plan.js";
import type { PreParsedHcl } from "./terraform/config.js";
import {
  loadCloudFormation,
  type CloudFormationOptions,
  type CloudFormationResult,
  type SourceText,
} from "./cloudformation/index.js";
import { resolveLimits, type ScanLimits } from "./core/limits.js";
import { oneLineCause, withStack } from "./core/errors.js";
import { Redactor } from "./core/redact.js";
import { scanSecrets } from "./sensitive.js";
import { graphOf } from "./graph/index.js";
import { renderFixes } from "./graph/render-fixes.js";
import type { GraphIndex } from "./graph/graph.js";
import { isAlwaysReported, LEVEL_ORDER, scanIncomplete, type Diagnostic, type Finding } from "./core/finding.js";
import { compareRanges, fileStartRange } from "./core/range.js";
import { RULES } from "../rules/index.js";
import { parseFindings, runRules } from "../rules/run.js";
import { schemaFinding } from "../rules/SMBT018.js";
import type { Rule } from "../rules/rule.js";
import type { RuleRunOptions } from "../rules/run.js";
import { globMatcher } from "./config/glob.js";
import type { Shard } from "./config/shard.js";
import { partitionForShard } from "./shard.js";
import type { Baseline } from "./baseline/baseline.js";
import { postProcessFindings } from "./suppressions/post-process.js";
import { applyBaseline } from "./baseline/baseline.js";

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
  /** Safety limits (`src/core/limits.ts`); each one not given takes its default. */
  limits?: Partial<ScanLimits>;
  /** Internal-error notes carry the stack (`--debug`). */
  debug?: boolean;
  /** `.tf`/`.tofu` files parsed ahead on the worker pool (`scanParallel`, `src/parallel/`); used only where path and text match. */
  parsedHcl?: PreParsedHcl;
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
  /** Set by `only-changed`: the findings that count and were left out, by level (none left out: all zero). */
  leftOut?: Record<"error" | "warning" | "note", number>;
  /**
   * Replaces the scan's sensitive values that appear wherever they flow
   * (Terraform's) in a rendered report; findings and notes are redacted already.
   */
  redact?: (text: string) => string;
  /** Also replaces the NoEcho values that flow into these files: for text drawn from the graph (diagrams). */
  redactAbout?: (text: string, files: readonly string[]) => string;
  /** Every problem the parsers saw in the files that did not parse (one SMBT000 each): what `--debug` prints. */
  parseProblems?: Diagnostic[];
}

export function scan(options: ScanOptions): ScanResult {
  const limits = resolveLimits(options.limits);
  const inputs = new ScanInputs(options.root, limits);
  const discovery = scanFiles(options, inputs);
  const progress = (stage: string) => options.onProgress?.(stage, discovery.files.length);
  progress("reading CloudFormation");
  const files = new Map<string, AnalyzedFile>();
  const findings: Finding[] = [];
  const failure = (file: string, error: unknown) =>
    findings.push(internalErrorNote(file, error, options.debug === true));

  const cloudFormationInputs: SourceText[] = [];
  for (const file of discovery.files) {
    if (file.kind !== "cloudformation") continue;
    const text = inputs.text(file);
    if (text !== undefined)
      cloudFormationInputs.push({
        path: file.path,
        text,
        ...(file.explicit ? { explicit: { templateExtension: file.explicit.knownExtension } } : {}),
      });
  }
  const cloudFormationOptions: CloudFormationOptions = {
    parameters: options.cfnParameters,
    region: options.region,
    accountId: options.accountId,
    partition: options.partition,
    readFile: (relativePath) => inputs.readRelative(relativePath),
    limits: { maxStepsPerTemplate: limits.maxStepsPerTemplate, maxForEachCopies: limits.maxExpansion },
  };
  // One bad file must not hide the others' findings: when the whole set fails,
  // each file is analysed on its own (cross-template links are then lost only in that scan).
  let cloudFormation: CloudFormationResult | undefined = isolated(
    cloudFormationInputs,
    (group) => loadCloudFormation(group, cloudFormationOptions),
    (group) => group.map((file) => [file]),
    failure,
    mergeCloudFormation,
  );
  for (const file of cloudFormation.analyzedFiles) files.set(file.path, { ...file, language: "cloudformation" });

  const terraformInputs: SourceText[] = [];
  for (const file of discovery.files) {
    if (file.kind === "terraform") {
      const text = inputs.text(file);
      if (text !== undefined) terraformInputs.push({ path: file.path, text });
    } else if (file.path.toLowerCase().endsWith(".json")) {
      // `terraform show -json` plans are .json files that are not templates.
      const text = inputs.text(file);
      if (text !== undefined && isPlanJson(text)) terraformInputs.push({ path: file.path, text });
    }
  }
  progress("evaluating Terraform");
  const terraformOptions: TerraformOptions = {
    root: options.root,
    vars: options.terraformVars,
    varFiles: options.terraformVarFiles,
    readFile: (relativePath) => inputs.readRelative(relativePath),
    listDir: (relativePath) => listInsideRoot(options.root, relativePath),
    limits: { maxInstancesPerResource: limits.maxExpansion, maxStepsPerExpression: limits.maxStepsPerExpression },
    parsed: options.parsedHcl,
  };
  // Modules are folders: a failing set is retried folder by folder, then file by file.
  let terraform: TerraformResult | undefined = isolated(
    terraformInputs,
    (group) => loadTerraform(group, terraformOptions),
    splitTerraform,
    failure,
    mergeTerraform,
  );
  for (const file of terraform.analyzedFiles)
    if (!files.has(file.path)) files.set(file.path, { ...file, language: "terraform" });
  findings.push(...inputs.findings);
  // A limit hit while resolving a template or evaluating Terraform is a finding at its place, naming the limit
  // and the file (README, Limits): an SMBT020 error when it left a whole module, nested stack or the rest of a
  // template unevaluated, else an SMBT017 note.
  for (const note of [...cloudFormation.notes, ...terraform.notes]) {
    if (!note.limit) continue;
    // The finding has the range: the "(line N)" a plain note ends with is left out.
    const message = note.range ? note.message.replace(/ \(line \d+\)$/, "") : note.message;
    const named = message.includes(note.limit) ? "" : ` (the ${note.limit} limit)`;
    const text = `${note.path}: ${message}${named}.`.replace(/\.\.$/, ".");
    const range = note.range ?? fileStartRange(note.path);
    findings.push(
      note.incomplete ? scanIncomplete(text, range) : { ruleId: "SMBT017", level: "note", message: text, range },
    );
  }
  // One SMBT000 per file that did not parse; every problem the parsers saw is kept for `--debug`.
  const parseProblems = [...inputs.diagnostics, ...terraform.diagnostics, ...cloudFormation.diagnostics].sort((a, b) =>
    compareRanges(a.range, b.range),
  );
  findings.push(...parseFindings(parseProblems));
  const brokenFiles = new Set(parseProblems.filter((d) => !d.semantic).map((d) => d.range.file));
  findings.push(...cloudFormation.schemaProblems.map(schemaFinding));

  progress("building the graph");
  let graph: GraphIndex;
  try {
    graph = graphOf({
      cloudFormation: cloudFormation.templates.flatMap((t) => t.resources),
      terraform: terraform.instances,
      readSource: (file) => files.get(file)?.text,
    });
  } catch (error) {
    failure(firstFile(files), error);
    graph = graphOf({ cloudFormation: [], terraform: [] });
  }
  // What the parser's recovery kept of a broken file is analysed only for what is present.
  for (const node of graph.graph.nodes)
    if (brokenFiles.has(node.range.file))
      node.incomplete = `${node.range.file} did not parse completely (SMBT000): what is missing from ${node.name} may be in the part that was not read.`;
  // What rules and reports need of the stages' results is now in the graph, the findings
  // above and these two: the rest (two thirds of the heap) is released, so that the garbage
  // collector stops marking it again and again (issue 8: at 4,000 stacks that cost grew
  // faster than the scan).
  const secrets = scanSecrets({
    terraform: terraformInputs,
    templates: cloudFormation.templates,
    terraformVars: options.terraformVars,
    terraformVarFiles: options.terraformVarFiles,
    cfnParameters: options.cfnParameters,
    readRelative: (relPath) => inputs.readRelative(relPath),
  });
  // The few resources a suggested fix may edit are kept for the fix renderers.
  const fixable = {
    terraform: terraform.instances.filter((i) => FIXABLE_TYPES.has(i.type)),
    cloudFormation: cloudFormation.templates.flatMap((t) => t.resources).filter((r) => FIXABLE_TYPES.has(r.type)),
  };
  const stageNotes = [...terraform.notes, ...cloudFormation.notes]
    .filter((note) => !note.limit)
    .map((note) => ({ path: note.path, message: note.message }));
  terraform = undefined;
  cloudFormation = undefined;
  // What a limit left out may hold what the rules would find missing: they are told (DESIGN.md, "Fail closed").
  const incomplete = findings.filter(isAlwaysReported).map((f) => ({ range: f.range, message: f.message }));
  if (incomplete.length > 0) graph.graph.incomplete = incomplete;
  progress("running the rules");
  findings.push(
    ...runRules(RULES, { graph, scope: options.scope ?? "all" }, options.ruleSettings, {
      debug: options.debug === true,
      fallbackFile: firstFile(files),
    }),
  );
  const placed = onePerPlace(findings);
  renderFixes(placed, { ...fixable, textOf: (file) => files.get(file)?.text });
  for (const finding of placed) finding.language ??= files.get(finding.range.file)?.language;
  const reported = postProcessFindings(placed, files, {
    ruleSettings: options.ruleSettings,
    knownRuleIds: new Set(RULES.map((rule) => rule.id)),
    today: options.today,
  });
  // Sensitive values never reach an output: every report is rendered from these findings and notes.
  const redactor = new Redactor(secrets.everywhere, secrets.scoped);
  for (const finding of reported) redactor.finding(finding);
  // The baseline matches fingerprints of the findings as reported (redacted), as `baseline create` wrote them.
  if (options.baseline) applyBaseline(reported, options.baseline, files);
  reported.sort(compareFindings);
  const notes = [...discovery.notes, ...stageNotes].map((note) => ({
    path: note.path,
    message: redactor.text(note.message, { files: [note.path] }),
  }));
  return {
    root: options.root,
    findings: reported,
    files,
    rules: RULES,
    graph,
    notes,
    parseProblems: parseProblems.map((d) => ({
      ...d,
      summary: redactor.text(d.summary),
      ...(d.detail ? { detail: redactor.text(d.detail) } : {}),
    })),
    ...(redactor.empty
      ? {}
      : {
          redact: (text: string) => redactor.text(text),
          redactAbout: (text: string, files: readonly string[]) => redactor.text(text, { files }),
        }),
  };
}

/** The files a scan analyses: found under `paths`, not excluded, within the file-count limit, and this shard's. */
export function scanFiles(options: ScanOptions, inputs: ScanInputs): Discovery {
  const discovery = discover(options.root, options.paths);
  const excluded = globMatcher(options.exclude ?? []);
  discovery.files = inputs.admit(discovery.files.filter((file) => !excluded(file.path)));
  if (options.shard)
    discovery.files = partitionForShard(
      discovery.files,
      options.shard,
      (file) => inputs.text(file) ?? "",
      (relPath) => inputs.readRelative(relPath),
    ).files;
  return discovery;
}

/**
 * Runs `load` on all inputs; if it throws, on the groups `split` makes, down to
 * single files, so that only the inputs that fail are lost (each with an
 * SMBT017 note), and the results are merged.
 */
function isolated<R>(
  inputs: SourceText[],
  load: (group: SourceText[]) => R,
  split: (group: SourceText[]) => SourceText[][],
  failure: (file: string, error: unknown) => void,
  merge: (results: R[]) => R,
): R {
  const attempt = (group: SourceText[]): R[] => {
    try {
      return [load(group)];
    } catch (error) {
      if (group.length <= 1) {
        failure(group[0]?.path ?? ".", error);
        return [load([])];
      }
      const parts = split(group);
      const smaller = parts.length > 1 ? parts : group.map((file) => [file]);
      return smaller.flatMap(attempt);
    }
  };
  const results = attempt(inputs);
  return results.length === 1 ? results[0]! : merge(results);
}

/** Terraform inputs by folder (a module), or by file when they are one folder already. */
function splitTerraform(group: SourceText[]): SourceText[][] {
  const byFolder = new Map<string, SourceText[]>();
  for (const file of group) {
    const folder = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/")) : ".";
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return [...byFolder.values()];
}

function mergeCloudFormation(results: CloudFormationResult[]): CloudFormationResult {
  const seen = new Set<string>();
  return {
    templates: results.flatMap((r) => r.templates),
    analyzedFiles: results.flatMap((r) => r.analyzedFiles).filter((f) => !seen.has(f.path) && seen.add(f.path)),
    diagnostics: results.flatMap((r) => r.diagnostics),
    schemaProblems: results.flatMap((r) => r.schemaProblems),
    notes: results.flatMap((r) => r.notes),
  };
}

function mergeTerraform(results: TerraformResult[]): TerraformResult {
  const seen = new Set<string>();
  return {
    instances: results.flatMap((r) => r.instances),
    analyzedFiles: results
      .flatMap((r) => r.analyzedFiles)
      .filter((f) => !seen.has(f.path) && seen.add(f.path))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    diagnostics: results.flatMap((r) => r.diagnostics),
    notes: results.flatMap((r) => r.notes),
  };
}

/** Where a note that belongs to no file points: the first analysed file, else the root. */
function firstFile(files: ReadonlyMap<string, AnalyzedFile>): string {
  return [...files.keys()].sort()[0] ?? ".";
}

/** An internal error while analysing a file: an SMBT017 note with a one-line cause (the stack only with `debug`). */
function internalErrorNote(file: string, error: unknown, debug: boolean): Finding {
  const message = `Internal error while analysing ${file}; its findings are missing, the other files were analysed: ${oneLineCause(error)}`;
  return fileNote(file, debug ? withStack(message, error) : message);
}

/** Resource types whose attributes a suggested fix may edit or name (see `graph/fix-intent.ts`). */
const FIXABLE_TYPES = new Set([
  "aws_sagemaker_model",
  "aws_vpc",
  "aws_default_vpc",
  "aws_subnet",
  "aws_vpc_endpoint",
  "aws_route_table",
  "aws_default_route_table",
  "aws_security_group",
  // Rule resources: a new rule takes the form of the group's others, under a name none uses.
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
  // `data "aws_region"`: the Region of a new endpoint's service name.
  "aws_region",
  // An execution role, and its role policies (a new one takes a name none uses).
  "aws_iam_role",
  "aws_iam_role_policy",
  "AWS::SageMaker::Model",
  "AWS::EC2::VPC",
  "AWS::EC2::Subnet",
  "AWS::EC2::VPCEndpoint",
  "AWS::EC2::RouteTable",
  "AWS::EC2::SecurityGroup",
  "AWS::IAM::Role",
]);

/**
 * One finding per rule and place: findings of one rule at the same range (two
 * jobs inside one Step Functions definition string, a file two templates read)
 * would be one alert in code scanning, one review comment and one baseline
 * entry. They become one finding saying each distinct message, at the most
 * severe level; a fix is kept only when just one of them had one.
 */
function onePerPlace(findings: Finding[]): Finding[] {
  const byPlace = new Map<string, Finding[]>();
  for (const finding of findings) {
    const { file, start, end } = finding.range;
    const key = `${finding.ruleId}\u0000${file}\u0000${start.offset}\u0000${end.offset}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), finding]);
  }
  return [...byPlace.values()].map((group) => {
    if (group.length === 1) return group[0]!;
    const [first, ...rest] = group.sort(compareFindings);
    const merged: Finding = { ...first! };
    const messages = [...new Set(group.map((f) => f.message))];
    merged.message = messages.join(" Also: ");
    for (const other of rest) if (LEVEL_ORDER[other.level] > LEVEL_ORDER[merged.level]) merged.level = other.level;
    const related = group.flatMap((f) => f.related ?? []);
    if (related.length > 0) merged.related = related;
    const withFix = group.filter((f) => f.fixIntent || f.fix);
    delete merged.fixIntent;
    delete merged.fix;
    if (withFix.length === 1) Object.assign(merged, { fixIntent: withFix[0]!.fixIntent, fix: withFix[0]!.fix });
    if (merged.fixIntent === undefined) delete merged.fixIntent;
    if (merged.fix === undefined) delete merged.fix;
    return merged;
  });
}

export function compareFindings(a: Finding, b: Finding): number {
  return compareRanges(a.range, b.range) || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
