/**
 * The value model every evaluator produces (DESIGN.md, "Values").
 *
 * A value is either known — with the source range it came from — or an explicit
 * Unknown with a reason code, a human sentence and the references that produced
 * it. Values are plain data so that they can be printed, compared and moved
 * between threads — except their source ranges, which compute their positions
 * when read (`src/core/range.ts`): they print as plain ranges, but a value sent
 * to another thread needs its ranges copied with `plainRange` first.
 */
import type { SourceRange } from "./range.js";

export type UnknownReason =
  | "VAR_NO_DEFAULT"
  | "DATA_SOURCE"
  | "COMPUTED"
  | "EXTERNAL_ID"
  | "IMPORT"
  | "DYNAMIC"
  | "EXTERNAL_FILE"
  | "MODULE_SOURCE"
  | "UNSUPPORTED"
  | "LIMIT";

/** A reference to a resource (and optionally one of its attributes) in the scan. */
export interface ResourceRef {
  /** The referenced resource's id (`Resource.id`). */
  resource: string;
  /** The attribute read, e.g. `ModelName`, `id`; absent for a CloudFormation `Ref`. */
  attribute?: string;
}

interface ValueBase {
  /** Where the value was written; absent for values the tool made up (defaults). */
  range?: SourceRange;
  /**
   * For a known value read from another resource's configured attribute
   * (`aws_sagemaker_model.scoring.name`), that attribute: the reference is
   * still a reference, so the graph links by it rather than by the literal.
   */
  from?: ResourceRef;
}

/**
 * A part of a string built by joining text and values (`Fn::Sub`, `Fn::Join`,
 * a Terraform template): a slice of a string written in the source, or a value
 * inserted there. `at` is the placeholder the value stands for (`${Name}` in a
 * `Fn::Sub` string), else `range` is where the value is written.
 */
export type TextPart =
  /** `source.value.slice(start, end)`, as written. */
  | { source: StringValue; start: number; end: number }
  | { value: Value; at?: { source: StringValue; start: number; end: number }; range?: SourceRange };

export interface StringValue extends ValueBase {
  kind: "string";
  value: string;
  /**
   * For a string built from text and values (`Fn::Sub`, `Fn::Join`, a
   * Terraform template), its parts in order: text that is JSON with holes
   * (a state machine definition) is parsed around them, each part keeping
   * its own range and each value staying what it is (a reference stays a
   * reference).
   */
  parts?: TextPart[];
  /**
   * For a string made by encoding a value (`jsonencode`, `Fn::ToJsonString`),
   * the value it encodes, with that value's own ranges: a finding inside an
   * embedded policy or state machine then points at the exact object.
   */
  encodes?: Value;
}
export interface NumberValue extends ValueBase {
  kind: "number";
  value: number;
}
export interface BoolValue extends ValueBase {
  kind: "bool";
  value: boolean;
}
export interface NullValue extends ValueBase {
  kind: "null";
}
export interface ListValue extends ValueBase {
  kind: "list";
  items: Value[];
}
export interface ObjectEntry {
  key: string;
  keyRange?: SourceRange;
  value: Value;
}
export interface ObjectValue extends ValueBase {
  kind: "object";
  /** In source order; keys are unique. */
  entries: ObjectEntry[];
  /**
   * Set when a limit stopped the object's evaluation (DESIGN.md, "Fail closed"): a key it
   * lacks is not known to be absent, and reads as this Unknown (`getEntry`). Unevaluated is
   * not missing.
   */
  unevaluated?: UnknownValue;
}
export interface UnknownValue extends ValueBase {
  kind: "unknown";
  reason: UnknownReason;
  /** One sentence saying why the value cannot be known statically. */
  detail: string;
  refs: ResourceRef[];
  /** For a string built from known and unknown parts: the known beginning and end. */
  prefix?: string;
  suffix?: string;
  /**
   * For a string made by encoding a partly unknown value (`jsonencode` of a
   * policy that names a computed ARN), the value it encodes: the known parts
   * stay readable, with their ranges.
   */
  encodes?: Value;
  /**
   * For a collection whose number of elements is not known — the instances of
   * a resource whose `count`/`for_each` is Unknown, a `for` or splat over
   * them — what holds for every element (DESIGN.md: one symbolic instance
   * stands for every instance). The collection may be empty.
   */
  every?: Value;
  /**
   * For a string made by joining values with a separator (`join`, `Fn::Join`)
   * that is Unknown because some of them are: the separator and the values,
   * so that splitting it again on the same separator gives the values back
   * when none of them can contain it.
   */
  joins?: { separator: string; items: Value[] };
  /**
   * The value is an identifier AWS generates (`subnet-0ab…`, `sg-…`, `vpc-…`):
   * letters, digits and `-` only. Names and ARNs are not: they may contain `,`.
   */
  identifier?: true;
  /** For a string built from known and unknown parts: the parts (see `StringValue.parts`). */
  parts?: TextPart[];
}

export type KnownValue = StringValue | NumberValue | BoolValue | NullValue | ListValue | ObjectValue;
export type Value = KnownValue | UnknownValue;

export const str = (value: string, range?: SourceRange): StringValue => ({ kind: "string", value, range });
export const num = (value: number, range?: SourceRange): NumberValue => ({ kind: "number", value, range });
export const bool = (value: boolean, range?: SourceRange): BoolValue => ({ kind: "bool", value, range });
export const nul = (range?: SourceRange): NullValue => ({ kind: "null", range });
export const list = (items: Value[], range?: SourceRange): ListValue => ({ kind: "list", items, range });
export const obj = (entries: ObjectEntry[], range?: SourceRange): ObjectValue => ({ kind: "object", entries, range });

export function unknown(
  reason: UnknownReason,
  detail: string,
  options: {
    refs?: ResourceRef[];
    range?: SourceRange;
    prefix?: string;
    suffix?: string;
    every?: Value;
    joins?: UnknownValue["joins"];
    identifier?: boolean;
  } = {},
): UnknownValue {
  const value: UnknownValue = { kind: "unknown", reason, detail, refs: options.refs ?? [], range: options.range };
  if (options.prefix) value.prefix = options.prefix;
  if (options.suffix) value.suffix = options.suffix;
  if (options.every) value.every = options.every;
  if (options.joins) value.joins = options.joins;
  if (options.identifier) value.identifier = true;
  return value;
}

/**
 * The items a string made by joining them (`joins`) splits back into on
 * `separator`: when it was joined with that separator and no item can
 * contain it (known text without it, or an AWS-generated identifier);
 * undefined otherwise.
 */
export function splitJoined(value: UnknownValue, separator: string): Value[] | undefined {
  const joined = value.joins;
  if (!joined || joined.separator !== separator || separator === "") return undefined;
  const safe = (item: Value): boolean =>
    item.kind === "string" || item.kind === "number" || item.kind === "bool"
      ? !String(item.value).includes(separator)
      : item.kind === "unknown" && item.identifier === true && !/[A-Za-z0-9-]/.test(separator);
  if (!joined.items.every(safe)) return undefined;
  return joined.items.map((item) =>
    item.kind === "number" || item.kind === "bool" ? str(String(item.value), item.range) : item,
  );
}

export const isUnknown = (value: Value | undefined): value is UnknownValue => value?.kind === "unknown";

/**
 * The entry of an object value, or undefined when the value is not an object or lacks the key;
 * of an object a limit left unevaluated, an entry holding that Unknown.
 */
export function getEntry(value: Value | undefined, key: string): ObjectEntry | undefined {
  if (value?.kind !== "object") return undefined;
  const found = value.entries.find((e) => e.key === key);
  if (found || !value.unevaluated) return found;
  return { key, keyRange: value.unevaluated.range, value: value.unevaluated };
}

export function getValue(value: Value | undefined, key: string): Value | undefined {
  return getEntry(value, key)?.value;
}

/** Follows a path of object keys and list indexes. */
export function getPath(value: Value | undefined, path: readonly (string | number)[]): Value | undefined {
  let current = value;
  for (const step of path) {
    if (current === undefined) return undefined;
    if (typeof step === "number") current = current.kind === "list" ? current.items[step] : undefined;
    else current = getValue(current, step);
  }
  return current;
}

/** A plain JavaScript value for a fully known value; undefined if any part is Unknown. */
export function toPlain(value: Value): unknown {
  switch (value.kind) {
    case "string":
    case "number":
    case "bool":
      return value.value;
    case "null":
      return null;
    case "list": {
      const out: unknown[] = [];
      for (const item of value.items) {
        const plain = toPlain(item);
        if (plain === undefined) return undefined;
        out.push(plain);
      }
      return out;
    }
    case "object": {
      const out: Record<string, unknown> = {};
      for (const entry of value.entries) {
        const plain = toPlain(entry.value);
        if (plain === undefined) return undefined;
        out[entry.key] = plain;
      }
      return out;
    }
    case "unknown":
      return undefined;
  }
}

/**
 * The JSON form used by every `debug` command: known values as JSON, an Unknown
 * as `{"$unknown": CODE, "detail", "refs": ["<resource>.<attribute>"], "prefix"?, "suffix"?, "every"?}`
 * (`every`: what holds for each element of a collection of unknown length).
 */
export function toDebugJson(value: Value, refName: (ref: ResourceRef) => string = defaultRefName): unknown {
  switch (value.kind) {
    case "list":
      return value.items.map((item) => toDebugJson(item, refName));
    case "object": {
      const out: Record<string, unknown> = {};
      for (const entry of value.entries) out[entry.key] = toDebugJson(entry.value, refName);
      return out;
    }
    case "unknown": {
      const out: Record<string, unknown> = {
        $unknown: value.reason,
        detail: value.detail,
        refs: value.refs.map(refName),
      };
      if (value.prefix) out.prefix = value.prefix;
      if (value.suffix) out.suffix = value.suffix;
      if (value.every) out.every = toDebugJson(value.every, refName);
      return out;
    }
    default:
      return toPlain(value);
  }
}

function defaultRefName(ref: ResourceRef): string {
  return ref.attribute === undefined ? ref.resource : `${ref.resource}.${ref.attribute}`;
}
