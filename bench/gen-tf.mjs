/**
 * Deterministic generator of realistic Terraform modules that use every
 * construct of the HCL native syntax: blocks with identifier and quoted
 * labels, one-line blocks, all comment styles, numbers, escapes, interpolation
 * and directives with strip markers, heredocs (plain and indented), tuples and
 * objects in every key/separator form, namespaced functions and `...`
 * expansion, traversals (index, legacy index, splats), `for` expressions with
 * `if` and grouping, conditionals, operators, Unicode, CRLF and BOM files.
 *
 * Everything it writes is valid HCL that `@cdktf/hcl2json` accepts, so the
 * differential test can demand identical output. Same seed, same corpus.
 *
 *   generateCorpus({ seed, targetBytes }) -> [{ path, text }]
 *   generateFile(seed, index) -> { path, text }
 */

/** Bumped whenever the output changes, so that cached corpora are not reused. */
export const GENERATOR_VERSION = 2;

/** mulberry32: small, fast, deterministic. */
export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const SERVICES = ["sagemaker", "s3", "ec2", "logs", "sts", "ecr", "kms", "states", "events", "iam"];
const NAMES = ["main", "primary", "scoring", "batch", "private", "shared", "this", "default", "ingest", "archive"];
const WORDS = [
  "alpha",
  "beta",
  "gamma",
  "delta",
  "omega",
  "north",
  "south",
  "blue",
  "green",
  "model",
  "input",
  "output",
];
const REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-2", "eu-central-1"];
const RESOURCE_TYPES = [
  "aws_vpc",
  "aws_subnet",
  "aws_security_group",
  "aws_vpc_endpoint",
  "aws_sagemaker_model",
  "aws_iam_role",
  "aws_s3_bucket",
  "aws_route_table",
  "aws_sfn_state_machine",
  "aws_kms_key",
];

class Writer {
  constructor(rng) {
    this.rng = rng;
    this.out = [];
    this.indent = 0;
  }
  line(text = "") {
    this.out.push(text === "" ? "" : "  ".repeat(this.indent) + text);
  }
  open(header) {
    this.line(`${header} {`);
    this.indent++;
  }
  close() {
    this.indent--;
    this.line("}");
  }
}

/** A reference expression (traversal forms). */
function reference(rng) {
  switch (rng.int(10)) {
    case 0:
      return `var.${rng.pick(WORDS)}_${rng.pick(NAMES)}`;
    case 1:
      return `local.${rng.pick(NAMES)}_${rng.pick(WORDS)}`;
    case 2:
      return `${rng.pick(RESOURCE_TYPES)}.${rng.pick(NAMES)}.id`;
    case 3:
      return `${rng.pick(RESOURCE_TYPES)}.${rng.pick(NAMES)}[${rng.int(3)}].arn`;
    case 4:
      return `module.${rng.pick(NAMES)}.${rng.pick(WORDS)}_ids[*]`;
    case 5:
      return `${rng.pick(RESOURCE_TYPES)}.${rng.pick(NAMES)}[*].id`;
    case 6:
      return `${rng.pick(RESOURCE_TYPES)}.${rng.pick(NAMES)}.*.arn`;
    case 7:
      return `data.aws_region.current.name`;
    case 8:
      return `each.value["${rng.pick(WORDS)}"]`;
    default:
      return `var.${rng.pick(WORDS)}.0.${rng.pick(NAMES)}`;
  }
}

function number(rng) {
  return rng.pick(["0", "1", "2", "3", "443", "8080", "65535", "0.5", "1.25", "100", "1e3", "2.5E-2", "-1", "3600"]);
}

function stringLiteral(rng) {
  switch (rng.int(8)) {
    case 0:
      return `"${rng.pick(WORDS)}-${rng.pick(NAMES)}"`;
    case 1:
      return `"arn:aws:${rng.pick(SERVICES)}:${rng.pick(REGIONS)}:123456789012:${rng.pick(WORDS)}/*"`;
    case 2:
      return `"line one\\nline \\"two\\"\\t\\\\ end"`;
    case 3:
      return `"caf\\u00e9 \\U0001F680 ${rng.pick(WORDS)}"`;
    case 4:
      return `"literal $\${not.interpolated} and %%{not.a.directive}"`;
    case 5:
      return `"Größe ${rng.pick(WORDS)} ünïcode 日本"`;
    case 6:
      return `""`;
    default:
      return `"${rng.pick(REGIONS)}"`;
  }
}

function template(rng) {
  const ref = reference(rng);
  switch (rng.int(9)) {
    case 0:
      return `"\${${ref}}"`;
    case 1:
      return `"com.amazonaws.\${data.aws_region.current.name}.${rng.pick(SERVICES)}"`;
    case 2:
      return `"\${var.prefix}-\${${ref}}-${rng.pick(WORDS)}"`;
    case 3:
      return `"%{ if var.enabled }on%{ else }off%{ endif }"`;
    case 4:
      return `"%{ for i, s in var.subnets ~}\${i}=\${s},%{~ endfor }"`;
    case 5:
      return `"prefix \${~ ${ref} ~} suffix"`;
    case 6:
      return `"\${upper(${ref})}/\${1 + 2}/\${"nested \${var.x}"}"`;
    case 7:
      return rng.chance(0.5)
        ? `"%{if ${ref} != ""}\${${ref}}%{endif}"`
        : `"\${var.env == "prod" ? "p" : "np"}-\${${ref} != null ? ${ref} : "none"}"`;
    default:
      return `"s3://\${aws_s3_bucket.${rng.pick(NAMES)}.bucket}/${rng.pick(WORDS)}/"`;
  }
}

function call(rng, depth) {
  switch (rng.int(12)) {
    case 0:
      return `merge(${object(rng, depth + 1, true)}, ${reference(rng)})`;
    case 1:
      return `concat(${tuple(rng, depth + 1)}, ${reference(rng)}...)`;
    case 2:
      return `cidrsubnet(var.cidr_block, ${rng.int(8) + 1}, count.index)`;
    case 3:
      return `provider::aws::arn_parse(${reference(rng)}).account_id`;
    case 4:
      return `format("%s-%s", var.name, ${reference(rng)})`;
    case 5:
      return `lookup(var.tags, "${rng.pick(WORDS)}", null)`;
    case 6:
      return `try(${reference(rng)}, ${stringLiteral(rng)})`;
    case 7:
      return `length(${reference(rng)}) > 0`;
    case 8:
      return `jsonencode(${object(rng, depth + 1, true)})`;
    case 9:
      return `element(${reference(rng)}, 0)[1]`;
    case 10:
      return `coalesce(\n${"  ".repeat(depth + 2)}${reference(rng)},\n${"  ".repeat(depth + 2)}${stringLiteral(rng)},\n${"  ".repeat(depth + 1)})`;
    default:
      return `toset([for s in ${reference(rng)} : lower(s)])`;
  }
}

function forExpression(rng) {
  switch (rng.int(5)) {
    case 0:
      return `[for s in ${reference(rng)} : s.id if s.enabled]`;
    case 1:
      return `{ for k, v in var.tags : lower(k) => v }`;
    case 2:
      return `{for s in ${reference(rng)} : s.az => s.id...}`;
    case 3:
      return `[for i, v in var.list : "\${i}:\${v}"]`;
    default:
      return `{\n  for name, cfg in var.endpoints :\n  name => cfg if cfg.enabled\n}`;
  }
}

function operatorExpression(rng) {
  switch (rng.int(7)) {
    case 0:
      return `var.count * 2 + 1 - var.offset / 3 % 2`;
    case 1:
      return `!var.disabled && (var.a || var.b)`;
    case 2:
      return `var.env == "prod" ? 3 : 1`;
    case 3:
      return `var.size >= 10 && var.size <= 100 || var.size != 0`;
    case 4:
      return `-var.delta < 0 ? -1 : var.delta > 5 ? 5 : var.delta`;
    case 5:
      return `(var.a + var.b) * (var.c - 1)`;
    default:
      return `length(var.subnets) > 1 ? var.subnets[1] : var.subnets[0]`;
  }
}

function tuple(rng, depth) {
  const n = rng.int(4);
  const items = [];
  for (let i = 0; i < n; i++) items.push(rng.chance(0.5) ? stringLiteral(rng) : expression(rng, depth + 1));
  if (rng.chance(0.3) && n > 0) {
    const pad = "  ".repeat(depth + 1);
    return `[\n${items.map((x) => `${pad}  ${x},\n`).join("")}${pad}]`;
  }
  return `[${items.join(", ")}${rng.chance(0.2) && n > 0 ? "," : ""}]`;
}

function objectKey(rng, used) {
  for (;;) {
    const form = rng.int(6);
    const word = rng.pick(WORDS) + (rng.chance(0.5) ? `_${rng.pick(NAMES)}` : "");
    let key;
    let name;
    if (form === 0) {
      key = `"${word}:${rng.pick(NAMES)}"`;
      name = key;
    } else if (form === 1) {
      key = `(var.${word})`;
      name = key;
    } else if (form === 2) {
      key = `"${word}"`;
      name = word;
    } else {
      key = word;
      name = word;
    }
    if (!used.has(name)) {
      used.add(name);
      return key;
    }
  }
}

function object(rng, depth, inline = false) {
  const n = rng.int(4) + (inline ? 0 : 1);
  const used = new Set();
  const items = [];
  for (let i = 0; i < n; i++) {
    const sep = rng.chance(0.2) ? ":" : "=";
    items.push(`${objectKey(rng, used)} ${sep} ${depth > 2 ? stringLiteral(rng) : expression(rng, depth + 1)}`);
  }
  if (inline || n <= 1 || depth > 2) return `{ ${items.join(", ")}${items.length > 0 ? " " : ""}}`;
  const pad = "  ".repeat(depth + 1);
  const comma = rng.chance(0.3) ? "," : "";
  return `{\n${items.map((x) => `${pad}  ${x}${comma}\n`).join("")}${pad}}`;
}

function expression(rng, depth = 0) {
  if (depth > 3) return rng.chance(0.5) ? stringLiteral(rng) : number(rng);
  switch (rng.int(14)) {
    case 0:
      return number(rng);
    case 1:
      return rng.pick(["true", "false", "null"]);
    case 2:
    case 3:
      return stringLiteral(rng);
    case 4:
    case 5:
      return template(rng);
    case 6:
      return reference(rng);
    case 7:
      return call(rng, depth);
    case 8:
      return forExpression(rng);
    case 9:
      return operatorExpression(rng);
    case 10:
      return tuple(rng, depth);
    case 11:
      return object(rng, depth);
    case 12:
      return `${reference(rng)}[var.index]`;
    default:
      return `(${reference(rng)})`;
  }
}

function heredoc(w, rng, name) {
  const indented = rng.chance(0.6);
  const marker = rng.pick(["EOT", "EOF", "POLICY", "JSON"]);
  w.line(`${name} = <<${indented ? "-" : ""}${marker}`);
  const pad = indented ? "  ".repeat(w.indent + 1) : "";
  const body = [
    `{`,
    `  "Version": "2012-10-17",`,
    `  "Statement": [`,
    `    {`,
    `      "Effect": "Allow",`,
    `      "Action": ["${rng.pick(SERVICES)}:*"],`,
    `      "Resource": "\${${reference(rng)}}",`,
    `      "Note": "$\${literal} and %%{literal}",`,
  ];
  if (rng.chance(0.5)) {
    body.push(`      %{~ if var.with_condition ~}`);
    body.push(`      "Condition": {"StringEquals": {"aws:SourceVpc": "\${var.vpc_id}"}},`);
    body.push(`      %{~ endif ~}`);
  }
  if (rng.chance(0.5)) {
    body.push(`      "Tags": [%{ for k, v in var.tags }"\${k}=\${v}",%{ endfor }""],`);
  }
  body.push(`      "Sid": "${rng.pick(WORDS)}"`, `    }`, `  ]`, `}`);
  for (const l of body) w.out.push(pad + l);
  w.out.push((indented ? "  ".repeat(w.indent) : "") + marker);
}

function comment(w, rng) {
  switch (rng.int(4)) {
    case 0:
      w.line(`# ${rng.pick(WORDS)} ${rng.pick(NAMES)}: managed by terraform`);
      break;
    case 1:
      w.line(`// sagemaker-vpc-guard:ignore SMBT00${rng.int(9) + 1} reason="${rng.pick(WORDS)}"`);
      break;
    case 2:
      w.line(`/* ${rng.pick(WORDS)}`);
      w.line(`   spans lines */`);
      break;
    default:
      w.line(`/* single-line block comment */`);
  }
}

function attributes(w, rng, count) {
  const used = new Set();
  for (let i = 0; i < count; i++) {
    let name;
    do name = `${rng.pick(WORDS)}_${rng.pick(NAMES)}`;
    while (used.has(name));
    used.add(name);
    if (rng.chance(0.08)) comment(w, rng);
    if (rng.chance(0.06)) {
      heredoc(w, rng, name);
      continue;
    }
    const trailing = rng.chance(0.1) ? ` # ${rng.pick(WORDS)}` : rng.chance(0.05) ? ` // ${rng.pick(NAMES)}` : "";
    const value = expression(rng, w.indent);
    w.line(`${name} = ${value.replaceAll("\n", `\n${"  ".repeat(w.indent)}`)}${trailing}`);
  }
}

function resource(w, rng, type, name) {
  w.open(`resource "${type}" "${name}"`);
  if (rng.chance(0.3)) w.line(`count = var.enabled ? ${rng.int(3) + 1} : 0`);
  // biome-ignore lint/suspicious/noDuplicateElseIf: each call draws a new random number
  else if (rng.chance(0.3)) w.line(`for_each = toset(${reference(rng)})`);
  attributes(w, rng, rng.int(6) + 2);
  if (rng.chance(0.5)) {
    w.open(`vpc_config`);
    w.line(`subnets            = ${reference(rng)}`);
    w.line(`security_group_ids = [${reference(rng)}]`);
    w.close();
  }
  if (rng.chance(0.3)) {
    w.open(`dynamic "ingress"`);
    w.line(`for_each = var.ingress_rules`);
    w.line(`iterator = rule`);
    w.open(`content`);
    w.line(`from_port   = rule.value.from`);
    w.line(`to_port     = rule.value["to"]`);
    w.line(`cidr_blocks = rule.value.cidrs`);
    w.close();
    w.close();
  }
  if (rng.chance(0.3)) w.line(`timeouts { create = "${rng.int(60) + 1}m" }`);
  if (rng.chance(0.3)) {
    w.open(`lifecycle`);
    w.line(`ignore_changes = [tags, ${rng.pick(WORDS)}]`);
    w.line(`precondition {`);
    w.indent++;
    w.line(`condition     = ${operatorExpression(rng)}`);
    w.line(`error_message = "The ${rng.pick(WORDS)} must be valid."`);
    w.close();
    w.close();
  }
  w.close();
}

function policyDocument(w, rng, name) {
  w.open(`data "aws_iam_policy_document" "${name}"`);
  const statements = rng.int(3) + 1;
  for (let i = 0; i < statements; i++) {
    w.open(`statement`);
    w.line(`sid       = "${rng.pick(WORDS)}${i}"`);
    w.line(`effect    = "${rng.pick(["Allow", "Deny"])}"`);
    w.line(`actions   = ["${rng.pick(SERVICES)}:Get*", "${rng.pick(SERVICES)}:List*"]`);
    w.line(`resources = [${reference(rng)}, "\${${reference(rng)}}/*"]`);
    if (rng.chance(0.5)) {
      w.open(`condition`);
      w.line(`test     = "StringEquals"`);
      w.line(`variable = "aws:SourceVpce"`);
      w.line(`values   = [for e in aws_vpc_endpoint.${rng.pick(NAMES)} : e.id]`);
      w.close();
    }
    w.close();
  }
  w.close();
}

function variable(w, rng, name) {
  w.open(`variable "${name}"`);
  w.line(
    `type        = ${rng.pick(["string", "number", "bool", "list(string)", "map(object({ id = string, count = number }))", "any"])}`,
  );
  w.line(`description = ${stringLiteral(rng)}`);
  if (rng.chance(0.6)) w.line(`default     = ${expression(rng, 2)}`);
  if (rng.chance(0.3)) {
    w.open(`validation`);
    w.line(`condition     = can(regex("^[a-z]+$", var.${name}))`);
    w.line(`error_message = "Must be lowercase letters."`);
    w.close();
  }
  w.close();
}

/** One file of a module. */
export function generateFile(seed, index) {
  const rng = createRng(seed * 7919 + index);
  const w = new Writer(rng);
  w.line(`# Generated module file ${index} (seed ${seed})`);
  const blocks = rng.int(10) + 6;
  const names = new Map();
  const unique = (kind) => {
    const base = `${rng.pick(NAMES)}_${rng.pick(WORDS)}`;
    const n = (names.get(kind + base) ?? 0) + 1;
    names.set(kind + base, n);
    return n === 1 ? base : `${base}_${n}`;
  };
  for (let b = 0; b < blocks; b++) {
    w.line();
    if (rng.chance(0.1)) comment(w, rng);
    switch (rng.int(9)) {
      case 0:
        w.open(`locals`);
        attributes(w, rng, rng.int(8) + 2);
        if (rng.chance(0.3)) w.line(`naïve_café = "unicode identifier"`);
        w.close();
        break;
      case 1:
        variable(w, rng, unique("variable"));
        break;
      case 2:
        policyDocument(w, rng, unique("policy"));
        break;
      case 3:
        w.open(`output "${unique("output")}"`);
        w.line(`value     = ${expression(rng, 1)}`);
        w.line(`sensitive = ${rng.pick(["true", "false"])}`);
        w.close();
        break;
      case 4:
        w.open(`module "${unique("module")}"`);
        w.line(`source  = "../modules/${rng.pick(WORDS)}"`);
        w.line(`version = "~> ${rng.int(5)}.${rng.int(10)}"`);
        attributes(w, rng, rng.int(4) + 1);
        w.line(`providers = { aws = aws.${rng.pick(REGIONS).replaceAll("-", "_")} }`);
        w.close();
        break;
      case 5:
        w.line(`data "aws_region" "${unique("region")}" {}`);
        break;
      default:
        resource(w, rng, rng.pick(RESOURCE_TYPES), unique("resource"));
    }
  }
  let text = `${w.out.join("\n")}\n`;
  if (rng.chance(0.05)) text = text.replaceAll("\n", "\r\n");
  if (rng.chance(0.03)) text = `\ufeff${text}`;
  return { path: `module-${Math.floor(index / 5)}/file-${index}.tf`, text };
}

/** Files until their UTF-8 size reaches `targetBytes` (or `files` files if given). */
export function generateCorpus({ seed = 1, targetBytes = 1_000_000, files } = {}) {
  const out = [];
  let bytes = 0;
  for (let i = 0; files === undefined ? bytes < targetBytes : i < files; i++) {
    const file = generateFile(seed, i);
    bytes += Buffer.byteLength(file.text, "utf8");
    out.push(file);
  }
  return out;
}
