/**
 * Turning the attribute that holds a workflow definition into a definition
 * Value with the best ranges available.
 *
 * - An object (Terraform `jsonencode` argument, CloudFormation `Definition`,
 *   a SAM `DefinitionUri` file loaded by the CloudFormation stage) is used as
 *   it is, with `DefinitionSubstitutions` applied inside its strings.
 * - A string made by encoding a value (`jsonencode`, `Fn::ToJsonString`)
 *   carries that value in `encodes`, with its own ranges: it is used instead
 *   of re-parsing the text.
 * - A string built from parts (`StringValue.parts`, also on an Unknown string:
 *   CloudFormation `Fn::Sub` / `Fn::Join`, a Terraform heredoc, quoted
 *   template, `templatefile()` or `file()` result, `data "template_file"`,
 *   a cdktf `.tf.json` string with `${…}`) is JSON text with holes: parsed
 *   around its inserted values (`json-holes.ts`), so one computed part
 *   (`${Model.ModelName}`, a Lambda ARN, `AWS::Partition`) leaves the rest
 *   known. A hole in value position is that value; inside a string it makes
 *   a partly known string; a string that is one hole is the hole, so a
 *   reference stays a reference.
 * - Any other string (`DefinitionString`, `PipelineDefinitionBody`, a
 *   schedule's `Input`) is parsed the same way, after `${Name}` substitutions
 *   (`DefinitionSubstitutions`) are applied — also in number positions, as
 *   Step Functions does, so `"InstanceCount": ${Count}` parses.
 * - An Unknown without parts (an S3 location is `EXTERNAL_FILE`) cannot be
 *   read: the caller turns the result into a note.
 *
 * Ranges of parsed text. Each part is placed through the string it is a
 * slice of. When that string is written verbatim in its file the parsed parts
 * get their exact ranges there: the string must be found in the file's text
 * inside its range (a heredoc, a template file), or line by line with only
 * leading indentation removed (an indented heredoc `<<-`, a YAML block scalar
 * `|`), or character by character through its escapes (a JSON string in a
 * CDK template or a `.tf.json` file, a YAML quoted scalar: `core/escaped-text.ts`).
 * Without the file's text (no `readSource`), a string whose range is exactly
 * as long as the string is taken as verbatim (a result that spans a whole
 * read file). A Terraform `file("path")` result carries the call's range:
 * when the file it names (resolved against the calling file's folder,
 * `path.module`) has exactly the string's text, the parts are placed in that
 * file. Otherwise (a folded YAML scalar) every parsed part gets the string's
 * own range: coarse, but never a wrong place. An inserted
 * value maps back to its placeholder's span (`${Name}`) or its own range.
 */
import { posix } from "node:path";
import { lineStarts, positionAt, type Position, type SourceRange } from "../core/range.js";
import {
  unknown,
  type ResourceRef,
  type TextPart,
  type StringValue,
  type UnknownValue,
  type Value,
} from "../core/value.js";
import { escapedOffsets } from "../core/escaped-text.js";
import { HOLE_CLOSE, HOLE_OPEN, parseJsonWithHoles } from "./json-holes.js";

export interface DefinitionOptions {
  /** `DefinitionSubstitutions`: an object of name → value; `${Name}` in the definition is replaced by the value. */
  substitutions?: Value;
  /** The text of a scanned file by its root-relative path, to place parsed parts exactly. */
  readSource?: (file: string) => string | undefined;
  /** What the definition is, for notes: "state machine definition", "pipeline definition", "schedule input". */
  what?: string;
}

export type DefinitionResult =
  /** `steps`: characters the JSON parser examined, when text was parsed (linear in the text's length). */
  | { ok: true; value: Value; steps?: number }
  /** The definition cannot be read: S3-located (`EXTERNAL_FILE`), unknown, or not parseable. */
  | { ok: false; value: UnknownValue; message: string };

/** Strings longer than this are not parsed (a counted limit, DESIGN.md "Limits"). */
export const MAX_DEFINITION_LENGTH = 10_000_000;

export function definitionValue(value: Value | DefinitionText, options: DefinitionOptions = {}): DefinitionResult {
  const what = options.what ?? "definition";
  switch (value.kind) {
    case "text":
      return definitionText(value, options);
    case "object":
    case "list":
      return { ok: true, value: substituteInValue(value, options.substitutions) };
    case "string":
      if (value.encodes) return definitionValue(value.encodes, options);
      if (value.parts) return definitionText({ kind: "text", pieces: value.parts, range: value.range }, options);
      return parseDefinitionString(value, options);
    case "unknown": {
      // `jsonencode` of a value with Unknown parts is an Unknown string; if the evaluator
      // records what it encodes there too, the structure is still readable.
      const encoded = encodedOf(value);
      if (encoded) return definitionValue(encoded, options);
      // Text with holes (`Fn::Join`, `Fn::Sub`, a template with a computed part): parsed around them.
      if (value.parts) return definitionText({ kind: "text", pieces: value.parts, range: value.range }, options);
      const message =
        value.reason === "EXTERNAL_FILE"
          ? `The ${what} is not in the scan (${value.detail.replace(/\.$/, "")}); its transform jobs and models are not checked.`
          : `The ${what} cannot be determined statically (${value.detail.replace(/\.$/, "")}); its transform jobs and models are not checked.`;
      return { ok: false, value, message };
    }
    default: {
      const message = `The ${what} is a ${value.kind}, not an object or a JSON string.`;
      return { ok: false, value: unknown("UNSUPPORTED", message, { range: value.range }), message };
    }
  }
}

/** The value an Unknown string encodes, when the evaluator recorded one (as it does on a known `StringValue`). */
function encodedOf(value: UnknownValue): Value | undefined {
  const encodes = (value as UnknownValue & { encodes?: unknown }).encodes;
  return typeof encodes === "object" && encodes !== null && "kind" in encodes ? (encodes as Value) : undefined;
}

// ---------------------------------------------------------------------------
// Substitutions inside an already structured definition

const PLACEHOLDER = /\$\{([^}]+)\}/g;

/** Replaces `${Name}` in every string; a string that is one whole placeholder becomes the substituted value itself. */
export function substituteInValue(value: Value, substitutions: Value | undefined): Value {
  if (substitutions === undefined) return value;
  const lookup = substitutionLookup(substitutions);
  const walk = (v: Value): Value => {
    switch (v.kind) {
      case "list":
        return { ...v, items: v.items.map(walk) };
      case "object":
        return { ...v, entries: v.entries.map((e) => ({ ...e, value: walk(e.value) })) };
      case "string": {
        if (!v.value.includes("${")) return v;
        const pieces: Piece[] = [];
        let last = 0;
        for (const match of v.value.matchAll(PLACEHOLDER)) {
          const replacement = lookup(match[1]!.trim(), v.range);
          if (replacement === undefined) continue;
          pieces.push(v.value.slice(last, match.index), replacement);
          last = match.index + match[0].length;
        }
        if (pieces.length === 0) return v;
        pieces.push(v.value.slice(last));
        return joinPieces(pieces, v.range);
      }
      default:
        return v;
    }
  };
  return walk(value);
}

/**
 * The value a `${Name}` stands for: the substitution's value, a DYNAMIC
 * Unknown when the substitutions themselves are unknown, or undefined (the
 * text stays as written) when the name is not among known substitutions.
 */
function substitutionLookup(substitutions: Value): (name: string, range: SourceRange | undefined) => Value | undefined {
  if (substitutions.kind === "object") {
    const byName = new Map(substitutions.entries.map((e) => [e.key, e.value]));
    return (name) => byName.get(name);
  }
  if (substitutions.kind === "unknown") {
    return (name, range) =>
      unknown("DYNAMIC", `The definition substitution \${${name}} cannot be determined statically.`, {
        range,
        refs: substitutions.refs,
      });
  }
  return () => undefined;
}

type Piece = string | Value;

/** One value out of literal text and values: a string when all are known scalars, else an Unknown keeping the known ends. */
function joinPieces(pieces: readonly Piece[], range: SourceRange | undefined): Value {
  const parts = pieces.filter((p) => p !== "");
  if (parts.length === 1 && typeof parts[0] !== "string") return { ...parts[0]!, range };
  let text = "";
  let firstUnknown: UnknownValue | undefined;
  let prefix = "";
  let suffix = "";
  const refs: ResourceRef[] = [];
  for (const part of parts) {
    if (typeof part === "string" || part.kind === "string" || part.kind === "number" || part.kind === "bool") {
      const partText = typeof part === "string" ? part : String(part.value);
      if (firstUnknown) suffix += partText;
      else text += partText;
      continue;
    }
    const missing =
      part.kind === "unknown" ? part : unknown("UNSUPPORTED", `A ${part.kind} cannot be placed inside a string.`);
    for (const ref of missing.refs)
      if (!refs.some((r) => r.resource === ref.resource && r.attribute === ref.attribute)) refs.push(ref);
    if (!firstUnknown) {
      firstUnknown = missing;
      prefix = text + (missing.prefix ?? "");
    }
    suffix = missing.suffix ?? "";
  }
  if (!firstUnknown) return { kind: "string", value: text, range };
  return unknown(firstUnknown.reason, firstUnknown.detail, { refs, range, prefix, suffix });
}

// ---------------------------------------------------------------------------
// Parsing definition text

/**
 * Definition text made of pieces: slices of strings written in the source
 * (placed through each string's locator) and values inserted between them
 * (`DefinitionSubstitutions`, `Fn::Sub` variables, `Fn::Join` items,
 * Terraform interpolations). `definitionText` parses it. A string value that
 * was built from parts (`StringValue.parts`) is such text.
 */
export interface DefinitionText {
  kind: "text";
  pieces: TextPiece[];
  /** The whole definition's range: where every part is placed when no piece can be located. */
  range?: SourceRange;
}

export type TextPiece = TextPart;

/** A span of the text that was parsed and the piece it came from. */
interface Segment {
  outStart: number;
  outEnd: number;
  piece: TextPiece;
}

/** Parts nested in parts (a `Fn::Sub` inside a `Fn::Join`) followed this deep (a counted limit). */
const MAX_PART_NESTING = 20;

function parseDefinitionString(value: StringValue, options: DefinitionOptions): DefinitionResult {
  const pieces: TextPiece[] = [];
  let last = 0;
  if (options.substitutions !== undefined && value.value.includes("${")) {
    const lookup = substitutionLookup(options.substitutions);
    for (const match of value.value.matchAll(PLACEHOLDER)) {
      const replacement = lookup(match[1]!.trim(), value.range);
      if (replacement === undefined) continue;
      const end = match.index + match[0].length;
      if (match.index > last) pieces.push({ source: value, start: last, end: match.index });
      pieces.push({ value: replacement, at: { source: value, start: match.index, end } });
      last = end;
    }
  }
  if (last < value.value.length || pieces.length === 0)
    pieces.push({ source: value, start: last, end: value.value.length });
  return definitionText({ kind: "text", pieces, range: value.range }, { ...options, substitutions: undefined });
}

/** Pieces with the parts of inserted values that were themselves built from parts spread in place. */
function flattenPieces(pieces: readonly TextPiece[], depth = 0): TextPiece[] {
  const out: TextPiece[] = [];
  for (const piece of pieces) {
    const parts = "value" in piece ? partsOf(piece.value) : undefined;
    if (parts && depth < MAX_PART_NESTING) out.push(...flattenPieces(parts, depth + 1));
    else out.push(piece);
  }
  return out;
}

/** The parts of a string (known or Unknown) built from text and values. */
export function partsOf(value: Value): TextPart[] | undefined {
  return (value.kind === "string" || value.kind === "unknown") && value.parts && value.parts.length > 0
    ? value.parts
    : undefined;
}

/**
 * Parses definition text as JSON with holes (`json-holes.ts`). Values
 * inserted between pieces: a known number or boolean, or a known string that
 * is not a reference, becomes text (so `${Count}` may stand in a number
 * position); anything else is a hole — in value position that value, inside
 * a string a part of it. `DefinitionSubstitutions` in `options` apply to the
 * source slices first.
 */
export function definitionText(definition: DefinitionText, options: DefinitionOptions = {}): DefinitionResult {
  const what = options.what ?? "definition";
  const range = definition.range;
  const substituted =
    options.substitutions === undefined
      ? definition.pieces
      : definition.pieces.flatMap((p) => substitutePiece(p, options.substitutions!));
  const pieces = flattenPieces(substituted);
  const segments: Segment[] = [];
  const holes: Value[] = [];
  const scanner = new JsonStringScanner();
  let text = "";
  for (const piece of pieces) {
    let chunk: string;
    if ("source" in piece) chunk = piece.source.value.slice(piece.start, piece.end);
    else if (isText(piece.value, scanner.inString)) chunk = String((piece.value as { value: unknown }).value);
    else {
      holes.push(piece.value);
      chunk = `${HOLE_OPEN}${holes.length - 1}${HOLE_CLOSE}`;
    }
    if (text.length + chunk.length > MAX_DEFINITION_LENGTH) {
      const message = `The ${what} is longer than ${MAX_DEFINITION_LENGTH} characters and was not read.`;
      return { ok: false, value: unknown("LIMIT", message, { range }), message };
    }
    segments.push({ outStart: text.length, outEnd: text.length + chunk.length, piece });
    scanner.feed(chunk);
    text += chunk;
  }

  const placer = new Placer(segments, range, options.readSource);
  const parsed = parseJsonWithHoles(text, holes, (start, end) => placer.range(start, end), joinPieces);
  if (!parsed.ok) {
    const where = placer.range(parsed.start, parsed.end) ?? range;
    const message = `The ${what} does not parse as JSON: ${parsed.message}.`;
    return { ok: false, value: unknown("UNSUPPORTED", message, { range: where }), message };
  }
  return { ok: true, value: parsed.value, steps: parsed.steps };
}

/**
 * Whether an inserted value goes in as its text: numbers and booleans, and
 * strings — except, inside a JSON string, one read from another resource's
 * attribute (it stays a reference) or one encoding a value (`jsonencode`).
 */
function isText(value: Value, inString: boolean): boolean {
  if (value.kind === "number" || value.kind === "bool") return true;
  if (value.kind !== "string") return false;
  if (value.encodes) return false;
  return !(inString && value.from);
}

/** Applies `DefinitionSubstitutions` inside a source slice. */
function substitutePiece(piece: TextPiece, substitutions: Value): TextPiece[] {
  if (!("source" in piece)) return [piece];
  const text = piece.source.value.slice(piece.start, piece.end);
  if (!text.includes("${")) return [piece];
  const lookup = substitutionLookup(substitutions);
  const out: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const replacement = lookup(match[1]!.trim(), piece.source.range);
    if (replacement === undefined) continue;
    const start = piece.start + match.index;
    if (match.index > last) out.push({ source: piece.source, start: piece.start + last, end: start });
    out.push({ value: replacement, at: { source: piece.source, start, end: start + match[0].length } });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ source: piece.source, start: piece.start + last, end: piece.end });
  return out;
}

/** Tracks whether the text fed so far ends inside a JSON string literal. */
class JsonStringScanner {
  inString = false;
  private escaped = false;
  feed(chunk: string): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.escaped) this.escaped = false;
      else if (this.inString && c === "\\") this.escaped = true;
      else if (c === '"') this.inString = !this.inString;
    }
  }
}

/** Offsets of the parsed text → positions in the files the pieces were written in. */
class Placer {
  private readonly locators = new Map<StringValue, Locator | undefined>();
  constructor(
    private readonly segments: readonly Segment[],
    private readonly fallback: SourceRange | undefined,
    private readonly readSource: ((file: string) => string | undefined) | undefined,
  ) {}

  range(start: number, end: number): SourceRange | undefined {
    const from = this.position(start, "start");
    const to = this.position(end, "end");
    if (!from || !to || from.file !== to.file || to.position.offset < from.position.offset) return this.fallback;
    return { file: from.file, start: from.position, end: to.position };
  }

  private position(offset: number, edge: "start" | "end"): { file: string; position: Position } | undefined {
    const segment = this.segmentAt(offset, edge);
    if (!segment) return this.edgeOf(this.fallback, edge);
    const piece = segment.piece;
    if ("source" in piece) {
      const locator = this.locatorOf(piece.source);
      if (locator) return { file: locator.file, position: locator.at(piece.start + offset - segment.outStart) };
      return this.edgeOf(piece.source.range ?? this.fallback, edge);
    }
    if (piece.at) {
      const locator = this.locatorOf(piece.at.source);
      if (locator)
        return { file: locator.file, position: locator.at(edge === "start" ? piece.at.start : piece.at.end) };
      return this.edgeOf(piece.at.source.range ?? this.fallback, edge);
    }
    return this.edgeOf(piece.range ?? this.fallback, edge);
  }

  private segmentAt(offset: number, edge: "start" | "end"): Segment | undefined {
    // Binary search: segments are in order and contiguous.
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.segments[mid]!;
      const before = edge === "start" ? offset < s.outStart : offset <= s.outStart;
      const after = edge === "start" ? offset >= s.outEnd : offset > s.outEnd;
      if (before) hi = mid - 1;
      else if (after) lo = mid + 1;
      else return s;
    }
    return undefined;
  }

  private locatorOf(source: StringValue): Locator | undefined {
    if (!this.locators.has(source))
      this.locators.set(source, stringLocator(source.value, source.range, this.readSource));
    return this.locators.get(source);
  }

  private edgeOf(
    range: SourceRange | undefined,
    edge: "start" | "end",
  ): { file: string; position: Position } | undefined {
    return range ? { file: range.file, position: edge === "start" ? range.start : range.end } : undefined;
  }
}

// ---------------------------------------------------------------------------
// Ranges

/** Positions in the file of offsets into a string written verbatim there. */
type Locator = { file: string; at: (offset: number) => Position };

/** How many leading source lines of a range may precede the string (a heredoc opener, a block scalar indicator). */
const MAX_LEADING_LINES = 3;

/**
 * Where a string's characters are in its file, when it is written there
 * verbatim (see the module comment); undefined when that cannot be shown.
 */
export function stringLocator(
  value: string,
  range: SourceRange | undefined,
  readSource?: (file: string) => string | undefined,
): Locator | undefined {
  if (!range || value.length === 0) return undefined;
  const source = readSource?.(range.file);
  if (source !== undefined) {
    if (range.end.offset > source.length || range.start.offset > range.end.offset) return undefined;
    const starts = lineStarts(source);
    const slice = source.slice(range.start.offset, range.end.offset);
    const index = slice.indexOf(value);
    if (index >= 0) {
      const base = range.start.offset + index;
      return { file: range.file, at: (offset) => positionAt(starts, base + offset) };
    }
    const lineWise = lineWiseOffsets(value, slice, range.start.offset);
    if (lineWise) return { file: range.file, at: (offset) => positionAt(starts, lineWise(offset)) };
    const escaped = escapedOffsets(value, slice);
    if (escaped) {
      const base = range.start.offset;
      return { file: range.file, at: (offset) => positionAt(starts, base + escaped[offset]!) };
    }
    return readFileCall(value, slice, range.file, readSource!);
  }
  if (range.end.offset - range.start.offset !== value.length) return undefined;
  const valueStarts = lineStarts(value);
  return {
    file: range.file,
    at: (offset) => {
      const p = positionAt(valueStarts, offset);
      return {
        line: range.start.line + p.line - 1,
        column: p.line === 1 ? range.start.column + p.column - 1 : p.column,
        offset: range.start.offset + offset,
      };
    },
  };
}

/** `file("x")`, `file("${path.module}/x")`, `file("./x")`: a Terraform call reading one file, by a literal path. */
const FILE_CALL = /^file\(\s*"(?:\$\{path\.module\}\/)?([^"$]+)"\s*\)$/;

/**
 * A Terraform `file(...)` result carries the call's range; when the file it
 * read (resolved against the calling file's folder, as `path.module` is) has
 * exactly the string's text, the string is placed in that file.
 */
function readFileCall(
  value: string,
  slice: string,
  callFile: string,
  readSource: (file: string) => string | undefined,
): Locator | undefined {
  const path = FILE_CALL.exec(slice.trim())?.[1];
  if (path === undefined || path.startsWith("/")) return undefined;
  const folder = posix.dirname(callFile);
  const file = posix.normalize(posix.join(folder, path));
  if (file.startsWith("../") || file === "..") return undefined;
  const text = readSource(file);
  if (text !== value) return undefined;
  const starts = lineStarts(text);
  return { file, at: (offset) => positionAt(starts, offset) };
}

/**
 * Offsets into the file for a string whose every line is a source line with
 * only leading whitespace removed; undefined when the lines do not match.
 */
function lineWiseOffsets(value: string, slice: string, sliceOffset: number): ((offset: number) => number) | undefined {
  const valueLines = splitLines(value);
  const sourceLines = splitLines(slice);
  for (let first = 0; first <= Math.min(MAX_LEADING_LINES, sourceLines.length - 1); first++) {
    const shifts: number[] = [];
    let ok = true;
    for (let i = 0; i < valueLines.length && ok; i++) {
      const v = valueLines[i]!;
      const s = sourceLines[first + i];
      if (v.text === "" && i === valueLines.length - 1) {
        // After the string's last newline: the start of the next source line (a closing marker), or the range's end.
        ok = true;
        shifts.push(0);
        continue;
      }
      if (s === undefined) {
        ok = false;
        continue;
      }
      const stripped = s.text.length - v.text.length;
      ok =
        stripped >= 0 &&
        s.text.endsWith(v.text) &&
        s.text.slice(0, stripped).trim() === "" &&
        (v.text !== "" || s.text.trim() === "");
      shifts.push(v.text === "" ? s.text.length : stripped);
    }
    if (!ok) continue;
    return (offset) => {
      let i = valueLines.length - 1;
      while (i > 0 && valueLines[i]!.start > offset) i--;
      const line = valueLines[i]!;
      const sourceLine = sourceLines[first + i];
      if (!sourceLine) return sliceOffset + slice.length;
      const column = Math.min(offset - line.start, line.text.length + 1);
      return sliceOffset + sourceLine.start + shifts[i]! + column;
    };
  }
  return undefined;
}

function splitLines(text: string): { start: number; text: string }[] {
  const lines: { start: number; text: string }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (i === text.length || c === "\n" || c === "\r") {
      lines.push({ start, text: text.slice(start, i) });
      if (c === "\r" && text[i + 1] === "\n") i++;
      start = i + 1;
    }
  }
  return lines;
}
