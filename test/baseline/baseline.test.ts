import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyBaseline, createBaseline, readBaseline, renderBaseline } from "../../src/baseline/baseline.js";
import type { Finding } from "../../src/core/finding.js";
import { lineStarts, rangeAt } from "../../src/core/range.js";
import { failsOn } from "../../src/report/fail-on.js";

const before =
  'resource "aws_sagemaker_model" "m" {\n  name = "m"\n}\n\nresource "aws_security_group" "sg" {\n  vpc_id = aws_vpc.v.id\n}\n';
const after = `# a new comment\n\n${before}resource "aws_sagemaker_model" "n" {\n  name = "n"\n}\n`;

function finding(text: string, ruleId: string, needle: string, resource: string): Finding {
  const offset = text.indexOf(needle);
  return {
    ruleId,
    level: "error",
    message: `${ruleId} ${resource}`,
    resource,
    range: rangeAt("main.tf", lineStarts(text), offset, offset + needle.length),
  };
}
const files = (text: string) => new Map([["main.tf", { text }]]);

describe("baselines", () => {
  const old = [
    finding(before, "SMBT001", '"aws_sagemaker_model" "m"', "aws_sagemaker_model.m"),
    finding(before, "SMBT012", '"aws_security_group" "sg"', "aws_security_group.sg"),
  ];
  const baseline = createBaseline(old, files(before));

  it("record each finding by fingerprint, with what a reader needs", () => {
    expect(baseline).toEqual({
      version: 1,
      tool: expect.stringMatching(/^sagemaker-vpc-guard \d+\.\d+\.\d+/),
      findings: [
        {
          fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
          ruleId: "SMBT001",
          file: "main.tf",
          resource: "aws_sagemaker_model.m",
          message: "SMBT001 aws_sagemaker_model.m",
        },
        {
          fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
          ruleId: "SMBT012",
          file: "main.tf",
          resource: "aws_security_group.sg",
          message: "SMBT012 aws_security_group.sg",
        },
      ],
    });
  });

  it("recognise findings after lines shift, and mark the others new", () => {
    const now = [
      finding(after, "SMBT001", '"aws_sagemaker_model" "m"', "aws_sagemaker_model.m"),
      finding(after, "SMBT012", '"aws_security_group" "sg"', "aws_security_group.sg"),
      finding(after, "SMBT001", '"aws_sagemaker_model" "n"', "aws_sagemaker_model.n"),
    ];
    expect(now[0]!.range.start.line).toBe(3);
    applyBaseline(now, baseline, files(after));
    expect(now.map((f) => f.baselineState)).toEqual(["unchanged", "unchanged", "new"]);
    expect(failsOn(now.slice(0, 2), "note")).toBe(false);
    expect(failsOn(now, "error")).toBe(true);
  });

  it("leave suppressed findings out", () => {
    const suppressed = { ...old[0]!, suppression: { justification: "x", range: old[0]!.range } };
    expect(createBaseline([suppressed], files(before)).findings).toEqual([]);
  });

  it("are read back, and a file that is not one is a usage error", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "baseline-"));
    writeFileSync(path.join(folder, "b.json"), renderBaseline(baseline));
    expect(readBaseline(path.join(folder, "b.json"))).toEqual(baseline);
    writeFileSync(path.join(folder, "bad.json"), "{}");
    expect(() => readBaseline(path.join(folder, "bad.json"), "bad.json")).toThrow(
      "baseline bad.json is not a sagemaker-vpc-guard baseline (version 1); create one with sagemaker-vpc-guard baseline create",
    );
    expect(() => readBaseline(path.join(folder, "none.json"), "none.json")).toThrow(
      "baseline none.json does not exist",
    );
  });
});
