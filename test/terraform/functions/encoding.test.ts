import { describe, expect, it } from "vitest";
import { num, obj, str } from "../../../src/core/value.js";
import { callFunction } from "../../../src/terraform/functions/index.js";
import { computed, debug, error, makeContext, rangeAt, run, varUnknown } from "./helpers.js";

describe("jsonencode / jsondecode", () => {
  it("documented examples", () => {
    expect(run("jsonencode", { hello: "world" })).toBe('{"hello":"world"}');
    expect(run("jsondecode", '{"hello": "world"}')).toEqual({ hello: "world" });
    expect(run("jsondecode", "true")).toBe(true);
  });

  it("sorts object keys, prints numbers without exponent, escapes like Go", () => {
    expect(run("jsonencode", { b: 1, a: [1.5, 10, null, false] })).toBe('{"a":[1.5,10,null,false],"b":1}');
    expect(run("jsonencode", 1e21)).toBe("1000000000000000000000");
    expect(run("jsonencode", 1e-7)).toBe("0.0000001");
    expect(run("jsonencode", 123456789012)).toBe("123456789012");
    expect(run("jsonencode", "<a href='x'>&</a>")).toBe("\"\\u003ca href='x'\\u003e\\u0026\\u003c/a\\u003e\"");
    expect(run("jsonencode", "tab\there\u0001\u2028")).toBe('"tab\\there\\u0001\\u2028"');
    expect(run("jsonencode", null)).toBe("null");
    expect(run("jsonencode", [])).toBe("[]");
    expect(run("jsonencode", {})).toBe("{}");
  });

  it("records the encoded value on the result string", () => {
    const policy = obj([{ key: "Effect", value: str("Allow", rangeAt(7)) }]);
    const result = callFunction("jsonencode", [policy], makeContext());
    expect(result).toMatchObject({ kind: "string", value: '{"Effect":"Allow"}', encodes: policy });
  });

  it("an Unknown inside makes the result Unknown, keeping the known text around it", () => {
    expect(debug("jsonencode", { Resource: computed("aws_s3_bucket.b", "arn"), Effect: "Allow" })).toEqual({
      $unknown: "COMPUTED",
      detail: "aws_s3_bucket.b.arn is set at apply time",
      refs: ["aws_s3_bucket.b.arn"],
      prefix: '{"Effect":"Allow","Resource":',
      suffix: "}",
    });
    expect(debug("jsonencode", { a: varUnknown("x", { prefix: "arn:aws:s3:::" }) })).toEqual({
      $unknown: "VAR_NO_DEFAULT",
      detail: "var.x has no default",
      refs: ["var.x"],
      prefix: '{"a":"arn:aws:s3:::',
      suffix: "}",
    });
  });

  it("jsondecode numbers, nesting and errors", () => {
    expect(run("jsondecode", '{"b": 1.5, "a": [1, 2e3, -0.25]}')).toEqual({ a: [1, 2000, -0.25], b: 1.5 });
    expect(Object.keys(run("jsondecode", '{"b": 1, "a": 2}') as object)).toEqual(["a", "b"]);
    expect(error("jsondecode", "{")).toContain("invalid JSON");
    expect(error("jsondecode", '{"a": 1, "a": 2}')).toContain('duplicate "a" property');
    expect(error("jsondecode", "[1,]")).toContain("invalid JSON");
    expect(error("jsondecode", "01")).toContain("invalid JSON");
    expect(error("jsondecode", '"a\tb"')).toContain("control character");
    expect(run("jsondecode", '{"s": "\\u00e9\\n\\ud83d\\ude00\\ud800"}')).toEqual({ s: "é\n😀\ufffd" });
    const decoded = callFunction("jsondecode", [str('{"__proto__": {"x": 1}}')], makeContext());
    expect(decoded.kind === "object" && decoded.entries.map((e) => e.key)).toEqual(["__proto__"]);
    expect(debug("jsondecode", "[".repeat(300) + "]".repeat(300))).toMatchObject({ $unknown: "LIMIT" });
  });
});

describe("yamlencode / yamldecode", () => {
  it("documented examples", () => {
    expect(run("yamlencode", { a: "b", c: "d" })).toBe('"a": "b"\n"c": "d"\n');
    expect(run("yamlencode", { foo: [1, 2, 3], bar: "baz" })).toBe('"bar": "baz"\n"foo":\n- 1\n- 2\n- 3\n');
    expect(run("yamlencode", { foo: [1, { a: "b", c: "d" }, 3], bar: "baz" })).toBe(
      '"bar": "baz"\n"foo":\n- 1\n- "a": "b"\n  "c": "d"\n- 3\n',
    );
    expect(run("yamldecode", "hello: world")).toEqual({ hello: "world" });
    expect(run("yamldecode", "true")).toBe(true);
    expect(run("yamldecode", "{a: &foo [1, 2, 3], b: *foo}")).toEqual({ a: [1, 2, 3], b: [1, 2, 3] });
  });

  it("nesting, scalars, empty collections and multi-line strings", () => {
    expect(run("yamlencode", { a: { b: { c: true } }, d: null })).toBe('"a":\n  "b":\n    "c": true\n"d": null\n');
    expect(run("yamlencode", [[1, 2], []])).toBe("- - 1\n  - 2\n- []\n");
    expect(run("yamlencode", "x")).toBe('"x"\n');
    expect(run("yamlencode", { s: "line1\nline2" })).toBe('"s": |-\n  line1\n  line2\n');
    expect(run("yamlencode", { s: "line1\nline2\n" })).toBe('"s": |\n  line1\n  line2\n');
    expect(run("yamlencode", "a\tb")).toBe('"a\\tb"\n');
    expect(run("yamlencode", ["x\n", "trailing \nspace"])).toBe('- |\n  x\n- "trailing \\nspace"\n');
  });

  it("go-yaml details: open-ended documents end with '...', long strings fold at 80 columns", () => {
    expect(run("yamlencode", true)).toBe("true\n...\n");
    expect(run("yamlencode", 1.5)).toBe("1.5\n...\n");
    expect(run("yamlencode", null)).toBe("null\n...\n");
    expect(run("yamlencode", "a\n\n")).toBe("|+\n  a\n\n...\n");
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`).join(" ");
    expect(run("yamlencode", { k: words, l: [words] })).toBe(
      '"k": "word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12\n' +
        '  word13 word14 word15 word16 word17 word18 word19"\n' +
        '"l":\n- "word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12\n' +
        '  word13 word14 word15 word16 word17 word18 word19"\n',
    );
    expect(run("yamlencode", { m: "a  b".repeat(30) })).toBe(
      `"m": "${"a  b".repeat(19)}a\n  \\ b${"a  b".repeat(10)}"\n`,
    );
    expect(run("yamldecode", run("yamlencode", { k: words, m: "a  b".repeat(30) }))).toEqual({
      k: words,
      m: "a  b".repeat(30),
    });
  });

  it("yamldecode resolves scalars the YAML 1.1 way, as go-cty-yaml", () => {
    expect(
      run("yamldecode", "a: yes\nb: off\nc: 0x1F\nd: 1_000\ne: 2006-1-2\nf: '1.5'\ng: ~\nh: !!binary aGVsbG8=\n"),
    ).toEqual({
      a: true,
      b: false,
      c: 31,
      d: 1000,
      e: "2006-01-02T00:00:00Z",
      f: "1.5",
      g: null,
      h: "aGVsbG8=",
    });
  });

  it("yamldecode errors", () => {
    expect(error("yamldecode", "a: 1\n---\nb: 2\n")).toContain("more than one");
    expect(error("yamldecode", "a: [1")).toContain("invalid YAML");
  });
});

describe("base64 and URL encoding", () => {
  it("documented examples", () => {
    expect(run("base64encode", "Hello World")).toBe("SGVsbG8gV29ybGQ=");
    expect(run("base64decode", "SGVsbG8gV29ybGQ=")).toBe("Hello World");
    expect(run("base64encode", "☃")).toBe("4piD");
    expect(error("base64decode", "SGVsbG8")).toContain("base64");
    expect(error("base64decode", "/w==")).toContain("UTF-8");
    expect(run("urlencode", "Hello World!")).toBe("Hello+World%21");
    expect(run("urlencode", "☃")).toBe("%E2%98%83");
    expect(run("urlencode", "foo:bar@localhost?foo=bar&bar=baz")).toBe("foo%3Abar%40localhost%3Ffoo%3Dbar%26bar%3Dbaz");
  });

  it("numbers print like Terraform in conversions", () => {
    expect(run("tostring", 1.5)).toBe("1.5");
    expect(run("tostring", 10)).toBe("10");
    expect(run("tostring", 123456789012345)).toBe("123456789012345");
    // Numbers are doubles: beyond 2^53 the shortest round-tripping digits are printed (Terraform is exact).
    expect(run("tostring", 2 ** 60)).toBe("1152921504606847000");
    expect(callFunction("tostring", [num(0.1 + 0.2)], makeContext())).toMatchObject({ value: "0.30000000000000004" });
  });
});
