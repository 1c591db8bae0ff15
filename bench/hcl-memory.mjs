#!/usr/bin/env node
/**
 * `node bench/hcl-memory.mjs DIR`: parses every .tf file under DIR, keeps all
 * the results, and prints `{astHeapMB, peakRssMB, gcExposed}` as JSON. Run in
 * its own process by `bench:hcl`, so that the peak RSS is that of holding the
 * ASTs, not of the throughput passes or of hcl2-parser.
 */
import { readTfFiles } from "./hcl-corpus.mjs";
import { loadHclParser, measureHclMemory } from "./hcl-throughput.mjs";

const dir = process.argv[2];
if (dir === undefined) {
  console.error("usage: node bench/hcl-memory.mjs DIR");
  process.exit(2);
}
const files = readTfFiles(dir);
const hcl = await loadHclParser();
process.stdout.write(`${JSON.stringify(measureHclMemory(files, hcl))}\n`);
