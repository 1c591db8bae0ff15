/**
 * Policy documents as plain JSON (what `JSON.parse` gives), with a marker for
 * the parts our value model could not determine (DESIGN.md, "Values").
 *
 * Adapters turn an evaluated `Value` into this form with `policyJsonFromValue`;
 * the evaluators in this folder never see Terraform or CloudFormation.
 */
import type { ResourceRef, UnknownReason, Value } from "../core/value.js";

/** A part of a policy that static analysis could not determine. */
export interface UnknownMarker {
  $unknown: true;
  reason?: UnknownReason;
  detail?: string;
  /** The resources the unknown value was computed from (e.g. `aws_vpc_endpoint.s3.id`). */
  refs?: ResourceRef[];
  /** Known beginning / end of an otherwise unknown string. */
  prefix?: string;
  suffix?: string;
}

/** The same marker for callers that build documents by hand. */
export const UNKNOWN: UnknownMarker = Object.freeze({ $unknown: true }) as UnknownMarker;

export function isUnknownMarker(value: unknown): value is UnknownMarker {
  return typeof value === "object" && value !== null && (value as { $unknown?: unknown }).$unknown === true;
}

/** JSON as `JSON.parse` returns it, where any part may be an `UnknownMarker`. */
export type PolicyJson = unknown;

/** A policy document: an object, a JSON string (Terraform's `jsonencode` result), or unknown. */
export type PolicyDocument = PolicyJson;

/**
 * Converts an evaluated value to policy JSON, keeping Unknowns as markers with
 * their reason, refs and known prefix/suffix. A known string that holds JSON
 * (Terraform `jsonencode`, a heredoc) is left as a string; the normalizer
 * parses it.
 */
export function policyJsonFromValue(value: Value): PolicyJson {
  switch (value.kind) {
    case "string":
    case "number":
    case "bool":
      return value.value;
    case "null":
      return null;
    case "list":
      return value.items.map(policyJsonFromValue);
    case "object": {
      const out: Record<string, PolicyJson> = {};
      for (const entry of value.entries) out[entry.key] = policyJsonFromValue(entry.value);
      return out;
    }
    case "unknown": {
      const marker: UnknownMarker = { $unknown: true, reason: value.reason, detail: value.detail };
      if (value.refs.length > 0) marker.refs = value.refs;
      if (value.prefix) marker.prefix = value.prefix;
      if (value.suffix) marker.suffix = value.suffix;
      return marker;
    }
  }
}
