/**
 * The Terraform stage: configuration files (+ tfvars, `.terraform/modules`,
 * plan JSON) in, the resource instances Terraform would plan out, with every
 * attribute evaluated as far as static analysis can honestly go.
 *
 * Every folder with configuration files that no other scanned module calls
 * (and that is not inside `.terraform/`) is a root module.
 */
import type { Diagnostic } from "../core/finding.js";
import type { SourceRange } from "../core/range.js";
import type { ObjectValue } from "../core/value.js";
import { dirOf, isConfigFile, loadModuleConfig, type InputFile, type PreParsedHcl } from "./config.js";
import { DEFAULT_LIMITS, joinPath, World, type Limits, type ModuleInstance } from "./modules.js";
import { isVarFile, VariableSources } from "./variables.js";
import { isPlanJson, loadPlans } from "./plan.js";
import { releaseEvaluationCaches } from "./references.js";

export interface TerraformInstance {
  /** Unique in the scan: `<root folder>:<address>`; used as `ResourceRef.resource`. */
  id: string;
  /** The root module's folder, relative to the scan root (`.` for the scan root). */
  root: string;
  /** Terraform's address: `aws_subnet.private[0]`, `module.x.aws_sagemaker_model.this`. */
  address: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  /** The file of the block (for plan-only instances: the plan file). */
  file: string;
  /** Block type and labels, up to the `{`. */
  headerRange: SourceRange;
  /** The whole block. */
  range: SourceRange;
  /**
   * Configured attributes in source order (`keyRange` = the attribute name);
   * nested blocks as lists of objects, each object's range the nested block.
   */
  attributes: ObjectValue;
  /** `unknown` when `count`/`for_each` could not be evaluated: this one instance stands for all. */
  expansion: "known" | "unknown";
  /** Module call headers from the root down, for related locations. */
  moduleCalls: SourceRange[];
}

export interface TerraformOptions {
  /** Absolute path of the scan root. */
  root: string;
  /** `--var name=value` values, applied to every root that declares the variable. */
  vars?: Record<string, string>;
  /** `--var-file` paths relative to the root, applied to every root, in order. */
  varFiles?: string[];
  /** Reads a file by path relative to the root; undefined when absent or outside the root. */
  readFile(relPath: string): string | undefined;
  /** Lists a folder relative to the root (names only); lets module folders outside `files` load. */
  listDir?(relPath: string): string[] | undefined;
  limits?: Partial<Limits>;
  /**
   * `.tf`/`.tofu` files already parsed (`src/parallel/`, the worker pool), by path with the
   * text they were parsed from: a file whose path and text match is not parsed again; any
   * other is, so the result is the same with or without them.
   */
  parsed?: PreParsedHcl;
}

export interface TerraformResult {
  instances: TerraformInstance[];
  /** Every file read as Terraform (configuration, tfvars, plan JSON, `file()` targets). */
  analyzedFiles: { path: string; text: string }[];
  /** Parse errors (SMBT000) and module problems. */
  diagnostics: Diagnostic[];
  /** `limit` names the safety limit a note is about; the scan reports those as SMBT017. */
  notes: { path: string; message: string; range?: SourceRange; limit?: string; incomplete?: true }[];
}

export function loadTerraform(
  files: readonly { path: string; text: string }[],
  options: TerraformOptions,
): TerraformResult {
  try {
    return load(files, options);
  } finally {
    // The result must not keep the module tree (and every parsed file) alive: see references.ts.
    releaseEvaluationCaches();
  }
}

function load(files: readonly { path: string; text: string }[], options: TerraformOptions): TerraformResult {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const configFiles = files.filter((f) => isConfigFile(f.path));
  const fileText = new Map(files.map((f) => [f.path, f.text]));
  const readFile = (path: string): string | undefined => fileText.get(path) ?? options.readFile(path);

  const filesByDir = new Map<string, InputFile[]>();
  for (const file of configFiles) {
    const dir = dirOf(file.path);
    const list = filesByDir.get(dir) ?? [];
    list.push({ path: file.path, text: file.text });
    filesByDir.set(dir, list);
  }

  const variableSources = new VariableSources(
    files.filter((f) => isVarFile(f.path)).map((f) => f.path),
    (options.varFiles ?? []).map((p) => joinPath(".", p.replace(/\\/g, "/")) ?? p),
    options.vars ?? {},
    readFile,
  );

  const world = new World(filesByDir, {
    readFile,
    listDir: options.listDir,
    limits,
    rootValues: (dir) => variableSources.forRoot(dir),
    preParsed: options.parsed,
  });

  for (const rootDir of findRoots(world, [...filesByDir.keys()])) world.root(rootDir);

  const instances: TerraformInstance[] = [];
  for (const root of world.roots.values()) collectInstances(root, instances);

  const plans = loadPlans(
    files.filter((f) => !isConfigFile(f.path) && !isVarFile(f.path) && isPlanJson(f.text)),
    instances,
    world,
  );

  const analyzed = new Map<string, string>([
    ...world.analyzedFiles,
    ...variableSources.usedFiles,
    ...plans.analyzedFiles,
  ]);
  return {
    instances: plans.instances,
    analyzedFiles: [...analyzed]
      .map(([path, text]) => ({ path, text }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    diagnostics: unique([...world.diagnostics, ...variableSources.diagnostics, ...plans.diagnostics]),
    notes: [...variableSources.notes, ...world.notes],
  };
}

/** Diagnostics without repeats (a module instantiated several times reports a problem of its calls once). */
function unique(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.range.file}\u0000${d.range.start.offset}\u0000${d.range.end.offset}\u0000${d.summary}\u0000${d.detail ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Folders with configuration that no other scanned module calls, outside `.terraform/`. */
function findRoots(world: World, dirs: string[]): string[] {
  const called = new Set<string>();
  for (const dir of dirs) {
    if (isInstalledModuleDir(dir)) continue;
    for (const target of world.installedModules(dir).values()) called.add(target);
  }
  for (const dir of dirs) {
    // Parsing every folder once up front is needed anyway; loadModuleConfig is cheap to repeat here.
    const config = world.config(dir) ?? loadModuleConfig(dir, []);
    for (const call of config.moduleCalls.values()) {
      const source = call.source;
      if (source === undefined || !(source.startsWith("./") || source.startsWith("../"))) continue;
      const target = joinPath(dir, source);
      if (target !== undefined && target !== dir) called.add(target);
    }
  }
  return dirs.filter((dir) => !isInstalledModuleDir(dir) && !called.has(dir)).sort();
}

function isInstalledModuleDir(dir: string): boolean {
  return (
    dir === ".terraform" || dir.startsWith(".terraform/") || dir.includes("/.terraform/") || dir.endsWith("/.terraform")
  );
}

function collectInstances(module: ModuleInstance, out: TerraformInstance[]): void {
  for (const resource of module.resources()) {
    for (const instance of resource.instances()) {
      const block = instance.config.block;
      out.push({
        id: instance.id,
        root: module.rootDir,
        address: instance.address,
        mode: instance.config.mode,
        type: instance.config.type,
        name: instance.config.name,
        file: block.src.path,
        headerRange: block.headerRange,
        range: block.range,
        attributes: instance.attributes(),
        expansion: instance.expansion,
        moduleCalls: module.callRanges,
      });
    }
  }
  for (const call of module.moduleCalls()) {
    for (const child of call.instances()) collectInstances(child, out);
  }
}

export { renderDebugTerraform } from "./debug.js";
export { isPlanJson } from "./plan.js";
export { DEFAULT_LIMITS, type Limits } from "./modules.js";
