/**
 * Loads CloudFormation YAML or JSON text into a `Value` tree with exact ranges.
 *
 * JSON is parsed by the same YAML parser (YAML 1.2 is a superset of JSON), so both
 * forms get identical ranges and errors. The text is first made into YAML the
 * parser reads where CloudFormation reads it and YAML 1.2 does not
 * (`yaml-text.ts`: lone CR line breaks, continuation lines left of their key).
 * Short-form intrinsic tags become their long forms (`!GetAtt A.B` →
 * `{"Fn::GetAtt": ["A", "B"]}`), with the tag's range as the key range, so later
 * stages only ever see one form; a tag that is no CloudFormation function (a
 * macro's or a tool's, `!Rain::Embed`) makes its value Unknown, with a note.
 *
 * Duplicate keys are refused (CloudFormation refuses them) by the linear check of
 * `core/yaml-keys.ts`, not the parser's quadratic `uniqueKeys`.
 */
import {
  parseDocument,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node as YamlNode,
  type Document,
  type Tags,
} from "yaml";
import { lineStarts, rangeAt, type SourceRange } from "../core/range.js";
import type { Diagnostic } from "../core/finding.js";
import { unknown, type ObjectEntry, type Value } from "../core/value.js";
import { duplicateKeys } from "../core/yaml-keys.js";
import { prepareYamlText } from "./yaml-text.js";

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
  // The functions of a template's `Rules` section (AWS documents only their long forms; cfn-lint reads `!X` as `Fn::X`).
  "!Contains": "Fn::Contains",
  "!EachMemberEquals": "Fn::EachMemberEquals",
  "!EachMemberIn": "Fn::EachMemberIn",
  "!RefAll": "Fn::RefAll",
  "!ValueOf": "Fn::ValueOf",
  "!ValueOfAll": "Fn::ValueOfAll",
  // An output of another stack (CloudFormation's Fn::GetStackOutput).
  "!GetStackOutput": "Fn::GetStackOutput",
};

/**
 * The short-form tags declared to the YAML parser, for scalars, sequences and
 * maps alike, so that it keeps the tag on the node without resolving it. An
 * undeclared tag costs a warning object, with a stack trace, per use: 4-5 % of
 * a monorepo scan (issue 8). A scalar stays the string it was written as, which
 * is what the parser's fallback for an unknown tag gave too.
 */
const SHORT_FORM_YAML_TAGS: Tags = Object.keys(SHORT_FORM_TAGS).flatMap(
  (tag): Tags => [
    { tag, resolve: (source: string) => source },
    { tag, collection: "seq" },
    { tag, collection: "map" },
  ],
);

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
  /** Every problem the parser saw, in the order of the text. */
  diagnostics: Diagnostic[];
  /** Things read but not understood (a tag that is no CloudFormation function). */
  notes: { message: string; range: SourceRange }[];
  lineStarts: number[];
  /** Keys looked up to find duplicates: one per mapping key (a counted bound for tests). */
  keyChecks: number;
}

export function loadYaml(text: string, file: string): LoadedYaml {
  const starts = lineStarts(text);
  const diagnostics: Diagnostic[] = [];
  const notes: LoadedYaml["notes"] = [];
  let keyChecks = 0;
  const done = (value: Value | undefined): LoadedYaml => ({
    value,
    diagnostics,
    notes,
    lineStarts: starts,
    keyChecks,
  });
  // The yaml package composes recursively: nesting it cannot follow is refused before it parses.
  const tooDeep = firstTooDeep(text, MAX_DEPTH);
  if (tooDeep !== undefined) {
    diagnostics.push({
      severity: "error",
      summary: `nesting deeper than ${MAX_DEPTH} levels`,
      range: rangeAt(file, starts, tooDeep, Math.min(tooDeep + 1, text.length)),
    });
    return done(undefined);
  }
  const prepared = prepareYamlText(text);
  const parsedText = prepared.text;
  /** A range in the file from offsets in the parsed text; ranges stay inside the text. */
  const range = (start: number, end: number): SourceRange => {
    const from = Math.min(Math.max(prepared.toOriginal(start), 0), text.length);
    return rangeAt(file, starts, from, Math.min(Math.max(prepared.toOriginal(end), from), text.length));
  };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(parsedText, { uniqueKeys: false, prettyErrors: false, customTags: SHORT_FORM_YAML_TAGS });
  } catch (error) {
    // The parser throws only on its own limits (e.g. nesting deeper than the stack allows).
    diagnostics.push({ severity: "error", summary: firstLine(String((error as Error).message)), range: range(0, 0) });
    return done(undefined);
  }
  for (const error of doc.errors)
    diagnostics.push({
      severity: "error",
      summary: firstLine(error.message),
      range: range(error.pos[0], error.pos[1]),
    });
  if (diagnostics.length > 0) return done(undefined);
  // CloudFormation refuses duplicate keys: the file is one it does not read.
  const unique = duplicateKeys(doc);
  keyChecks = unique.keyChecks;
  for (const { key, first } of unique.duplicates) {
    const [start, end] = key.range ?? [0, 0];
    const firstLine = first.range
      ? rangeAt(file, starts, prepared.toOriginal(first.range[0]), prepared.toOriginal(first.range[0])).start.line
      : undefined;
    diagnostics.push({
      severity: "error",
      summary: "Map keys must be unique",
      detail: `${JSON.stringify(String((key as { value?: unknown }).value))} is defined more than once in this mapping${firstLine ? ` (first at line ${firstLine})` : ""}.`,
      range: range(start, end),
    });
  }
  if (diagnostics.length > 0) return done(undefined);

  let aliases = 0;
  let values = 0;
  const convert = (node: YamlNode | null | undefined, depth: number): Value => {
    if (node === null || node === undefined) return { kind: "null" };
    const at = node.range?.[0] ?? 0;
    if (depth > MAX_DEPTH) throw new LoadLimitError(`nesting deeper than ${MAX_DEPTH} levels`, at);
    if (++values > MAX_VALUES)
      throw new LoadLimitError(`more than ${MAX_VALUES} values (expanded aliases included)`, at);
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
      value = {
        kind: "list",
        items: node.items.map((item) => convert(item as YamlNode, depth + 1)),
        range: range(start, valueEnd),
      };
    } else {
      value = { kind: "null", range: range(start, valueEnd) };
    }
    const tag = node.tag;
    if (tag === undefined || !tag.startsWith("!") || tag.startsWith("!!")) return value;
    const longForm = SHORT_FORM_TAGS[tag];
    const tagStart = parsedText.lastIndexOf(tag, start);
    const tagRange = range(tagStart, tagStart + tag.length);
    const whole = range(tagStart, valueEnd);
    if (longForm === undefined) {
      // A macro's or a tool's own tag (`!Rain::Embed`): its value is whatever that tool makes of it.
      const message = `The tag ${tag} is not a CloudFormation function (a macro's or a tool's own tag, resolved before CloudFormation reads the template); the value it tags is unknown.`;
      notes.push({ message, range: tagRange });
      return unknown("UNSUPPORTED", message, { range: whole });
    }
    if (longForm === "Fn::GetAtt" && value.kind === "string") {
      // `!GetAtt Resource.Attribute`: the attribute may itself contain dots.
      const dot = value.value.indexOf(".");
      const parts = dot < 0 ? [value.value] : [value.value.slice(0, dot), value.value.slice(dot + 1)];
      value = {
        kind: "list",
        items: parts.map((part) => ({ kind: "string", value: part, range: value.range })),
        range: value.range,
      };
    }
    return { kind: "object", entries: [{ key: longForm, keyRange: tagRange, value }], range: whole };
  };

  try {
    return done(doc.contents === null ? undefined : convert(doc.contents as YamlNode, 0));
  } catch (error) {
    if (!(error instanceof LoadLimitError)) throw error;
    diagnostics.push({
      severity: "error",
      summary: error.message,
      range: range(error.start, error.end ?? error.start),
    });
    return done(undefined);
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

/**
 * The offset of the first node nested deeper than `max` levels, by a linear
 * scan that over-approximates YAML's nesting: flow collections (`[`, `{` where
 * a node starts, outside quoted scalars and comments) plus, for block
 * collections, the line's indentation and its compact `- ` / `? ` entries.
 * Undefined when the text stays within `max`.
 */
export function firstTooDeep(text: string, max: number): number | undefined {
  let flow = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: indentation and compact block entries (`- - - x`).
    let indent = 0;
    while (i < n && text[i] === " ") {
      indent++;
      i++;
    }
    let block = indent;
    while (i + 1 < n && (text[i] === "-" || text[i] === "?") && (text[i + 1] === " " || text[i + 1] === "\t")) {
      if (++block + flow > max) return i;
      i += 2;
      while (i < n && text[i] === " ") i++;
    }
    if (block + flow > max) return i < n ? i : n;
    // The rest of the line.
    let previous = flow > 0 || block > 0 ? "-" : "\n"; // where a node may start
    while (i < n && text[i] !== "\n") {
      const c = text[i]!;
      if (c === "#" && (previous === " " || previous === "\t" || previous === "\n")) {
        while (i < n && text[i] !== "\n") i++;
        break;
      }
      const nodeStart =
        previous === "\n" ||
        previous === "-" ||
        previous === "[" ||
        previous === "{" ||
        previous === "," ||
        previous === ":" ||
        previous === "?" ||
        previous === "tag";
      if ((c === '"' || c === "'") && nodeStart) {
        // A quoted scalar (it may span lines).
        i++;
        while (i < n && text[i] !== c)
          i += text[i] === "\\" && c === '"' ? 2 : text[i] === "'" && text[i + 1] === "'" ? 2 : 1;
        i++;
        previous = "x";
        continue;
      }
      if ((c === "[" || c === "{") && nodeStart) {
        if (++flow + block > max) return i;
        previous = c;
      } else if ((c === "]" || c === "}") && flow > 0) {
        flow--;
        previous = "x";
      } else if (c === " " || c === "\t" || c === "\r") {
        // Whitespace keeps a node start open: `key: [` and `- [`.
        if (
          previous !== "\n" &&
          previous !== "-" &&
          previous !== "[" &&
          previous !== "{" &&
          previous !== "," &&
          previous !== ":" &&
          previous !== "?" &&
          previous !== "tag"
        )
          previous = " ";
      } else if ((c === "!" || c === "&") && nodeStart) {
        // A tag or anchor: the node starts after it.
        while (i < n && text[i] !== " " && text[i] !== "\n" && text[i] !== "[" && text[i] !== "{") i++;
        previous = "tag";
        continue;
      } else if (c === ":" || c === "," || c === "-" || c === "?") {
        // An indicator only where YAML reads one: `:`/`-`/`?` before a space (or `:`/`,` inside a flow collection); else plain text.
        const next = text[i + 1];
        const beforeSpace = next === undefined || next === " " || next === "\t" || next === "\n" || next === "\r";
        previous = beforeSpace || (flow > 0 && (c === ":" || c === ",")) ? c : "x";
      } else previous = "x";
      i++;
    }
    i++;
  }
  return undefined;
}
