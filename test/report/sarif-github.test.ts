/** SARIF features for code scanning, on hand-made findings: suppressions, baselines, fixes, modules, categories, limits. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { sarifReport } from "../../src/report/sarif.js";
import { lineStarts, rangeAt } from "../../src/core/range.js";
import type { AnalyzedFile } from "../../src/scan.js";
import { PROJECT_ROOT } from "../helpers/scan.js";
import { FILES, TF_TEXT, at, result } from "./hand-made.js";

const MULTITOOL_DIR = path.join(PROJECT_ROOT, "node_modules/@microsoft/sarif-multitool-linux");

const MODULE_TEXT = 'resource "aws_sagemaker_model" "inner" {\n  name = "inner"\n}\n';
const MODULE_FILE: AnalyzedFile = { path: ".terraform/modules/ml/main.tf", language: "terraform", text: MODULE_TEXT };
const CALL_TEXT = 'module "ml" {\n  source = "acme/ml/aws"\n}\n';
const CALL_FILE: AnalyzedFile = { path: "infra/ml.tf", language: "terraform", text: CALL_TEXT };

const model = at(
  "infra/main.tf",
  '"aws_sagemaker_model" "scoring"',
  "SMBT001",
  "error",
  "Model aws_sagemaker_model.scoring has no vpc_config.",
  {
    resource: "aws_sagemaker_model.scoring",
    fix: {
      description: "Add a vpc_config block",
      edits: [
        {
          range: rangeAt("infra/main.tf", lineStarts(TF_TEXT), TF_TEXT.indexOf("}"), TF_TEXT.indexOf("}")),
          newText:
            "  vpc_config {\n    subnets            = [aws_subnet.private.id]\n    security_group_ids = [aws_security_group.sm.id]\n  }\n",
        },
      ],
    },
    baselineState: "new",
  },
);
const group = at("infra/main.tf", '"aws_security_group" "sm"', "SMBT001", "warning", "Suppressed one.", {
  baselineState: "unchanged",
});
group.suppression = {
  justification: "single-instance job",
  range: at("infra/main.tf", "vpc_id", "SMBT019", "note", "").range,
};
const inModule = {
  ruleId: "SMBT001",
  level: "error" as const,
  message: "Model module.ml.aws_sagemaker_model.inner has no vpc_config.",
  language: "terraform" as const,
  range: rangeAt(MODULE_FILE.path, lineStarts(MODULE_TEXT), 9, 40),
  related: [
    { range: rangeAt(CALL_FILE.path, lineStarts(CALL_TEXT), 0, 11), message: "module call" },
    { range: rangeAt(MODULE_FILE.path, lineStarts(MODULE_TEXT), 43, 57), message: "inside the module" },
  ],
  baselineState: "new" as const,
};
const scanned = result([model, group, inModule], [...FILES, MODULE_FILE, CALL_FILE]);
const report = sarifReport(scanned, { category: "infra", shard: { index: 2, count: 3 } });
const run = (report.sarif as any).runs[0];

describe("SARIF for code scanning", () => {
  it("names the category with the shard", () => {
    expect(run.automationDetails).toEqual({ id: "infra/shard-2-of-3/" });
    expect((sarifReport(scanned).sarif as any).runs[0].automationDetails).toEqual({ id: "sagemaker-vpc-guard/" });
  });

  it("renders a fix as an artifact change and keeps the baseline state", () => {
    const [first] = run.results;
    expect(first.fixes).toEqual([
      {
        description: { text: "Add a vpc_config block" },
        artifactChanges: [
          {
            artifactLocation: { uri: "infra/main.tf", uriBaseId: "%SRCROOT%" },
            replacements: [
              {
                deletedRegion: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 1 },
                insertedContent: {
                  text: "  vpc_config {\n    subnets            = [aws_subnet.private.id]\n    security_group_ids = [aws_security_group.sm.id]\n  }\n",
                },
              },
            ],
          },
        ],
      },
    ]);
    expect(first.baselineState).toBe("new");
    expect(first.properties).toEqual({ tags: ["terraform"] });
  });

  it("keeps a suppressed finding, with its justification", () => {
    const suppressed = run.results[1];
    expect(suppressed.suppressions).toEqual([
      {
        kind: "inSource",
        justification: "single-instance job",
        location: {
          physicalLocation: {
            artifactLocation: { uri: "infra/main.tf", uriBaseId: "%SRCROOT%" },
            region: { startLine: 7, startColumn: 3, endLine: 7, endColumn: 9 },
          },
        },
      },
    ]);
    expect(suppressed.baselineState).toBe("unchanged");
  });

  it("points a finding inside a downloaded module at the module call", () => {
    const moved = run.results[2];
    expect(moved.message.text).toBe(
      "Model module.ml.aws_sagemaker_model.inner has no vpc_config. (in the downloaded module file .terraform/modules/ml/main.tf:1)",
    );
    expect(moved.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "infra/ml.tf", uriBaseId: "%SRCROOT%" },
      region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 12 },
    });
    expect(moved.relatedLocations).toBeUndefined();
    expect(moved.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]+:1$/);
    const uris = JSON.stringify(report.sarif).match(/"uri": ?"[^"]*"/g) ?? [];
    expect(uris.filter((uri) => uri.includes(".terraform"))).toEqual([]);
  });

  it("cuts to GitHub's limits, most severe first, and says so", () => {
    const many = result(
      Array.from({ length: 5 }, (_, i) =>
        at("infra/main.tf", "vpc_id", "SMBT001", i === 4 ? "error" : "note", `n${i}`),
      ),
      FILES,
    );
    const cut = sarifReport(many, { limits: { resultsPerRun: 2 } });
    expect((cut.sarif as any).runs[0].results.map((r: any) => r.message.text)).toEqual(["n4", "n0"]);
    expect(cut.notices).toEqual([
      "SARIF holds the 2 most severe of 5 findings: GitHub accepts at most 2 results per run.",
    ]);

    const related = result(
      [
        {
          ...inModule,
          range: group.range,
          related: Array.from({ length: 5 }, () => ({ range: group.range, message: "r" })),
        },
      ],
      FILES,
    );
    const fewer = sarifReport(related, { limits: { locationsPerResult: 3 } });
    expect((fewer.sarif as any).runs[0].results[0].relatedLocations).toHaveLength(2);
    expect(fewer.notices).toEqual([
      "SARIF keeps 3 locations of 1 result with more: GitHub accepts at most 3 per result.",
    ]);

    const full = gzipSync(sarifReport(many).text).length;
    const small = sarifReport(many, { limits: { gzippedBytes: full - 1 } });
    expect(small.notices).toEqual([
      `SARIF holds 4 of 5 results: GitHub accepts at most ${full - 1} bytes gzipped per upload.`,
    ]);
    expect(gzipSync(small.text).length).toBeLessThan(full);
    expect(Buffer.byteLength(small.text)).toBeLessThan(Buffer.byteLength(sarifReport(many).text));
  });

  it("is valid against the SARIF 2.1.0 schema", () => {
    const schema = JSON.parse(readFileSync(path.join(MULTITOOL_DIR, "sarif-2.1.0.json"), "utf8"));
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    expect(validate(report.sarif), JSON.stringify(validate.errors)).toBe(true);
  });

  it("passes Microsoft's validator with GitHub's ingestion rules", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "sarif-"));
    const input = path.join(folder, "scan.sarif");
    const output = path.join(folder, "report.sarif");
    writeFileSync(input, report.text);
    execFileSync(
      path.join(MULTITOOL_DIR, "Sarif.Multitool"),
      ["validate", input, "--rule-kind", "Gh;Sarif", "-o", output],
      {
        stdio: "pipe",
        env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
      },
    );
    const problems = JSON.parse(readFileSync(output, "utf8")).runs[0].results as {
      level?: string;
      ruleId: string;
      message: unknown;
    }[];
    expect(problems.filter((p) => (p.level ?? "warning") === "error")).toEqual([]);
  });
});
