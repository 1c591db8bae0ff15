/**
 * The scan with Terraform parsing on a worker pool (`--workers`, config and action
 * `workers`): the scan's files are found as `scan` finds them, their `.tf`/`.tofu`
 * files parsed on the pool (`pool.ts`), and `scan` run with those results, which the
 * Terraform stage uses where path and text match (and parses anything else itself).
 * The output is byte for byte the single-threaded scan's (`test/parallel.test.ts`).
 *
 * Off by default: on the 2-core machine it was measured on, receiving the ASTs
 * costs the main thread more than parsing them (README, Benchmarks). A scan with
 * fewer than `MIN_POOL_FILES` HCL files never starts the pool, whatever is asked.
 */
import os from "node:os";
import { ScanInputs } from "../discover/inputs.js";
import { resolveLimits } from "../core/limits.js";
import { UsageError } from "../core/errors.js";
import { scan, scanFiles, type ScanOptions, type ScanResult } from "../scan.js";
import { parseHclOnPool, type PoolStats } from "./pool.js";

/** Below this many `.tf`/`.tofu` files, starting workers (~50 ms each) costs more than parsing them all (~0.1 ms each). */
export const MIN_POOL_FILES = 200;

/** `auto`: `os.availableParallelism()`; 0 or 1: no pool. */
export type WorkersSetting = number | "auto";

export interface ParallelScanOptions extends ScanOptions {
  /** Worker threads for parsing Terraform; 0 or 1 (the default): none. */
  workers?: WorkersSetting;
  /** The fewest `.tf`/`.tofu` files for which the pool starts (default `MIN_POOL_FILES`). */
  minPoolFiles?: number;
  /** The worker module (default: `dist/parse-worker.js`, beside the bundle). */
  workerUrl?: URL;
  /** Told how the pool went: its figures, or why it could not run (the scan then parses on the main thread). */
  onPool?: (report: { stats: PoolStats } | { error: unknown }) => void;
}

/** The number of workers a setting means. */
export function resolveWorkers(setting: WorkersSetting | undefined): number {
  if (setting === "auto") return os.availableParallelism();
  return setting ?? 0;
}

/** `--workers` / the `workers` input: `auto` or a whole number (0 or 1: off). */
export function parseWorkers(text: string, what: string): WorkersSetting {
  const value = text.trim();
  if (value === "auto") return "auto";
  if (/^\d{1,4}$/.test(value)) return Number(value);
  throw new UsageError(`${what} must be auto or a whole number, 0 or 1 for none (got ${JSON.stringify(text)})`);
}

export async function scanParallel(options: ParallelScanOptions): Promise<ScanResult> {
  const workers = resolveWorkers(options.workers);
  if (workers < 2) return scan(options);
  // The scan's files, found (and read) as `scan` will find them; the scan reads them again
  // through its own inputs, so that the limits count bytes in the same order.
  const inputs = new ScanInputs(options.root, resolveLimits(options.limits));
  const discovery = scanFiles(options, inputs);
  const hcl = discovery.files.filter((file) => file.kind === "terraform" && /\.(tf|tofu)$/i.test(file.path));
  if (hcl.length < (options.minPoolFiles ?? MIN_POOL_FILES)) return scan(options);
  const sources: { path: string; text: string }[] = [];
  for (const file of hcl) {
    const text = inputs.text(file);
    if (text !== undefined) sources.push({ path: file.path, text });
  }
  options.onProgress?.(`parsing Terraform on ${workers} workers`, discovery.files.length);
  let parsed: Awaited<ReturnType<typeof parseHclOnPool>>["parsed"];
  try {
    const pool = await parseHclOnPool(sources, { workers, workerUrl: options.workerUrl });
    options.onPool?.({ stats: pool.stats });
    parsed = pool.parsed;
  } catch (error) {
    options.onPool?.({ error });
    return scan(options);
  }
  return scan({ ...options, parsedHcl: parsed });
}
