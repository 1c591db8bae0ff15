import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, EMPTY_CONFIG, loadConfig, parseConfig } from "../../src/config/config.js";
import { globMatcher } from "../../src/config/glob.js";
import { mergeSettings } from "../../src/config/merge.js";
import { parseShard, shardCategory } from "../../src/config/shard.js";
import { applyRuleSettings } from "../../rules/run.js";
import type { Finding } from "../../src/core/finding.js";

const FULL = `# every key
rules:
  SMBT012: warning
  SMBT015: off
  SMBT016: false
  SMBT001: on
  SMBT003: true
scope: referenced
exclude:
  - legacy/**
  - "*.generated.yaml"
notes: off
terraform:
  var-files: [env/prod.tfvars]
  vars:
    region: eu-west-1
    instance_count: 2
cloudformation:
  parameters:
    VpcId: vpc-123
workers: 2
`;

describe("the configuration file", () => {
  it("reads every key", () => {
    expect(parseConfig(FULL, ".sagemaker-vpc-guard.yml")).toEqual({
      rules: { SMBT012: "warning", SMBT015: "off", SMBT016: "off" },
      scope: "referenced",
      exclude: ["legacy/**", "*.generated.yaml"],
      notes: false,
      varFiles: ["env/prod.tfvars"],
      vars: { region: "eu-west-1", instance_count: "2" },
      cfnParameters: { VpcId: "vpc-123" },
      limits: {},
      workers: 2,
    });
  });

  it("is empty when the file is", () => {
    expect(parseConfig("", "c.yml")).toEqual(EMPTY_CONFIG);
    expect(parseConfig("# nothing\n", "c.yml")).toEqual(EMPTY_CONFIG);
  });

  it.each([
    ["scope: all\nexlude: [x]\n", 'c.yml:2:1: unknown key "exlude" in the configuration'],
    ["terraform:\n  vars: {}\n  varfiles: []\n", 'c.yml:3:3: unknown key "varfiles" in terraform'],
    [
      "rules:\n  SMBT012: warn\n",
      'c.yml:2:12: rules.SMBT012 must be one of "off", "on", "error", "warning", "note", false, true',
    ],
    ["rules:\n  smbt12: off\n", 'c.yml:2:3: "smbt12" in rules is not a rule id (SMBT followed by three digits)'],
    ["scope: some\n", 'c.yml:1:8: scope must be one of "all", "referenced"'],
    ["exclude: legacy\n", "c.yml:1:10: exclude must be array"],
    ["workers: -1\n", "c.yml:1:10: workers must be >= 0"],
    ["workers: all\n", 'c.yml:1:10: workers must match pattern "^auto$"'],
    ["rules: [\n", "c.yml:2:1: Flow sequence in block collection must be sufficiently indented and end with a ]"],
  ])("names the line and column of a problem: %j", (text, message) => {
    expect(() => parseConfig(text, "c.yml")).toThrow(new ConfigError(message));
  });

  it("is read from the root by default, and must exist when named", () => {
    const root = mkdtempSync(path.join(tmpdir(), "config-"));
    expect(loadConfig(root)).toEqual({ config: EMPTY_CONFIG });
    writeFileSync(path.join(root, ".sagemaker-vpc-guard.yml"), "scope: referenced\n");
    expect(loadConfig(root).config.scope).toBe("referenced");
    expect(() => loadConfig(root, "other.yml")).toThrow("config file other.yml does not exist");
  });
});

describe("merging the file with flags or inputs", () => {
  it("lets flags win, adds lists and merges maps", () => {
    const config = parseConfig(FULL, "c.yml");
    expect(
      mergeSettings(config, {
        scope: "all",
        exclude: ["tmp/**"],
        varFiles: ["x.tfvars"],
        vars: { region: "us-east-1" },
        cfnParameters: { Env: "prod" },
      }),
    ).toEqual({
      scope: "all",
      exclude: ["legacy/**", "*.generated.yaml", "tmp/**"],
      ruleSettings: { rules: { SMBT012: "warning", SMBT015: "off", SMBT016: "off" }, notes: false },
      terraformVarFiles: ["env/prod.tfvars", "x.tfvars"],
      terraformVars: { region: "us-east-1", instance_count: "2" },
      cfnParameters: { VpcId: "vpc-123", Env: "prod" },
      limits: {},
      workers: 2,
    });
    expect(mergeSettings(EMPTY_CONFIG, {}).scope).toBe("all");
    expect(mergeSettings(EMPTY_CONFIG, {}).workers).toBeUndefined();
    expect(mergeSettings(config, { workers: "auto" }).workers).toBe("auto");
    expect(mergeSettings(parseConfig("workers: auto\n", "c.yml"), { workers: 0 }).workers).toBe(0);
  });
});

describe("rule settings", () => {
  const finding = (ruleId: string, level: Finding["level"]): Finding => ({
    ruleId,
    level,
    message: ruleId,
    range: { file: "a.tf", start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } },
  });

  it("turns rules off, overrides levels and drops notes when notes are off", () => {
    const findings = [
      finding("SMBT001", "error"),
      finding("SMBT012", "error"),
      finding("SMBT015", "note"),
      finding("SMBT017", "note"),
    ];
    const kept = applyRuleSettings(findings, {
      rules: { SMBT015: "off", SMBT012: "warning", SMBT001: "note" },
      notes: false,
    });
    expect(kept.map((f) => `${f.ruleId} ${f.level}`)).toEqual(["SMBT012 warning"]);
    expect(applyRuleSettings([finding("SMBT017", "note")], {}).map((f) => f.ruleId)).toEqual(["SMBT017"]);
  });
});

describe("exclude globs", () => {
  it.each([
    ["legacy/**", "legacy/a/b.tf", true],
    ["legacy/**", "src/legacy/b.tf", false],
    ["legacy", "src/legacy/b.tf", true],
    ["*.generated.yaml", "deep/x.generated.yaml", true],
    ["*.generated.yaml", "deep/x.yaml", false],
    ["infra/*/test", "infra/a/test/main.tf", true],
    ["infra/*/test", "infra/a/b/test/main.tf", false],
    ["**/cdk.out/**", "app/cdk.out/Stack.template.json", true],
    ["env/{dev,test}.tfvars", "env/test.tfvars", true],
    ["env/{dev,test}.tfvars", "env/prod.tfvars", false],
    ["?.tf", "a.tf", true],
  ])("%s on %s: %s", (glob, file, expected) => {
    expect(globMatcher([glob])(file)).toBe(expected);
  });
});

describe("shards", () => {
  it("reads i/n and names the SARIF category", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    expect(parseShard("0/3")).toBeUndefined();
    expect(parseShard("4/3")).toBeUndefined();
    expect(parseShard("two")).toBeUndefined();
    expect(shardCategory("sagemaker-vpc-guard/", { index: 2, count: 3 })).toBe("sagemaker-vpc-guard/shard-2-of-3/");
    expect(shardCategory("infra", { index: 1, count: 2 })).toBe("infra/shard-1-of-2/");
  });
});
