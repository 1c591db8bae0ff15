/**
 * Issue 8, parallelism: Terraform parsing on a pool of worker threads
 * (`src/parallel/`) gives exactly the single-threaded scan's output — JSON,
 * SARIF and findings compared byte for byte — on the fixtures and on a generated
 * multi-stack monorepo. Nothing here depends on timing.
 *
 * The worker runs the TypeScript sources bundled by esbuild, as `npm run build`
 * bundles `dist/parse-worker.js` (the e2e test below runs the built CLI itself).
 */
import { BANNER } from "./helpers/action.js";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bundleForNode } from "../scripts/bundle-node.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeMonorepo } from "../bench/gen-monorepo.mjs";
import { parseHcl } from "../src/hcl/index.js";
import { parseHclOnPool, type PoolStats } from "../src/parallel/pool.js";
import {
  MIN_POOL_FILES,
  parseWorkers,
  resolveWorkers,
  scanParallel,
  type ParallelScanOptions,
} from "../src/parallel/scan.js";
import { renderJson } from "../src/report/json.js";
import { renderSarif } from "../src/report/sarif.js";
import { scan, type ScanOptions, type ScanResult } from "../src/scan.js";
import { loadTerraform } from "../src/terraform/index.js";
import { FIXTURES, PROJECT_ROOT } from "./helpers/scan.js";

let workerUrl: URL;
let corpus: string;
const temp = mkdtempSync(path.join(os.tmpdir(), "smvg-parallel-"));

beforeAll(async () => {
  workerUrl = await bundleForNode(
    path.join(PROJECT_ROOT, "src/parallel/parse-worker.ts"),
    path.join(temp, "parse-worker.mjs"),
  );
  corpus = path.join(temp, "monorepo");
  writeMonorepo(corpus, { seed: 5, stacks: 60 });
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The scan on one thread and on a pool of 2 workers; the pool's figures (undefined when it did not start). */
async function bothWays(
  options: ScanOptions,
  extra: Partial<ParallelScanOptions> = {},
): Promise<{ single: ScanResult; pooled: ScanResult; stats?: PoolStats }> {
  const single = scan(options);
  let stats: PoolStats | undefined;
  const pooled = await scanParallel({
    ...options,
    workers: 2,
    workerUrl,
    ...extra,
    onPool: (report) => {
      if ("error" in report) throw report.error;
      stats = report.stats;
    },
  });
  return { single, pooled, stats };
}

function expectIdentical(single: ScanResult, pooled: ScanResult): void {
  expect(pooled.findings).toEqual(single.findings);
  expect(pooled.notes).toEqual(single.notes);
  expect([...pooled.files.keys()]).toEqual([...single.files.keys()]);
  expect(renderJson(pooled)).toBe(renderJson(single));
  expect(renderSarif(pooled)).toBe(renderSarif(single));
}

function tfFiles(folder: string, root = folder): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.name === "node_modules") continue;
    if (entry.isDirectory()) out.push(...tfFiles(full, root));
    else if (/\.(tf|tofu)$/.test(entry.name))
      out.push({ path: path.relative(root, full).split(path.sep).join("/"), text: readFileSync(full, "utf8") });
  }
  return out;
}

describe("the parse pool", () => {
  it("returns what parseHcl returns on the main thread, for every file", async () => {
    const files = tfFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(300);
    // Small batches: many round trips, every worker busy.
    const { parsed, stats } = await parseHclOnPool(files, { workers: 2, workerUrl, batchChars: 4096 });
    expect(stats.workers).toBe(2);
    expect(stats.batches).toBeGreaterThan(10);
    expect([...parsed.keys()].sort()).toEqual(files.map((f) => f.path).sort());
    for (const file of files) {
      const entry = parsed.get(file.path)!;
      expect(entry.text).toBe(file.text);
      expect(entry.result, file.path).toEqual(parseHcl(file.text, file.path));
    }
    // Structured clone keeps the AST's sharing: `items` holds the same objects as `attributes` and `blocks`.
    const body = parsed.get(files.find((f) => /resource\s/.test(f.text))!.path)!.result.body;
    expect(body.items.filter((item) => item.type === "Block")[0]).toBe(body.blocks[0]);
  });

  it("rejects when the worker cannot start", async () => {
    await expect(
      parseHclOnPool([{ path: "a.tf", text: "" }], {
        workers: 2,
        workerUrl: pathToFileURL(path.join(temp, "missing.mjs")),
      }),
    ).rejects.toThrow();
  });
});

describe("the Terraform stage with files parsed ahead", () => {
  const files = [
    { path: "main.tf", text: 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n' },
    { path: "other.tf", text: 'resource "aws_subnet" "a" {\n  vpc_id = aws_vpc.main.id\n}\n' },
  ];
  const options = { root: "/nonexistent", readFile: () => undefined };
  const decoy = parseHcl('resource "aws_s3_bucket" "decoy" {\n}\n', "main.tf");

  it("uses a parse result only for the same path and text", () => {
    const types = (parsed?: Parameters<typeof loadTerraform>[1]["parsed"]) =>
      loadTerraform(files, { ...options, parsed }).instances.map((i) => i.type);
    expect(types()).toEqual(["aws_vpc", "aws_subnet"]);
    // Same text: the given result is what the stage evaluates (a decoy proves it).
    expect(types(new Map([["main.tf", { text: files[0]!.text, result: decoy }]]))).toContain("aws_s3_bucket");
    // Another text (stale, or another file's): parsed again.
    expect(types(new Map([["main.tf", { text: `${files[0]!.text} `, result: decoy }]]))).toEqual([
      "aws_vpc",
      "aws_subnet",
    ]);
    expect(types(new Map([["other.tf", { text: files[0]!.text, result: decoy }]]))).toEqual(["aws_vpc", "aws_subnet"]);
  });
});

describe("a scan with --workers 2", () => {
  it.each([["terraform"], ["rules"], ["stacks"], ["."]])(
    "is byte-identical to the single-threaded scan: fixtures/%s",
    async (folder) => {
      // Below the pool's threshold: forced on, to compare.
      const { single, pooled, stats } = await bothWays(
        { root: FIXTURES, paths: [path.join(FIXTURES, folder)] },
        { minPoolFiles: 1 },
      );
      expect(stats?.files).toBeGreaterThan(10);
      expect(single.findings.length).toBeGreaterThan(0);
      expectIdentical(single, pooled);
    },
  );

  it("is byte-identical on a generated 60-stack monorepo (the pool starts by itself: above the threshold)", async () => {
    const { single, pooled, stats } = await bothWays({ root: corpus, paths: [corpus] });
    expect(stats!.files).toBeGreaterThanOrEqual(MIN_POOL_FILES);
    expect(single.findings.filter((f) => f.level === "error").length).toBeGreaterThan(0);
    expectIdentical(single, pooled);
  });

  it("is byte-identical with a shard, excludes and a file limit", async () => {
    const options: ScanOptions = {
      root: corpus,
      paths: [corpus],
      shard: { index: 2, count: 3 },
      exclude: ["**/iam.tf"],
      limits: { maxFiles: 150 },
    };
    const { single, pooled, stats } = await bothWays(options, { minPoolFiles: 1 });
    expect(stats!.files).toBeGreaterThan(10);
    expectIdentical(single, pooled);
  });

  it("with a parse error and a file the worker never saw (a module read from disk)", async () => {
    const root = path.join(temp, "mixed");
    mkdirSync(path.join(root, "app"), { recursive: true });
    mkdirSync(path.join(root, "mod"), { recursive: true });
    writeFileSync(
      path.join(root, "app/main.tf"),
      'module "m" {\n  source = "../mod"\n}\nresource "aws_vpc" "v" {\n  cidr_block = \n}\n',
    );
    writeFileSync(
      path.join(root, "mod/main.tf"),
      'resource "aws_sagemaker_model" "m" {\n  name = "m"\n  execution_role_arn = "arn:aws:iam::123456789012:role/r"\n}\n',
    );
    const { single, pooled, stats } = await bothWays({ root, paths: [path.join(root, "app")] }, { minPoolFiles: 1 });
    expect(stats!.files).toBe(1);
    expect(single.findings.some((f) => f.ruleId === "SMBT000")).toBe(true);
    expectIdentical(single, pooled);
  });

  it("does not start the pool for a small scan, nor for 0 or 1 workers", async () => {
    for (const extra of [{}, { workers: 1 }, { workers: 0 }]) {
      const { single, pooled, stats } = await bothWays(
        { root: FIXTURES, paths: [path.join(FIXTURES, "terraform")] },
        extra,
      );
      expect(stats).toBeUndefined();
      expectIdentical(single, pooled);
    }
  });

  it("parses on the main thread when the pool cannot start, and says why", async () => {
    const options: ScanOptions = { root: FIXTURES, paths: [path.join(FIXTURES, "terraform")] };
    const reports: unknown[] = [];
    const pooled = await scanParallel({
      ...options,
      workers: 2,
      minPoolFiles: 1,
      workerUrl: pathToFileURL(path.join(temp, "missing.mjs")),
      onPool: (r) => reports.push(r),
    });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toHaveProperty("error");
    expect(renderSarif(pooled)).toBe(renderSarif(scan(options)));
  });
});

describe("the workers setting", () => {
  it("reads auto or a whole number", () => {
    expect(parseWorkers("auto", "--workers")).toBe("auto");
    expect(parseWorkers(" 2 ", "--workers")).toBe(2);
    expect(parseWorkers("0", "--workers")).toBe(0);
    expect(() => parseWorkers("two", "--workers")).toThrow("--workers must be auto or a whole number");
    expect(() => parseWorkers("-1", "input workers")).toThrow("input workers must be");
    expect(resolveWorkers("auto")).toBe(os.availableParallelism());
    expect(resolveWorkers(undefined)).toBe(0);
  });
});

describe("the built CLI (dist/cli.js, with dist/parse-worker.js beside it)", () => {
  it("prints the same SARIF with --workers 2 as without", () => {
    const run = (...flags: string[]) =>
      spawnSync(
        process.execPath,
        [path.join(PROJECT_ROOT, "dist/cli.js"), "scan", ".", "--format", "sarif", ...flags],
        { cwd: corpus, encoding: "utf8", maxBuffer: 1 << 28 },
      );
    const off = run();
    const on = run("--workers", "2");
    expect(on.stderr).toBe("");
    expect(on.status).toBe(off.status);
    expect(on.stdout).toBe(off.stdout);
    expect(JSON.parse(on.stdout).runs[0].results.length).toBeGreaterThan(0);
  });
});

describe("the built action (dist/index.js)", () => {
  /** Runs the action on the generated monorepo; returns the run and the SARIF it wrote. */
  const action = (inputs: Record<string, string>) => {
    const runner = mkdtempSync(path.join(temp, "runner-"));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      GITHUB_WORKSPACE: corpus,
      RUNNER_TEMP: runner,
      GITHUB_OUTPUT: path.join(runner, "output"),
    };
    writeFileSync(env.GITHUB_OUTPUT!, "");
    const sarif = path.join(runner, "report.sarif");
    for (const [name, value] of Object.entries({ "sarif-file": sarif, annotations: "false", ...inputs }))
      env[`INPUT_${name.toUpperCase()}`] = value;
    const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "dist/index.js")], {
      env,
      encoding: "utf8",
      cwd: runner,
      maxBuffer: 1 << 28,
    });
    return { run, sarif: run.status === null ? "" : readFileSync(sarif, "utf8") };
  };

  it("writes the same SARIF with the workers input as without", () => {
    const off = action({});
    const on = action({ workers: "2" });
    expect(on.run.stdout).not.toContain("worker pool");
    expect(on.run.status).toBe(off.run.status);
    expect(on.sarif).toBe(off.sarif);
  });

  it("fails the step with a one-line message for a bad workers input", () => {
    const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "dist/index.js")], {
      env: { PATH: process.env.PATH ?? "", GITHUB_WORKSPACE: corpus, INPUT_WORKERS: "two" },
      encoding: "utf8",
    });
    expect(run.stdout.trim().split("\n")).toEqual([
      BANNER,
      '::error::sagemaker-vpc-guard: input workers must be auto or a whole number, 0 or 1 for none (got "two")',
    ]);
  });
});
