/**
 * Loads CloudFormation YAML or JSON text into a `Value` tree with exact ranges.
 *
 * JSON is parsed by the same YAML parser (YAML 1.2 is a superset of JSON), so both
 * forms get identical ranges and errors. Short-form intrinsic tags become their
 * long forms (`!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`), with the tag's range
 * as the key range, so later stages only ever see one form.
 */
import { parseDocument, isAlias, isMap, isPair, isScalar, isSeq, type Node as YamlNode, type Document } from "yaml";
import { lineStarts, rangeAt, type SourceRange } from "../core/range.js";
import type { Diagnostic } from "../core/finding.js";
import type { ObjectEntry, Value } from "../core/value.js";

/** Short-form tags and the long-form key each stands for. */
const SHORT_FORM_TAGS: Record<string, string> = {
  "!Ref": "Ref",
  "!Condition": "Condition",
  "!GetAtt": "Fn::GetAtt",
  "!Sub": "Fn::Sub",
  "!If": "Fn::If",
  "!Select": "Fn::Select",
  "!Join": "Fn::Join",
  "!Split": "Fn::Split",
  "!Cidr": "Fn::Cidr",
  "!GetAZs": "Fn::GetAZs",
  "!ImportValue": "Fn::ImportValue",
  "!FindInMap": "Fn::FindInMap",
  "!Base64": "Fn::Base64",
  "!Equals": "Fn::Equals",
  "!And": "Fn::And",
  "!Or": "Fn::Or",
  "!Not": "Fn::Not",
  "!Transform": "Fn::Transform",
  "!Length": "Fn::Length",
  "!ToJsonString": "Fn::ToJsonString",
  "!ForEach": "Fn::ForEach",
};

/**
 * The loader's limits. Aliases are expanded while converting, so an alias bomb
 * ("billion laughs") would multiply: both the number of aliases and the number
 * of values produced are counted.
 */
const MAX_ALIASES = 100;
const MAX_VALUES = 1_000_000;
const MAX_DEPTH = 1000;

export interface LoadedYaml {
  /** The document's root value; undefined when the text has no document or does not parse. */
  value: Value | undefined;
  diagnostics: Diagnostic[];
  lineStarts: number[];
}

export function loadYaml(text: string, file: string): LoadedYaml {
  const starts = lineStarts(text);
  const range = (start: number, end: number): SourceRange => rangeAt(file, starts, start, end);
  const diagnostics: Diagnostic[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    // The parser throws only on its own limits (e.g. nesting deeper than the stack allows).
    diagnostics.push({ severity: "error", summary: firstLine(String((error as Error).message)), range: range(0, 0) });
    return { value: undefined, diagnostics, lineStarts: starts };
  }
  for (const error of doc.errors) {
    const [start, end] = error.pos;
    diagnostics.push({ severity: "error", summary: firstLine(error.message), range: range(start, Math.max(start, end)) });
  }
  if (diagnostics.length > 0) return { value: undefined, diagnostics, lineStarts: starts };

  let aliases = 0;
  let values = 0;
  const convert = (node: YamlNode | null | undefined, depth: number): Value => {
    if (node === null || node === undefined) return { kind: "null" };
    const at = node.range?.[0] ?? 0;
    if (depth > MAX_DEPTH) throw new LoadLimitError(`nesting deeper than ${MAX_DEPTH} levels`, at);
    if (++values > MAX_VALUES) throw new LoadLimitError(`more than ${MAX_VALUES} values (expanded aliases included)`, at);
    if (isAlias(node)) {
      if (++aliases > MAX_ALIASES) throw new LoadLimitError(`more than ${MAX_ALIASES} aliases`, at);
      return convert(node.resolve(doc) as YamlNode | undefined, depth + 1);
    }
    const [start, valueEnd] = node.range ?? [0, 0, 0];
    let value: Value;
    if (isScalar(node)) {
      value = scalarValue(node.value, range(start, valueEnd));
    } else if (isMap(node)) {
      const entries: ObjectEntry[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : "";
        const keyRange = keyNode?.range ? range(keyNode.range[0], keyNode.range[1]) : undefined;
        entries.push({ key, keyRange, value: convert(pair.value as YamlNode | null, depth + 1) });
      }
      value = { kind: "object", entries, range: range(start, valueEnd) };
    } else if (isSeq(node)) {
      value = { kind: "list", items: node.items.map((item) => convert(item as YamlNode, depth + 1)), range: range(start, valueEnd) };
    } else {
      value = { kind: "null", range: range(start, valueEnd) };
    }
    const tag = node.tag;
    if (tag === undefined || !tag.startsWith("!") || tag.startsWith("!!")) return value;
    const longForm = SHORT_FORM_TAGS[tag];
    const tagStart = text.lastIndexOf(tag, start);
    const tagRange = range(tagStart, tagStart + tag.length);
    if (longForm === undefined) throw new LoadLimitError(`unknown tag ${tag}`, tagStart, tagStart + tag.length);
    if (longForm === "Fn::GetAtt" && value.kind === "string") {
      // `!GetAtt Resource.Attribute`: the attribute may itself contain dots.
      const dot = value.value.indexOf(".");
      const parts = dot < 0 ? [value.value] : [value.value.slice(0, dot), value.value.slice(dot + 1)];
      value = { kind: "list", items: parts.map((part) => ({ kind: "string", value: part, range: value.range })), range: value.range };
    }
    const whole = range(tagStart, valueEnd);
    return { kind: "object", entries: [{ key: longForm, keyRange: tagRange, value }], range: whole };
  };

  try {
    const value = doc.contents === null ? undefined : convert(doc.contents as YamlNode, 0);
    return { value, diagnostics, lineStarts: starts };
  } catch (error) {
    if (!(error instanceof LoadLimitError)) throw error;
    diagnostics.push({ severity: "error", summary: error.message, range: range(error.start, error.end ?? error.start) });
    return { value: undefined, diagnostics, lineStarts: starts };
  }
}

class LoadLimitError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end?: number,
  ) {
    super(message);
  }
}

function scalarValue(raw: unknown, range: SourceRange): Value {
  if (raw === null || raw === undefined) return { kind: "null", range };
  if (typeof raw === "string") return { kind: "string", value: raw, range };
  if (typeof raw === "number") return { kind: "number", value: raw, range };
  if (typeof raw === "boolean") return { kind: "bool", value: raw, range };
  if (typeof raw === "bigint") return { kind: "number", value: Number(raw), range };
  return { kind: "string", value: String(raw), range };
}

/** The yaml package's messages carry a code excerpt after the first line; diagnostics quote none. */
function firstLine(message: string): string {
  const line = message.split("\n", 1)[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, "");
}
