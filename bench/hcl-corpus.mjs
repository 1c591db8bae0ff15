/**
 * The benchmark corpus on disk: generated once into `bench/.corpus/` (git
 * ignored) and read back into memory, as a real scan would read files.
 *
 *   const dir = ensureGeneratedCorpus({ seed: 1, targetBytes: 20e6 });
 *   const files = readTfFiles(dir); // [{ path, text }], path relative to dir
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { GENERATOR_VERSION, generateCorpus } from "./gen-tf.mjs";

const benchDir = path.dirname(fileURLToPath(import.meta.url));

/** Writes the generated corpus for (seed, size) unless it is already there; returns its directory. */
export function ensureGeneratedCorpus({ seed = 1, targetBytes = 20e6 } = {}) {
  const dir = path.join(
    benchDir,
    ".corpus",
    `hcl-v${GENERATOR_VERSION}-seed${seed}-${Math.round(targetBytes / 1e6)}mb`,
  );
  if (existsSync(path.join(dir, ".complete"))) return dir;
  // Write to a temporary directory and rename, so an interrupted run leaves no half corpus.
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const file of generateCorpus({ seed, targetBytes })) {
    const full = path.join(tmp, file.path);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, file.text);
  }
  writeFileSync(path.join(tmp, ".complete"), "");
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

/** Every `.tf` file under `dir` (sorted), read as UTF-8. */
export function readTfFiles(dir, base = dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...readTfFiles(full, base));
    else if (name.endsWith(".tf")) out.push({ path: path.relative(base, full), text: readFileSync(full, "utf8") });
  }
  return out;
}
