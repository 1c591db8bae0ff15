/**
 * Hostile input, each with its exact outcome (issue 9): deep nesting, huge
 * files and lines, alias bombs, duplicate keys, binary and non-UTF-8 files,
 * reads outside the root, catastrophic regular expressions, self-calling
 * modules and huge expansions. Bounds are counted, never timed.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan, type ScanOptions, type ScanResult } from "../../src/scan.js";
import { parseHcl } from "../../src/hcl/index.js";
import { firstTooDeep, loadYaml } from "../../src/cloudformation/yaml.js";
import { attr, loadInline } from "../terraform/helpers.js";
import { FIXTURES } from "../helpers/scan.js";

/** A scan root made of `files` (text or bytes). */
function makeRoot(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "adversarial-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function scanRoot(root: string, options: Partial<ScanOptions> = {}): ScanResult {
  return scan({ root, paths: [root], ...options });
}

/** `file:line:col level RULE message` of every finding. */
const rows = (result: ScanResult) =>
  result.findings.map(
    (f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.level} ${f.ruleId} ${f.message}`,
  );
const notes = (result: ScanResult) => result.notes.map((n) => `${n.path}: ${n.message}`);

const VPC_TF = `resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n`;
const DEPTH = 100_000;

describe("nesting 100,000 deep: one diagnostic, no stack overflow", () => {
  it.each([
    ["brackets", `a = ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}\n`, 4 + 1000],
    ["objects", `a = ${"{a=".repeat(DEPTH)}1${"}".repeat(DEPTH)}\n`, 4 + 3 * 1000],
    ["for expressions", `a = ${"[for x in y : ".repeat(DEPTH)}1${"]".repeat(DEPTH)}\n`, 4 + 14 * 1000],
  ])("HCL %s", (_, text, opener) => {
    const result = parseHcl(text, "deep.tf");
    expect(result.diagnostics.map((d) => [d.summary, d.subject.start])).toEqual([["Nesting too deep", opener]]);
  });

  it.each([
    ["YAML flow sequences", `Resources: ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}\n`, 11 + 1000],
    ["YAML flow mappings", `Resources: ${"{a: ".repeat(DEPTH)}1${"}".repeat(DEPTH)}\n`, 11 + 4 * 1000],
    ["JSON objects", `{"Resources": ${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}}`, 14 + 5 * 999],
    ["YAML block sequences", `${"- ".repeat(DEPTH)}x\n`, 2 * 1000],
  ])("%s", (_, text, offset) => {
    const result = loadYaml(text, "deep.yaml");
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.summary, d.range.start.offset])).toEqual([
      ["nesting deeper than 1000 levels", offset],
    ]);
  });

  it("reports a deep template once, as SMBT000, and scans the other files", () => {
    const root = makeRoot({
      "deep.yaml": `AWSTemplateFormatVersion: '2010-09-09'\nResources: ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}\n`,
      "main.tf": VPC_TF,
    });
    const result = scanRoot(root);
    expect(rows(result)).toEqual(["deep.yaml:2:1012 error SMBT000 nesting deeper than 1000 levels."]);
    expect([...result.files.keys()]).toEqual(["deep.yaml", "main.tf"]);
  });

  it("refuses no fixture: the depth pre-scan has no false alarm on real templates", () => {
    const refused: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        if (name === "node_modules") continue; // fixtures/apps' packages
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ya?ml|json|template)$/.test(name) && firstTooDeep(readFileSync(full, "utf8"), 1000) !== undefined)
          refused.push(full);
      }
    };
    walk(FIXTURES);
    expect(refused).toEqual([]);
  });
});

describe("size limits", () => {
  it("skips a 100 MB file above max-file-size without reading it, and scans the rest", () => {
    const root = makeRoot({ "main.tf": VPC_TF });
    // A sparse file: 100 MB on the file system, nothing written.
    const big = path.join(root, "big.tf");
    writeFileSync(big, "");
    truncateSync(big, 100 * 1024 * 1024);
    const result = scanRoot(root);
    expect(rows(result)).toEqual([
      "big.tf:1:1 error SMBT020 big.tf was not scanned: it is 100 MB, above the max-file-size limit of 5 MB; raise --max-file-size (or max-file-size in the configuration's limits).",
    ]);
    expect([...result.files.keys()]).toEqual(["main.tf"]);
  });

  it("skips a file with one 10 MB line above max-file-size", () => {
    const root = makeRoot({ "long.yaml": `Description: ${"x".repeat(10 * 1024 * 1024)}\n`, "main.tf": VPC_TF });
    const result = scanRoot(root);
    expect(rows(result)).toEqual([
      "long.yaml:1:1 error SMBT020 long.yaml was not scanned: it is 10485774 bytes, above the max-file-size limit of 5 MB; raise --max-file-size (or max-file-size in the configuration's limits).",
    ]);
  });

  it("parses a file with one 1 MB line when the limit allows it, with a bounded number of tokens' diagnostics", () => {
    const text = `a = "${"x".repeat(1024 * 1024)}\n`;
    const result = parseHcl(text, "long.tf");
    expect(result.diagnostics.map((d) => [d.summary, d.subject.start])).toEqual([["Unterminated template string", 4]]);
  });

  it("stops at max-total-size and max-files, naming the limit and the file", () => {
    const vpc = (name: string) => `resource "aws_vpc" "${name}" {\n  cidr_block = "10.0.0.0/16"\n}\n`;
    const root = makeRoot({ "a.tf": vpc("a"), "b.tf": vpc("b"), "c.tf": vpc("c") });
    expect(rows(scanRoot(root, { limits: { maxTotalBytes: 2 * vpc("a").length } }))).toEqual([
      `c.tf:1:1 error SMBT020 c.tf was not scanned: reading it would pass the max-total-size limit of ${2 * vpc("a").length} bytes read in one scan; raise --max-total-size (or max-total-size in the configuration's limits).`,
    ]);
    expect(rows(scanRoot(root, { limits: { maxFiles: 1 } }))).toEqual([
      "b.tf:1:1 error SMBT020 2 files were not scanned, from b.tf on (in path order): the scan reached the max-files limit of 1 files; raise --max-files (or max-files in the configuration's limits) or exclude paths.",
    ]);
  });
});

describe("YAML alias bombs and duplicate keys", () => {
  it("refuses a billion-laughs document at the loader's alias limit", () => {
    const lines = ["AWSTemplateFormatVersion: '2010-09-09'", "a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 9; i++) {
      const name = String.fromCharCode(98 + i);
      const previous = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const result = scanRoot(makeRoot({ "lol.yaml": `${lines.join("\n")}\nResources: {}\n` }));
    expect(rows(result)).toEqual(["lol.yaml:4:8 error SMBT000 more than 100 aliases."]);
  });

  it("refuses a huge anchor expanded many times at the loader's value limit", () => {
    const anchor = `[${Array(20_000).fill("x").join(", ")}]`;
    const uses = Array.from({ length: 60 }, () => "  - *big").join("\n");
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nbig: &big ${anchor}\nuses:\n${uses}\nResources: {}\n`;
    const result = loadYaml(text, "anchor.yaml");
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => d.summary)).toEqual(["more than 1000000 values (expanded aliases included)"]);
  });

  it("reports duplicate keys in YAML and JSON", () => {
    const result = scanRoot(
      makeRoot({
        "dup.yaml": `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::EC2::VPC\n  A:\n    Type: AWS::EC2::VPC\n`,
        "dup.json": `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": {"Type": "AWS::EC2::VPC"}, "A": {"Type": "AWS::EC2::VPC"}}}`,
      }),
    );
    expect(rows(result)).toEqual([
      'dup.json:1:90 error SMBT000 Map keys must be unique. "A" is defined more than once in this mapping (first at line 1).',
      'dup.yaml:5:3 error SMBT000 Map keys must be unique. "A" is defined more than once in this mapping (first at line 3).',
    ]);
  });
});

describe("files that are not text", () => {
  it("reports NUL bytes and invalid UTF-8 in Terraform as SMBT000, skips a non-UTF-8 YAML file with an SMBT017 note at the bad byte", () => {
    const result = scanRoot(
      makeRoot({
        "bin.tf": new Uint8Array([0x61, 0x20, 0x3d, 0x20, 0x22, 0xff, 0xfe, 0x22, 0x0a]),
        "nul.tf": "a = 1\nb\u0000 = 2\n",
        "latin1.yaml": new Uint8Array([0x41, 0x3a, 0x20, 0xe9, 0x0a]),
      }),
    );
    expect(rows(result)).toEqual([
      "bin.tf:1:6 error SMBT000 Invalid UTF-8. The file is not valid UTF-8 text; Terraform, CloudFormation and cfn-lint read only UTF-8.",
      "latin1.yaml:1:4 note SMBT017 latin1.yaml is not valid UTF-8 text; it was not scanned.",
      "nul.tf:2:2 error SMBT000 Binary file. The file contains a NUL byte; configuration files must be UTF-8 text.",
    ]);
    expect(notes(result)).toEqual([]);
  });
});

describe("nothing outside the root is read", () => {
  it("skips a symlink to /etc, a symlink loop and a link back to a scanned folder, with a note each", () => {
    const root = makeRoot({ "a/main.tf": VPC_TF });
    symlinkSync("/etc", path.join(root, "etc"));
    symlinkSync("..", path.join(root, "a/up"));
    symlinkSync("loop2", path.join(root, "loop1"));
    symlinkSync("loop1", path.join(root, "loop2"));
    const result = scanRoot(root);
    expect(notes(result)).toEqual([
      "a/up: symbolic link to a folder already scanned skipped",
      "etc: symbolic link to a place outside the root skipped",
      "loop1: symbolic link loop skipped",
      "loop2: symbolic link loop skipped",
    ]);
    expect([...result.files.keys()]).toEqual(["a/main.tf"]);
  });

  it("refuses file() and templatefile() outside the root: an EXTERNAL_FILE Unknown saying so, no read", () => {
    const reads: string[] = [];
    const main = `resource "terraform_data" "a" {\n  input = file("/etc/passwd")\n}\nresource "terraform_data" "b" {\n  input = templatefile("../../x", {})\n}\n`;
    const result = loadInline(
      { "main.tf": main },
      { readFile: (p) => (reads.push(p), p === "main.tf" ? main : undefined) },
    );
    expect(reads.filter((p) => p.includes("passwd") || p.includes("x"))).toEqual([]);
    expect(result.notes.map((n) => `${n.path}: ${n.message}`)).toEqual([
      "main.tf: file /etc/passwd is outside the scan root; it was not read (line 2)",
      "main.tf: file ../../x is outside the scan root; it was not read (line 5)",
    ]);
    expect(attr(result, "terraform_data.a", "input")).toEqual({
      $unknown: "EXTERNAL_FILE",
      detail: 'file "/etc/passwd" was not read: /etc/passwd is outside the scan root',
      refs: [],
    });
    expect(attr(result, "terraform_data.b", "input")).toEqual({
      $unknown: "EXTERNAL_FILE",
      detail: 'file "../../x" was not read: ../../x is outside the scan root',
      refs: [],
    });
  });

  it("refuses a DefinitionUri outside the root with a note", () => {
    const result = scanRoot(
      makeRoot({
        "t.yaml": `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  SM:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: ../../../x\n`,
      }),
    );
    expect(notes(result)).toEqual([
      "t.yaml: DefinitionUri ../../../x is not a file inside the scan root; it was not read.",
    ]);
  });
});

describe("evaluation bounds", () => {
  it("runs a catastrophic regular expression from the scanned file in linear time (RE2 semantics)", () => {
    // Backtracking engines take exponential time on (a+)+$ against a's followed by a mismatch.
    const subject = `${"a".repeat(100_000)}!`;
    const result = loadInline({
      "main.tf": `resource "terraform_data" "a" {\n  input = regexall("(a+)+$", "${subject}")\n}\nresource "terraform_data" "b" {\n  input = can(regex("^(a|aa)*$", "${subject}"))\n}\n`,
    });
    expect(attr(result, "terraform_data.a", "input")).toEqual([]);
    expect(attr(result, "terraform_data.b", "input")).toBe(false);
  });

  it("bounds count = 1e9 and range(1e9) without allocating", () => {
    const result = loadInline({
      "main.tf": `resource "aws_subnet" "s" {\n  count      = 1e9\n  cidr_block = "10.0.0.0/24"\n}\nresource "terraform_data" "r" {\n  input = range(1e9)\n}\n`,
    });
    expect(result.instances.filter((i) => i.type === "aws_subnet").map((i) => [i.address, i.expansion])).toEqual([
      ["aws_subnet.s", "unknown"],
    ]);
    expect(result.notes.map((n) => n.message)).toEqual([
      "aws_subnet.s: count = 1000000000 exceeds the limit of 10000 instances; analysed as one instance of unknown expansion (line 2)",
    ]);
    expect(attr(result, "terraform_data.r", "input")).toEqual({
      $unknown: "LIMIT",
      detail: "range: range would generate 1000000000 elements, more than 1000000",
      refs: [],
    });
  });

  it("decodes nothing nested 100,000 deep: jsondecode and yamldecode stop at their depth limit", () => {
    const deep = "[".repeat(DEPTH) + "]".repeat(DEPTH);
    const result = loadInline({
      "main.tf": `resource "terraform_data" "j" {\n  input = jsondecode("${deep}")\n}\nresource "terraform_data" "y" {\n  input = yamldecode("${deep}")\n}\n`,
    });
    expect(attr(result, "terraform_data.j", "input")).toEqual({
      $unknown: "LIMIT",
      detail: "jsondecode: nesting deeper than 200 levels",
      refs: [],
    });
    expect(attr(result, "terraform_data.y", "input")).toEqual({
      $unknown: "LIMIT",
      detail: "yamldecode: nesting deeper than 200 levels",
      refs: [],
    });
  });

  it("refuses Terraform JSON and plan JSON nested 100,000 deep with one diagnostic each", () => {
    const deep = "[".repeat(DEPTH) + "]".repeat(DEPTH);
    const result = scanRoot(
      makeRoot({
        "main.tf.json": `{"resource": {"aws_vpc": {"v": {"cidr_block": ${deep}}}}}`,
        "plan.json": `{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_vpc.v", "mode": "managed", "type": "aws_vpc", "name": "v", "values": {"cidr_block": ${deep}}}]}}}`,
      }),
    );
    expect(rows(result)).toEqual([
      "main.tf.json:1:1043 error SMBT000 nesting deeper than 1000 levels.",
      "plan.json:1:1171 error SMBT000 nesting deeper than 1000 levels.",
    ]);
  });

  it("applies max-expansion from the scan's limits", () => {
    const root = makeRoot({
      "main.tf": `resource "aws_subnet" "s" {\n  count      = 3\n  cidr_block = "10.0.0.0/24"\n}\n`,
    });
    const result = scanRoot(root, { limits: { maxExpansion: 2 } });
    expect(notes(result)).toEqual([]);
    expect(rows(result).filter((row) => row.includes("SMBT017"))).toEqual([
      "main.tf:2:3 note SMBT017 main.tf: aws_subnet.s: count = 3 exceeds the limit of 2 instances; analysed as one instance of unknown expansion (the max-expansion limit).",
    ]);
  });

  it("reports a Terraform expression over max-steps-per-expression as an SMBT017 note", () => {
    const root = makeRoot({
      "main.tf": `locals {\n  big = [for i in range(100) : [for j in range(100) : i * j]]\n}\nresource "terraform_data" "d" {\n  input = local.big\n}\n`,
    });
    expect(
      rows(scanRoot(root, { limits: { maxStepsPerExpression: 1000 } })).filter((row) => row.includes("SMBT017")),
    ).toEqual([
      "main.tf:2:55 note SMBT017 main.tf: local.big: evaluation stopped after 1000 steps (the max-steps-per-expression limit).",
    ]);
  });

  it("reports CloudFormation limits naming the limit and the file: SMBT017 for a partial expansion, SMBT020 for the steps", () => {
    const template = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Subnets:
    - Name
    - [a, b, c]
    - Subnet\${Name}:
        Type: AWS::EC2::Subnet
        Properties:
          VpcId: vpc-123
          CidrBlock: 10.0.0.0/24
`;
    const root = makeRoot({ "t.yaml": template });
    expect(rows(scanRoot(root, { limits: { maxExpansion: 2 }, ruleSettings: { rules: { SMBT018: "off" } } }))).toEqual([
      "t.yaml:4:3 note SMBT017 t.yaml: Fn::ForEach::Subnets was expanded only partly: more than 2 copies (the max-expansion limit).",
    ]);
    expect(
      rows(scanRoot(root, { limits: { maxStepsPerTemplate: 5 }, ruleSettings: { rules: { SMBT018: "off" } } })),
    ).toEqual([
      "t.yaml:10:18 error SMBT020 t.yaml: Evaluation stopped after 5 steps (the max-steps-per-template limit) here: the values from here on were not evaluated and are Unknown, not missing; raise --max-steps-per-template (or max-steps-per-template in the configuration's limits).",
    ]);
  });

  it("reports a module that calls itself once, as a cycle", () => {
    const result = scanRoot(makeRoot({ "m/main.tf": `module "self" {\n  source = "../m"\n}\n` }));
    expect(rows(result)).toEqual([
      'm/main.tf:2:3 error SMBT000 Module cycle. module "self" calls m, which is already being expanded above it; the cycle is not expanded.',
    ]);
  });
});
