#!/usr/bin/env node
/**
 * `npm run fuzz [-- --inputs N] [--seed S] [--target NAME]`: the long fuzz run
 * (issue 9). The targets and properties are `test/robustness/fuzz-targets.ts`,
 * bundled here with esbuild (as `npm run build` bundles the CLI); `npm test`
 * runs the same targets with a fixed seed and fewer inputs. Default: 200,000
 * inputs across the parsers and evaluators, split evenly. Prints one line per
 * target (inputs, time) and exits 1 on the first property failure, with the
 * seed, fast-check's path and the shrunk input to replay it.
 */
import { bundleForNode } from "./bundle-node.mjs";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    inputs: { type: "string", default: "200000" },
    seed: { type: "string" },
    target: { type: "string", multiple: true },
  },
});

const outDir = path.join(root, "node_modules/.cache/sagemaker-vpc-guard");
mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, "fuzz-targets.mjs");
const { fuzzTarget, loadCorpus, TARGETS } = await import(
  (await bundleForNode(path.join(root, "test/robustness/fuzz-targets.ts"), outfile)).href
);

const targets = values.target ?? TARGETS;
const total = Number(values.inputs);
const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
const corpus = loadCorpus(path.join(root, "fixtures"));
const perTarget = Math.ceil(total / targets.length);
console.log(
  `fuzz: ${perTarget * targets.length} inputs, ${targets.length} targets, seed ${seed}, corpus ${corpus.terraform.length} Terraform + ${corpus.cloudformation.length} YAML/JSON files`,
);

let inputs = 0;
const started = performance.now();
for (const target of targets) {
  const t0 = performance.now();
  // In chunks, so that progress shows and each chunk has its own seed (replayable on its own).
  const chunk = 10_000;
  for (let done = 0, i = 0; done < perTarget; done += chunk, i++) {
    const chunkSeed = (seed + i * 7919) % 2 ** 31;
    const run = fuzzTarget(target, corpus, chunkSeed, Math.min(chunk, perTarget - done));
    inputs += run.inputs;
    if (run.failure) {
      const file = path.join(outDir, `fuzz-failure-${target}.txt`);
      writeFileSync(file, run.failure.input);
      console.error(
        `FAIL ${target} (seed ${chunkSeed}, path ${run.failure.path}): ${run.failure.message}\n  input (${run.failure.input.length} chars) written to ${path.relative(root, file)}`,
      );
      process.exit(1);
    }
  }
  console.log(
    `  ${target.padEnd(22)} ${String(perTarget).padStart(7)} inputs  ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}
console.log(`fuzz: ${inputs} inputs, no failure, ${((performance.now() - started) / 1000).toFixed(1)} s`);
