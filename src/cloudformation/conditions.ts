/**
 * Conditions: the `Conditions` section and the condition functions
 * (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`), evaluated to
 * true, false, or — when they depend on something unknown — an Unknown that
 * says why.
 */
import type { SourceRange } from "../core/range.js";
import { unknown, type UnknownValue, type Value } from "../core/value.js";
import { scalarText } from "./values.js";

export type ConditionValue = boolean | UnknownValue;

export interface ConditionScope {
  /** Resolves an intrinsic expression (for `Fn::Equals` operands). */
  resolve(value: Value): Value | undefined;
  /** A named condition (cycles are the scope's to catch). */
  condition(name: string): ConditionValue;
  /** The `AllowedValues` of the parameter an unknown came from, when it has them. */
  allowedValuesOf(value: UnknownValue): readonly string[] | undefined;
}

export function evaluateCondition(expression: Value, scope: ConditionScope): ConditionValue {
  const only = expression.kind === "object" && expression.entries.length === 1 ? expression.entries[0] : undefined;
  if (!only) return malformed("a condition function", expression.range);
  const args = only.value.kind === "list" ? only.value.items : undefined;
  switch (only.key) {
    case "Condition":
      return only.value.kind === "string"
        ? scope.condition(only.value.value)
        : malformed("Condition: Name", expression.range);
    case "Fn::Equals":
      if (!args || args.length !== 2) return malformed("Fn::Equals [a, b]", expression.range);
      return equals(scope.resolve(args[0]!), scope.resolve(args[1]!), scope);
    case "Fn::Not": {
      if (!args || args.length !== 1) return malformed("Fn::Not [condition]", expression.range);
      const inner = evaluateCondition(args[0]!, scope);
      return typeof inner === "boolean" ? !inner : inner;
    }
    case "Fn::And":
    case "Fn::Or": {
      if (!args || args.length < 2 || args.length > 10)
        return malformed(`${only.key} with 2 to 10 conditions`, expression.range);
      // False decides an And (true an Or) even when another operand is unknown.
      const decisive = only.key === "Fn::Or";
      let undecided: UnknownValue | undefined;
      for (const arg of args) {
        const value = evaluateCondition(arg, scope);
        if (value === decisive) return decisive;
        if (typeof value !== "boolean") undecided ??= value;
      }
      return undecided ?? !decisive;
    }
    default:
      return malformed("a condition function", expression.range);
  }
}

function equals(a: Value | undefined, b: Value | undefined, scope: ConditionScope): ConditionValue {
  if (a?.kind === "unknown" || b?.kind === "unknown") {
    const [u, other] = a?.kind === "unknown" ? [a, b] : [b as UnknownValue, a];
    const text = scalarText(other);
    if (text !== undefined) {
      // Known literal parts or AllowedValues can still decide the comparison.
      if ((u.prefix && !text.startsWith(u.prefix)) || (u.suffix && !text.endsWith(u.suffix))) return false;
      const allowed = scope.allowedValuesOf(u);
      if (allowed && !allowed.includes(text)) return false;
      if (allowed && allowed.length === 1) return true;
    }
    return unknown(u.reason, u.detail, { refs: u.refs, range: u.range });
  }
  const left = scalarText(a);
  const right = scalarText(b);
  if (left !== undefined && right !== undefined) return left === right;
  return JSON.stringify(stripRanges(a)) === JSON.stringify(stripRanges(b));
}

function stripRanges(value: Value | undefined): unknown {
  if (value === undefined) return undefined;
  if (value.kind === "list") return value.items.map(stripRanges);
  if (value.kind === "object") return value.entries.map((e) => [e.key, stripRanges(e.value)]);
  return scalarText(value) ?? null;
}

function malformed(expected: string, range: SourceRange | undefined): UnknownValue {
  return unknown("UNSUPPORTED", `A condition must be ${expected}.`, { range });
}
