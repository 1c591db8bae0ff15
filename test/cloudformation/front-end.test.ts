/**
 * CloudFormation YAML as CloudFormation reads it (issue 13): each form with its
 * exact value and ranges, the offsets the padding pre-pass maps back, the
 * linear duplicate-key check (a counted bound), one SMBT000 per broken file,
 * and files that are not templates.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { loadYaml } from "../../src/cloudformation/yaml.js";
import { prepareYamlText } from "../../src/cloudformation/yaml-text.js";
import { loadRawTemplate } from "../../src/cloudformation/template.js";
import { duplicateKeys } from "../../src/core/yaml-keys.js";
import { toPlain, type Value } from "../../src/core/value.js";
import { renderParseProblems } from "../../src/report/parse-problems.js";
import { scan } from "../../src/scan.js";

const load = (text: string) => loadYaml(text, "t.yaml");
const plain = (text: string) => toPlain(load(text).value as Value);
/** The value at a path of keys, and its range as [line, column] pairs. */
function at(text: string, ...keys: string[]): { value: unknown; from: [number, number]; to: [number, number] } {
  let value = load(text).value as Value;
  for (const key of keys) {
    if (value.kind !== "object") throw new Error(`no object at ${key}`);
    value = value.entries.find((e) => e.key === key)!.value;
  }
  const r = value.range!;
  return { value: toPlain(value), from: [r.start.line, r.start.column], to: [r.end.line, r.end.column] };
}

describe("continuation lines at or left of their key", () => {
  it("reads a !Sub JSON block whose closing line sits at the key's column, with exact ranges", () => {
    const text = [
      "Policies:",
      "  - PolicyName: p",
      "    PolicyDocument: !Sub '{",
      '        "Version": "2012-10-17",',
      '        "Statement": []',
      "    }'",
      "Next: 1",
      "",
    ].join("\n");
    const loaded = load(text);
    expect(loaded.diagnostics).toEqual([]);
    expect(toPlain(loaded.value as Value)).toEqual({
      Policies: [{ PolicyName: "p", PolicyDocument: { "Fn::Sub": '{ "Version": "2012-10-17", "Statement": [] }' } }],
      Next: 1,
    });
    const document = (loaded.value as any).entries[0].value.items[0].entries[1].value;
    // The tag's range is the key range, the whole value runs from the tag to the closing quote.
    expect([document.range.start, document.range.end]).toEqual([
      { line: 3, column: 21, offset: 48 },
      { line: 6, column: 7, offset: 119 },
    ]);
    expect(at(text, "Next")).toEqual({ value: 1, from: [7, 7], to: [7, 8] });
  });

  it.each([
    [
      "a flow sequence continuing at the key's column",
      "A:\n  B: [a,\n  b]\n  C: c\n",
      { A: { B: ["a", "b"], C: "c" } },
    ],
    ["a flow sequence continuing at column 1", "A:\n  B: [a,\nb]\n  C: c\n", { A: { B: ["a", "b"], C: "c" } }],
    ["a flow mapping continuing at the key's column", "A:\n  B: {a: 1,\n  b: 2}\n", { A: { B: { a: 1, b: 2 } } }],
    ["a double-quoted scalar continuing left of its key", 'A:\n  B: "x\n y"\n', { A: { B: "x y" } }],
    ["a single-quoted scalar whose closing quote is at column 1", "A:\n  B: 'x\n'\n", { A: { B: "x " } }],
    ["a tab-indented continuation", 'A:\n  B: ["x",\n\t"y"]\n', { A: { B: ["x", "y"] } }],
  ])("reads %s (PyYAML and cfn-lint accept it)", (_name, text, expected) => {
    expect(load(text).diagnostics).toEqual([]);
    expect(plain(text)).toEqual(expected);
  });

  it("keeps ranges after padded lines exact", () => {
    const text = "A:\n  B: [a,\nb]\n  C: cc\n";
    expect(at(text, "A", "C")).toEqual({ value: "cc", from: [4, 6], to: [4, 8] });
    const prepared = prepareYamlText(text);
    expect(prepared.paddedLines).toBe(1);
    expect(prepared.text).toBe("A:\n  B: [a,\n   b]\n  C: cc\n");
    // Offsets inside the inserted spaces map to the line start; after them, back by their count.
    expect([11, 12, 13, 14, 15].map(prepared.toOriginal)).toEqual([11, 12, 12, 12, 12]);
  });

  it("leaves block scalars, comments and plain text with quotes or brackets alone", () => {
    const text = ["A: |", "  echo '{", "  }", "B: it's [not flow", "C: x # it's", "D: [1,", "2]", ""].join("\n");
    expect(prepareYamlText(text).text).toBe(text.replace("\n2]", "\n 2]"));
    expect(plain(text)).toEqual({ A: "echo '{\n}\n", B: "it's [not flow", C: "x", D: [1, 2] });
  });

  it("does not pad a construct that is not closed: the parser reports it where it opens", () => {
    const text = "Resources:\n  A: [1, 2\n  B: 3\n";
    expect(prepareYamlText(text).paddedLines).toBe(0);
    expect(load(text).diagnostics.map((d) => [d.summary, d.range.start.line, d.range.start.column])).toEqual([
      ["Flow sequence in block collection must be sufficiently indented and end with a ]", 3, 3],
    ]);
  });

  it("reads lone CR line breaks, with lines counted at them", () => {
    const text = "A: 1\rB:\r  C: [x,\r  y]\r";
    expect(load(text).diagnostics).toEqual([]);
    expect(plain(text)).toEqual({ A: 1, B: { C: ["x", "y"] } });
    expect(at(text, "B", "C")).toEqual({ value: ["x", "y"], from: [3, 6], to: [4, 5] });
  });
});

describe("tags", () => {
  it.each([
    ["!Contains [[a], !Ref P]", { "Fn::Contains": [["a"], { Ref: "P" }] }],
    [
      "!EachMemberEquals [!ValueOfAll [T, VpcId], v]",
      { "Fn::EachMemberEquals": [{ "Fn::ValueOfAll": ["T", "VpcId"] }, "v"] },
    ],
    [
      "!EachMemberIn [!ValueOfAll [T, VpcId], !RefAll T]",
      { "Fn::EachMemberIn": [{ "Fn::ValueOfAll": ["T", "VpcId"] }, { "Fn::RefAll": "T" }] },
    ],
    ["!ValueOf [P, VpcId]", { "Fn::ValueOf": ["P", "VpcId"] }],
    ["!GetStackOutput {StackName: s, OutputName: o}", { "Fn::GetStackOutput": { StackName: "s", OutputName: "o" } }],
  ])("reads %s as its long form", (form, expected) => {
    expect(plain(`A: ${form}\n`)).toEqual({ A: expected });
  });

  it("reads a tool's own tag on a collection as Unknown, with a note at the tag", () => {
    const loaded = load("A:\n  B: !Rain::Module\n    Source: m.yaml\n");
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.notes.map((n) => [n.message.slice(0, 33), n.range.start.line, n.range.start.column])).toEqual([
      ["The tag !Rain::Module is not a Cl", 2, 6],
    ]);
    const b = (loaded.value as any).entries[0].value.entries[0].value;
    expect([b.kind, b.reason]).toEqual(["unknown", "UNSUPPORTED"]);
  });
});

describe("duplicate keys in linear time", () => {
  const mapping = (n: number, last: string) =>
    `${Array.from({ length: n }, (_, i) => `K${i}: ${i}`).join("\n")}\n${last}: again\n`;

  it("finds a duplicate among 50,000 keys with one lookup per key", () => {
    const loaded = load(mapping(50_000, "K0"));
    expect(loaded.keyChecks).toBe(50_001);
    expect(loaded.diagnostics.map((d) => [d.summary, d.detail, d.range.start.line, d.range.start.column])).toEqual([
      ["Map keys must be unique", '"K0" is defined more than once in this mapping (first at line 1).', 50_001, 1],
    ]);
  });

  it("counts one lookup per key in nested mappings and lists, aliases not followed", () => {
    const document = parseDocument("a: &x {b: 1, c: [{d: 1}, {d: 2}]}\ne: *x\nf: {1: x, '1': y}\n", {
      uniqueKeys: false,
    });
    const found = duplicateKeys(document);
    expect(found.keyChecks).toBe(9);
    expect(found.duplicates).toEqual([]);
  });
});

describe("one broken file, one finding", () => {
  it("reports a file's first problem, the count of the others, and lists them all for --debug", () => {
    const root = mkdtempSync(path.join(tmpdir(), "smvg-broken-"));
    writeFileSync(
      path.join(root, "broken.json"),
      '{"AWSTemplateFormatVersion": "2010-09-09",\n "Resources": {"A": {"Type": "AWS::SNS::Topic" "Properties": {}}}\n',
    );
    const result = scan({ root, paths: [root] });
    expect(
      result.findings.map(
        (f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`,
      ),
    ).toEqual([
      "broken.json:2:30 SMBT000 Block collections are not allowed within flow collections. The parser saw 2 more problems in this file (--debug lists them).",
    ]);
    expect(renderParseProblems(result.parseProblems ?? [])).toEqual([
      "broken.json:2:30: Block collections are not allowed within flow collections.",
      "broken.json:2:48: Unexpected double-quoted-scalar token.",
      "broken.json:3:1: Flow map must end with a }.",
    ]);
  });
});

describe("files that are not templates", () => {
  it("skips a file named on the command line that is not a template, with a note", () => {
    const root = mkdtempSync(path.join(tmpdir(), "smvg-explicit-"));
    writeFileSync(
      path.join(root, "README.md"),
      "# Stack\n\n```yaml\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    : bad\n```\n",
    );
    writeFileSync(path.join(root, "buildspec.yml"), "version: 0.2\nphases:\n  build:\n    commands: [make]\n");
    const result = scan({ root, paths: ["README.md", "buildspec.yml"] });
    expect(result.findings).toEqual([]);
    expect(result.notes).toEqual([
      {
        path: "README.md",
        message: "README.md is not a CloudFormation template (it is not YAML or JSON) nor a Terraform file; skipped",
      },
      {
        path: "buildspec.yml",
        message: "buildspec.yml is not a CloudFormation template nor a Terraform file; skipped",
      },
    ]);
  });

  it("does not parse a file whose text cannot be a template", () => {
    const model = JSON.stringify({ version: "2.0", operations: { A: { documentation: "Resources" } } });
    expect(loadRawTemplate(model, "api.json")).toEqual({ kind: "not-a-template", reason: "text" });
    // JSON that mentions template keys in its text but is not one: told by JSON.parse, not the YAML parser.
    const documentation = JSON.stringify({ shapes: { Resources: { documentation: "Type: AWS::S3::Bucket" } } });
    expect(loadRawTemplate(documentation, "api.json")).toEqual({ kind: "not-a-template", reason: "content" });
    // Broken YAML that names no template key is not reported either.
    expect(loadRawTemplate('image: "{{ .Values.image }}\nResources: AWS::x\n', "values.yaml")).toEqual({
      kind: "not-a-template",
      reason: "parse",
    });
  });

  it("reports a UTF-16 file named on the command line, whatever it holds", () => {
    const root = mkdtempSync(path.join(tmpdir(), "smvg-utf16-"));
    mkdirSync(path.join(root, "docs"));
    writeFileSync(path.join(root, "docs/notes.yaml"), Buffer.from("\ufeffa: 1\n", "utf16le"));
    const result = scan({ root, paths: ["docs/notes.yaml"] });
    expect(
      result.findings.map(
        (f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`,
      ),
    ).toEqual([
      "docs/notes.yaml:1:1 SMBT000 Not UTF-8. The file is UTF-16LE text; Terraform, CloudFormation and cfn-lint read only UTF-8. Save it as UTF-8.",
    ]);
  });
});
