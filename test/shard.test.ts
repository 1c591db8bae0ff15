/**
 * Sharding (`--shard i/n`): the shards partition the scan's units, and the
 * union of the shards' findings is the unsharded scan's findings.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeMonorepo } from "../bench/gen-monorepo.mjs";
import { discover } from "../src/discover/discover.js";
import { readInsideRoot } from "../src/discover/read.js";
import { scan } from "../src/scan.js";
import { partitionForShard, shardOfKey } from "../src/shard.js";
import type { Finding } from "../src/core/finding.js";

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures");
let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "smvg-shard-"));
  // 24 generated stacks (shared module, CloudFormation templates, defects) ...
  writeMonorepo(root, { seed: 7, stacks: 24 });
  // ... plus nested stacks, nested local modules, tfvars and a parse error. (Not plan-json: its
  // endpoint in a VPC known only after apply makes every VPC's SMBT005 unverifiable in one scan —
  // a link between units that sharding cannot keep; see src/shard.ts.)
  cpSync(path.join(FIXTURES, "cloudformation/nested"), path.join(root, "cfn/nested"), { recursive: true });
  cpSync(path.join(FIXTURES, "stacks/terraform-modules"), path.join(root, "tf/modules-stack"), { recursive: true });
  for (const name of ["modules-two-levels", "tfvars-precedence", "parse-error"]) {
    cpSync(path.join(FIXTURES, "terraform/semantics", name), path.join(root, "tf", name), { recursive: true });
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const key = (f: Finding): string =>
  `${f.ruleId}|${f.level}|${f.range.file}:${f.range.start.offset}-${f.range.end.offset}|${f.message}`;

describe("sharding", () => {
  it("the union of the shards' findings equals the unsharded scan's", () => {
    const full = scan({ root, paths: ["."] });
    const expected = new Set(full.findings.map(key));
    expect(expected.size).toBeGreaterThan(10);
    for (const count of [2, 3, 5]) {
      const union = new Set<string>();
      let nonEmpty = 0;
      for (let index = 1; index <= count; index++) {
        const part = scan({ root, paths: ["."], shard: { index, count } });
        if (part.files.size > 0) nonEmpty++;
        for (const finding of part.findings) union.add(key(finding));
      }
      expect([...union].sort()).toEqual([...expected].sort());
      expect(nonEmpty).toBeGreaterThan(1);
    }
  });

  it("puts every root with the modules it calls, and every parent template with its children, into exactly one shard", () => {
    const files = discover(root, ["."]).files;
    const count = 3;
    const owner = new Map<string, number[]>();
    const plans = [];
    for (let index = 1; index <= count; index++) {
      const plan = partitionForShard(
        files,
        { index, count },
        (f) => readFileSync(f.absolutePath, "utf8"),
        (p) => readInsideRoot(root, p),
      );
      plans.push(plan);
      for (const file of plan.files) owner.set(file.path, [...(owner.get(file.path) ?? []), index]);
    }
    // Every file is in some shard; only modules called from roots of several shards are in more than one.
    for (const file of files) expect(owner.get(file.path), file.path).toBeDefined();
    for (const [file, shards] of owner) if (shards.length > 1) expect(file, file).toMatch(/^modules\/ml-network\//);
    // The units are the same whichever shard asks, and each lands where its key hashes.
    expect(plans[1]!.units).toEqual(plans[0]!.units);
    const units = plans[0]!.units;
    for (const unit of units) expect(unit.shard).toBe(shardOfKey(unit.key, count));
    const unitOf = (file: string) =>
      units.find((u) => u.files.includes(file) && !u.files.every((f) => f.startsWith("modules/")));
    // A root module with its local modules (two levels deep) ...
    const twoLevels = units.find((u) => u.key === "tf/modules-two-levels");
    expect(twoLevels?.files.some((f) => f.startsWith("tf/modules-two-levels/modules/"))).toBe(true);
    expect(units.some((u) => u.key.startsWith("tf/modules-two-levels/modules"))).toBe(false);
    // ... a stack calling the shared module carries it ...
    expect(units.find((u) => /^stacks\/search\/[a-z]+-0004$/.test(u.key))?.files).toContain(
      "modules/ml-network/main.tf",
    );
    // ... and nested stacks stay with their parent.
    expect(unitOf("cfn/nested/stacks/network.yaml")?.files).toContain("cfn/nested/parent.yaml");
    expect(unitOf("cfn/nested/stacks/network.json")?.files).toContain("cfn/nested/parent.json");
  });

  it("assigns units by a stable hash of their key", () => {
    expect([shardOfKey("stacks/risk/churn-0000", 4), shardOfKey("stacks/risk/churn-0000", 4)]).toEqual([
      shardOfKey("stacks/risk/churn-0000", 4),
      shardOfKey("stacks/risk/churn-0000", 4),
    ]);
    // Pinned: changing the hash would move every user's stacks between shards.
    expect([1, 2, 3, 4, 5].map((n) => shardOfKey("stacks/risk/churn-0000", n))).toEqual([1, 2, 2, 4, 2]);
    for (let n = 1; n <= 8; n++) for (const k of ["a", "b/c", "."]) expect(shardOfKey(k, n)).toBeGreaterThanOrEqual(1);
  });
});
