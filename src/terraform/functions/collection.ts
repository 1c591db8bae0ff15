/**
 * Collection functions. Lists, tuples and sets are `list` values; maps and
 * objects are `object` values. Elements passed through keep their own ranges,
 * so a finding can point at the exact element's source.
 *
 * Sets: Terraform iterates a set of strings in lexical order and a set of
 * numbers in numeric order, so `toset` and the set functions return their
 * elements sorted that way; sets of other element types keep first-seen order.
 */
import { bool, list, nul, num, str, type ObjectEntry, type UnknownValue, type Value } from "../../core/value.js";
import {
  asBool,
  asInteger,
  asList,
  asNumber,
  asObject,
  asString,
  checkCollectionSize,
  codePoints,
  compareStrings,
  defineFunction,
  fail,
  formatNumber,
  identityKey,
  limitHit,
  listResult,
  MAX_COLLECTION_ELEMENTS,
  needKnown,
  nullResult,
  numberResult,
  sortedObject,
  toStringOrUndefined,
  unknownFrom,
  valuesEqual,
  withRange,
} from "./args.js";
import type { FunctionContext, TerraformFunction } from "./types.js";

/** Most elements Terraform's own `range` generates; more is an error in Terraform. */
export const TERRAFORM_RANGE_MAX = 1024;

/**
 * Terraform's type unification for the elements of a list, set or map built
 * by a conversion: mixed primitive types all become strings (the one type
 * every primitive converts to).
 */
export function unifyPrimitives(items: readonly Value[]): Value[] {
  const kinds = new Set(items.filter((i) => i.kind !== "null" && i.kind !== "unknown").map((i) => i.kind));
  if (kinds.size <= 1) return [...items];
  if ([...kinds].some((k) => k === "list" || k === "object")) return [...items];
  return items.map((item) =>
    item.kind === "number" || item.kind === "bool" ? str(toStringOrUndefined(item, "element")!, item.range) : item,
  );
}

/** Elements de-duplicated (first occurrence kept) and in Terraform's set order. */
export function setOf(items: readonly Value[]): Value[] {
  needKnown(...items);
  const seen = new Set<string>();
  const unique: Value[] = [];
  for (const item of unifyPrimitives(items)) {
    const key = identityKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(item);
  }
  return sortSet(unique);
}

function sortSet(items: Value[]): Value[] {
  if (items.every((i) => i.kind === "string")) {
    return items.sort((a, b) => compareStrings((a as { value: string }).value, (b as { value: string }).value));
  }
  if (items.every((i) => i.kind === "number")) {
    return items.sort((a, b) => (a as { value: number }).value - (b as { value: number }).value);
  }
  return items;
}

/** An argument (or element of one) returned as the result keeps its own range, so findings point at its source. */
function passThrough(value: Value, context: FunctionContext): Value {
  return value.range ? value : withRange(value, context.range);
}

function boolResult(value: boolean, context: FunctionContext): Value {
  return bool(value, context.range);
}

/** The number of elements `range(start, limit, step)` generates. */
export function rangeCount(start: number, limit: number, step: number): number {
  if (step === 0) fail("step must not be zero");
  if (start < limit && step < 0) fail("step must be positive when start is less than limit");
  if (start > limit && step > 0) fail("step must be negative when start is greater than limit");
  const count = Math.ceil((limit - start) / step);
  return Math.max(0, count);
}

const rangeFunction = defineFunction("range", {
  min: 1,
  max: 3,
  call(args, context) {
    const numbers = args.map((a, i) => asNumber(a, `${["first", "second", "third"][i]!} argument`));
    const [start, limit] = numbers.length === 1 ? [0, numbers[0]!] : [numbers[0]!, numbers[1]!];
    const step = numbers[2] ?? (start > limit ? -1 : 1);
    const count = rangeCount(start, limit, step);
    // The counted bound comes first so that a huge range never allocates.
    if (count > MAX_COLLECTION_ELEMENTS)
      limitHit(`range would generate ${formatNumber(count)} elements, more than ${MAX_COLLECTION_ELEMENTS}`);
    if (count > TERRAFORM_RANGE_MAX) {
      fail(
        `more than ${TERRAFORM_RANGE_MAX} values were generated; either decrease the difference between start and end or use a smaller step`,
      );
    }
    const items: Value[] = [];
    // Terraform adds steps in 512-bit floats; rounding to 15 significant digits
    // hides the double-precision noise (range(0, 1, 0.1) has 0.3, not 0.30000000000000004).
    const integral = Number.isInteger(start) && Number.isInteger(step);
    for (let i = 0; i < count; i++) {
      const value = start + i * step;
      items.push(num(integral ? value : Number(value.toPrecision(15)), context.range));
    }
    return list(items, context.range);
  },
});

function flattenInto(items: readonly Value[], out: Value[]): void {
  for (const item of items) {
    // An Unknown element is kept as an element: it is assumed not to be a list (see README).
    if (item.kind === "list") flattenInto(item.items, out);
    else out.push(item);
    if (out.length > MAX_COLLECTION_ELEMENTS) checkCollectionSize(out.length, "result");
  }
}

/** Whether a string element is empty: true/false, or undefined for an Unknown without known parts. */
function isEmptyString(item: Value): boolean | undefined {
  if (item.kind === "unknown") return item.prefix || item.suffix ? false : undefined;
  if (item.kind === "null") return true;
  return toStringOrUndefined(item, "element") === "";
}

export const COLLECTION_FUNCTIONS: Record<string, TerraformFunction> = {
  length: defineFunction("length", {
    min: 1,
    max: 1,
    call([value], context) {
      switch (value!.kind) {
        case "list":
          return num(value!.items.length, context.range);
        case "object":
          return num(value!.entries.length, context.range);
        case "string":
          return num(codePoints(value!.value).length, context.range);
        default:
          return fail(`argument must be a string, a collection type, or a structural type, not ${value!.kind}`);
      }
    },
  }),
  concat: defineFunction("concat", {
    min: 1,
    max: Infinity,
    call(args, context) {
      const items = args.flatMap((arg, index) => asList(arg, `argument ${index + 1}`));
      return listResult(items, context);
    },
  }),
  merge: defineFunction("merge", {
    min: 0,
    max: Infinity,
    call(args, context) {
      const merged = new Map<string, ObjectEntry>();
      args.forEach((arg, index) => {
        if (arg.kind === "null") return;
        for (const entry of asObject(arg, `argument ${index + 1}`)) {
          merged.delete(entry.key);
          merged.set(entry.key, entry);
        }
      });
      return sortedObject([...merged.values()], context);
    },
  }),
  flatten: defineFunction("flatten", {
    min: 1,
    max: 1,
    call([value], context) {
      const out: Value[] = [];
      flattenInto(asList(value!, "argument"), out);
      return listResult(out, context);
    },
  }),
  distinct: defineFunction("distinct", {
    min: 1,
    max: 1,
    call([value], context) {
      const items = asList(value!, "argument");
      needKnown(...items);
      const seen = new Set<string>();
      const out: Value[] = [];
      for (const item of items) {
        const key = identityKey(item);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(item);
      }
      return listResult(out, context);
    },
  }),
  compact: defineFunction("compact", {
    min: 1,
    max: 1,
    call([value], context) {
      const items = asList(value!, "argument");
      const out: Value[] = [];
      const undecided: UnknownValue[] = [];
      for (const item of items) {
        const empty = isEmptyString(item);
        if (empty === undefined) undecided.push(item as UnknownValue);
        else if (!empty)
          out.push(
            item.kind === "string" || item.kind === "unknown"
              ? item
              : str(toStringOrUndefined(item, "element")!, item.range),
          );
      }
      if (undecided.length > 0) return unknownFrom(undecided, context);
      return listResult(out, context);
    },
  }),
  coalesce: defineFunction("coalesce", {
    min: 1,
    max: Infinity,
    acceptsUnknown: true,
    call(args, context) {
      const anyString = args.some((a) => a.kind === "string");
      for (const arg of args) {
        if (arg.kind === "null") continue;
        if (arg.kind === "unknown") {
          // Known non-empty: it is the result; otherwise it may be empty or null.
          if (arg.prefix || arg.suffix) return passThrough(arg, context);
          return unknownFrom([arg], context);
        }
        if (arg.kind === "string" && arg.value === "") continue;
        if (anyString && (arg.kind === "number" || arg.kind === "bool"))
          return str(toStringOrUndefined(arg, "argument")!, context.range);
        return passThrough(arg, context);
      }
      return fail("no non-null, non-empty-string arguments");
    },
  }),
  coalescelist: defineFunction("coalescelist", {
    min: 1,
    max: Infinity,
    acceptsUnknown: true,
    call(args, context) {
      for (const [index, arg] of args.entries()) {
        if (arg.kind === "unknown") return unknownFrom([arg], context);
        if (arg.kind === "null") continue;
        const items = asList(arg, `argument ${index + 1}`);
        if (items.length > 0) return passThrough(arg, context);
      }
      return fail("no non-null arguments");
    },
  }),
  lookup: defineFunction("lookup", {
    min: 2,
    max: 3,
    call([map, keyValue, fallback], context) {
      const entries = asObject(map!, "inputMap");
      const key = asString(keyValue!, "key");
      const entry = entries.find((e) => e.key === key);
      if (entry) return passThrough(entry.value, context);
      if (fallback !== undefined) return passThrough(fallback, context);
      return fail(`lookup failed to find key ${JSON.stringify(key)}`);
    },
  }),
  element: defineFunction("element", {
    min: 2,
    max: 2,
    call([listValue, indexValue], context) {
      const items = asList(listValue!, "list");
      const index = asInteger(indexValue!, "index");
      if (items.length === 0) fail("cannot use element function with an empty list");
      if (index < 0) fail("cannot use element function with a negative index");
      return passThrough(items[index % items.length]!, context);
    },
  }),
  index: defineFunction("index", {
    min: 2,
    max: 2,
    call([listValue, search], context) {
      const items = asList(listValue!, "list");
      needKnown(search!);
      for (const [index, item] of items.entries()) {
        const equal = valuesEqual(item, search!);
        if (equal === undefined) needKnown(item); // an earlier Unknown element might be the match
        if (equal) return num(index, context.range);
      }
      return fail("item not found");
    },
  }),
  contains: defineFunction("contains", {
    min: 2,
    max: 2,
    call([listValue, search], context) {
      const items = asList(listValue!, "list");
      needKnown(search!);
      const undecided: Value[] = [];
      for (const item of items) {
        const equal = valuesEqual(item, search!);
        if (equal) return boolResult(true, context);
        if (equal === undefined) undecided.push(item);
      }
      needKnown(...undecided);
      return boolResult(false, context);
    },
  }),
  keys: defineFunction("keys", {
    min: 1,
    max: 1,
    call([map], context) {
      const entries = [...asObject(map!, "inputMap")].sort((a, b) => compareStrings(a.key, b.key));
      return listResult(
        entries.map((e) => str(e.key, e.keyRange ?? context.range)),
        context,
      );
    },
  }),
  values: defineFunction("values", {
    min: 1,
    max: 1,
    call([map], context) {
      const entries = [...asObject(map!, "mapping")].sort((a, b) => compareStrings(a.key, b.key));
      return listResult(
        entries.map((e) => e.value),
        context,
      );
    },
  }),
  zipmap: defineFunction("zipmap", {
    min: 2,
    max: 2,
    call([keysValue, valuesValue], context) {
      const keys = asList(keysValue!, "keys");
      const values = asList(valuesValue!, "values");
      if (keys.length !== values.length) {
        fail(`number of keys (${keys.length}) does not match number of values (${values.length})`);
      }
      const entries = new Map<string, ObjectEntry>();
      keys.forEach((keyValue, index) => {
        const key = asString(keyValue, "key");
        entries.delete(key);
        entries.set(key, { key, keyRange: keyValue.range, value: values[index]! });
      });
      return sortedObject([...entries.values()], context);
    },
  }),
  slice: defineFunction("slice", {
    min: 3,
    max: 3,
    call([listValue, startValue, endValue], context) {
      const items = asList(listValue!, "list");
      const start = asInteger(startValue!, "start_index");
      const end = asInteger(endValue!, "end_index");
      if (start < 0) fail("start_index must not be negative");
      if (end > items.length) fail("end_index must not be greater than the length of the list");
      if (start > end) fail("start_index must be less than or equal to end_index");
      return list(items.slice(start, end), context.range);
    },
  }),
  reverse: defineFunction("reverse", {
    min: 1,
    max: 1,
    call: ([value], context) => list([...asList(value!, "list")].reverse(), context.range),
  }),
  sort: defineFunction("sort", {
    min: 1,
    max: 1,
    call([value], context) {
      const items = asList(value!, "list");
      needKnown(...items);
      const strings = items.map((item) => {
        const text = toStringOrUndefined(item, "list element");
        if (text === undefined) fail("given list element is null; a null value cannot be sorted");
        return str(text, item.range);
      });
      return list(
        strings.sort((a, b) => compareStrings(a.value, b.value)),
        context.range,
      );
    },
  }),
  setunion: defineFunction("setunion", {
    min: 1,
    max: Infinity,
    call: (args, context) => listResult(setOf(args.flatMap((a, i) => asList(a, `argument ${i + 1}`))), context),
  }),
  setintersection: defineFunction("setintersection", {
    min: 1,
    max: Infinity,
    call(args, context) {
      const sets = args.map((a, i) => setOf(asList(a, `argument ${i + 1}`)));
      const others = sets.slice(1).map((set) => new Set(set.map(identityKey)));
      const result = sets[0]!.filter((item) => others.every((other) => other.has(identityKey(item))));
      return listResult(result, context);
    },
  }),
  setsubtract: defineFunction("setsubtract", {
    min: 2,
    max: 2,
    call([a, b], context) {
      const remove = new Set(setOf(asList(b!, "b")).map(identityKey));
      return listResult(
        setOf(asList(a!, "a")).filter((item) => !remove.has(identityKey(item))),
        context,
      );
    },
  }),
  setproduct: defineFunction("setproduct", {
    min: 2,
    max: Infinity,
    call(args, context) {
      const lists = args.map((a, i) => asList(a, `argument ${i + 1}`));
      let count = 1;
      for (const items of lists) {
        count *= items.length;
        if (count > MAX_COLLECTION_ELEMENTS)
          limitHit(`result would have more than ${MAX_COLLECTION_ELEMENTS} elements`);
      }
      let product: Value[][] = [[]];
      for (const items of lists) product = product.flatMap((prefix) => items.map((item) => [...prefix, item]));
      return list(
        product.map((items) => list(items, context.range)),
        context.range,
      );
    },
  }),
  one: defineFunction("one", {
    min: 1,
    max: 1,
    call([value], context) {
      if (value!.kind === "null") return nullResult(context);
      const items = asList(value!, "argument");
      if (items.length === 0) return nul(context.range);
      if (items.length > 1) fail("must be a list, set, or tuple value with either zero or one elements");
      return passThrough(items[0]!, context);
    },
  }),
  chunklist: defineFunction("chunklist", {
    min: 2,
    max: 2,
    call([listValue, sizeValue], context) {
      const items = asList(listValue!, "list");
      const size = asInteger(sizeValue!, "size");
      if (size < 0) fail("the size argument must be positive");
      if (size === 0) return list([list(items, context.range)], context.range);
      const chunks: Value[] = [];
      for (let i = 0; i < items.length; i += size) chunks.push(list(items.slice(i, i + size), context.range));
      return list(chunks, context.range);
    },
  }),
  transpose: defineFunction("transpose", {
    min: 1,
    max: 1,
    call([value], context) {
      const entries = [...asObject(value!, "argument")].sort((a, b) => compareStrings(a.key, b.key));
      const result = new Map<string, Value[]>();
      for (const entry of entries) {
        for (const item of asList(entry.value, `value of ${JSON.stringify(entry.key)}`)) {
          const key = asString(item, "list element");
          const keys = result.get(key) ?? [];
          keys.push(str(entry.key, entry.keyRange ?? context.range));
          result.set(key, keys);
        }
      }
      return sortedObject(
        [...result.entries()].map(([key, items]) => ({ key, value: list(items, context.range) })),
        context,
      );
    },
  }),
  matchkeys: defineFunction("matchkeys", {
    min: 3,
    max: 3,
    call([valuesValue, keysValue, searchValue], context) {
      const values = asList(valuesValue!, "values");
      const keys = asList(keysValue!, "keys");
      if (values.length !== keys.length) fail("length of keys and values should be equal");
      const search = asList(searchValue!, "searchset");
      needKnown(...keys, ...search);
      // Keys and search set are unified together, as Terraform converts both to one element type.
      const unified = unifyPrimitives([...keys, ...search]);
      const wanted = new Set(unified.slice(keys.length).map(identityKey));
      const out = values.filter((_, index) => wanted.has(identityKey(unified[index]!)));
      return listResult(out, context);
    },
  }),
  alltrue: defineFunction("alltrue", {
    min: 1,
    max: 1,
    call([value], context) {
      const undecided: Value[] = [];
      for (const item of asList(value!, "list")) {
        if (item.kind === "unknown") undecided.push(item);
        else if (item.kind === "null" || !asBool(item, "element")) return boolResult(false, context);
      }
      needKnown(...undecided);
      return boolResult(true, context);
    },
  }),
  anytrue: defineFunction("anytrue", {
    min: 1,
    max: 1,
    call([value], context) {
      const undecided: Value[] = [];
      for (const item of asList(value!, "list")) {
        if (item.kind === "unknown") undecided.push(item);
        else if (item.kind !== "null" && asBool(item, "element")) return boolResult(true, context);
      }
      needKnown(...undecided);
      return boolResult(false, context);
    },
  }),
  range: rangeFunction,
  sum: defineFunction("sum", {
    min: 1,
    max: 1,
    call([value], context) {
      const items = asList(value!, "list");
      if (items.length === 0) fail("cannot sum an empty list");
      needKnown(...items);
      return numberResult(
        items.reduce((total, item) => total + asNumber(item, "list element"), 0),
        context,
      );
    },
  }),
};
