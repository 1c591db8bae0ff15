/**
 * `regex`, `regexall` and the `/pattern/` form of `replace`, with RE2 syntax and
 * semantics as Terraform (Go's `regexp`) has them, on `re2js`: a linear-time
 * engine, so a scanned pattern cannot make matching backtrack for minutes.
 *
 * Positions are UTF-16 indexes (re2js matches JavaScript strings); Go works on
 * UTF-8 bytes, which gives the same matches for valid text.
 */
import { RE2JS } from "re2js";
import { list, nul, obj, str, type Value } from "../../core/value.js";
import {
  asString,
  checkCollectionSize,
  compareStrings,
  checkStringLength,
  defineFunction,
  fail,
  limitHit,
} from "./args.js";
import type { FunctionContext, TerraformFunction } from "./types.js";

/** Longest string a regular expression is run on (UTF-16 code units). */
export const MAX_REGEX_INPUT_LENGTH = 1_000_000;
/** Longest regular expression compiled. */
export const MAX_REGEX_PATTERN_LENGTH = 10_000;

const COMPILED_CACHE_SIZE = 256;
const compiledCache = new Map<string, RE2JS>();

/** Compiles an RE2 pattern, or fails the call with the engine's syntax message. */
export function compilePattern(pattern: string): RE2JS {
  if (pattern.length > MAX_REGEX_PATTERN_LENGTH) {
    limitHit(`regular expression is longer than ${MAX_REGEX_PATTERN_LENGTH} characters`);
  }
  const cached = compiledCache.get(pattern);
  if (cached) return cached;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    return fail(`invalid regular expression: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (compiledCache.size >= COMPILED_CACHE_SIZE) compiledCache.clear();
  compiledCache.set(pattern, compiled);
  return compiled;
}

function checkInput(text: string): void {
  if (text.length > MAX_REGEX_INPUT_LENGTH) {
    limitHit(`string is longer than ${MAX_REGEX_INPUT_LENGTH} characters, the most a regular expression is run on`);
  }
}

/** One match: `groups[2k]`, `groups[2k+1]` are start and end of group k (-1 when it did not take part). */
type Match = number[];

function width(text: string, position: number): number {
  const code = text.charCodeAt(position);
  return code >= 0xd800 && code <= 0xdbff && position + 1 < text.length ? 2 : 1;
}

/** All matches as Go's `FindAll…` reports them: an empty match right after a previous match is skipped. */
function findAll(re: RE2JS, text: string): Match[] {
  const matcher = re.matcher(text);
  const groupCount = re.groupCount();
  const matches: Match[] = [];
  let position = 0;
  let previousEnd = -1;
  while (position <= text.length) {
    if (!matcher.find(position)) break;
    const start = matcher.start();
    const end = matcher.end();
    let accept = true;
    if (end === start) {
      if (start === previousEnd) accept = false;
      position = end + (end < text.length ? width(text, end) : 1);
    } else {
      position = end;
    }
    previousEnd = end;
    if (accept) {
      const groups: number[] = [];
      for (let group = 0; group <= groupCount; group++) groups.push(matcher.start(group), matcher.end(group));
      matches.push(groups);
      checkCollectionSize(matches.length, "list of matches");
    }
  }
  return matches;
}

/** Names of the capture groups by index (index 0, the whole match, has none). */
function groupNames(re: RE2JS): string[] {
  const names = new Array<string>(re.groupCount() + 1).fill("");
  for (const [name, index] of Object.entries(re.namedGroups())) names[index] = name;
  return names;
}

/** What one match becomes: the matched string, a list of groups, or an object of named groups. */
function matchValue(re: RE2JS, text: string, match: Match, context: FunctionContext): Value {
  const names = groupNames(re);
  const group = (index: number): Value => {
    const start = match[2 * index]!;
    return start < 0 ? nul(context.range) : str(text.slice(start, match[2 * index + 1]!), context.range);
  };
  if (names.length === 1) return group(0);
  const named = names.slice(1).filter((n) => n !== "").length;
  if (named === 0)
    return list(
      names.slice(1).map((_, i) => group(i + 1)),
      context.range,
    );
  if (named !== names.length - 1) fail("invalid regular expression: cannot mix both named and unnamed capture groups");
  const entries = names
    .map((name, index) => ({ key: name, value: group(index) }))
    .slice(1)
    .sort((a, b) => compareStrings(a.key, b.key));
  return obj(entries, context.range);
}

/** Whether `replace`'s search string is a `/regular expression/`. */
export function isRegexPattern(search: string): boolean {
  return search.length > 1 && search.startsWith("/") && search.endsWith("/");
}

/** Go's `Regexp.ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` and `$$` in the replacement. */
export function regexReplace(text: string, pattern: string, replacement: string): string {
  checkInput(text);
  const re = compilePattern(pattern);
  const names = groupNames(re);
  const matcher = re.matcher(text);
  let out = "";
  let lastEnd = 0;
  let position = 0;
  while (position <= text.length) {
    if (!matcher.find(position)) break;
    const start = matcher.start();
    const end = matcher.end();
    out += text.slice(lastEnd, start);
    // No replacement for an empty match right after another match (Go's rule).
    if (end > lastEnd || start === 0) {
      out += expandTemplate(replacement, (name) => {
        let index: number;
        if (/^\d+$/.test(name)) index = name.length > 1 && name.startsWith("0") ? -1 : Number(name);
        else index = names.indexOf(name, 1);
        if (index < 0 || index >= names.length) return "";
        return matcher.group(index) ?? "";
      });
      checkStringLength(out.length, "result");
    }
    lastEnd = end;
    const step = position < text.length ? width(text, position) : 1;
    if (position + step > end) position += step;
    else position = end;
  }
  return out + text.slice(lastEnd);
}

/** Go's `Regexp.Expand` template syntax. */
function expandTemplate(template: string, group: (name: string) => string): string {
  let out = "";
  let i = 0;
  while (i < template.length) {
    const dollar = template.indexOf("$", i);
    if (dollar < 0) {
      out += template.slice(i);
      break;
    }
    out += template.slice(i, dollar);
    i = dollar + 1;
    if (template[i] === "$") {
      out += "$";
      i++;
      continue;
    }
    const braced = template[i] === "{";
    const nameMatch = /^[\p{L}\p{Nd}_]+/u.exec(template.slice(braced ? i + 1 : i));
    const name = nameMatch?.[0];
    if (!name || (braced && template[i + 1 + name.length] !== "}")) {
      out += "$"; // malformed: the `$` is literal text
      continue;
    }
    out += group(name);
    i += name.length + (braced ? 2 : 0);
  }
  return out;
}

export const REGEX_FUNCTIONS: Record<string, TerraformFunction> = {
  regex: defineFunction("regex", {
    min: 2,
    max: 2,
    call([patternValue, input], context) {
      const re = compilePattern(asString(patternValue!, "pattern"));
      const text = asString(input!, "string");
      checkInput(text);
      const matcher = re.matcher(text);
      if (!matcher.find()) fail("pattern did not match any part of the given string");
      const match: Match = [];
      for (let g = 0; g <= re.groupCount(); g++) match.push(matcher.start(g), matcher.end(g));
      return { ...matchValue(re, text, match, context), range: context.range };
    },
  }),
  regexall: defineFunction("regexall", {
    min: 2,
    max: 2,
    call([patternValue, input], context) {
      const re = compilePattern(asString(patternValue!, "pattern"));
      const text = asString(input!, "string");
      checkInput(text);
      // Check the pattern's group shape even when nothing matches, as Terraform does.
      matchValue(re, "", new Array<number>(2 * (re.groupCount() + 1)).fill(-1), context);
      return list(
        findAll(re, text).map((match) => matchValue(re, text, match, context)),
        context.range,
      );
    },
  }),
};
