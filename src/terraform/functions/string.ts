/**
 * String functions. Strings are sequences of Unicode code points here; Terraform
 * counts grapheme clusters in `substr`, `strrev` and `length`, which only differs
 * for combining sequences and emoji (documented in the folder's README).
 */
import { splitJoined, str, type UnknownValue, type Value } from "../../core/value.js";
import {
  asInteger,
  asList,
  asString,
  checkCollectionSize,
  checkStringLength,
  codePoints,
  defineFunction,
  fail,
  listResult,
  needKnown,
  stringResult,
  toStringOrUndefined,
  unknownFrom,
} from "./args.js";
import { regexReplace, isRegexPattern } from "./regex.js";
import type { FunctionContext, TerraformFunction } from "./types.js";

/** Go's `unicode.IsSpace`: Latin-1 spaces, NEL, NBSP and the Z categories (not U+FEFF, unlike JS `\s`). */
const GO_SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const LEADING_SPACE = new RegExp(`^[${GO_SPACE}]+`, "u");
const TRAILING_SPACE = new RegExp(`[${GO_SPACE}]+$`, "u");
const IS_SPACE = new RegExp(`^[${GO_SPACE}]$`, "u");
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

/** The Unknown a partial-knowledge string function returns: the argument's reason and refs, new prefix/suffix. */
function partialUnknown(input: UnknownValue, context: FunctionContext, prefix?: string, suffix?: string): Value {
  return unknownFrom([input], context, { prefix, suffix });
}

/** A one-string-argument function that can also transform the known parts of an Unknown string. */
function caseMapping(name: string, map: (text: string) => string): TerraformFunction {
  return defineFunction(name, {
    min: 1,
    max: 1,
    acceptsUnknown: true,
    call([input], context) {
      if (input!.kind === "unknown") {
        const { prefix, suffix } = input!;
        return partialUnknown(input!, context, prefix && map(prefix), suffix && map(suffix));
      }
      return stringResult(map(asString(input!, "argument")), context);
    },
  });
}

/** Go's `strings.Title`: upper-cases the first letter of each word. */
export function title(text: string): string {
  let previous = " ";
  let out = "";
  for (const char of text) {
    out += isWordSeparator(previous) ? mapCodePoints(char, upperCodePoint) : char;
    previous = char;
  }
  return out;
}

function isWordSeparator(char: string): boolean {
  const code = char.codePointAt(0)!;
  if (code <= 0x7f) return !/[A-Za-z0-9_]/.test(char);
  if (LETTER_OR_DIGIT.test(char)) return false;
  return IS_SPACE.test(char);
}

/** Go's `strings.Trim`: removes leading and trailing code points found in `cutset`. */
function trimCutset(text: string, cutset: string, leading: boolean, trailing: boolean): string {
  const cut = new Set(codePoints(cutset));
  const chars = codePoints(text);
  let start = 0;
  let end = chars.length;
  if (leading) while (start < end && cut.has(chars[start]!)) start++;
  if (trailing) while (end > start && cut.has(chars[end - 1]!)) end--;
  return chars.slice(start, end).join("");
}

/** Terraform's `substr`: negative offset counts from the end, negative length means "to the end". */
export function substring(text: string, offset: number, length: number): string {
  const chars = codePoints(text);
  let start = offset;
  if (start < 0) start = Math.max(0, chars.length + start);
  else if (length === 0) return "";
  if (start >= chars.length) return "";
  const end = length < 0 ? chars.length : Math.min(chars.length, start + length);
  return chars.slice(start, end).join("");
}

/** Go's `strings.Split`: an empty separator splits into code points. */
export function splitString(text: string, separator: string): string[] {
  // Count before building, so a huge split never allocates its elements.
  let count = 1;
  if (separator === "") {
    count = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (
        !(
          code >= 0xdc00 &&
          code <= 0xdfff &&
          i > 0 &&
          text.charCodeAt(i - 1) >= 0xd800 &&
          text.charCodeAt(i - 1) <= 0xdbff
        )
      )
        count++;
    }
  } else {
    for (let at = text.indexOf(separator); at >= 0; at = text.indexOf(separator, at + separator.length)) count++;
  }
  checkCollectionSize(count, "result");
  if (separator === "") return codePoints(text);
  return text.split(separator);
}

/** Go's `strings.ReplaceAll`: an empty search string inserts the replacement around every code point. */
export function replaceAllLiteral(text: string, search: string, replacement: string): string {
  if (search === "") {
    const chars = codePoints(text);
    checkStringLength(text.length + (chars.length + 1) * replacement.length, "result");
    return replacement + chars.map((c) => c + replacement).join("");
  }
  const parts = text.split(search);
  checkStringLength(text.length + (parts.length - 1) * (replacement.length - search.length), "result");
  return parts.join(replacement);
}

const join = defineFunction("join", {
  min: 2,
  max: Infinity,
  acceptsUnknown: true,
  call(args, context) {
    const [separatorValue, ...lists] = args;
    needKnown(separatorValue!);
    const separator = asString(separatorValue!, "separator");
    if (lists.some((l) => l.kind === "unknown")) {
      return unknownFrom(
        lists.filter((l): l is UnknownValue => l.kind === "unknown"),
        context,
      );
    }
    const items = lists.flatMap((l, i) => asList(l, `list ${i + 1}`));
    const unknowns = items.filter((item): item is UnknownValue => item.kind === "unknown");
    if (unknowns.length > 0) {
      // Known elements around the Unknown ones are still the string's known beginning and end.
      const firstIndex = items.findIndex((item) => item.kind === "unknown");
      const lastIndex = items.length - 1 - [...items].reverse().findIndex((item) => item.kind === "unknown");
      const before = items
        .slice(0, firstIndex)
        .map((item) => joinPart(item) + separator)
        .join("");
      const after = items
        .slice(lastIndex + 1)
        .map((item) => separator + joinPart(item))
        .join("");
      const first = items[firstIndex] as UnknownValue;
      const last = items[lastIndex] as UnknownValue;
      // `joins` lets `split` on the same separator give the items back (`splitJoined`).
      return {
        ...unknownFrom(unknowns, context, {
          prefix: before + (first.prefix ?? ""),
          suffix: (last.suffix ?? "") + after,
        }),
        joins: { separator, items },
      };
    }
    const parts = items.map(joinPart);
    checkStringLength(
      parts.reduce((sum, p) => sum + p.length, 0) + Math.max(0, parts.length - 1) * separator.length,
      "result",
    );
    return stringResult(parts.join(separator), context);
  },
});

function joinPart(item: Value): string {
  const text = toStringOrUndefined(item, "list element");
  if (text === undefined) fail("list elements must not be null");
  return text;
}

const startsOrEndsWith = (name: string, atStart: boolean): TerraformFunction =>
  defineFunction(name, {
    min: 2,
    max: 2,
    acceptsUnknown: true,
    call([input, affixValue], context) {
      needKnown(affixValue!);
      const affix = asString(affixValue!, atStart ? "prefix" : "suffix");
      if (input!.kind === "unknown") {
        // Decidable when the Unknown string's known beginning (or end) is long enough.
        const known = atStart ? input!.prefix : input!.suffix;
        if (known !== undefined && known.length >= affix.length) {
          return boolResult(atStart ? known.startsWith(affix) : known.endsWith(affix), context);
        }
        // A shorter known part that disagrees with the affix already rules it out.
        if (known !== undefined && !(atStart ? affix.startsWith(known) : affix.endsWith(known))) {
          return boolResult(false, context);
        }
        return unknownFrom([input!], context);
      }
      const text = asString(input!, "string");
      return boolResult(atStart ? text.startsWith(affix) : text.endsWith(affix), context);
    },
  });

function boolResult(value: boolean, context: FunctionContext): Value {
  return { kind: "bool", value, range: context.range };
}

/**
 * Go maps case code point by code point (`unicode.ToUpper`/`ToLower`): no
 * "ß" → "SS", no final-sigma context. A code point whose JavaScript mapping is
 * longer than one code point is kept, except U+0130 (İ), which Go lowers to "i".
 */
function mapCodePoints(text: string, map: (c: string) => string): string {
  let out = "";
  for (const char of text) {
    if (char === "\u0130" && map === lowerCodePoint) {
      out += "i";
      continue;
    }
    const mapped = map(char);
    out += mapped.length === char.length || Array.from(mapped).length === 1 ? mapped : char;
  }
  return out;
}

const lowerCodePoint = (c: string): string => c.toLowerCase();
const upperCodePoint = (c: string): string => c.toUpperCase();

export const STRING_FUNCTIONS: Record<string, TerraformFunction> = {
  lower: caseMapping("lower", (t) => mapCodePoints(t, lowerCodePoint)),
  upper: caseMapping("upper", (t) => mapCodePoints(t, upperCodePoint)),
  title: defineFunction("title", {
    min: 1,
    max: 1,
    call: ([input], context) => stringResult(title(asString(input!, "argument")), context),
  }),
  trim: defineFunction("trim", {
    min: 2,
    max: 2,
    call: ([input, cutset], context) =>
      stringResult(trimCutset(asString(input!, "string"), asString(cutset!, "cutset"), true, true), context),
  }),
  trimprefix: defineFunction("trimprefix", {
    min: 2,
    max: 2,
    call([input, prefixValue], context) {
      const text = asString(input!, "string");
      const prefix = asString(prefixValue!, "prefix");
      return stringResult(text.startsWith(prefix) ? text.slice(prefix.length) : text, context);
    },
  }),
  trimsuffix: defineFunction("trimsuffix", {
    min: 2,
    max: 2,
    call([input, suffixValue], context) {
      const text = asString(input!, "string");
      const suffix = asString(suffixValue!, "suffix");
      return stringResult(
        suffix !== "" && text.endsWith(suffix) ? text.slice(0, text.length - suffix.length) : text,
        context,
      );
    },
  }),
  trimspace: defineFunction("trimspace", {
    min: 1,
    max: 1,
    call: ([input], context) =>
      stringResult(asString(input!, "string").replace(LEADING_SPACE, "").replace(TRAILING_SPACE, ""), context),
  }),
  chomp: defineFunction("chomp", {
    min: 1,
    max: 1,
    call: ([input], context) => stringResult(asString(input!, "string").replace(/[\r\n]+$/, ""), context),
  }),
  indent: defineFunction("indent", {
    min: 2,
    max: 2,
    call([spacesValue, input], context) {
      const spaces = asInteger(spacesValue!, "spaces");
      if (spaces < 0) fail("spaces must not be negative");
      const text = asString(input!, "string");
      const lines = text.split("\n").length - 1;
      if (lines === 0) return stringResult(text, context);
      checkStringLength(text.length + lines * spaces, "result");
      return stringResult(text.replaceAll("\n", `\n${" ".repeat(spaces)}`), context);
    },
  }),
  strrev: defineFunction("strrev", {
    min: 1,
    max: 1,
    call: ([input], context) => stringResult(codePoints(asString(input!, "string")).reverse().join(""), context),
  }),
  substr: defineFunction("substr", {
    min: 3,
    max: 3,
    call([input, offset, length], context) {
      return stringResult(
        substring(asString(input!, "string"), asInteger(offset!, "offset"), asInteger(length!, "length")),
        context,
      );
    },
  }),
  startswith: startsOrEndsWith("startswith", true),
  endswith: startsOrEndsWith("endswith", false),
  strcontains: defineFunction("strcontains", {
    min: 2,
    max: 2,
    acceptsUnknown: true,
    call([input, substrValue], context) {
      needKnown(substrValue!);
      const search = asString(substrValue!, "substr");
      if (input!.kind === "unknown") {
        // Known true when a known part contains it; otherwise undecidable.
        if ((input!.prefix ?? "").includes(search) || (input!.suffix ?? "").includes(search)) {
          return boolResult(true, context);
        }
        return unknownFrom([input!], context);
      }
      return boolResult(asString(input!, "string").includes(search), context);
    },
  }),
  split: defineFunction("split", {
    min: 2,
    max: 2,
    acceptsUnknown: true,
    call([separator, input], context) {
      needKnown(separator!);
      if (input!.kind === "unknown") {
        // `split(",", join(",", [aws_subnet.a.id, aws_subnet.b.id]))` is the list again.
        const items = splitJoined(input!, asString(separator!, "separator"));
        if (items) return listResult(items, context);
        return unknownFrom([input!], context);
      }
      const parts = splitString(asString(input!, "string"), asString(separator!, "separator"));
      return listResult(
        parts.map((part) => str(part, context.range)),
        context,
      );
    },
  }),
  join,
  replace: defineFunction("replace", {
    min: 3,
    max: 3,
    call([input, search, replacement], context) {
      const text = asString(input!, "string");
      const pattern = asString(search!, "substring");
      const replacementText = asString(replacement!, "replacement");
      if (isRegexPattern(pattern))
        return stringResult(regexReplace(text, pattern.slice(1, -1), replacementText), context);
      return stringResult(replaceAllLiteral(text, pattern, replacementText), context);
    },
  }),
};
