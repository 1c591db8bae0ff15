/**
 * Range invariants over a generated corpus, for the ranges the differential
 * test cannot see (names, labels, steps, template parts, directives…): every
 * range lies inside its parent's, and the source text it covers is what the
 * node says it is.
 */
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/gen-tf.mjs";
import type { Range } from "../../src/hcl/ast.js";
import { parseHcl } from "../../src/hcl/parser.js";

type AnyNode = { type: string; range: Range; [key: string]: unknown };

function isNode(v: unknown): v is AnyNode {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as AnyNode).type === "string" &&
    typeof (v as AnyNode).range === "object"
  );
}

/** Node types seen by `violations`, to show the invariants were checked on every kind. */
const seenTypes = new Set<string>();

/** Checks one file; returns a list of violations (empty when all hold). */
function violations(text: string): string[] {
  const result = parseHcl(text, "gen.tf");
  const out: string[] = [];
  const src = (r: Range) => text.slice(r.start, r.end);
  const expectText = (what: string, r: Range, expected: string) => {
    if (src(r) !== expected)
      out.push(`${what}: ${JSON.stringify(src(r))} !== ${JSON.stringify(expected)} at ${r.start}`);
  };
  const within = (child: Range, parent: Range, what: string) => {
    if (child.start < parent.start || child.end > parent.end || child.start > child.end) {
      out.push(`${what} [${child.start},${child.end}) outside [${parent.start},${parent.end})`);
    }
  };

  const visit = (node: AnyNode, parent: Range): void => {
    // The element symbol of a splat sits at the marker's end, outside `each`'s own source.
    seenTypes.add(node.type);
    if (node.type !== "AnonSymbol") within(node.range, parent, node.type);
    switch (node.type) {
      case "Attribute":
        expectText("attribute name", node.nameRange as Range, node.name as string);
        expectText("equals", node.equalsRange as Range, "=");
        break;
      case "Block": {
        expectText("block type", node.typeRange as Range, node.blockType as string);
        const labels = node.labels as string[];
        for (const [i, r] of (node.labelRanges as Range[]).entries())
          expectText("label", r, (node.labelQuoted as boolean[])[i] ? JSON.stringify(labels[i]) : labels[i]!);
        expectText("open brace", node.openBraceRange as Range, "{");
        expectText("close brace", node.closeBraceRange as Range, "}");
        break;
      }
      case "ScopeTraversal":
        expectText("root", node.rootRange as Range, node.root as string);
        break;
      case "TraverseAttr":
        expectText("attribute step", node.range, `.${node.name as string}`);
        break;
      case "TraverseIndex":
        if (node.legacy) expectText("legacy index", node.range, `.${String(node.key)}`);
        else if (!src(node.range).startsWith("[") || !src(node.range).endsWith("]"))
          out.push(`index step ${src(node.range)}`);
        break;
      case "FunctionCall":
        expectText("function name", node.nameRange as Range, node.name as string);
        expectText("open paren", node.openParenRange as Range, "(");
        expectText("close paren", node.closeParenRange as Range, ")");
        break;
      case "LiteralValue":
        expectText(
          "literal",
          node.range,
          node.valueType === "number" ? (node.numberText as string) : String(node.value),
        );
        break;
      case "ForExpr":
        expectText("value variable", node.valueVarRange as Range, node.valueVar as string);
        if (node.keyVar !== undefined) expectText("key variable", node.keyVarRange as Range, node.keyVar as string);
        break;
      case "TemplateInterpolation": {
        const s = src(node.range);
        if (!s.startsWith(node.stripLeft ? "${~" : "${") || !s.endsWith(node.stripRight ? "~}" : "}"))
          out.push(`interpolation ${s}`);
        break;
      }
      case "TemplateIf":
      case "TemplateFor":
        for (const key of ["ifRange", "elseRange", "endifRange", "forRange", "endforRange"]) {
          const r = node[key] as Range | undefined;
          if (r !== undefined && (!src(r).startsWith("%{") || !src(r).endsWith("}"))) out.push(`${key} ${src(r)}`);
        }
        break;
      case "BinaryOp":
        expectText("operator", node.opRange as Range, node.op as string);
        break;
      case "Splat":
        expectText("splat marker", node.markerRange as Range, node.kind === "full" ? "[*]" : ".*");
        break;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const v of value) isNode(v) && visit(v, node.range);
      else if (isNode(value)) visit(value, node.range);
    }
  };

  if (result.diagnostics.length > 0) out.push(`diagnostics: ${JSON.stringify(result.diagnostics)}`);
  visit(result.body as unknown as AnyNode, { start: 0, end: text.length });
  for (const c of result.comments) {
    const s = src(c.range);
    if (!s.startsWith(c.style) || !s.includes(c.text)) out.push(`comment ${s}`);
  }
  return out;
}

describe("range invariants", () => {
  it("hold for every node of a generated corpus", () => {
    const files = generateCorpus({ seed: 314, files: 150 });
    const problems = files.flatMap((f) => violations(f.text).map((v) => `${f.path}: ${v}`));
    expect(problems.slice(0, 20)).toEqual([]);
    expect([...seenTypes].sort()).toEqual([
      "AnonSymbol",
      "Attribute",
      "BinaryOp",
      "Block",
      "Body",
      "Conditional",
      "ForExpr",
      "FunctionCall",
      "IndexExpr",
      "LiteralValue",
      "ObjectCons",
      "ObjectItem",
      "ObjectKey",
      "Parentheses",
      "RelativeTraversal",
      "ScopeTraversal",
      "Splat",
      "Template",
      "TemplateFor",
      "TemplateIf",
      "TemplateInterpolation",
      "TemplateLiteral",
      "TraverseAttr",
      "TraverseIndex",
      "Tuple",
      "UnaryOp",
    ]);
  });
});
