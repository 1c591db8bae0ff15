/**
 * Type conversions: `tostring`, `tonumber`, `tobool`, `tolist`, `toset`, `tomap`.
 * Null converts to null, as in Terraform.
 */
import { bool, num, str } from "../../core/value.js";
import {
  asObject,
  asList,
  defineFunction,
  fail,
  formatNumber,
  listResult,
  nullResult,
  parseNumber,
  sortedObject,
  unknownFrom,
} from "./args.js";
import { setOf, unifyPrimitives } from "./collection.js";
import type { TerraformFunction } from "./types.js";

/** `sensitive`/`nonsensitive` only mark values for display; the value passes through unchanged. */
const sensitivityMark = (name: string): TerraformFunction =>
  defineFunction(name, {
    min: 1,
    max: 1,
    acceptsUnknown: true,
    call: ([value]) => value!,
  });

export const TYPE_CONVERSION_FUNCTIONS: Record<string, TerraformFunction> = {
  sensitive: sensitivityMark("sensitive"),
  nonsensitive: sensitivityMark("nonsensitive"),
  tostring: defineFunction("tostring", {
    min: 1,
    max: 1,
    acceptsUnknown: true,
    call([value], context) {
      const v = value!;
      switch (v.kind) {
        case "unknown":
          return unknownFrom([v], context, { prefix: v.prefix, suffix: v.suffix });
        case "string":
          return v.range ? v : str(v.value, context.range);
        case "number":
          return str(formatNumber(v.value), context.range);
        case "bool":
          return str(v.value ? "true" : "false", context.range);
        case "null":
          return nullResult(context);
        default:
          return fail(`cannot convert ${v.kind === "list" ? "a list" : "an object"} to string`);
      }
    },
  }),
  tonumber: defineFunction("tonumber", {
    min: 1,
    max: 1,
    call([value], context) {
      const v = value!;
      switch (v.kind) {
        case "number":
          return v.range ? v : num(v.value, context.range);
        case "string": {
          const parsed = parseNumber(v.value);
          if (parsed === undefined) fail(`cannot convert ${JSON.stringify(v.value)} to number`);
          return num(parsed, context.range);
        }
        case "null":
          return nullResult(context);
        default:
          return fail(
            `cannot convert ${v.kind === "bool" ? "a bool" : v.kind === "list" ? "a list" : "an object"} to number`,
          );
      }
    },
  }),
  tobool: defineFunction("tobool", {
    min: 1,
    max: 1,
    call([value], context) {
      const v = value!;
      switch (v.kind) {
        case "bool":
          return v.range ? v : bool(v.value, context.range);
        case "string":
          if (v.value === "true" || v.value === "false") return bool(v.value === "true", context.range);
          return fail(
            `cannot convert ${JSON.stringify(v.value)} to bool; only the strings "true" or "false" are allowed`,
          );
        case "null":
          return nullResult(context);
        default:
          return fail(
            `cannot convert ${v.kind === "number" ? "a number" : v.kind === "list" ? "a list" : "an object"} to bool`,
          );
      }
    },
  }),
  toset: defineFunction("toset", {
    min: 1,
    max: 1,
    call: ([value], context) => listResult(setOf(asList(value!, "argument")), context),
  }),
  tolist: defineFunction("tolist", {
    min: 1,
    max: 1,
    call([value], context) {
      if (value!.kind === "null") return nullResult(context);
      return listResult(unifyPrimitives(asList(value!, "argument")), context);
    },
  }),
  tomap: defineFunction("tomap", {
    min: 1,
    max: 1,
    call([value], context) {
      if (value!.kind === "null") return nullResult(context);
      const entries = asObject(value!, "argument");
      const unified = unifyPrimitives(entries.map((e) => e.value));
      return sortedObject(
        entries.map((e, i) => ({ ...e, value: unified[i]! })),
        context,
      );
    },
  }),
};
