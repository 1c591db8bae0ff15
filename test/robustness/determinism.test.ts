/**
 * Determinism (issue 9): the same input gives byte-identical text, JSON and
 * SARIF on every run and on Node 20 and Node 24, with `/` in every path. The
 * built CLI (dist/cli.js) runs under this process's Node (24, the `node`
 * devDependency) and under a second Node found on the machine (CI has both).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, PROJECT_ROOT } from "../helpers/scan.js";
import { scan } from "../../src/scan.js";
import { renderJson } from "../../src/report/json.js";
import { renderSarif } from "../../src/report/sarif.js";
import { renderText } from "../../src/report/text.js";
import { renderSummary } from "../../src/report/summary.js";

const CLI = path.join(PROJECT_ROOT, "dist/cli.js");
/** A broad slice of the fixtures: Terraform, CloudFormation, SAM, CDK, nested stacks, workflows. */
const PATHS = ["rules", "cloudformation", "workflows"];

const majorOf = (node: string): string | undefined => {
  const run = spawnSync(node, ["--version"], { encoding: "utf8" });
  return run.status === 0 ? run.stdout.trim().split(".")[0] : undefined;
};

/** A Node whose major version differs from this process's, if the machine has one. */
function otherNode(): string | undefined {
  const own = process.version.split(".")[0];
  const which = spawnSync("which", ["-a", "node"], { encoding: "utf8" });
  const candidates = ["/usr/local/bin/node", "/usr/bin/node", ...(which.stdout ?? "").split("\n")].filter(
    (p) => p && existsSync(p),
  );
  return candidates.find((node) => majorOf(node) !== undefined && majorOf(node) !== own);
}

/** Text, JSON and SARIF from two runs of the CLI (text on stdout with SARIF beside it; then JSON). */
function runCli(node: string): { text: string; json: string; sarif: string } {
  const out = mkdtempSync(path.join(tmpdir(), "determinism-"));
  const run = (format: string, extra: string[] = []) => {
    const result = spawnSync(
      node,
      [CLI, "scan", ...PATHS, "--format", format, "--fail-on", "never", "--no-color", ...extra],
      {
        cwd: FIXTURES,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: "1", GITHUB_EVENT_PATH: "" },
      },
    );
    expect(result.status).toBe(0);
    return result.stdout;
  };
  const text = run("text", ["--sarif", path.join(out, "r.sarif")]);
  return { text, json: run("json"), sarif: readFileSync(path.join(out, "r.sarif"), "utf8") };
}

describe("determinism", () => {
  it("renders the same scan identically twice in one process, with / in every path", () => {
    const once = () => {
      const result = scan({ root: FIXTURES, paths: PATHS.map((p) => path.join(FIXTURES, p)) });
      return [renderText(result), renderJson(result), renderSarif(result), renderSummary(result)];
    };
    const [a, b] = [once(), once()];
    expect(b).toEqual(a);
    const result = scan({ root: FIXTURES, paths: PATHS.map((p) => path.join(FIXTURES, p)) });
    expect(result.findings.length).toBeGreaterThan(50);
    expect(result.findings.filter((f) => f.range.file.includes("\\") || path.isAbsolute(f.range.file))).toEqual([]);
  });

  const other = otherNode();
  const versions = other
    ? `Node ${process.version} and ${spawnSync(other, ["--version"], { encoding: "utf8" }).stdout.trim()}`
    : `Node ${process.version} only`;

  it(`prints byte-identical text, JSON and SARIF on every run and on ${versions}`, () => {
    const first = runCli(process.execPath);
    expect(first.text.split("\n").length).toBeGreaterThan(20);
    expect(runCli(process.execPath)).toEqual(first);
    if (!other) {
      console.warn(
        `determinism: no second Node version on this machine; compared runs on ${process.version} only (CI runs both).`,
      );
      return;
    }
    const second = runCli(other);
    // Byte-identical, compared format by format for a readable failure.
    expect(second.text).toBe(first.text);
    expect(second.json).toBe(first.json);
    expect(second.sarif).toBe(first.sarif);
  });
});
