import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bool, list, nul, num, obj, str, toDebugJson, unknown, type Value } from "../../../src/core/value.js";
import { FUNCTIONS, MAX_COLLECTION_ELEMENTS, callFunction } from "../../../src/terraform/functions/index.js";
import { CALL_RANGE, computed, makeContext, varUnknown } from "./helpers.js";

const REQUIRED = `jsonencode jsondecode yamlencode yamldecode format formatlist join split replace regex regexall
lower upper title trim trimprefix trimsuffix trimspace substr startswith endswith strcontains concat merge flatten
distinct compact coalesce coalescelist lookup element index contains keys values zipmap length slice range reverse
sort setunion setintersection setsubtract toset tolist tomap tostring tonumber tobool one sum min max abs ceil floor
pow cidrsubnet cidrsubnets cidrhost cidrnetmask file fileexists templatefile base64encode base64decode md5 sha256
uuid timestamp basename dirname abspath`.split(/\s+/);

describe("callFunction", () => {
  it("exports every required function, and not try/can", () => {
    for (const name of REQUIRED) expect(FUNCTIONS[name], name).toBeDefined();
    expect(FUNCTIONS.try).toBeUndefined();
    expect(FUNCTIONS.can).toBeUndefined();
    expect(MAX_COLLECTION_ELEMENTS).toBe(1_000_000);
  });

  it("an Unknown argument makes the result Unknown: first reason, merged refs, the call's range", () => {
    const result = callFunction(
      "cidrsubnet",
      [varUnknown("cidr"), num(4), computed("aws_vpc.main", "id")],
      makeContext(),
    );
    expect(result).toEqual({
      kind: "unknown",
      reason: "VAR_NO_DEFAULT",
      detail: "var.cidr has no default",
      refs: [{ resource: "var.cidr" }, { resource: "aws_vpc.main", attribute: "id" }],
      range: CALL_RANGE,
    });
  });

  it("an unsupported name is an UNSUPPORTED Unknown, never a crash", () => {
    for (const name of ["nosuchfunction", "constructor", "__proto__", "toString", "formatdate"]) {
      expect(callFunction(name, [str("x")], makeContext())).toEqual({
        kind: "unknown",
        reason: "UNSUPPORTED",
        detail: `function ${name} is not supported`,
        refs: [],
        range: CALL_RANGE,
      });
    }
  });

  it("a wrong argument count is an invalid call", () => {
    expect(callFunction("upper", [], makeContext())).toEqual({
      kind: "function-error",
      message: "upper: expected 1 argument, got 0",
    });
    expect(callFunction("substr", [str("a")], makeContext())).toMatchObject({ kind: "function-error" });
  });

  it("FUNCTIONS entries called directly also turn Unknown arguments into Unknowns", () => {
    expect(toDebugJson(FUNCTIONS.sha256!.call([varUnknown("x")], makeContext()) as Value)).toEqual({
      $unknown: "VAR_NO_DEFAULT",
      detail: "var.x has no default",
      refs: ["var.x"],
    });
  });

  it("results carry the call's range", () => {
    expect(callFunction("upper", [str("a")], makeContext())).toEqual({ kind: "string", value: "A", range: CALL_RANGE });
    expect(callFunction("split", [str(","), str("a,b")], makeContext())).toMatchObject({ range: CALL_RANGE });
  });

  it("never throws, whatever the arguments (property test)", () => {
    const leaf: fc.Arbitrary<Value> = fc.oneof(
      fc.string({ maxLength: 8 }).map((s) => str(s)),
      fc.constantFrom("10.0.0.0/16", "fd00::/56", "/a+/", "%s-%d", '{"a":1}', "a: [1").map((s) => str(s)),
      fc.double({ noNaN: false }).map((n) => num(n)),
      fc.integer({ min: -5, max: 40 }).map((n) => num(n)),
      fc.boolean().map((b) => bool(b)),
      fc.constant(nul()),
      fc.constant(unknown("COMPUTED", "x", { refs: [{ resource: "r" }], prefix: "p" })),
    );
    const value: fc.Arbitrary<Value> = fc.letrec<{ value: Value }>((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("value"), { maxLength: 3 }).map((items) => list(items)),
        fc
          .array(fc.tuple(fc.string({ maxLength: 3 }), tie("value")), { maxLength: 3 })
          .map((pairs) => obj([...new Map(pairs)].map(([key, v]) => ({ key, value: v })))),
      ),
    })).value;
    const names = Object.keys(FUNCTIONS);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(value, { maxLength: 4 }), (name, args) => {
        const result = callFunction(name, args, makeContext());
        expect(result.kind).toBeDefined();
        if (result.kind === "function-error") expect(result.message).not.toContain("internal error");
        else toDebugJson(result);
      }),
      { numRuns: 3000 },
    );
  });
});
