/**
 * Round-trip properties (issue 9), fixed seed: a value printed as a literal and
 * parsed back is equal — HCL literals through the Terraform evaluator (also
 * through jsonencode/jsondecode), JSON and YAML through the template loader.
 */
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { loadYaml } from "../../src/cloudformation/yaml.js";
import { toPlain } from "../../src/core/value.js";
import { attr, loadInline } from "../terraform/helpers.js";

const SEED = 20261128;

/** Any text, including quotes, backslashes, `${`, `%{`, control characters and astral characters. */
const text = fc.oneof(
  fc.string({ unit: "binary-ascii", maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.constantFrom("${x}", "%{if}", "$${", "a\\b", '"', "\n\t\r", "\u0000", "é😀"),
);
const number = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(0.5, -2.25, 1e15, 3.125));
const key = fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 8 });

const plainValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    text,
    number,
    fc.boolean(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc
      .uniqueArray(fc.tuple(key, tie("value")), { maxLength: 4, selector: ([k]) => k })
      .map((entries) => Object.fromEntries(entries)),
  ),
})).value;

/** An HCL literal for a plain value (quoted keys; escapes as the HCL spec writes them). */
function hclLiteral(value: unknown): string {
  if (typeof value === "string") return hclString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(hclLiteral).join(", ")}]`;
  return `{ ${Object.entries(value as object)
    .map(([k, v]) => `${hclString(k)} = ${hclLiteral(v)}`)
    .join(", ")} }`;
}

function hclString(value: string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === "\\") out += "\\\\";
    else if (char === '"') out += '\\"';
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  // A replacer function: in a replacement string "$$" would mean one "$".
  return `"${out.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{")}"`;
}

/** Terraform's map keys are sorted; lists keep their order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  return value;
}

describe("round trips", () => {
  it("an HCL literal, parsed and evaluated, is the value it prints", () => {
    fc.assert(
      fc.property(plainValue, (value) => {
        const result = loadInline({
          "main.tf": `resource "terraform_data" "d" {\n  input = ${hclLiteral(value)}\n}\n`,
        });
        expect(result.diagnostics).toEqual([]);
        expect(attr(result, "terraform_data.d", "input")).toEqual(value);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("jsondecode(jsonencode(x)) is x (maps with sorted keys)", () => {
    fc.assert(
      fc.property(plainValue, (value) => {
        const result = loadInline({
          "main.tf": `resource "terraform_data" "d" {\n  input = jsondecode(jsonencode(${hclLiteral(value)}))\n}\n`,
        });
        expect(attr(result, "terraform_data.d", "input")).toEqual(sortKeys(value));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("JSON and YAML printed from a value load back as that value", () => {
    fc.assert(
      fc.property(plainValue, (value) => {
        const fromJson = loadYaml(JSON.stringify(value), "v.json");
        expect(fromJson.diagnostics).toEqual([]);
        expect(toPlain(fromJson.value!)).toEqual(value);
        const fromYaml = loadYaml(stringify(value), "v.yaml");
        expect(fromYaml.diagnostics).toEqual([]);
        expect(toPlain(fromYaml.value!)).toEqual(value);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
