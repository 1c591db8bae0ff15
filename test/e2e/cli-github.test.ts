/** The built CLI's commands and flags beyond plain scanning: rules, explain, baseline, config, markdown, color. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, PROJECT_ROOT } from "../helpers/scan.js";
import { RULES } from "../../rules/index.js";

const cli = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(PROJECT_ROOT, "dist/cli.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });

const CONFIG = `rules:\n${RULES.filter((rule) => !["SMBT000", "SMBT001", "SMBT019", "SMBT020"].includes(rule.id))
  .map((rule) => `  ${rule.id}: off\n`)
  .join("")}`;

function workspace(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "cli-"));
  mkdirSync(path.join(folder, "infra"));
  writeFileSync(
    path.join(folder, "infra/model.yaml"),
    readFileSync(path.join(FIXTURES, "cloudformation/smbt001/fail-model-without-vpc.yaml"), "utf8"),
  );
  writeFileSync(path.join(folder, ".sagemaker-vpc-guard.yml"), CONFIG);
  return folder;
}

const LINE =
  "infra/model.yaml:26:3 error SMBT001 Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.";

describe("the CLI's rule commands", () => {
  it("lists the rules", () => {
    const run = cli(["rules"], PROJECT_ROOT);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(RULES.length);
    expect(lines).toContain("SMBT001  error    Model used by batch transform must set VpcConfig");
    expect(lines).toContain("SMBT019  warning  Suppression is malformed");
  });

  it("explains a rule with its doc page (--format markdown)", () => {
    const run = cli(["explain", "smbt019", "--format", "markdown"], PROJECT_ROOT);
    expect(run.stdout).toBe(readFileSync(path.join(PROJECT_ROOT, "docs/rules/SMBT019.md"), "utf8"));
    expect(cli(["explain", "SMBT999"], PROJECT_ROOT).stderr).toBe(
      'sagemaker-vpc-guard: unknown rule "SMBT999"; run sagemaker-vpc-guard rules for the list\n',
    );
  });
});

describe("the CLI's scan flags", () => {
  it("reads the config file and applies --exclude", () => {
    const root = workspace();
    expect(cli(["scan"], root).stdout).toBe(`${LINE}\n1 error, 0 warnings, 0 notes in 1 file.\n`);
    const excluded = cli(["scan", "--exclude", "infra/**"], root);
    expect(excluded.stdout).toBe("No Terraform or CloudFormation files to analyse.\n");
    expect(excluded.status).toBe(0);
  });

  it("turns a rule off or changes its level through the config", () => {
    const root = workspace();
    writeFileSync(path.join(root, "other.yml"), CONFIG.replace("rules:\n", "rules:\n  SMBT001: note\n"));
    const run = cli(["scan", "--config", "other.yml"], root);
    expect(run.stdout).toBe(`${LINE.replace(" error ", " note ")}\n0 errors, 0 warnings, 1 note in 1 file.\n`);
    expect(run.status).toBe(0);
  });

  it("exits 2 naming the line and column of a bad config key", () => {
    const root = workspace();
    writeFileSync(path.join(root, ".sagemaker-vpc-guard.yml"), "rules:\n  SMBT001: sometimes\n");
    const run = cli(["scan"], root);
    expect(run.stderr).toBe(
      'sagemaker-vpc-guard: .sagemaker-vpc-guard.yml:2:12: rules.SMBT001 must be one of "off", "on", "error", "warning", "note", false, true\n',
    );
    expect(run.status).toBe(2);
  });

  it("creates a baseline and then reports only new findings", () => {
    const root = workspace();
    expect(cli(["baseline", "create", "base.json"], root).status).toBe(0);
    expect(
      JSON.parse(readFileSync(path.join(root, "base.json"), "utf8")).findings.map(
        (f: { ruleId: string; file: string }) => `${f.ruleId} ${f.file}`,
      ),
    ).toEqual(["SMBT001 infra/model.yaml"]);
    const run = cli(["scan", "--baseline", "base.json"], root);
    expect(run.stdout).toBe("0 errors, 0 warnings, 0 notes in 1 file (1 in the baseline not shown).\n");
    expect(run.status).toBe(0);
  });

  it("makes a baseline under the scan's --max-… limits, and names a malformed one", () => {
    const root = workspace();
    // Under a 100-byte limit the template is not read: nothing to record (SMBT017, which would note it, is off here).
    expect(cli(["baseline", "create", "base.json", "--max-file-size", "100"], root).status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(root, "base.json"), "utf8")).findings).toEqual([]);
    const bad = cli(["baseline", "create", "base.json", "--max-files", "many"], root);
    expect(bad.stderr).toBe('sagemaker-vpc-guard: --max-files must be a positive integer (got "many")\n');
    expect(bad.status).toBe(2);
  });

  it("prints the job summary with --format markdown, and writes it with --summary", () => {
    const root = workspace();
    const run = cli(["scan", "--format", "markdown", "--summary", "summary.md"], root);
    expect(run.stdout.split("\n").slice(0, 9)).toEqual([
      "## sagemaker-vpc-guard",
      "",
      "| Level | Findings |",
      "|---|---:|",
      "| Error | 1 |",
      "| Warning | 0 |",
      "| Note | 0 |",
      "",
      "1 file analysed.",
    ]);
    expect(readFileSync(path.join(root, "summary.md"), "utf8")).toBe(run.stdout);
  });

  it("prints annotations with --annotations, and SARIF with a category and shard", () => {
    const root = workspace();
    // infra/model.yaml is in shard 1 of 2 (src/shard.ts: a stable hash of its path); shard 2 of 2 scans nothing here.
    const run = cli(
      [
        "scan",
        "--annotations",
        "--format",
        "json",
        "--output",
        "r.json",
        "--sarif",
        "r.sarif",
        "--sarif-category",
        "cli",
        "--shard",
        "1/2",
      ],
      root,
    );
    expect(run.stdout).toBe(
      "::error title=SMBT001%3A Model has no VpcConfig,file=infra/model.yaml,line=26,endLine=26,col=3,endColumn=13::Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.\n",
    );
    expect(JSON.parse(readFileSync(path.join(root, "r.sarif"), "utf8")).runs[0].automationDetails).toEqual({
      id: "cli/shard-1-of-2/",
    });
    expect(cli(["scan", "--format", "json", "--shard", "2/2"], root).stdout).toContain('"findings": []');
    expect(cli(["scan", "--shard", "0/2"], root).stderr).toBe(
      'sagemaker-vpc-guard: --shard must be I/N with 1 <= I <= N (got "0/2")\n',
    );
  });

  it("colors text on request, and not under NO_COLOR", () => {
    const root = workspace();
    expect(cli(["scan", "--color"], root).stdout.split("\n")[0]).toBe(
      "\u001b[1minfra/model.yaml:26:3\u001b[0m \u001b[31merror\u001b[0m \u001b[2mSMBT001\u001b[0m Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.",
    );
    expect(cli(["scan"], root, { NO_COLOR: "1", FORCE_COLOR: "1" }).stdout.split("\n")[0]).toBe(LINE);
  });
});
