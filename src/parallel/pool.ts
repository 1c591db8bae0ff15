/**
 * A pool of `worker_threads` that parses HCL files (`parse-worker.ts`): the files
 * are cut into batches of about `batchBytes`, handed out to the workers as they
 * ask for work (two batches in flight per worker, so that none waits while the
 * main thread receives another's results), and the `ParseResult`s come back by
 * structured clone. The results are the ones `parseHcl` gives on the main
 * thread: the parser is deterministic and its AST is plain data (`src/hcl/ast.ts`).
 *
 * Whether it pays is a matter of copying: the main thread has to deserialize
 * every AST it receives, and on 2 cores that costs more than parsing
 * (README, Benchmarks). The scan uses it only when asked (`--workers`).
 */
import { existsSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ParseResult } from "../hcl/index.js";

/** A batch for a worker; `id < 0` asks for the worker's totals. */
export interface BatchRequest {
  id: number;
  files: [path: string, text: string][];
}

export interface BatchReply {
  id: number;
  results: (ParseResult | null)[];
  parseMs?: number;
  postMs?: number;
}

export interface PoolOptions {
  /** Worker threads (default `os.availableParallelism()`). */
  workers?: number;
  /** The worker module (default `parse-worker.js` beside the running bundle, i.e. `dist/parse-worker.js`). */
  workerUrl?: URL;
  /** A batch is cut once it holds this many UTF-16 code units of text (default 256 Ki). */
  batchChars?: number;
}

/** Where the time went; all in milliseconds. */
export interface PoolStats {
  workers: number;
  files: number;
  batches: number;
  /** From starting the workers to the last result received. */
  wallMs: number;
  /** Parsing, summed over the workers. */
  workerParseMs: number;
  /** Serializing results (`postMessage`), summed over the workers. */
  workerPostMs: number;
  /** The main thread's busy time meanwhile: deserializing results (and sending the texts). */
  mainBusyMs: number;
}

export const DEFAULT_BATCH_CHARS = 256 * 1024;

/** The bundled worker beside this bundle (`dist/parse-worker.js`); undefined when running from source. */
export function defaultWorkerUrl(): URL | undefined {
  const url = new URL("./parse-worker.js", import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Parses `files` on a pool of worker threads. Resolves to the results by path (each with
 * the text it was parsed from; a file the worker failed on is left out), or rejects when a
 * worker cannot start or dies.
 */
export async function parseHclOnPool(
  files: readonly { path: string; text: string }[],
  options: PoolOptions = {},
): Promise<{ parsed: Map<string, { text: string; result: ParseResult }>; stats: PoolStats }> {
  const workerUrl = options.workerUrl ?? defaultWorkerUrl();
  if (!workerUrl)
    throw new Error("the parse worker (parse-worker.js) is not beside the bundle: run from dist/ (npm run build)");
  const batches = cutBatches(files, options.batchChars ?? DEFAULT_BATCH_CHARS);
  const size = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), batches.length));
  const parsed = new Map<string, { text: string; result: ParseResult }>();
  const stats: PoolStats = {
    workers: size,
    files: files.length,
    batches: batches.length,
    wallMs: 0,
    workerParseMs: 0,
    workerPostMs: 0,
    mainBusyMs: 0,
  };
  if (batches.length === 0) return { parsed, stats };

  const t0 = performance.now();
  const elu0 = performance.eventLoopUtilization();
  const workers = Array.from({ length: size }, () => new Worker(workerUrl));
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let pending = batches.length;
      const send = (worker: Worker) => {
        if (next >= batches.length) return;
        const id = next++;
        worker.postMessage({ id, files: batches[id]!.map((f) => [f.path, f.text]) } satisfies BatchRequest);
      };
      for (const worker of workers) {
        worker.on("error", reject);
        worker.on("exit", (code) => {
          if (pending > 0) reject(new Error(`a parse worker exited (code ${code}) before the pool finished`));
        });
        worker.on("message", (reply: BatchReply) => {
          if (reply.id < 0) return;
          const batch = batches[reply.id]!;
          batch.forEach((file, i) => {
            const result = reply.results[i];
            if (result) parsed.set(file.path, { text: file.text, result });
          });
          if (--pending === 0) resolve();
          else send(worker);
        });
        send(worker);
        send(worker);
      }
    });
    stats.wallMs = performance.now() - t0;
    stats.mainBusyMs = performance.eventLoopUtilization(elu0).active;
    // The workers' own totals (after the wall time: they are not part of the work).
    const totals = await Promise.all(workers.map((worker) => totalsOf(worker)));
    for (const total of totals) {
      stats.workerParseMs += total.parseMs ?? 0;
      stats.workerPostMs += total.postMs ?? 0;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return { parsed, stats };
}

function totalsOf(worker: Worker): Promise<BatchReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: BatchReply) => {
      if (reply.id !== -1) return;
      worker.off("message", onMessage);
      resolve(reply);
    };
    worker.on("message", onMessage);
    worker.once("error", reject);
    worker.postMessage({ id: -1, files: [] } satisfies BatchRequest);
  });
}

/** Consecutive files, a batch closed once it reaches `maxChars` of text. */
function cutBatches<T extends { text: string }>(files: readonly T[], maxChars: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const file of files) {
    current.push(file);
    chars += file.text.length;
    if (chars >= maxChars) {
      batches.push(current);
      current = [];
      chars = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
