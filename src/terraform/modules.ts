/**
 * The module tree: root modules, module calls and their sources, module
 * instances with their variables, locals and outputs.
 *
 * Local sources (`./x`, `../x`) resolve relative to the calling module;
 * registry and git sources through the root's `.terraform/modules/modules.json`
 * (keys are the dotted call path, `Dir` is relative to the root module);
 * anything else is `MODULE_SOURCE` with one note per call. Every lazily
 * evaluated value (variable, local, output) is memoized with cycle detection.
 */
import type { Diagnostic } from "../core/finding.js";
import type { SourceRange } from "../core/range.js";
import type { ObjectValue, UnknownValue, Value } from "../core/value.js";
import { unknown } from "../core/value.js";
import { loadYaml } from "../cloudformation/yaml.js";
import type { ConfigAttribute, ModuleCallConfig, ModuleConfig, SourceFile } from "./config.js";
import {
  findAttribute,
  isConfigFile,
  loadModuleConfig,
  resourceKey,
  type InputFile,
  type PreParsedHcl,
} from "./config.js";
import {
  ExpressionError,
  LimitError,
  evaluate,
  newBudget,
  rangeOf,
  type EvalScope,
  type NameResolver,
} from "./evaluate.js";
import type { FunctionContext } from "./function-library.js";
import { EXPANDING, expandBlock, instanceKeySuffix, ResourceNode, type Expansion } from "./instances.js";
import { applyGenericStep, resolveTraversal, type Step } from "./references.js";
import { cliValue, convertToType, parseTypeConstraint, type GivenValue, type TypeConstraint } from "./variables.js";
import { parseTemplateText } from "./template.js";
import { evaluateTemplate, withBindings } from "./evaluate.js";
import { lineStarts } from "../core/range.js";

export interface Limits {
  /** Instances one `count`/`for_each` may create. */
  maxInstancesPerResource: number;
  /** Evaluation steps for one expression (an attribute, local, output, …). */
  maxStepsPerExpression: number;
  /** Depth of nested module calls. */
  maxModuleDepth: number;
  /** Module instances in one scan. */
  maxModuleInstances: number;
  /** Named values (locals, variables, outputs, attributes) evaluating each other in a chain. */
  maxReferenceDepth: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxInstancesPerResource: 10_000,
  maxStepsPerExpression: 250_000,
  maxModuleDepth: 32,
  maxModuleInstances: 10_000,
  maxReferenceDepth: 150,
};

export interface WorldOptions {
  /** Reads a file relative to the scan root (inside it only). */
  readFile(relPath: string): string | undefined;
  /** Lists a folder relative to the scan root, for module folders outside the given files. */
  listDir?(relPath: string): string[] | undefined;
  limits: Limits;
  /** Given values for root variables (tfvars chain and command line), per root folder. */
  rootValues(rootDir: string): Map<string, GivenValue[]>;
  /** HCL files parsed ahead (the worker pool); used only where path and text match. */
  preParsed?: PreParsedHcl;
}

const IN_PROGRESS = Symbol("in progress");

/** Normalizes `a/./b/../c` (relative, `/` separators); returns undefined when it leaves the root. */
export function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.length === 0 ? "." : out.join("/");
}

export function joinPath(dir: string, rel: string): string | undefined {
  if (rel.startsWith("/")) return undefined;
  return normalizePath(dir === "." ? rel : `${dir}/${rel}`);
}

/** Everything one scan evaluates: configurations, roots, diagnostics and notes. */
export class World {
  readonly diagnostics: Diagnostic[] = [];
  /**
   * `limit` names the safety limit a note is about (`src/core/limits.ts`); the scan reports those as
   * SMBT017, or as SMBT020 when `incomplete` (a whole module was left out).
   */
  readonly notes: { path: string; message: string; range?: SourceRange; limit?: string; incomplete?: true }[] = [];
  readonly roots = new Map<string, ModuleInstance>();
  private readonly configs = new Map<string, ModuleConfig | undefined>();
  private readonly noteKeys = new Set<string>();
  private readonly modulesJson = new Map<string, Map<string, string>>();
  /** Every file that was read as configuration. */
  readonly analyzedFiles = new Map<string, string>();
  moduleInstanceCount = 0;

  constructor(
    private readonly filesByDir: Map<string, InputFile[]>,
    readonly options: WorldOptions,
  ) {}

  get limits(): Limits {
    return this.options.limits;
  }

  /** The configuration of a folder, from the given files or read from disk; undefined when it has none. */
  config(dir: string): ModuleConfig | undefined {
    if (this.configs.has(dir)) return this.configs.get(dir);
    let files = this.filesByDir.get(dir);
    if (!files) files = this.readFolder(dir);
    const config = files && files.length > 0 ? loadModuleConfig(dir, files, this.options.preParsed) : undefined;
    if (config) {
      this.diagnostics.push(...config.diagnostics);
      for (const file of config.files) this.analyzedFiles.set(file.path, file.text);
    }
    this.configs.set(dir, config);
    return config;
  }

  private readFolder(dir: string): InputFile[] | undefined {
    const names = this.options.listDir?.(dir);
    if (!names) return undefined;
    const out: InputFile[] = [];
    for (const name of names) {
      if (!isConfigFile(name)) continue;
      const path = dir === "." ? name : `${dir}/${name}`;
      const text = this.options.readFile(path);
      if (text !== undefined) out.push({ path, text });
    }
    return out;
  }

  /** `.terraform/modules/modules.json` of a root: call key → module folder (relative to the scan root). */
  installedModules(rootDir: string): Map<string, string> {
    const cached = this.modulesJson.get(rootDir);
    if (cached) return cached;
    const map = new Map<string, string>();
    const path = rootDir === "." ? ".terraform/modules/modules.json" : `${rootDir}/.terraform/modules/modules.json`;
    const text = this.options.readFile(path);
    if (text !== undefined) {
      const loaded = loadYaml(text, path);
      const modules =
        loaded.value?.kind === "object" ? loaded.value.entries.find((e) => e.key === "Modules")?.value : undefined;
      if (modules?.kind === "list") {
        for (const item of modules.items) {
          if (item.kind !== "object") continue;
          const key = item.entries.find((e) => e.key === "Key")?.value;
          const dir = item.entries.find((e) => e.key === "Dir")?.value;
          if (key?.kind !== "string" || dir?.kind !== "string" || key.value === "") continue;
          const resolved = joinPath(rootDir, dir.value.replace(/\\/g, "/"));
          if (resolved) map.set(key.value, resolved);
        }
      }
    }
    this.modulesJson.set(rootDir, map);
    return map;
  }

  note(message: string, range?: SourceRange, limit?: string, incomplete?: true): void {
    const path = range?.file ?? ".";
    const text = range ? `${message} (line ${range.start.line})` : message;
    const key = `${path}\u0000${text}`;
    if (this.noteKeys.has(key)) return;
    this.noteKeys.add(key);
    this.notes.push(
      limit === undefined
        ? { path, message: text }
        : { path, message: text, ...(range ? { range } : {}), limit, ...(incomplete ? { incomplete } : {}) },
    );
  }

  /** Runs one top-level evaluation; invalid expressions and limits become Unknowns with a note. */
  guard(run: () => Value, range: SourceRange, what: string): Value {
    try {
      return run();
    } catch (error) {
      if (error instanceof RangeError && /call stack/i.test(error.message)) {
        // A last resort: the counted limits should stop everything before the stack does.
        this.note(`${what}: evaluation nested too deeply`, range, "stack");
        return unknown("LIMIT", `${what}: evaluation nested too deeply.`, { range });
      }
      if (error instanceof ExpressionError) {
        this.note(`${what}: ${error.message}`, error.range ?? range);
        return unknown("UNSUPPORTED", `${what} could not be evaluated: ${error.message}.`, { range });
      }
      if (error instanceof LimitError) {
        this.note(`${what}: ${error.message}`, error.range ?? range, "max-steps-per-expression");
        return unknown("LIMIT", `${what}: ${error.message}.`, { range });
      }
      throw error;
    }
  }

  private referenceDepth = 0;

  /**
   * Evaluates a named value that other values refer to (a local, variable,
   * output or resource attribute), counting how deep such evaluations nest:
   * a chain longer than the limit is Unknown (`LIMIT`) instead of
   * exhausting the stack.
   */
  nested(what: string, range: SourceRange, compute: () => Value): Value {
    if (this.referenceDepth >= this.limits.maxReferenceDepth) {
      this.note(
        `${what}: references nest deeper than ${this.limits.maxReferenceDepth} values; not evaluated`,
        range,
        "fixed reference-depth",
      );
      return unknown(
        "LIMIT",
        `${what} is not evaluated: references nest deeper than ${this.limits.maxReferenceDepth} values.`,
        { range },
      );
    }
    this.referenceDepth++;
    try {
      return compute();
    } finally {
      this.referenceDepth--;
    }
  }

  root(dir: string): ModuleInstance | undefined {
    const existing = this.roots.get(dir);
    if (existing) return existing;
    const config = this.config(dir);
    if (!config) return undefined;
    const instance = new ModuleInstance(this, config, dir, "", [], [], undefined, undefined, {});
    this.roots.set(dir, instance);
    return instance;
  }
}

/** One module call block in one module instance, with its source resolved. */
export class ModuleCallNode {
  private expansionMemo: Expansion | typeof EXPANDING | undefined;
  private instancesMemo: ModuleInstance[] | undefined;
  private target: { config: ModuleConfig } | { unavailable: UnknownValue } | undefined;

  constructor(
    readonly parent: ModuleInstance,
    readonly config: ModuleCallConfig,
  ) {}

  get address(): string {
    return this.parent.address ? `${this.parent.address}.module.${this.config.name}` : `module.${this.config.name}`;
  }

  private resolve(): { config: ModuleConfig } | { unavailable: UnknownValue } {
    if (this.target) return this.target;
    this.target = this.resolveSource();
    return this.target;
  }

  /** The Unknown every output reads as, when the module cannot be loaded; `{output}` stands for `.name`. */
  unavailable(): UnknownValue | undefined {
    const target = this.resolve();
    return "unavailable" in target ? target.unavailable : undefined;
  }

  /** The folder of the called module, when it can be found. */
  calledDir(): string | undefined {
    const target = this.resolve();
    return "config" in target ? target.config.dir : undefined;
  }

  private resolveSource(): { config: ModuleConfig } | { unavailable: UnknownValue } {
    const world = this.parent.world;
    const block = this.config.block;
    const sourceAttr = findAttribute(block.body, "source");
    const source = this.config.source;
    const where = sourceAttr?.range ?? block.headerRange;
    const fail = (reason: UnknownValue["reason"], detail: string): { unavailable: UnknownValue } => ({
      unavailable: unknown(reason, detail, { range: where }),
    });
    if (source === undefined) {
      world.diagnostics.push({
        severity: "error",
        summary: "Module source missing",
        semantic: true,
        detail: `module "${this.config.name}" has no literal source string.`,
        range: block.headerRange,
      });
      return fail("MODULE_SOURCE", `${this.address}{output} is not known: the module has no literal source.`);
    }
    let dir: string | undefined;
    if (source.startsWith("./") || source.startsWith("../") || source === "." || source === "..") {
      dir = joinPath(this.parent.config.dir, source);
      if (dir === undefined) {
        world.note(`${this.address}: module source ${source} is outside the scan root`, where);
        return fail(
          "MODULE_SOURCE",
          `${this.address}{output} is not known: the module source ${source} is outside the scan root.`,
        );
      }
      if (!world.config(dir)) {
        world.diagnostics.push({
          severity: "error",
          summary: "Module folder not found",
          semantic: true,
          detail: `module "${this.config.name}" calls ${source}, which has no Terraform files in the scan.`,
          range: where,
        });
        return fail(
          "MODULE_SOURCE",
          `${this.address}{output} is not known: the module folder ${source} was not found.`,
        );
      }
    } else {
      dir = world.installedModules(this.parent.rootDir).get([...this.parent.keyPath, this.config.name].join("."));
      if (dir === undefined || !world.config(dir)) {
        world.note(
          `${this.address}: module source "${source}" not available locally (run terraform init to fill .terraform/modules); its outputs are unknown`,
          where,
        );
        return fail(
          "MODULE_SOURCE",
          `${this.address}{output} comes from module source "${source}", which is not available locally.`,
        );
      }
    }
    const config = world.config(dir)!;
    // A module calling itself (directly or through others) would expand forever.
    for (let m: ModuleInstance | undefined = this.parent; m; m = m.parent) {
      if (m.config.dir === dir) {
        world.diagnostics.push({
          severity: "error",
          summary: "Module cycle",
          semantic: true,
          detail: `module "${this.config.name}" calls ${dir}, which is already being expanded above it; the cycle is not expanded.`,
          range: where,
        });
        return fail("LIMIT", `${this.address}{output} is not known: the module calls itself.`);
      }
    }
    if (this.parent.depth + 1 > world.limits.maxModuleDepth) {
      world.note(
        `${this.address} (${dir}) was not analysed: modules nest deeper than the fixed module-depth limit of ${world.limits.maxModuleDepth} levels; flatten the module tree or exclude it`,
        where,
        "module-depth",
        true,
      );
      return fail(
        "LIMIT",
        `${this.address}{output} is not known: modules nest deeper than ${world.limits.maxModuleDepth} levels.`,
      );
    }
    return { config };
  }

  expansion(): Expansion {
    if (this.expansionMemo === EXPANDING)
      this.expansionMemo = {
        kind: "unknown",
        because: unknown("LIMIT", `The count or for_each of ${this.address} depends on itself.`),
      };
    if (this.expansionMemo) return this.expansionMemo;
    if (this.parent.expansionUnknown) {
      this.expansionMemo = { kind: "unknown", because: this.parent.expansionUnknown };
      return this.expansionMemo;
    }
    this.expansionMemo = EXPANDING;
    this.expansionMemo = expandBlock(
      this.config.block.body,
      (a) => this.parent.scope(a.src),
      this.parent.world.limits.maxInstancesPerResource,
      this.address,
      (m, r, l) => this.parent.world.note(m, r, l),
    );
    return this.expansionMemo;
  }

  instances(): ModuleInstance[] {
    if (this.instancesMemo) return this.instancesMemo;
    this.instancesMemo = [];
    const target = this.resolve();
    if (!("config" in target)) return this.instancesMemo;
    const world = this.parent.world;
    const expansion = this.expansion();
    const make = (
      key: number | string | undefined,
      values: Pick<EvalScope, "countIndex" | "each">,
      unknownBecause?: UnknownValue,
    ): ModuleInstance | undefined => {
      if (++world.moduleInstanceCount > world.limits.maxModuleInstances) {
        world.note(
          `${this.address}: more than ${world.limits.maxModuleInstances} module instances in the scan (the fixed module-instances limit); the rest were not analysed`,
          this.config.block.headerRange,
          "module-instances",
          true,
        );
        return undefined;
      }
      const address = `${this.address}${instanceKeySuffix(key)}`;
      const calls = [...this.parent.callRanges, this.config.block.headerRange];
      const inputs = (name: string): Value | undefined => {
        const attribute = this.config.block.body.attributes.find((a) => a.name === name);
        if (!attribute) return undefined;
        return world.guard(
          () => evaluate(attribute.expr, { ...this.parent.scope(attribute.src), ...values }),
          attribute.range,
          `${address} input ${name}`,
        );
      };
      return new ModuleInstance(
        world,
        target.config,
        this.parent.rootDir,
        address,
        [...this.parent.keyPath, this.config.name],
        calls,
        this.parent,
        inputs,
        values,
        key,
        unknownBecause,
      );
    };
    const push = (m: ModuleInstance | undefined): void => {
      if (m) this.instancesMemo!.push(m);
    };
    switch (expansion.kind) {
      case "single":
        push(make(undefined, {}));
        break;
      case "unknown":
        push(
          make(
            undefined,
            { countIndex: expansion.because, each: { key: expansion.because, value: expansion.because } },
            expansion.because,
          ),
        );
        break;
      case "count":
        for (let i = 0; i < expansion.count; i++) push(make(i, { countIndex: { kind: "number", value: i } }));
        break;
      case "for_each":
        for (const e of expansion.entries)
          push(make(e.key, { each: { key: { kind: "string", value: e.key, range: e.keyRange }, value: e.value } }));
        break;
    }
    return this.instancesMemo;
  }
}

/** One instance of a module (a root, or one expansion of a module call). */
export class ModuleInstance implements NameResolver {
  private readonly variableMemo = new Map<string, Value | typeof IN_PROGRESS>();
  private readonly localMemo = new Map<string, Value | typeof IN_PROGRESS>();
  private readonly outputMemo = new Map<string, Value | typeof IN_PROGRESS>();
  private readonly resourceNodes = new Map<string, ResourceNode>();
  private readonly callNodes = new Map<string, ModuleCallNode>();
  readonly depth: number;

  constructor(
    readonly world: World,
    readonly config: ModuleConfig,
    /** The root module's folder. */
    readonly rootDir: string,
    /** `""` for a root, `module.a[0].module.b` below. */
    readonly address: string,
    /** Call names from the root (`modules.json` keys). */
    readonly keyPath: string[],
    /** Module call headers from the root down. */
    readonly callRanges: SourceRange[],
    readonly parent: ModuleInstance | undefined,
    private readonly inputs: ((name: string) => Value | undefined) | undefined,
    readonly expansionValues: Pick<EvalScope, "countIndex" | "each">,
    readonly instanceKey?: number | string,
    /** Set when this instance stands for a module call whose count/for_each is Unknown. */
    readonly expansionUnknown?: UnknownValue,
  ) {
    this.depth = parent ? parent.depth + 1 : 0;
  }

  /** `path.module`: the module folder relative to the root module folder. */
  get pathModule(): string {
    if (this.rootDir === "." || this.config.dir === this.rootDir)
      return this.config.dir === this.rootDir ? "." : this.config.dir;
    const prefix = `${this.rootDir}/`;
    if (this.config.dir.startsWith(prefix)) return this.config.dir.slice(prefix.length);
    const up = this.rootDir
      .split("/")
      .map(() => "..")
      .join("/");
    return `${up}/${this.config.dir}`;
  }

  scope(src: SourceFile): EvalScope {
    return { src, resolver: this, budget: newBudget(this.world.limits.maxStepsPerExpression) };
  }

  // --- NameResolver -------------------------------------------------------

  resolve(traversal: Parameters<NameResolver["resolve"]>[0], scope: EvalScope): Value {
    return resolveTraversal(this, traversal, scope);
  }

  applyStep(value: Value, step: Step, range: SourceRange): Value {
    return applyGenericStep(value, step, range);
  }

  note(message: string, range: SourceRange): void {
    this.world.note(message, range);
  }

  functionContext(range: SourceRange, scope: EvalScope): FunctionContext {
    const world = this.world;
    const rootDir = this.rootDir;
    const moduleDir = this.pathModule;
    return {
      range,
      moduleDir,
      readFile(path: string) {
        const rel = joinPath(rootDir, path.replace(/\\/g, "/"));
        if (rel === undefined) {
          // Refused before any read, and said so where the call is (README, Security).
          world.note(`file ${path} is outside the scan root; it was not read`, range);
          return { refused: `${path} is outside the scan root` };
        }
        const text = world.options.readFile(rel);
        if (text === undefined) return { refused: `${rel} does not exist inside the scan root` };
        world.analyzedFiles.set(rel, text);
        return { text, file: rel };
      },
      renderTemplate(text: string, file: string, variables: Value): Value {
        return renderTemplateFile(text, file, variables, scope, range);
      },
    };
  }

  // --- Named values -------------------------------------------------------

  private memoized(
    memo: Map<string, Value | typeof IN_PROGRESS>,
    key: string,
    what: string,
    range: SourceRange,
    compute: () => Value,
  ): Value {
    const cached = memo.get(key);
    if (cached === IN_PROGRESS) {
      this.world.diagnostics.push({
        severity: "error",
        summary: "Cycle in values",
        semantic: true,
        detail: `${what} depends on itself.`,
        range,
      });
      return unknown("LIMIT", `${what} depends on itself (a cycle).`, { range });
    }
    if (cached !== undefined) return cached;
    memo.set(key, IN_PROGRESS);
    const value = this.world.nested(what, range, compute);
    memo.set(key, value);
    return value;
  }

  variable(name: string, useRange: SourceRange): Value {
    const declaration = this.config.variables.get(name);
    if (!declaration) throw new ExpressionError(`reference to undeclared input variable "${name}"`, useRange);
    return this.memoized(this.variableMemo, name, `var.${name}`, declaration.block.headerRange, () => {
      let type: TypeConstraint | undefined;
      if (declaration.type) {
        try {
          type = parseTypeConstraint(declaration.type.expr, declaration.type.src);
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
          this.world.note(`variable "${name}": ${error.message}`, declaration.type.range);
        }
      }
      let value: Value | undefined;
      if (this.inputs) value = this.inputs(name);
      else {
        const given = this.world.options.rootValues(this.rootDir).get(name);
        const last = given?.[given.length - 1];
        if (last) value = last.rawText !== undefined ? cliValue(last.rawText, type) : last.value;
      }
      // `nullable = false`: a null given for the variable means its default.
      const nullable = findAttribute(declaration.block.body, "nullable");
      if (value?.kind === "null" && nullable?.expr.type === "LiteralValue" && nullable.expr.value === false)
        value = undefined;
      if (value === undefined && declaration.default) {
        const attribute = declaration.default;
        value = this.world.guard(
          () => evaluate(attribute.expr, { ...this.scope(attribute.src), resolver: this.constantResolver() }),
          attribute.range,
          `variable "${name}" default`,
        );
      }
      if (value === undefined) {
        const detail = this.inputs
          ? `var.${name} is a required input of ${this.address} that the module call does not set.`
          : `var.${name} has no default and no value is given (tfvars, --var or --var-file).`;
        // A list or set type is still a collection: of unknown length (maybe empty), each element unknown.
        const every = type?.kind === "list" || type?.kind === "set" ? unknown("VAR_NO_DEFAULT", detail) : undefined;
        return unknown("VAR_NO_DEFAULT", detail, { range: declaration.block.headerRange, ...(every ? { every } : {}) });
      }
      if (type) {
        try {
          value = convertToType(value, type);
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
          this.world.note(`var.${name}: ${error.message}`, value.range ?? declaration.block.headerRange);
        }
      }
      return value;
    });
  }

  private constantResolver(): NameResolver {
    return {
      resolve: (traversal, scope) => {
        throw new ExpressionError(
          `variables are not allowed here (${traversal.root})`,
          rangeOf(scope, traversal.range),
        );
      },
      applyStep: (value, step, range) => applyGenericStep(value, step, range),
      functionContext: (range, scope) => this.functionContext(range, scope),
      note: (m, r) => this.world.note(m, r),
    };
  }

  local(name: string, useRange: SourceRange): Value {
    const attribute = this.config.locals.get(name);
    if (!attribute) throw new ExpressionError(`reference to undeclared local value "${name}"`, useRange);
    return this.memoized(this.localMemo, name, `local.${name}`, attribute.range, () =>
      this.world.guard(() => evaluate(attribute.expr, this.scope(attribute.src)), attribute.range, `local.${name}`),
    );
  }

  output(name: string, useRange: SourceRange): Value {
    const block = this.config.outputs.get(name);
    if (!block) throw new ExpressionError(`${this.address || "the module"} has no output "${name}"`, useRange);
    const attribute: ConfigAttribute | undefined = findAttribute(block.body, "value");
    if (!attribute) return { kind: "null", range: block.range };
    return this.memoized(
      this.outputMemo,
      name,
      `${this.address ? `${this.address}.` : ""}output.${name}`,
      block.headerRange,
      () =>
        this.world.guard(
          () => evaluate(attribute.expr, this.scope(attribute.src)),
          attribute.range,
          `output "${name}"`,
        ),
    );
  }

  outputsObject(range: SourceRange): ObjectValue {
    return {
      kind: "object",
      entries: [...this.config.outputs.keys()].map((name) => ({ key: name, value: this.output(name, range) })),
      range,
    };
  }

  resource(mode: "managed" | "data", type: string, name: string, useRange: SourceRange): ResourceNode {
    const key = resourceKey(mode, type, name);
    const existing = this.resourceNodes.get(key);
    if (existing) return existing;
    const config = this.config.resourcesByKey.get(key);
    if (!config)
      throw new ExpressionError(
        `reference to undeclared ${mode === "data" ? "data source" : "resource"} ${mode === "data" ? "data." : ""}${type}.${name}`,
        useRange,
      );
    const node = new ResourceNode(this, config);
    this.resourceNodes.set(key, node);
    return node;
  }

  resources(): ResourceNode[] {
    return this.config.resources.map((r) => this.resource(r.mode, r.type, r.name, r.block.headerRange));
  }

  moduleCall(name: string, useRange: SourceRange): ModuleCallNode {
    const existing = this.callNodes.get(name);
    if (existing) return existing;
    const config = this.config.moduleCalls.get(name);
    if (!config) throw new ExpressionError(`reference to undeclared module "${name}"`, useRange);
    const node = new ModuleCallNode(this, config);
    this.callNodes.set(name, node);
    return node;
  }

  moduleCalls(): ModuleCallNode[] {
    return [...this.config.moduleCalls.keys()].map((name) =>
      this.moduleCall(name, this.config.moduleCalls.get(name)!.block.headerRange),
    );
  }
}

/** `templatefile`: the file's text as a template, with only the given variables in scope. */
let templateDepth = 0;

function renderTemplateFile(
  text: string,
  file: string,
  variables: Value,
  caller: EvalScope,
  range: SourceRange,
): Value {
  // Terraform forbids templatefile inside a template; it would also recurse without end.
  if (templateDepth > 0) throw new ExpressionError("templatefile cannot be called from inside a template", range);
  templateDepth++;
  try {
    return renderTemplateText(text, file, variables, caller, range);
  } finally {
    templateDepth--;
  }
}

function renderTemplateText(
  text: string,
  file: string,
  variables: Value,
  caller: EvalScope,
  range: SourceRange,
): Value {
  const parsed = parseTemplateText(text, 0, { start: 0, end: text.length });
  const src: SourceFile = { path: file, text, lineStarts: lineStarts(text) };
  if (parsed.errors.length > 0) throw new ExpressionError(`${file}: ${parsed.errors[0]!.message}`, range);
  const names: Record<string, Value> = {};
  if (variables.kind === "object") for (const e of variables.entries) names[e.key] = e.value;
  const resolver: NameResolver = {
    resolve: (traversal, scope) => {
      const bound = scope.bindings?.get(traversal.root);
      if (bound === undefined)
        throw new ExpressionError(
          `${file}: the template refers to ${traversal.root}, which is not among its variables`,
          rangeOf(scope, traversal.range),
        );
      let value = bound;
      for (const step of traversal.steps) value = applyGenericStep(value, step, rangeOf(scope, step.range));
      return value;
    },
    applyStep: (value, step, r) => applyGenericStep(value, step, r),
    functionContext: (r) => caller.resolver.functionContext(r, caller),
    note: (m, r) => caller.resolver.note(m, r),
  };
  const scope = withBindings({ src, resolver, budget: caller.budget }, names);
  const result = evaluateTemplate(parsed.template.parts, scope, range);
  return { ...result, range };
}
