/**
 * Preloaded into the benchmarked scan (`node --import bench/scan-probe.mjs
 * dist/cli.js scan …`) to measure what the process itself cannot print: which
 * files under BENCH_PROBE_DIR it read, its peak RSS, and the report it wrote to
 * /dev/null (copied to BENCH_PROBE_REPORT so that the benchmark can count the
 * findings). On exit it writes `{ maxRssKb, files: [...] }` to BENCH_PROBE_OUT.
 * It only records: the scan's own work and output are unchanged. Worker threads
 * (`--workers`) inherit the preload: there it does nothing (process-wide RSS and CPU
 * time are the main thread's to report).
 */
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";
import { isMainThread } from "node:worker_threads";

const dir = process.env.BENCH_PROBE_DIR ? fs.realpathSync(process.env.BENCH_PROBE_DIR) + path.sep : undefined;
const out = isMainThread ? process.env.BENCH_PROBE_OUT : undefined;
const reportCopy = isMainThread ? process.env.BENCH_PROBE_REPORT : undefined;
const read = new Set();
let report;

const originalRead = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  const result = originalRead.call(this, file, ...rest);
  if (dir && (typeof file === "string" || file instanceof URL)) {
    const absolute = path.resolve(file instanceof URL ? file.pathname : file);
    if (absolute.startsWith(dir)) read.add(absolute);
  }
  return result;
};
const originalWrite = fs.writeFileSync;
fs.writeFileSync = function (file, data, ...rest) {
  if (file === "/dev/null" && typeof data === "string") report = data;
  return originalWrite.call(this, file, data, ...rest);
};
syncBuiltinESMExports();

process.on("exit", () => {
  if (reportCopy && report !== undefined) originalWrite(reportCopy, report);
  if (out)
    originalWrite(
      out,
      JSON.stringify({
        maxRssKb: process.resourceUsage().maxRSS,
        cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
        files: [...read],
      }),
    );
});
