/**
 * Files → module configuration: variables, locals, outputs, resources, data
 * sources, module calls and the backend, for one folder.
 *
 * Both syntaxes end in the same shape: `.tf.json` values are turned into HCL
 * expression nodes (strings become templates), so the evaluator knows one
 * expression language. Override files (`override.tf`, `*_override.tf`) are
 * merged as Terraform merges them, and a `.tofu` file hides the `.tf` file of
 * the same name (OpenTofu's rule).
 */
import { parseHcl } from "../hcl/index.js";
import type { Body, Expression, ObjectItem, ParseResult } from "../hcl/index.js";
import type { Diagnostic } from "../core/finding.js";
import { lineStarts, rangeAt, type SourceRange } from "../core/range.js";
import type { Value } from "../core/value.js";
import { loadYaml } from "../cloudformation/yaml.js";
import { parseTemplateText, shiftRanges } from "./template.js";
import { escapedOffsets } from "../core/escaped-text.js";
import { isJsonNestedBlock } from "./computed.js";

export interface SourceFile {
  /** Relative to the root, `/` separators. */
  path: string;
  text: string;
  lineStarts: number[];
}

export interface ConfigAttribute {
  name: string;
  nameRange: SourceRange;
  expr: Expression;
  src: SourceFile;
  /** Name to end of value. */
  range: SourceRange;
}

export interface ConfigBlock {
  type: string;
  labels: string[];
  typeRange: SourceRange;
  /** Type and labels, up to the opening brace. */
  headerRange: SourceRange;
  range: SourceRange;
  body: ConfigBody;
  src: SourceFile;
}

export interface ConfigBody {
  attributes: ConfigAttribute[];
  blocks: ConfigBlock[];
}

export interface VariableConfig {
  name: string;
  block: ConfigBlock;
  default?: ConfigAttribute;
  type?: ConfigAttribute;
  /** `.tf.json` variable defaults are literal values, not templates. */
  literalDefault?: Value;
}

export interface ResourceConfig {
  mode: "managed" | "data";
  type: string;
  name: string;
  block: ConfigBlock;
}

export interface ModuleCallConfig {
  name: string;
  block: ConfigBlock;
  /** The `source` string when it is a literal. */
  source?: string;
}

export interface BackendConfig {
  type: string;
  block: ConfigBlock;
}

export interface ModuleConfig {
  /** Folder relative to the root (`.` for the root itself). */
  dir: string;
  files: SourceFile[];
  variables: Map<string, VariableConfig>;
  locals: Map<string, ConfigAttribute>;
  outputs: Map<string, ConfigBlock>;
  resources: ResourceConfig[];
  /** The same resources by `resourceKey(mode, type, name)`. */
  resourcesByKey: Map<string, ResourceConfig>;
  moduleCalls: Map<string, ModuleCallConfig>;
  backend?: BackendConfig;
  /** Parse errors (SMBT000) and duplicate declarations. */
  diagnostics: Diagnostic[];
}

export interface InputFile {
  path: string;
  text: string;
}

/**
 * HCL files parsed ahead of the Terraform stage (on the worker pool, `src/parallel/`), by
 * path, each with the text it was parsed from. An entry is used only for the same path and
 * the same text; any other file is parsed here, so the results never depend on it.
 */
export type PreParsedHcl = ReadonlyMap<string, { readonly text: string; readonly result: ParseResult }>;

const CONFIG_SUFFIXES = [".tofu.json", ".tf.json", ".tofu", ".tf"];

/** Whether a file name is a Terraform/OpenTofu configuration file. */
export function isConfigFile(path: string): boolean {
  const lower = path.toLowerCase();
  return CONFIG_SUFFIXES.some((s) => lower.endsWith(s));
}

export function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "." : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** `main.tofu` hides `main.tf`; `main.tofu.json` hides `main.tf.json`. */
export function applyTofuPrecedence(files: readonly InputFile[]): InputFile[] {
  const names = new Set(files.map((f) => f.path));
  return files.filter((f) => {
    if (f.path.endsWith(".tf")) return !names.has(`${f.path.slice(0, -3)}.tofu`);
    if (f.path.endsWith(".tf.json")) return !names.has(`${f.path.slice(0, -8)}.tofu.json`);
    return true;
  });
}

function isOverrideFile(path: string): boolean {
  const stem = baseName(path).replace(/\.(tofu|tf)(\.json)?$/, "");
  return stem === "override" || stem.endsWith("_override");
}

/** Loads one module folder from its configuration files (already filtered to that folder). */
export function loadModuleConfig(
  dir: string,
  inputFiles: readonly InputFile[],
  preParsed?: PreParsedHcl,
): ModuleConfig {
  const config: ModuleConfig = {
    dir,
    files: [],
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    resources: [],
    resourcesByKey: new Map(),
    moduleCalls: new Map(),
    diagnostics: [],
  };
  const sorted = applyTofuPrecedence(inputFiles).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const primary: ConfigBody[] = [];
  const overrides: ConfigBody[] = [];
  for (const file of sorted) {
    const src: SourceFile = { path: file.path, text: file.text, lineStarts: lineStarts(file.text) };
    config.files.push(src);
    const body = file.path.toLowerCase().endsWith(".json")
      ? parseJsonConfig(src, config.diagnostics)
      : parseHclConfig(src, config.diagnostics, preParsed);
    (isOverrideFile(file.path) ? overrides : primary).push(body);
  }
  const topBlocks: ConfigBlock[] = primary.flatMap((b) => b.blocks);
  for (const override of overrides) applyOverride(topBlocks, override.blocks);
  for (const block of topBlocks) addTopLevelBlock(config, block);
  return config;
}

function addTopLevelBlock(config: ModuleConfig, block: ConfigBlock): void {
  const duplicate = (what: string): void => {
    config.diagnostics.push({
      severity: "error",
      summary: `Duplicate ${what}`,
      semantic: true,
      detail: `${what} is declared more than once in this module.`,
      range: block.headerRange,
    });
  };
  switch (block.type) {
    case "variable": {
      const name = block.labels[0];
      if (name === undefined) return;
      if (config.variables.has(name)) {
        duplicate(`variable "${name}"`);
        return;
      }
      const variable: VariableConfig = {
        name,
        block,
        default: findAttribute(block.body, "default"),
        type: findAttribute(block.body, "type"),
      };
      config.variables.set(name, variable);
      return;
    }
    case "locals":
      for (const attribute of block.body.attributes) {
        if (config.locals.has(attribute.name)) {
          config.diagnostics.push({
            severity: "error",
            summary: `Duplicate local value "${attribute.name}"`,
            semantic: true,
            range: attribute.nameRange,
          });
          continue;
        }
        config.locals.set(attribute.name, attribute);
      }
      return;
    case "output": {
      const name = block.labels[0];
      if (name === undefined) return;
      if (config.outputs.has(name)) {
        duplicate(`output "${name}"`);
        return;
      }
      config.outputs.set(name, block);
      return;
    }
    case "resource":
    case "data": {
      const [type, name] = block.labels;
      if (type === undefined || name === undefined) return;
      const mode = block.type === "resource" ? "managed" : "data";
      const key = resourceKey(mode, type, name);
      if (config.resourcesByKey.has(key)) {
        duplicate(`${block.type} "${type}" "${name}"`);
        return;
      }
      const resource: ResourceConfig = { mode, type, name, block };
      config.resources.push(resource);
      config.resourcesByKey.set(key, resource);
      return;
    }
    case "module": {
      const name = block.labels[0];
      if (name === undefined) return;
      if (config.moduleCalls.has(name)) {
        duplicate(`module "${name}"`);
        return;
      }
      const sourceAttr = findAttribute(block.body, "source");
      config.moduleCalls.set(name, { name, block, source: sourceAttr ? literalString(sourceAttr.expr) : undefined });
      return;
    }
    case "terraform":
      for (const nested of block.body.blocks) {
        if ((nested.type === "backend" || nested.type === "cloud") && nested.labels[0] !== undefined)
          config.backend = { type: nested.labels[0], block: nested };
        if (nested.type === "cloud") config.backend = { type: "cloud", block: nested };
      }
      return;
    default:
      return;
  }
}

export function resourceKey(mode: "managed" | "data", type: string, name: string): string {
  return `${mode}.${type}.${name}`;
}

export function findAttribute(body: ConfigBody, name: string): ConfigAttribute | undefined {
  return body.attributes.find((a) => a.name === name);
}

/** The value of a template with only literal text (a plain string), else undefined. */
export function literalString(expr: Expression): string | undefined {
  if (expr.type !== "Template") return undefined;
  let out = "";
  for (const part of expr.parts) {
    if (part.type !== "TemplateLiteral") return undefined;
    out += part.value;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Overrides
// ---------------------------------------------------------------------------

/**
 * Terraform's override merge: each top-level block of an override file
 * replaces the matching block's attributes one by one; nested blocks of a
 * type present in the override replace all original blocks of that type.
 * `locals` merge per value; `terraform` merges its backend.
 */
function applyOverride(blocks: ConfigBlock[], overrideBlocks: readonly ConfigBlock[]): void {
  for (const override of overrideBlocks) {
    if (override.type === "locals") {
      for (const attribute of override.body.attributes) {
        const target = blocks.find(
          (b) => b.type === "locals" && b.body.attributes.some((a) => a.name === attribute.name),
        );
        if (target)
          target.body.attributes = target.body.attributes.map((a) => (a.name === attribute.name ? attribute : a));
      }
      continue;
    }
    const key = blockKey(override);
    const target = blocks.find((b) => blockKey(b) === key);
    if (!target) continue; // Terraform reports an override of a missing block; we ignore it.
    mergeBody(target.body, override.body);
  }
}

function blockKey(block: ConfigBlock): string {
  const labels =
    block.type === "variable" || block.type === "output" || block.type === "module"
      ? block.labels.slice(0, 1)
      : block.labels;
  return [block.type, ...labels].join("\u0000");
}

function mergeBody(target: ConfigBody, override: ConfigBody): void {
  for (const attribute of override.attributes) {
    const index = target.attributes.findIndex((a) => a.name === attribute.name);
    if (index >= 0) target.attributes[index] = attribute;
    else target.attributes.push(attribute);
  }
  const overriddenTypes = new Set(override.blocks.map((b) => (b.type === "dynamic" ? (b.labels[0] ?? "") : b.type)));
  for (const type of overriddenTypes) {
    if (type === "backend") {
      target.blocks = target.blocks.filter((b) => b.type !== "backend" && b.type !== "cloud");
      continue;
    }
    const replaced = target.blocks.filter((b) => (b.type === "dynamic" ? b.labels[0] : b.type) === type);
    target.blocks = target.blocks.filter((b) => !replaced.includes(b));
  }
  target.blocks.push(...override.blocks);
}

// ---------------------------------------------------------------------------
// Native syntax
// ---------------------------------------------------------------------------

function parseHclConfig(src: SourceFile, diagnostics: Diagnostic[], preParsed: PreParsedHcl | undefined): ConfigBody {
  const ahead = preParsed?.get(src.path);
  const parsed =
    ahead !== undefined && ahead.text.length === src.text.length && ahead.text === src.text
      ? ahead.result
      : parseHcl(src.text, src.path);
  for (const d of parsed.diagnostics) {
    diagnostics.push({
      severity: d.severity,
      summary: d.summary,
      detail: d.detail,
      range: rangeAt(src.path, src.lineStarts, d.subject.start, d.subject.end),
    });
  }
  return fromHclBody(parsed.body, src);
}

function fromHclBody(body: Body, src: SourceFile): ConfigBody {
  const r = (s: number, e: number): SourceRange => rangeAt(src.path, src.lineStarts, s, e);
  return {
    attributes: body.attributes.map((a) => ({
      name: a.name,
      nameRange: r(a.nameRange.start, a.nameRange.end),
      expr: a.expr,
      src,
      range: r(a.range.start, a.range.end),
    })),
    blocks: body.blocks.map((b) => {
      const headerEnd = lastNonSpace(src.text, b.openBraceRange.start);
      return {
        type: b.blockType,
        labels: b.labels,
        typeRange: r(b.typeRange.start, b.typeRange.end),
        headerRange: r(b.range.start, Math.max(b.typeRange.end, headerEnd)),
        range: r(b.range.start, b.range.end),
        body: fromHclBody(b.body, src),
        src,
      };
    }),
  };
}

/** The offset just after the last non-space character before `offset`. */
function lastNonSpace(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return i;
}

// ---------------------------------------------------------------------------
// JSON syntax
// ---------------------------------------------------------------------------

/** Block types whose JSON form nests one object level per label. */
const LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  check: 1,
};

/** Nested block types with labels inside a known block (JSON). */
const NESTED_LABELS: Record<string, number> = { backend: 1, dynamic: 1, provisioner: 1, required_providers: 0 };

/**
 * JSON text as a `Value` tree with ranges. The YAML parser gives the ranges
 * but accepts more than JSON (`{"a": }` is a null there), so strict
 * `JSON.parse` decides validity first.
 */
export function loadJson(text: string, path: string, diagnostics: Diagnostic[]): Value | undefined {
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = String((error as Error).message);
    const position = /position (\d+)/.exec(message);
    const starts = lineStarts(text);
    const offset = position ? Math.min(Number(position[1]), text.length) : 0;
    diagnostics.push({
      severity: "error",
      summary: "Invalid JSON",
      detail: message.replace(/^JSON\.parse: /, ""),
      range: rangeAt(path, starts, offset, Math.min(offset + 1, text.length)),
    });
    return undefined;
  }
  const loaded = loadYaml(text, path);
  diagnostics.push(...loaded.diagnostics);
  return loaded.value;
}

/** Where template errors inside `.tf.json` strings go while one file is converted. */
let jsonTemplateDiagnostics: Diagnostic[] = [];

function parseJsonConfig(src: SourceFile, diagnostics: Diagnostic[]): ConfigBody {
  jsonTemplateDiagnostics = diagnostics;
  const loaded = { value: loadJson(src.text, src.path, diagnostics) };
  const out: ConfigBody = { attributes: [], blocks: [] };
  const root = loaded.value;
  if (root === undefined) return out;
  if (root.kind !== "object") {
    diagnostics.push({
      severity: "error",
      summary: "Invalid JSON configuration",
      detail: "The root of a .tf.json file must be an object.",
      range: root.range ?? rangeAt(src.path, src.lineStarts, 0, 0),
    });
    return out;
  }
  for (const entry of root.entries) {
    if (entry.key === "//") continue;
    const labels = LABELS[entry.key];
    if (labels === undefined) continue;
    for (const item of asArray(entry.value)) {
      out.blocks.push(...jsonBlocks(entry.key, entry.keyRange, item, labels, [], src, entry.key));
    }
  }
  return out;
}

function asArray(value: Value): Value[] {
  return value.kind === "list" ? value.items : [value];
}

/**
 * The blocks of one JSON property. A block's header is the key of its last
 * label (`"main": {` in `"resource": {"aws_vpc": {"main": {…}}}`), or the
 * block type's key when it has no labels; its range runs from there to the
 * end of its object.
 */
function jsonBlocks(
  type: string,
  typeRange: SourceRange | undefined,
  value: Value,
  labelsLeft: number,
  labels: string[],
  src: SourceFile,
  context: string,
  resourceType?: string,
  lastLabelRange?: SourceRange,
): ConfigBlock[] {
  if (labelsLeft > 0) {
    if (value.kind !== "object") return [];
    const out: ConfigBlock[] = [];
    for (const entry of value.entries) {
      if (entry.key === "//") continue;
      for (const item of asArray(entry.value)) {
        out.push(
          ...jsonBlocks(
            type,
            typeRange ?? entry.keyRange,
            item,
            labelsLeft - 1,
            [...labels, entry.key],
            src,
            context,
            resourceType ?? (context === "resource" || context === "data" ? entry.key : undefined),
            entry.keyRange,
          ),
        );
      }
    }
    return out;
  }
  if (value.kind !== "object") return [];
  const range = value.range ?? rangeAt(src.path, src.lineStarts, 0, 0);
  const tr = typeRange ?? range;
  const header = labels.length > 0 && lastLabelRange ? lastLabelRange : tr;
  return [
    {
      type,
      labels,
      typeRange: tr,
      headerRange: header,
      range: { file: src.path, start: header.start, end: range.end },
      body: jsonBody(value, src, type, resourceType),
      src,
    },
  ];
}

function jsonBody(
  value: Value & { kind: "object" },
  src: SourceFile,
  blockType: string,
  resourceType: string | undefined,
): ConfigBody {
  const body: ConfigBody = { attributes: [], blocks: [] };
  for (const entry of value.entries) {
    if (entry.key === "//") continue;
    const keyRange = entry.keyRange ?? entry.value.range ?? rangeAt(src.path, src.lineStarts, 0, 0);
    const isObjectish =
      entry.value.kind === "object" ||
      (entry.value.kind === "list" &&
        entry.value.items.length > 0 &&
        entry.value.items.every((i) => i.kind === "object"));
    const nestedLabels = NESTED_LABELS[entry.key];
    const blockLike =
      isObjectish &&
      (blockType === "terraform"
        ? nestedLabels !== undefined || entry.key === "cloud"
        : entry.key === "dynamic" ||
          entry.key === "lifecycle" ||
          entry.key === "provisioner" ||
          entry.key === "connection" ||
          (entry.key === "content" && blockType === "dynamic") ||
          isJsonNestedBlock(resourceType, entry.key));
    if (blockLike && blockType !== "variable" && blockType !== "locals" && blockType !== "output") {
      for (const item of asArray(entry.value))
        body.blocks.push(...jsonBlocks(entry.key, keyRange, item, nestedLabels ?? 0, [], src, entry.key, resourceType));
      continue;
    }
    const literal = blockType === "variable" && entry.key === "default";
    const typeExpr = blockType === "variable" && entry.key === "type";
    const expr =
      typeExpr && entry.value.kind === "string"
        ? parseJsonExpressionString(entry.value, src)
        : jsonExpression(entry.value, src, literal);
    const valueRange = entry.value.range ?? keyRange;
    body.attributes.push({
      name: entry.key,
      nameRange: keyRange,
      expr,
      src,
      range: { file: src.path, start: keyRange.start, end: valueRange.end },
    });
  }
  return body;
}

/** A JSON value as an HCL expression node; strings are templates unless `literal`. */
function jsonExpression(value: Value, src: SourceFile, literal: boolean): Expression {
  const range = value.range ? { start: value.range.start.offset, end: value.range.end.offset } : { start: 0, end: 0 };
  switch (value.kind) {
    case "string": {
      if (literal) return { type: "Template", range, parts: [{ type: "TemplateLiteral", range, value: value.value }] };
      // The raw text maps one-to-one onto the decoded value only when nothing was escaped.
      const raw = src.text.slice(range.start, range.end);
      const verbatim = raw.length === value.value.length + 2 && raw.slice(1, -1) === value.value;
      // Escaped (`\"` in a JSON definition cdktf wrote): map each decoded character to where it is written.
      const escaped = verbatim ? undefined : escapedOffsets(value.value, raw);
      const parsed = parseTemplateText(
        value.value,
        verbatim ? range.start + 1 : escaped ? (offset) => range.start + escaped[offset]! : undefined,
        range,
      );
      // One diagnostic per string, on the string: later errors follow from the first.
      const first = parsed.errors[0];
      if (first) {
        const detail = first.message
          .replace(/"?SMVG_TEMPLATE_END_*"?/g, "the end of the string")
          .replace(/a line the end of the string is expected after its content/, "the string ended first");
        jsonTemplateDiagnostics.push({
          severity: "error",
          summary: "Invalid template in JSON string",
          detail,
          range: rangeAt(src.path, src.lineStarts, range.start, range.end),
        });
      }
      const template = parsed.template;
      template.range = range; // with the quotes, as for a native template
      return template;
    }
    case "number":
      return { type: "LiteralValue", range, valueType: "number", value: value.value, numberText: String(value.value) };
    case "bool":
      return { type: "LiteralValue", range, valueType: "bool", value: value.value };
    case "null":
    case "unknown":
      return { type: "LiteralValue", range, valueType: "null", value: null };
    case "list":
      return { type: "Tuple", range, items: value.items.map((i) => jsonExpression(i, src, literal)) };
    case "object": {
      const items: ObjectItem[] = [];
      for (const entry of value.entries) {
        if (entry.key === "//" && !literal) continue;
        const kr = entry.keyRange ? { start: entry.keyRange.start.offset, end: entry.keyRange.end.offset } : range;
        const keyExpr: Expression = literal
          ? { type: "Template", range: kr, parts: [{ type: "TemplateLiteral", range: kr, value: entry.key }] }
          : parseTemplateText(entry.key, undefined, kr).template;
        const v = jsonExpression(entry.value, src, literal);
        items.push({
          type: "ObjectItem",
          range: { start: kr.start, end: v.range.end },
          key: { type: "ObjectKey", range: kr, expr: keyExpr, bareIdentifier: false },
          value: v,
        });
      }
      return { type: "ObjectCons", range, items };
    }
  }
}

/** A JSON string holding an expression (`"type": "list(string)"`). */
function parseJsonExpressionString(value: Value & { kind: "string" }, src: SourceFile): Expression {
  const range = value.range ? { start: value.range.start.offset, end: value.range.end.offset } : { start: 0, end: 0 };
  const parsed = parseHcl(`x = ${value.value}\n`, "<expr>");
  const expr = parsed.body.attributes[0]?.expr;
  if (!expr) return { type: "Invalid", range };
  const raw = src.text.slice(range.start, range.end);
  const verbatim = raw.length === value.value.length + 2;
  const base = range.start + 1 - 4;
  const shift = (r: { start: number; end: number }): { start: number; end: number } =>
    verbatim ? { start: r.start + base, end: r.end + base } : { ...range };
  const mapped = structuredClone(expr);
  shiftRanges(mapped, shift);
  return mapped;
}
