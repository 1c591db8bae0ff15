/**
 * `format` and `formatlist`: Terraform's printf-like verbs (`%v %#v %t %b %d
 * %o %x %X %e %E %f %g %G %s %q %%`), flags (`+`, ` `, `-`, `0`, `#`), width,
 * precision and `%[n]` argument indexes, as Terraform documents them.
 *
 * Floating-point verbs round the exact binary value half-to-even, as Go does.
 */
import { list, type UnknownValue, type Value } from "../../core/value.js";
import {
  asBool,
  asList,
  asNumber,
  asString,
  checkCollectionSize,
  checkStringLength,
  collectUnknowns,
  defineFunction,
  fail,
  formatNumber,
  MAX_STRING_LENGTH,
  needKnown,
  stringResult,
  unknownFrom,
} from "./args.js";
import { jsonEncode } from "./encoding.js";
import type { FunctionContext, TerraformFunction } from "./types.js";

interface Verb {
  /** The verb's text as written, for messages. */
  raw: string;
  offset: number;
  flags: { plus: boolean; space: boolean; minus: boolean; zero: boolean; sharp: boolean };
  width?: number;
  precision?: number;
  argIndex?: number;
  char: string;
}

type Piece = string | { verb: Verb; arg: Value };

const VERB_CHARS = "vtbdoxXeEfgGsq";
/** Widest width or precision accepted (larger would only build huge strings). */
const MAX_WIDTH = 1_000_000;

/** Splits a format string into literal text and verbs with the arguments they consume. */
function parseFormat(spec: string, args: readonly Value[]): Piece[] {
  const pieces: Piece[] = [];
  let literal = "";
  let argIndex = 0;
  let maxUsed = 0;
  let i = 0;
  while (i < spec.length) {
    const char = spec[i]!;
    if (char !== "%") {
      literal += char;
      i++;
      continue;
    }
    if (spec[i + 1] === "%") {
      literal += "%";
      i += 2;
      continue;
    }
    const start = i;
    i++;
    const flags = { plus: false, space: false, minus: false, zero: false, sharp: false };
    for (; i < spec.length; i++) {
      const f = spec[i];
      if (f === "+") flags.plus = true;
      else if (f === " ") flags.space = true;
      else if (f === "-") flags.minus = true;
      else if (f === "0") flags.zero = true;
      else if (f === "#") flags.sharp = true;
      else break;
    }
    const readIndex = (): void => {
      const match = /^\[(\d+)\]/.exec(spec.slice(i));
      if (!match) return;
      argIndex = Number(match[1]) - 1;
      if (argIndex < 0) fail(`invalid argument index in ${spec.slice(start, i + match[0].length)}`);
      i += match[0].length;
    };
    readIndex();
    const readNumber = (): number | undefined => {
      const match = /^\d+/.exec(spec.slice(i));
      if (!match) return undefined;
      i += match[0].length;
      const value = Number(match[0]);
      if (value > MAX_WIDTH) fail(`width or precision ${match[0]} is too large`);
      return value;
    };
    const width = readNumber();
    let precision: number | undefined;
    if (spec[i] === ".") {
      i++;
      precision = readNumber() ?? 0;
    }
    readIndex();
    const verbChar = spec[i];
    if (verbChar === undefined) fail(`unterminated format verb at offset ${start}`);
    const verbText = spec.slice(start, i + 1);
    if (!VERB_CHARS.includes(verbChar))
      fail(`unrecognized format character ${JSON.stringify(verbChar)} in ${verbText}`);
    i++;
    const arg = args[argIndex];
    if (arg === undefined) {
      fail(
        `not enough arguments for ${JSON.stringify(verbText)} at ${start}: need index ${argIndex + 1} but have ${args.length} total`,
      );
    }
    if (literal) pieces.push(literal);
    literal = "";
    pieces.push({ verb: { raw: verbText, offset: start, flags, width, precision, argIndex, char: verbChar }, arg });
    argIndex++;
    maxUsed = Math.max(maxUsed, argIndex);
  }
  if (literal) pieces.push(literal);
  if (maxUsed < args.length) fail(`too many arguments; only ${maxUsed} used by format string`);
  return pieces;
}

/** Formats the spec with the args: a string, or Unknown keeping the known text around Unknown args. */
export function formatValue(spec: string, args: readonly Value[], context: FunctionContext): Value {
  const pieces = parseFormat(spec, args);
  const parts: (string | UnknownValue)[] = [];
  for (const piece of pieces) {
    if (typeof piece === "string") {
      parts.push(piece);
      continue;
    }
    const unknowns = collectUnknowns(piece.arg);
    if (unknowns.length === 0) {
      parts.push(formatVerb(piece.verb, piece.arg));
      continue;
    }
    // An Unknown string printed as is keeps its known beginning and end.
    const plain =
      piece.arg.kind === "unknown" &&
      "sv".includes(piece.verb.char) &&
      !piece.verb.flags.sharp &&
      piece.verb.width === undefined &&
      piece.verb.precision === undefined;
    parts.push(plain ? (piece.arg as UnknownValue) : unknownFrom(unknowns, context));
  }
  const unknowns = parts.filter((p): p is UnknownValue => typeof p !== "string");
  if (unknowns.length === 0) {
    const text = (parts as string[]).join("");
    return stringResult(text, context);
  }
  const first = parts.findIndex((p) => typeof p !== "string");
  let last = parts.length - 1;
  while (typeof parts[last] === "string") last--;
  const firstUnknown = parts[first] as UnknownValue;
  const lastUnknown = parts[last] as UnknownValue;
  return unknownFrom(unknowns, context, {
    prefix: (parts.slice(0, first) as string[]).join("") + (firstUnknown.prefix ?? ""),
    suffix: (lastUnknown.suffix ?? "") + (parts.slice(last + 1) as string[]).join(""),
  });
}

function formatVerb(verb: Verb, arg: Value): string {
  if (arg.kind === "null")
    fail(`unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: null value cannot be formatted`);
  const what = `value for ${JSON.stringify(verb.raw)} at ${verb.offset}`;
  switch (verb.char) {
    case "v":
      if (verb.flags.sharp) return pad(jsonEncode(arg), verb, false);
      if (arg.kind === "string") return pad(truncate(arg.value, verb.precision), verb, false);
      if (arg.kind === "number") return pad(formatNumber(arg.value), verb, true);
      if (arg.kind === "bool") return pad(String(arg.value), verb, false);
      return pad(jsonEncode(arg), verb, false);
    case "t":
      return pad(String(asBool(arg, what)), verb, false);
    case "s":
      return pad(truncate(asString(arg, what), verb.precision), verb, false);
    case "q":
      return pad(goQuote(truncate(asString(arg, what), verb.precision)), verb, false);
    case "b":
    case "d":
    case "o":
    case "x":
    case "X":
      return formatInteger(asNumber(arg, what), verb, what);
    default:
      return formatFloat(asNumber(arg, what), verb);
  }
}

function truncate(text: string, precision: number | undefined): string {
  if (precision === undefined) return text;
  return Array.from(text).slice(0, precision).join("");
}

/** Pads to the width in code points; `0` pads numbers after their sign (and strings on the left, as Go does). */
function pad(text: string, verb: Verb, numeric: boolean): string {
  const width = verb.width ?? 0;
  const length = Array.from(text).length;
  if (length >= width) return text;
  checkStringLength(text.length + width - length, "result");
  const fill = width - length;
  if (verb.flags.minus) return text + " ".repeat(fill);
  if (verb.flags.zero) {
    if (numeric && /^[+\- ]/.test(text)) return text[0]! + "0".repeat(fill) + text.slice(1);
    return "0".repeat(fill) + text;
  }
  return " ".repeat(fill) + text;
}

function sign(negative: boolean, verb: Verb): string {
  return negative ? "-" : verb.flags.plus ? "+" : verb.flags.space ? " " : "";
}

function formatInteger(value: number, verb: Verb, what: string): string {
  if (!Number.isInteger(value)) fail(`unsupported ${what}: number must be a whole number`);
  const magnitude = BigInt(Math.abs(value));
  const radix = { b: 2, d: 10, o: 8, x: 16, X: 16 }[verb.char as "b" | "d" | "o" | "x" | "X"];
  let digits = magnitude.toString(radix);
  if (verb.char === "X") digits = digits.toUpperCase();
  if (verb.precision !== undefined) digits = digits.padStart(verb.precision, "0");
  if (verb.flags.sharp) {
    digits = { b: "0b", d: "", o: "0", x: "0x", X: "0X" }[verb.char as "b" | "d" | "o" | "x" | "X"] + digits;
  }
  return pad(sign(value < 0, verb) + digits, verb, true);
}

/** The exact decimal digits of a finite non-negative double: value = 0.digits × 10^exponent. */
function exactDecimal(value: number): { digits: string; exponent: number } {
  if (value === 0) return { digits: "", exponent: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const rawExponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent2: number;
  if (rawExponent === 0) exponent2 = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent2 = rawExponent - 1075;
  }
  let digits: string;
  let pointShift: number;
  if (exponent2 >= 0) {
    digits = (mantissa << BigInt(exponent2)).toString();
    pointShift = 0;
  } else {
    // m × 2^-k = m × 5^k / 10^k
    digits = (mantissa * 5n ** BigInt(-exponent2)).toString();
    pointShift = -exponent2;
  }
  const exponent = digits.length - pointShift;
  return { digits: digits.replace(/0+$/, ""), exponent };
}

/** Rounds decimal digits to `count` digits, half to even; may carry into a new leading digit. */
function roundDigits(
  decimal: { digits: string; exponent: number },
  count: number,
): { digits: string; exponent: number } {
  const { digits, exponent } = decimal;
  if (count < 0) return { digits: "", exponent };
  if (digits.length <= count) return decimal;
  const kept = digits.slice(0, count);
  const rest = digits.slice(count);
  const first = rest.charCodeAt(0) - 48;
  const roundUp =
    first > 5 ||
    (first === 5 &&
      (/[1-9]/.test(rest.slice(1)) || (kept.length > 0 && (kept.charCodeAt(kept.length - 1) - 48) % 2 === 1)));
  if (!roundUp) return { digits: kept.replace(/0+$/, ""), exponent };
  if (kept === "") return { digits: "1", exponent: exponent + 1 };
  const incremented = (BigInt(kept) + 1n).toString().padStart(kept.length, "0");
  if (incremented.length > kept.length) return { digits: incremented.replace(/0+$/, ""), exponent: exponent + 1 };
  return { digits: incremented.replace(/0+$/, ""), exponent };
}

function fixedText(decimal: { digits: string; exponent: number }, fractionDigits: number): string {
  const { digits, exponent } = decimal;
  const integer = exponent > 0 ? digits.slice(0, exponent).padEnd(exponent, "0") || "0" : "0";
  let fraction = "";
  for (let i = 0; i < fractionDigits; i++) {
    const index = exponent + i;
    fraction += index >= 0 && index < digits.length ? digits[index] : "0";
  }
  return fractionDigits > 0 ? `${integer}.${fraction}` : integer;
}

function exponentText(decimal: { digits: string; exponent: number }, fractionDigits: number, letter: string): string {
  const digits = decimal.digits.padEnd(fractionDigits + 1, "0");
  const exp = decimal.digits === "" ? 0 : decimal.exponent - 1;
  const mantissa =
    fractionDigits > 0 ? `${digits[0] ?? "0"}.${digits.slice(1, fractionDigits + 1)}` : (digits[0] ?? "0");
  const expSign = exp < 0 ? "-" : "+";
  return `${mantissa}${letter}${expSign}${String(Math.abs(exp)).padStart(2, "0")}`;
}

function formatFloat(value: number, verb: Verb): string {
  if (!Number.isFinite(value)) {
    const text = Number.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
    return pad(text, { ...verb, flags: { ...verb.flags, zero: false } }, false);
  }
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  const exact = exactDecimal(magnitude);
  let body: string;
  switch (verb.char) {
    case "f": {
      const precision = verb.precision ?? 6;
      body = fixedText(roundDigits(exact, exact.exponent + precision), precision);
      break;
    }
    case "e":
    case "E": {
      const precision = verb.precision ?? 6;
      body = exponentText(roundDigits(exact, precision + 1), precision, verb.char);
      break;
    }
    default: {
      // %g / %G, following big.Float's Text('g', prec).
      const shortest = verb.precision === undefined;
      let decimal: { digits: string; exponent: number };
      let precision: number;
      if (shortest) {
        const text = magnitude === 0 ? "0" : magnitude.toExponential();
        const match = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text)!;
        const digits = ((match[1] ?? "") + (match[2] ?? "")).replace(/0+$/, "");
        decimal = { digits, exponent: Number(match[3]) + 1 };
        precision = digits.length;
      } else {
        precision = verb.precision === 0 ? 1 : verb.precision!;
        decimal = roundDigits(exact, precision);
      }
      let eprec = precision;
      if (eprec > decimal.digits.length && decimal.digits.length >= decimal.exponent) eprec = decimal.digits.length;
      if (shortest) eprec = 6;
      const exp = decimal.exponent - 1;
      if (decimal.digits !== "" && (exp < -4 || exp >= eprec)) {
        const p = Math.min(precision, decimal.digits.length);
        body = exponentText(decimal, p - 1, verb.char === "G" ? "E" : "e");
      } else {
        if (precision > decimal.exponent) precision = decimal.digits.length;
        body = fixedText(decimal, Math.max(precision - decimal.exponent, 0));
      }
    }
  }
  return pad(sign(negative && magnitude !== 0, verb) + body, verb, true);
}

/** Go's `%q` for strings: double-quoted with Go escapes; printable Unicode is kept. */
function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const named: Record<string, string> = {
      "\u0007": "\\a",
      "\b": "\\b",
      "\f": "\\f",
      "\n": "\\n",
      "\r": "\\r",
      "\t": "\\t",
      "\v": "\\v",
      "\\": "\\\\",
      '"': '\\"',
    };
    const escaped = named[char];
    if (escaped) out += escaped;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (
      (code >= 0x80 && code < 0xa0) ||
      code === 0xad ||
      (code >= 0x200b && code <= 0x200f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0xfeff ||
      (code >= 0xd800 && code <= 0xdfff)
    ) {
      out += code >= 0xd800 ? "\\ufffd" : `\\u${code.toString(16).padStart(4, "0")}`;
    } else out += char;
  }
  return `${out}"`;
}

export const FORMAT_FUNCTIONS: Record<string, TerraformFunction> = {
  format: defineFunction("format", {
    min: 1,
    max: Infinity,
    acceptsUnknown: true,
    call([spec, ...args], context) {
      needKnown(spec!);
      return formatValue(asString(spec!, "format"), args, context);
    },
  }),
  formatlist: defineFunction("formatlist", {
    min: 1,
    max: Infinity,
    acceptsUnknown: true,
    call([spec, ...args], context) {
      needKnown(spec!);
      const format = asString(spec!, "format");
      // A whole Unknown argument may be a list of any length: the result's length is unknown.
      const wholeUnknowns = args.filter((a): a is UnknownValue => a.kind === "unknown");
      if (wholeUnknowns.length > 0) return unknownFrom(wholeUnknowns, context);
      let length: number | undefined;
      for (const [index, arg] of args.entries()) {
        if (arg.kind !== "list") continue;
        if (length === undefined) length = arg.items.length;
        else if (arg.items.length !== length) {
          fail(
            `argument ${index + 2} has length ${arg.items.length}, which is inconsistent with previous lists of length ${length}`,
          );
        }
      }
      const rows = length ?? 1;
      checkCollectionSize(rows, "result");
      const items: Value[] = [];
      let total = 0;
      for (let row = 0; row < rows; row++) {
        const rowArgs = args.map((arg) => (arg.kind === "list" ? asList(arg, "argument")[row]! : arg));
        const item = formatValue(format, rowArgs, context);
        if (item.kind === "string") {
          total += item.value.length;
          if (total > MAX_STRING_LENGTH) checkStringLength(total, "result");
        }
        items.push(item);
      }
      return list(items, context.range);
    },
  }),
};
