/**
 * Policy documents as Values. A Terraform `policy` is a string (from
 * `jsonencode(...)`, a heredoc, `file(...)`); CloudFormation writes an object.
 * Rules want the object either way, so a JSON string is parsed here. Every part
 * of a parsed string carries the string's range (the finest location known),
 * unless the evaluator kept the `jsonencode` argument as `encodes`, whose
 * parts have exact ranges (and stay readable when a part is Unknown).
 */
import { bool, list, nul, num, obj, str, unknown, type Value } from "../core/value.js";
import type { SourceRange } from "../core/range.js";

/** The document as an object Value; a string that is not JSON becomes an `UNSUPPORTED` Unknown. */
export function policyDocumentValue(value: Value): Value {
  if ((value.kind === "string" || value.kind === "unknown") && value.encodes) return value.encodes;
  if (value.kind !== "string") return value;
  let plain: unknown;
  try {
    plain = JSON.parse(value.value);
  } catch {
    return unknown("UNSUPPORTED", "The policy is not valid JSON.", { range: value.range });
  }
  return fromPlain(plain, value.range);
}

/** A plain JSON value as a Value, every part at `range`. */
export function fromPlain(plain: unknown, range: SourceRange | undefined): Value {
  if (plain === null) return nul(range);
  if (typeof plain === "string") return str(plain, range);
  if (typeof plain === "number") return num(plain, range);
  if (typeof plain === "boolean") return bool(plain, range);
  if (Array.isArray(plain))
    return list(
      plain.map((item) => fromPlain(item, range)),
      range,
    );
  if (typeof plain === "object") {
    return obj(
      Object.entries(plain as Record<string, unknown>).map(([key, item]) => ({
        key,
        keyRange: range,
        value: fromPlain(item, range),
      })),
      range,
    );
  }
  return unknown("UNSUPPORTED", "The policy holds a value JSON cannot.", { range });
}
