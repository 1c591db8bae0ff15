#!/usr/bin/env node
/**
 * `npm run bench -- [--corpus DIR] [--stacks N] [--seed S] [--workers N] [--json]`: the
 * project's performance benchmark (issue 8), on top of `bench:hcl`.
 *
 * Without `--corpus` it generates (deterministically, once, into
 * `bench/.corpus/monorepo-seed<S>-<N>-<generator hash>/`, git-ignored) a monorepo of N stacks
 * (default 2,000) with `bench/gen-monorepo.mjs`. Then:
 *
 * - `hcl`: parses every `.tf` file of the corpus, already in memory, exactly as
 *   `bench:hcl` does (`measureHclThroughput`: warm, median of three passes,
 *   single thread, MB = 10^6 bytes; `reference*` is `hcl2-parser` on a sample
 *   of at least 300 files, in the same process).
 * - `scan`: runs the whole CLI scan as a child process,
 *   `node dist/cli.js scan DIR --format sarif --output /dev/null` (build first:
 *   `npm run build`), timing its wall time; `bench/scan-probe.mjs`, preloaded
 *   with `--import`, records its peak RSS, every file under DIR it read (`files`,
 *   `bytes`) and the SARIF it wrote, whose results are counted (`findings`, all levels).
 *   `--workers N` is passed to the scan (the parse pool, `src/parallel/`; default: none).
 *
 * `--json` prints exactly one JSON object:
 *   {"hcl": {files, bytes, ms, mbPerS, referenceMbPerS, ratio},
 *    "scan": {files, bytes, ms, peakRssMb, findings}}
 * Targets (2 cores): HCL ≥ 40 MB/s and ≥ 100× hcl2-parser; the 2,000-stack
 * scan ≤ 15 s and ≤ 1.5 GB peak RSS; 4,000 stacks ≤ 2.2× the time of 2,000.
 * The exit code is 1 when an HCL target or (for the default 2,000 stacks) a scan target is missed.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeMonorepo } from "./gen-monorepo.mjs";
import { readTfFiles } from "./hcl-corpus.mjs";
import { loadHclParser, measureHclThroughput } from "./hcl-throughput.mjs";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, "..");

const args = process.argv.slice(2);
const flagValue = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const json = args.includes("--json");
const stacks = Number(flagValue("--stacks") ?? 2000);
const seed = Number(flagValue("--seed") ?? 1);
const workers = flagValue("--workers");
if (
  !Number.isInteger(stacks) ||
  stacks < 1 ||
  !Number.isInteger(seed) ||
  (workers !== undefined && !/^(\d+|auto)$/.test(workers))
) {
  console.error("usage: npm run bench -- [--corpus DIR] [--stacks N] [--seed S] [--workers N|auto] [--json]");
  process.exit(2);
}
const log = (line) => (json ? process.stderr : process.stdout).write(`${line}\n`);

/**
 * Writes the generated monorepo for (seed, stacks) unless it is already there. The folder's
 * name carries a hash of the generator's source, so that a changed generator never reuses a stale corpus.
 */
function ensureMonorepo() {
  const generator = createHash("sha256");
  for (const name of ["gen-monorepo.mjs", "gen-tf.mjs"]) generator.update(readFileSync(path.join(benchDir, name)));
  const base = `monorepo-seed${seed}-${stacks}`;
  const dir = path.join(benchDir, ".corpus", `${base}-${generator.digest("hex").slice(0, 8)}`);
  if (existsSync(path.join(dir, ".complete"))) return dir;
  for (const old of existsSync(path.dirname(dir)) ? readdirSync(path.dirname(dir)) : []) {
    if (old === base || old.startsWith(`${base}-`))
      rmSync(path.join(path.dirname(dir), old), { recursive: true, force: true });
  }
  log(`generating ${stacks} stacks into ${path.relative(root, dir)} ...`);
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  writeMonorepo(tmp, { seed, stacks });
  writeFileSync(path.join(tmp, ".complete"), "");
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

const corpus = path.resolve(flagValue("--corpus") ?? ensureMonorepo());
const cli = path.join(root, "dist/cli.js");
if (!existsSync(cli)) {
  console.error("dist/cli.js is missing: run `npm run build` first");
  process.exit(2);
}

// --- the whole scan, as a child process ---------------------------------------
/** CPU time (user + system) of the scan: printed without --json, to tell a busy machine from a slow scan. */
let cpuMs;
function measureScan() {
  const probeDir = mkdtempSync(path.join(os.tmpdir(), "smvg-bench-"));
  const probeOut = path.join(probeDir, "probe.json");
  const reportCopy = path.join(probeDir, "report.sarif");
  const t0 = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      "--import",
      path.join(benchDir, "scan-probe.mjs"),
      cli,
      "scan",
      corpus,
      "--root",
      corpus,
      "--format",
      "sarif",
      "--output",
      "/dev/null",
      ...(workers === undefined ? [] : ["--workers", workers]),
    ],
    {
      cwd: corpus,
      env: { ...process.env, BENCH_PROBE_DIR: corpus, BENCH_PROBE_OUT: probeOut, BENCH_PROBE_REPORT: reportCopy },
      encoding: "utf8",
      maxBuffer: 1 << 30,
    },
  );
  const ms = performance.now() - t0;
  // Exit code 1 means "findings at the fail-on level": expected on this corpus.
  if (child.status !== 0 && child.status !== 1) {
    console.error(child.stderr);
    throw new Error(`scan failed with exit code ${child.status}`);
  }
  const probe = JSON.parse(readFileSync(probeOut, "utf8"));
  let bytes = 0;
  for (const file of probe.files) bytes += statSync(file).size;
  let findings = 0;
  if (existsSync(reportCopy))
    for (const run of JSON.parse(readFileSync(reportCopy, "utf8")).runs ?? []) findings += run.results?.length ?? 0;
  rmSync(probeDir, { recursive: true, force: true });
  cpuMs = round(probe.cpuMs);
  return { files: probe.files.length, bytes, ms: round(ms), peakRssMb: round((probe.maxRssKb * 1024) / 1e6), findings };
}

// --- HCL parsing, in this process, as bench:hcl --------------------------------
async function measureHcl() {
  const files = readTfFiles(corpus);
  const hcl = await loadHclParser();
  let t;
  try {
    t = await measureHclThroughput(files, { hcl });
  } catch {
    // hcl2-parser throws on some valid HCL (and on invalid files of a user's corpus): time ours as
    // bench:hcl does, and the reference on the same kind of sample, leaving out the files it cannot parse.
    t = await measureHclThroughput(files, { hcl, reference: false });
    Object.assign(t, referenceOnSample(files, t.mbPerS));
  }
  return {
    files: t.files,
    bytes: t.bytes,
    ms: t.ms,
    mbPerS: t.mbPerS,
    referenceMbPerS: t.referenceMbPerS,
    ratio: t.ratio,
  };
}

/** `hcl2-parser` on every k-th file (at least 300 files it parses), once after a warm-up. */
function referenceOnSample(files, mbPerS) {
  const hcl2parser = createRequire(import.meta.url)("hcl2-parser");
  const parses = (text) => {
    try {
      hcl2parser.parseToObject(text);
      return true;
    } catch {
      return false;
    }
  };
  const step = Math.max(1, Math.floor(files.length / 300));
  const sample = [];
  for (let start = 0; start < step && sample.length < 300; start++) {
    for (let i = start; i < files.length && sample.length < 300; i += step)
      if (parses(files[i].text)) sample.push(files[i]);
  }
  let bytes = 0;
  for (const f of sample) bytes += Buffer.byteLength(f.text, "utf8");
  const t0 = performance.now();
  for (const f of sample) hcl2parser.parseToObject(f.text);
  const referenceMbPerS = bytes / 1e6 / ((performance.now() - t0) / 1000);
  return { referenceMbPerS: round(referenceMbPerS, 4), ratio: round(mbPerS / referenceMbPerS, 1) };
}

const scan = measureScan();
const hcl = await measureHcl();

const hclOk = hcl.mbPerS >= 40 && hcl.ratio >= 100;
const scanOk = stacks !== 2000 || flagValue("--corpus") !== undefined || (scan.ms <= 15000 && scan.peakRssMb <= 1500);
if (json) {
  process.stdout.write(`${JSON.stringify({ hcl, scan })}\n`);
} else {
  console.log(`corpus: ${corpus}`);
  console.log(
    `hcl:  ${hcl.files} .tf files, ${(hcl.bytes / 1e6).toFixed(2)} MB in ${hcl.ms} ms (warm, median of 3): ${hcl.mbPerS} MB/s; hcl2-parser ${hcl.referenceMbPerS} MB/s; ratio ${hcl.ratio}x  [target >= 40 MB/s, >= 100x: ${hclOk ? "OK" : "MISSED"}]`,
  );
  console.log(
    `scan: ${scan.files} files, ${(scan.bytes / 1e6).toFixed(2)} MB read; ${scan.ms} ms wall (${cpuMs} ms CPU); peak RSS ${scan.peakRssMb} MB; ${scan.findings} findings  [target for 2,000 stacks <= 15 s, <= 1.5 GB: ${scanOk ? "OK" : "MISSED"}]`,
  );
}
process.exitCode = hclOk && scanOk ? 0 : 1;

function round(x, digits = 2) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
