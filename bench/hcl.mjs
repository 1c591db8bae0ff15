#!/usr/bin/env node
/**
 * `npm run bench:hcl [-- --corpus DIR] [--mb N] [--seed S] [--json]`: reads
 * every .tf file of a corpus into memory — by default the generated one
 * (20 MB, deterministic, written once to bench/.corpus/) — and prints our
 * parser's throughput (cold pass, median of three warm passes),
 * `hcl2-parser`'s on a sample of at least 300 files, the ratio, and the memory
 * the ASTs of the whole corpus take. Thresholds (issue 3): ≥ 40 MB/s warm,
 * ≥ 100× hcl2-parser; exit code 1 if either is missed.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureGeneratedCorpus, readTfFiles } from "./hcl-corpus.mjs";
import { loadHclParser, measureHclThroughput } from "./hcl-throughput.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : fallback;
};
const targetMB = option("--mb", 20);
const seed = option("--seed", 1);
const json = args.includes("--json");
const corpusArg = args.indexOf("--corpus");
const corpus = corpusArg >= 0 ? args[corpusArg + 1] : ensureGeneratedCorpus({ seed, targetBytes: targetMB * 1e6 });

const files = readTfFiles(corpus);
const hcl = await loadHclParser();
const throughput = await measureHclThroughput(files, { hcl });
// Memory in a process of its own: its peak RSS is that of holding every AST.
const memoryRun = spawnSync(
  process.execPath,
  [path.join(path.dirname(fileURLToPath(import.meta.url)), "hcl-memory.mjs"), corpus],
  {
    encoding: "utf8",
  },
);
if (memoryRun.status !== 0) throw new Error(`hcl-memory.mjs failed: ${memoryRun.stderr}`);
const memory = JSON.parse(memoryRun.stdout);
const ok = throughput.mbPerS >= 40 && throughput.ratio >= 100;

if (json) {
  process.stdout.write(`${JSON.stringify({ hcl: { ...throughput, ...memory, ok } }, null, 2)}\n`);
} else {
  const t = throughput;
  console.log(
    `corpus: ${corpus}: ${t.files} files, ${(t.bytes / 1e6).toFixed(2)} MB; files with diagnostics: ${t.astErrors}`,
  );
  console.log(`ours (cold, first pass):      ${t.coldMbPerS.toFixed(2)} MB/s  (${t.coldMs} ms)`);
  console.log(
    `ours (warm, median of 3):     ${t.mbPerS.toFixed(2)} MB/s  (${t.ms} ms; passes ${t.passesMs.join(", ")} ms)`,
  );
  console.log(
    `ours (warm, by CPU time):     ${t.cpuMbPerS.toFixed(2)} MB/s  (${t.cpuMs} ms of CPU: far above the wall-clock figure means a busy machine)`,
  );
  console.log(
    `hcl2-parser (${t.referenceFiles} files, ${(t.referenceBytes / 1e6).toFixed(2)} MB): ${t.referenceMbPerS} MB/s  (${t.referenceMs} ms)`,
  );
  console.log(`ratio: ${t.ratio}x`);
  console.log(
    `memory: ASTs of the whole corpus ${memory.astHeapMB} MB of heap${memory.gcExposed ? "" : " (approximate: no gc)"}; peak RSS of a process holding them all ${memory.peakRssMB} MB`,
  );
  console.log(ok ? "OK: >= 40 MB/s and >= 100x hcl2-parser" : "FAIL: below 40 MB/s or 100x hcl2-parser");
}
process.exitCode = ok ? 0 : 1;
