/**
 * Failure isolation (issue 9): an internal error in one file or one rule is an
 * SMBT017 note naming it with a one-line cause (the stack only with --debug);
 * the other files and rules still run, SARIF and the summary are still
 * written, and the exit code follows --fail-on.
 *
 * The errors are injected by wrapping two stage functions: the CloudFormation
 * template loader throws for `boom.yaml`, the Terraform module loader for a
 * folder holding `boom.tf`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { FIXTURES } from "../helpers/scan.js";

vi.mock("../../src/cloudformation/template.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/cloudformation/template.js")>();
  return {
    ...original,
    loadRawTemplate: (text: string, file: string, options?: { mustBeTemplate?: boolean }) => {
      if (file.endsWith("boom.yaml"))
        throw new TypeError("Cannot read properties of undefined (reading 'entries')\n    second line of the message");
      return original.loadRawTemplate(text, file, options);
    },
  };
});
vi.mock("../../src/terraform/config.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/terraform/config.js")>();
  return {
    ...original,
    loadModuleConfig: (dir: string, files: readonly { path: string; text: string }[]) => {
      if (files.some((f) => f.path.endsWith("boom.tf"))) throw new RangeError("Maximum call stack size exceeded");
      return original.loadModuleConfig(dir, files as never);
    },
  };
});

const { scan } = await import("../../src/scan.js");
const { runRules } = await import("../../rules/run.js");
const { RULES } = await import("../../rules/index.js");
const { renderSarif } = await import("../../src/report/sarif.js");
const { runCli } = await import("../../src/commands/main.js");

/** A root with a failing model (SMBT001) in a good template, next to the files that make the stages throw. */
function makeRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), "isolation-"));
  copyFileSync(path.join(FIXTURES, "cloudformation/smbt001/fail-model-without-vpc.yaml"), path.join(root, "good.yaml"));
  writeFileSync(path.join(root, "boom.yaml"), "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
  mkdirSync(path.join(root, "bad"));
  writeFileSync(path.join(root, "bad/boom.tf"), 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n');
  mkdirSync(path.join(root, "ok"));
  writeFileSync(path.join(root, "ok/main.tf"), 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n');
  return root;
}

const ONLY = {
  rules: Object.fromEntries(
    RULES.filter((r) => !["SMBT000", "SMBT001", "SMBT017", "SMBT020"].includes(r.id)).map((r) => [
      r.id,
      "off" as const,
    ]),
  ),
};

describe("one bad file", () => {
  it("is an SMBT017 note with a one-line cause; the other files are analysed", () => {
    const root = makeRoot();
    const result = scan({ root, paths: [root], ruleSettings: ONLY });
    expect(
      result.findings.map(
        (f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId} ${f.message}`,
      ),
    ).toEqual([
      "bad/boom.tf:1:1 note SMBT017 Internal error while analysing bad/boom.tf; its findings are missing, the other files were analysed: RangeError: Maximum call stack size exceeded",
      "boom.yaml:1:1 note SMBT017 Internal error while analysing boom.yaml; its findings are missing, the other files were analysed: TypeError: Cannot read properties of undefined (reading 'entries')",
      "good.yaml:26:3 error SMBT001 Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.",
    ]);
    expect([...result.files.keys()].sort()).toEqual(["good.yaml", "ok/main.tf"]);
  });

  it("carries the stack only with debug", () => {
    const root = makeRoot();
    const plain = scan({ root, paths: [root], ruleSettings: ONLY }).findings.filter((f) => f.ruleId === "SMBT017");
    expect(plain.every((f) => !f.message.includes("\n"))).toBe(true);
    const debug = scan({ root, paths: [root], ruleSettings: ONLY, debug: true }).findings.filter(
      (f) => f.ruleId === "SMBT017",
    );
    expect(debug.every((f) => /\nat /.test(f.message))).toBe(true);
  });

  it("still writes SARIF and the summary; the exit code follows --fail-on, not the internal error", async () => {
    const root = makeRoot();
    const out = mkdtempSync(path.join(tmpdir(), "isolation-out-"));
    const io = { stdout: () => {}, stderr: () => {}, cwd: root };
    const config = path.join(out, "config.yml");
    writeFileSync(
      config,
      `rules:\n${Object.keys(ONLY.rules)
        .map((id) => `  ${id}: off\n`)
        .join("")}`,
    );
    const args = (failOn: string) => [
      "scan",
      "--config",
      config,
      "--fail-on",
      failOn,
      "--sarif",
      path.join(out, `${failOn}.sarif`),
      "--summary",
      path.join(out, `${failOn}.md`),
      "--format",
      "json",
      "--output",
      path.join(out, `${failOn}.json`),
    ];
    expect(await runCli(args("error"), io)).toBe(1);
    expect(await runCli(args("never"), io)).toBe(0);
    const sarif = JSON.parse(readFileSync(path.join(out, "error.sarif"), "utf8")) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.runs[0]!.results.map((r) => r.ruleId).sort()).toEqual(["SMBT001", "SMBT017", "SMBT017"]);
    expect(readFileSync(path.join(out, "error.md"), "utf8")).toContain("Internal error while analysing boom.yaml");
  });
});

describe("one bad rule", () => {
  const throwing = {
    ...RULES.find((r) => r.id === "SMBT002")!,
    check: () => {
      throw new Error("boom\nwith a second line quoting a file");
    },
  };

  it("is an SMBT017 note naming the rule; the other rules run", () => {
    const root = makeRoot();
    const { graph } = scan({ root, paths: [path.join(root, "good.yaml")], ruleSettings: ONLY });
    const rules = RULES.filter((r) => r.id === "SMBT001").concat([throwing]);
    const findings = runRules(rules, { graph, scope: "all" }, {}, { fallbackFile: "good.yaml" });
    expect(findings.map((f) => `${f.range.file}:${f.range.start.line} ${f.ruleId} ${f.message}`)).toEqual([
      "good.yaml:26 SMBT001 Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.",
      "good.yaml:1 SMBT017 Internal error in rule SMBT002; its checks were skipped, the other rules ran: Error: boom",
    ]);
    const debug = runRules([throwing], { graph, scope: "all" }, {}, { debug: true, fallbackFile: "good.yaml" });
    expect(debug[0]!.message.split("\n")[0]).toBe(
      "Internal error in rule SMBT002; its checks were skipped, the other rules ran: Error: boom",
    );
    expect(
      debug[0]!.message
        .split("\n")
        .slice(1)
        .every((line) => line.startsWith("at ")),
    ).toBe(true);
  });

  it("renders into SARIF like any note", () => {
    const root = makeRoot();
    const result = scan({ root, paths: [path.join(root, "good.yaml")], ruleSettings: ONLY });
    const findings = runRules([throwing], { graph: result.graph, scope: "all" }, {}, { fallbackFile: "good.yaml" });
    const sarif = JSON.parse(renderSarif({ ...result, findings })) as {
      runs: { results: { ruleId: string; level: string }[] }[];
    };
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.level])).toEqual([["SMBT017", "note"]]);
  });
});
