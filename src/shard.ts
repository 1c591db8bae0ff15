/**
 * Sharding (`--shard i/n`, action input `shard`): splits one scan into n
 * deterministic parts for a matrix of runners, such that the union of the n
 * shards' findings is the unsharded scan's.
 *
 * The unit of partition is what the later stages analyse on its own:
 * - a Terraform root module (a folder of configuration no other scanned module
 *   calls, outside `.terraform/`) together with every module it calls,
 *   transitively: local `source` paths and the folders its
 *   `.terraform/modules/modules.json` installs. A module called by roots in two
 *   shards is read by both (each evaluates its own instances, as the unsharded
 *   scan does); its tfvars travel with its folder; a plan JSON goes with the root
 *   in its folder;
 * - a CloudFormation template together with the nested-stack templates it
 *   loads (a child shared by two parents joins them into one unit, since the
 *   unsharded scan analyses a child once);
 * - any other file on its own.
 * A unit belongs to shard `1 + (h mod n)` where h is the first 32 bits of the
 * SHA-256 of its key (the root module's folder, the first template path of the
 * unit, or the file path): stable across machines, runs and the order of files.
 *
 * What sharding cannot keep: links between units (`Fn::ImportValue` of an export
 * in another template, a model naming a subnet of another root by literal id,
 * an S3 endpoint whose VPC cannot be determined, which makes every VPC's
 * endpoint check "could not verify") resolve only when both ends land in the
 * same shard. Without such links the union of the shards' findings is the
 * unsharded scan's (test/shard.test.ts).
 */
import { createHash } from "node:crypto";
import type { DiscoveredFile } from "./discover/discover.js";
import type { Shard } from "./config/shard.js";
import { dirOf, isConfigFile, loadModuleConfig } from "./terraform/config.js";
import { joinPath } from "./terraform/modules.js";
import { isPlanJson } from "./terraform/plan.js";
import { loadRawTemplate } from "./cloudformation/template.js";
import { nestedStackTemplatePath } from "./cloudformation/nested.js";
import { getValue } from "./core/value.js";

/** Which shard (1-based) a unit key belongs to among `count`. */
export function shardOfKey(key: string, count: number): number {
  const hash = createHash("sha256").update(key, "utf8").digest().readUInt32BE(0);
  return 1 + (hash % count);
}

export interface ShardPlan {
  /** The files of this shard, in the order given. */
  files: DiscoveredFile[];
  /** Every unit of the scan: its key, its shard, and its files (for `--debug`-style inspection and tests). */
  units: { key: string; shard: number; files: string[] }[];
}

/**
 * Partitions discovered files into units and keeps those of `shard`.
 * `readText` returns a discovered file's text (undefined when unreadable);
 * `readRelative` reads any file by root-relative path (for `modules.json`).
 */
export function partitionForShard(
  files: readonly DiscoveredFile[],
  shard: Shard,
  readText: (file: DiscoveredFile) => string | undefined,
  readRelative: (relPath: string) => string | undefined,
): ShardPlan {
  const units = partition(files, readText, readRelative);
  const keep = new Set<string>();
  const described: ShardPlan["units"] = [];
  for (const unit of units) {
    const owner = shardOfKey(unit.key, shard.count);
    described.push({ key: unit.key, shard: owner, files: [...unit.files].sort() });
    if (owner === shard.index) for (const file of unit.files) keep.add(file);
  }
  return { files: files.filter((file) => keep.has(file.path)), units: described };
}

interface Unit {
  key: string;
  files: Set<string>;
}

function partition(
  files: readonly DiscoveredFile[],
  readText: (file: DiscoveredFile) => string | undefined,
  readRelative: (relPath: string) => string | undefined,
): Unit[] {
  const units: Unit[] = [];
  const assigned = new Set<string>();

  // --- Terraform -------------------------------------------------------------
  const terraformFiles = files.filter((f) => f.kind === "terraform");
  const byDir = new Map<string, DiscoveredFile[]>();
  for (const file of terraformFiles) {
    const dir = dirOf(file.path);
    const list = byDir.get(dir);
    if (list) list.push(file);
    else byDir.set(dir, [file]);
  }
  const texts = new Map<string, string>();
  const textOf = (file: DiscoveredFile): string => {
    let text = texts.get(file.path);
    if (text === undefined) {
      text = readText(file) ?? "";
      texts.set(file.path, text);
    }
    return text;
  };
  // Local module calls of each folder. Only files that mention `module` can hold a module block.
  const calls = new Map<string, string[]>();
  for (const [dir, dirFiles] of byDir) {
    const withModules = dirFiles.filter((f) => isConfigFile(f.path) && textOf(f).includes("module"));
    if (withModules.length === 0) continue;
    const config = loadModuleConfig(
      dir,
      withModules.map((f) => ({ path: f.path, text: textOf(f) })),
    );
    const targets: string[] = [];
    for (const call of config.moduleCalls.values()) {
      const source = call.source;
      if (source === undefined || !(source.startsWith("./") || source.startsWith("../"))) continue;
      const target = joinPath(dir, source);
      if (target !== undefined && target !== dir) targets.push(target);
    }
    calls.set(dir, targets);
  }
  const installedMemo = new Map<string, string[]>();
  const installed = (dir: string): string[] => {
    let list = installedMemo.get(dir);
    if (list) return list;
    list = [];
    const text = readRelative(
      dir === "." ? ".terraform/modules/modules.json" : `${dir}/.terraform/modules/modules.json`,
    );
    if (text !== undefined) {
      try {
        const parsed = JSON.parse(text) as { Modules?: { Key?: unknown; Dir?: unknown }[] };
        for (const module of Array.isArray(parsed.Modules) ? parsed.Modules : []) {
          if (typeof module?.Key !== "string" || module.Key === "" || typeof module.Dir !== "string") continue;
          const target = joinPath(dir, module.Dir.replace(/\\/g, "/"));
          if (target !== undefined) list.push(target);
        }
      } catch {
        // An unreadable modules.json installs nothing; the Terraform stage reports it.
      }
    }
    installedMemo.set(dir, list);
    return list;
  };

  const dirs = [...byDir.keys()].sort();
  const called = new Set<string>();
  for (const dir of dirs) {
    if (isInstalledModuleDir(dir)) continue;
    for (const target of installed(dir)) called.add(target);
  }
  for (const targets of calls.values()) for (const target of targets) called.add(target);
  const roots = dirs.filter((dir) => !isInstalledModuleDir(dir) && !called.has(dir));

  const reachedDirs = new Set<string>();
  const unitOfDir = new Map<string, Unit>();
  for (const root of roots) {
    const unit: Unit = { key: root, files: new Set() };
    const closure = new Set<string>();
    const stack = [root, ...installed(root)];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      if (closure.has(dir)) continue;
      closure.add(dir);
      stack.push(...(calls.get(dir) ?? []));
    }
    for (const dir of closure) {
      reachedDirs.add(dir);
      for (const file of byDir.get(dir) ?? []) unit.files.add(file.path);
    }
    unitOfDir.set(root, unit);
    units.push(unit);
  }
  // Folders no root reaches (modules only called from a cycle, or never loaded): on their own.
  for (const dir of dirs) {
    if (reachedDirs.has(dir)) continue;
    const unit: Unit = { key: dir, files: new Set(byDir.get(dir)!.map((f) => f.path)) };
    unitOfDir.set(dir, unit);
    units.push(unit);
  }
  for (const file of terraformFiles) assigned.add(file.path);

  // --- CloudFormation (and plan JSON, and any other file) --------------------
  const others = files.filter((f) => f.kind !== "terraform");
  const parent = new Map<string, string>();
  const find = (path: string): string => {
    let p = path;
    while (parent.get(p) !== p) p = parent.get(p)!;
    parent.set(path, p);
    return p;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    // The smaller path represents the set, so the key does not depend on the order of files.
    if (ra < rb) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  const known = new Set(others.map((f) => f.path));
  for (const file of others) parent.set(file.path, file.path);
  for (const file of others) {
    const text = textOf(file);
    if (file.path.toLowerCase().endsWith(".json") && isPlanJson(text)) {
      // A plan goes with the root module of its folder, when there is one.
      const unit = unitOfDir.get(dirOf(file.path));
      if (unit) {
        unit.files.add(file.path);
        assigned.add(file.path);
      }
      continue;
    }
    if (!text.includes("AWS::CloudFormation::Stack")) continue;
    const loaded = loadRawTemplate(text, file.path);
    if (loaded.kind !== "template") continue;
    const resources = getValue(loaded.raw.root, "Resources");
    if (resources?.kind !== "object") continue;
    for (const entry of resources.entries) {
      const type = getValue(entry.value, "Type");
      if (type?.kind !== "string" || type.value !== "AWS::CloudFormation::Stack") continue;
      const child = nestedStackTemplatePath(file.path, entry.value).path;
      if (child !== undefined && known.has(child)) union(file.path, child);
    }
  }
  const groups = new Map<string, Unit>();
  for (const file of others) {
    if (assigned.has(file.path)) continue;
    const key = find(file.path);
    let unit = groups.get(key);
    if (!unit) {
      unit = { key, files: new Set() };
      groups.set(key, unit);
      units.push(unit);
    }
    unit.files.add(file.path);
  }
  return units;
}

function isInstalledModuleDir(dir: string): boolean {
  return (
    dir === ".terraform" || dir.startsWith(".terraform/") || dir.includes("/.terraform/") || dir.endsWith("/.terraform")
  );
}
