/**
 * The worker thread of the parse pool (`pool.ts`), bundled as `dist/parse-worker.js`
 * (scripts/build.mjs). It parses the batches of HCL files it is sent and posts
 * each batch's `ParseResult`s back (plain data: see `src/hcl/ast.ts`).
 *
 * Messages in: `{ id, files: [path, text][] }` (a batch), `{ id: -1 }` (the totals).
 * Messages out: `{ id, results }` — `null` where `parseHcl` threw, which it should
 * never do: the main thread then parses that file itself, so that the error
 * surfaces exactly as in a single-threaded scan — and, for `{ id: -1 }`,
 * `{ id: -1, parseMs, postMs }`, the time spent parsing and posting (serializing) results.
 */
import { parentPort } from "node:worker_threads";
import { parseHcl, type ParseResult } from "../hcl/index.js";
import type { BatchReply, BatchRequest } from "./pool.js";

const port = parentPort;
if (!port) throw new Error("parse-worker.js runs as a worker thread of the parse pool");

let parseMs = 0;
let postMs = 0;
port.on("message", (request: BatchRequest) => {
  if (request.id < 0) {
    port.postMessage({ id: request.id, results: [], parseMs, postMs } satisfies BatchReply);
    return;
  }
  const t0 = performance.now();
  const results: (ParseResult | null)[] = request.files.map(([path, text]) => {
    try {
      return parseHcl(text, path);
    } catch {
      return null;
    }
  });
  const t1 = performance.now();
  // postMessage serializes (structured clone) before it returns.
  port.postMessage({ id: request.id, results } satisfies BatchReply);
  parseMs += t1 - t0;
  postMs += performance.now() - t1;
});
