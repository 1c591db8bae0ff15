/** Numeric functions. Numbers are JavaScript doubles (Terraform's are arbitrary precision; see README). */
import { num } from "../../core/value.js";
import { asInteger, asNumber, asString, defineFunction, fail, limitHit, numberResult } from "./args.js";
import type { TerraformFunction } from "./types.js";

/** Longest string `parseint` reads. */
export const MAX_PARSEINT_LENGTH = 1024;

const unary = (name: string, apply: (n: number) => number): TerraformFunction =>
  defineFunction(name, {
    min: 1,
    max: 1,
    call: ([value], context) => numberResult(apply(asNumber(value!, "argument")), context),
  });

const extreme = (name: string, pick: (a: number, b: number) => number): TerraformFunction =>
  defineFunction(name, {
    min: 1,
    max: Infinity,
    call(args, context) {
      const numbers = args.map((a, i) => asNumber(a, `argument ${i + 1}`));
      return numberResult(
        numbers.reduce((a, b) => pick(a, b)),
        context,
      );
    },
  });

/** Digit value in Go's `big.Int.SetString`: case-insensitive up to base 36, then a–z = 10–35, A–Z = 36–61. */
function digitValue(char: string, base: number): number {
  const code = char.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 10;
  if (code >= 65 && code <= 90) return base <= 36 ? code - 65 + 10 : code - 65 + 36;
  return Infinity;
}

export const NUMERIC_FUNCTIONS: Record<string, TerraformFunction> = {
  abs: unary("abs", Math.abs),
  ceil: unary("ceil", Math.ceil),
  floor: unary("floor", Math.floor),
  signum: unary("signum", Math.sign),
  pow: defineFunction("pow", {
    min: 2,
    max: 2,
    call: ([base, exponent], context) =>
      numberResult(asNumber(base!, "base") ** asNumber(exponent!, "exponent"), context),
  }),
  log: defineFunction("log", {
    min: 2,
    max: 2,
    call([value, base], context) {
      return numberResult(Math.log(asNumber(value!, "number")) / Math.log(asNumber(base!, "base")), context);
    },
  }),
  min: extreme("min", Math.min),
  max: extreme("max", Math.max),
  parseint: defineFunction("parseint", {
    min: 2,
    max: 2,
    call([value, baseValue], context) {
      const text = asString(value!, "number");
      const base = asInteger(baseValue!, "base");
      if (base < 2 || base > 62) fail(`invalid base ${base}: must be between 2 and 62 inclusive`);
      // Longer inputs would only cost quadratic BigInt work for a number no double can hold.
      if (text.length > MAX_PARSEINT_LENGTH) limitHit(`number is longer than ${MAX_PARSEINT_LENGTH} characters`);
      const match = /^([+-]?)(.+)$/s.exec(text);
      const digits = match?.[2] ?? "";
      let result = 0n;
      for (const char of digits) {
        const digit = digitValue(char, base);
        if (digit >= base) fail(`cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
        result = result * BigInt(base) + BigInt(digit);
      }
      if (digits === "") fail(`cannot parse ${JSON.stringify(text)} as a base ${base} integer`);
      const n = Number(result);
      return num(match?.[1] === "-" ? -n : n, context.range);
    },
  }),
};
