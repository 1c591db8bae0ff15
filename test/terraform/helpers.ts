/** Helpers for the Terraform semantics tests: load a fixture folder or inline files. */
import path from "node:path";
import { discover } from "../../src/discover/discover.js";
import { listInsideRoot, readInsideRoot } from "../../src/discover/read.js";
import {
  loadTerraform,
  type TerraformInstance,
  type TerraformOptions,
  type TerraformResult,
} from "../../src/terraform/index.js";
import { isPlanJson } from "../../src/terraform/plan.js";
import { toDebugJson, type Value } from "../../src/core/value.js";

export const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/terraform/semantics");

/** Loads a fixture folder as its own scan root (so paths are relative to the folder). */
export function loadFixture(name: string, options: Partial<TerraformOptions> = {}): TerraformResult {
  const root = path.join(FIXTURES, name);
  const files: { path: string; text: string }[] = [];
  for (const file of discover(root, [root]).files) {
    const text = readInsideRoot(root, file.path)!;
    if (file.kind === "terraform" || (file.path.endsWith(".json") && isPlanJson(text)))
      files.push({ path: file.path, text });
  }
  return loadTerraform(files, {
    root,
    readFile: (p) => readInsideRoot(root, p),
    listDir: (p) => listInsideRoot(root, p),
    ...options,
  });
}

/** Loads inline files (`{"main.tf": "..."}`); `readFile` sees the same files. */
export function loadInline(files: Record<string, string>, options: Partial<TerraformOptions> = {}): TerraformResult {
  const list = Object.entries(files).map(([p, text]) => ({ path: p, text }));
  return loadTerraform(list, { root: "/inline", readFile: (p) => files[p], ...options });
}

export function instance(result: TerraformResult, address: string, root?: string): TerraformInstance {
  const found = result.instances.find((i) => i.address === address && (root === undefined || i.root === root));
  if (!found)
    throw new Error(`no instance ${address}; have ${result.instances.map((i) => `${i.root}:${i.address}`).join(", ")}`);
  return found;
}

/** The debug JSON of an instance's attribute (refs as `<address>.<attribute>`). */
export function attr(result: TerraformResult, address: string, name: string, root?: string): unknown {
  const inst = instance(result, address, root);
  const entry = inst.attributes.entries.find((e) => e.key === name);
  if (!entry) throw new Error(`${address} has no attribute ${name}`);
  return debug(result, entry.value);
}

export function debug(result: TerraformResult, value: Value): unknown {
  const addresses = new Map(result.instances.map((i) => [i.id, i.address]));
  return toDebugJson(value, (ref) => {
    const address = addresses.get(ref.resource) ?? ref.resource;
    return ref.attribute === undefined ? address : `${address}.${ref.attribute}`;
  });
}

/** `line:column-line:column` of a range, for compact assertions. */
export function at(
  range: { start: { line: number; column: number }; end: { line: number; column: number } } | undefined,
): string {
  if (!range) return "none";
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}
