/** Shared helpers of the CloudFormation stage's tests: load fixtures, find resources and values. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  loadCloudFormation,
  readInsideRoot,
  type CloudFormationOptions,
  type CloudFormationResult,
} from "../../src/cloudformation/index.js";
import type { CfnResource } from "../../src/cloudformation/template.js";
import { debugCloudFormation, debugValue } from "../../src/cloudformation/debug.js";
import { getPath, type Value } from "../../src/core/value.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = "fixtures/cloudformation";

/** Loads root-relative fixture files the way the scan does: reading only inside the root. */
export function load(files: readonly string[], options: CloudFormationOptions = {}): CloudFormationResult {
  return loadCloudFormation(
    files.map((file) => ({ path: file, text: readFileSync(path.join(ROOT, file), "utf8") })),
    { readFile: (relative) => readInsideRoot(ROOT, relative), ...options },
  );
}

export function resource(result: CloudFormationResult, logicalId: string, file?: string): CfnResource {
  const found = result.templates
    .flatMap((t) => t.resources)
    .filter((r) => r.logicalId === logicalId && (file === undefined || r.file === file));
  if (found.length !== 1) throw new Error(`expected one resource ${logicalId}, found ${found.length}`);
  return found[0]!;
}

/** A property value by path (`["VpcConfig", "Subnets", 0]`). */
export function prop(r: CfnResource, ...steps: (string | number)[]): Value {
  const value = getPath(r.properties, steps);
  if (value === undefined) throw new Error(`${r.logicalId} has no ${steps.join(".")}`);
  return value;
}

/** The debug JSON of a property (known values plain, references as {$ref}). */
export function json(r: CfnResource, ...steps: (string | number)[]): unknown {
  return debugValue(prop(r, ...steps), r.file);
}

/** `[line, column]` of a range's start and end. */
export function at(
  value: { range?: { start: { line: number; column: number }; end: { line: number; column: number } } } | undefined,
): number[] {
  if (!value?.range) throw new Error("no range");
  return [value.range.start.line, value.range.start.column, value.range.end.line, value.range.end.column];
}

/**
 * The debug output of a set of templates with every file name replaced by its
 * twin-neutral form (extension dropped), so that a YAML template and its JSON
 * twin can be compared. Lines differ between the forms and are dropped.
 */
export function twinNeutral(result: CloudFormationResult): unknown {
  const text = JSON.stringify(
    debugCloudFormation(result).resources.map((r) => ({ ...(r as object), line: undefined })),
  );
  return JSON.parse(text.replace(/\.(yaml|json)\b/g, ".*").replace(/\/(yaml|json)\//g, "/*/"));
}
