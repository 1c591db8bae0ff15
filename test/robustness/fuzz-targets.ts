/**
 * The fuzz targets and their properties, shared by the fixed-seed run in
 * `npm test` (fuzz.test.ts) and the long run (`npm run fuzz`, scripts/fuzz.mjs).
 *
 * Inputs are fixtures mutated by fast-check (truncations, character flips,
 * inserted delimiters, random Unicode including lone surrogates and NUL,
 * spliced pieces of other fixtures) and, for the Terraform evaluator,
 * expressions generated from a grammar of the function library. Every target
 * checks the same three things: the public entry point returns (no throw),
 * every range it reports lies inside the input, and what it produces stays
 * under a counted bound (nodes, values, instances) — never a timer.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parseHcl } from "../../src/hcl/index.js";
import { loadYaml } from "../../src/cloudformation/yaml.js";
import { loadCloudFormation } from "../../src/cloudformation/index.js";
import { loadTerraform } from "../../src/terraform/index.js";
import { FIXED_LIMITS } from "../../src/core/limits.js";
import type { SourceRange } from "../../src/core/range.js";
import type { Value } from "../../src/core/value.js";
import { graphOf } from "../../src/graph/index.js";
import { RULES } from "../../rules/index.js";
import { parseFinding, runRules } from "../../rules/run.js";
import { postProcessFindings } from "../../src/suppressions/post-process.js";
import { compareFindings, type AnalyzedFile, type ScanResult } from "../../src/scan.js";
import { renderJson } from "../../src/report/json.js";
import { renderSarif } from "../../src/report/sarif.js";
import { renderText } from "../../src/report/text.js";
import { renderSummary } from "../../src/report/summary.js";
import { chainDiagrams } from "../../src/report/chain-diagrams.js";

export type TargetName =
  | "hcl"
  | "yaml"
  | "cloudformation"
  | "terraform"
  | "terraform-expressions"
  | "rules-cloudformation"
  | "rules-terraform"
  | "pipeline";

/** Small limits keep each input cheap and make the bounds tight enough to mean something. */
export const FUZZ_LIMITS = { maxExpansion: 40, maxStepsPerExpression: 20_000, maxStepsPerTemplate: 50_000 };

// ---------------------------------------------------------------- corpus

function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name === "node_modules") continue; // fixtures/apps' packages
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) out.push(...filesUnder(full, accept));
    else if (accept(name) && stat.size < 64 * 1024) out.push(full);
  }
  return out;
}

export interface Corpus {
  terraform: string[];
  cloudformation: string[];
}

/** The fixtures, read once: `.tf` files, and YAML/JSON templates. */
export function loadCorpus(fixturesDir: string): Corpus {
  const read = (files: string[]) => files.map((f) => readFileSync(f, "utf8"));
  return {
    terraform: read(filesUnder(fixturesDir, (n) => n.endsWith(".tf") || n.endsWith(".tfvars"))),
    cloudformation: read(
      filesUnder(fixturesDir, (n) => /\.(ya?ml|json|template)$/.test(n) && !n.startsWith("expected")),
    ),
  };
}

// ---------------------------------------------------------------- mutations

const DELIMITERS = [
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  '"',
  "'",
  "${",
  "%{",
  "}",
  "<<EOT\n",
  "\nEOT\n",
  "/*",
  "*/",
  "#",
  "//",
  ":",
  ",",
  "\n",
  "\r",
  "\t",
  "!",
  "&",
  "*",
  "|",
  ">",
  "-",
  "? ",
  "=",
  "=>",
  "...",
  "\\",
  "\u0000",
  "\ufeff",
  "\ud800",
  "\udfff",
  "\u2028",
  "😀",
  "!Ref ",
  "!Sub ",
  "Fn::",
  "&a ",
  "*a ",
  "---\n",
  "%YAML 1.2\n",
];

type Mutation =
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number; char: string }
  | { kind: "insert"; at: number; text: string; times: number }
  | { kind: "delete"; at: number; length: number }
  | { kind: "duplicate"; at: number; length: number; times: number }
  | { kind: "splice"; at: number; other: number; from: number; length: number }
  | { kind: "nest"; at: number; to: number; open: string; close: string; depth: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const unicodeText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom(...DELIMITERS),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fraction }),
  fc.record({ kind: fc.constant("flip" as const), at: fraction, char: unicodeText }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fraction,
    text: unicodeText,
    times: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 60 })),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fraction, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant("duplicate" as const),
    at: fraction,
    length: fc.integer({ min: 1, max: 80 }),
    times: fc.integer({ min: 2, max: 20 }),
  }),
  fc.record({
    kind: fc.constant("splice" as const),
    at: fraction,
    other: fraction,
    from: fraction,
    length: fc.integer({ min: 1, max: 200 }),
  }),
  // Deep nesting around a piece of the text, sometimes past the parsers' 1000-level limits.
  fc
    .tuple(
      fraction,
      fraction,
      fc.constantFrom(
        ["[", "]"],
        ["{", "}"],
        ["(", ")"],
        ['"${', '}"'],
        ["[for x in y : ", "]"],
        ["{a: ", "}"],
        ["- ", ""],
        ["!If [c, ", ", 2]"],
      ),
      fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 990, max: 1100 })),
    )
    .map(([at, to, [open, close], depth]): Mutation => ({ kind: "nest", at, to, open: open!, close: close!, depth })),
);

function applyMutation(text: string, m: Mutation, corpus: readonly string[]): string {
  const at = Math.floor(m.at * (text.length + 1));
  switch (m.kind) {
    case "truncate":
      return text.slice(0, at);
    case "flip":
      return text.slice(0, at) + m.char + text.slice(at + 1);
    case "insert":
      return text.slice(0, at) + m.text.repeat(m.times) + text.slice(at);
    case "delete":
      return text.slice(0, at) + text.slice(at + m.length);
    case "duplicate":
      return text.slice(0, at) + text.slice(at, at + m.length).repeat(m.times) + text.slice(at + m.length);
    case "nest": {
      const end = Math.max(at, Math.floor(m.to * (text.length + 1)));
      return (
        text.slice(0, at) + m.open.repeat(m.depth) + text.slice(at, end) + m.close.repeat(m.depth) + text.slice(end)
      );
    }
    case "splice": {
      const other = corpus[Math.floor(m.other * corpus.length)] ?? "";
      const from = Math.floor(m.from * other.length);
      return text.slice(0, at) + other.slice(from, from + m.length) + text.slice(at);
    }
  }
}

/** A fixture with one to six mutations applied, or (rarely) pure random text. */
export function mutatedInput(corpus: readonly string[]): fc.Arbitrary<string> {
  if (corpus.length === 0) throw new Error("empty fuzz corpus");
  return fc.oneof(
    {
      weight: 9,
      arbitrary: fc
        .tuple(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }))
        .map(([i, ms]) => ms.reduce((t, m) => applyMutation(t, m, corpus), corpus[i]!)),
    },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
  );
}

// ---------------------------------------------------------------- Terraform expressions

const FUNCTION_NAMES = [
  "range",
  "regex",
  "regexall",
  "replace",
  "format",
  "formatlist",
  "join",
  "split",
  "concat",
  "flatten",
  "setproduct",
  "cidrsubnet",
  "cidrsubnets",
  "cidrhost",
  "jsonencode",
  "jsondecode",
  "yamldecode",
  "yamlencode",
  "lookup",
  "element",
  "length",
  "keys",
  "values",
  "merge",
  "zipmap",
  "tomap",
  "toset",
  "tolist",
  "tostring",
  "tonumber",
  "upper",
  "substr",
  "chunklist",
  "slice",
  "distinct",
  "sort",
  "reverse",
  "coalesce",
  "try",
  "can",
  "max",
  "min",
  "pow",
  "parseint",
  "abs",
  "ceil",
  "floor",
  "log",
  "signum",
  "file",
  "templatefile",
  "fileexists",
  "base64encode",
  "base64decode",
  "sha256",
  "md5",
  "strrev",
  "title",
  "trimspace",
  "indent",
  "transpose",
  "matchkeys",
  "index",
  "contains",
  "one",
  "sum",
  "alltrue",
  "anytrue",
  "startswith",
  "endswith",
  "strcontains",
  "nonsensitive",
  "sensitive",
  "unknownfn",
];

const STRING_LITERALS = [
  '""',
  '"a"',
  '"subnet-123"',
  '"10.0.0.0/16"',
  '"(a+)+$"',
  '"(a|a)*b"',
  '"^(a*)*$"',
  '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"',
  '"%s-%d"',
  '"${1}"',
  '"/etc/passwd"',
  '"../../x"',
  '"[1,[2,[3]]]"',
  '"{\\"a\\":1}"',
  '"a: &a [1]\\nb: *a"',
  '"é😀"',
  '"\\u0000"',
  '"%v%v%v%v"',
  '"*"',
];
const NUMBER_LITERALS = ["0", "1", "-1", "2", "7", "0.5", "1e9", "1e308", "-1e9", "4294967296", "1024", "1025"];

/** A random Terraform expression over literals, `var.v` / `local.l`, operators, `for`, and calls of (mostly) real functions. */
export const terraformExpression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(
      ...STRING_LITERALS,
      ...NUMBER_LITERALS,
      "true",
      "false",
      "null",
      "var.v",
      "local.l",
      "[]",
      "{}",
      "count.index",
      "each.key",
    ),
    fc
      .tuple(fc.constantFrom(...FUNCTION_NAMES), fc.array(tie("expr"), { maxLength: 4 }))
      .map(([f, args]) => `${f}(${args.join(", ")})`),
    fc.array(tie("expr"), { maxLength: 4 }).map((items) => `[${items.join(", ")}]`),
    fc
      .array(fc.tuple(fc.constantFrom("a", "b", '"c d"', "e"), tie("expr")), { maxLength: 3 })
      .map((entries) => `{ ${entries.map(([k, v]) => `${k} = ${v}`).join(", ")} }`),
    fc
      .tuple(tie("expr"), fc.constantFrom("+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||"), tie("expr"))
      .map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie("expr"), tie("expr"), tie("expr")).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
    fc.tuple(tie("expr"), tie("expr")).map(([coll, body]) => `[for x in ${coll} : ${body}]`),
    fc.tuple(tie("expr"), tie("expr")).map(([coll, body]) => `{for k, x in ${coll} : tostring(k) => ${body}...}`),
    fc.tuple(tie("expr"), tie("expr")).map(([coll, index]) => `${coll}[${index}]`),
    tie("expr").map((e) => `${e}[*].a`),
    tie("expr").map((e) => `"x-\${${e}}-y"`),
  ),
})).expr;

/** A module using the expression in the places that expand or evaluate: locals, count, for_each, dynamic blocks, outputs. */
export function terraformModuleFor(expression: string, variant: number): string {
  switch (variant % 4) {
    case 0:
      return `variable "v" {\n  default = ${expression}\n}\nlocals {\n  l = ${expression}\n}\nresource "terraform_data" "d" {\n  input = local.l\n}\n`;
    case 1:
      return `resource "aws_subnet" "s" {\n  count      = ${expression}\n  cidr_block = cidrsubnet("10.0.0.0/8", 8, count.index)\n}\n`;
    case 2:
      return `resource "aws_security_group" "g" {\n  for_each = ${expression}\n  name     = each.key\n  dynamic "ingress" {\n    for_each = ${expression}\n    content {\n      from_port = ingress.value\n    }\n  }\n}\n`;
    default:
      return `locals {\n  l = ${expression}\n}\nmodule "m" {\n  source = "./"\n  count  = ${expression}\n}\noutput "o" {\n  value     = [local.l, ${expression}]\n  sensitive = true\n}\n`;
  }
}

// ---------------------------------------------------------------- properties

export class PropertyFailure extends Error {}

function check(condition: boolean, what: string): void {
  if (!condition) throw new PropertyFailure(what);
}

/** A range of `file` lies inside a text of `length` UTF-16 units, start before end, lines and columns positive. */
function checkRange(range: SourceRange | undefined, file: string, length: number, what: string): void {
  if (!range || range.file !== file) return;
  const { start, end } = range;
  check(
    start.offset >= 0 && start.offset <= end.offset && end.offset <= length,
    `${what}: range ${start.offset}-${end.offset} outside 0-${length}`,
  );
  check(
    start.line >= 1 && start.column >= 1 && end.line >= start.line && end.column >= 1,
    `${what}: bad line/column ${JSON.stringify({ start, end })}`,
  );
}

/** Counts a value's nodes (for the size bounds) and checks every range in it. */
function walkValue(value: Value | undefined, visit: (v: Value) => void, budget = { left: 5_000_000 }): void {
  if (value === undefined || --budget.left < 0) return;
  visit(value);
  if (value.kind === "list") for (const item of value.items) walkValue(item, visit, budget);
  else if (value.kind === "object") for (const entry of value.entries) walkValue(entry.value, visit, budget);
}

/** Counts AST nodes (objects with a `type`) in the HCL result, iteratively (the AST may be 1000 levels deep). */
function countHclNodes(root: unknown): number {
  let count = 0;
  const stack: unknown[] = [root];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    if (typeof (node as { type?: unknown }).type === "string") count++;
    for (const child of Object.values(node as object))
      if (child !== null && typeof child === "object") stack.push(child);
  }
  return count;
}

export const PROPERTIES: Record<TargetName, (text: string) => void> = {
  hcl(text) {
    const result = parseHcl(text, "fuzz.tf");
    for (const d of result.diagnostics) {
      check(
        d.subject.start >= 0 && d.subject.start <= d.subject.end && d.subject.end <= text.length,
        `HCL diagnostic ${d.summary} at ${d.subject.start}-${d.subject.end} outside 0-${text.length}`,
      );
    }
    // Size bound: the AST is linear in the input (no node without at least one character, plus a constant per construct).
    const nodes = countHclNodes(result.body);
    check(nodes <= 4 * text.length + 16, `HCL AST of ${nodes} nodes for ${text.length} characters`);
    check(
      result.diagnostics.length <= text.length + 1,
      `${result.diagnostics.length} diagnostics for ${text.length} characters`,
    );
    // Work bound: the scanner's token count (rescans included) is linear in the input.
    check(
      result.tokensScanned <= text.length + 16,
      `${result.tokensScanned} tokens scanned for ${text.length} characters`,
    );
  },
  yaml(text) {
    const result = loadYaml(text, "fuzz.yaml");
    for (const d of result.diagnostics) checkRange(d.range, "fuzz.yaml", text.length, `YAML diagnostic ${d.summary}`);
    let values = 0;
    walkValue(result.value, (v) => {
      values++;
      checkRange(v.range, "fuzz.yaml", text.length, "YAML value");
    });
    check(values <= FIXED_LIMITS.yamlValues, `${values} YAML values`);
  },
  cloudformation(text) {
    const result = loadCloudFormation([{ path: "fuzz.yaml", text }], {
      readFile: () => undefined,
      limits: { maxStepsPerTemplate: FUZZ_LIMITS.maxStepsPerTemplate, maxForEachCopies: FUZZ_LIMITS.maxExpansion },
    });
    for (const d of result.diagnostics)
      checkRange(d.range, "fuzz.yaml", text.length, `CloudFormation diagnostic ${d.summary}`);
    for (const n of result.notes) checkRange(n.range, "fuzz.yaml", text.length, `CloudFormation note ${n.message}`);
    for (const p of result.schemaProblems) checkRange(p.range, "fuzz.yaml", text.length, "schema problem");
    const resources = result.templates.flatMap((t) => t.resources);
    // Each `Fn::ForEach` produces at most max-expansion copies; plain resources are entries of the text.
    check(resources.length <= FUZZ_LIMITS.maxExpansion * 2 + text.length, `${resources.length} resources`);
    for (const resource of resources) {
      checkRange(resource.headerRange, "fuzz.yaml", text.length, "resource header");
      walkValue(resource.properties, (v) => checkRange(v.range, "fuzz.yaml", text.length, "property value"));
    }
  },
  terraform(text) {
    checkTerraform({ "main.tf": text }, "main.tf", text);
  },
  "rules-cloudformation"(text) {
    const result = loadCloudFormation([{ path: "fuzz.yaml", text }], {
      readFile: () => undefined,
      limits: { maxStepsPerTemplate: FUZZ_LIMITS.maxStepsPerTemplate, maxForEachCopies: FUZZ_LIMITS.maxExpansion },
    });
    checkRules(
      graphOf({ cloudFormation: result.templates.flatMap((t) => t.resources), terraform: [] }),
      "fuzz.yaml",
      text.length,
    );
  },
  pipeline(text) {
    checkPipeline(text);
  },
  "rules-terraform"(text) {
    const files: Record<string, string> = { "main.tf": text };
    const result = loadTerraform([{ path: "main.tf", text }], {
      root: "/fuzz-root-that-does-not-exist",
      readFile: (p) => files[p],
      limits: {
        maxInstancesPerResource: FUZZ_LIMITS.maxExpansion,
        maxStepsPerExpression: FUZZ_LIMITS.maxStepsPerExpression,
        maxModuleInstances: 50,
      },
    });
    checkRules(graphOf({ cloudFormation: [], terraform: result.instances }), "main.tf", text.length);
  },
  "terraform-expressions"(text) {
    checkTerraform({ "main.tf": text }, "main.tf", text);
  },
};

/**
 * A damaged Terraform file and a damaged template through the whole pipeline
 * after reading (the stages of `scan()`, in memory): suppression comments,
 * rule settings and every report format; SARIF must stay JSON, and every
 * result must point into a scanned file, inside its text.
 */
function checkPipeline(input: string): void {
  const [tf, cfn] = input.split("\u0000\u0000SPLIT\u0000\u0000") as [string, string];
  const cloudFormation = loadCloudFormation([{ path: "t.yaml", text: cfn }], {
    readFile: () => undefined,
    limits: { maxStepsPerTemplate: FUZZ_LIMITS.maxStepsPerTemplate, maxForEachCopies: FUZZ_LIMITS.maxExpansion },
  });
  const tfFiles: Record<string, string> = { "main.tf": tf };
  const terraform = loadTerraform([{ path: "main.tf", text: tf }], {
    root: "/fuzz-root-that-does-not-exist",
    readFile: (p) => tfFiles[p],
    limits: {
      maxInstancesPerResource: FUZZ_LIMITS.maxExpansion,
      maxStepsPerExpression: FUZZ_LIMITS.maxStepsPerExpression,
      maxModuleInstances: 50,
    },
  });
  const files = new Map<string, AnalyzedFile>();
  for (const f of cloudFormation.analyzedFiles) files.set(f.path, { ...f, language: "cloudformation" });
  for (const f of terraform.analyzedFiles) files.set(f.path, { ...f, language: "terraform" });
  const graph = graphOf({
    cloudFormation: cloudFormation.templates.flatMap((t) => t.resources),
    terraform: terraform.instances,
  });
  const findings = [
    ...terraform.diagnostics.map(parseFinding),
    ...cloudFormation.diagnostics.map(parseFinding),
    ...runRules(RULES, { graph, scope: "all" }, {}, { debug: true, fallbackFile: "main.tf" }),
  ];
  const reported = postProcessFindings(findings, files, {
    knownRuleIds: new Set(RULES.map((r) => r.id)),
    today: "2026-11-28",
  }).sort(compareFindings);
  const result: ScanResult = {
    root: "/fuzz",
    findings: reported,
    files,
    rules: RULES,
    graph,
    notes: [...terraform.notes, ...cloudFormation.notes],
  };
  for (const finding of reported) {
    check(!finding.message.startsWith("Internal error"), finding.message.split("\n").slice(0, 3).join(" | "));
    const text = files.get(finding.range.file)?.text;
    if (text !== undefined) checkRange(finding.range, finding.range.file, text.length, `${finding.ruleId} finding`);
  }
  renderText(result);
  renderJson(result);
  const sarif = JSON.parse(renderSarif(result)) as { runs: { results: unknown[] }[] };
  check(sarif.runs[0]!.results.length === reported.length, "SARIF lost results");
  renderSummary(result, { diagrams: chainDiagrams(result) });
}

/** The rules on the graph of a damaged file: none fails internally (which the runner would turn into a note), every finding inside the file. */
function checkRules(graph: ReturnType<typeof graphOf>, file: string, length: number): void {
  const findings = runRules(RULES, { graph, scope: "all" }, {}, { debug: true, fallbackFile: file });
  for (const finding of findings) {
    check(!finding.message.startsWith("Internal error"), finding.message.split("\n").slice(0, 3).join(" | "));
    checkRange(finding.range, file, length, `${finding.ruleId} finding`);
    for (const related of finding.related ?? [])
      checkRange(related.range, file, length, `${finding.ruleId} related location`);
  }
}

function checkTerraform(files: Record<string, string>, file: string, text: string): void {
  const result = loadTerraform(
    Object.entries(files).map(([p, t]) => ({ path: p, text: t })),
    {
      root: "/fuzz-root-that-does-not-exist",
      readFile: (p) => files[p],
      limits: {
        maxInstancesPerResource: FUZZ_LIMITS.maxExpansion,
        maxStepsPerExpression: FUZZ_LIMITS.maxStepsPerExpression,
        maxModuleInstances: 50,
      },
    },
  );
  for (const d of result.diagnostics) checkRange(d.range, file, text.length, `Terraform diagnostic ${d.summary}`);
  // Instances: at most max-expansion per resource block, per module instance.
  const blocks = (text.match(/\b(resource|data)\b/g) ?? []).length;
  check(
    result.instances.length <= FUZZ_LIMITS.maxExpansion * Math.max(blocks, 1) * 51,
    `${result.instances.length} instances from ${blocks} blocks`,
  );
  for (const instance of result.instances) {
    checkRange(instance.headerRange, file, text.length, "instance header");
    walkValue(instance.attributes, (v) => checkRange(v.range, file, text.length, "attribute value"));
  }
}

/** The arbitrary each target reads. */
export function inputsFor(target: TargetName, corpus: Corpus): fc.Arbitrary<string> {
  switch (target) {
    case "hcl":
    case "terraform":
      return mutatedInput(corpus.terraform);
    case "rules-terraform":
      return mutatedInput(corpus.terraform);
    case "yaml":
    case "cloudformation":
    case "rules-cloudformation":
      return mutatedInput(corpus.cloudformation);
    case "terraform-expressions":
      return fc.tuple(terraformExpression, fc.nat({ max: 3 })).map(([e, v]) => terraformModuleFor(e, v));
    case "pipeline":
      // Suppression comments are inserted too, valid and broken, so that their parsing is fuzzed along.
      return fc
        .tuple(
          mutatedInput(corpus.terraform.map(withSuppressions("#"))),
          mutatedInput(corpus.cloudformation.map(withSuppressions("#"))),
        )
        .map(([tf, cfn]) => `${tf}\u0000\u0000SPLIT\u0000\u0000${cfn}`);
  }
}

export const TARGETS: readonly TargetName[] = [
  "hcl",
  "yaml",
  "cloudformation",
  "terraform",
  "terraform-expressions",
  "rules-cloudformation",
  "rules-terraform",
  "pipeline",
];

/** A fixture with suppression comments at its top (the mutations move, break and duplicate them). */
function withSuppressions(comment: string): (text: string) => string {
  return (text) =>
    `${comment} sagemaker-vpc-guard:ignore SMBT001,SMBT015 until=2027-01-01 accepted risk\n${comment} sagemaker-vpc-guard:ignore-file SMBT999 until=2020-13-45\n${text}`;
}

export interface FuzzRun {
  target: TargetName;
  inputs: number;
  failure?: { message: string; input: string; seed: number; path?: string };
}

/** Runs one target for `inputs` inputs from `seed`; a failure carries fast-check's shrunk counterexample. */
export function fuzzTarget(target: TargetName, corpus: Corpus, seed: number, inputs: number): FuzzRun {
  const property = PROPERTIES[target];
  const details = fc.check(
    fc.property(inputsFor(target, corpus), (text) => {
      property(text);
    }),
    { seed, numRuns: inputs, endOnFailure: false, markInterruptAsFailure: true },
  );
  if (!details.failed) return { target, inputs: details.numRuns };
  const input = String(details.counterexample?.[0] ?? "");
  const error = details.errorInstance;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    target,
    inputs: details.numRuns,
    failure: { message: message.split("\n", 1)[0]!, input, seed, path: details.counterexamplePath ?? undefined },
  };
}
