import { describe, expect, it } from "vitest";
import { list, num, obj, str, toDebugJson, type Value } from "../../../src/core/value.js";
import { callFunction } from "../../../src/terraform/functions/index.js";
import { CALL_RANGE, computed, debug, error, makeContext, rangeAt, run, varUnknown } from "./helpers.js";

function result(name: string, ...args: Value[]): Value {
  const value = callFunction(name, args, makeContext());
  if (value.kind === "function-error") throw new Error(value.message);
  return value;
}

describe("collection functions (Terraform documentation examples)", () => {
  it("length", () => {
    expect(run("length", [])).toBe(0);
    expect(run("length", ["a", "b"])).toBe(2);
    expect(run("length", { a: "b" })).toBe(1);
    expect(run("length", "hello")).toBe(5);
    expect(run("length", "👾🕹️")).toBe(3); // code points; Terraform counts 2 grapheme clusters (documented deviation)
  });

  it("concat, merge, flatten", () => {
    expect(run("concat", ["a", ""], ["b", "c"])).toEqual(["a", "", "b", "c"]);
    expect(run("merge", { a: "b", c: "d" }, { e: "f", c: "z" })).toEqual({ a: "b", c: "z", e: "f" });
    expect(run("merge", { a: "b" }, { a: [1, 2], c: "z" }, { d: 3 })).toEqual({ a: [1, 2], c: "z", d: 3 });
    expect(run("merge", { a: 1 }, null)).toEqual({ a: 1 });
    expect(Object.keys(run("merge", { z: 1 }, { a: 2 }) as object)).toEqual(["a", "z"]);
    expect(run("flatten", [["a", "b"], [], ["c"]])).toEqual(["a", "b", "c"]);
    expect(run("flatten", [[["a", "b"], []], ["c"]])).toEqual(["a", "b", "c"]);
  });

  it("distinct, compact, coalesce, coalescelist", () => {
    expect(run("distinct", ["a", "b", "a", "c", "d", "b"])).toEqual(["a", "b", "c", "d"]);
    expect(run("compact", ["a", "", "b", null, "c"])).toEqual(["a", "b", "c"]);
    expect(run("coalesce", "a", "b")).toBe("a");
    expect(run("coalesce", "", "b")).toBe("b");
    expect(run("coalesce", 1, 2)).toBe(1);
    expect(run("coalesce", null, "", "x")).toBe("x");
    expect(run("coalesce", 1, "a")).toBe("1");
    expect(error("coalesce", null, "")).toContain("no non-null");
    expect(run("coalescelist", ["a", "b"], ["c", "d"])).toEqual(["a", "b"]);
    expect(run("coalescelist", [], ["c", "d"])).toEqual(["c", "d"]);
  });

  it("lookup, element, index, contains", () => {
    expect(run("lookup", { a: "ay", b: "bee" }, "a", "what?")).toBe("ay");
    expect(run("lookup", { a: "ay", b: "bee" }, "c", "what?")).toBe("what?");
    expect(error("lookup", { a: "ay" }, "c")).toContain('"c"');
    expect(run("element", ["a", "b", "c"], 1)).toBe("b");
    expect(run("element", ["a", "b", "c"], 3)).toBe("a");
    expect(error("element", [], 0)).toContain("empty list");
    expect(error("element", ["a"], -1)).toContain("negative");
    expect(run("index", ["a", "b", "c"], "b")).toBe(1);
    expect(error("index", ["a"], "z")).toContain("not found");
    expect(run("contains", ["a", "b", "c"], "a")).toBe(true);
    expect(run("contains", ["a", "b", "c"], "d")).toBe(false);
    expect(run("contains", [1, 2], "1")).toBe(false);
  });

  it("keys, values, zipmap", () => {
    expect(run("keys", { a: 1, c: 2, d: 3 })).toEqual(["a", "c", "d"]);
    expect(run("keys", { d: 1, a: 2 })).toEqual(["a", "d"]);
    expect(run("values", { a: 3, c: 2, d: 1 })).toEqual([3, 2, 1]);
    expect(run("values", { d: 1, a: 2 })).toEqual([2, 1]);
    expect(run("zipmap", ["a", "b"], [1, 2])).toEqual({ a: 1, b: 2 });
    expect(run("zipmap", ["b", "a", "b"], [1, 2, 3])).toEqual({ a: 2, b: 3 });
    expect(error("zipmap", ["a"], [])).toContain("does not match");
  });

  it("slice, reverse, sort", () => {
    expect(run("slice", ["a", "b", "c", "d"], 1, 3)).toEqual(["b", "c"]);
    expect(error("slice", ["a"], 0, 2)).toContain("end_index");
    expect(run("reverse", [1, 2, 3])).toEqual([3, 2, 1]);
    expect(run("sort", ["e", "d", "a", "x"])).toEqual(["a", "d", "e", "x"]);
    expect(run("sort", [10, 9, 1])).toEqual(["1", "10", "9"]);
    expect(run("sort", ["b", "B", "a"])).toEqual(["B", "a", "b"]);
  });

  it("range with 1 to 3 arguments, fractional and negative steps", () => {
    expect(run("range", 3)).toEqual([0, 1, 2]);
    expect(run("range", 1, 4)).toEqual([1, 2, 3]);
    expect(run("range", 1, 8, 2)).toEqual([1, 3, 5, 7]);
    expect(run("range", 1, 4, 0.5)).toEqual([1, 1.5, 2, 2.5, 3, 3.5]);
    expect(run("range", 4, 1)).toEqual([4, 3, 2]);
    expect(run("range", 10, 5, -2)).toEqual([10, 8, 6]);
    expect(run("range", 0)).toEqual([]);
    expect(run("range", 0, 0.5, 0.1)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(error("range", 1, 4, 0)).toContain("zero");
    expect(error("range", 1, 4, -1)).toContain("positive");
    expect(error("range", 2000)).toContain("more than 1024 values");
  });

  it("range(1e9) is a LIMIT Unknown without allocating", () => {
    expect(debug("range", 1e9)).toEqual({
      $unknown: "LIMIT",
      detail: "range: range would generate 1000000000 elements, more than 1000000",
      refs: [],
    });
    const value = result("range", num(1e12));
    expect(value).toMatchObject({ kind: "unknown", reason: "LIMIT", range: CALL_RANGE });
  });

  it("set functions return Terraform's set order", () => {
    expect(run("setunion", ["a", "b"], ["b", "c"], ["d"])).toEqual(["a", "b", "c", "d"]);
    expect(run("setunion", ["z", "a"], ["b"])).toEqual(["a", "b", "z"]);
    expect(run("setintersection", ["a", "b"], ["b", "c"], ["b", "d"])).toEqual(["b"]);
    expect(run("setsubtract", ["a", "b", "c"], ["a", "c"])).toEqual(["b"]);
    expect(run("setproduct", ["development", "staging"], ["app1", "app2"])).toEqual([
      ["development", "app1"],
      ["development", "app2"],
      ["staging", "app1"],
      ["staging", "app2"],
    ]);
    expect(run("toset", ["a", "b", "c", "b"])).toEqual(["a", "b", "c"]);
    expect(run("toset", ["c", "b", "a"])).toEqual(["a", "b", "c"]);
    expect(run("toset", ["a", 1])).toEqual(["1", "a"]);
    expect(run("toset", [10, 2, 2])).toEqual([2, 10]);
  });

  it("one, chunklist, transpose, matchkeys, alltrue, anytrue, sum", () => {
    expect(run("one", [])).toBe(null);
    expect(run("one", ["hello"])).toBe("hello");
    expect(error("one", ["a", "b"])).toContain("zero or one");
    expect(run("chunklist", ["a", "b", "c", "d", "e"], 2)).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(run("chunklist", ["a", "b", "c", "d", "e"], 1)).toEqual([["a"], ["b"], ["c"], ["d"], ["e"]]);
    expect(run("transpose", { a: ["1", "2"], b: ["2", "3"] })).toEqual({ "1": ["a"], "2": ["a", "b"], "3": ["b"] });
    expect(run("matchkeys", ["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])).toEqual([
      "i-abc",
      "i-def",
    ]);
    expect(run("alltrue", ["true", true])).toBe(true);
    expect(run("alltrue", [true, false])).toBe(false);
    expect(run("alltrue", [])).toBe(true);
    expect(run("anytrue", ["true"])).toBe(true);
    expect(run("anytrue", [true, false])).toBe(true);
    expect(run("anytrue", [])).toBe(false);
    expect(run("sum", [10, 13, 6, 4.5])).toBe(33.5);
    expect(error("sum", [])).toContain("empty");
  });

  it("keeps the ranges of elements passed through", () => {
    const a = str("a", rangeAt(10));
    const b = str("b", rangeAt(11));
    const c = str("c", rangeAt(12));
    expect(result("element", list([a, b, c]), num(4))).toBe(b);
    const concat = result("concat", list([a]), list([b, c]));
    expect(concat.range).toEqual(CALL_RANGE);
    expect(concat.kind === "list" && concat.items.map((i) => i.range)).toEqual([rangeAt(10), rangeAt(11), rangeAt(12)]);
    const map = obj([{ key: "subnet", keyRange: rangeAt(20), value: a }]);
    expect(result("lookup", map, str("subnet"))).toBe(a);
    const merged = result("merge", map, obj([{ key: "sg", value: c }]));
    expect(merged.kind === "object" && merged.entries.map((e) => [e.key, e.value.range])).toEqual([
      ["sg", rangeAt(12)],
      ["subnet", rangeAt(10)],
    ]);
    const keys = result("keys", map);
    expect(keys.kind === "list" && keys.items[0]!.range).toEqual(rangeAt(20));
  });

  it("works around Unknown elements where the answer does not depend on them", () => {
    const subnet = computed("aws_subnet.a", "id");
    expect(run("length", [subnet, "x"])).toBe(2);
    expect(run("keys", { a: subnet })).toEqual(["a"]);
    expect(run("element", [subnet, "x"], 1)).toBe("x");
    expect(run("lookup", { a: subnet, b: "x" }, "b")).toBe("x");
    expect(debug("concat", [subnet], ["x"])).toEqual([
      { $unknown: "COMPUTED", detail: "aws_subnet.a.id is set at apply time", refs: ["aws_subnet.a.id"] },
      "x",
    ]);
    expect(debug("compact", [varUnknown("x", { prefix: "subnet-" }), ""])).toEqual([
      { $unknown: "VAR_NO_DEFAULT", detail: "var.x has no default", refs: ["var.x"], prefix: "subnet-" },
    ]);
    expect(run("contains", [subnet, "x"], "x")).toBe(true);
    expect(debug("contains", [subnet, "x"], "y")).toEqual({
      $unknown: "COMPUTED",
      detail: "aws_subnet.a.id is set at apply time",
      refs: ["aws_subnet.a.id"],
    });
    expect(debug("sort", ["b", subnet, varUnknown("order")])).toEqual({
      $unknown: "COMPUTED",
      detail: "aws_subnet.a.id is set at apply time",
      refs: ["aws_subnet.a.id", "var.order"],
    });
    expect(debug("distinct", [subnet])).toMatchObject({ $unknown: "COMPUTED" });
    expect(debug("compact", [subnet])).toMatchObject({ $unknown: "COMPUTED", refs: ["aws_subnet.a.id"] });
    expect(run("alltrue", [varUnknown("b"), false])).toBe(false);
    expect(debug("flatten", [[subnet], ["x"]])).toEqual([
      { $unknown: "COMPUTED", detail: "aws_subnet.a.id is set at apply time", refs: ["aws_subnet.a.id"] },
      "x",
    ]);
    expect(debug("coalesce", "", varUnknown("name", { prefix: "sm-" }))).toEqual({
      $unknown: "VAR_NO_DEFAULT",
      detail: "var.name has no default",
      refs: ["var.name"],
      prefix: "sm-",
    });
    expect(toDebugJson(result("index", list([subnet, str("x")]), str("x")))).toMatchObject({ $unknown: "COMPUTED" });
  });
});
