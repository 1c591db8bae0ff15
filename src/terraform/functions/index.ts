/**
 * Terraform's built-in function library for the evaluator (issue 4).
 *
 * `callFunction` applies Terraform's Unknown rule (an Unknown argument makes
 * the result Unknown, unless the function accepts Unknowns) and answers an
 * unsupported name with an `UNSUPPORTED` Unknown. `try` and `can` need lazy
 * evaluation and belong to the evaluator; `provider::…` functions are not here.
 */
import { unknown, type UnknownValue, type Value } from "../../core/value.js";
import { unknownFrom } from "./args.js";
import { COLLECTION_FUNCTIONS } from "./collection.js";
import { CRYPTO_FUNCTIONS } from "./crypto.js";
import { ENCODING_FUNCTIONS } from "./encoding.js";
import { FILESYSTEM_FUNCTIONS } from "./filesystem.js";
import { FORMAT_FUNCTIONS } from "./format.js";
import { NETWORK_FUNCTIONS } from "./network.js";
import { NUMERIC_FUNCTIONS } from "./numeric.js";
import { REGEX_FUNCTIONS } from "./regex.js";
import { STRING_FUNCTIONS } from "./string.js";
import { TYPE_CONVERSION_FUNCTIONS } from "./type-conversion.js";
import type { FunctionContext, FunctionError, TerraformFunction } from "./types.js";

export type { FunctionContext, FunctionError, FunctionResult, TerraformFunction } from "./types.js";
export { MAX_COLLECTION_ELEMENTS, MAX_STRING_LENGTH, formatNumber } from "./args.js";
export { MAX_REGEX_INPUT_LENGTH, MAX_REGEX_PATTERN_LENGTH } from "./regex.js";
export { MAX_DECODE_DEPTH } from "./encoding.js";
export { TERRAFORM_RANGE_MAX } from "./collection.js";
export { MAX_PARSEINT_LENGTH } from "./numeric.js";

/** Every supported function by its plain name (a null-prototype record: no inherited names). */
export const FUNCTIONS: Record<string, TerraformFunction> = Object.assign(
  Object.create(null) as Record<string, TerraformFunction>,
  STRING_FUNCTIONS,
  REGEX_FUNCTIONS,
  FORMAT_FUNCTIONS,
  ENCODING_FUNCTIONS,
  COLLECTION_FUNCTIONS,
  TYPE_CONVERSION_FUNCTIONS,
  NUMERIC_FUNCTIONS,
  NETWORK_FUNCTIONS,
  FILESYSTEM_FUNCTIONS,
  CRYPTO_FUNCTIONS,
);

/** Calls a function by name with evaluated arguments; never throws. */
export function callFunction(name: string, args: Value[], context: FunctionContext): Value | FunctionError {
  const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn) return unknown("UNSUPPORTED", `function ${name} is not supported`, { range: context.range });
  if (!fn.acceptsUnknown) {
    const unknowns = args.filter((arg): arg is UnknownValue => arg.kind === "unknown");
    if (unknowns.length > 0) return unknownFrom(unknowns, context);
  }
  return fn.call(args, context);
}
