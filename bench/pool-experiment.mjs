/**
 * `node bench/pool-experiment.mjs [--corpus DIR] [--workers N]`: does a
 * `worker_threads` pool pay for HCL parsing? Parses every .tf file of the
 * corpus (default: the generated 2,000-stack monorepo of `npm run bench`, which must exist)
 * (a) on the main thread, and (b) on the scan's own parse pool (`src/parallel/pool.ts`,
 * `--workers`; N workers, default `os.availableParallelism()`), which posts the ASTs
 * back (structured clone), as the Terraform stage needs them. Prints the median of three
 * warm runs of each and, for (b), where the time went: parsing and serializing in the
 * workers (summed over them) and the main thread's busy time receiving (deserializing).
 *
 * Then the same question for per-module evaluation: it evaluates the corpus's
 * Terraform (`loadTerraform`, warm) and times what a worker would have to pay to
 * hand the result back — `v8.serialize` (in the worker) and `v8.deserialize` (on
 * the main thread), the structured clone `postMessage` uses. Findings and the decision: README, "Benchmarks".
 */
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleForNode } from "../scripts/bundle-node.mjs";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import v8 from "node:v8";
import { readTfFiles } from "./hcl-corpus.mjs";
import { loadHclParser } from "./hcl-throughput.mjs";

{
  const benchDir = path.dirname(fileURLToPath(import.meta.url));
  const args = process.argv.slice(2);
  const flagValue = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const generated = path.join(benchDir, ".corpus");
  const corpus =
    flagValue("--corpus") ??
    path.join(
      generated,
      (existsSync(generated) ? readdirSync(generated) : []).find(
        (name) => /^monorepo-seed1-2000-[0-9a-f]{8}$/.test(name) && existsSync(path.join(generated, name, ".complete")),
      ) ?? "(run npm run bench first)",
    );
  const workers = Number(flagValue("--workers") ?? os.availableParallelism());
  const files = readTfFiles(corpus);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const hcl = await loadHclParser();
  const outDir = path.join(benchDir, "../node_modules/.cache/sagemaker-vpc-guard");
  mkdirSync(outDir, { recursive: true });
  const bundle = (entry, name) => bundleForNode(path.join(benchDir, "..", entry), path.join(outDir, name));
  const workerUrl = await bundle("src/parallel/parse-worker.ts", "parse-worker-bench.mjs");
  const { parseHclOnPool } = await import((await bundle("src/parallel/pool.ts", "pool-bench.mjs")).href);

  const single = () => {
    const t0 = performance.now();
    const kept = files.map((f) => hcl.parseHcl(f.text, f.path));
    return { ms: performance.now() - t0, kept: kept.length };
  };
  const parallel = async () => {
    const { parsed, stats } = await parseHclOnPool(files, { workers, workerUrl });
    if (parsed.size !== files.length) throw new Error(`the pool parsed ${parsed.size} of ${files.length} files`);
    return stats;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  single();
  await parallel();
  const singles = [single(), single(), single()];
  const parallels = [await parallel(), await parallel(), await parallel()];
  const s = median(singles.map((r) => r.ms));
  const p = median(parallels.map((r) => r.wallMs));
  const round = (x) => Math.round(x);
  // Per-module evaluation: what handing evaluated instances back would cost.
  const { loadTerraform } = await import((await bundle("src/terraform/index.ts", "terraform-bench.mjs")).href);
  const inputs = files.map((f) => ({ path: f.path.split(path.sep).join("/"), text: f.text }));
  const readFile = (rel) => {
    try {
      return readFileSync(path.join(corpus, rel), "utf8");
    } catch {
      return undefined;
    }
  };
  const evaluate = () => loadTerraform(inputs, { root: corpus, readFile });
  evaluate();
  let t0 = performance.now();
  const evaluated = evaluate();
  const evaluateMs = performance.now() - t0;
  t0 = performance.now();
  const buffer = v8.serialize({
    instances: evaluated.instances,
    diagnostics: evaluated.diagnostics,
    notes: evaluated.notes,
  });
  const serializeMs = performance.now() - t0;
  t0 = performance.now();
  v8.deserialize(buffer);
  const deserializeMs = performance.now() - t0;

  console.log(
    JSON.stringify({
      evaluate: {
        instances: evaluated.instances.length,
        evaluateMs: round(evaluateMs),
        serializeMs: round(serializeMs),
        deserializeMs: round(deserializeMs),
        clonedMB: +(buffer.length / 1e6).toFixed(1),
      },
      files: files.length,
      mb: +(bytes / 1e6).toFixed(2),
      workers,
      singleThreadMs: round(s),
      poolMs: round(p),
      poolWorkerParseMs: round(median(parallels.map((r) => r.workerParseMs))),
      poolWorkerPostMs: round(median(parallels.map((r) => r.workerPostMs))),
      poolMainBusyMs: round(median(parallels.map((r) => r.mainBusyMs))),
      speedup: +(s / p).toFixed(2),
    }),
  );
}
