import { describe, expect, it } from "vitest";
import { MAX_REGEX_INPUT_LENGTH } from "../../../src/terraform/functions/index.js";
import { debug, error, run } from "./helpers.js";

describe("regex and regexall (RE2, Terraform's result shapes)", () => {
  it("documented examples", () => {
    expect(run("regex", "[a-z]+", "53453453.345345aaabbbccc23454")).toBe("aaabbbccc");
    expect(run("regex", "(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)", "2019-02-01")).toEqual(["2019", "02", "01"]);
    expect(
      run("regex", "^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/"),
    ).toEqual({ authority: "terraform.io", scheme: "https" });
    expect(run("regexall", "[a-z]+", "1234abcd5678efgh9")).toEqual(["abcd", "efgh"]);
    expect(run("regexall", "[a-z]+", "123456789")).toEqual([]);
    expect(error("regex", "[a-z]+", "123")).toContain("did not match");
  });

  it("unmatched optional groups are null; mixing named and unnamed groups is an error", () => {
    expect(run("regex", "(a)(b)?", "a")).toEqual(["a", null]);
    expect(error("regex", "(?P<x>a)(b)", "ab")).toContain("cannot mix");
    expect(error("regexall", "(?P<x>a)(b)", "zz")).toContain("cannot mix");
    expect(error("regex", "(", "a")).toContain("invalid regular expression");
    expect(error("regex", "(?=a)", "a")).toContain("invalid regular expression");
  });

  it("finds all matches with Go's empty-match rule", () => {
    expect(run("regexall", "a*", "baaab")).toEqual(["", "aaa", ""]);
    expect(run("regexall", "(\\w)=(\\d)", "a=1 b=2")).toEqual([
      ["a", "1"],
      ["b", "2"],
    ]);
  });

  it("a catastrophic-backtracking pattern runs in linear time", () => {
    const input = `${"a".repeat(30_000)}b`;
    expect(run("regexall", "(a+)+$", input)).toEqual([]);
    expect(error("regex", "(a+)+$", input)).toContain("did not match");
    expect(run("regex", "(a+)+b$", input)).toEqual(["a".repeat(30_000)]);
    expect(run("replace", input, "/(a+)+$/", "x")).toBe(input);
  });

  it("bounds the input size", () => {
    expect(debug("regex", "a", "a".repeat(MAX_REGEX_INPUT_LENGTH + 1))).toEqual({
      $unknown: "LIMIT",
      detail: `regex: string is longer than ${MAX_REGEX_INPUT_LENGTH} characters, the most a regular expression is run on`,
      refs: [],
    });
  });
});
