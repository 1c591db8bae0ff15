/**
 * Throughput of our HCL parser over files already in memory, and of
 * `hcl2-parser` (hashicorp/hcl via GopherJS) as the reference.
 *
 *   const hcl = await loadHclParser();
 *   const figures = await measureHclThroughput(files, { hcl });
 *   // { files, bytes, ms, mbPerS, coldMs, coldMbPerS, passesMs, cpuMs,
 *   //   cpuMbPerS, astErrors, referenceFiles, referenceBytes, referenceMs,
 *   //   referenceMbPerS, ratio }
 *
 * Method (single thread, one process): the first pass over all files is the
 * cold pass (also the warm-up), then three timed passes; `ms` is their median.
 * MB = 10^6 bytes of UTF-8. The reference parses a sample of the files (every
 * k-th file, at least `referenceSampleFiles`), once after a short warm-up.
 */
import { bundleForNode } from "../scripts/bundle-node.mjs";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles `src/hcl/index.ts` (as `npm run build` bundles the CLI) and imports it. */
export async function loadHclParser() {
  const outDir = path.join(root, "node_modules/.cache/sagemaker-vpc-guard");
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, "hcl-bench.mjs");
  const url = await bundleForNode(path.join(root, "src/hcl/index.ts"), outfile);
  return import(`${url.href}?t=${Date.now()}`);
}

function utf8Bytes(files) {
  let bytes = 0;
  for (const f of files) bytes += Buffer.byteLength(f.text, "utf8");
  return bytes;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * One pass of our parser over every file; returns [wall ms, CPU ms of the
 * process, number of files with errors]. CPU time tells a busy machine from
 * a slow parser.
 */
function pass(hcl, files) {
  let withErrors = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const result = hcl.parseHcl(f.text, f.path);
    if (result.diagnostics.length > 0) withErrors++;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  return [ms, (cpu.user + cpu.system) / 1000, withErrors];
}

export async function measureHclThroughput(files, { hcl, referenceSampleFiles = 300, reference = true } = {}) {
  hcl ??= await loadHclParser();
  const bytes = utf8Bytes(files);
  const [coldMs, , astErrors] = pass(hcl, files);
  const passes = [pass(hcl, files), pass(hcl, files), pass(hcl, files)];
  const ms = median(passes.map((p) => p[0]));
  const cpuMs = median(passes.map((p) => p[1]));
  const mbPerS = bytes / 1e6 / (ms / 1000);
  const figures = {
    files: files.length,
    bytes,
    ms: round(ms),
    mbPerS: round(mbPerS),
    coldMs: round(coldMs),
    coldMbPerS: round(bytes / 1e6 / (coldMs / 1000)),
    passesMs: passes.map((p) => round(p[0])),
    cpuMs: round(cpuMs),
    cpuMbPerS: round(bytes / 1e6 / (cpuMs / 1000)),
    astErrors,
  };
  if (!reference) return figures;
  const hcl2parser = createRequire(import.meta.url)("hcl2-parser");
  const step = Math.max(1, Math.floor(files.length / referenceSampleFiles));
  const sample = [];
  for (let i = 0; i < files.length && sample.length < referenceSampleFiles; i += step) sample.push(files[i]);
  for (const f of sample.slice(0, 5)) hcl2parser.parseToObject(f.text);
  const referenceBytes = utf8Bytes(sample);
  const t0 = performance.now();
  for (const f of sample) hcl2parser.parseToObject(f.text);
  const referenceMs = performance.now() - t0;
  const referenceMbPerS = referenceBytes / 1e6 / (referenceMs / 1000);
  return {
    ...figures,
    referenceFiles: sample.length,
    referenceBytes,
    referenceMs: round(referenceMs),
    referenceMbPerS: round(referenceMbPerS, 4),
    ratio: round(mbPerS / referenceMbPerS, 1),
  };
}

/**
 * Parses every file once and keeps all results, to measure what the ASTs of
 * the corpus cost: heap growth (after GC when `--expose-gc`) and peak RSS.
 */
export function measureHclMemory(files, hcl) {
  const gc = exposeGc();
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = new Array(files.length);
  for (let i = 0; i < files.length; i++) kept[i] = hcl.parseHcl(files[i].text, files[i].path);
  gc?.();
  const after = process.memoryUsage().heapUsed;
  const result = {
    astHeapMB: round((after - before) / 1e6),
    peakRssMB: round((process.resourceUsage().maxRSS * 1024) / 1e6),
    gcExposed: gc !== undefined,
  };
  kept.length = 0;
  return result;
}

/** `global.gc`, enabled at run time if node was started without `--expose-gc`. */
function exposeGc() {
  if (typeof globalThis.gc === "function") return globalThis.gc;
  try {
    v8.setFlagsFromString("--expose-gc");
    return vm.runInNewContext("gc");
  } catch {
    return undefined;
  }
}

function round(x, digits = 2) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
