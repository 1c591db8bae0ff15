/**
 * Encodings: JSON and YAML (as Terraform's encoders print them), base64 and
 * URL encoding.
 */
import { parseAllDocuments } from "yaml";
import { JSON_SIMPLE_ESCAPES } from "../../core/escaped-text.js";
import { duplicateKeys } from "../../core/yaml-keys.js";
import { firstTooDeep } from "../../cloudformation/yaml.js";
import { bool, list, nul, num, obj, str, type ObjectEntry, type UnknownValue, type Value } from "../../core/value.js";
import {
  asString,
  checkStringLength,
  collectUnknowns,
  compareStrings,
  defineFunction,
  fail,
  formatNumber,
  MAX_STRING_LENGTH,
  limitHit,
  stringResult,
  unknownFrom,
} from "./args.js";
import type { FunctionContext, TerraformFunction } from "./types.js";

/** Deepest nesting `jsondecode`/`yamldecode` convert (counted, so hostile input cannot exhaust the stack). */
export const MAX_DECODE_DEPTH = 200;

// ---------------------------------------------------------------------------
// JSON

/**
 * A string as Go's `encoding/json` writes it: HTML-safe (`<`, `>`, `&` as
 * `\u003c`, `\u003e`, `\u0026`), U+2028/U+2029 escaped, invalid UTF-16 as U+FFFD.
 */
export function jsonQuote(text: string): string {
  return `"${jsonEscape(text)}"`;
}

function jsonEscape(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text[i]!;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += char + text[i + 1]!;
        i++;
      } else out += "\ufffd";
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      out += "\ufffd";
      continue;
    }
    switch (char) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      default:
        break;
    }
    if (code < 0x20 || char === "<" || char === ">" || char === "&" || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    } else out += char;
  }
  return out;
}

/** The pieces of an encoding: text, or an Unknown standing for the text it would produce. */
type Piece = string | UnknownValue;

/** Encodes a value as `jsonencode` does: object keys sorted, numbers without exponent. */
function jsonPieces(value: Value, out: Piece[], budget: { left: number }): void {
  const push = (text: string): void => {
    budget.left -= text.length;
    if (budget.left < 0) limitHit(`result would be longer than ${MAX_STRING_LENGTH} characters`);
    out.push(text);
  };
  switch (value.kind) {
    case "string":
      push(jsonQuote(value.value));
      return;
    case "number":
      if (!Number.isFinite(value.value)) fail("cannot serialize infinity or NaN as JSON");
      push(formatNumber(value.value));
      return;
    case "bool":
      push(value.value ? "true" : "false");
      return;
    case "null":
      push("null");
      return;
    case "unknown":
      out.push(value);
      return;
    case "list":
      push("[");
      value.items.forEach((item, index) => {
        if (index > 0) push(",");
        jsonPieces(item, out, budget);
      });
      push("]");
      return;
    case "object":
      push("{");
      sortEntries(value.entries).forEach((entry, index) => {
        push(`${index > 0 ? "," : ""}${jsonQuote(entry.key)}:`);
        jsonPieces(entry.value, out, budget);
      });
      push("}");
      return;
  }
}

function sortEntries(entries: readonly ObjectEntry[]): ObjectEntry[] {
  return [...entries].sort((a, b) => compareStrings(a.key, b.key));
}

/** The JSON text of a wholly known value (used by `format`'s `%v`/`%#v`). */
export function jsonEncode(value: Value): string {
  const pieces: Piece[] = [];
  jsonPieces(value, pieces, { left: MAX_STRING_LENGTH });
  return pieces.map((p) => (typeof p === "string" ? p : "")).join("");
}

/**
 * Joins encoded pieces into a string, or an Unknown that keeps the known text
 * before the first and after the last Unknown (an Unknown string's own known
 * beginning and end are quoted into them).
 */
function piecesResult(pieces: Piece[], context: FunctionContext, quote: (t: string) => string): Value {
  const unknowns = pieces.filter((p): p is UnknownValue => typeof p !== "string");
  if (unknowns.length === 0) return stringResult(pieces.join(""), context);
  const firstIndex = pieces.findIndex((p) => typeof p !== "string");
  let lastIndex = pieces.length - 1;
  while (typeof pieces[lastIndex] === "string") lastIndex--;
  const first = unknowns[0]!;
  const last = unknowns[unknowns.length - 1]!;
  // Only an Unknown *string* has a known beginning/end; it is encoded as a quoted string.
  const prefix = (pieces.slice(0, firstIndex) as string[]).join("") + (first.prefix ? `"${quote(first.prefix)}` : "");
  const suffix = (last.suffix ? `${quote(last.suffix)}"` : "") + (pieces.slice(lastIndex + 1) as string[]).join("");
  return unknownFrom(unknowns, context, { prefix, suffix });
}

/** JSON text to a value; numbers become JavaScript numbers (beyond 2^53 they lose precision). */
export function jsonDecode(text: string, context: FunctionContext): Value {
  return fromPlain(parseJson(text), context, 0);
}

/**
 * A strict JSON parser (RFC 8259, as Go's decoder reads it) that, unlike
 * `JSON.parse`, rejects duplicate object keys as Terraform does and bounds
 * nesting. Objects come back as `Map`s, so no key is special.
 */
export function parseJson(text: string): unknown {
  let at = 0;
  const error = (what: string): never => fail(`invalid JSON at offset ${at}: ${what}`);
  const skipSpace = (): void => {
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      at++;
    }
  };
  const parseString = (): string => {
    at++; // opening quote
    let out = "";
    let start = at;
    for (;;) {
      if (at >= text.length) error("unterminated string");
      const c = text.charCodeAt(at);
      if (c === 0x22) {
        out += text.slice(start, at);
        at++;
        return out.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
      }
      if (c < 0x20) error("control character in string");
      if (c !== 0x5c) {
        at++;
        continue;
      }
      out += text.slice(start, at);
      const escaped = text[at + 1];
      if (escaped !== undefined && JSON_SIMPLE_ESCAPES[escaped] !== undefined) {
        out += JSON_SIMPLE_ESCAPES[escaped];
        at += 2;
      } else if (escaped === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
        out += String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16));
        at += 6;
      } else error("invalid escape in string");
      start = at;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const parseValue = (depth: number): unknown => {
    if (depth > MAX_DECODE_DEPTH) limitHit(`nesting deeper than ${MAX_DECODE_DEPTH} levels`);
    skipSpace();
    const c = text[at];
    if (c === "{") {
      at++;
      const map = new Map<string, unknown>();
      skipSpace();
      if (text[at] === "}") {
        at++;
        return map;
      }
      for (;;) {
        skipSpace();
        if (text[at] !== '"') error("expected a string key");
        const key = parseString();
        if (map.has(key)) fail(`invalid JSON: duplicate ${JSON.stringify(key)} property in JSON object`);
        skipSpace();
        if (text[at] !== ":") error("expected ':'");
        at++;
        map.set(key, parseValue(depth + 1));
        skipSpace();
        if (text[at] === ",") {
          at++;
          continue;
        }
        if (text[at] === "}") {
          at++;
          return map;
        }
        error("expected ',' or '}'");
      }
    }
    if (c === "[") {
      at++;
      const items: unknown[] = [];
      skipSpace();
      if (text[at] === "]") {
        at++;
        return items;
      }
      for (;;) {
        items.push(parseValue(depth + 1));
        skipSpace();
        if (text[at] === ",") {
          at++;
          continue;
        }
        if (text[at] === "]") {
          at++;
          return items;
        }
        error("expected ',' or ']'");
      }
    }
    if (c === '"') return parseString();
    for (const [literal, value] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(literal, at)) {
        at += literal.length;
        return value;
      }
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number) {
      at += number[0].length;
      const value = Number(number[0]);
      if (!Number.isFinite(value)) error("number out of range");
      return value;
    }
    return error(c === undefined ? "unexpected end of input" : `unexpected character ${JSON.stringify(c)}`);
  };
  const value = parseValue(0);
  skipSpace();
  if (at < text.length) error("unexpected text after the value");
  return value;
}

/** A plain JavaScript value (from a decoder) to a value; objects sorted by key. */
export function fromPlain(plain: unknown, context: FunctionContext, depth: number): Value {
  if (depth > MAX_DECODE_DEPTH) limitHit(`nesting deeper than ${MAX_DECODE_DEPTH} levels`);
  const range = context.range;
  if (plain === null || plain === undefined) return nul(range);
  if (typeof plain === "string") return str(plain, range);
  if (typeof plain === "number") {
    if (!Number.isFinite(plain)) fail("numbers must be finite");
    return num(plain, range);
  }
  if (typeof plain === "bigint") return num(Number(plain), range);
  if (typeof plain === "boolean") return bool(plain, range);
  // go-cty-yaml turns timestamps into RFC 3339 strings without fractional seconds.
  if (plain instanceof Date) {
    if (Number.isNaN(plain.getTime())) fail("invalid timestamp");
    return str(plain.toISOString().replace(/\.\d+Z$/, "Z"), range);
  }
  // `!!binary` stays base64 text, as go-cty-yaml keeps it.
  if (plain instanceof Uint8Array) return str(Buffer.from(plain).toString("base64"), range);
  if (Array.isArray(plain))
    return list(
      plain.map((item) => fromPlain(item, context, depth + 1)),
      range,
    );
  if (plain instanceof Map) {
    const entries = [...plain.entries()].map(([key, value]) => ({
      key: String(key),
      value: fromPlain(value, context, depth + 1),
    }));
    return obj(sortEntries(entries), range);
  }
  if (typeof plain === "object") {
    const entries = Object.entries(plain as Record<string, unknown>).map(([key, value]) => ({
      key,
      value: fromPlain(value, context, depth + 1),
    }));
    return obj(sortEntries(entries), range);
  }
  return fail(`cannot convert a ${typeof plain}`);
}

// ---------------------------------------------------------------------------
// YAML

/**
 * YAML as Terraform's `yamlencode` prints it (go-cty-yaml, a go-yaml v2
 * emitter): block style, keys sorted and double-quoted, strings double-quoted,
 * multi-line strings as literal blocks (`|`, `|-`, `|+`), empty collections as
 * `[]`/`{}`, a final newline. Deviation: go-yaml folds long double-quoted
 * strings at 80 columns; this does not.
 */
function yamlPieces(value: Value, out: Piece[]): void {
  const budget = { left: MAX_STRING_LENGTH };
  // The emitter's state that affects the text: the current column (for
  // folding long strings) and whether the document is "open ended" (a plain
  // scalar at the root, or a `|+` block), which go-yaml closes with `...`.
  const state = { column: 0, openEnded: false };
  const push = (text: string): void => {
    budget.left -= text.length;
    if (budget.left < 0) limitHit(`result would be longer than ${MAX_STRING_LENGTH} characters`);
    out.push(text);
    const newline = text.lastIndexOf("\n");
    state.column = newline >= 0 ? Array.from(text.slice(newline + 1)).length : state.column + Array.from(text).length;
  };
  /**
   * Writes `node`, whose first line continues the current one (after `"key":`
   * or `- `) or starts the document. `indent` is the column of the collection
   * holding it: nested entries go two further, except a sequence that is a
   * mapping value (go-yaml writes those "indentless").
   */
  const emit = (node: Value, indent: number, position: "root" | "mapValue" | "seqItem"): void => {
    if (node.kind === "list" && node.items.length > 0) {
      const itemIndent = position === "seqItem" ? indent + 2 : indent;
      if (position === "mapValue") push("\n");
      node.items.forEach((item, index) => {
        push(`${index > 0 || position === "mapValue" ? " ".repeat(itemIndent) : ""}- `);
        emit(item, itemIndent, "seqItem");
      });
      return;
    }
    if (node.kind === "object" && node.entries.length > 0) {
      const entryIndent = position === "root" ? 0 : indent + 2;
      if (position === "mapValue") push("\n");
      sortEntries(node.entries).forEach((entry, index) => {
        push(
          `${index > 0 || position === "mapValue" ? " ".repeat(entryIndent) : ""}${yamlQuote(entry.key, false, 0, 0)}:`,
        );
        emit(entry.value, entryIndent, "mapValue");
      });
      return;
    }
    if (position === "mapValue") push(" ");
    // A scalar's continuation lines are indented two past its collection (two at the root).
    const scalarIndent = position === "root" ? 2 : indent + 2;
    switch (node.kind) {
      case "string": {
        const block = yamlLiteral(node.value, scalarIndent);
        if (block !== undefined) {
          if (block.keep) state.openEnded = true;
          push(block.text);
        } else push(`${yamlQuote(node.value, true, scalarIndent, state.column)}\n`);
        return;
      }
      case "unknown":
        out.push(node);
        push("\n");
        return;
      case "list":
        push("[]\n");
        return;
      case "object":
        push("{}\n");
        return;
      default:
        if (position === "root") state.openEnded = true;
        push(
          `${node.kind === "null" ? "null" : node.kind === "bool" ? String(node.value) : formatNumber(node.value)}\n`,
        );
    }
  };
  emit(value, 0, "root");
  if (state.openEnded) push("...\n");
}

/** Characters go-yaml's emitter considers printable (tab is not). */
function isYamlPrintable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    code === 0x85 ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    code >= 0x10000
  );
}

/**
 * A multi-line string as a literal block (go-cty-yaml's choice), unless go-yaml
 * would refuse the block style (non-printable characters, a space before a
 * line break, a trailing space) and fall back to double quotes.
 */
function yamlLiteral(text: string, indent: number): { text: string; keep: boolean } | undefined {
  if (!text.includes("\n")) return undefined;
  const special = Array.from(text).some((c) => !isYamlPrintable(c.codePointAt(0)!));
  if (special || / \n/.test(text) || text.endsWith(" ")) return undefined;
  const indicator = text.startsWith(" ") || text.startsWith("\n") ? "2" : "";
  const keep = text.endsWith("\n") && (text.length === 1 || text.endsWith("\n\n"));
  const chomp = !text.endsWith("\n") ? "-" : keep ? "+" : "";
  const pad = " ".repeat(indent);
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  const lines = body.split("\n").map((line) => (line === "" ? "" : pad + line));
  return { text: `|${indicator}${chomp}\n${lines.join("\n")}\n`, keep };
}

/** go-yaml's default preferred line width: double-quoted values fold at a space past it. */
const YAML_BEST_WIDTH = 80;

const YAML_NAMED_ESCAPES: Record<number, string> = {
  0: "0",
  7: "a",
  8: "b",
  9: "t",
  10: "n",
  11: "v",
  12: "f",
  13: "r",
  27: "e",
  34: '"',
  92: "\\",
  133: "N",
  8232: "L",
  8233: "P",
};

/**
 * A double-quoted YAML scalar as go-yaml writes it: its escapes, and (for
 * values, not keys) a line fold at the first space once the column passes
 * 80, continuing at `indent` (a `\\` keeps a following space significant).
 */
function yamlQuote(text: string, allowBreaks: boolean, indent: number, startColumn: number): string {
  let out = '"';
  let column = startColumn + 1;
  let spaces = false;
  const chars = Array.from(text);
  chars.forEach((char, index) => {
    const code = char.codePointAt(0)!;
    const isBreak = code === 0x0a || code === 0x0d || code === 0x85 || code === 0x2028 || code === 0x2029;
    if (!isYamlPrintable(code) || isBreak || code === 0x22 || code === 0x5c) {
      const named = YAML_NAMED_ESCAPES[code];
      const escaped =
        named !== undefined
          ? `\\${named}`
          : code <= 0xff
            ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
            : code <= 0xffff
              ? `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`
              : `\\U${code.toString(16).toUpperCase().padStart(8, "0")}`;
      out += escaped;
      column += escaped.length;
      spaces = false;
    } else if (char === " ") {
      if (allowBreaks && !spaces && column > YAML_BEST_WIDTH && index > 0 && index < chars.length - 1) {
        out += `\n${" ".repeat(indent)}`;
        column = indent;
        if (chars[index + 1] === " ") {
          out += "\\";
          column++;
        }
      } else {
        out += " ";
        column++;
      }
      spaces = true;
    } else {
      out += char;
      column++;
      spaces = false;
    }
  });
  return `${out}"`;
}

function yamlDecode(text: string, context: FunctionContext): Value {
  // go-cty-yaml resolves scalars the YAML 1.1 way (`yes`/`on`/`y` are bools,
  // `0x1F`, `0b101`, `1_000` numbers, timestamps strings).
  // The yaml package composes recursively: nesting it cannot follow is a limit, checked before it parses.
  if (firstTooDeep(text, MAX_DECODE_DEPTH) !== undefined) limitHit(`nesting deeper than ${MAX_DECODE_DEPTH} levels`);
  const documents = parseAllDocuments(text, { schema: "yaml-1.1", uniqueKeys: false });
  if (!Array.isArray(documents)) return fail("invalid YAML");
  if (documents.length === 0) return nul(context.range);
  if (documents.length > 1) fail("input contains more than one YAML document");
  const document = documents[0]!;
  const error = document.errors[0];
  if (error) fail(`invalid YAML: ${error.message.split("\n")[0] ?? ""}`);
  if (duplicateKeys(document).duplicates.length > 0) fail("invalid YAML: Map keys must be unique");
  let plain: unknown;
  try {
    // `maxAliasCount` bounds alias expansion ("billion laughs").
    plain = document.toJS({ maxAliasCount: 100, mapAsMap: true });
  } catch (caught) {
    return fail(`invalid YAML: ${caught instanceof Error ? caught.message : String(caught)}`);
  }
  return fromPlain(plain, context, 0);
}

// ---------------------------------------------------------------------------
// base64 and URL encoding

const BASE64_SYNTAX = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function base64Encode(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

function base64Decode(text: string): string {
  // Go's StdEncoding skips CR and LF; everything else must be canonical padded base64.
  const cleaned = text.replace(/[\r\n]/g, "");
  if (!BASE64_SYNTAX.test(cleaned)) fail("failed to decode base64 data: invalid base64");
  const bytes = Buffer.from(cleaned, "base64");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("the result of decoding the provided string is not valid UTF-8");
  }
}

/** Go's `url.QueryEscape`. */
function urlEncode(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(char)) out += char;
    else if (char === " ") out += "+";
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Records on an encoded string the value it encodes, so findings inside it can point at their source. */
/** Keeps the encoded value beside the text, known or not: a policy that names a computed ARN stays readable. */
function withEncoded(result: Value, encoded: Value): Value {
  return result.kind === "string" || (result.kind === "unknown" && encoded.kind !== "unknown")
    ? { ...result, encodes: encoded }
    : result;
}

export const ENCODING_FUNCTIONS: Record<string, TerraformFunction> = {
  jsonencode: defineFunction("jsonencode", {
    min: 1,
    max: 1,
    acceptsUnknown: true,
    call([value], context) {
      const pieces: Piece[] = [];
      jsonPieces(value!, pieces, { left: MAX_STRING_LENGTH });
      return withEncoded(piecesResult(pieces, context, jsonEscape), value!);
    },
  }),
  jsondecode: defineFunction("jsondecode", {
    min: 1,
    max: 1,
    call: ([text], context) => jsonDecode(asString(text!, "string"), context),
  }),
  yamlencode: defineFunction("yamlencode", {
    min: 1,
    max: 1,
    acceptsUnknown: true,
    call([value], context) {
      if (value!.kind === "unknown") return unknownFrom([value!], context);
      const pieces: Piece[] = [];
      yamlPieces(value!, pieces);
      const unknowns = pieces.filter((p): p is UnknownValue => typeof p !== "string");
      if (unknowns.length === 0) return withEncoded(stringResult(pieces.join(""), context), value!);
      // Keep only the text before the first Unknown: its own rendering (quoted or block) is not known.
      const firstIndex = pieces.findIndex((p) => typeof p !== "string");
      return unknownFrom(collectUnknowns(value!), context, {
        prefix: (pieces.slice(0, firstIndex) as string[]).join(""),
      });
    },
  }),
  yamldecode: defineFunction("yamldecode", {
    min: 1,
    max: 1,
    call: ([text], context) => yamlDecode(asString(text!, "string"), context),
  }),
  base64encode: defineFunction("base64encode", {
    min: 1,
    max: 1,
    call([text], context) {
      const input = asString(text!, "string");
      checkStringLength(input.length * 4, "result");
      return stringResult(base64Encode(input), context);
    },
  }),
  base64decode: defineFunction("base64decode", {
    min: 1,
    max: 1,
    call: ([text], context) => stringResult(base64Decode(asString(text!, "string")), context),
  }),
  urlencode: defineFunction("urlencode", {
    min: 1,
    max: 1,
    call: ([text], context) => stringResult(urlEncode(asString(text!, "string")), context),
  }),
};
