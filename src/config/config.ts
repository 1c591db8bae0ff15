/**
 * The configuration file, `.sagemaker-vpc-guard.yml`: read, validated against
 * `schemas/config.schema.json`, and turned into settings. A problem is a
 * `ConfigError` naming the file, line and column.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import { isNode, parseDocument, type Document } from "yaml";
import { duplicateKeys } from "../core/yaml-keys.js";
import schema from "../../schemas/config.schema.json" with { type: "json" };
import type { Level } from "../core/finding.js";
import { lineStarts, positionAt } from "../core/range.js";
import { UsageError } from "../core/errors.js";
import { LIMIT_NAMES, parseCount, parseSize, type ScanLimits } from "../core/limits.js";
import { ruleById } from "../../rules/index.js";

export const DEFAULT_CONFIG_FILE = ".sagemaker-vpc-guard.yml";

/** A rule turned off, or a level that replaces its findings' levels. */
export type RuleSetting = "off" | Level;

export interface Config {
  rules: Record<string, RuleSetting>;
  scope?: "all" | "referenced";
  exclude: string[];
  /** False when note-level findings are not to be reported. */
  notes: boolean;
  varFiles: string[];
  vars: Record<string, string>;
  cfnParameters: Record<string, string>;
  /** The `limits` section: only the limits the file sets. */
  limits: Partial<ScanLimits>;
  /** Worker threads for parsing Terraform (`auto` or a count; 0 or 1: none), when the file sets it. */
  workers?: number | "auto";
}

export const EMPTY_CONFIG: Config = {
  rules: {},
  exclude: [],
  notes: true,
  varFiles: [],
  vars: {},
  cfnParameters: {},
  limits: {},
};

/** A bad configuration file: a usage error whose message names file, line and column. */
export class ConfigError extends UsageError {}

let validator: ReturnType<Ajv["compile"]> | undefined;

/** Parses and validates a configuration file's text; `file` is only for messages. */
export function parseConfig(text: string, file: string): Config {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const starts = lineStarts(text);
  const at = (offset: number) => {
    const { line, column } = positionAt(starts, offset);
    return `${file}:${line}:${column}`;
  };
  const [syntax] = document.errors;
  if (syntax) throw new ConfigError(`${at(syntax.pos[0])}: ${syntax.message.split("\n", 1)[0]}`);
  const [duplicate] = duplicateKeys(document).duplicates;
  if (duplicate) throw new ConfigError(`${at(duplicate.key.range?.[0] ?? 0)}: Map keys must be unique`);
  const data: unknown = document.toJS() ?? {};
  validator ??= new Ajv({ allErrors: false, strict: true, allowUnionTypes: true }).compile(schema);
  if (!validator(data)) {
    const error = validator.errors?.[0];
    if (error) throw new ConfigError(`${at(errorOffset(document, error))}: ${describe(error)}`);
  }
  const raw = data as RawConfig;
  const unknownRule = Object.keys(raw.rules ?? {}).find((id) => !ruleById(id));
  if (unknownRule !== undefined) {
    const error = {
      instancePath: "/rules",
      keyword: "additionalProperties",
      params: { additionalProperty: unknownRule },
    };
    const offset = errorOffset(document, error as unknown as ErrorObject);
    throw new ConfigError(
      `${at(offset)}: unknown rule ${JSON.stringify(unknownRule)}; run sagemaker-vpc-guard rules for the list`,
    );
  }
  return toConfig(raw);
}

/**
 * Reads the configuration: `explicitPath` must exist; without it, the default
 * file at the root is read when present.
 */
export function loadConfig(root: string, explicitPath?: string): { config: Config; path?: string } {
  const file = explicitPath ? path.resolve(root, explicitPath) : path.join(root, DEFAULT_CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicitPath) throw new ConfigError(`config file ${explicitPath} does not exist`);
    return { config: EMPTY_CONFIG };
  }
  const display = path.relative(root, file).split(path.sep).join("/") || file;
  return { config: parseConfig(readFileSync(file, "utf8"), display), path: file };
}

interface RawConfig {
  rules?: Record<string, RuleSetting | "on" | boolean>;
  scope?: "all" | "referenced";
  exclude?: string[];
  notes?: "on" | "off" | boolean;
  terraform?: { "var-files"?: string[]; vars?: Record<string, string | number | boolean> };
  cloudformation?: { parameters?: Record<string, string | number | boolean> };
  limits?: Record<string, string | number>;
  workers?: number | "auto";
}

function toConfig(raw: RawConfig): Config {
  const strings = (record: Record<string, string | number | boolean> | undefined) =>
    Object.fromEntries(Object.entries(record ?? {}).map(([key, value]) => [key, String(value)]));
  const config: Config = {
    rules: Object.fromEntries(
      Object.entries(raw.rules ?? {})
        .filter(([, setting]) => setting !== "on" && setting !== true)
        .map(([id, setting]) => [id, setting === false ? "off" : (setting as RuleSetting)]),
    ),
    exclude: raw.exclude ?? [],
    notes: raw.notes !== "off" && raw.notes !== false,
    varFiles: raw.terraform?.["var-files"] ?? [],
    vars: strings(raw.terraform?.vars),
    cfnParameters: strings(raw.cloudformation?.parameters),
    limits: limitsFrom(raw.limits ?? {}),
  };
  if (raw.scope) config.scope = raw.scope;
  if (raw.workers !== undefined) config.workers = raw.workers;
  return config;
}

/** The limits a `limits` section sets (validated by the schema: sizes take units, counts are integers). */
export function limitsFrom(raw: Readonly<Record<string, string | number>>): Partial<ScanLimits> {
  const limits: Partial<ScanLimits> = {};
  for (const [key, name] of Object.entries(LIMIT_NAMES) as [keyof ScanLimits, string][]) {
    const value = raw[name];
    if (value === undefined) continue;
    const parsed = key === "maxFileBytes" || key === "maxTotalBytes" ? parseSize(value) : parseCount(value);
    if (parsed !== undefined) limits[key] = parsed;
  }
  return limits;
}

/** Where in the file an ajv error is: the offending key for an unknown key, else the value. */
function errorOffset(document: Document, error: ErrorObject): number {
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const node = segments.length === 0 ? document.contents : document.getIn(segments, true);
  const unknownKey =
    error.keyword === "additionalProperties" ? String(error.params.additionalProperty) : badName(error);
  if (unknownKey !== undefined && isNode(node) && "items" in node) {
    for (const pair of (node as { items: { key: unknown }[] }).items) {
      const key = pair.key;
      if (isNode(key) && key.range && String((key as { value?: unknown }).value) === unknownKey) return key.range[0];
    }
  }
  return isNode(node) && node.range ? node.range[0] : 0;
}

/** The key a `propertyNames` check rejected: ajv reports the inner failure with `propertyName` set. */
function badName(error: ErrorObject): string | undefined {
  const name =
    (error as ErrorObject & { propertyName?: string }).propertyName ??
    (error.keyword === "propertyNames" ? error.params.propertyName : undefined);
  return name === undefined ? undefined : String(name);
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, ".") : "the configuration";
  const name = badName(error);
  if (name !== undefined) return `${JSON.stringify(name)} in ${where} is not a rule id (SMBT followed by three digits)`;
  switch (error.keyword) {
    case "additionalProperties":
      return `unknown key ${JSON.stringify(error.params.additionalProperty)} in ${where}`;
    case "enum": {
      const allowed = (error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ");
      // SMBT020 is always on (DESIGN.md, "Fail closed"): say why the usual settings are refused.
      const why = where === "rules.SMBT020" ? ": SMBT020 (scan incomplete) cannot be turned off or lowered" : "";
      return `${where} must be one of ${allowed}${why}`;
    }
    default:
      return `${where} ${error.message ?? "is invalid"}`;
  }
}
