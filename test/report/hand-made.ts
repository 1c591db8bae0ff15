/** Hand-made scan results for report tests: findings placed by text, no pipeline. */
import type { Finding, Level } from "../../src/core/finding.js";
import { lineStarts, rangeAt } from "../../src/core/range.js";
import { indexGraph } from "../../src/graph/graph.js";
import { buildGraph } from "../../src/graph/build.js";
import type { AnalyzedFile, ScanResult } from "../../src/scan.js";
import { RULES } from "../../rules/index.js";

export const TF_TEXT = [
  'resource "aws_sagemaker_model" "scoring" {',
  '  name               = "scoring"',
  "  execution_role_arn = aws_iam_role.sm.arn",
  "}",
  "",
  'resource "aws_security_group" "sm" {',
  "  vpc_id = aws_vpc.main.id",
  "}",
  "",
].join("\n");

export const CFN_TEXT = [
  "Resources:",
  "  Job:",
  "    Type: AWS::SageMaker::TransformJob",
  "    Properties:",
  "      ModelName: !Ref Model",
  "",
].join("\n");

export const FILES: AnalyzedFile[] = [
  { path: "infra/main.tf", language: "terraform", text: TF_TEXT },
  { path: "cfn/job.yaml", language: "cloudformation", text: CFN_TEXT },
];

/** A finding at the first occurrence of `needle` in `file`. */
export function at(
  file: string,
  needle: string,
  ruleId: string,
  level: Level,
  message: string,
  extra: Partial<Finding> = {},
): Finding {
  const text = FILES.find((f) => f.path === file)!.text;
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in ${file}`);
  const language = FILES.find((f) => f.path === file)!.language;
  return {
    ruleId,
    level,
    message,
    range: rangeAt(file, lineStarts(text), offset, offset + needle.length),
    language,
    ...extra,
  };
}

export function result(
  findings: Finding[],
  files: AnalyzedFile[] = FILES,
  notes: ScanResult["notes"] = [],
): ScanResult {
  return {
    root: "/work/repo",
    findings,
    files: new Map(files.map((f) => [f.path, f])),
    rules: RULES,
    graph: indexGraph(buildGraph([])),
    notes,
  };
}
