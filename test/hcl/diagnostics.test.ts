/**
 * Bad input: every diagnostic with its exact subject range, recovery that
 * reports more than one problem and keeps what parsed, and no exceptions.
 */
import { describe, expect, it } from "vitest";
import { formatDiagnostic, toSourceRange } from "../../src/hcl/diagnostics.js";
import { parseHcl } from "../../src/hcl/parser.js";
import { diagnosticsOf, parse } from "./helpers.js";

describe("diagnostics with exact subject ranges", () => {
  it.each<[string, string, string[]]>([
    ["unclosed block", 'resource "a" "b" {\n  x = 1\n', ["Unclosed configuration block @ 1:18-1:19"]],
    ["unclosed bracket", "a = [1, 2\n", ["Unclosed bracket @ 1:5-1:6"]],
    ["unclosed bracket at end of file", "a = [\n", ["Unclosed bracket @ 1:5-1:6"]],
    ["unclosed object", "a = {\n  b = 1\n", ["Unclosed brace @ 1:5-1:6"]],
    ["unclosed call", "a = f(1, 2\n", ["Unclosed function call @ 1:6-1:7"]],
    ["unclosed parenthesis", "a = (1 + 2\n", ["Unclosed parenthesis @ 1:5-1:6"]],
    ["unterminated string", 'a = "abc\nb = 2\n', ["Unterminated template string @ 1:5-1:6"]],
    ["unterminated heredoc", "a = <<EOT\nhello\n", ["Unterminated template string @ 1:5-1:10"]],
    ["heredoc marker ending the file", "a = <<EOT\nhello\nEOT", ["Unterminated template string @ 1:5-1:10"]],
    [
      "invalid characters",
      "a = 1 @ 2\nb = $\nc = 3\n",
      ["Missing newline after argument @ 1:7-1:8", "Invalid expression @ 2:5-2:6"],
    ],
    ["missing equals sign", "a 1\nb = 2\n", ["Missing equals sign @ 1:3-1:4"]],
    ["attribute redefined", "a = 1\na = 2\n", ["Attribute redefined @ 2:1-2:2"]],
    ["two values", "a = 1 2\nb = 3\n", ["Missing newline after argument @ 1:7-1:8"]],
    ["invalid escape", 'a = "\\q"\n', ["Invalid escape sequence @ 1:6-1:8"]],
    ["short unicode escape", 'a = "\\u12"\n', ["Invalid escape sequence @ 1:6-1:10"]],
    ["unclosed interpolation", 'a = "${x"\n', ["Unclosed template interpolation @ 1:6-1:8"]],
    ["extra characters in interpolation", 'a = "${x y}"\n', ["Extra characters after interpolation @ 1:10-1:11"]],
    ["unclosed if directive", 'a = "%{ if x }y"\n', ["Unclosed template if @ 1:6-1:15"]],
    ["unclosed for directive", 'a = "%{ for v in x }y"\n', ["Unclosed template for @ 1:6-1:21"]],
    ["endif without if", 'a = "%{ endif }"\n', ["Unexpected template directive @ 1:6-1:16"]],
    ["else without if", 'a = "%{ for v in x }%{ else }%{ endfor }"\n', ["Unexpected template directive @ 1:21-1:30"]],
    ["unknown directive", 'a = "%{ bogus }"\n', ["Invalid template directive @ 1:9-1:14"]],
    ["dot without name", "a = x.\nb = 1\n", ["Invalid attribute name @ 1:7-2:1"]],
    ["chained legacy index", "a = x.0.1\n", ["Invalid legacy index syntax @ 1:6-1:10"]],
    ["tuple without comma", "a = [1 2]\n", ["Missing item separator @ 1:8-1:9"]],
    ["object without separator", "a = {b = 1 c = 2}\n", ["Missing attribute separator @ 1:12-1:13"]],
    ["object key without value", "a = {b 1}\n", ["Missing key/value separator @ 1:8-1:9"]],
    ["for without colon", "a = [for x in y]\n", ["Invalid for expression @ 1:16-1:17"]],
    ["grouping in a tuple for", "a = [for x in y : x...]\n", ["Invalid for expression @ 1:20-1:23"]],
    ["conditional without false branch", "a = x ? y\n", ["Missing false expression in conditional @ 1:10-2:1"]],
    ["label then equals", 'b "x" = 1\n', ["Invalid block definition @ 1:7-1:8"]],
    ["template label", 'b "${x}" {\n}\n', ["Invalid block label @ 1:3-1:9"]],
    ["one-line block continued", "b { c = 1\n d = 2\n}\n", ["Invalid single-argument block definition @ 1:10-2:1"]],
    ["nested block in a one-line block", "b { c {} }\n", ["Argument definition required @ 1:5-1:8"]],
    ["unterminated comment", "/* unterminated\na = 1\n", ["Unterminated comment @ 1:1-1:3"]],
    ["stray closing brace", "}\na = 1\n", ["Argument or block definition required @ 1:1-1:2"]],
    ["expansion before the last argument", "a = f(x..., y)\n", ["Missing closing parenthesis @ 1:11-1:12"]],
    ["unclosed splat", "a = x[*\n", ["Missing close bracket on splat index @ 2:1-2:1"]],
    ["lone ampersand", "x = 1 & 2\n", ["Missing newline after argument @ 1:7-1:8"]],
    [
      "operator at the end of a line",
      "a = b +\n  c\n",
      ["Invalid expression @ 1:8-2:1", "Missing equals sign @ 2:4-3:1"],
    ],
  ])("%s", (_name, source, expected) => {
    expect(diagnosticsOf(source)).toEqual(expected);
  });

  it("gives every diagnostic a severity, summary and detail", () => {
    const { result } = parse("a = [1 2]\n");
    expect(result.diagnostics).toEqual([
      {
        severity: "error",
        summary: "Missing item separator",
        detail: 'Expected a comma to mark the beginning of the next item, but found "2".',
        subject: { start: 7, end: 8 },
      },
    ]);
  });

  it("says where a redefined argument was first set", () => {
    const { result } = parse("tags = {}\nname = 1\ntags = 2\n");
    expect(result.diagnostics).toMatchObject([
      {
        summary: "Attribute redefined",
        detail: 'The argument "tags" was already set at line 1, column 1. Each argument may be set only once.',
        subject: { start: 19, end: 23 },
      },
    ]);
    // Both definitions stay in the AST, in source order.
    expect(result.body.attributes.map((a) => a.expr.range.start)).toEqual([7, 17, 26]);
  });

  it("converts a subject to a SourceRange and formats it as hashicorp/hcl does", () => {
    const { result } = parse("a = 1\nb = [1 2]\n", "dir/main.tf");
    const d = result.diagnostics[0]!;
    expect(toSourceRange("dir/main.tf", result.lineStarts, d.subject)).toEqual({
      file: "dir/main.tf",
      start: { line: 2, column: 8, offset: 13 },
      end: { line: 2, column: 9, offset: 14 },
    });
    expect(formatDiagnostic("dir/main.tf", result.lineStarts, d)).toBe(
      'dir/main.tf:2,8-9: Missing item separator; Expected a comma to mark the beginning of the next item, but found "2".',
    );
  });
});

describe("recovery", () => {
  it("reports problems on several lines and keeps the items that parsed", () => {
    const source = [
      'resource "aws_vpc" "main" {',
      "  cidr_block = [1 2]",
      "  enable_dns = true",
      "  bad line here",
      '  tags = { Name = "x" }',
      "}",
      "after = 1",
      "",
    ].join("\n");
    const { result } = parse(source);
    // `bad line here` reads as a block `bad` with labels `line` and `here`, lacking its brace.
    expect(diagnosticsOf(source)).toEqual([
      "Missing item separator @ 2:19-2:20",
      "Invalid block definition @ 4:16-5:1",
    ]);
    const block = result.body.blocks[0]!;
    expect(block.body.attributes.map((a) => a.name)).toEqual(["cidr_block", "enable_dns", "tags"]);
    expect(block.body.attributes[0]!.expr).toMatchObject({ type: "Tuple", items: [{ value: 1 }] });
    expect(result.body.attributes.map((a) => a.name)).toEqual(["after"]);
  });

  it("recovers at the next block after an unclosed bracket inside one", () => {
    const source = 'a "x" {\n  v = [1,\n}\nb "y" {\n  w = 2\n}\n';
    const { result } = parse(source);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics[0]).toMatchObject({ summary: "Invalid expression" });
    expect(result.body.blocks.map((b) => b.labels[0])).toEqual(["x", "y"]);
    expect(result.body.blocks[1]!.body.attributes[0]!.name).toBe("w");
  });

  it("never throws on arbitrary input", () => {
    const alphabet = [
      '"',
      "{",
      "}",
      "[",
      "]",
      "(",
      ")",
      "=",
      "\n",
      "$",
      "%",
      "~",
      "<<EOT\n",
      "EOT\n",
      "a",
      " ",
      "#",
      "/*",
      "*/",
      "\\",
      ":",
      "?",
      ".",
    ];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    for (let n = 0; n < 500; n++) {
      let source = "";
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) source += alphabet[Math.floor(random() * alphabet.length)];
      const result = parseHcl(source, "fuzz.tf");
      for (const d of result.diagnostics) {
        expect(d.subject.start).toBeGreaterThanOrEqual(0);
        expect(d.subject.end).toBeLessThanOrEqual(source.length);
        expect(d.subject.start).toBeLessThanOrEqual(d.subject.end);
      }
    }
  });
});
