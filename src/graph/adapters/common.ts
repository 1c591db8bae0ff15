/** Helpers shared by the Terraform and CloudFormation adapters: reading attributes and normalizing values. */
import { getEntry, str, unknown, type ObjectValue, type UnknownValue, type Value } from "../../core/value.js";
import type { SourceRange } from "../../core/range.js";
import type { NodeLiteral } from "../build.js";
import type { Attribute, PolicyDocument } from "../types.js";
import { policyDocumentValue } from "../policy-document.js";

/** The attribute `key` of an object Value, with its key's range; undefined when absent or null. */
export function attribute(object: Value | undefined, key: string): Attribute | undefined {
  const entry = getEntry(object, key);
  if (!entry || entry.value.kind === "null") return undefined;
  return entry.keyRange ? { value: entry.value, keyRange: entry.keyRange } : { value: entry.value };
}

/** The attribute, or a provider default (a Value without range, an Attribute without key range). */
export function attributeOr(object: Value | undefined, key: string, fallback: Value): Attribute {
  return attribute(object, key) ?? { value: fallback };
}

/** An object-valued attribute, or the first object of a block list (Terraform nested blocks are lists). */
export function block(
  object: Value | undefined,
  key: string,
): { keyRange?: Attribute["keyRange"]; value: ObjectValue } | undefined {
  const entry = getEntry(object, key);
  if (!entry) return undefined;
  const value = entry.value.kind === "list" ? entry.value.items[0] : entry.value;
  return value?.kind === "object" ? { keyRange: entry.keyRange, value } : undefined;
}

/** Every object of a block list (or a single object); an Unknown list lands in `unknowns`. */
export function blocks(
  object: Value | undefined,
  key: string,
): { items: ObjectValue[]; unknowns: UnknownValue[]; keyRange?: Attribute["keyRange"] } {
  const entry = getEntry(object, key);
  const out = { items: [] as ObjectValue[], unknowns: [] as UnknownValue[], keyRange: entry?.keyRange };
  if (!entry) return out;
  const collect = (value: Value) => {
    if (value.kind === "object") out.items.push(value);
    else if (value.kind === "unknown") out.unknowns.push(value);
    else if (value.kind === "list") value.items.forEach(collect);
  };
  collect(entry.value);
  return out;
}

/** The items of a list value; a scalar is one item; an Unknown list is one Unknown item; null or absent is none. */
export function items(value: Value | undefined): Value[] {
  if (value === undefined || value.kind === "null") return [];
  if (value.kind === "list") return value.items.filter((item) => item.kind !== "null");
  return [value];
}

/** A policy document attribute, with JSON strings parsed. */
export function policyAttribute(object: Value | undefined, key: string): PolicyDocument | undefined {
  const found = attribute(object, key);
  return found ? { ...found, value: policyDocumentValue(found.value) } : undefined;
}

const PROTOCOL_NUMBERS: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };

/** `-1`/`all` → `-1`; protocol numbers of tcp/udp/icmp/icmpv6 → names; names lower-cased. Keeps the range. */
export function normalizeProtocol(value: Value): Value {
  if (value.kind !== "string" && value.kind !== "number") return value;
  const text = String(value.value).trim().toLowerCase();
  const normalized = text === "all" || text === "-1" ? "-1" : (PROTOCOL_NUMBERS[text] ?? text);
  return str(normalized, value.range);
}

/** Lower-cases a known string (NACL `allow`/`deny`), keeping its range. */
export function lowerCase(value: Value | undefined): Value | undefined {
  return value?.kind === "string" ? str(value.value.toLowerCase(), value.range) : value;
}

export const isTrue = (value: Value | undefined): boolean => value?.kind === "bool" && value.value;

/**
 * An AWS-managed policy ARN (account `aws`), known or partly known: only the
 * partition unknown (`arn:${AWS::Partition}:iam::aws:policy/…`,
 * `arn:${data.aws_partition.current.partition}:iam::aws:policy/…`), or no
 * reference at all before a literal `:iam::aws:policy/`.
 */
export function isAwsManagedArn(value: Value): boolean {
  if (value.kind === "string") return /^arn:[^:]*:iam::aws:policy\//.test(value.value);
  if (value.kind !== "unknown") return false;
  if (value.prefix === "arn:" && value.suffix?.startsWith(":iam::aws:policy/")) return true;
  return value.refs.length === 0 && /(^|:)iam::aws:policy\//.test(value.suffix ?? "");
}

/** A required attribute that is not written: an Unknown, so that whatever needed it is reported as unresolved. */
export const absent = (key: string, range: SourceRange | undefined): UnknownValue =>
  unknown("UNSUPPORTED", `${key} is not set.`, { range });

/** The known name an attribute gives a node, as a literal that configuration may use to name it. */
export const knownName = (a: { value: Value } | undefined): NodeLiteral[] =>
  a?.value.kind === "string" ? [{ kind: "name", value: a.value.value }] : [];
