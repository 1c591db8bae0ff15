/** What a new user of the built CLI (dist/cli.js) expects of it, as its peers do it. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { EXPLAIN_USAGE } from "../../src/commands/explain.js";
import { RULES_USAGE } from "../../src/commands/rules.js";
import { PROJECT_ROOT } from "../helpers/scan.js";

const cli = (args: string[], cwd = PROJECT_ROOT) =>
  spawnSync(process.execPath, [path.join(PROJECT_ROOT, "dist/cli.js"), ...args], { cwd, encoding: "utf8" });

const folderWith = (files: Record<string, string>) => {
  const root = mkdtempSync(path.join(tmpdir(), "smvg-cli-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
};

describe("help for every command", () => {
  it.each([
    [["explain", "--help"], EXPLAIN_USAGE],
    [["rules", "--help"], RULES_USAGE],
  ])("%j prints its usage and exits 0", (args, usage) => {
    const run = cli(args);
    expect([run.status, run.stdout, run.stderr]).toEqual([0, usage, ""]);
  });

  it("debug --help lists what it inspects", () => {
    const run = cli(["debug", "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n").slice(0, 7)).toEqual([
      "Usage: sagemaker-vpc-guard debug <what> [ARGS...] [options]",
      "",
      "Prints one stage's output as JSON (see: sagemaker-vpc-guard debug <what> --help).",
      "",
      "What:",
      "  cloudformation  resolved CloudFormation, SAM and CDK resources as JSON",
      "  hcl2json        Parse .tf files with our HCL parser and print them as tmccombs/hcl2json would",
    ]);
  });

  it("graph --help prints its usage", () => {
    const run = cli(["graph", "--help"]);
    expect([run.status, run.stdout.split("\n")[0]]).toEqual([
      0,
      "Usage: sagemaker-vpc-guard graph [PATH...] [options]",
    ]);
  });
});

describe("rules and explain", () => {
  it("rules --format json prints the catalog", () => {
    const run = cli(["rules", "--format", "json"]);
    const catalog = JSON.parse(run.stdout) as { id: string }[];
    expect(catalog.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    expect(catalog[1]).toEqual({
      id: "SMBT001",
      title: "Model used by batch transform must set VpcConfig",
      findingTitle: "Model has no VpcConfig",
      level: "error",
      summary: RULES[1]!.summary,
      securitySeverity: "7.5",
      precision: RULES[1]!.precision,
      fixable: ["terraform", "cloudformation"],
      helpUri: "https://github.com/sagemaker-vpc-guard/sagemaker-vpc-guard/blob/main/docs/rules/SMBT001.md",
    });
  });

  it("explain prints plain text: no HTML comment, no Markdown markup, code indented", () => {
    const text = cli(["explain", "smbt001"]).stdout;
    expect(text.split("\n").slice(0, 4)).toEqual([
      "SMBT001 · Model used by batch transform must set VpcConfig",
      "==========================================================",
      "",
      "Default level: error · security severity 7.5 · suggested fix: Terraform, CloudFormation",
    ]);
    expect(text).not.toMatch(/<!--|\*\*|```/);
    expect(text).toContain('\n    resource "aws_sagemaker_model" "scoring" {\n');
  });

  it("explain --format markdown prints the doc page", () => {
    const markdown = cli(["explain", "SMBT001", "--format", "markdown"]).stdout;
    expect(markdown.split("\n")[2]).toBe("# SMBT001 · Model used by batch transform must set VpcConfig");
  });
});

describe("the text format", () => {
  it("prints one line per finding and the total on stdout; notes about files go to stderr, once", () => {
    const root = folderWith({ "bucket.yaml": "Resources:\n  Data:\n    Type: AWS::S3::Bucket\n" });
    symlinkSync(path.join(root, "missing.yaml"), path.join(root, "broken.yaml"));
    const run = cli(["scan", "."], root);
    expect(run.stdout).toBe("0 errors, 0 warnings, 0 notes in 1 file.\n");
    expect(run.stderr).toBe("note: broken.yaml: broken symbolic link skipped\n");
  });

  it("scans the module of a named .tf file, not the file alone", () => {
    const dir = "examples/terraform-churn-scoring";
    const whole = cli(["scan", dir]);
    const named = cli(["scan", `${dir}/main.tf`]);
    expect([named.status, named.stdout, named.stderr]).toEqual([whole.status, whole.stdout, ""]);
  });
});

describe("input checks, the same wording as the action's", () => {
  it("a --var-file that does not exist is an error naming it", () => {
    const root = folderWith({ "main.tf": "" });
    const run = cli(["scan", ".", "--var-file", "prod.tfvars"], root);
    expect([run.status, run.stdout]).toEqual([2, ""]);
    expect(run.stderr).toBe(`sagemaker-vpc-guard: --var-file: "prod.tfvars" does not exist under the root ${root}\n`);
  });

  it("a config file's var-files entry that does not exist is an error naming it", () => {
    const root = folderWith({ "main.tf": "", ".sagemaker-vpc-guard.yml": "terraform:\n  var-files: [dev.tfvars]\n" });
    const run = cli(["scan", "."], root);
    expect(run.stderr).toBe(
      `sagemaker-vpc-guard: the config file's terraform.var-files: "dev.tfvars" does not exist under the root ${root}\n`,
    );
    expect(run.status).toBe(2);
  });

  it.each([
    ["--account-id", "123", '--account-id must be 12 digits (got "123")'],
    ["--region", "Frankfurt", '--region must be an AWS region such as us-east-1 (got "Frankfurt")'],
    ["--partition", "azure", '--partition must be an AWS partition such as aws, aws-cn or aws-us-gov (got "azure")'],
  ])("%s %s is rejected", (flag, value, message) => {
    const run = cli(["scan", "examples", flag, value]);
    expect([run.status, run.stdout, run.stderr]).toEqual([2, "", `sagemaker-vpc-guard: ${message}\n`]);
  });

  it("a config naming an unknown rule is an error at its line", () => {
    const root = folderWith({ ".sagemaker-vpc-guard.yml": "rules:\n  SMBT001: warning\n  SMBT999: off\n" });
    const run = cli(["scan", "."], root);
    expect([run.status, run.stdout]).toEqual([2, ""]);
    expect(run.stderr).toBe(
      'sagemaker-vpc-guard: .sagemaker-vpc-guard.yml:3:3: unknown rule "SMBT999"; run sagemaker-vpc-guard rules for the list\n',
    );
  });
});
