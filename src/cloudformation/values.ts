/** Small operations on resolved values that several resolver modules need. */
import type { SourceRange } from "../core/range.js";
import { toDebugJson, type ResourceRef, type Value } from "../core/value.js";
import { mergeRefs } from "./sub.js";

/**
 * A copy of a value placed at a use site: every range (and key range) inside
 * it becomes `range`. A parameter default, a mapping entry or another
 * template's output is reported where the template uses it.
 */
export function relocate(value: Value, range: SourceRange | undefined): Value {
  switch (value.kind) {
    case "list":
      return { ...value, range, items: value.items.map((item) => relocate(item, range)) };
    case "object":
      return {
        ...value,
        range,
        entries: value.entries.map((e) => ({ key: e.key, keyRange: range, value: relocate(e.value, range) })),
      };
    default:
      return { ...value, range };
  }
}

/** Every resource reference inside a value (the references of its Unknowns). */
export function collectRefs(value: Value | undefined): ResourceRef[] {
  if (value === undefined) return [];
  switch (value.kind) {
    case "unknown":
      return value.refs;
    case "list":
      return mergeRefs(value.items.map(collectRefs));
    case "object":
      return mergeRefs(value.entries.map((e) => collectRefs(e.value)));
    default:
      return [];
  }
}

/** The first Unknown inside a value, depth first. */
export function firstUnknown(value: Value): Extract<Value, { kind: "unknown" }> | undefined {
  if (value.kind === "unknown") return value;
  if (value.kind === "list")
    for (const item of value.items) {
      const u = firstUnknown(item);
      if (u) return u;
    }
  if (value.kind === "object")
    for (const e of value.entries) {
      const u = firstUnknown(e.value);
      if (u) return u;
    }
  return undefined;
}

/** Equality of content, ignoring where values were written. */
export function sameContent(a: Value | undefined, b: Value | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return JSON.stringify(toDebugJson(a)) === JSON.stringify(toDebugJson(b));
}

/** The text of a known scalar (CloudFormation passes numbers and booleans as strings). */
export function scalarText(value: Value | undefined): string | undefined {
  if (value?.kind === "string") return value.value;
  if (value?.kind === "number" || value?.kind === "bool") return String(value.value);
  return undefined;
}

/** A known integer, from a number or a numeric string. */
export function integerOf(value: Value | undefined): number | undefined {
  const text = scalarText(value);
  if (text === undefined || !/^-?\d+$/.test(text.trim())) return undefined;
  return Number(text);
}
