/**
 * Template parameters: the values users give (in the formats the AWS CLI
 * accepts) and the value each declared parameter takes.
 */
import type { SourceRange } from "../core/range.js";
import { list, str, unknown, type Value } from "../core/value.js";

/** A parameter as declared in a template's `Parameters` section. */
export interface CfnParameter {
  name: string;
  type: string;
  default?: Value;
  /** `AllowedValues`, when all of them are known scalars. */
  allowedValues?: string[];
  /** The parameter's key in the `Parameters` section. */
  range?: SourceRange;
  /** `NoEcho: true`: its value never appears in any output (README, Security). */
  noEcho?: true;
}

/** Where a parameter's value came from, for messages and `debug`. */
export type ParameterSource = "given" | "default" | "parent" | "none";

export class ParameterFormatError extends Error {}

/**
 * Parses parameter values in the formats `aws cloudformation` accepts:
 * - a JSON list `[{"ParameterKey": "K", "ParameterValue": "V"}, …]`
 *   (`create-stack --parameters file://…`), where `UsePreviousValue` entries carry no value;
 * - a JSON object `{"Parameters": {"K": "V"}}` (`deploy --parameter-overrides file://…`);
 * - `Key=Value` pairs, one per argument or whitespace-separated (`deploy --parameter-overrides K=V`),
 *   or the shorthand `ParameterKey=K,ParameterValue=V`.
 * Later values win. Values are strings; a JSON list value is joined with commas,
 * which is how the CLI passes `CommaDelimitedList` values.
 */
export function parseParameterOverrides(text: string): Record<string, string> {
  const trimmed = text.trim();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new ParameterFormatError(`parameter file is not valid JSON: ${(error as Error).message}`);
    }
    return fromJson(parsed);
  }
  const out: Record<string, string> = {};
  for (const token of splitPairs(trimmed)) {
    const shorthand = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(token);
    if (shorthand) {
      out[shorthand[1]!] = shorthand[2]!;
      continue;
    }
    const eq = token.indexOf("=");
    if (eq <= 0) throw new ParameterFormatError(`expected Key=Value, got ${JSON.stringify(token)}`);
    out[token.slice(0, eq)] = token.slice(eq + 1);
  }
  return out;
}

function fromJson(parsed: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(parsed)) {
    for (const item of parsed) {
      const entry = item as { ParameterKey?: unknown; ParameterValue?: unknown; UsePreviousValue?: unknown } | null;
      if (typeof entry?.ParameterKey !== "string")
        throw new ParameterFormatError("each list entry needs a ParameterKey");
      if (entry.ParameterValue === undefined) continue; // UsePreviousValue: the deployed value is not known here
      out[entry.ParameterKey] = scalarText(entry.ParameterValue, entry.ParameterKey);
    }
    return out;
  }
  const parameters = (parsed as { Parameters?: unknown } | null)?.Parameters;
  if (parameters === null || typeof parameters !== "object" || Array.isArray(parameters)) {
    throw new ParameterFormatError('a parameter object needs a "Parameters" object');
  }
  for (const [key, value] of Object.entries(parameters as Record<string, unknown>)) out[key] = scalarText(value, key);
  return out;
}

function scalarText(value: unknown, key: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number"))
    return value.join(",");
  throw new ParameterFormatError(`the value of ${key} must be a string`);
}

/** Splits `A=1 B="two words"` into pairs; quotes group, and are removed. */
function splitPairs(text: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let quote: string | undefined;
  let inToken = false;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inToken = true;
    } else if (/\s/.test(c)) {
      if (inToken) tokens.push(current);
      current = "";
      inToken = false;
    } else {
      current += c;
      inToken = true;
    }
  }
  if (inToken) tokens.push(current);
  return tokens;
}

/** `AWS::SSM::Parameter::Value<…>`: the given value is the name of an SSM parameter, not its value. */
export const isSsmParameterType = (type: string): boolean => type.startsWith("AWS::SSM::Parameter::Value<");

/** `CommaDelimitedList`, `List<…>` and SSM list types produce lists. */
export const isListType = (type: string): boolean =>
  type === "CommaDelimitedList" ||
  type.startsWith("List<") ||
  /^AWS::SSM::Parameter::Value<(List<.*>|CommaDelimitedList)>$/.test(type);

/**
 * The value a parameter takes: the value the user (or a parent stack) gave,
 * else its default. Text values of list types are split on commas, with each
 * member trimmed as CloudFormation does. Ranges are left to the caller, which
 * places the value at each use site.
 */
export function parameterValue(
  parameter: CfnParameter,
  given: Value | undefined,
): { value: Value; source: ParameterSource } {
  const source: ParameterSource = given !== undefined ? "given" : parameter.default !== undefined ? "default" : "none";
  const raw = given ?? parameter.default;
  if (isSsmParameterType(parameter.type)) {
    // Reason IMPORT: like a dynamic reference, the value is read from Parameter Store at deploy time.
    const name = raw?.kind === "string" ? raw.value : undefined;
    const detail = name
      ? `Parameter ${parameter.name} is read from the SSM parameter ${name} when the stack is deployed.`
      : `Parameter ${parameter.name} names an SSM parameter, and no name was given.`;
    return { value: unknown("IMPORT", detail), source };
  }
  if (raw === undefined) {
    const detail = `Parameter ${parameter.name} has no default and no value was given.`;
    // A list type is still a list: of unknown length (maybe empty), each member unknown.
    const every = isListType(parameter.type) ? unknown("VAR_NO_DEFAULT", detail) : undefined;
    return { value: unknown("VAR_NO_DEFAULT", detail, every ? { every } : {}), source };
  }
  if (isListType(parameter.type) && (raw.kind === "string" || raw.kind === "number")) {
    const text = String(raw.value);
    return { value: list(text === "" ? [] : text.split(",").map((member) => str(member.trim()))), source };
  }
  if (raw.kind === "number" || raw.kind === "bool") return { value: str(String(raw.value)), source };
  return { value: raw, source };
}

/**
 * The values of `--cfn-parameters` options: each is a file (`file://path` or a
 * path to an existing file) in one of the JSON formats, or `Key=Value` pairs.
 * Later options win.
 */
export function parameterOverridesFromOptions(
  options: readonly string[],
  readFile: (path: string) => string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const option of options) {
    const path = option.startsWith("file://") ? option.slice("file://".length) : option;
    const text = option.startsWith("file://") || !option.includes("=") ? readFile(path) : undefined;
    if (text === undefined && !option.includes("="))
      throw new ParameterFormatError(`--cfn-parameters: cannot read ${path}`);
    Object.assign(out, parseParameterOverrides(text ?? option));
  }
  return out;
}
