/**
 * Differential conformance: our parse, rendered by `hcl2json.ts`, must equal
 * what `@cdktf/hcl2json` (the official hashicorp/hcl) prints — for every
 * `.tf` fixture, for a generated corpus that uses every construct, and, for
 * whether there is an error at all, for randomly damaged files. Non-literal
 * expressions are printed from our ranges, so this also checks every range.
 *
 * The corpus is bounded to keep `npm test` fast; `npm run hcl:diff` runs a
 * much bigger one.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateExpressionFiles } from "../../bench/gen-hcl-expr.mjs";
import { createRng, generateCorpus } from "../../bench/gen-tf.mjs";
import { describeMismatch, oracle, ours, sameOutcome } from "./oracle.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function tfFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...tfFiles(full));
    else if (name.endsWith(".tf")) out.push(full);
  }
  return out;
}

/** Compares every file; returns the mismatches and how many files the oracle rejected. */
async function compare(files: { path: string; text: string }[]) {
  const mismatches: string[] = [];
  let rejected = 0;
  for (const f of files) {
    const theirs = await oracle(f.path, f.text);
    const mine = ours(f.path, f.text);
    if (!theirs.ok) rejected++;
    if (!sameOutcome(theirs, mine)) mismatches.push(describeMismatch(f.path, theirs, mine));
  }
  return { mismatches, rejected };
}

describe("differential conformance with @cdktf/hcl2json", () => {
  it("agrees on every .tf file under fixtures/", async () => {
    const files = tfFiles(path.join(root, "fixtures")).map((full) => ({
      path: path.relative(root, full),
      text: readFileSync(full, "utf8"),
    }));
    expect(files.length).toBeGreaterThan(90);
    const { mismatches, rejected } = await compare(files);
    expect(mismatches).toEqual([]);
    // The edge-case fixtures include invalid files: errors are compared too.
    expect(rejected).toBeGreaterThan(20);
  });

  it("agrees on a generated corpus using every construct", async () => {
    const files = generateCorpus({ seed: 2026, files: 80 });
    const { mismatches, rejected } = await compare(files);
    expect(mismatches).toEqual([]);
    expect(rejected).toBe(0);
    // The corpus does exercise the constructs (spot checks on its text).
    const all = files.map((f) => f.text).join("\n");
    for (const needle of [
      "<<-",
      "%{ for",
      "%{~ if",
      '${var.env == "prod" ?',
      "[*]",
      ".*.",
      "...",
      "provider::aws::",
      "/*",
      "//",
      "=> ",
      "\r\n",
      "\ufeff",
    ]) {
      expect(all, needle).toContain(needle);
    }
  });

  it("agrees on random nestings of every expression form, nonsense included", async () => {
    const files = generateExpressionFiles({ seed: 11, count: 400 });
    const { mismatches, rejected } = await compare(files);
    expect(mismatches).toEqual([]);
    // Some are errors (`-true`, unclosed heredocs in odd places), most are not.
    expect(rejected).toBeGreaterThan(40);
    expect(rejected).toBeLessThan(200);
  });

  it("agrees on whether randomly damaged files have errors", async () => {
    const rng = createRng(99);
    const damage = [
      '"',
      "{",
      "}",
      "[",
      "]",
      "(",
      ")",
      "=",
      "\n",
      "$",
      "%",
      "~",
      ",",
      ".",
      "*",
      " ",
      "#",
      "/",
      "<",
      ":",
      "?",
      "\\",
    ];
    const files = generateCorpus({ seed: 7, files: 150 }).map((f) => {
      const at = rng.int(f.text.length);
      const op = rng.int(3);
      const text =
        op === 0
          ? f.text.slice(0, at) + f.text.slice(at + 1)
          : f.text.slice(0, at) + rng.pick(damage) + f.text.slice(op === 1 ? at : at + 1);
      return { path: f.path, text };
    });
    const { mismatches, rejected } = await compare(files);
    expect(mismatches).toEqual([]);
    expect(rejected).toBeGreaterThan(30);
  });
});
