/**
 * Schema validation of resource properties (SMBT018), against the JSON
 * Schemas in `schemas/cloudformation/` (generated from
 * `@aws-cdk/aws-service-spec` by `scripts/cfn-schemas.mjs`, plus hand-written
 * ones for types the spec lacks).
 *
 * Schemas are read lazily, when a template has a resource of that type, and
 * compiled once. Validation runs on the resolved properties: an Unknown
 * satisfies any type, so errors that land on (or inside) an Unknown are
 * dropped. Each remaining error is placed at the exact key or value.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { SourceRange } from "../core/range.js";
import type { Value } from "../core/value.js";
import type { CfnResource } from "./template.js";

export interface SchemaProblem {
  /** What is wrong, naming the property and resource. */
  message: string;
  /** The unknown key, the wrongly typed value, or where a missing property belongs. */
  range: SourceRange;
  /** The resource's display name. */
  resource: string;
  resourceType: string;
  kind: "unknown-property" | "wrong-type" | "missing-property";
}

interface SchemaIndex {
  schemas: Record<string, string>;
  refIdentifiers: Record<string, string>;
}

/**
 * Where the schemas are: beside the repository's sources (tests, `tsx`), or
 * copied next to the bundle (`dist/schemas/cloudformation`, see scripts/build.mjs).
 */
const SCHEMA_DIR_CANDIDATES = ["./schemas/cloudformation/", "../../schemas/cloudformation/"];

let schemaDir: URL | undefined | null;
let index: SchemaIndex | undefined;
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction | null>();

function findSchemaDir(): URL | undefined {
  if (schemaDir === undefined) {
    schemaDir =
      SCHEMA_DIR_CANDIDATES.map((c) => new URL(c, import.meta.url)).find((u) =>
        existsSync(fileURLToPath(new URL("index.json", u))),
      ) ?? null;
  }
  return schemaDir ?? undefined;
}

function schemaIndex(): SchemaIndex {
  if (!index) {
    const dir = findSchemaDir();
    index = dir
      ? (JSON.parse(readFileSync(fileURLToPath(new URL("index.json", dir)), "utf8")) as SchemaIndex)
      : { schemas: {}, refIdentifiers: {} };
  }
  return index;
}

/** What `Ref` returns for a resource type, from the spec (e.g. `ModelArn`); undefined when the spec does not say. */
export function refIdentifier(type: string): string | undefined {
  return schemaIndex().refIdentifiers[type];
}

/** Resource types that have a schema. */
export function schemaTypes(): string[] {
  return Object.keys(schemaIndex().schemas);
}

function validatorFor(type: string): ValidateFunction | undefined {
  const cached = validators.get(type);
  if (cached !== undefined) return cached ?? undefined;
  const file = schemaIndex().schemas[type];
  const dir = findSchemaDir();
  let validate: ValidateFunction | null = null;
  if (file && dir) {
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL(file, dir)), "utf8")) as Record<string, unknown>;
    // `strict: false`: the schemas carry `$comment` and `title`, which strict mode accepts, and nothing else to flag.
    ajv ??= new Ajv({ allErrors: true, strict: false, verbose: true });
    validate = ajv.compile(schema);
  }
  validators.set(type, validate);
  return validate ?? undefined;
}

/** Schema problems of one resource; none when its type has no schema. */
export function validateResource(resource: CfnResource): SchemaProblem[] {
  const validate = validatorFor(resource.type);
  if (!validate) return [];
  const unknownPaths: string[] = [];
  const instance = project(resource.properties, "", unknownPaths);
  if (validate(instance)) return [];
  const onUnknown = (path: string): boolean => unknownPaths.some((u) => path === u || path.startsWith(u + "/"));
  const errors = dropAnyOfChildren((validate.errors ?? []).filter((e) => !onUnknown(e.instancePath)));
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const problem = describe(error, resource);
    if (!problem) continue;
    const key = `${problem.range.start.offset}:${problem.range.end.offset}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** A plain JSON projection of a value; Unknowns become `null` and their JSON Pointers are recorded. */
function project(value: Value, pointer: string, unknownPaths: string[]): unknown {
  switch (value.kind) {
    case "unknown":
      unknownPaths.push(pointer);
      return null;
    case "list":
      return value.items.map((item, i) => project(item, `${pointer}/${i}`, unknownPaths));
    case "object": {
      const out: Record<string, unknown> = {};
      for (const entry of value.entries)
        out[entry.key] = project(entry.value, `${pointer}/${escapePointer(entry.key)}`, unknownPaths);
      return out;
    }
    case "null":
      return null;
    default:
      return value.value;
  }
}

const escapePointer = (key: string): string => key.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (segment: string): string => segment.replace(/~1/g, "/").replace(/~0/g, "~");

/**
 * An `anyOf` that fails also reports every alternative's errors, which
 * contradict each other ("must be an object", "must be a list"). Only the
 * innermost failing `anyOf`s are kept, and nothing else at or under them:
 * alternatives reached through `$ref` cannot be told apart by schema path.
 */
function dropAnyOfChildren(errors: ErrorObject[]): ErrorObject[] {
  const under = (path: string, base: string): boolean => path === base || path.startsWith(base + "/");
  const anyOfs = errors.filter((e) => e.keyword === "anyOf");
  const innermost = anyOfs.filter(
    (a) => !anyOfs.some((b) => b !== a && b.instancePath !== a.instancePath && under(b.instancePath, a.instancePath)),
  );
  return errors.filter((e) =>
    e.keyword === "anyOf" ? innermost.includes(e) : !anyOfs.some((a) => under(e.instancePath, a.instancePath)),
  );
}

interface Located {
  value: Value | undefined;
  /** The key that holds the value, when it is held by a key. */
  keyRange?: SourceRange;
  /** The property path, for messages: `VpcConfig.Subnets[0]`. */
  path: string;
}

function locate(resource: CfnResource, pointer: string): Located {
  let current: Value | undefined = resource.properties;
  let keyRange = resource.propertiesKeyRange;
  let path = "";
  for (const segment of pointer.split("/").slice(1).map(unescapePointer)) {
    if (current?.kind === "list") {
      current = current.items[Number(segment)];
      keyRange = undefined;
      path += `[${segment}]`;
    } else if (current?.kind === "object") {
      const entry: { keyRange?: SourceRange; value: Value } | undefined = current.entries.find(
        (e) => e.key === segment,
      );
      current = entry?.value;
      keyRange = entry?.keyRange;
      path += path ? `.${segment}` : segment;
    } else current = undefined;
  }
  return { value: current, keyRange, path };
}

function describe(error: ErrorObject, resource: CfnResource): SchemaProblem | undefined {
  const at = locate(resource, error.instancePath);
  const subject = `${resource.type} ${resource.displayName}`;
  const where = at.path ? `${at.path} of ${subject}` : subject;
  const base = { resource: resource.displayName, resourceType: resource.type };
  switch (error.keyword) {
    case "additionalProperties": {
      const name = (error.params as { additionalProperty: string }).additionalProperty;
      const entry = at.value?.kind === "object" ? at.value.entries.find((e) => e.key === name) : undefined;
      const range = entry?.keyRange ?? entry?.value.range ?? at.value?.range;
      if (!range) return undefined;
      const known = Object.keys(
        ((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object,
      );
      const suggestion = closestName(name, known);
      const hint = suggestion ? `; did you mean \`${suggestion}\`?` : ".";
      const container = at.path ? `${at.path} of ${subject}` : subject;
      return {
        ...base,
        kind: "unknown-property",
        range,
        message: `\`${name}\` is not a property of ${container}: CloudFormation rejects it${hint}`,
      };
    }
    case "required": {
      const name = (error.params as { missingProperty: string }).missingProperty;
      const range = at.path ? (at.keyRange ?? at.value?.range) : (resource.propertiesKeyRange ?? resource.headerRange);
      if (!range) return undefined;
      return { ...base, kind: "missing-property", range, message: `${where} lacks the required property \`${name}\`.` };
    }
    case "type":
    case "pattern":
    case "enum":
    case "anyOf": {
      const range = at.value?.range ?? at.keyRange;
      if (!range) return undefined;
      const expected = error.keyword === "anyOf" ? "one of the types the schema allows" : expectedType(error);
      return {
        ...base,
        kind: "wrong-type",
        range,
        message: `${at.path || "Properties"} of ${subject} must be ${expected}, not ${describeValue(at.value)}.`,
      };
    }
    default:
      return undefined;
  }
}

function expectedType(error: ErrorObject): string {
  const schema = error.parentSchema as
    | {
        type?: string | string[];
        enum?: unknown[];
        items?: unknown;
        properties?: unknown;
        additionalProperties?: unknown;
      }
    | undefined;
  // A list of names (a SAM event `Type`): say which ones.
  if (!schema?.type && schema?.enum?.every((v) => typeof v === "string"))
    return `one of ${schema.enum.map((v) => `\`${v}\``).join(", ")}`;
  // The first listed type is the property's own; the others are the conversions CloudFormation accepts.
  const first = ([] as string[]).concat(schema?.type ?? [])[0];
  const names: Record<string, string> = {
    boolean: "a boolean",
    integer: "an integer",
    number: "a number",
    string: "a string",
    array: "a list",
    object: "an object",
  };
  if (first && names[first]) return names[first];
  return "of another type";
}

function describeValue(value: Value | undefined): string {
  switch (value?.kind) {
    case "list":
      return "a list";
    case "object":
      return "an object";
    case "string":
      return `the string ${JSON.stringify(value.value.length > 40 ? value.value.slice(0, 37) + "..." : value.value)}`;
    case "number":
      return `the number ${value.value}`;
    case "bool":
      return `the boolean ${value.value}`;
    case "null":
      return "null";
    default:
      return "this value";
  }
}

/** The known name closest to a misspelt one: same letters ignoring case, or a small edit distance. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
