/**
 * Resolves CloudFormation intrinsic functions in a value.
 *
 * References stay references: `Ref` to a resource and `Fn::GetAtt` become an
 * Unknown (`COMPUTED`) naming the resource and attribute, which the graph turns
 * into an edge. Everything else that can be known statically is computed;
 * what cannot becomes an Unknown with a reason. A resolved value carries the
 * range of its use site (the intrinsic call), so findings point into the
 * resource that uses it.
 *
 * `resolveValue` returns `undefined` for `AWS::NoValue`: the caller removes
 * the property or list item that held it.
 */
import type { SourceRange } from "../core/range.js";
import {
  list,
  num,
  splitJoined,
  str,
  toPlain,
  unknown,
  type ObjectEntry,
  type TextPart,
  type UnknownValue,
  type Value,
} from "../core/value.js";
import { formatIpv4Cidr, ipv4CidrBlocks, parseIpv4Cidr } from "../core/cidr.js";
import {
  concatPieces,
  mergeRefs,
  resolveDynamicReferences,
  subTemplateSpans,
  withParts,
  type StringPiece,
} from "./sub.js";
import { collectRefs, firstUnknown, integerOf, relocate, sameContent, scalarText } from "./values.js";
import type { ConditionValue } from "./conditions.js";
import { expandForEach } from "./foreach.js";

/** What the resolver needs from the template it resolves in. */
export interface ResolveScope {
  /** A parameter's or pseudo-parameter's value; `undefined` for `AWS::NoValue`, `null` if there is no such name. */
  parameter(name: string, range: SourceRange | undefined): Value | undefined | null;
  /** `Ref` to a resource of this template, or `null` if there is none by that name. */
  resourceRef(logicalId: string, range: SourceRange | undefined): Value | null;
  /** `Fn::GetAtt`, or `null` if there is no resource by that name. */
  getAtt(logicalId: string, attribute: string, range: SourceRange | undefined): Value | null;
  /** A named condition of this template. */
  condition(name: string): ConditionValue;
  mapping(name: string): Value | undefined;
  /** `Fn::ImportValue` of a known export name. */
  importValue(exportName: string, range: SourceRange | undefined): Value;
  /** `Fn::GetStackOutput` of a known stack and output name (`region`/`roleArn` when given). */
  stackOutput(request: StackOutputRequest, range: SourceRange | undefined): Value;
  /** Counts one evaluation step (of the value at `range`); false once the template's step budget is spent. */
  step(range?: SourceRange): boolean;
  note(message: string, range: SourceRange | undefined, limit?: string): void;
  /** Copies one `Fn::ForEach` may produce (the max-expansion limit); the default when absent. */
  readonly maxForEachCopies?: number;
}

/** What `Fn::GetStackOutput` asks for, its arguments resolved. */
export interface StackOutputRequest {
  stackName: string;
  outputName: string;
  region?: string;
  roleArn?: string;
}

const MAX_DEPTH = 200;

export function isIntrinsicCall(
  value: Value,
): value is Extract<Value, { kind: "object" }> & { entries: [ObjectEntry] } {
  if (value.kind !== "object" || value.entries.length !== 1) return false;
  const key = value.entries[0]!.key;
  return key === "Ref" || key === "Condition" || (key.startsWith("Fn::") && !key.startsWith("Fn::ForEach::"));
}

export function resolveValue(value: Value, scope: ResolveScope, depth = 0): Value | undefined {
  if (!scope.step(value.range))
    return unknown("LIMIT", "Not evaluated: the template's max-steps-per-template limit was reached before it.", {
      range: value.range,
    });
  if (depth > MAX_DEPTH) {
    scope.note(
      `Values and intrinsic functions nest deeper than ${MAX_DEPTH} levels here; the value is Unknown`,
      value.range,
      "fixed intrinsic-depth",
    );
    return unknown("LIMIT", `Not evaluated: values and intrinsic functions nest deeper than ${MAX_DEPTH} levels.`, {
      range: value.range,
    });
  }
  switch (value.kind) {
    case "string":
      return resolveDynamicReferences(value.value, value.range);
    case "list": {
      const items: Value[] = [];
      for (const item of value.items) {
        const resolved = resolveValue(item, scope, depth + 1);
        if (resolved !== undefined) items.push(resolved);
      }
      return { ...value, items };
    }
    case "object": {
      if (isIntrinsicCall(value)) return callFunction(value.entries[0], value.range, scope, depth);
      const entries: ObjectEntry[] = [];
      for (const entry of expandForEach(
        value.entries,
        scope,
        (v) => resolveValue(v, scope, depth + 1),
        scope.maxForEachCopies === undefined
          ? undefined
          : { copies: scope.maxForEachCopies, max: scope.maxForEachCopies },
      )) {
        const resolved = resolveValue(entry.value, scope, depth + 1);
        if (resolved !== undefined) entries.push({ ...entry, value: resolved });
      }
      return { ...value, entries };
    }
    default:
      return value;
  }
}

type Resolve = (value: Value) => Value | undefined;

function callFunction(
  call: ObjectEntry,
  range: SourceRange | undefined,
  scope: ResolveScope,
  depth: number,
): Value | undefined {
  const resolve: Resolve = (v) => resolveValue(v, scope, depth + 1);
  const argument = call.value;
  switch (call.key) {
    case "Ref":
      return ref(argument, range, scope, resolve);
    case "Fn::GetAtt":
      return getAtt(argument, range, scope, resolve);
    case "Fn::Sub":
      return sub(argument, range, scope, resolve);
    case "Fn::If":
      return fnIf(argument, range, scope, resolve);
    case "Fn::Join":
      return join(argument, range, resolve);
    case "Fn::Select":
      return select(argument, range, resolve);
    case "Fn::Split":
      return split(argument, range, resolve);
    case "Fn::Cidr":
      return cidr(argument, range, resolve);
    case "Fn::FindInMap":
      return findInMap(argument, range, scope, resolve);
    case "Fn::GetAZs":
      return getAZs(argument, range, scope, resolve);
    case "Fn::Base64":
      return base64(argument, range, resolve);
    case "Fn::ImportValue":
      return importValue(argument, range, scope, resolve);
    case "Fn::GetStackOutput":
      return getStackOutput(argument, range, scope, resolve);
    case "Fn::Length":
      return length(argument, range, resolve);
    case "Fn::ToJsonString":
      return toJsonString(argument, range, resolve);
    case "Fn::Transform":
      return unknown("UNSUPPORTED", "Fn::Transform runs a macro at deploy time; macros are not run.", { range });
    default:
      return unknown("UNSUPPORTED", `${call.key} cannot be used in a property value.`, { range });
  }
}

const badArgument = (fn: string, expected: string, range: SourceRange | undefined): UnknownValue =>
  unknown("UNSUPPORTED", `${fn} expects ${expected}.`, { range });

/** An Unknown derived from another one: same reason, references and detail, at the use site. */
const derived = (
  from: UnknownValue,
  range: SourceRange | undefined,
  options: { prefix?: string; suffix?: string } = {},
): UnknownValue => unknown(from.reason, from.detail, { refs: from.refs, range, ...options });

function ref(
  argument: Value,
  range: SourceRange | undefined,
  scope: ResolveScope,
  resolve: Resolve,
): Value | undefined {
  // `Ref` takes a literal name; the language extensions also allow a name computed by another function.
  const nameValue = argument.kind === "string" ? argument : resolve(argument);
  const name = scalarText(nameValue);
  if (name === undefined)
    return nameValue?.kind === "unknown" ? derived(nameValue, range) : badArgument("Ref", "a name", range);
  const parameter = scope.parameter(name, range);
  if (parameter !== null) return parameter;
  const resource = scope.resourceRef(name, range);
  if (resource !== null) return resource;
  return unknown("EXTERNAL_ID", `${name} is neither a parameter nor a resource of this template.`, { range });
}

function getAtt(argument: Value, range: SourceRange | undefined, scope: ResolveScope, resolve: Resolve): Value {
  let logicalId: string | undefined;
  let attribute: string | undefined;
  if (argument.kind === "string") {
    const dot = argument.value.indexOf(".");
    if (dot > 0) [logicalId, attribute] = [argument.value.slice(0, dot), argument.value.slice(dot + 1)];
  } else if (argument.kind === "list" && argument.items.length === 2) {
    // The language extensions allow a computed logical ID (`!GetAtt [!Sub "Bucket${Name}", Arn]`).
    const idValue = argument.items[0]!.kind === "string" ? argument.items[0] : resolve(argument.items[0]!);
    if (idValue?.kind === "unknown") return derived(idValue, range);
    logicalId = scalarText(idValue);
    const attributeValue = argument.items[1]!.kind === "string" ? argument.items[1] : resolve(argument.items[1]!);
    if (attributeValue?.kind === "unknown") return derived(attributeValue, range);
    attribute = scalarText(attributeValue);
  }
  if (logicalId === undefined || attribute === undefined)
    return badArgument("Fn::GetAtt", "[LogicalId, Attribute]", range);
  return (
    scope.getAtt(logicalId, attribute, range) ??
    unknown("EXTERNAL_ID", `Fn::GetAtt names ${logicalId}, which is not a resource of this template.`, { range })
  );
}

function sub(argument: Value, range: SourceRange | undefined, scope: ResolveScope, resolve: Resolve): Value {
  let template: Value | undefined = argument;
  const variables = new Map<string, Value | undefined>();
  if (argument.kind === "list") {
    template = argument.items[0];
    const map = argument.items[1];
    if (map?.kind === "object") for (const entry of map.entries) variables.set(entry.key, resolve(entry.value));
  }
  if (template?.kind !== "string") return badArgument("Fn::Sub", "a string, or [string, {variables}]", range);
  const pieces: StringPiece[] = [];
  const parts: TextPart[] = [];
  for (const span of subTemplateSpans(template.value)) {
    const at = { source: template, start: span.start, end: span.end };
    if (span.kind !== "variable") {
      const written = span.kind === "escape" ? span.text : template.value.slice(span.start, span.end);
      const text = resolveDynamicReferences(written, range);
      pieces.push(text.kind === "string" ? text.value : text);
      parts.push(span.kind === "text" && text.kind === "string" ? at : { value: text, at });
      continue;
    }
    let value: Value | undefined | null;
    if (variables.has(span.name)) value = variables.get(span.name);
    else {
      const dot = span.name.indexOf(".");
      if (dot > 0 && !span.name.startsWith("AWS::")) {
        value = scope.getAtt(span.name.slice(0, dot), span.name.slice(dot + 1), range);
      } else {
        value = scope.parameter(span.name, range);
        if (value === null) value = scope.resourceRef(span.name, range);
      }
    }
    if (value === null) value = unknown("EXTERNAL_ID", `\${${span.name}} names nothing in this template.`, { range });
    // `${AWS::NoValue}` in Sub is an empty string.
    pieces.push(value ?? "");
    parts.push({ value: value ?? str("", range), at });
  }
  return withParts(concatPieces(pieces, range, "Fn::Sub"), parts);
}

function fnIf(
  argument: Value,
  range: SourceRange | undefined,
  scope: ResolveScope,
  resolve: Resolve,
): Value | undefined {
  const first = argument.kind === "list" && argument.items.length === 3 ? argument.items[0] : undefined;
  if (argument.kind !== "list" || first?.kind !== "string")
    return badArgument("Fn::If", "[ConditionName, ValueIfTrue, ValueIfFalse]", range);
  const name = first.value;
  const condition = scope.condition(name);
  if (condition === true) return resolve(argument.items[1]!);
  if (condition === false) return resolve(argument.items[2]!);
  // The value model has no "either A or B": an Unknown that keeps both branches' references,
  // unless the branches agree.
  const whenTrue = resolve(argument.items[1]!);
  const whenFalse = resolve(argument.items[2]!);
  if (sameContent(whenTrue, whenFalse)) return whenTrue;
  return unknown(condition.reason, `Depends on condition ${name}, which cannot be decided: ${condition.detail}`, {
    refs: mergeRefs([collectRefs(whenTrue), collectRefs(whenFalse)]),
    range,
  });
}

function join(argument: Value, range: SourceRange | undefined, resolve: Resolve): Value {
  if (argument.kind !== "list" || argument.items.length !== 2)
    return badArgument("Fn::Join", "[delimiter, [values]]", range);
  const delimiter = resolve(argument.items[0]!);
  const values = resolve(argument.items[1]!);
  if (delimiter?.kind === "unknown") return derived(delimiter, range);
  if (values?.kind === "unknown") return derived(values, range);
  const text = scalarText(delimiter);
  if (text === undefined || values?.kind !== "list") return badArgument("Fn::Join", "[delimiter, [values]]", range);
  const pieces: StringPiece[] = [];
  const parts: TextPart[] = [];
  const delimiterPart = textPart(delimiter!);
  values.items.forEach((item, index) => {
    if (index > 0) {
      pieces.push(text);
      if (text !== "") parts.push(delimiterPart);
    }
    pieces.push(item);
    parts.push(...(partsOf(item) ?? [textPart(item)]));
  });
  const joined = withParts(concatPieces(pieces, range, "Fn::Join"), parts);
  // `joins` lets `Fn::Split` on the same delimiter give the items back (`splitJoined`), through exports too.
  return joined.kind === "unknown" ? { ...joined, joins: { separator: text, items: values.items } } : joined;
}

/** A joined item as a text part: a string as written (placed through its own range), else the value. */
function textPart(item: Value): TextPart {
  return item.kind === "string" && !item.from && !item.parts
    ? { source: item, start: 0, end: item.value.length }
    : { value: item, range: item.range };
}

/** The parts of a string built from parts (a `Fn::Sub` inside a `Fn::Join`). */
function partsOf(value: Value): TextPart[] | undefined {
  return (value.kind === "string" || value.kind === "unknown") && value.parts ? value.parts : undefined;
}

function select(argument: Value, range: SourceRange | undefined, resolve: Resolve): Value | undefined {
  if (argument.kind !== "list" || argument.items.length !== 2)
    return badArgument("Fn::Select", "[index, [values]]", range);
  const indexValue = resolve(argument.items[0]!);
  const values = resolve(argument.items[1]!);
  if (indexValue?.kind === "unknown") return derived(indexValue, range);
  if (values?.kind === "unknown") return derived(values, range);
  const index = integerOf(indexValue);
  if (index === undefined || values?.kind !== "list") return badArgument("Fn::Select", "[index, [values]]", range);
  const item = values.items[index];
  if (item === undefined)
    return unknown("UNSUPPORTED", `Fn::Select index ${index} is out of range for a list of ${values.items.length}.`, {
      range,
    });
  return relocate(item, range);
}

function split(argument: Value, range: SourceRange | undefined, resolve: Resolve): Value {
  if (argument.kind !== "list" || argument.items.length !== 2)
    return badArgument("Fn::Split", "[delimiter, string]", range);
  const delimiter = resolve(argument.items[0]!);
  const source = resolve(argument.items[1]!);
  if (delimiter?.kind === "unknown") return derived(delimiter, range);
  if (source?.kind === "unknown") {
    const separator = scalarText(delimiter);
    const items = separator === undefined ? undefined : splitJoined(source, separator);
    return items ? list(items, range) : derived(source, range);
  }
  const d = scalarText(delimiter);
  const s = scalarText(source);
  if (d === undefined || s === undefined || d === "") return badArgument("Fn::Split", "[delimiter, string]", range);
  return list(
    s.split(d).map((part) => str(part, range)),
    range,
  );
}

function cidr(argument: Value, range: SourceRange | undefined, resolve: Resolve): Value {
  if (argument.kind !== "list" || argument.items.length !== 3)
    return badArgument("Fn::Cidr", "[ipBlock, count, cidrBits]", range);
  const [block, countValue, bitsValue] = argument.items.map(resolve);
  if (countValue?.kind === "unknown") return derived(countValue, range);
  const count = integerOf(countValue);
  const cidrBits = integerOf(bitsValue);
  if (count === undefined) return badArgument("Fn::Cidr", "a known count", range);
  if (block?.kind === "unknown" || bitsValue?.kind === "unknown") {
    // The base block is not known, but each result's prefix length is: 32 − cidrBits.
    const from = block?.kind === "unknown" ? block : (bitsValue as UnknownValue);
    const suffix = cidrBits !== undefined ? `/${32 - cidrBits}` : undefined;
    return list(
      Array.from({ length: count }, () => derived(from, range, { suffix })),
      range,
    );
  }
  const base = block?.kind === "string" ? parseIpv4Cidr(block.value) : undefined;
  if (base === undefined || cidrBits === undefined)
    return badArgument("Fn::Cidr", "an IPv4 CIDR block, a count and cidrBits", range);
  const blocks = ipv4CidrBlocks(base, count, cidrBits);
  if (!blocks)
    return unknown(
      "UNSUPPORTED",
      `Fn::Cidr cannot fit ${count} blocks of /${32 - cidrBits} in ${formatIpv4Cidr(base)}.`,
      { range },
    );
  return list(
    blocks.map((b) => str(formatIpv4Cidr(b), range)),
    range,
  );
}

function findInMap(
  argument: Value,
  range: SourceRange | undefined,
  scope: ResolveScope,
  resolve: Resolve,
): Value | undefined {
  if (argument.kind !== "list" || argument.items.length < 3)
    return badArgument("Fn::FindInMap", "[MapName, TopLevelKey, SecondLevelKey]", range);
  const [mapName, topKey, secondKey] = argument.items.slice(0, 3).map(resolve);
  // The language extensions add a fourth argument: {DefaultValue: …}.
  const options = argument.items[3];
  const fallback =
    options?.kind === "object" ? options.entries.find((e) => e.key === "DefaultValue")?.value : undefined;
  const name = scalarText(mapName);
  if (mapName?.kind === "unknown") return derived(mapName, range);
  const mapping = name === undefined ? undefined : scope.mapping(name);
  if (mapping?.kind !== "object")
    return unknown("UNSUPPORTED", `Fn::FindInMap names a mapping ${name ?? "?"} that the template does not declare.`, {
      range,
    });
  const second = scalarText(secondKey);
  if (topKey?.kind === "unknown") {
    // Every top-level entry agreeing on the second-level key makes the top-level key irrelevant.
    const candidates = mapping.entries.map((e) =>
      second === undefined
        ? undefined
        : e.value.kind === "object"
          ? e.value.entries.find((x) => x.key === second)?.value
          : undefined,
    );
    const firstCandidate = candidates[0];
    if (firstCandidate && candidates.every((c) => c !== undefined && sameContent(c, firstCandidate)))
      return relocate(firstCandidate, range);
    return derived(topKey, range);
  }
  if (secondKey?.kind === "unknown") return derived(secondKey, range);
  const top = scalarText(topKey);
  const level = mapping.entries.find((e) => e.key === top)?.value;
  const found = level?.kind === "object" ? level.entries.find((e) => e.key === second)?.value : undefined;
  if (found !== undefined) return relocate(found, range);
  if (fallback !== undefined) return resolve(fallback);
  return unknown("UNSUPPORTED", `Mapping ${name} has no entry ${top}.${second}.`, { range });
}

function getAZs(argument: Value, range: SourceRange | undefined, scope: ResolveScope, resolve: Resolve): Value {
  // An empty string means the stack's own Region.
  const given = resolve(argument);
  const region = scalarText(given) === "" ? (scope.parameter("AWS::Region", range) ?? given) : given;
  const name = scalarText(region);
  return unknown(
    "DATA_SOURCE",
    `The Availability Zones of ${name ? name : "the stack's Region"} depend on the account.`,
    { range, refs: collectRefs(region) },
  );
}

function base64(argument: Value, range: SourceRange | undefined, resolve: Resolve): Value {
  const value = resolve(argument);
  if (value?.kind === "unknown") return derived(value, range);
  const text = scalarText(value);
  if (text === undefined) return badArgument("Fn::Base64", "a string", range);
  return str(Buffer.from(text, "utf8").toString("base64"), range);
}

function importValue(argument: Value, range: SourceRange | undefined, scope: ResolveScope, resolve: Resolve): Value {
  const name = resolve(argument);
  if (name?.kind === "unknown") {
    const known = name.prefix || name.suffix ? ` (known to be ${name.prefix ?? ""}…${name.suffix ?? ""})` : "";
    return unknown(
      "IMPORT",
      `Fn::ImportValue imports an export whose name cannot be determined${known}: ${name.detail}`,
      {
        range,
        refs: name.refs,
        prefix: undefined,
      },
    );
  }
  const text = scalarText(name);
  if (text === undefined) return badArgument("Fn::ImportValue", "an export name", range);
  return scope.importValue(text, range);
}

/**
 * `Fn::GetStackOutput {StackName, OutputName, Region?, RoleArn?}` (what CDK writes for weak
 * cross-stack references): the output of another stack, read like an import when that
 * stack's template is in the scan.
 */
function getStackOutput(argument: Value, range: SourceRange | undefined, scope: ResolveScope, resolve: Resolve): Value {
  if (argument.kind !== "object") return badArgument("Fn::GetStackOutput", "{StackName, OutputName}", range);
  const texts: Partial<Record<"StackName" | "OutputName" | "Region" | "RoleArn", string>> = {};
  for (const key of ["StackName", "OutputName", "Region", "RoleArn"] as const) {
    const given = argument.entries.find((e) => e.key === key)?.value;
    if (given === undefined) continue;
    const value = resolve(given);
    if (value?.kind === "unknown")
      return unknown(
        "IMPORT",
        `Fn::GetStackOutput reads a stack output whose ${key} cannot be determined: ${value.detail}`,
        {
          range,
          refs: value.refs,
        },
      );
    const text = scalarText(value);
    if (text === undefined) return badArgument("Fn::GetStackOutput", `a string ${key}`, range);
    texts[key] = text;
  }
  if (texts.StackName === undefined || texts.OutputName === undefined)
    return badArgument("Fn::GetStackOutput", "{StackName, OutputName}", range);
  return scope.stackOutput(
    {
      stackName: texts.StackName,
      outputName: texts.OutputName,
      ...(texts.Region !== undefined ? { region: texts.Region } : {}),
      ...(texts.RoleArn !== undefined ? { roleArn: texts.RoleArn } : {}),
    },
    range,
  );
}

function length(argument: Value, range: SourceRange | undefined, resolve: Resolve): Value {
  const value = resolve(argument);
  if (value?.kind === "unknown") return derived(value, range);
  if (value?.kind !== "list") return badArgument("Fn::Length", "a list", range);
  return num(value.items.length, range);
}

function toJsonString(argument: Value, range: SourceRange | undefined, resolve: Resolve): Value {
  const value = resolve(argument);
  if (value === undefined) return badArgument("Fn::ToJsonString", "an object or a list", range);
  const missing = firstUnknown(value);
  if (missing)
    return unknown(missing.reason, `Fn::ToJsonString of a value with an unknown part: ${missing.detail}`, {
      range,
      refs: collectRefs(value),
    });
  // `encodes` keeps the encoded value with its own ranges, so a finding inside it can point at the exact key.
  return { ...str(JSON.stringify(toPlain(value)), range), encodes: value };
}
