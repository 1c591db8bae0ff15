import { describe, expect, it } from "vitest";
import { debug, error, run, varUnknown } from "./helpers.js";

describe("string functions (Terraform documentation examples)", () => {
  it("lower, upper, title", () => {
    expect(run("lower", "HELLO")).toBe("hello");
    expect(run("lower", "АЛЛО!")).toBe("алло!");
    expect(run("upper", "hello")).toBe("HELLO");
    expect(run("upper", "алло!")).toBe("АЛЛО!");
    expect(run("title", "hello world")).toBe("Hello World");
    expect(run("upper", "straße")).toBe("STRAßE");
    expect(run("lower", "ΟΔΟΣ İ")).toBe("οδοσ i");
    expect(run("title", "o'neil is-here_now")).toBe("O'Neil Is-Here_now");
  });

  it("trim family", () => {
    expect(run("trim", "?!hello?!", "!?")).toBe("hello");
    expect(run("trim", "foobar", "far")).toBe("oob");
    expect(run("trim", "   hello! world.!  ", "! ")).toBe("hello! world.");
    expect(run("trimprefix", "helloworld", "hello")).toBe("world");
    expect(run("trimprefix", "helloworld", "cat")).toBe("helloworld");
    expect(run("trimsuffix", "helloworld", "world")).toBe("hello");
    expect(run("trimspace", "  hello\n\n")).toBe("hello");
    expect(run("trimspace", "\u00a0x\u3000")).toBe("x");
    expect(run("trimspace", "\ufeffx")).toBe("\ufeffx");
    expect(run("chomp", "hello\n")).toBe("hello");
    expect(run("chomp", "hello\r\n")).toBe("hello");
    expect(run("chomp", "hello\n\n")).toBe("hello");
  });

  it("substr with negative offset, -1 length and Unicode", () => {
    expect(run("substr", "hello world", 1, 4)).toBe("ello");
    expect(run("substr", "🤔🤷", 0, 1)).toBe("🤔");
    expect(run("substr", "hello world", -5, -1)).toBe("world");
    expect(run("substr", "hello world", 6, 10)).toBe("world");
    expect(run("substr", "hello", 10, 2)).toBe("");
    expect(run("substr", "hello", -10, 2)).toBe("he");
  });

  it("startswith, endswith, strcontains", () => {
    expect(run("startswith", "hello world", "hello")).toBe(true);
    expect(run("startswith", "hello world", "world")).toBe(false);
    expect(run("endswith", "hello world", "world")).toBe(true);
    expect(run("endswith", "hello world", "hello")).toBe(false);
    expect(run("strcontains", "hello world", "wor")).toBe(true);
    expect(run("strcontains", "hello world", "wod")).toBe(false);
  });

  it("split and join", () => {
    expect(run("split", ",", "foo")).toEqual(["foo"]);
    expect(run("split", ",", "foo,bar,baz")).toEqual(["foo", "bar", "baz"]);
    expect(run("split", ",", "")).toEqual([""]);
    expect(run("split", "", "ab😀")).toEqual(["a", "b", "😀"]);
    expect(run("join", "-", ["foo", "bar", "baz"])).toBe("foo-bar-baz");
    expect(run("join", ", ", ["foo", "bar", "baz"])).toBe("foo, bar, baz");
    expect(run("join", ", ", ["foo"])).toBe("foo");
    expect(run("join", ",", ["a", 1, true], ["b"])).toBe("a,1,true,b");
    expect(error("join", ",", ["a", null])).toContain("null");
    expect(debug("split", ",", ",".repeat(1_000_000))).toEqual({
      $unknown: "LIMIT",
      detail: "split: result would have more than 1000000 elements",
      refs: [],
    });
  });

  it("replace, literal and /regex/", () => {
    expect(run("replace", "1 + 2 + 3", "+", "-")).toBe("1 - 2 - 3");
    expect(run("replace", "hello world", "/w.*d/", "everybody")).toBe("hello everybody");
    expect(run("replace", "hello world", "/(h)(e)/", "$2$1")).toBe("ehllo world");
    expect(run("replace", "hello world", "/(?P<first>h)/", "${first}H")).toBe("hHello world");
    expect(run("replace", "abc", "", "-")).toBe("-a-b-c-");
    expect(run("replace", "abc", "/x*/", "-")).toBe("-a-b-c-");
    expect(run("replace", "baaab", "/a*/", "-")).toBe("-b-b-");
    expect(run("replace", "a.b", "/", "x")).toBe("a.b");
    expect(run("replace", "$5", "/\\$/", "$$")).toBe("$5");
  });

  it("indent, strrev", () => {
    expect(run("indent", 2, "[\n  foo,\n  bar,\n]\n")).toBe("[\n    foo,\n    bar,\n  ]\n  ");
    expect(run("strrev", "hello")).toBe("olleh");
    expect(run("strrev", "a☃")).toBe("☃a");
  });

  it("automatic conversions: numbers and bools to strings", () => {
    expect(run("upper", 1.5)).toBe("1.5");
    expect(run("lower", true)).toBe("true");
    expect(error("upper", ["a"])).toContain("must be a string");
  });

  it("keeps the known parts of Unknown strings where cheap", () => {
    expect(debug("upper", varUnknown("region", { prefix: "com.", suffix: ".s3" }))).toEqual({
      $unknown: "VAR_NO_DEFAULT",
      detail: "var.region has no default",
      refs: ["var.region"],
      prefix: "COM.",
      suffix: ".S3",
    });
    expect(run("startswith", varUnknown("x", { prefix: "com.amazonaws." }), "com.amazonaws")).toBe(true);
    expect(run("endswith", varUnknown("x", { suffix: ".s3" }), ".s4")).toBe(false);
    expect(debug("startswith", varUnknown("x", { prefix: "co" }), "com.")).toMatchObject({
      $unknown: "VAR_NO_DEFAULT",
    });
    expect(run("startswith", varUnknown("x", { prefix: "arn" }), "com.")).toBe(false);
    expect(debug("endswith", varUnknown("x"), ".s3")).toMatchObject({ $unknown: "VAR_NO_DEFAULT" });
    expect(run("strcontains", varUnknown("x", { suffix: "amazonaws.s3" }), "aws")).toBe(true);
    expect(debug("join", ".", ["com", "amazonaws", varUnknown("region"), "s3"])).toEqual({
      $unknown: "VAR_NO_DEFAULT",
      detail: "var.region has no default",
      refs: ["var.region"],
      prefix: "com.amazonaws.",
      suffix: ".s3",
    });
  });
});
