/**
 * Input variables of root modules: where values come from, in Terraform's
 * precedence order (later wins):
 *
 *   1. the `default` in the declaration,
 *   2. `terraform.tfvars`, then `terraform.tfvars.json`,
 *   3. `*.auto.tfvars` / `*.auto.tfvars.json`, in lexical order of file name,
 *   4. `--var-file` files in the order given, then `--var` values
 *      (Terraform interleaves both in command-line order; our options keep
 *      them apart, so files come first).
 *
 * (`TF_VAR_` environment variables would sit between 1 and 2; a scan does
 * not read the environment.) Type constraints then convert the value.
 */
import type { Expression } from "../hcl/index.js";
import { parseHcl } from "../hcl/index.js";
import { lineStarts, rangeAt, type SourceRange } from "../core/range.js";
import type { ObjectEntry, Value } from "../core/value.js";
import type { Diagnostic } from "../core/finding.js";
import {
  ExpressionError,
  describe,
  evaluate,
  newBudget,
  numberToString,
  toBool,
  toNumber,
  type EvalScope,
  type NameResolver,
} from "./evaluate.js";
import { loadJson, type SourceFile } from "./config.js";
import { applyGenericStep } from "./references.js";

export type TypeConstraint =
  | { kind: "any" }
  | { kind: "string" | "number" | "bool" }
  | { kind: "list" | "set" | "map"; element: TypeConstraint }
  | { kind: "tuple"; elements: TypeConstraint[] }
  | { kind: "object"; attributes: { name: string; type: TypeConstraint; optional: boolean; default?: Value }[] };

/** A value given for a root variable, and where it was given. */
export interface GivenValue {
  value: Value;
  /** For `--var`: the raw text, converted once the variable's type is known. */
  rawText?: string;
  source: string;
}

export const isVarFile = (path: string): boolean => /\.tfvars(\.json)?$/i.test(path);

/**
 * The values given for root variables, per root folder, in precedence order
 * (the last one given wins). Variables files are parsed once; `--var-file`
 * files up front, so that a missing or broken one is reported even when no
 * root reads it.
 */
export class VariableSources {
  readonly diagnostics: Diagnostic[] = [];
  readonly notes: { path: string; message: string }[] = [];
  /** Variables files read, by path. */
  readonly usedFiles = new Map<string, string>();
  private readonly parsed = new Map<string, Map<string, GivenValue>>();
  private readonly perRoot = new Map<string, Map<string, GivenValue[]>>();

  constructor(
    /** Every `.tfvars`/`.tfvars.json` file of the scan (the automatic ones are picked per root). */
    private readonly varFilePaths: readonly string[],
    /** `--var-file` paths relative to the scan root, in order. */
    private readonly cliVarFiles: readonly string[],
    /** `--var` values. */
    private readonly cliVars: Readonly<Record<string, string>>,
    private readonly readFile: (path: string) => string | undefined,
  ) {
    for (const path of cliVarFiles) this.file(path);
  }

  forRoot(rootDir: string): Map<string, GivenValue[]> {
    const cached = this.perRoot.get(rootDir);
    if (cached) return cached;
    const values = new Map<string, GivenValue[]>();
    const add = (name: string, given: GivenValue): void => {
      values.set(name, [...(values.get(name) ?? []), given]);
    };
    for (const path of [...autoVarFiles(rootDir, this.varFilePaths), ...this.cliVarFiles]) {
      for (const [name, given] of this.file(path)) add(name, given);
    }
    for (const [name, text] of Object.entries(this.cliVars))
      add(name, { value: { kind: "string", value: text }, rawText: text, source: "--var" });
    this.perRoot.set(rootDir, values);
    return values;
  }

  private file(path: string): Map<string, GivenValue> {
    let parsed = this.parsed.get(path);
    if (parsed) return parsed;
    const text = this.readFile(path);
    if (text === undefined) {
      parsed = new Map();
      this.notes.push({
        path,
        message: "variables file given with --var-file does not exist inside the scan root; ignored",
      });
    } else {
      this.usedFiles.set(path, text);
      parsed = parseVarFile(path, text, this.diagnostics);
    }
    this.parsed.set(path, parsed);
    return parsed;
  }
}

/** Names `.tfvars` files Terraform loads automatically from a root folder, in precedence order. */
export function autoVarFiles(rootDir: string, allPaths: readonly string[]): string[] {
  const prefix = rootDir === "." ? "" : `${rootDir}/`;
  const inDir = allPaths.filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes("/"));
  const name = (p: string): string => p.slice(prefix.length);
  const out: string[] = [];
  for (const fixed of ["terraform.tfvars", "terraform.tfvars.json"])
    if (inDir.some((p) => name(p) === fixed)) out.push(prefix + fixed);
  const auto = inDir.filter((p) => name(p).endsWith(".auto.tfvars") || name(p).endsWith(".auto.tfvars.json")).sort();
  return [...out, ...auto];
}

/** The assignments of one `.tfvars` or `.tfvars.json` file. */
export function parseVarFile(path: string, text: string, diagnostics: Diagnostic[]): Map<string, GivenValue> {
  const out = new Map<string, GivenValue>();
  if (path.toLowerCase().endsWith(".json")) {
    const value = loadJson(text, path, diagnostics);
    if (value?.kind === "object") for (const e of value.entries) out.set(e.key, { value: e.value, source: path });
    return out;
  }
  const parsed = parseHcl(text, path);
  const src: SourceFile = { path, text, lineStarts: parsed.lineStarts };
  for (const d of parsed.diagnostics)
    diagnostics.push({
      severity: d.severity,
      summary: d.summary,
      detail: d.detail,
      range: rangeAt(path, parsed.lineStarts, d.subject.start, d.subject.end),
    });
  for (const attribute of parsed.body.attributes) {
    try {
      out.set(attribute.name, { value: evaluateConstant(attribute.expr, src), source: path });
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      diagnostics.push({
        severity: "error",
        summary: "Invalid value in variables file",
        detail: error.message,
        range: rangeAt(path, parsed.lineStarts, attribute.expr.range.start, attribute.expr.range.end),
      });
    }
  }
  return out;
}

/** A resolver for contexts where Terraform allows no references (tfvars, backend blocks, type defaults). */
export const CONSTANT_RESOLVER: NameResolver = {
  resolve(traversal, scope) {
    throw new ExpressionError(
      `variables are not allowed here (${traversal.root})`,
      rangeAtScope(scope, traversal.range),
    );
  },
  applyStep: (value, step, range) => applyGenericStep(value, step, range),
  functionContext() {
    throw new ExpressionError("functions are not allowed here");
  },
  note() {},
};

function rangeAtScope(scope: EvalScope, r: { start: number; end: number }): SourceRange {
  return rangeAt(scope.src.path, scope.src.lineStarts, r.start, r.end);
}

export function evaluateConstant(expr: Expression, src: SourceFile): Value {
  return evaluate(expr, { src, resolver: CONSTANT_RESOLVER, budget: newBudget() });
}

/** A `--var name=value` value: the raw string for string-typed variables, else parsed as an expression. */
export function cliValue(text: string, type: TypeConstraint | undefined): Value {
  if (type === undefined || type.kind === "string" || type.kind === "any") return { kind: "string", value: text };
  const wrapped = `x = ${text}\n`;
  const parsed = parseHcl(wrapped, "<command line>");
  const expr = parsed.body.attributes[0]?.expr;
  if (!expr || parsed.diagnostics.length > 0) return { kind: "string", value: text };
  try {
    const value = evaluateConstant(expr, { path: "<command line>", text: wrapped, lineStarts: lineStarts(wrapped) });
    return stripRanges(value);
  } catch {
    return { kind: "string", value: text };
  }
}

function stripRanges(value: Value): Value {
  const { range: _range, ...rest } = value;
  if (rest.kind === "list") return { ...rest, items: rest.items.map(stripRanges) };
  if (rest.kind === "object")
    return { ...rest, entries: rest.entries.map((e) => ({ key: e.key, value: stripRanges(e.value) })) };
  return rest as Value;
}

// ---------------------------------------------------------------------------
// Type constraints
// ---------------------------------------------------------------------------

/** Parses a type constraint expression; `optional(T, default)` defaults are evaluated as constants. */
export function parseTypeConstraint(expr: Expression, src: SourceFile): TypeConstraint {
  switch (expr.type) {
    case "ScopeTraversal":
      if (expr.steps.length === 0 && ["string", "number", "bool", "any"].includes(expr.root))
        return { kind: expr.root as "string" };
      break;
    case "Parentheses":
      return parseTypeConstraint(expr.expr, src);
    case "FunctionCall": {
      const [first] = expr.args;
      if ((expr.name === "list" || expr.name === "set" || expr.name === "map") && first)
        return { kind: expr.name, element: parseTypeConstraint(first, src) };
      if (expr.name === "tuple" && first?.type === "Tuple")
        return { kind: "tuple", elements: first.items.map((i) => parseTypeConstraint(i, src)) };
      if (expr.name === "object" && first?.type === "ObjectCons") {
        return {
          kind: "object",
          attributes: first.items.map((item) => {
            const name =
              item.key.expr.type === "ScopeTraversal"
                ? item.key.expr.root
                : (evaluateConstant(item.key.expr, src) as { value?: unknown }).value;
            const v = item.value;
            if (v.type === "FunctionCall" && v.name === "optional" && v.args[0]) {
              const defaultExpr = v.args[1];
              return {
                name: String(name),
                type: parseTypeConstraint(v.args[0], src),
                optional: true,
                default: defaultExpr ? evaluateConstant(defaultExpr, src) : undefined,
              };
            }
            return { name: String(name), type: parseTypeConstraint(v, src), optional: false };
          }),
        };
      }
      break;
    }
    default:
      break;
  }
  throw new ExpressionError(
    "invalid type constraint",
    rangeAt(src.path, src.lineStarts, expr.range.start, expr.range.end),
  );
}

/**
 * Converts a value to a type constraint as Terraform does (strings ↔ numbers
 * and bools, tuples → lists, optional attributes filled in). Unknowns pass
 * through; a value that cannot convert throws `ExpressionError`.
 */
export function convertToType(value: Value, type: TypeConstraint): Value {
  if (value.kind === "unknown" || value.kind === "null" || type.kind === "any") return value;
  switch (type.kind) {
    case "string":
      if (value.kind === "string") return value;
      if (value.kind === "number") return { kind: "string", value: numberToString(value.value), range: value.range };
      if (value.kind === "bool") return { kind: "string", value: String(value.value), range: value.range };
      break;
    case "number":
      return { kind: "number", value: toNumber(value, "value"), range: value.range };
    case "bool":
      return { kind: "bool", value: toBool(value, "value"), range: value.range };
    case "list":
    case "set": {
      if (value.kind !== "list") break;
      let items = value.items.map((i) => convertToType(i, type.element));
      if (type.kind === "set")
        items = items.filter(
          (item, i) => items.findIndex((o) => JSON.stringify(plainish(o)) === JSON.stringify(plainish(item))) === i,
        );
      return { kind: "list", items, range: value.range };
    }
    case "tuple":
      if (value.kind !== "list" || value.items.length !== type.elements.length) break;
      return {
        kind: "list",
        items: value.items.map((i, n) => convertToType(i, type.elements[n]!)),
        range: value.range,
      };
    case "map":
      if (value.kind !== "object") break;
      return {
        kind: "object",
        entries: value.entries.map((e) => ({ ...e, value: convertToType(e.value, type.element) })),
        range: value.range,
      };
    case "object": {
      if (value.kind !== "object") break;
      const entries: ObjectEntry[] = [];
      for (const attribute of type.attributes) {
        const entry = value.entries.find((e) => e.key === attribute.name);
        if (entry && entry.value.kind !== "null")
          entries.push({ ...entry, value: convertToType(entry.value, attribute.type) });
        else if (attribute.optional)
          entries.push({
            key: attribute.name,
            keyRange: entry?.keyRange,
            value: attribute.default ? convertToType(attribute.default, attribute.type) : { kind: "null" },
          });
        else if (entry) entries.push(entry);
        else throw new ExpressionError(`attribute "${attribute.name}" is required`, value.range);
      }
      return { kind: "object", entries, range: value.range };
    }
  }
  throw new ExpressionError(`cannot convert ${describe(value)} to ${typeName(type)}`, value.range);
}

function plainish(value: Value): unknown {
  const { range: _r, ...rest } = value;
  if (rest.kind === "list") return rest.items.map(plainish);
  if (rest.kind === "object") return rest.entries.map((e) => [e.key, plainish(e.value)]);
  return rest;
}

export function typeName(type: TypeConstraint): string {
  switch (type.kind) {
    case "list":
    case "set":
    case "map":
      return `${type.kind}(${typeName(type.element)})`;
    case "tuple":
      return `tuple([${type.elements.map(typeName).join(", ")}])`;
    case "object":
      return `object({${type.attributes.map((a) => `${a.name} = ${typeName(a.type)}`).join(", ")}})`;
    default:
      return type.kind;
  }
}
