/**
 * Schema validation of resource properties (SMBT018), against the JSON
 * Schemas in `schemas/cloudformation/` (generated from
 * `@aws-cdk/aws-service-spec` by `scripts/cfn-schemas.mjs`, plus hand-written
 * ones for types the spec lacks).
 *
 * Schemas are read lazily, when a template has a resource of that type, and
 * compiled once. Validation runs on the resolved properties. An Unknown (a
 * reference, a parameter without value, any intrinsic that cannot be
 * computed) satisfies every position, also inside a union (`anyOf`/`oneOf`)
 * whose error would sit on a parent: each value position of a schema is
 * compiled as "the Unknown marker, or else the position's schema". The
 * branches of an undecided `Fn::If` are validated one `Fn::If` at a time
 * (branches.ts). Each error is placed at the exact key or value.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { SourceRange } from "../core/range.js";
import type { Value } from "../core/value.js";
import type { CfnResource } from "./template.js";
import type { BranchVariant } from "./branches.js";

export interface SchemaProblem {
  /** What is wrong, naming the property and resource. */
  message: string;
  /** The unknown key, the wrongly typed value, or where a missing property belongs. */
  range: SourceRange;
  /** The resource's display name. */
  resource: string;
  resourceType: string;
  kind: "unknown-property" | "wrong-type" | "missing-property" | "out-of-range";
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
    validate = ajv.compile(acceptingUnknowns(schema) as Record<string, unknown>);
  }
  validators.set(type, validate);
  return validate ?? undefined;
}

/**
 * Schema problems of one resource; none when its type has no schema.
 * `variants` gives its `Properties` under each branch of an undecided
 * `Fn::If` (branches.ts): a problem only a branch has is reported with the
 * condition under which it happens.
 */
export function validateResource(
  resource: CfnResource,
  variants: () => readonly BranchVariant[] = () => [],
): SchemaProblem[] {
  const validate = validatorFor(resource.type);
  if (!validate) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  const add = (found: SchemaProblem[], when?: string): void => {
    for (const problem of found) {
      // The message names the property path: a branch's problem that the resolved resource has too is the same problem.
      if (seen.has(problem.message)) continue;
      const message = when ? `${when}, ${problem.message}` : problem.message;
      if (seen.has(message)) continue;
      seen.add(message);
      problems.push({ ...problem, message });
    }
  };
  // `Properties` that are one Unknown as a whole (`Properties: !If [...]`) satisfy the schema; their branches are checked below.
  if (!resource.unresolvedProperties) add(check(validate, resource, resource.properties, false));
  for (const variant of variants()) {
    if (variant.properties?.kind === "unknown") continue;
    const properties = variant.properties ?? { kind: "object" as const, entries: [], range: undefined };
    const when = variant.assumed.map(([name, value]) => `condition ${name} is ${value}`).join(" and ");
    add(check(validate, resource, properties, true), `When ${when}`);
  }
  return problems;
}

/** `inBranch`: a missing property is reported at the object that lacks it (a branch), not at its key. */
function check(
  validate: ValidateFunction,
  resource: CfnResource,
  properties: Value,
  inBranch: boolean,
): SchemaProblem[] {
  const unknownPaths: string[] = [];
  const instance = project(properties, "", unknownPaths);
  if (validate(instance)) return [];
  const onUnknown = (path: string): boolean => unknownPaths.some((u) => path === u || path.startsWith(`${u}/`));
  const errors = dropAnyOfChildren((validate.errors ?? []).filter((e) => !onUnknown(e.instancePath)));
  return errors.flatMap((error) => describe(error, resource, properties, inBranch) ?? []);
}

/**
 * What an Unknown is given to the validator: a string no template can hold,
 * which every value position accepts (see `acceptingUnknowns`).
 */
const UNKNOWN_MARKER = "\u0000unknown\u0000";

/**
 * A copy of a schema in which every value position — a property, a map
 * value, a list item — accepts the Unknown marker before its own schema is
 * tried. Errors under an Unknown cannot then reach a union (`anyOf`) around
 * it, which ajv reports on the union's own, parent, position.
 */
function acceptingUnknowns(schema: unknown): unknown {
  const position = (s: unknown): unknown =>
    s !== null && typeof s === "object" && !Array.isArray(s)
      ? // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords
        { if: { const: UNKNOWN_MARKER }, then: true, else: acceptingUnknowns(s) }
      : s;
  if (Array.isArray(schema)) return schema.map(acceptingUnknowns);
  if (schema === null || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (
      (key === "properties" || key === "patternProperties" || key === "definitions") &&
      value &&
      typeof value === "object"
    )
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          k,
          key === "definitions" ? acceptingUnknowns(v) : position(v),
        ]),
      );
    else if (key === "additionalProperties" || key === "additionalItems") out[key] = position(value);
    else if (key === "items") out[key] = Array.isArray(value) ? value.map(position) : position(value);
    else if (
      key === "anyOf" ||
      key === "oneOf" ||
      key === "allOf" ||
      key === "if" ||
      key === "then" ||
      key === "else" ||
      key === "not"
    )
      out[key] = acceptingUnknowns(value);
    else out[key] = value;
  }
  return out;
}

/** A plain JSON projection of a value; Unknowns become the Unknown marker and their JSON Pointers are recorded. */
function project(value: Value, pointer: string, unknownPaths: string[]): unknown {
  switch (value.kind) {
    case "unknown":
      unknownPaths.push(pointer);
      return UNKNOWN_MARKER;
    case "list":
      return value.items.map((item, i) => project(item, `${pointer}/${i}`, unknownPaths));
    case "object": {
      // An object a limit left unevaluated lacks nothing: no error at or under it is reported.
      if (value.unevaluated) unknownPaths.push(pointer);
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
  const under = (path: string, base: string): boolean => path === base || path.startsWith(`${base}/`);
  const anyOfs = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
  // Of unions nested at one value, the outermost (reported last) says what the value may be.
  const innermost = anyOfs.filter(
    (a, i) =>
      !anyOfs.some((b) => b !== a && b.instancePath !== a.instancePath && under(b.instancePath, a.instancePath)) &&
      !anyOfs.some((b, j) => j > i && b.instancePath === a.instancePath),
  );
  return errors.filter((e) =>
    anyOfs.includes(e) ? innermost.includes(e) : !anyOfs.some((a) => under(e.instancePath, a.instancePath)),
  );
}

interface Located {
  value: Value | undefined;
  /** The key that holds the value, when it is held by a key. */
  keyRange?: SourceRange;
  /** The property path, for messages: `VpcConfig.Subnets[0]`. */
  path: string;
}

function locate(resource: CfnResource, properties: Value, pointer: string): Located {
  let current: Value | undefined = properties;
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

function describe(
  error: ErrorObject,
  resource: CfnResource,
  properties: Value,
  inBranch: boolean,
): SchemaProblem | undefined {
  const at = locate(resource, properties, error.instancePath);
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
      const range = at.path
        ? ((inBranch ? at.value?.range : undefined) ?? at.keyRange ?? at.value?.range)
        : ((inBranch ? properties.range : undefined) ?? resource.propertiesKeyRange ?? resource.headerRange);
      if (!range) return undefined;
      return { ...base, kind: "missing-property", range, message: `${where} lacks the required property \`${name}\`.` };
    }
    case "minItems":
    case "maxItems":
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const range = at.value?.range ?? at.keyRange;
      if (!range) return undefined;
      const limit = (error.params as { limit: number }).limit;
      const bound =
        error.keyword === "minItems"
          ? `at least ${limit} ${limit === 1 ? "item" : "items"}`
          : error.keyword === "maxItems"
            ? `at most ${limit} ${limit === 1 ? "item" : "items"}`
            : `${error.keyword === "minimum" ? "at least" : error.keyword === "maximum" ? "at most" : error.keyword === "exclusiveMinimum" ? "more than" : "less than"} ${limit}`;
      const actual =
        at.value?.kind === "list" ? `${at.value.items.length}` : describeValue(at.value).replace(/^the number /, "");
      const verb = error.keyword.endsWith("Items") ? "have" : "be";
      return {
        ...base,
        kind: "out-of-range",
        range,
        message: `${at.path || "Properties"} of ${subject} must ${verb} ${bound}, not ${actual}.`,
      };
    }
    case "type":
    case "pattern":
    case "enum":
    case "const":
    case "anyOf":
    case "oneOf": {
      // `oneOf` that several alternatives match is a schema ambiguity, not the template's mistake.
      if (error.keyword === "oneOf" && (error.params as { passingSchemas?: unknown }).passingSchemas) return undefined;
      const range = at.value?.range ?? at.keyRange;
      if (!range) return undefined;
      const expected =
        error.keyword === "anyOf" || error.keyword === "oneOf" ? alternativeTypes(error) : expectedType(error);
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

const TYPE_NAMES: Record<string, string> = {
  boolean: "a boolean",
  integer: "an integer",
  number: "a number",
  string: "a string",
  array: "a list",
  object: "an object",
};

/** What a union accepts, when each alternative is one kind of value ("an object or a string"). */
function alternativeTypes(error: ErrorObject): string {
  type Alternative = { type?: string | string[]; $ref?: string; anyOf?: Alternative[] };
  const kindsOf = (a: Alternative | undefined): (string | undefined)[] => {
    if (a?.anyOf) return a.anyOf.flatMap(kindsOf);
    const first = ([] as string[]).concat(a?.type ?? [])[0];
    return [first ? TYPE_NAMES[first] : a?.$ref ? TYPE_NAMES.object : undefined];
  };
  const kinds = Array.isArray(error.schema) ? (error.schema as Alternative[]).flatMap(kindsOf) : [];
  if (kinds.length === 0 || kinds.some((k) => k === undefined)) return "one of the types the schema allows";
  const unique = [...new Set(kinds)];
  return unique.length === 1 ? unique[0]! : `${unique.slice(0, -1).join(", ")} or ${unique.at(-1)}`;
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
  // A list of names (a SAM event `Type`, a `Level`): say which ones.
  if (
    (error.keyword === "enum" || !schema?.type) &&
    ([] as string[]).concat(schema?.type ?? [])[0] !== "boolean" &&
    schema?.enum?.every((v) => typeof v === "string")
  )
    return `one of ${schema.enum.map((v) => `\`${v}\``).join(", ")}`;
  // The first listed type is the property's own; the others are the conversions CloudFormation accepts.
  const first = ([] as string[]).concat(schema?.type ?? [])[0];
  if (first && TYPE_NAMES[first]) return TYPE_NAMES[first];
  return "of another type";
}

function describeValue(value: Value | undefined): string {
  switch (value?.kind) {
    case "list":
      return "a list";
    case "object":
      return "an object";
    case "string":
      return `the string ${JSON.stringify(value.value.length > 40 ? `${value.value.slice(0, 37)}...` : value.value)}`;
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
