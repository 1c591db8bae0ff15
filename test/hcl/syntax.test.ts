/**
 * Every construct of the HCL native syntax: exact AST values and exact ranges
 * (as the source text they cover and line:column of both ends).
 */
import { describe, expect, it } from "vitest";
import type { Expression } from "../../src/hcl/ast.js";
import { parse, parseExpr } from "./helpers.js";

/** Narrows a node to one type or fails the test. */
function as<T extends Expression["type"]>(e: Expression | undefined, type: T): Extract<Expression, { type: T }> {
  expect(e?.type).toBe(type);
  return e as Extract<Expression, { type: T }>;
}

describe("bodies, attributes and blocks", () => {
  const source = [
    'resource "aws_vpc" main {',
    '  cidr_block = "10.0.0.0/16"',
    "",
    "  tags {",
    "    Name = var.name",
    "  }",
    "}",
    'region = "eu-west-1"',
    "",
  ].join("\n");
  const { result, span } = parse(source);

  it("keeps attributes, blocks and their source order", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.body.items.map((i) => i.type)).toEqual(["Block", "Attribute"]);
    expect(result.body.blocks).toHaveLength(1);
    expect(result.body.attributes.map((a) => a.name)).toEqual(["region"]);
    expect(result.body.items[0]).toBe(result.body.blocks[0]);
  });

  it("gives a block its type, labels, braces and whole range", () => {
    const block = result.body.blocks[0]!;
    expect(block.blockType).toBe("resource");
    expect(block.labels).toEqual(["aws_vpc", "main"]);
    expect(block.labelQuoted).toEqual([true, false]);
    expect(span(block.typeRange)).toEqual({ text: "resource", from: "1:1", to: "1:9" });
    expect(block.labelRanges.map(span)).toEqual([
      { text: '"aws_vpc"', from: "1:10", to: "1:19" },
      { text: "main", from: "1:20", to: "1:24" },
    ]);
    expect(span(block.openBraceRange)).toEqual({ text: "{", from: "1:25", to: "1:26" });
    expect(span(block.closeBraceRange)).toEqual({ text: "}", from: "7:1", to: "7:2" });
    expect(span(block.range)).toMatchObject({ from: "1:1", to: "7:2" });
    expect(span(block.body.range)).toMatchObject({ from: "1:26", to: "7:1" });
  });

  it("gives an attribute its name, equals sign and whole range", () => {
    const attr = result.body.blocks[0]!.body.attributes[0]!;
    expect(attr.name).toBe("cidr_block");
    expect(span(attr.nameRange)).toEqual({ text: "cidr_block", from: "2:3", to: "2:13" });
    expect(span(attr.equalsRange)).toEqual({ text: "=", from: "2:14", to: "2:15" });
    expect(span(attr.range)).toEqual({ text: 'cidr_block = "10.0.0.0/16"', from: "2:3", to: "2:29" });
    expect(span(attr.expr.range)).toEqual({ text: '"10.0.0.0/16"', from: "2:16", to: "2:29" });
  });

  it("parses nested blocks without labels", () => {
    const tags = result.body.blocks[0]!.body.blocks[0]!;
    expect(tags).toMatchObject({ blockType: "tags", labels: [], labelRanges: [] });
    expect(span(tags.range)).toMatchObject({ from: "4:3", to: "6:4" });
    const name = as(tags.body.attributes[0]!.expr, "ScopeTraversal");
    expect(name.root).toBe("var");
    expect(span(name.range)).toEqual({ text: "var.name", from: "5:12", to: "5:20" });
  });

  it("parses one-line blocks, empty ones included", () => {
    const p = parse('timeouts { create = "30m" }\ndata "aws_region" "current" {}\n');
    expect(p.result.diagnostics).toEqual([]);
    const [timeouts, region] = p.result.body.blocks;
    expect(timeouts!.body.attributes[0]!.name).toBe("create");
    expect(p.span(timeouts!.body.attributes[0]!.range)).toEqual({ text: 'create = "30m"', from: "1:12", to: "1:26" });
    expect(p.span(timeouts!.closeBraceRange)).toEqual({ text: "}", from: "1:27", to: "1:28" });
    expect(region!.body.items).toEqual([]);
    expect(p.span(region!.openBraceRange)).toEqual({ text: "{", from: "2:29", to: "2:30" });
    expect(p.span(region!.closeBraceRange)).toEqual({ text: "}", from: "2:30", to: "2:31" });
  });
});

describe("comments", () => {
  it("keeps all three styles in a side table with ranges and text", () => {
    const source = "# hash\na = 1 // slashes\n/* block\n spans */ b = /* inline */ 2\n";
    const { result, span } = parse(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.comments.map((c) => [c.style, c.text, span(c.range).from, span(c.range).to])).toEqual([
      ["#", " hash", "1:1", "1:7"],
      ["//", " slashes", "2:7", "2:17"],
      ["/*", " block\n spans ", "3:1", "4:10"],
      ["/*", " inline ", "4:15", "4:27"],
    ]);
    expect(result.body.attributes.map((a) => a.name)).toEqual(["a", "b"]);
  });
});

describe("literals", () => {
  it.each([
    ["42", 42],
    ["3.25", 3.25],
    ["1e3", 1000],
    ["2.5E-2", 0.025],
    ["1e+2", 100],
    ["007", 7],
  ])("number %s", (text, value) => {
    const { expr, span } = parseExpr(text);
    expect(expr).toMatchObject({ type: "LiteralValue", valueType: "number", value, numberText: text });
    expect(span(expr.range)).toEqual({ text, from: "1:5", to: `1:${5 + text.length}` });
  });

  it.each([
    ["true", "bool", true],
    ["false", "bool", false],
    ["null", "null", null],
  ])("keyword %s", (text, valueType, value) => {
    const { expr } = parseExpr(text);
    expect(expr).toEqual({ type: "LiteralValue", range: { start: 4, end: 4 + text.length }, valueType, value });
  });
});

describe("quoted templates", () => {
  it("decodes every escape", () => {
    const { expr, result } = parseExpr('"a\\nb\\tc\\rd\\"e\\\\f\\u00e9\\U0001F680 $${x} %%{y} $$ %%"');
    expect(result.diagnostics).toEqual([]);
    const t = as(expr, "Template");
    expect(t.parts).toHaveLength(1);
    expect(t.parts[0]).toMatchObject({ type: "TemplateLiteral", value: 'a\nb\tc\rd"e\\fé🚀 ${x} %{y} $$ %%' });
  });

  it("has interpolation parts with their ranges and strip markers", () => {
    const { expr, span } = parseExpr('"com.${ var.region }.s3 ${~ x ~} end"');
    const t = as(expr, "Template");
    expect(t.parts.map((p) => p.type)).toEqual([
      "TemplateLiteral",
      "TemplateInterpolation",
      "TemplateLiteral",
      "TemplateInterpolation",
      "TemplateLiteral",
    ]);
    const [lit1, interp1, lit2, interp2, lit3] = t.parts;
    expect(span(lit1!.range)).toEqual({ text: "com.", from: "1:6", to: "1:10" });
    expect(span(interp1!.range)).toEqual({ text: "${ var.region }", from: "1:10", to: "1:25" });
    expect(interp1).toMatchObject({ stripLeft: false, stripRight: false });
    if (interp1?.type !== "TemplateInterpolation") throw new Error("narrow");
    expect(span(interp1.expr.range)).toEqual({ text: "var.region", from: "1:13", to: "1:23" });
    // The strip markers of `${~ x ~}` removed the spaces around it.
    expect(lit2).toMatchObject({ value: ".s3" });
    expect(interp2).toMatchObject({ stripLeft: true, stripRight: true });
    expect(span(interp2!.range)).toEqual({ text: "${~ x ~}", from: "1:29", to: "1:37" });
    expect(lit3).toMatchObject({ value: "end" });
    expect(span(t.range)).toMatchObject({ from: "1:5", to: "1:42" });
  });

  it("nests if/else/endif directives", () => {
    const { expr, span, result } = parseExpr('"%{ if var.on ~} yes %{~ else } no %{ endif }"');
    expect(result.diagnostics).toEqual([]);
    const t = as(expr, "Template");
    expect(t.parts).toHaveLength(1);
    const d = t.parts[0]!;
    if (d.type !== "TemplateIf") throw new Error(`expected TemplateIf, got ${d.type}`);
    expect(span(d.condition.range)).toEqual({ text: "var.on", from: "1:12", to: "1:18" });
    expect(d.thenParts).toMatchObject([{ type: "TemplateLiteral", value: "yes" }]);
    expect(d.elseParts).toMatchObject([{ type: "TemplateLiteral", value: " no " }]);
    expect(d.ifStrip).toEqual([false, true]);
    expect(d.elseStrip).toEqual([true, false]);
    expect(d.endifStrip).toEqual([false, false]);
    expect(span(d.ifRange)).toEqual({ text: "%{ if var.on ~}", from: "1:6", to: "1:21" });
    expect(span(d.elseRange!)).toEqual({ text: "%{~ else }", from: "1:26", to: "1:36" });
    expect(span(d.endifRange)).toEqual({ text: "%{ endif }", from: "1:40", to: "1:50" });
    expect(span(d.range)).toMatchObject({ from: "1:6", to: "1:50" });
  });

  it("nests for/endfor directives with key and value variables", () => {
    const { expr, span } = parseExpr('"%{ for k, v in var.tags }${k}=${v};%{ endfor }"');
    const d = as(expr, "Template").parts[0]!;
    if (d.type !== "TemplateFor") throw new Error(`expected TemplateFor, got ${d.type}`);
    expect(d.keyVar).toBe("k");
    expect(d.valueVar).toBe("v");
    expect(span(d.keyVarRange!)).toEqual({ text: "k", from: "1:13", to: "1:14" });
    expect(span(d.valueVarRange)).toEqual({ text: "v", from: "1:16", to: "1:17" });
    expect(span(d.collection.range)).toEqual({ text: "var.tags", from: "1:21", to: "1:29" });
    expect(d.bodyParts.map((p) => p.type)).toEqual([
      "TemplateInterpolation",
      "TemplateLiteral",
      "TemplateInterpolation",
      "TemplateLiteral",
    ]);
    expect(span(d.endforRange)).toEqual({ text: "%{ endfor }", from: "1:41", to: "1:52" });
  });

  it("parses templates nested in interpolations", () => {
    const { expr, span } = parseExpr('"a${"b${c}"}"');
    const outer = as(expr, "Template");
    const interp = outer.parts[1]!;
    if (interp.type !== "TemplateInterpolation") throw new Error("narrow");
    const inner = as(interp.expr, "Template");
    expect(span(inner.range)).toEqual({ text: '"b${c}"', from: "1:9", to: "1:16" });
    expect(inner.parts.map((p) => p.type)).toEqual(["TemplateLiteral", "TemplateInterpolation"]);
  });
});

describe("heredocs", () => {
  it("keeps the text of a plain heredoc, with sequences, and ends the range at the marker", () => {
    const source = 'policy = <<EOT\n  {"a": "${var.x}"}\n    $${lit}\n  EOT\nnext = 1\n';
    const { result, span } = parse(source);
    expect(result.diagnostics).toEqual([]);
    const t = as(result.body.attributes[0]!.expr, "Template");
    expect(t.heredoc).toEqual({ marker: "EOT", indented: false });
    expect(span(t.range)).toMatchObject({ from: "1:10", to: "4:6" });
    expect(t.parts.map((p) => (p.type === "TemplateLiteral" ? p.value : p.type))).toEqual([
      '  {"a": "',
      "TemplateInterpolation",
      '"}\n    ${lit}\n',
    ]);
    expect(result.body.attributes[1]!.name).toBe("next");
  });

  it("removes the common indentation of <<- heredocs, tabs counting one column", () => {
    const source = "x = <<-EOT\n    a\n      b ${c}\n\n\td\n  EOT\n";
    const { result } = parse(source);
    expect(result.diagnostics).toEqual([]);
    const t = as(result.body.attributes[0]!.expr, "Template");
    expect(t.heredoc).toEqual({ marker: "EOT", indented: true });
    expect(t.parts.map((p) => (p.type === "TemplateLiteral" ? p.value : p.type))).toEqual([
      "   a\n     b ",
      "TemplateInterpolation",
      "\n\nd\n",
    ]);
  });

  it("applies strip markers before removing indentation, as hashicorp/hcl does", () => {
    const source = "x = <<-EOT\n    a\n    %{~ if c ~}\n    b\n    %{~ endif ~}\n  EOT\n";
    const t = as(parse(source).result.body.attributes[0]!.expr, "Template");
    // The stripped directive lines start with a sequence: indentation 0, nothing
    // removed. `~` trims only the whitespace on the directive's own line.
    expect(t.parts[0]).toMatchObject({ type: "TemplateLiteral", value: "    a\n" });
    expect(t.parts[1]).toMatchObject({ type: "TemplateIf", thenParts: [{ value: "    b\n" }] });
  });

  it("handles CRLF heredocs", () => {
    const source = "x = <<EOT\r\nline\r\nEOT\r\ny = 2\r\n";
    const { result, span } = parse(source);
    expect(result.diagnostics).toEqual([]);
    const t = as(result.body.attributes[0]!.expr, "Template");
    expect(t.parts).toMatchObject([{ value: "line\r\n" }]);
    expect(span(t.range)).toMatchObject({ from: "1:5", to: "3:4" });
    expect(span(result.body.attributes[1]!.range)).toEqual({ text: "y = 2", from: "4:1", to: "4:6" });
  });
});

describe("collections", () => {
  it("parses tuples over several lines with a trailing comma", () => {
    const { expr, span, result } = parseExpr('[\n  "a",\n  1,\n  [],\n]');
    expect(result.diagnostics).toEqual([]);
    const t = as(expr, "Tuple");
    expect(t.items.map((i) => i.type)).toEqual(["Template", "LiteralValue", "Tuple"]);
    expect(span(t.items[2]!.range)).toEqual({ text: "[]", from: "4:3", to: "4:5" });
    expect(span(t.range)).toMatchObject({ from: "1:5", to: "5:2" });
  });

  it("parses objects with every key form and both separators", () => {
    const { expr, span, result } = parseExpr('{\n  a = 1\n  "b c": 2, (var.k) = 3\n  d.e = 4,\n}');
    expect(result.diagnostics).toEqual([]);
    const o = as(expr, "ObjectCons");
    expect(o.items.map((i) => [i.key.expr.type, i.key.bareIdentifier, span(i.key.range).text])).toEqual([
      ["ScopeTraversal", true, "a"],
      ["Template", false, '"b c"'],
      ["Parentheses", false, "(var.k)"],
      ["ScopeTraversal", false, "d.e"],
    ]);
    expect(span(o.items[1]!.range)).toEqual({ text: '"b c": 2', from: "3:3", to: "3:11" });
    expect(span(o.items[2]!.value.range)).toEqual({ text: "3", from: "3:23", to: "3:24" });
  });
});

describe("function calls", () => {
  it("records arguments, the expansion flag and the parentheses", () => {
    const { expr, span } = parseExpr("concat(a, b...)");
    const f = as(expr, "FunctionCall");
    expect(f).toMatchObject({ name: "concat", namespace: [], expandFinal: true });
    expect(f.args.map((a) => span(a.range).text)).toEqual(["a", "b"]);
    expect(span(f.nameRange)).toEqual({ text: "concat", from: "1:5", to: "1:11" });
    expect(span(f.openParenRange)).toEqual({ text: "(", from: "1:11", to: "1:12" });
    expect(span(f.closeParenRange)).toEqual({ text: ")", from: "1:19", to: "1:20" });
  });

  it("keeps namespaced names whole", () => {
    const { expr, span } = parseExpr("provider::aws::arn_parse(var.arn).account_id");
    const t = as(expr, "RelativeTraversal");
    const f = as(t.source, "FunctionCall");
    expect(f).toMatchObject({ name: "provider::aws::arn_parse", namespace: ["provider", "aws"] });
    expect(span(f.nameRange).text).toBe("provider::aws::arn_parse");
    expect(t.steps).toEqual([{ type: "TraverseAttr", range: { start: 37, end: 48 }, name: "account_id" }]);
  });

  it("allows a trailing comma and arguments on several lines", () => {
    const { expr, result } = parseExpr("f(\n  1,\n  2,\n)");
    expect(result.diagnostics).toEqual([]);
    expect(as(expr, "FunctionCall").args).toHaveLength(2);
  });
});

describe("traversals, indexes and splats", () => {
  it("collects attribute, index and legacy index steps on a scope traversal", () => {
    const { expr, span } = parseExpr('aws_subnet.private[0]["k"].tags.1');
    const t = as(expr, "ScopeTraversal");
    expect(t.root).toBe("aws_subnet");
    expect(span(t.rootRange).text).toBe("aws_subnet");
    expect(t.steps.map((s) => ({ ...s, range: span(s.range).text }))).toEqual([
      { type: "TraverseAttr", name: "private", range: ".private" },
      { type: "TraverseIndex", key: 0, keyText: "0", legacy: false, range: "[0]" },
      { type: "TraverseIndex", key: "k", legacy: false, range: '["k"]' },
      { type: "TraverseAttr", name: "tags", range: ".tags" },
      { type: "TraverseIndex", key: 1, keyText: "1", legacy: true, range: ".1" },
    ]);
  });

  it("makes an index with a non-literal key an IndexExpr", () => {
    const { expr, span } = parseExpr("var.list[count.index].id");
    const t = as(expr, "RelativeTraversal");
    const index = as(t.source, "IndexExpr");
    expect(span(index.collection.range).text).toBe("var.list");
    expect(span(index.key.range).text).toBe("count.index");
    expect(span(index.bracketRange)).toEqual({ text: "[count.index]", from: "1:13", to: "1:26" });
    expect(span(t.range).text).toBe("var.list[count.index].id");
  });

  it("parses full splats, applying the rest of the traversal to each element", () => {
    const { expr, span } = parseExpr("aws_subnet.private[*].tags.Name");
    const s = as(expr, "Splat");
    expect(s.kind).toBe("full");
    expect(span(s.source.range).text).toBe("aws_subnet.private");
    expect(span(s.markerRange)).toEqual({ text: "[*]", from: "1:23", to: "1:26" });
    const each = as(s.each, "RelativeTraversal");
    expect(each.source.type).toBe("AnonSymbol");
    expect(each.steps.map((st) => span(st.range).text)).toEqual([".tags", ".Name"]);
    expect(span(s.range).text).toBe("aws_subnet.private[*].tags.Name");
  });

  it("parses attribute-only splats, which take only attribute steps", () => {
    const { expr, span } = parseExpr("aws_subnet.private.*.id[0]");
    const t = as(expr, "RelativeTraversal");
    const s = as(t.source, "Splat");
    expect(s.kind).toBe("attr");
    expect(span(s.markerRange).text).toBe(".*");
    expect(span(s.range).text).toBe("aws_subnet.private.*.id");
    expect(t.steps).toMatchObject([{ type: "TraverseIndex", key: 0 }]);
  });

  it("uses the anonymous symbol alone when nothing follows the splat", () => {
    const { expr } = parseExpr("var.list[*]");
    expect(as(expr, "Splat").each).toEqual({ type: "AnonSymbol", range: { start: 15, end: 15 } });
  });
});

describe("for expressions", () => {
  it("parses a tuple for with a condition", () => {
    const { expr, span } = parseExpr("[for i, s in var.subnets : s.id if s.public]");
    const f = as(expr, "ForExpr");
    expect(f).toMatchObject({ keyVar: "i", valueVar: "s", grouping: false });
    expect(f.keyExpr).toBeUndefined();
    expect(span(f.collection.range).text).toBe("var.subnets");
    expect(span(f.valueExpr.range).text).toBe("s.id");
    expect(span(f.condition!.range)).toEqual({ text: "s.public", from: "1:40", to: "1:48" });
    expect(span(f.range)).toMatchObject({ from: "1:5", to: "1:49" });
  });

  it("parses an object for with grouping across lines", () => {
    const { expr, span, result } = parseExpr("{\n  for s in var.subnets :\n  s.az => s.id...\n}");
    expect(result.diagnostics).toEqual([]);
    const f = as(expr, "ForExpr");
    expect(f.keyVar).toBeUndefined();
    expect(f.grouping).toBe(true);
    expect(span(f.keyExpr!.range)).toEqual({ text: "s.az", from: "3:3", to: "3:7" });
    expect(span(f.valueExpr.range).text).toBe("s.id");
  });
});

describe("operators", () => {
  it("follows HCL precedence and left associativity", () => {
    const { expr } = parseExpr("a || b && c == d + e * f - g");
    // a || (b && (c == ((d + (e * f)) - g)))
    const shape = (e: Expression): unknown =>
      e.type === "BinaryOp" ? [shape(e.left), e.op, shape(e.right)] : e.type === "ScopeTraversal" ? e.root : e.type;
    expect(shape(expr)).toEqual(["a", "||", ["b", "&&", ["c", "==", [["d", "+", ["e", "*", "f"]], "-", "g"]]]]);
  });

  it("covers every comparison and arithmetic operator", () => {
    for (const op of ["<", "<=", ">", ">=", "!=", "/", "%"]) {
      const { expr, span } = parseExpr(`x ${op} y`);
      const b = as(expr, "BinaryOp");
      expect(b.op).toBe(op);
      expect(span(b.opRange)).toEqual({ text: op, from: "1:7", to: `1:${7 + op.length}` });
    }
  });

  it("parses unary operators tighter than binary ones", () => {
    const { expr, span } = parseExpr("!a.b == -1");
    const b = as(expr, "BinaryOp");
    const not = as(b.left, "UnaryOp");
    expect(not.op).toBe("!");
    expect(span(not.range).text).toBe("!a.b");
    const neg = as(b.right, "UnaryOp");
    expect(neg).toMatchObject({ op: "-", operand: { type: "LiteralValue", value: 1 } });
  });

  it("parses conditionals, nested to the right", () => {
    const { expr, span } = parseExpr("a ? 1 : b ? 2 : 3");
    const c = as(expr, "Conditional");
    expect(span(c.condition.range).text).toBe("a");
    expect(span(c.falseExpr.range).text).toBe("b ? 2 : 3");
    expect(as(c.falseExpr, "Conditional").trueExpr).toMatchObject({ value: 2 });
  });

  it("keeps parentheses as a node", () => {
    const { expr, span } = parseExpr("(a + b) * c");
    const b = as(expr, "BinaryOp");
    const p = as(b.left, "Parentheses");
    expect(span(p.range)).toEqual({ text: "(a + b)", from: "1:5", to: "1:12" });
    expect(p.expr.type).toBe("BinaryOp");
  });
});

describe("text encoding", () => {
  it("accepts Unicode identifiers and counts columns in UTF-16 code units", () => {
    const source = 'naïve_café = "🚀 ${ünïcode.größe}"\n';
    const { result, span } = parse(source);
    expect(result.diagnostics).toEqual([]);
    const attr = result.body.attributes[0]!;
    expect(attr.name).toBe("naïve_café");
    const interp = as(attr.expr, "Template").parts[1]!;
    if (interp.type !== "TemplateInterpolation") throw new Error("narrow");
    // The rocket is two UTF-16 code units: the interpolation starts at column 18.
    expect(span(interp.range)).toEqual({ text: "${ünïcode.größe}", from: "1:18", to: "1:34" });
    expect(as(interp.expr, "ScopeTraversal")).toMatchObject({ root: "ünïcode", steps: [{ name: "größe" }] });
  });

  it("handles CRLF line endings", () => {
    const { result, span } = parse("a = 1\r\nb {\r\n  c = [\r\n    2,\r\n  ]\r\n}\r\n");
    expect(result.diagnostics).toEqual([]);
    const c = result.body.blocks[0]!.body.attributes[0]!;
    expect(span(c.range)).toMatchObject({ from: "3:3", to: "5:4" });
  });

  it("skips a BOM, keeping offsets into the caller's string", () => {
    const source = "\ufeffa = 1\n";
    const { result, span } = parse(source);
    expect(result.diagnostics).toEqual([]);
    expect(result.body.attributes[0]!.nameRange).toEqual({ start: 1, end: 2 });
    expect(span(result.body.attributes[0]!.range)).toEqual({ text: "a = 1", from: "1:2", to: "1:7" });
    expect(result.body.range).toEqual({ start: 1, end: source.length });
  });
});

describe("plain data", () => {
  it("survives structuredClone and JSON unchanged", () => {
    const source =
      'resource "a" "b" {\n  x = [for v in var.l : "${v}-%{ if v }y%{ endif }"]\n  y = f(a.b[*].c...)\n}\n';
    const { result } = parse(source);
    // Only plain objects and arrays: no class instances, no functions.
    const check = (v: unknown): void => {
      if (typeof v === "function") throw new Error("function in AST");
      if (v === null || typeof v !== "object") return;
      expect([Object.prototype, Array.prototype]).toContain(Object.getPrototypeOf(v));
      for (const x of Object.values(v)) check(x);
    };
    check(result);
    expect(structuredClone(result)).toStrictEqual(result);
    // JSON loses the sharing between `items` and `attributes`/`blocks`, nothing else.
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
