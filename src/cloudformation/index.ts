/**
 * The CloudFormation stage: candidate files in, templates with resolved
 * resources out, plus the diagnostics of files that are templates but broken,
 * schema problems (SMBT018) and notes.
 *
 * Resolution is done for the set of templates at once, in two phases: first
 * every file is parsed and nested stacks are linked to the templates they load
 * (a child is not analysed again on its own); then each top-level template is
 * resolved, with `Fn::ImportValue` looking into the outputs of the others and
 * nested stacks receiving their parent's parameters.
 */
import type { Diagnostic } from "../core/finding.js";
import type { SourceRange } from "../core/range.js";
import { getValue, str, unknown, type ObjectEntry, type Value } from "../core/value.js";
import { loadRawTemplate, type CfnTemplate, type RawTemplate } from "./template.js";
import { TemplateScope, type TemplateSetLinks } from "./scope.js";
import { resolveTemplate } from "./resolve-template.js";
import { nestedStackTemplatePath } from "./nested.js";
import { resolveRelative } from "./read-inside-root.js";
import { refIdentifier, validateResource, type SchemaProblem } from "./schema.js";
import { branchVariants } from "./branches.js";
import { relocate, scalarText } from "./values.js";
import { DependencyChains } from "./chains.js";
import { manifestStacks, type ManifestStack } from "./cdk-manifest.js";
import { posix } from "node:path";

export type { CfnResource, CfnTemplate, CfnOutput, CfnCondition } from "./template.js";
export type { SchemaProblem } from "./schema.js";
export { parseParameterOverrides, ParameterFormatError } from "./parameters.js";
export { readInsideRoot } from "./read-inside-root.js";

export interface SourceText {
  /** Relative to the root, with `/` separators. */
  path: string;
  text: string;
  /**
   * Set for a file named on the command line (not found in a folder): one that is
   * not a template is skipped with a note. `templateExtension` is false for a
   * name no template has (`README.md`): it is analysed only if it parses into a template.
   */
  explicit?: { templateExtension: boolean };
}

export interface CloudFormationOptions {
  /** Parameter values by name; they apply to every template that declares the parameter. */
  parameters?: Record<string, string>;
  region?: string;
  accountId?: string;
  partition?: string;
  /**
   * Reads a file the templates point at (SAM `DefinitionUri`, a nested stack's
   * `TemplateURL`), by root-relative path; undefined when it is missing or
   * outside the root. Without it, only the given files can be read.
   */
  readFile?(relativePath: string): string | undefined;
  /** Evaluation steps per template and `Fn::ForEach` copies (`src/core/limits.ts`); defaults when absent. */
  limits?: { maxStepsPerTemplate: number; maxForEachCopies: number };
}

export interface CloudFormationNote {
  path: string;
  message: string;
  range?: SourceRange;
  /** Set when a safety limit was hit: its name; the scan reports the note as SMBT017. */
  limit?: string;
  /** A whole template or nested stack was left out or not evaluated: the scan reports it as SMBT020. */
  incomplete?: true;
}

export interface CloudFormationResult {
  templates: CfnTemplate[];
  /** Every file recognised as a template, broken ones included, and the files they load. */
  analyzedFiles: SourceText[];
  /** Parse errors of files that look like templates (SMBT000). */
  diagnostics: Diagnostic[];
  /** Properties that do not match their resource type's schema (SMBT018). */
  schemaProblems: SchemaProblem[];
  notes: CloudFormationNote[];
}

/** How deep nested stacks may nest. */
const MAX_NESTING = 10;

export function loadCloudFormation(
  files: readonly SourceText[],
  options: CloudFormationOptions = {},
): CloudFormationResult {
  const result: CloudFormationResult = {
    templates: [],
    analyzedFiles: [],
    diagnostics: [],
    schemaProblems: [],
    notes: [],
  };
  const given = new Map(files.map((f) => [f.path, f.text]));
  const analyzed = new Set<string>();
  const addAnalyzed = (file: SourceText): void => {
    if (analyzed.has(file.path)) return;
    analyzed.add(file.path);
    result.analyzedFiles.push(file);
  };
  const readRelative = (path: string): string | undefined => given.get(path) ?? options.readFile?.(path);

  // Phase 1: parse, and find which templates are loaded by a nested stack.
  const raws: RawTemplate[] = [];
  for (const file of files) {
    const loaded = loadRawTemplate(file.text, file.path);
    if (loaded.kind === "not-a-template" || (loaded.kind === "broken" && file.explicit?.templateExtension === false)) {
      if (file.explicit)
        result.notes.push({
          path: file.path,
          message: `${file.path} is not a CloudFormation template${loaded.kind === "broken" || loaded.reason === "parse" ? " (it is not YAML or JSON)" : ""} nor a Terraform file; skipped`,
        });
      continue;
    }
    addAnalyzed(file);
    if (loaded.kind === "broken") {
      result.diagnostics.push(...loaded.diagnostics);
      continue;
    }
    raws.push(loaded.raw);
    for (const note of loaded.notes)
      result.notes.push({
        path: file.path,
        message: `${note.message} (line ${note.range.start.line})`,
        range: note.range,
      });
  }
  const roots = rootTemplates(raws);

  // Phase 2: resolve.
  const scopes: TemplateScope[] = [];
  const parents = new Map<TemplateScope, { scope: TemplateScope; logicalId: string }>();
  const children = new Map<string, TemplateScope | null>();
  const chains = new DependencyChains();
  const cycleNoted = new Set<string>();
  /** Child templates that could not be loaded (already noted). */
  const unloadable = new Set<string>();
  const userParameters = new Map(
    Object.entries(options.parameters ?? {}).map(([k, v]) => [k, { value: str(v), source: "given" as const }]),
  );

  const links: TemplateSetLinks = {
    target: { region: options.region, accountId: options.accountId, partition: options.partition },
    refIdentifier,
    ...(options.limits ? { limits: options.limits } : {}),
    chains,
    importValue(exportName, range) {
      const matches: { file: string; value: Value }[] = [];
      for (const { scope, output } of exporters().get(exportName) ?? []) {
        const resolved = outputValue(scope, output.key, output.value, undefined);
        if (resolved !== undefined) matches.push({ file: scope.file, value: resolved });
      }
      if (matches.length === 1) return relocate(matches[0]!.value, range);
      if (matches.length > 1) {
        // Export names are unique in a Region: several exporters are different deployments, and which one is meant cannot be told.
        const files = matches.map((m) => m.file).join(", ");
        return unknown(
          "IMPORT",
          `Fn::ImportValue imports the export ${exportName}, which several scanned templates declare (${files}).`,
          { range },
        );
      }
      return unknown(
        "IMPORT",
        `Fn::ImportValue imports the export ${exportName}, which no scanned template declares.`,
        { range },
      );
    },
    stackOutput(request, range, fromFile) {
      const what = `Fn::GetStackOutput reads output ${request.outputName} of stack ${request.stackName}`;
      const consumer = stacksNaming(fromFile, (s) => s.file === fromFile)[0];
      const candidates = stacksNaming(fromFile, (s) => s.name === request.stackName).filter((producer) => {
        // Another Region or account than the producer's, as far as the manifests say, is another deployment.
        const region = request.region ?? consumer?.region;
        if (region !== undefined && producer.region !== region) return false;
        if (request.region !== undefined && producer.region === undefined) return false;
        if (request.roleArn === undefined) return true;
        const account = /^arn:[^:]+:iam::(\d{12}):/.exec(request.roleArn)?.[1];
        return account !== undefined && producer.account === account;
      });
      const producers = [...new Set(candidates.map((c) => c.file))];
      const scope = producers.length === 1 ? scopes.find((s) => s.file === producers[0]) : undefined;
      if (!scope) {
        const why =
          producers.length > 1
            ? `, which several templates in the scan may be (${producers.join(", ")})`
            : `, whose template the scan cannot find${request.region || request.roleArn ? " in that Region and account" : ""} (no cdk.out/manifest.json in the scan names it)`;
        return unknown("IMPORT", `${what}${why}.`, { range });
      }
      const output = scope.outputEntry(request.outputName);
      if (!output || outputConditionIsFalse(scope, output.value))
        return unknown("IMPORT", `${what}, which its template ${scope.file} does not declare.`, { range });
      return (
        outputValue(scope, output.key, output.value, range) ??
        unknown("IMPORT", `${what}: it depends on itself.`, { range })
      );
    },
    nestedStackOutput(parent, logicalId, outputName, range) {
      const child = childScope(parent, logicalId);
      const output = child?.outputEntry(outputName);
      const value = getValue(output?.value, "Value");
      if (!child || value === undefined) return null;
      return outputValue(child, outputName, output!.value, range) ?? null;
    },
  };

  /**
   * The outputs of every template by the export name they declare, built once
   * (an export name is a literal, a parameter or a \`!Sub\` of them: no chain),
   * so that each import is a look-up, not a pass over every output of the scan.
   */
  let exportIndex: Map<string, { scope: TemplateScope; output: ObjectEntry }[]> | undefined;
  let indexing = false;
  let allLoaded = false;
  const exporters = (): Map<string, { scope: TemplateScope; output: ObjectEntry }[]> => {
    if (exportIndex) return exportIndex;
    // An export name that imports (CloudFormation refuses it) finds nothing while the index is built.
    if (indexing) return new Map();
    indexing = true;
    try {
      const index = new Map<string, { scope: TemplateScope; output: ObjectEntry }[]>();
      for (const scope of scopes) {
        for (const output of scope.outputEntries()) {
          const nameExpression = getValue(getValue(output.value, "Export"), "Name");
          if (nameExpression === undefined || outputConditionIsFalse(scope, output.value)) continue;
          const name = scalarText(scope.resolve(nameExpression));
          if (name === undefined) continue;
          index.set(name, [...(index.get(name) ?? []), { scope, output }]);
        }
      }
      // Built while nested stacks are still being loaded, it would miss their exports: kept only after.
      if (allLoaded) exportIndex = index;
      return index;
    } finally {
      indexing = false;
    }
  };

  /** An output's value, relocated to `range`; undefined while that output is being resolved (a cycle). */
  const outputValue = (
    scope: TemplateScope,
    name: string,
    output: Value,
    range: SourceRange | undefined,
  ): Value | undefined => {
    const value = getValue(output, "Value");
    if (value === undefined) return undefined;
    // Outputs chain (an output importing another's export, a nested stack's output): computed once, depth-bounded.
    const resolved = scope.chained(`${scope.file}#Outputs.${name}`, () => scope.resolve(value));
    return resolved === undefined || resolved === null ? undefined : relocate(resolved, range);
  };

  /** The stacks the CDK manifests of the scan name: every given `manifest.json`, and the one beside `fromFile`. */
  const manifests = new Map<string, ManifestStack[]>();
  const stacksNaming = (fromFile: string, test: (stack: ManifestStack) => boolean): ManifestStack[] => {
    const paths = files.filter((f) => posix.basename(f.path) === "manifest.json").map((f) => f.path);
    const beside = posix.join(posix.dirname(fromFile), "manifest.json");
    if (!paths.includes(beside)) paths.push(beside);
    const found: ManifestStack[] = [];
    for (const path of paths) {
      let stacks = manifests.get(path);
      if (stacks === undefined) {
        const text = readRelative(path);
        stacks = text === undefined ? [] : manifestStacks(path, text);
        manifests.set(path, stacks);
      }
      found.push(...stacks.filter(test));
    }
    return found;
  };

  /** The scope of the template a nested stack loads, created on first use. */
  const childScope = (parent: TemplateScope, logicalId: string): TemplateScope | undefined => {
    const link = nestedStackLinks(parent.raw).find((l) => l.logicalId === logicalId);
    if (!link?.path) return undefined;
    if (unloadable.has(link.path)) return undefined;
    const existing = children.get(link.path);
    if (existing !== undefined) {
      const owner = existing ? parents.get(existing) : undefined;
      if (owner?.scope === parent && owner.logicalId === logicalId) return existing ?? undefined;
      const key = `${parent.file}#${logicalId}`;
      if (!cycleNoted.has(key)) {
        cycleNoted.add(key);
        result.notes.push({
          path: parent.file,
          message: `The nested stack ${logicalId} loads ${link.path}, which is already analysed elsewhere in the scan (or loads itself); it is analysed once.`,
          range: link.range,
        });
      }
      return undefined;
    }
    children.set(link.path, null); // guards against a template that loads itself
    let depth = 0;
    for (let p: TemplateScope | undefined = parent; p; p = parents.get(p)?.scope) depth++;
    if (depth > MAX_NESTING) {
      unloadable.add(link.path);
      result.notes.push({
        path: parent.file,
        message: `The nested stack ${logicalId} (${link.path}) was not analysed: nested stacks deeper than the fixed nested-stack-depth limit of ${MAX_NESTING} levels are not loaded; flatten the stacks or exclude them`,
        range: link.range,
        limit: "nested-stack-depth",
        incomplete: true,
      });
      return undefined;
    }
    const text = readRelative(link.path);
    if (text === undefined) {
      unloadable.add(link.path);
      result.notes.push({
        path: parent.file,
        message: `The nested stack ${logicalId} loads ${link.path}, which is not a file inside the scan root; it was not analysed.`,
        range: link.range,
      });
      return undefined;
    }
    const loaded = loadRawTemplate(text, link.path, { mustBeTemplate: true });
    addAnalyzed({ path: link.path, text });
    if (loaded.kind !== "template") {
      unloadable.add(link.path);
      if (loaded.kind === "broken") result.diagnostics.push(...loaded.diagnostics);
      return undefined;
    }
    for (const note of loaded.notes)
      result.notes.push({
        path: link.path,
        message: `${note.message} (line ${note.range.start.line})`,
        range: note.range,
      });
    const passed = new Map<string, { value: Value; source: "given" | "parent" }>(userParameters);
    const parameters = getValue(getValue(parent.resources.get(logicalId)?.value, "Properties"), "Parameters");
    if (parameters?.kind === "object") {
      for (const entry of parameters.entries) {
        const value = parent.resolve(entry.value);
        if (value !== undefined) passed.set(entry.key, { value, source: "parent" });
      }
    }
    const scope = new TemplateScope(loaded.raw, passed, links);
    parents.set(scope, { scope: parent, logicalId });
    children.set(link.path, scope);
    scopes.push(scope);
    return scope;
  };

  for (const raw of roots) {
    children.set(raw.file, null); // a root is never instantiated again as a child
    scopes.push(new TemplateScope(raw, userParameters, links));
  }
  // Load every nested stack (breadth first: `scopes` grows while it is walked).
  for (let i = 0; i < scopes.length; i++) {
    const scope = scopes[i]!;
    for (const link of nestedStackLinks(scope.raw)) {
      if (!link.path) {
        if (link.url !== undefined)
          result.notes.push({
            path: scope.file,
            message: `The nested stack ${link.logicalId} loads its template from ${link.url}, outside the scan.`,
            range: link.range,
          });
        continue;
      }
      childScope(scope, link.logicalId);
    }
  }
  allLoaded = true;

  const definitionReader = {
    read(fromFile: string, relativePath: string): { file: string; text: string } | { refused: string } {
      const target = resolveRelative(fromFile, relativePath);
      const text = target === undefined ? undefined : readRelative(target);
      if (target === undefined || text === undefined) {
        const refused = `${relativePath} is not a file inside the scan root; it was not read.`;
        result.notes.push({ path: fromFile, message: `DefinitionUri ${refused}` });
        return { refused };
      }
      return { file: target, text };
    },
  };

  for (const scope of scopes) {
    const parent = parents.get(scope);
    const resolved = resolveTemplate(
      scope,
      definitionReader,
      (logicalId) => children.get(nestedStackLinks(scope.raw).find((l) => l.logicalId === logicalId)?.path ?? "")?.file,
    );
    if (parent)
      resolved.template.parent = {
        id: parent.scope.id(parent.logicalId),
        file: parent.scope.file,
        logicalId: parent.logicalId,
      };
    for (const file of resolved.loadedFiles) addAnalyzed(file);
    result.templates.push(resolved.template);
    for (const note of scope.notes)
      result.notes.push({
        path: scope.file,
        message: note.message,
        range: note.range,
        ...(note.limit ? { limit: note.limit } : {}),
        ...(note.incomplete ? { incomplete: note.incomplete } : {}),
      });
    const branchSteps = { left: scope.maxSteps };
    for (const resource of resolved.template.resources)
      result.schemaProblems.push(
        ...validateResource(resource, () => branchVariants(scope, resource.logicalId, branchSteps)),
      );
  }
  return result;
}

/** An output whose condition is false is not created, so it exports nothing. */
function outputConditionIsFalse(scope: TemplateScope, output: Value): boolean {
  const condition = getValue(output, "Condition");
  return condition?.kind === "string" && scope.condition(condition.value) === false;
}

/**
 * The templates analysed on their own: those no other template loads as a
 * nested stack, then, for templates only reachable through a cycle of nested
 * stacks, the first of each cycle.
 */
function rootTemplates(raws: readonly RawTemplate[]): RawTemplate[] {
  const childrenOf = new Map(
    raws.map((raw) => [
      raw.file,
      nestedStackLinks(raw).flatMap((l) => (l.path && l.path !== raw.file ? [l.path] : [])),
    ]),
  );
  const loadedByOthers = new Set([...childrenOf.values()].flat());
  const roots = raws.filter((raw) => !loadedByOthers.has(raw.file));
  const reached = new Set<string>();
  // An explicit stack: a chain of nested stacks is as long as the input makes it.
  const reach = (file: string): void => {
    const stack = [file];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (reached.has(next)) continue;
      reached.add(next);
      stack.push(...(childrenOf.get(next) ?? []));
    }
  };
  for (const raw of roots) reach(raw.file);
  for (const raw of raws) {
    if (reached.has(raw.file)) continue;
    roots.push(raw);
    reach(raw.file);
  }
  return roots;
}

interface NestedStackLink {
  logicalId: string;
  /** Root-relative path of a local child template. */
  path?: string;
  /** A template URL outside the scan. */
  url?: string;
  range?: SourceRange;
}

function nestedStackLinks(raw: RawTemplate): NestedStackLink[] {
  const resources = getValue(raw.root, "Resources");
  if (resources?.kind !== "object") return [];
  const links: NestedStackLink[] = [];
  for (const entry of resources.entries) {
    const type = getValue(entry.value, "Type");
    if (type?.kind !== "string" || type.value !== "AWS::CloudFormation::Stack") continue;
    const found = nestedStackTemplatePath(raw.file, entry.value);
    links.push({ logicalId: entry.key, ...found });
  }
  return links;
}
