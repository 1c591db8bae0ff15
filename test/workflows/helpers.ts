/** Shared helpers for the workflow tests: fixture loading and expected positions by text search. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadYaml } from "../../src/cloudformation/yaml.js";
import type { SourceRange } from "../../src/core/range.js";
import type { Value } from "../../src/core/value.js";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A fixture's text and its root-relative path (the path ranges carry). */
export function fixture(relative: string): { file: string; text: string } {
  const file = `fixtures/workflows/${relative}`;
  return { file, text: readFileSync(path.join(PROJECT_ROOT, file), "utf8") };
}

export function loadValue(text: string, file: string): Value {
  const loaded = loadYaml(text, file);
  if (loaded.value === undefined) throw new Error(`${file} does not load: ${loaded.diagnostics[0]?.summary}`);
  return loaded.value;
}

/** 1-based line and column of the `nth` occurrence (0-based) of `needle`. */
export function lineColumn(text: string, needle: string, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${JSON.stringify(needle)} occurrence ${nth} not found`);
  }
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return { line, column: index - before.lastIndexOf("\n") };
}

/** The source text a range covers. */
export function sliceOf(text: string, range: SourceRange | undefined): string {
  if (!range) throw new Error("no range");
  return text.slice(range.start.offset, range.end.offset);
}

export function startOf(range: SourceRange | undefined): { line: number; column: number } {
  if (!range) throw new Error("no range");
  return { line: range.start.line, column: range.start.column };
}
