/**
 * JSON with holes: a recursive-descent JSON parser over text in which values
 * that are not text (references, Unknowns, structures) stand as markers —
 * a private-use character pair around the hole's index, which no real
 * definition's syntax uses.
 *
 * - A hole in value position (`"InstanceCount": ${count}`) is that value.
 * - A hole inside a string (`"s3://${bucket}/in/"`) makes a partly known
 *   string: the known text before and after it stays (`prefix`/`suffix`), and
 *   its references are kept. A string that is one hole and nothing else
 *   (`"${Model.ModelName}"`) is the hole itself, so a reference stays a
 *   reference.
 * - A hole where JSON allows no value (a key, between tokens) means the text's
 *   structure depends on what the hole holds: the parse fails with a message
 *   saying so, at the hole.
 *
 * Why by hand: no JSON library parses around holes or keeps ranges, and the
 * YAML parser the CloudFormation stage uses keeps ranges but has no holes.
 * The parser is linear in the text's length: every character is examined a
 * bounded number of times, and `steps` counts them (a test asserts the bound).
 * Nesting is limited (`MAX_JSON_DEPTH`), so adversarial text cannot exhaust
 * the stack.
 */
import type { SourceRange } from "../core/range.js";
import { JSON_SIMPLE_ESCAPES } from "../core/escaped-text.js";
import type { ObjectEntry, Value } from "../core/value.js";

export const HOLE_OPEN = "\uE000";
export const HOLE_CLOSE = "\uE001";

/** Objects and arrays nested deeper than this are refused (a counted limit). */
export const MAX_JSON_DEPTH = 500;

export type JsonParseResult =
  | { ok: true; value: Value; steps: number }
  | { ok: false; message: string; start: number; end: number; steps: number };

/**
 * Parses `text`; `holes[i]` is the value marked `HOLE_OPEN i HOLE_CLOSE`.
 * `place` turns a span of the text into a source range; `join` builds one
 * string value out of text and hole values (partly known when a hole is).
 */
export function parseJsonWithHoles(
  text: string,
  holes: readonly Value[],
  place: (start: number, end: number) => SourceRange | undefined,
  join: (parts: readonly (string | Value)[], range: SourceRange | undefined) => Value,
): JsonParseResult {
  const parser = new Parser(text, holes, place, join);
  try {
    parser.skipSpace();
    const value = parser.value(0);
    parser.skipSpace();
    if (parser.pos < text.length) parser.fail("Unexpected text after the JSON value");
    return { ok: true, value, steps: parser.steps };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false, message: error.message, start: error.start, end: error.end, steps: parser.steps };
  }
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

class Parser {
  pos = 0;
  steps = 0;
  constructor(
    private readonly text: string,
    private readonly holes: readonly Value[],
    private readonly place: (start: number, end: number) => SourceRange | undefined,
    private readonly join: (parts: readonly (string | Value)[], range: SourceRange | undefined) => Value,
  ) {}

  fail(message: string, start = this.pos, end = Math.min(this.pos + 1, this.text.length)): never {
    throw new JsonSyntaxError(message, start, end);
  }

  skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      this.pos++;
      this.steps++;
    }
  }

  value(depth: number): Value {
    const start = this.pos;
    const c = this.text[this.pos];
    this.steps++;
    switch (c) {
      case "{":
        return this.object(depth);
      case "[":
        return this.array(depth);
      case '"':
        return this.string();
      case HOLE_OPEN: {
        const index = this.hole();
        const hole = this.holes[index]!;
        // `jsonencode(…)` inserted whole: the value it encodes, with its own ranges.
        if ((hole.kind === "string" || hole.kind === "unknown") && hole.encodes) return hole.encodes;
        return { ...hole, range: this.place(start, this.pos) ?? hole.range };
      }
      case "t":
        return this.word("true", { kind: "bool", value: true });
      case "f":
        return this.word("false", { kind: "bool", value: false });
      case "n":
        return this.word("null", { kind: "null" });
      case undefined:
        return this.fail("The text ends where a value is expected", start, start);
      default:
        if (c === "-" || (c >= "0" && c <= "9")) return this.number();
        return this.fail(`Unexpected ${describeChar(c)} where a value is expected`);
    }
  }

  /** Reads a hole marker at `pos`, returning its index. */
  private hole(): number {
    const close = this.text.indexOf(HOLE_CLOSE, this.pos + 1);
    const index = Number(this.text.slice(this.pos + 1, close));
    this.steps += close - this.pos;
    if (close < 0 || !Number.isInteger(index) || this.holes[index] === undefined) this.fail("A malformed hole marker");
    this.pos = close + 1;
    return index;
  }

  private word(word: string, value: Value): Value {
    const start = this.pos;
    if (!this.text.startsWith(word, this.pos)) this.fail(`Unexpected ${describeChar(this.text[this.pos]!)}`);
    this.pos += word.length;
    this.steps += word.length;
    return { ...value, range: this.place(start, this.pos) };
  }

  private number(): Value {
    const start = this.pos;
    const text = this.text;
    const digits = () => {
      const from = this.pos;
      while (this.pos < text.length && text[this.pos]! >= "0" && text[this.pos]! <= "9") this.pos++;
      this.steps += this.pos - from;
      return this.pos - from;
    };
    if (text[this.pos] === "-") this.pos++;
    if (text[this.pos] === "0") this.pos++;
    else if (digits() === 0) this.fail("A number needs digits");
    if (text[this.pos] === ".") {
      this.pos++;
      if (digits() === 0) this.fail("A number needs digits after its decimal point");
    }
    if (text[this.pos] === "e" || text[this.pos] === "E") {
      this.pos++;
      if (text[this.pos] === "+" || text[this.pos] === "-") this.pos++;
      if (digits() === 0) this.fail("A number needs digits in its exponent");
    }
    return { kind: "number", value: Number(text.slice(start, this.pos)), range: this.place(start, this.pos) };
  }

  /** A string literal; holes in it make a joined value. */
  string(): Value {
    const start = this.pos;
    const text = this.text;
    this.pos++;
    const parts: (string | Value)[] = [];
    let chunk = "";
    let runStart = this.pos;
    let holeStart = 0;
    let holeEnd = 0;
    for (;;) {
      const c = text[this.pos];
      this.steps++;
      if (c === undefined) this.fail("A string is not closed", start, this.pos);
      if (c === '"') break;
      if (c === "\\") {
        chunk += text.slice(runStart, this.pos) + this.escape();
        runStart = this.pos;
        continue;
      }
      if (c === HOLE_OPEN) {
        chunk += text.slice(runStart, this.pos);
        if (chunk) parts.push(chunk);
        chunk = "";
        holeStart = this.pos;
        parts.push(this.holes[this.hole()]!);
        holeEnd = this.pos;
        runStart = this.pos;
        continue;
      }
      if (c < " ") this.fail("A control character inside a string");
      this.pos++;
    }
    chunk += text.slice(runStart, this.pos);
    this.pos++;
    const range = this.place(start, this.pos);
    if (parts.length === 0) return { kind: "string", value: chunk, range };
    if (chunk) parts.push(chunk);
    // A string that is one hole is the hole, where the hole is written (`${Model.ModelName}`, the `!GetAtt`).
    if (parts.length === 1 && typeof parts[0] !== "string")
      return { ...parts[0]!, range: this.place(holeStart, holeEnd) ?? range };
    return this.join(parts, range);
  }

  private escape(): string {
    const text = this.text;
    const c = text[this.pos + 1];
    this.steps++;
    const simple = JSON_SIMPLE_ESCAPES;
    if (c !== undefined && c in simple) {
      this.pos += 2;
      return simple[c]!;
    }
    if (c === "u") {
      const hex = text.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex))
        this.fail("A \\u escape needs four hexadecimal digits", this.pos, this.pos + 2);
      this.pos += 6;
      this.steps += 4;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    return this.fail("An invalid escape in a string", this.pos, this.pos + 2);
  }

  private object(depth: number): Value {
    const start = this.pos;
    if (depth >= MAX_JSON_DEPTH) this.fail(`Objects and arrays are nested more than ${MAX_JSON_DEPTH} levels deep`);
    this.pos++;
    const entries: ObjectEntry[] = [];
    const seen = new Set<string>();
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return { kind: "object", entries, range: this.place(start, this.pos) };
    }
    for (;;) {
      this.skipSpace();
      const keyStart = this.pos;
      const c = this.text[this.pos];
      if (c === HOLE_OPEN) {
        this.hole();
        this.fail(
          "An inserted value stands where a key is expected, so the structure depends on what it holds",
          keyStart,
          this.pos,
        );
      }
      if (c !== '"') this.fail(c === undefined ? "The text ends inside an object" : "A key must be a string");
      const key = this.string();
      if (key.kind !== "string")
        this.fail("A key holds an inserted value, so the structure depends on what it holds", keyStart, this.pos);
      const keyRange = key.range;
      this.skipSpace();
      if (this.text[this.pos] !== ":") this.fail("A ':' must follow the key");
      this.pos++;
      this.skipSpace();
      const value = this.value(depth + 1);
      // Duplicate keys: the last one wins, as JSON.parse and Step Functions read them.
      if (seen.has(key.value)) {
        const i = entries.findIndex((e) => e.key === key.value);
        entries.splice(i, 1);
      }
      seen.add(key.value);
      entries.push({ key: key.value, keyRange, value });
      this.skipSpace();
      const next = this.text[this.pos];
      this.steps++;
      if (next === ",") {
        this.pos++;
        continue;
      }
      if (next === "}") {
        this.pos++;
        return { kind: "object", entries, range: this.place(start, this.pos) };
      }
      this.fail(next === undefined ? "The text ends inside an object" : "A ',' or '}' must follow a value");
    }
  }

  private array(depth: number): Value {
    const start = this.pos;
    if (depth >= MAX_JSON_DEPTH) this.fail(`Objects and arrays are nested more than ${MAX_JSON_DEPTH} levels deep`);
    this.pos++;
    const items: Value[] = [];
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return { kind: "list", items, range: this.place(start, this.pos) };
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value(depth + 1));
      this.skipSpace();
      const next = this.text[this.pos];
      this.steps++;
      if (next === ",") {
        this.pos++;
        continue;
      }
      if (next === "]") {
        this.pos++;
        return { kind: "list", items, range: this.place(start, this.pos) };
      }
      this.fail(next === undefined ? "The text ends inside an array" : "A ',' or ']' must follow a value");
    }
  }
}

function describeChar(c: string): string {
  if (c === HOLE_OPEN) return "inserted value";
  return c.trim() === "" ? "whitespace" : `'${c}'`;
}
