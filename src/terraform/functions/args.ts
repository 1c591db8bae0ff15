/**
 * Shared helpers for the function library: argument checking, Terraform's
 * automatic conversions (number ↔ string, bool ↔ string), number formatting,
 * Unknown merging, equality and ordering.
 *
 * Implementations signal an invalid call by throwing `CallError` (`fail`), a
 * counted safety limit by throwing `LimitError` (`limitHit`), and a needed
 * value that is Unknown by `needKnown` (the `as…` conversions do it too);
 * `defineFunction` turns all three into values at the boundary, so nothing in
 * `FUNCTIONS` ever throws to its caller.
 */
import type { SourceRange } from "../../core/range.js";
import {
  list,
  nul,
  num,
  obj,
  str,
  unknown,
  type ObjectEntry,
  type ResourceRef,
  type UnknownValue,
  type Value,
} from "../../core/value.js";
import type { FunctionContext, FunctionResult, TerraformFunction } from "./types.js";

/** Most elements any function builds into one collection (`range`, `setproduct`, `chunklist`, …). */
export const MAX_COLLECTION_ELEMENTS = 1_000_000;
/** Most UTF-16 code units any function builds into one string (`format` widths, `indent`, `join`, …). */
export const MAX_STRING_LENGTH = 16 * 1024 * 1024;

/** An invalid call; becomes a `FunctionError` the evaluator reports. */
export class CallError extends Error {}

/** A counted safety limit was hit; becomes a `LIMIT` Unknown at the call's range. */
export class LimitError extends Error {}

export function fail(message: string): never {
  throw new CallError(message);
}

export function limitHit(detail: string): never {
  throw new LimitError(detail);
}

export function checkStringLength(length: number, what: string): void {
  if (length > MAX_STRING_LENGTH) limitHit(`${what} would be longer than ${MAX_STRING_LENGTH} characters`);
}

export function checkCollectionSize(size: number, what: string): void {
  if (size > MAX_COLLECTION_ELEMENTS) limitHit(`${what} would have more than ${MAX_COLLECTION_ELEMENTS} elements`);
}

export interface FunctionDefinition {
  /** Fewest arguments. */
  min: number;
  /** Most arguments; `Infinity` for a variadic last parameter. */
  max: number;
  acceptsUnknown?: boolean;
  call(args: Value[], context: FunctionContext): Value;
}

/**
 * Wraps an implementation: checks the argument count and turns thrown
 * `CallError`/`LimitError` (and any bug) into values, so callers never see a throw.
 */
export function defineFunction(name: string, definition: FunctionDefinition): TerraformFunction {
  return {
    acceptsUnknown: definition.acceptsUnknown ?? false,
    call(args: Value[], context: FunctionContext): FunctionResult {
      if (args.length < definition.min || args.length > definition.max) {
        const expected =
          definition.min === definition.max
            ? `${definition.min}`
            : definition.max === Infinity
              ? `at least ${definition.min}`
              : `${definition.min} to ${definition.max}`;
        return functionError(
          `${name}: expected ${expected} argument${expected === "1" ? "" : "s"}, got ${args.length}`,
        );
      }
      try {
        return definition.call(args, context);
      } catch (error) {
        if (error instanceof NeedsUnknown) return unknownFrom(error.unknowns, context);
        if (error instanceof LimitError) return unknown("LIMIT", `${name}: ${error.message}`, { range: context.range });
        if (error instanceof CallError) return functionError(`${name}: ${error.message}`);
        // A bug in the library must not stop the scan: report it as an invalid call.
        const message = error instanceof Error ? error.message : String(error);
        return functionError(`${name}: internal error: ${message}`);
      }
    },
  };
}

function functionError(message: string): FunctionResult {
  return { kind: "function-error", message };
}

/** A copy of a value with another top-level range (elements keep their own). */
export function withRange<T extends Value>(value: T, range: SourceRange | undefined): T {
  return { ...value, range };
}

// ---------------------------------------------------------------------------
// Unknowns

/** Every Unknown inside a value (the value itself included), in order. */
export function collectUnknowns(value: Value, out: UnknownValue[] = []): UnknownValue[] {
  switch (value.kind) {
    case "unknown":
      out.push(value);
      break;
    case "list":
      for (const item of value.items) collectUnknowns(item, out);
      break;
    case "object":
      for (const entry of value.entries) collectUnknowns(entry.value, out);
      break;
    default:
      break;
  }
  return out;
}

export function mergeRefs(unknowns: readonly UnknownValue[]): ResourceRef[] {
  const seen = new Set<string>();
  const refs: ResourceRef[] = [];
  for (const value of unknowns) {
    for (const ref of value.refs) {
      const key = `${ref.resource}\u0000${ref.attribute ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      refs.push(ref);
    }
  }
  return refs;
}

/**
 * The Unknown a call returns when it needs values that are Unknown: the first
 * Unknown's reason and sentence, every Unknown's refs, at the call's range.
 */
export function unknownFrom(
  unknowns: readonly UnknownValue[],
  context: { range: SourceRange },
  partial: { prefix?: string; suffix?: string } = {},
): UnknownValue {
  const first = unknowns[0];
  if (!first) return unknown("COMPUTED", "value is not known until apply", { range: context.range, ...partial });
  return unknown(first.reason, first.detail, { refs: mergeRefs(unknowns), range: context.range, ...partial });
}

/** Thrown when an implementation needs a value that is Unknown; `defineFunction` turns it into the merged Unknown. */
class NeedsUnknown extends Error {
  constructor(readonly unknowns: UnknownValue[]) {
    super("value is unknown");
  }
}

/** Marks that the implementation needs the whole of `value`: Unknowns inside make the call Unknown. */
export function needKnown(...values: Value[]): void {
  const unknowns: UnknownValue[] = [];
  for (const value of values) collectUnknowns(value, unknowns);
  if (unknowns.length > 0) throw new NeedsUnknown(unknowns);
}

// ---------------------------------------------------------------------------
// Numbers

/**
 * A number as Terraform prints it (`big.Float.Text('f', -1)`): the shortest
 * decimal that round-trips, never in exponent form (`1e21` → `1000000000000000000000`).
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  if (Object.is(value, -0) || value === 0) return "0";
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const sign = match[1] ?? "";
  const digits = (match[2] ?? "") + (match[3] ?? "");
  const exponent = Number(match[4]) - (match[3]?.length ?? 0);
  if (exponent >= 0) return sign + digits + "0".repeat(exponent);
  const point = digits.length + exponent;
  if (point > 0) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${sign}0.${"0".repeat(-point)}${digits}`;
}

const NUMBER_SYNTAX = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses a string the way Terraform converts strings to numbers; undefined if it is not one. */
export function parseNumber(text: string): number | undefined {
  if (!NUMBER_SYNTAX.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

// ---------------------------------------------------------------------------
// Argument conversions (Terraform's automatic type conversion)

function describe(value: Value): string {
  switch (value.kind) {
    case "list":
      return "a list";
    case "object":
      return "an object";
    case "null":
      return "null";
    case "unknown":
      return "an unknown value";
    default:
      return `a ${value.kind}`;
  }
}

/** A primitive converted to a string; `undefined` for null. */
export function toStringOrUndefined(value: Value, what: string): string | undefined {
  switch (value.kind) {
    case "string":
      return value.value;
    case "number":
      return formatNumber(value.value);
    case "bool":
      return value.value ? "true" : "false";
    case "null":
      return undefined;
    case "unknown":
      throw new NeedsUnknown([value]);
    default:
      return fail(`${what} must be a string, not ${describe(value)}`);
  }
}

export function asString(value: Value, what: string): string {
  const text = toStringOrUndefined(value, what);
  if (text === undefined) fail(`${what} must not be null`);
  return text;
}

export function asNumber(value: Value, what: string): number {
  switch (value.kind) {
    case "number":
      return value.value;
    case "string": {
      const parsed = parseNumber(value.value);
      if (parsed === undefined) fail(`${what}: cannot convert ${JSON.stringify(value.value)} to a number`);
      return parsed;
    }
    case "null":
      return fail(`${what} must not be null`);
    case "unknown":
      throw new NeedsUnknown([value]);
    default:
      return fail(`${what} must be a number, not ${describe(value)}`);
  }
}

export function asInteger(value: Value, what: string): number {
  const number = asNumber(value, what);
  if (!Number.isInteger(number)) fail(`${what} must be a whole number, not ${formatNumber(number)}`);
  return number;
}

export function asBool(value: Value, what: string): boolean {
  switch (value.kind) {
    case "bool":
      return value.value;
    case "string":
      if (value.value === "true") return true;
      if (value.value === "false") return false;
      return fail(`${what}: cannot convert ${JSON.stringify(value.value)} to a bool`);
    case "null":
      return fail(`${what} must not be null`);
    case "unknown":
      throw new NeedsUnknown([value]);
    default:
      return fail(`${what} must be a bool, not ${describe(value)}`);
  }
}

/** Items of a list, tuple or set. */
export function asList(value: Value, what: string): Value[] {
  if (value.kind === "list") return value.items;
  if (value.kind === "null") fail(`${what} must not be null`);
  if (value.kind === "unknown") throw new NeedsUnknown([value]);
  return fail(`${what} must be a list, not ${describe(value)}`);
}

/** Entries of a map or object. */
export function asObject(value: Value, what: string): ObjectEntry[] {
  if (value.kind === "object") return value.entries;
  if (value.kind === "null") fail(`${what} must not be null`);
  if (value.kind === "unknown") throw new NeedsUnknown([value]);
  return fail(`${what} must be a map or object, not ${describe(value)}`);
}

// ---------------------------------------------------------------------------
// Building results

export function stringResult(value: string, context: { range: SourceRange }): Value {
  checkStringLength(value.length, "result");
  return str(value, context.range);
}

export function numberResult(value: number, context: { range: SourceRange }): Value {
  if (!Number.isFinite(value)) fail("result is not a finite number");
  return num(value === 0 ? 0 : value, context.range);
}

export function listResult(items: Value[], context: { range: SourceRange }): Value {
  checkCollectionSize(items.length, "result");
  return list(items, context.range);
}

/** An object result with entries sorted by key, as Terraform orders map keys. */
export function sortedObject(entries: ObjectEntry[], context: { range: SourceRange }): Value {
  return obj(
    [...entries].sort((a, b) => compareStrings(a.key, b.key)),
    context.range,
  );
}

export const nullResult = (context: { range: SourceRange }): Value => nul(context.range);

// ---------------------------------------------------------------------------
// Equality and ordering

/**
 * Terraform's `==` on values: true/false, or undefined when an Unknown decides it.
 * Ranges are ignored; numbers and strings never compare equal to each other.
 */
export function valuesEqual(a: Value, b: Value): boolean | undefined {
  if (a.kind === "unknown" || b.kind === "unknown") return undefined;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "string":
    case "number":
    case "bool":
      return a.value === (b as typeof a).value;
    case "null":
      return true;
    case "list": {
      const other = b as typeof a;
      if (a.items.length !== other.items.length) return false;
      let result: boolean | undefined = true;
      for (let i = 0; i < a.items.length; i++) {
        const equal = valuesEqual(a.items[i]!, other.items[i]!);
        if (equal === false) return false;
        if (equal === undefined) result = undefined;
      }
      return result;
    }
    case "object": {
      const other = b as typeof a;
      if (a.entries.length !== other.entries.length) return false;
      let result: boolean | undefined = true;
      for (const entry of a.entries) {
        const match = other.entries.find((e) => e.key === entry.key);
        if (!match) return false;
        const equal = valuesEqual(entry.value, match.value);
        if (equal === false) return false;
        if (equal === undefined) result = undefined;
      }
      return result;
    }
  }
}

/** Orders strings by code point, which is Go's (UTF-8 byte) order. */
export function compareStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates encode code points above U+FFFF and so sort after U+E000–U+FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** A key identifying a wholly known value, for de-duplication. */
export function identityKey(value: Value): string {
  switch (value.kind) {
    case "string":
      return `s${value.value}`;
    case "number":
      return `n${value.value}`;
    case "bool":
      return `b${value.value}`;
    case "null":
      return "z";
    case "list":
      return `l[${value.items.map(identityKey).join(",")}]`;
    case "object":
      return `o{${[...value.entries]
        .sort((a, b) => compareStrings(a.key, b.key))
        .map((e) => `${JSON.stringify(e.key)}:${identityKey(e.value)}`)
        .join(",")}}`;
    case "unknown":
      throw new NeedsUnknown([value]);
  }
}

/** Code points of a string (Terraform counts grapheme clusters; see the README of this folder). */
export function codePoints(text: string): string[] {
  return Array.from(text);
}
