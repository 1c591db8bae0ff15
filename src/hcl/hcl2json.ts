/**
 * Renders our AST in the conventions of tmccombs/hcl2json as built into
 * `@cdktf/hcl2json`, the oracle of the differential tests:
 *
 * - a body is an object; attributes are values; a block `type "a" "b" {…}`
 *   becomes `{type: {a: {b: [body, …]}}}` — labels nest, the innermost value
 *   is always an array of bodies (several blocks with the same labels append);
 *   an attribute with the name of a block replaces it;
 * - numbers, booleans, null, strings without sequences, tuples and objects are
 *   JSON values; `-1` and `!true` (a unary operator on a literal) are folded,
 *   and `-true` or `!null` make the file an error, as in the oracle;
 * - a template that is exactly one interpolation renders the wrapped
 *   expression (`"${x}"` → `"${x}"`, `"${ {a=1} }"` → `{"a": 1}`);
 * - other templates are rebuilt: literal text decoded, with `${` / `%{`
 *   written back as `$${` / `%%{`; interpolations of a literal render the
 *   literal (`${1}` → `1`, `${"s"}` → `s`), an interpolated conditional
 *   prints as an `%{if}` directive (hashicorp/hcl represents both alike),
 *   other interpolations `${<source>}`; directives `%{if <source>}`, `%{else}` (only when the else
 *   branch is not empty), `%{endif}`, `%{for k, v in <source>}`, `%{endfor}` —
 *   without the original whitespace or strip markers;
 * - every other expression is `"${<source text of its range>}"`;
 * - object keys: an identifier or traversal is its source text, a template its
 *   rendering, a literal its string form, anything else `${<source>}`.
 *
 * Because non-literal expressions are printed from their ranges, a
 * differential test against the oracle also checks every range.
 */
import type { Block, Body, Expression, ObjectKey, ParseResult, Template, TemplatePart } from "./ast.js";
import { formatDiagnostic } from "./diagnostics.js";
import { positionAt } from "../core/range.js";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What the `debug hcl2json` command prints for one file. */
export type Hcl2JsonResult = { [key: string]: JsonValue } | { error: string };

/** The rendering, or why there is none (the file has errors, or blocks that cannot nest). */
export type Hcl2JsonOutcome = { ok: true; value: { [key: string]: JsonValue } } | { ok: false; error: string };

/** The oracle-convention JSON of a parse; `{error}` if it has errors (the form the CLI prints). */
export function hcl2json(result: ParseResult, source: string): Hcl2JsonResult {
  const outcome = renderHcl2Json(result, source);
  return outcome.ok ? outcome.value : { error: outcome.error };
}

/**
 * Like `hcl2json`, but unambiguous: a body may well have an attribute named
 * `error`, so tests compare this form.
 */
export function renderHcl2Json(result: ParseResult, source: string): Hcl2JsonOutcome {
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    return { ok: false, error: errors.map((d) => formatDiagnostic(result.file, result.lineStarts, d)).join("\n") };
  }
  const renderer = new Renderer(source, result);
  try {
    return { ok: true, value: renderer.body(result.body) };
  } catch (e) {
    if (e instanceof ConversionError) return { ok: false, error: e.message };
    throw e;
  }
}

class ConversionError extends Error {}

class Renderer {
  constructor(
    private readonly src: string,
    private readonly result: ParseResult,
  ) {}

  body(body: Body): { [key: string]: JsonValue } {
    const out: { [key: string]: JsonValue } = {};
    for (const block of body.blocks) this.block(block, out);
    for (const attr of body.attributes) out[attr.name] = this.expression(attr.expr);
    return out;
  }

  private block(block: Block, root: { [key: string]: JsonValue }): void {
    let out = root;
    let key = block.blockType;
    for (const label of block.labels) {
      const inner = out[key];
      if (inner === undefined) {
        const obj: { [key: string]: JsonValue } = {};
        out[key] = obj;
        out = obj;
      } else if (inner !== null && typeof inner === "object" && !Array.isArray(inner)) {
        out = inner;
      } else {
        throw this.blockConflict(block);
      }
      key = label;
    }
    const value = this.body(block.body);
    const current = out[key];
    if (current === undefined) out[key] = [value];
    else if (Array.isArray(current)) current.push(value);
    else throw this.blockConflict(block);
  }

  private blockConflict(block: Block): ConversionError {
    return new ConversionError(
      `${this.where(block.typeRange.start)}: Unable to convert Block to JSON: ${[block.blockType, ...block.labels].join(".")}`,
    );
  }

  /** `file:line,column` of an offset. */
  private where(offset: number): string {
    const p = positionAt(this.result.lineStarts, offset);
    return `${this.result.file}:${p.line},${p.column}`;
  }

  private source(e: { range: { start: number; end: number } }): string {
    return this.src.slice(e.range.start, e.range.end);
  }

  private wrap(e: Expression): string {
    return `\${${this.source(e)}}`;
  }

  expression(e: Expression): JsonValue {
    switch (e.type) {
      case "LiteralValue":
        return e.value;
      case "UnaryOp": {
        const operand = e.operand;
        if (operand.type !== "LiteralValue") return this.wrap(e);
        if (e.op === "-" && typeof operand.value === "number") return -operand.value;
        if (e.op === "!" && typeof operand.value === "boolean") return !operand.value;
        // The oracle evaluates a unary operator on a literal, and fails on `-true` or `!null`.
        throw new ConversionError(
          `${this.where(e.range.start)}: Invalid operand: "${e.op}" cannot apply to ${JSON.stringify(operand.value)}`,
        );
      }
      case "Template": {
        const only = e.parts[0];
        if (e.parts.length === 1 && only !== undefined && only.type === "TemplateInterpolation")
          return this.expression(only.expr);
        return this.template(e);
      }
      case "Tuple":
        return e.items.map((item) => this.expression(item));
      case "ObjectCons": {
        const out: { [key: string]: JsonValue } = {};
        for (const item of e.items) out[this.key(item.key)] = this.expression(item.value);
        return out;
      }
      default:
        return this.wrap(e);
    }
  }

  private template(t: Template): string {
    let out = "";
    for (const part of t.parts) out += this.part(part);
    return out;
  }

  private parts(parts: TemplatePart[]): string {
    let out = "";
    for (const part of parts) out += this.part(part);
    return out;
  }

  private part(part: TemplatePart): string {
    switch (part.type) {
      case "TemplateLiteral":
        return escapeTemplateLiteral(part.value);
      case "TemplateInterpolation":
        return this.interpolated(part.expr);
      case "TemplateIf": {
        const elseText = this.parts(part.elseParts);
        return (
          "%{if " +
          this.source(part.condition) +
          "}" +
          this.parts(part.thenParts) +
          (elseText.length > 0 ? `%{else}${elseText}` : "") +
          "%{endif}"
        );
      }
      case "TemplateFor":
        return (
          "%{for " +
          (part.keyVar !== undefined ? `${part.keyVar}, ` : "") +
          part.valueVar +
          " in " +
          this.source(part.collection) +
          "}" +
          this.parts(part.bodyParts) +
          "%{endfor}"
        );
    }
  }

  /** An interpolated expression inside a larger template. */
  private interpolated(e: Expression): string {
    if (e.type === "LiteralValue") return e.value === null ? "null" : String(e.value);
    if (e.type === "Conditional") {
      // hashicorp/hcl represents `%{ if }` directives as conditional
      // expressions, so the oracle prints an interpolated conditional as one.
      const falseText = this.interpolated(e.falseExpr);
      return (
        "%{if " +
        this.source(e.condition) +
        "}" +
        this.interpolated(e.trueExpr) +
        (falseText.length > 0 ? `%{else}${falseText}` : "") +
        "%{endif}"
      );
    }
    if (e.type === "Template") {
      const only = e.parts[0];
      if (e.parts.length === 1 && only !== undefined && only.type === "TemplateInterpolation")
        return this.interpolated(only.expr);
      return this.template(e);
    }
    return this.wrap(e);
  }

  private key(k: ObjectKey): string {
    const e = k.expr;
    switch (e.type) {
      case "ScopeTraversal":
        return this.source(e);
      case "Template":
        return this.interpolated(e);
      case "LiteralValue":
        return e.value === null ? "null" : String(e.value);
      default:
        return this.wrap(e);
    }
  }
}

/** Literal template text as the oracle prints it: `${` and `%{` escaped again. */
export function escapeTemplateLiteral(value: string): string {
  if (value.indexOf("{") < 0) return value;
  // Function replacements: in a replacement string "$$" would mean "$".
  return value.replaceAll("${", () => "$${").replaceAll("%{", () => "%%{");
}
