/**
 * Expression semantics: references, templates, for, splats, conditionals,
 * operators with Terraform's conversions, and Unknown propagation.
 */
import { describe, expect, it } from "vitest";
import { attr, at, instance, loadInline } from "./helpers.js";

/** Evaluates `locals` and exposes them through one resource's attributes. */
function evalLocals(locals: string, extra = ""): Record<string, unknown> {
  const names = [...locals.matchAll(/^\s{2}(\w+)\s*=/gm)].map((m) => m[1]!);
  const text = `locals {\n${locals}\n}\n${extra}\nresource "terraform_data" "probe" {\n${names.map((n) => `  ${n} = local.${n}`).join("\n")}\n}\n`;
  const result = loadInline({ "main.tf": text });
  const out: Record<string, unknown> = {};
  for (const n of names) out[n] = attr(result, "terraform_data.probe", n);
  return out;
}

const REGION = `data "aws_region" "current" {}\nvariable "nodefault" {\n  type = string\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n`;

describe("templates", () => {
  it("keeps the known prefix and suffix of an Unknown string", () => {
    const v = evalLocals(`  s3 = "com.amazonaws.\${data.aws_region.current.name}.s3"`, REGION);
    expect(v.s3).toEqual({
      $unknown: "DATA_SOURCE",
      detail: "data.aws_region.current.name is read by the provider at plan time.",
      refs: ["data.aws_region.current.name"],
      prefix: "com.amazonaws.",
      suffix: ".s3",
    });
  });

  it("joins prefixes of nested partly known strings and merges refs", () => {
    const v = evalLocals(
      `  inner = "arn:aws:s3:::\${var.nodefault}"\n  outer = "\${local.inner}/\${aws_vpc.v.id}/x"\n  wrapped = "\${local.inner}"`,
      REGION,
    );
    expect(v.outer).toMatchObject({
      $unknown: "VAR_NO_DEFAULT",
      refs: ["aws_vpc.v.id"],
      prefix: "arn:aws:s3:::",
      suffix: "/x",
    });
    // A template that is one interpolation is the value itself.
    expect(v.wrapped).toMatchObject({ $unknown: "VAR_NO_DEFAULT", prefix: "arn:aws:s3:::" });
  });

  it("evaluates directives and converts numbers and bools", () => {
    const v = evalLocals(
      [
        `  list = ["a", "b", "c"]`,
        `  text = "%{ for i, x in local.list }\${i}=\${x}%{ if i < 2 },%{ endif }%{ endfor }"`,
        `  conv = "\${1 + 2}-\${true}-\${1.5}"`,
        `  heredoc = <<-EOT\n    one \${local.list[0]}\n      two\n    EOT`,
        `  escaped = "$\${not} %%{nor}"`,
      ].join("\n"),
    );
    expect(v.text).toBe("0=a,1=b,2=c");
    expect(v.conv).toBe("3-true-1.5");
    expect(v.heredoc).toBe("one a\n  two\n");
    expect(v.escaped).toBe("${not} %{nor}");
  });

  it("makes a template with an Unknown if condition Unknown, keeping the text before it", () => {
    const v = evalLocals(`  t = "a-%{ if var.nodefault == "x" }x%{ endif }-b"`, REGION);
    expect(v.t).toMatchObject({ $unknown: "VAR_NO_DEFAULT", prefix: "a-", suffix: "-b" });
  });
});

describe("operators and conversions", () => {
  it("follows Terraform's conversions", () => {
    const v = evalLocals(
      [
        `  sum = "2" + 3`,
        `  cmp = 10 > "9"`,
        `  eq_types = "1" == 1`,
        `  eq_lists = [1, "a"] == [1, "a"]`,
        `  logic = true && !false || false`,
        `  neg = -(4 % 3)`,
        `  div = 7 / 2`,
        `  cond = 1 > 2 ? "yes" : "no"`,
      ].join("\n"),
    );
    expect(v).toEqual({
      sum: 5,
      cmp: true,
      eq_types: false,
      eq_lists: true,
      logic: true,
      neg: -1,
      div: 3.5,
      cond: "no",
    });
  });

  it("propagates Unknown through operators with every operand's refs", () => {
    const v = evalLocals(`  sum = length(aws_vpc.v.id) + 1\n  eq = aws_vpc.v.id == var.nodefault`, REGION);
    expect(v.sum).toMatchObject({ $unknown: "COMPUTED", refs: ["aws_vpc.v.id"] });
    expect(v.eq).toMatchObject({ $unknown: "COMPUTED", refs: ["aws_vpc.v.id"] });
  });

  it("makes a conditional with an Unknown condition Unknown, with refs of both branches", () => {
    const v = evalLocals(
      `  pick = var.nodefault == "a" ? aws_vpc.v.id : data.aws_region.current.name\n  known = true ? "k" : aws_vpc.v.id`,
      REGION,
    );
    expect(v.pick).toEqual({
      $unknown: "VAR_NO_DEFAULT",
      detail: "var.nodefault has no default and no value is given (tfvars, --var or --var-file).",
      refs: ["aws_vpc.v.id", "data.aws_region.current.name"],
    });
    expect(v.known).toBe("k");
  });
});

describe("collections", () => {
  it("evaluates for expressions (object keys in lexical order, filters, grouping)", () => {
    const v = evalLocals(
      [
        `  m = { b = 2, a = 1, c = 3 }`,
        `  keys = [for k, x in local.m : k if x > 1]`,
        `  doubled = { for k, x in local.m : upper(k) => x * 2 }`,
        `  grouped = { for s in ["ab", "ac", "bd"] : substr(s, 0, 1) => s... }`,
      ].join("\n"),
    );
    expect(v.keys).toEqual(["b", "c"]);
    expect(v.doubled).toEqual({ A: 2, B: 4, C: 6 });
    expect(v.grouped).toEqual({ a: ["ab", "ac"], b: ["bd"] });
  });

  it("evaluates splats, including the legacy .*. form and splat of a single value", () => {
    const v = evalLocals(
      [
        `  objs = [{ id = "a", n = { x = 1 } }, { id = "b", n = { x = 2 } }]`,
        `  full = local.objs[*].n.x`,
        `  legacy = local.objs.*.id`,
        `  single = local.objs[0][*].id`,
        `  none = null[*]`,
      ].join("\n"),
    );
    expect(v).toMatchObject({ full: [1, 2], legacy: ["a", "b"], single: ["a"], none: [] });
  });

  it("knows the length of a list with Unknown elements", () => {
    const v = evalLocals(`  ids = [aws_vpc.v.id, var.nodefault]\n  n = length(local.ids)`, REGION);
    expect(v.n).toBe(2);
  });
});

describe("try and can", () => {
  it("evaluates lazily and catches invalid expressions only", () => {
    const v = evalLocals(
      [
        `  obj = { a = 1 }`,
        `  fallback = try(local.obj.missing, "default")`,
        `  first = try(local.obj.a, "default")`,
        `  can_yes = can(local.obj.a)`,
        `  can_no = can(local.obj.missing)`,
        `  can_unknown = can(var.nodefault)`,
        `  try_unknown = try(aws_vpc.v.id, "x")`,
      ].join("\n"),
      REGION,
    );
    expect(v).toMatchObject({ fallback: "default", first: 1, can_yes: true, can_no: false });
    expect(v.can_unknown).toMatchObject({ $unknown: "VAR_NO_DEFAULT" });
    expect(v.try_unknown).toMatchObject({ $unknown: "COMPUTED", refs: ["aws_vpc.v.id"] });
  });
});

describe("names", () => {
  it("resolves path, terraform.workspace and unknown functions", () => {
    const v = evalLocals(
      `  p = [path.module, path.root, path.cwd, terraform.workspace]\n  f = no_such_function(1)\n  g = provider::aws::arn_parse("arn:aws:s3:::b")`,
    );
    expect(v.p).toEqual([".", ".", ".", "default"]);
    expect(v.f).toEqual({
      $unknown: "UNSUPPORTED",
      detail: "The function no_such_function is not supported by static analysis.",
      refs: [],
    });
    expect(v.g).toMatchObject({ $unknown: "UNSUPPORTED" });
  });

  it("gives a reference's value the range of its use site, its elements their own", () => {
    const result = loadInline({
      "main.tf": `locals {\n  cidrs = ["10.0.0.0/24"]\n}\n\nresource "aws_subnet" "a" {\n  cidr_block = local.cidrs[0]\n  list       = local.cidrs\n}\n`,
    });
    const a = instance(result, "aws_subnet.a");
    const cidr = a.attributes.entries[0]!;
    expect(at(cidr.keyRange)).toBe("6:3-6:13");
    expect(at(cidr.value.range)).toBe("6:16-6:30");
    const list = a.attributes.entries[1]!.value;
    expect(at(list.range)).toBe("7:16-7:27");
    expect(list.kind === "list" && at(list.items[0]!.range)).toBe("2:12-2:25");
  });

  it("turns an invalid reference into an Unknown with a located note", () => {
    const result = loadInline({ "main.tf": `resource "aws_subnet" "a" {\n  vpc_id = var.missing\n}\n` });
    expect(attr(result, "aws_subnet.a", "vpc_id")).toMatchObject({ $unknown: "UNSUPPORTED" });
    expect(result.notes).toEqual([
      { path: "main.tf", message: 'aws_subnet.a.vpc_id: reference to undeclared input variable "missing" (line 2)' },
    ]);
  });
});

describe("file and templatefile", () => {
  it("read inside the root only; a path outside is Unknown with a reason", () => {
    const files = {
      "stack/main.tf": [
        `resource "aws_iam_policy" "p" {`,
        `  policy = file("\${path.module}/policy.json")`,
        `  rendered = templatefile("\${path.module}/tpl/def.json.tpl", { bucket = "data", ids = ["a", "b"], region = data.aws_region.r.name })`,
        `  outside = file("../../etc/passwd")`,
        `}`,
        `data "aws_region" "r" {}`,
      ].join("\n"),
      "stack/policy.json": `{"Statement": []}`,
      "stack/tpl/def.json.tpl": `{"Bucket": "\${bucket}", "Ids": [%{ for i in ids }"\${i}",%{ endfor }""], "R": "\${region}"}`,
    };
    const result = loadInline(files);
    expect(attr(result, "aws_iam_policy.p", "policy")).toBe(`{"Statement": []}`);
    expect(attr(result, "aws_iam_policy.p", "rendered")).toMatchObject({
      $unknown: "DATA_SOURCE",
      prefix: `{"Bucket": "data", "Ids": ["a","b",""], "R": "`,
      suffix: `"}`,
    });
    expect(attr(result, "aws_iam_policy.p", "outside")).toMatchObject({ $unknown: "EXTERNAL_FILE" });
  });
});

describe("whole resource instances as values", () => {
  it("still give COMPUTED references after passing through locals, functions and for", () => {
    const result = loadInline({
      "main.tf": `
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_subnet" "m" {
  for_each   = { a = 1, b = 2 }
  cidr_block = "10.0.\${each.value}.0/24"
}
locals {
  vpc     = aws_vpc.v
  subnets = aws_subnet.m
}
resource "terraform_data" "d" {
  input = {
    a = local.vpc.id
    b = values(aws_subnet.m)[*].id
    c = one(aws_vpc.v[*]).id
    d = [for k, s in local.subnets : s.id]
    e = lookup(local.subnets, "a").id
    f = local.subnets["b"].cidr_block
  }
}
`,
    });
    const input = attr(result, "terraform_data.d", "input") as Record<string, unknown>;
    const refsOf = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(refsOf) : (v as { refs?: unknown; $unknown?: string }).refs;
    expect(
      Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === "string" ? v : refsOf(v)])),
    ).toEqual({
      a: ["aws_vpc.v.id"],
      b: [['aws_subnet.m["a"].id'], ['aws_subnet.m["b"].id']],
      c: ["aws_vpc.v.id"],
      d: [['aws_subnet.m["a"].id'], ['aws_subnet.m["b"].id']],
      e: ['aws_subnet.m["a"].id'],
      f: "10.0.2.0/24",
    });
  });
});
