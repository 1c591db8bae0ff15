/**
 * Expressions → values, with Terraform's semantics and static-analysis
 * Unknowns. Names (`var.x`, `aws_vpc.main.id`, …) are resolved by the scope's
 * module (see `references.ts`); everything else — operators, templates, `for`,
 * splats, conditionals, function calls — is here.
 *
 * Unknowns propagate as in Terraform: an operator or function with an Unknown
 * operand is Unknown (carrying the operands' references), an Unknown condition
 * makes a conditional Unknown, a known collection may hold Unknown elements.
 * The one deliberate difference: a template keeps its known literal
 * beginning and end on an Unknown string (`template.ts`).
 *
 * Ranges: every value carries the range of the expression that produced it;
 * a reference's value (`var.x`, `aws_vpc.main.cidr_block`) takes the range of
 * the reference at its use site at the top level, while its elements keep the
 * ranges where they were written.
 */
import type { Expression, ForExpr, FunctionCall, ScopeTraversal, TemplatePart, TraversalStep } from "../hcl/index.js";
import { rangeAt, type SourceRange } from "../core/range.js";
import type { ObjectEntry, ResourceRef, TextPart, UnknownValue, Value } from "../core/value.js";
import { str, unknown } from "../core/value.js";
import type { SourceFile } from "./config.js";
import { addRefs, joinTemplatePieces, type TemplatePiece } from "./template.js";
import { callFunction, lookupFunction, type FunctionContext } from "./function-library.js";

/** An invalid expression (Terraform would reject it); `try`/`can` catch it. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly range?: SourceRange,
  ) {
    super(message);
  }
}

/** A counted limit was hit; not caught by `try`/`can`. */
export class LimitError extends Error {
  constructor(
    message: string,
    readonly range?: SourceRange,
  ) {
    super(message);
  }
}

export interface Budget {
  steps: number;
  readonly maxSteps: number;
}

/** Resolves names against a module instance (implemented in `references.ts`). */
export interface NameResolver {
  /** `var.*`, `local.*`, `module.*`, `data.*`, resources, `path.*`, `terraform.*`, `self`. */
  resolve(traversal: ScopeTraversal, scope: EvalScope): Value;
  /** Applies traversal steps to a value that may stand for a resource instance. */
  applyStep(
    value: Value,
    step: TraversalStep | { type: "Key"; key: Value },
    range: SourceRange,
    scope: EvalScope,
  ): Value;
  functionContext(range: SourceRange, scope: EvalScope): FunctionContext;
  /** Reports an invalid function call or similar (a note; the value is Unknown). */
  note(message: string, range: SourceRange): void;
}

export interface EvalScope {
  src: SourceFile;
  resolver: NameResolver;
  budget: Budget;
  /** Names bound by `for`, template `for`, `dynamic` iterators, `templatefile` vars. */
  bindings?: ReadonlyMap<string, Value>;
  countIndex?: Value;
  each?: { key: Value; value: Value };
  /** The resource instance being evaluated (`self`; an `InstanceNode`). */
  self?: { readonly id: string };
}

export const DEFAULT_MAX_STEPS = 250_000;
export const ANON = "\u0000splat";

export function newBudget(maxSteps = DEFAULT_MAX_STEPS): Budget {
  return { steps: 0, maxSteps };
}

export function withBindings(scope: EvalScope, names: Record<string, Value>): EvalScope {
  const bindings = new Map(scope.bindings ?? []);
  for (const [k, v] of Object.entries(names)) bindings.set(k, v);
  return { ...scope, bindings };
}

/**
 * The array without the spare room `push` leaves: an array grown by `push` from
 * empty has 17 slots for its first 1–16 items, and most arrays a value keeps
 * (an object's entries, a block's attributes) hold two or three (issue 8).
 */
export function trimmed<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}

/**
 * The source range of an AST node. A range is one small object that computes
 * its lines and columns only when read (`rangeAt`), so making one costs less
 * than the per-node cache (a WeakMap keyed by AST ranges) this used to keep.
 */
export function rangeOf(scope: EvalScope, r: { start: number; end: number }): SourceRange {
  return rangeAt(scope.src.path, scope.src.lineStarts, r.start, r.end);
}

/** Evaluates an expression. Throws `ExpressionError` for invalid expressions and `LimitError` on limits. */
export function evaluate(expr: Expression, scope: EvalScope): Value {
  if (++scope.budget.steps > scope.budget.maxSteps) {
    throw new LimitError(`evaluation stopped after ${scope.budget.maxSteps} steps`, rangeOf(scope, expr.range));
  }
  const range = rangeOf(scope, expr.range);
  switch (expr.type) {
    case "LiteralValue":
      if (expr.valueType === "null") return { kind: "null", range };
      if (expr.valueType === "bool") return { kind: "bool", value: expr.value as boolean, range };
      return { kind: "number", value: expr.value as number, range };
    case "Template":
      return evaluateTemplate(expr.parts, scope, range);
    case "ScopeTraversal":
      return withTopRange(scope.resolver.resolve(expr, scope), range);
    case "RelativeTraversal": {
      let value = evaluate(expr.source, scope);
      for (const step of expr.steps) value = scope.resolver.applyStep(value, step, rangeOf(scope, step.range), scope);
      return withTopRange(value, range);
    }
    case "IndexExpr": {
      const collection = evaluate(expr.collection, scope);
      const key = evaluate(expr.key, scope);
      return withTopRange(
        scope.resolver.applyStep(collection, { type: "Key", key }, rangeOf(scope, expr.bracketRange), scope),
        range,
      );
    }
    case "FunctionCall":
      return evaluateCall(expr, scope, range);
    case "Conditional": {
      const condition = evaluate(expr.condition, scope);
      if (condition.kind === "unknown") {
        const refs = [...condition.refs];
        for (const branch of [expr.trueExpr, expr.falseExpr]) {
          const v = tryEvaluate(branch, scope);
          if (v) addRefs(refs, collectRefs(v));
        }
        return unknown(condition.reason, condition.detail, { refs, range });
      }
      const chosen = toBool(condition, "condition") ? expr.trueExpr : expr.falseExpr;
      return withTopRange(evaluate(chosen, scope), range);
    }
    case "BinaryOp":
      return evaluateBinary(expr.op, evaluate(expr.left, scope), evaluate(expr.right, scope), range);
    case "UnaryOp": {
      const operand = evaluate(expr.operand, scope);
      if (operand.kind === "unknown") return propagate([operand], range);
      if (expr.op === "!") return { kind: "bool", value: !toBool(operand, "operand of !"), range };
      return { kind: "number", value: -toNumber(operand, "operand of -"), range };
    }
    case "Tuple":
      return { kind: "list", items: expr.items.map((item) => evaluate(item, scope)), range };
    case "ObjectCons": {
      const entries: ObjectEntry[] = [];
      for (const item of expr.items) {
        const keyRange = rangeOf(scope, item.key.range);
        let key: string;
        if (item.key.bareIdentifier && item.key.expr.type === "ScopeTraversal") key = item.key.expr.root;
        else {
          const keyValue = evaluate(item.key.expr, scope);
          if (keyValue.kind === "unknown") return propagate([keyValue], range);
          key = toStringValue(keyValue, "object key");
        }
        const value = evaluate(item.value, scope);
        const existing = entries.findIndex((e) => e.key === key);
        if (existing >= 0) entries.splice(existing, 1);
        entries.push({ key, keyRange, value });
      }
      return { kind: "object", entries: trimmed(entries), range };
    }
    case "ForExpr":
      return evaluateFor(expr, scope, range);
    case "Splat": {
      const source = evaluate(expr.source, scope);
      if (source.kind === "unknown") {
        if (!source.every) return withTopRange(source, range);
        const each = source.every;
        return everyElement(source, () => evaluate(expr.each, withBindings(scope, { [ANON]: each })), range);
      }
      const items = source.kind === "list" ? source.items : source.kind === "null" ? [] : [source];
      return {
        kind: "list",
        items: items.map((item) => evaluate(expr.each, withBindings(scope, { [ANON]: item }))),
        range,
      };
    }
    case "AnonSymbol": {
      const value = scope.bindings?.get(ANON);
      if (value === undefined) throw new ExpressionError("splat symbol outside a splat", range);
      return value;
    }
    case "Parentheses":
      return evaluate(expr.expr, scope);
    case "Invalid":
      throw new ExpressionError("invalid expression", range);
  }
}

function tryEvaluate(expr: Expression, scope: EvalScope): Value | undefined {
  try {
    return evaluate(expr, scope);
  } catch (error) {
    if (error instanceof ExpressionError) return undefined;
    throw error;
  }
}

/** The value with its top-level range replaced (a shallow copy). */
export function withTopRange(value: Value, range: SourceRange): Value {
  if (value.range === range) return value;
  return { ...value, range };
}

/** Every reference inside a value (Unknowns anywhere in it). */
export function collectRefs(value: Value, out: ResourceRef[] = []): ResourceRef[] {
  switch (value.kind) {
    case "unknown":
      addRefs(out, value.refs);
      break;
    case "list":
      for (const item of value.items) collectRefs(item, out);
      break;
    case "object":
      for (const entry of value.entries) collectRefs(entry.value, out);
      break;
    default:
      break;
  }
  return out;
}

/** An Unknown made from Unknown operands: the first one's reason, everyone's refs. */
export function propagate(operands: readonly Value[], range: SourceRange | undefined): UnknownValue {
  const unknowns = operands.filter((o): o is UnknownValue => o.kind === "unknown");
  const first = unknowns[0];
  const refs: ResourceRef[] = [];
  for (const operand of operands) collectRefs(operand, refs);
  if (!first) return unknown("UNSUPPORTED", "The value could not be determined.", { refs, range });
  return unknown(first.reason, first.detail, { refs, range });
}

// ---------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------

export function evaluateTemplate(parts: readonly TemplatePart[], scope: EvalScope, range: SourceRange): Value {
  // `"${x}"` is x itself, unconverted (hclsyntax's TemplateWrapExpr).
  const only = parts[0];
  if (parts.length === 1 && only?.type === "TemplateInterpolation")
    return withTopRange(evaluate(only.expr, scope), range);
  const pieces: TemplatePiece[] = [];
  // The parts as written (literal text at its range, interpolated values as they are): a template
  // that is JSON with holes — a heredoc or templatefile() state machine definition — is parsed
  // around its computed parts (src/workflows/definition.ts).
  const textParts: TextPart[] = [];
  appendParts(parts, scope, pieces, textParts);
  const joined = joinTemplatePieces(pieces, range);
  return textParts.length > 1 && (joined.kind === "string" || joined.kind === "unknown")
    ? { ...joined, parts: textParts }
    : joined;
}

function appendParts(
  parts: readonly TemplatePart[],
  scope: EvalScope,
  pieces: TemplatePiece[],
  textParts: TextPart[],
): void {
  for (const part of parts) {
    switch (part.type) {
      case "TemplateLiteral":
        pieces.push({ text: part.value });
        if (part.value !== "")
          textParts.push({ source: str(part.value, rangeOf(scope, part.range)), start: 0, end: part.value.length });
        break;
      case "TemplateInterpolation": {
        const value = evaluate(part.expr, scope);
        if (value.kind === "unknown") pieces.push({ unknown: value });
        else if (value.kind === "null")
          throw new ExpressionError("template interpolation value is null", rangeOf(scope, part.range));
        else pieces.push({ text: toStringValue(value, "template interpolation") });
        textParts.push({ value, range: rangeOf(scope, part.range) });
        break;
      }
      case "TemplateIf": {
        const condition = evaluate(part.condition, scope);
        if (condition.kind === "unknown") {
          const missing = unknown(condition.reason, condition.detail, { refs: condition.refs });
          pieces.push({ unknown: missing });
          textParts.push({ value: missing, range: rangeOf(scope, part.range) });
          break;
        }
        appendParts(
          toBool(condition, "template if condition") ? part.thenParts : part.elseParts,
          scope,
          pieces,
          textParts,
        );
        break;
      }
      case "TemplateFor": {
        const collection = evaluate(part.collection, scope);
        if (collection.kind === "unknown") {
          const missing = unknown(collection.reason, collection.detail, { refs: collection.refs });
          pieces.push({ unknown: missing });
          textParts.push({ value: missing, range: rangeOf(scope, part.range) });
          break;
        }
        for (const [key, value] of iterate(collection, "template for")) {
          const names: Record<string, Value> = { [part.valueVar]: value };
          if (part.keyVar) names[part.keyVar] = key;
          appendParts(part.bodyParts, withBindings(scope, names), pieces, textParts);
        }
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------
// for expressions
// ---------------------------------------------------------------------------

/** Key/value pairs of a collection in Terraform's order (object keys sorted lexically). */
export function iterate(collection: Value, what: string): [Value, Value][] {
  if (collection.kind === "list") return collection.items.map((item, i) => [{ kind: "number", value: i }, item]);
  if (collection.kind === "object") {
    return [...collection.entries]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((e) => [{ kind: "string", value: e.key, range: e.keyRange }, e.value]);
  }
  throw new ExpressionError(`${what} needs a list, set, map or object, not ${describe(collection)}`, collection.range);
}

/**
 * A collection of unknown length whose every element is `element()`, made from
 * another such collection (`from`). An element that cannot be evaluated
 * (an invalid expression on the symbolic element) leaves a plain Unknown.
 */
export function everyElement(from: UnknownValue, element: () => Value | undefined, range: SourceRange): UnknownValue {
  let every: Value | undefined;
  try {
    every = element();
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
  }
  const refs = [...from.refs];
  if (every) addRefs(refs, collectRefs(every));
  return unknown(from.reason, from.detail, { refs, range, ...(every ? { every } : {}) });
}

/** What every element of an Unknown collection is known to be: its `every`, else an Unknown like it. */
export function elementOf(collection: UnknownValue): Value {
  return collection.every ?? unknown(collection.reason, collection.detail, { refs: collection.refs });
}

/**
 * A `for` over a collection of unknown length: the body evaluated once, on
 * the symbolic element (DESIGN.md), gives what every element of the result is;
 * a filter known to be false for that element leaves the result empty.
 */
function evaluateForEvery(expr: ForExpr, collection: UnknownValue, scope: EvalScope, range: SourceRange): Value {
  const key = unknown(collection.reason, collection.detail, { refs: collection.refs });
  const names: Record<string, Value> = { [expr.valueVar]: elementOf(collection) };
  if (expr.keyVar) names[expr.keyVar] = key;
  const inner = withBindings(scope, names);
  if (expr.condition) {
    const keep = tryEvaluate(expr.condition, inner);
    if (keep !== undefined && keep.kind !== "unknown" && !toBool(keep, "for condition"))
      return expr.keyExpr ? { kind: "object", entries: [], range } : { kind: "list", items: [], range };
  }
  return everyElement(
    collection,
    () => {
      const value = evaluate(expr.valueExpr, inner);
      return expr.grouping
        ? unknown(collection.reason, collection.detail, { refs: collection.refs, every: value })
        : value;
    },
    range,
  );
}

function evaluateFor(expr: ForExpr, scope: EvalScope, range: SourceRange): Value {
  const collection = evaluate(expr.collection, scope);
  if (collection.kind === "unknown") return evaluateForEvery(expr, collection, scope, range);
  const items: Value[] = [];
  const groups = new Map<string, { keyRange?: SourceRange; values: Value[] }>();
  for (const [key, value] of iterate(collection, "for expression")) {
    const names: Record<string, Value> = { [expr.valueVar]: value };
    if (expr.keyVar) names[expr.keyVar] = key;
    const inner = withBindings(scope, names);
    if (expr.condition) {
      const keep = evaluate(expr.condition, inner);
      if (keep.kind === "unknown") return propagate([keep], range);
      if (!toBool(keep, "for condition")) continue;
    }
    if (!expr.keyExpr) {
      items.push(evaluate(expr.valueExpr, inner));
      continue;
    }
    const k = evaluate(expr.keyExpr, inner);
    if (k.kind === "unknown") return propagate([k], range);
    const keyString = toStringValue(k, "for key");
    const v = evaluate(expr.valueExpr, inner);
    const group = groups.get(keyString);
    if (group && !expr.grouping)
      throw new ExpressionError(`duplicate key "${keyString}" in for expression (use ... to group)`, range);
    if (group) group.values.push(v);
    else groups.set(keyString, { keyRange: k.range, values: [v] });
  }
  if (!expr.keyExpr) return { kind: "list", items: trimmed(items), range };
  const entries: ObjectEntry[] = [...groups].map(([key, g]) => ({
    key,
    keyRange: g.keyRange,
    value: expr.grouping ? { kind: "list", items: g.values } : g.values[0]!,
  }));
  return { kind: "object", entries, range };
}

// ---------------------------------------------------------------------------
// Function calls
// ---------------------------------------------------------------------------

function evaluateCall(expr: FunctionCall, scope: EvalScope, range: SourceRange): Value {
  const name = expr.name;
  if (name === "try") {
    for (const arg of expr.args) {
      const value = tryEvaluate(arg, scope);
      if (value !== undefined) return withTopRange(value, range);
    }
    throw new ExpressionError("no argument of try() could be evaluated without an error", range);
  }
  if (name === "can") {
    const arg = expr.args[0];
    if (!arg || expr.args.length !== 1) throw new ExpressionError("can() takes one argument", range);
    const value = tryEvaluate(arg, scope);
    if (value === undefined) return { kind: "bool", value: false, range };
    if (value.kind === "unknown") return propagate([value], range);
    return { kind: "bool", value: true, range };
  }
  let args = expr.args.map((a) => evaluate(a, scope));
  if (expr.expandFinal) {
    const last = args[args.length - 1];
    if (last?.kind === "unknown") return propagate([last], range);
    if (last?.kind !== "list")
      throw new ExpressionError(`the final argument of ${name}(...) must be a list to expand`, range);
    args = [...args.slice(0, -1), ...last.items];
  }
  const fn = lookupFunction(name);
  if (!fn) {
    const refs: ResourceRef[] = [];
    for (const a of args) collectRefs(a, refs);
    return unknown("UNSUPPORTED", `The function ${name} is not supported by static analysis.`, { refs, range });
  }
  const only = args[0];
  if (only?.kind === "unknown" && only.every && ELEMENT_PRESERVING.has(name)) {
    // `tolist(aws_subnet.private[*].id)`: still every element what it was.
    if (args.slice(1).every((a) => a.kind !== "unknown")) return { ...only, range };
  }
  if (!fn.acceptsUnknown && args.some((a) => a.kind === "unknown")) return propagate(args, range);
  const result = callFunction(name, args, scope.resolver.functionContext(range, scope));
  if ("kind" in result && result.kind === "function-error")
    throw new ExpressionError(`${name}(): ${result.message}`, range);
  return result as Value;
}

/**
 * Functions whose result, for a collection of unknown length (first argument),
 * is a collection each of whose elements is one of the argument's elements.
 */
const ELEMENT_PRESERVING = new Set(["tolist", "toset", "values", "distinct", "sort", "reverse", "slice", "compact"]);

// ---------------------------------------------------------------------------
// Operators and conversions
// ---------------------------------------------------------------------------

function evaluateBinary(op: string, left: Value, right: Value, range: SourceRange): Value {
  if (left.kind === "unknown" || right.kind === "unknown") return propagate([left, right], range);
  switch (op) {
    case "==":
      return { kind: "bool", value: valuesEqual(left, right), range };
    case "!=":
      return { kind: "bool", value: !valuesEqual(left, right), range };
    case "&&":
      return { kind: "bool", value: toBool(left, "operand of &&") && toBool(right, "operand of &&"), range };
    case "||":
      return { kind: "bool", value: toBool(left, "operand of ||") || toBool(right, "operand of ||"), range };
  }
  const a = toNumber(left, `operand of ${op}`);
  const b = toNumber(right, `operand of ${op}`);
  switch (op) {
    case "<":
      return { kind: "bool", value: a < b, range };
    case ">":
      return { kind: "bool", value: a > b, range };
    case "<=":
      return { kind: "bool", value: a <= b, range };
    case ">=":
      return { kind: "bool", value: a >= b, range };
    case "+":
      return { kind: "number", value: a + b, range };
    case "-":
      return { kind: "number", value: a - b, range };
    case "*":
      return { kind: "number", value: a * b, range };
    case "/":
      if (b === 0) throw new ExpressionError("division by zero", range);
      return { kind: "number", value: a / b, range };
    case "%":
      if (b === 0) throw new ExpressionError("modulo by zero", range);
      // Terraform's % is the remainder with the dividend's sign, as in JS.
      return { kind: "number", value: a % b, range };
  }
  throw new ExpressionError(`unknown operator ${op}`, range);
}

/** Terraform equality: types must match (no conversion), collections compare deeply. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "string":
    case "number":
    case "bool":
      return a.value === (b as typeof a).value;
    case "null":
      return true;
    case "list": {
      const bl = b as typeof a;
      return a.items.length === bl.items.length && a.items.every((item, i) => valuesEqual(item, bl.items[i]!));
    }
    case "object": {
      const bo = b as typeof a;
      if (a.entries.length !== bo.entries.length) return false;
      return a.entries.every((e) => {
        const other = bo.entries.find((x) => x.key === e.key);
        return other !== undefined && valuesEqual(e.value, other.value);
      });
    }
    case "unknown":
      return false;
  }
}

export function describe(value: Value): string {
  switch (value.kind) {
    case "list":
      return "a list";
    case "object":
      return "an object";
    case "null":
      return "null";
    case "unknown":
      return "an unknown value";
    default:
      return `a ${value.kind}`;
  }
}

/** Terraform's number formatting for string conversion. */
export function numberToString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

export function toStringValue(value: Value, what: string): string {
  switch (value.kind) {
    case "string":
      return value.value;
    case "number":
      return numberToString(value.value);
    case "bool":
      return value.value ? "true" : "false";
    default:
      throw new ExpressionError(`${what} must be a string, not ${describe(value)}`, value.range);
  }
}

export function toNumber(value: Value, what: string): number {
  if (value.kind === "number") return value.value;
  if (value.kind === "string") {
    const text = value.value.trim();
    if (text !== "" && /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  }
  throw new ExpressionError(
    `${what} must be a number, not ${describe(value)}${value.kind === "string" ? ` ("${value.value}")` : ""}`,
    value.range,
  );
}

export function toBool(value: Value, what: string): boolean {
  if (value.kind === "bool") return value.value;
  if (value.kind === "string" && (value.value === "true" || value.value === "false")) return value.value === "true";
  throw new ExpressionError(`${what} must be a bool, not ${describe(value)}`, value.range);
}
