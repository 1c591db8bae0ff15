import { describe, expect, it } from "vitest";
import { loadYaml } from "../../src/cloudformation/yaml.js";
import { toPlain, type Value } from "../../src/core/value.js";

const load = (text: string) => loadYaml(text, "t.yaml");
const plain = (text: string) => toPlain(load(text).value as Value);

describe("short-form intrinsic tags", () => {
  it.each([
    ["A: !Ref Vpc", { A: { Ref: "Vpc" } }],
    ["A: !Condition IsProd", { A: { Condition: "IsProd" } }],
    ["A: !GetAtt Model.ModelName", { A: { "Fn::GetAtt": ["Model", "ModelName"] } }],
    ["A: !GetAtt Db.Endpoint.Address", { A: { "Fn::GetAtt": ["Db", "Endpoint.Address"] } }],
    ["A: !GetAtt [Model, ModelName]", { A: { "Fn::GetAtt": ["Model", "ModelName"] } }],
    ["A: !Sub 'com.amazonaws.${AWS::Region}.s3'", { A: { "Fn::Sub": "com.amazonaws.${AWS::Region}.s3" } }],
    ["A: !Sub ['s3://${B}/in', {B: !Ref Bucket}]", { A: { "Fn::Sub": ["s3://${B}/in", { B: { Ref: "Bucket" } }] } }],
    ["A: !If [IsProd, 2, 1]", { A: { "Fn::If": ["IsProd", 2, 1] } }],
    ["A: !Select [0, !GetAZs '']", { A: { "Fn::Select": [0, { "Fn::GetAZs": "" }] } }],
    ["A: !Join [',', [a, b]]", { A: { "Fn::Join": [",", ["a", "b"]] } }],
    ["A: !Split [',', 'a,b']", { A: { "Fn::Split": [",", "a,b"] } }],
    ["A: !Cidr [10.0.0.0/16, 4, 8]", { A: { "Fn::Cidr": ["10.0.0.0/16", 4, 8] } }],
    ["A: !ImportValue network-private-subnets", { A: { "Fn::ImportValue": "network-private-subnets" } }],
    ["A: !FindInMap [Env, !Ref Stage, Cidr]", { A: { "Fn::FindInMap": ["Env", { Ref: "Stage" }, "Cidr"] } }],
    ["A: !Base64 hello", { A: { "Fn::Base64": "hello" } }],
    ["A: !Equals [!Ref Stage, prod]", { A: { "Fn::Equals": [{ Ref: "Stage" }, "prod"] } }],
    ["A: !And [!Condition X, !Condition Y]", { A: { "Fn::And": [{ Condition: "X" }, { Condition: "Y" }] } }],
    ["A: !Or [!Condition X, !Condition Y]", { A: { "Fn::Or": [{ Condition: "X" }, { Condition: "Y" }] } }],
    ["A: !Not [!Condition X]", { A: { "Fn::Not": [{ Condition: "X" }] } }],
  ])("%s", (text, expected) => {
    expect(load(text).diagnostics).toEqual([]);
    expect(plain(text)).toEqual(expected);
  });

  it("gives the long form the range of the tag and its value, and the key the tag's range", () => {
    const text = "Resources:\n  M:\n    ModelName: !GetAtt Model.ModelName\n";
    const value = load(text).value!;
    const call = (value as any).entries[0].value.entries[0].value.entries[0].value;
    expect(call.range.start).toEqual({ line: 3, column: 16, offset: 31 });
    expect(call.range.end).toEqual({ line: 3, column: 39, offset: 54 });
    expect(call.entries[0].keyRange.start).toEqual({ line: 3, column: 16, offset: 31 });
    expect(call.entries[0].keyRange.end).toEqual({ line: 3, column: 23, offset: 38 });
  });

  it("keeps exact ranges of keys and values in JSON", () => {
    const text = '{\n  "Resources": {\n    "Vpc": { "Type": "AWS::EC2::VPC" }\n  }\n}\n';
    const value = load(text).value as any;
    const vpc = value.entries[0].value.entries[0];
    expect(vpc.keyRange.start).toMatchObject({ line: 3, column: 5 });
    expect(vpc.keyRange.end).toMatchObject({ line: 3, column: 10 });
    expect(vpc.value.entries[0].value.range.start).toMatchObject({ line: 3, column: 22 });
    expect(vpc.value.entries[0].value.range.end).toMatchObject({ line: 3, column: 37 });
  });

  it("reads an unknown tag as an Unknown value, with a note naming the tag", () => {
    const result = load("A: !Reff Vpc\n");
    expect(result.diagnostics).toEqual([]);
    const message =
      "The tag !Reff is not a CloudFormation function (a macro's or a tool's own tag, resolved before CloudFormation reads the template); the value it tags is unknown.";
    expect(result.notes).toEqual([
      {
        message,
        range: { file: "t.yaml", start: { line: 1, column: 4, offset: 3 }, end: { line: 1, column: 9, offset: 8 } },
      },
    ]);
    const value = (result.value as any).entries[0].value;
    expect({ ...value, range: undefined }).toEqual({
      kind: "unknown",
      reason: "UNSUPPORTED",
      detail: message,
      refs: [],
      range: undefined,
    });
    expect([value.range.start.offset, value.range.end.offset]).toEqual([3, 12]);
  });

  it("reports a syntax error at the parser's location", () => {
    const result = load("Resources:\n  A: [1, 2\n  B: 3\n");
    expect(result.diagnostics.map((d) => [d.summary, d.range.start.line, d.range.start.column])).toEqual([
      ["Flow sequence in block collection must be sufficiently indented and end with a ]", 3, 3],
    ]);
  });

  it("refuses an alias bomb by counting aliases", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`);
    }
    const result = load(`${lines.join("\n")}\n`);
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => d.summary)).toEqual(["more than 100 aliases"]);
  });

  it("reports duplicate keys", () => {
    const result = load('{"A": 1, "A": 2}');
    expect(result.diagnostics.map((d) => [d.summary, d.detail, d.range.start.column])).toEqual([
      ["Map keys must be unique", '"A" is defined more than once in this mapping (first at line 1).', 10],
    ]);
  });
});
