/** Shared helpers for the function-library tests: plain JS in, plain JS (or debug JSON) out. */
import type { SourceRange } from "../../../src/core/range.js";
import { bool, list, nul, num, obj, str, toDebugJson, toPlain, unknown, type Value } from "../../../src/core/value.js";
import { callFunction } from "../../../src/terraform/functions/index.js";
import type { FunctionContext, FunctionResult } from "../../../src/terraform/functions/types.js";

export const CALL_RANGE: SourceRange = {
  file: "main.tf",
  start: { line: 3, column: 5, offset: 40 },
  end: { line: 3, column: 30, offset: 65 },
};

export function rangeAt(line: number): SourceRange {
  return {
    file: "main.tf",
    start: { line, column: 1, offset: line * 10 },
    end: { line, column: 5, offset: line * 10 + 4 },
  };
}

export const FILES: Record<string, string> = {
  "policy.json": '{"Version":"2012-10-17"}',
  "hello.txt": "Hello World",
};

export function makeContext(overrides: Partial<FunctionContext> = {}): FunctionContext {
  return {
    range: CALL_RANGE,
    moduleDir: ".",
    readFile(path) {
      if (path.startsWith("/") || path.startsWith("..")) return { refused: "outside the scan root" };
      const text = FILES[path];
      return text === undefined ? { refused: "no such file" } : { text, file: path };
    },
    renderTemplate(text, _file, variables) {
      // A tiny stand-in for the evaluator: replaces ${name} with string variables.
      const vars = toPlain(variables) as Record<string, unknown>;
      return str(text.replace(/\$\{(\w+)\}/g, (_m, name: string) => String(vars[name])));
    },
    ...overrides,
  };
}

/** A value from plain JS: strings, numbers, bools, null, arrays, objects; Values pass through. */
export function v(plain: unknown): Value {
  if (plain !== null && typeof plain === "object" && "kind" in plain) return plain as Value;
  if (plain === null) return nul();
  if (typeof plain === "string") return str(plain);
  if (typeof plain === "number") return num(plain);
  if (typeof plain === "boolean") return bool(plain);
  if (Array.isArray(plain)) return list(plain.map(v));
  return obj(Object.entries(plain as Record<string, unknown>).map(([key, value]) => ({ key, value: v(value) })));
}

export function call(name: string, ...args: unknown[]): FunctionResult {
  return callFunction(name, args.map(v), makeContext());
}

export function callWith(context: FunctionContext, name: string, ...args: unknown[]): FunctionResult {
  return callFunction(name, args.map(v), context);
}

/** The plain result of a call that must succeed with a wholly known value. */
export function run(name: string, ...args: unknown[]): unknown {
  const result = call(name, ...args);
  if (result.kind === "function-error") throw new Error(`${name} failed: ${result.message}`);
  const plain = toPlain(result);
  if (plain === undefined) throw new Error(`${name} returned an Unknown: ${JSON.stringify(toDebugJson(result))}`);
  return plain;
}

/** The debug JSON of a call's result (Unknowns shown as `{$unknown, …}`). */
export function debug(name: string, ...args: unknown[]): unknown {
  const result = call(name, ...args);
  if (result.kind === "function-error") throw new Error(`${name} failed: ${result.message}`);
  return toDebugJson(result);
}

/** The error message of a call that must be invalid. */
export function error(name: string, ...args: unknown[]): string {
  const result = call(name, ...args);
  if (result.kind !== "function-error") throw new Error(`${name} did not fail: ${JSON.stringify(toDebugJson(result))}`);
  return result.message;
}

export const varUnknown = (name: string, options: { prefix?: string; suffix?: string } = {}): Value =>
  unknown("VAR_NO_DEFAULT", `var.${name} has no default`, { refs: [{ resource: `var.${name}` }], ...options });

export const computed = (
  resource: string,
  attribute: string,
  options: { prefix?: string; suffix?: string } = {},
): Value =>
  unknown("COMPUTED", `${resource}.${attribute} is set at apply time`, { refs: [{ resource, attribute }], ...options });
