import { describe, expect, it } from "vitest";
import { error, run } from "./helpers.js";

describe("numeric functions (Terraform documentation examples)", () => {
  it("abs, ceil, floor, signum", () => {
    expect(run("abs", 23)).toBe(23);
    expect(run("abs", 0)).toBe(0);
    expect(run("abs", -12.4)).toBe(12.4);
    expect(run("ceil", 5)).toBe(5);
    expect(run("ceil", 5.1)).toBe(6);
    expect(run("floor", 5)).toBe(5);
    expect(run("floor", 4.9)).toBe(4);
    expect(run("signum", -13)).toBe(-1);
    expect(run("signum", 0)).toBe(0);
    expect(run("signum", 344)).toBe(1);
  });

  it("pow, log, min, max", () => {
    expect(run("pow", 3, 2)).toBe(9);
    expect(run("pow", 4, 0)).toBe(1);
    expect(run("log", 50, 10)).toBeCloseTo(1.6989700043360185, 12);
    expect(run("log", 16, 2)).toBe(4);
    expect(run("min", 12, 54, 3)).toBe(3);
    expect(run("max", 12, 54, 3)).toBe(54);
    expect(run("max", "7", 3)).toBe(7);
    expect(error("max", "x")).toContain("cannot convert");
  });

  it("parseint", () => {
    expect(run("parseint", "100", 10)).toBe(100);
    expect(run("parseint", "FF", 16)).toBe(255);
    expect(run("parseint", "-10", 16)).toBe(-16);
    expect(run("parseint", "1011111011101111", 2)).toBe(48879);
    expect(run("parseint", "aA", 62)).toBe(656);
    expect(error("parseint", "12", 2)).toContain("cannot parse");
    expect(error("parseint", "1", 63)).toContain("between 2 and 62");
  });

  it("conversions between numbers, strings and bools", () => {
    expect(run("tonumber", "1")).toBe(1);
    expect(run("tonumber", "-1.5e3")).toBe(-1500);
    expect(run("tonumber", null)).toBe(null);
    expect(error("tonumber", "no")).toContain('cannot convert "no" to number');
    expect(run("tostring", "hello")).toBe("hello");
    expect(run("tostring", 1)).toBe("1");
    expect(run("tostring", true)).toBe("true");
    expect(run("tostring", null)).toBe(null);
    expect(error("tostring", [])).toContain("cannot convert a list");
    expect(run("tobool", true)).toBe(true);
    expect(run("tobool", "true")).toBe(true);
    expect(run("tobool", null)).toBe(null);
    expect(error("tobool", "no")).toContain("only the strings");
    expect(error("tobool", 1)).toContain("cannot convert a number");
    expect(run("tolist", ["a", "b", "c"])).toEqual(["a", "b", "c"]);
    expect(run("tolist", ["a", "b", 3])).toEqual(["a", "b", "3"]);
    expect(run("tomap", { a: 1, b: 2 })).toEqual({ a: 1, b: 2 });
    expect(run("tomap", { a: "foo", b: true })).toEqual({ a: "foo", b: "true" });
    expect(run("sensitive", "secret")).toBe("secret");
    expect(run("nonsensitive", 1)).toBe(1);
  });
});
