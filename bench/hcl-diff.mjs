#!/usr/bin/env node
/**
 * `npm run hcl:diff [-- --files N] [--seed S] [--expressions N] [--damaged N]`:
 * the big differential run. Our parser (rendered in tmccombs/hcl2json
 * conventions) against `@cdktf/hcl2json` over every .tf under fixtures/, a
 * generated corpus (default 2000 files, ~9 MB), 5000 random expressions
 * (gen-hcl-expr.mjs) and 2000 randomly damaged files (error presence
 * compared). Prints counts and the first mismatches; exit code 1 on
 * any mismatch. `npm test` runs a bounded version of the same comparison.
 */
import { parse as oracleParse } from "@cdktf/hcl2json";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { generateExpressionFiles } from "./gen-hcl-expr.mjs";
import { createRng, generateCorpus } from "./gen-tf.mjs";
import { loadHclParser } from "./hcl-throughput.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const hcl = await loadHclParser();

function tfFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...tfFiles(full));
    else if (name.endsWith(".tf")) out.push({ path: path.relative(root, full), text: readFileSync(full, "utf8") });
  }
  return out;
}

function damage(files, seed) {
  const rng = createRng(seed);
  const chars = [
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
  return files.map((f) => {
    const at = rng.int(f.text.length);
    const op = rng.int(3);
    const text =
      op === 0
        ? f.text.slice(0, at) + f.text.slice(at + 1)
        : f.text.slice(0, at) + rng.pick(chars) + f.text.slice(op === 1 ? at : at + 1);
    return { path: f.path, text };
  });
}

async function run(label, files) {
  let mismatches = 0;
  let rejected = 0;
  let bytes = 0;
  for (const f of files) {
    bytes += Buffer.byteLength(f.text);
    const theirs = await oracleParse(f.path, f.text).then(
      (value) => ({ ok: true, value }),
      (e) => ({ ok: false, error: String(e) }),
    );
    const mine = hcl.renderHcl2Json(hcl.parseHcl(f.text, f.path), f.text);
    if (!theirs.ok) rejected++;
    const same = theirs.ok === mine.ok && (!theirs.ok || isDeepStrictEqual(theirs.value, mine.value));
    if (!same) {
      mismatches++;
      if (mismatches <= 5) {
        const show = (o) => (o.ok ? JSON.stringify(o.value).slice(0, 800) : `error: ${o.error.slice(0, 300)}`);
        console.log(`MISMATCH ${f.path}\n  oracle: ${show(theirs)}\n  ours:   ${show(mine)}`);
      }
    }
  }
  console.log(
    `${label}: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB, oracle rejected ${rejected}, mismatches ${mismatches}`,
  );
  return mismatches;
}

const seed = option("--seed", 1);
const corpus = generateCorpus({ seed, files: option("--files", 2000) });
let failures = 0;
failures += await run("fixtures", tfFiles(path.join(root, "fixtures")));
failures += await run(`generated (seed ${seed})`, corpus);
failures += await run("random expressions", generateExpressionFiles({ seed, count: option("--expressions", 5000) }));
failures += await run(
  "damaged (error presence)",
  damage(generateCorpus({ seed: seed + 1, files: option("--damaged", 2000) }), seed),
);
process.exitCode = failures === 0 ? 0 : 1;
