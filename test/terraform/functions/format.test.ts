import { describe, expect, it } from "vitest";
import { computed, debug, error, run, varUnknown } from "./helpers.js";

describe("format (Terraform documentation examples)", () => {
  it("basic verbs", () => {
    expect(run("format", "Hello, %s!", "Ander")).toBe("Hello, Ander!");
    expect(run("format", "There are %d lights", 4)).toBe("There are 4 lights");
    expect(run("format", "%s", 1.5)).toBe("1.5");
    expect(run("format", "%s %t", true, true)).toBe("true true");
    expect(run("format", "%v %v %v", "a", 10, true)).toBe("a 10 true");
    expect(run("format", "%v", [1, "a"])).toBe('[1,"a"]');
    expect(run("format", "%#v", "hello")).toBe('"hello"');
    expect(run("format", "%#v", { b: 1, a: true })).toBe('{"a":true,"b":1}');
    expect(run("format", "%q", 'hello "x"\n')).toBe('"hello \\"x\\"\\n"');
    expect(run("format", "100%%")).toBe("100%");
    expect(run("format", "%q", "\u0001é\u2028")).toBe('"\\x01é\\u2028"');
  });

  it("numbers", () => {
    expect(run("format", "%.2f", 3.14159)).toBe("3.14");
    expect(run("format", "%f", 1)).toBe("1.000000");
    expect(run("format", "%.0f", 2.5)).toBe("2");
    expect(run("format", "%.0f", 3.5)).toBe("4");
    expect(run("format", "%.1f", 0.05)).toBe("0.1");
    expect(run("format", "%e", 1234.5678)).toBe("1.234568e+03");
    expect(run("format", "%E", 0.000123)).toBe("1.230000E-04");
    expect(run("format", "%g", 1234.5678)).toBe("1234.5678");
    expect(run("format", "%g", 1e21)).toBe("1e+21");
    expect(run("format", "%g", 0.00001)).toBe("1e-05");
    expect(run("format", "%.3g", 1234.5678)).toBe("1.23e+03");
    expect(run("format", "%b %o %x %X", 5, 8, 255, 255)).toBe("101 10 ff FF");
    expect(run("format", "%#x %#o", 255, 8)).toBe("0xff 010");
    // biome-ignore lint/correctness/noPrecisionLoss: the double nearest this literal is what Terraform formats
    expect(run("format", "%d", 12345678901234567890)).toBe("12345678901234567168");
    expect(run("format", "%d", "42")).toBe("42");
    expect(error("format", "%d", 1.5)).toContain("whole number");
  });

  it("flags, width and precision", () => {
    expect(run("format", "%5d|%-5d|%05d", 42, 42, -42)).toBe("   42|42   |-0042");
    expect(run("format", "%+d % d", 5, 5)).toBe("+5  5");
    expect(run("format", "%8.3f|", 3.14159)).toBe("   3.142|");
    expect(run("format", "%-8s|%8s|", "ab", "cd")).toBe("ab      |      cd|");
    expect(run("format", "%.3s", "abcdef")).toBe("abc");
    expect(run("format", "%3s|", "ü")).toBe("  ü|");
    expect(run("format", "%[2]s %[1]s %s", "a", "b")).toBe("b a b");
  });

  it("argument errors", () => {
    expect(error("format", "%s %s", "a")).toContain("not enough arguments");
    expect(error("format", "%s", "a", "b")).toContain("too many arguments");
    expect(error("format", "%z", "a")).toContain("unrecognized format character");
    expect(error("format", "%s", ["a"])).toContain("must be a string");
    expect(error("format", "%s", null)).toContain("null value cannot be formatted");
    expect(error("format", "%5000000s", "a")).toContain("too large");
  });

  it("formatlist", () => {
    expect(run("formatlist", "Hello, %s!", ["Valentina", "Ander", "Olivia", "Sam"])).toEqual([
      "Hello, Valentina!",
      "Hello, Ander!",
      "Hello, Olivia!",
      "Hello, Sam!",
    ]);
    expect(run("formatlist", "%s, %s!", "Salutations", ["Valentina", "Ander"])).toEqual([
      "Salutations, Valentina!",
      "Salutations, Ander!",
    ]);
    expect(run("formatlist", "%s", "a")).toEqual(["a"]);
    expect(error("formatlist", "%s%s", ["a"], ["b", "c"])).toContain("inconsistent");
  });

  it("keeps known text around Unknown arguments", () => {
    expect(debug("format", "com.amazonaws.%s.s3", varUnknown("region"))).toEqual({
      $unknown: "VAR_NO_DEFAULT",
      detail: "var.region has no default",
      refs: ["var.region"],
      prefix: "com.amazonaws.",
      suffix: ".s3",
    });
    expect(debug("format", "%s.s3", varUnknown("x", { prefix: "com.amazonaws." }))).toEqual({
      $unknown: "VAR_NO_DEFAULT",
      detail: "var.x has no default",
      refs: ["var.x"],
      prefix: "com.amazonaws.",
      suffix: ".s3",
    });
    expect(debug("format", "%s-%d-%s", computed("aws_vpc.main", "id"), varUnknown("n"), "x")).toEqual({
      $unknown: "COMPUTED",
      detail: "aws_vpc.main.id is set at apply time",
      refs: ["aws_vpc.main.id", "var.n"],
      suffix: "-x",
    });
    expect(debug("format", varUnknown("spec"), "x")).toEqual({
      $unknown: "VAR_NO_DEFAULT",
      detail: "var.spec has no default",
      refs: ["var.spec"],
    });
    expect(debug("formatlist", "arn:%s", ["a", varUnknown("b")])).toEqual([
      "arn:a",
      { $unknown: "VAR_NO_DEFAULT", detail: "var.b has no default", refs: ["var.b"], prefix: "arn:" },
    ]);
  });
});
