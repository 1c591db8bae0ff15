import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/finding.js";
import { lineStarts, rangeAt } from "../../src/core/range.js";
import { parseDirective } from "../../src/suppressions/directive.js";
import { applySuppressions, type SuppressibleFile } from "../../src/suppressions/apply.js";

const KNOWN = new Set(["SMBT001", "SMBT012", "SMBT013", "SMBT019"]);
const TODAY = "2026-11-28";

/** A finding of `ruleId` at the first occurrence of `needle` in `text`. */
function findingAt(file: SuppressibleFile, ruleId: string, needle: string): Finding {
  const offset = file.text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in ${file.path}`);
  return {
    ruleId,
    level: "error",
    message: `${ruleId} at ${needle}`,
    range: rangeAt(file.path, lineStarts(file.text), offset, offset + needle.length),
  };
}

function run(file: SuppressibleFile, findings: Finding[], today = TODAY) {
  const problems = applySuppressions(findings, [file], { knownRuleIds: KNOWN, today });
  return {
    suppressed: findings.map((f) =>
      f.suppression ? `${f.message}: ${f.suppression.justification}` : `${f.message}: reported`,
    ),
    problems: problems.map(
      (p) =>
        `${p.range.file}:${p.range.start.line}:${p.range.start.column}-${p.range.end.column} ${p.ruleId} ${p.level} ${p.message}`,
    ),
  };
}

describe("the directive grammar", () => {
  it.each([
    [
      " sagemaker-vpc-guard:ignore SMBT012 single instance",
      { ruleIds: ["SMBT012"], reason: "single instance", wholeFile: false },
    ],
    [
      " sagemaker-vpc-guard:ignore SMBT012,SMBT013 until=2027-01-31 see OPS-42",
      { ruleIds: ["SMBT012", "SMBT013"], reason: "see OPS-42", until: "2027-01-31", wholeFile: false },
    ],
    [
      "sagemaker-vpc-guard:ignore SMBT012, smbt013 why",
      { ruleIds: ["SMBT012", "SMBT013"], reason: "why", wholeFile: false },
    ],
    [
      " sagemaker-vpc-guard:ignore-file SMBT001 generated file",
      { ruleIds: ["SMBT001"], reason: "generated file", wholeFile: true },
    ],
    [" sagemaker-vpc-guard:ignore SMBT012", { ruleIds: ["SMBT012"], reason: "", wholeFile: false }],
    [
      " sagemaker-vpc-guard:ignore because",
      { ruleIds: [], reason: "because", wholeFile: false, syntaxProblem: "it names no rule id" },
    ],
    [
      " sagemaker-vpc-guard:ignore SMBT012 until=2027-02-30 x",
      {
        ruleIds: ["SMBT012"],
        reason: "x",
        until: "2027-02-30",
        wholeFile: false,
        syntaxProblem: "until=2027-02-30 is not a date written YYYY-MM-DD",
      },
    ],
  ])("reads %j", (text, expected) => {
    expect(parseDirective(text)).toEqual(expected);
  });

  it("ignores other comments", () => {
    expect(parseDirective(" just a comment about sagemaker-vpc-guard")).toBeUndefined();
    expect(parseDirective(" sagemaker-vpc-guard:ignored SMBT001 x")).toBeUndefined();
  });
});

describe("Terraform suppressions", () => {
  const file: SuppressibleFile = {
    path: "main.tf",
    language: "terraform",
    text: [
      "# sagemaker-vpc-guard:ignore SMBT012 single-instance job",
      'resource "aws_security_group" "a" {',
      "  vpc_id = aws_vpc.v.id",
      "}",
      "",
      'resource "aws_security_group" "b" {',
      "  // sagemaker-vpc-guard:ignore SMBT013,SMBT012 until=2026-12-31 egress via proxy",
      "  vpc_id = aws_vpc.v.id",
      "  tags   = {}",
      "}",
      "",
      'resource "aws_security_group" "c" {',
      "  vpc_id = aws_vpc.v.id # sagemaker-vpc-guard:ignore SMBT012 until=2026-11-01 expired one",
      "}",
      "",
      "/* sagemaker-vpc-guard:ignore SMBT001 block comments work too */",
      'resource "aws_sagemaker_model" "m" {',
      '  name = "m"',
      "}",
      "# sagemaker-vpc-guard:ignore SMBT099 no such rule",
      "# sagemaker-vpc-guard:ignore SMBT001",
      'resource "aws_sagemaker_model" "n" {}',
    ].join("\n"),
  };

  it("covers the block after the comment, the block around it, and reports malformed ones as SMBT019", () => {
    const findings = [
      findingAt(file, "SMBT012", '"aws_security_group" "a"'),
      findingAt(file, "SMBT013", '"aws_security_group" "a"'),
      findingAt(file, "SMBT012", '"aws_security_group" "b"'),
      findingAt(file, "SMBT013", "tags"),
      findingAt(file, "SMBT012", '"aws_security_group" "c"'),
      findingAt(file, "SMBT001", '"aws_sagemaker_model" "m"'),
      findingAt(file, "SMBT001", '"aws_sagemaker_model" "n"'),
    ];
    expect(run(file, findings)).toEqual({
      suppressed: [
        'SMBT012 at "aws_security_group" "a": single-instance job',
        'SMBT013 at "aws_security_group" "a": reported',
        'SMBT012 at "aws_security_group" "b": egress via proxy',
        "SMBT013 at tags: egress via proxy",
        'SMBT012 at "aws_security_group" "c": reported',
        'SMBT001 at "aws_sagemaker_model" "m": block comments work too',
        'SMBT001 at "aws_sagemaker_model" "n": reported',
      ],
      problems: [
        "main.tf:13:25-90 SMBT019 warning Suppression of SMBT012 expired on 2026-11-01; the findings are reported again.",
        "main.tf:20:1-50 SMBT019 warning Suppression names unknown rule SMBT099; run sagemaker-vpc-guard rules for the list.",
        "main.tf:21:1-37 SMBT019 warning Suppression of SMBT001 has no reason; write why after the rule ids. The findings are reported.",
      ],
    });
  });

  it("applies until the end of its until date", () => {
    const findings = [findingAt(file, "SMBT012", '"aws_security_group" "c"')];
    expect(run(file, findings, "2026-11-01").suppressed).toEqual(['SMBT012 at "aws_security_group" "c": expired one']);
  });

  it("covers the whole file with ignore-file", () => {
    const whole: SuppressibleFile = {
      path: "gen.tf",
      language: "terraform",
      text: 'resource "a" "b" {}\n# sagemaker-vpc-guard:ignore-file SMBT001 generated\nresource "a" "c" {}\n',
    };
    const findings = [
      findingAt(whole, "SMBT001", '"a" "b"'),
      findingAt(whole, "SMBT001", '"a" "c"'),
      findingAt(whole, "SMBT012", '"a" "c"'),
    ];
    expect(run(whole, findings).suppressed).toEqual([
      'SMBT001 at "a" "b": generated',
      'SMBT001 at "a" "c": generated',
      'SMBT012 at "a" "c": reported',
    ]);
  });
});

describe("CloudFormation suppressions", () => {
  const file: SuppressibleFile = {
    path: "template.yaml",
    language: "cloudformation",
    text: [
      "Resources:",
      "  # sagemaker-vpc-guard:ignore SMBT001 model is replaced next sprint",
      "  ModelA:",
      "    Type: AWS::SageMaker::Model",
      "    Properties:",
      "      ExecutionRoleArn: !GetAtt Role.Arn",
      "  ModelB:",
      "    Type: AWS::SageMaker::Model",
      "    Metadata:",
      "      sagemaker-vpc-guard:",
      "        ignore:",
      "          - rule: SMBT001",
      "            reason: tracked in OPS-7",
      "          - rule: SMBT012",
      "    Properties:",
      "      ExecutionRoleArn: '#not a comment'",
      "  ModelC:",
      "    Type: AWS::SageMaker::Model",
      "    Properties: # sagemaker-vpc-guard:ignore SMBT012 inside Properties",
      "      ExecutionRoleArn: !GetAtt Role.Arn",
    ].join("\n"),
  };

  it("reads YAML comments and resource Metadata", () => {
    const findings = [
      findingAt(file, "SMBT001", "ModelA"),
      findingAt(file, "SMBT001", "ModelB"),
      findingAt(file, "SMBT012", "ModelB"),
      findingAt(file, "SMBT001", "ModelC"),
      findingAt(file, "SMBT012", "ExecutionRoleArn: !GetAtt Role.Arn\n"),
    ];
    // The last needle matches ModelA's line; point one at ModelC's properties instead.
    const modelC = file.text.lastIndexOf("ExecutionRoleArn");
    findings[4] = {
      ...findings[4]!,
      message: "SMBT012 at ModelC properties",
      range: rangeAt(file.path, lineStarts(file.text), modelC, modelC + 16),
    };
    expect(run(file, findings)).toEqual({
      suppressed: [
        "SMBT001 at ModelA: model is replaced next sprint",
        "SMBT001 at ModelB: tracked in OPS-7",
        "SMBT012 at ModelB: reported",
        "SMBT001 at ModelC: reported",
        "SMBT012 at ModelC properties: inside Properties",
      ],
      problems: [
        "template.yaml:14:13-26 SMBT019 warning Suppression of SMBT012 has no reason; write why after the rule ids. The findings are reported.",
      ],
    });
  });

  it("reads suppression text inside a block scalar or a quoted string as data: it suppresses nothing", () => {
    const data: SuppressibleFile = {
      path: "data.yaml",
      language: "cloudformation",
      text: [
        "Resources:",
        "  Script:",
        "    Type: AWS::SSM::Parameter",
        "    Properties:",
        "      Value: |",
        "        # sagemaker-vpc-guard:ignore-file SMBT001 only data in a script",
        "        echo hi",
        '      Description: "first line',
        '        # sagemaker-vpc-guard:ignore SMBT001 still inside the string"',
        "  Model:",
        "    Type: AWS::SageMaker::Model",
        "    Properties:",
        "      ExecutionRoleArn: arn:aws:iam::123456789012:role/sm # sagemaker-vpc-guard:ignore SMBT012 a real comment",
      ].join("\n"),
    };
    const findings = [findingAt(data, "SMBT001", "Model:"), findingAt(data, "SMBT012", "ExecutionRoleArn")];
    expect(run(data, findings)).toEqual({
      suppressed: ["SMBT001 at Model:: reported", "SMBT012 at ExecutionRoleArn: a real comment"],
      problems: [],
    });
  });

  it("reads Metadata in JSON templates, where there are no comments", () => {
    const json: SuppressibleFile = {
      path: "t.json",
      language: "cloudformation",
      text: JSON.stringify(
        {
          Resources: {
            M: {
              Type: "AWS::SageMaker::Model",
              Metadata: { "sagemaker-vpc-guard": { ignore: [{ rule: "SMBT001", reason: "ok", until: "2027-01-01" }] } },
            },
          },
        },
        null,
        2,
      ),
    };
    const findings = [findingAt(json, "SMBT001", '"M"')];
    expect(run(json, findings).suppressed).toEqual(['SMBT001 at "M": ok']);
    expect(findings[0]!.suppression?.until).toBe("2027-01-01");
  });
});
