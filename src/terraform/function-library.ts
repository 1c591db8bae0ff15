/**
 * The bridge to the function library in `./functions/` (written separately).
 * The evaluator calls functions only through here, so that the library's
 * entry point is named in one place.
 */
import type { FunctionContext, FunctionResult, TerraformFunction } from "./functions/types.js";
import { callFunction as libraryCall, FUNCTIONS } from "./functions/index.js";

export type { FunctionContext, FunctionResult };

/** The library's description of a function, or undefined when it has none. */
export function lookupFunction(name: string): TerraformFunction | undefined {
  const table = FUNCTIONS as unknown;
  if (table instanceof Map) return table.get(name) as TerraformFunction | undefined;
  if (table && typeof table === "object" && Object.hasOwn(table, name))
    return (table as Record<string, TerraformFunction>)[name];
  return undefined;
}

export function callFunction(
  name: string,
  args: Parameters<typeof libraryCall>[1],
  context: FunctionContext,
): FunctionResult {
  return libraryCall(name, args, context);
}
