/**
 * The oracle's output conventions, one test each: our rendering produces
 * exactly what `@cdktf/hcl2json` prints, including where the oracle
 * normalises the source (directive whitespace, strip markers, empty else,
 * escapes). Also the `debug hcl2json` command.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { debugCommands } from "../../src/commands/debug.js";
import { oracle, ours } from "./oracle.js";

/** Ours and the oracle's output for one source, which must both equal `expected`. */
async function bothRender(source: string, expected: unknown): Promise<void> {
  expect(ours("t.tf", source)).toEqual({ ok: true, value: expected });
  expect(await oracle("t.tf", source)).toEqual({ ok: true, value: expected });
}

describe("hcl2json conventions (each shared with the oracle)", () => {
  it("nests block labels as objects, with an array of bodies innermost", async () => {
    await bothRender(
      'resource "a" "x" { v = 1 }\nresource "a" "x" { v = 2 }\nresource "a" "y" {}\nlocals { l = 3 }\n',
      {
        resource: { a: { x: [{ v: 1 }, { v: 2 }], y: [{}] } },
        locals: [{ l: 3 }],
      },
    );
  });

  it("lets an attribute replace a block of the same name", async () => {
    await bothRender('a "x" {}\na = 1\n', { a: 1 });
  });

  it("prints literals as JSON values and folds unary operators on literals", async () => {
    await bothRender("a = [1, 2.50, 1e3, true, null, -1, !false, -x]\n", {
      a: [1, 2.5, 1000, true, null, -1, true, "${-x}"],
    });
  });

  it("prints non-literal expressions as ${source text}, whitespace included", async () => {
    await bothRender("a = f(x,\n  y)\nb = x[*].id\nc = (1 + 2)\n", {
      a: "${f(x,\n  y)}",
      b: "${x[*].id}",
      c: "${(1 + 2)}",
    });
  });

  it("renders a template that is one interpolation as the wrapped expression", async () => {
    await bothRender('a = "${x}"\nb = "${ {k = 1} }"\nc = "${"lit"}"\n', { a: "${x}", b: { k: 1 }, c: "lit" });
  });

  it("normalises directives: no whitespace, no strip markers, no empty else", async () => {
    await bothRender('a = "%{ if x ~} y %{~ else }%{ endif }|%{ for k, v in m }${k}%{ endfor }"\n', {
      a: "%{if x}y%{endif}|%{for k, v in m}${k}%{endfor}",
    });
  });

  it("drops whitespace inside interpolations and renders interpolated literals as text", async () => {
    await bothRender('a = "${ x.y } ${1} ${true} ${null} ${"s${t}"}"\n', { a: "${x.y} 1 true null s${t}" });
  });

  it("prints an interpolated conditional as an if directive (hashicorp/hcl represents both alike)", async () => {
    await bothRender('a = "x ${c ? "t" : null} ${d ? 1 : ""} ${e ? f : g ? 2 : 3}"\nb = "${c ? 1 : 2}"\n', {
      a: "x %{if c}t%{else}null%{endif} %{if d}1%{endif} %{if e}${f}%{else}%{if g}2%{else}3%{endif}%{endif}",
      b: "${c ? 1 : 2}",
    });
  });

  it("fails, as the oracle does, on a unary operator that cannot apply to its literal", async () => {
    expect(ours("t.tf", "a = -true\n")).toEqual({
      ok: false,
      error: 't.tf:1,5: Invalid operand: "-" cannot apply to true',
    });
    expect(ours("t.tf", "a = { k = !null }\n")).toEqual({
      ok: false,
      error: 't.tf:1,11: Invalid operand: "!" cannot apply to null',
    });
    expect((await oracle("t.tf", "a = -true\n")).ok).toBe(false);
    expect((await oracle("t.tf", "a = { k = !null }\n")).ok).toBe(false);
  });

  it("decodes escapes but writes $${ and %%{ back", async () => {
    await bothRender('a = "q\\"\\n\\u00e9 $${x} %%{y}"\n', { a: 'q"\né $${x} %%{y}' });
  });

  it("renders object keys: identifiers and traversals as written, templates rendered, others wrapped", async () => {
    await bothRender('a = { k = 1, "s" = 2, d.e = 3, (p) = 4, "t${u}" = 5, 7 = 6, null = 7 }\n', {
      a: { k: 1, s: 2, "d.e": 3, "${(p)}": 4, "t${u}": 5, "7": 6, null: 7 },
    });
  });

  it("cannot nest blocks whose labels collide with a block without them", async () => {
    expect(ours("t.tf", 'b {}\nb "x" {}\n')).toEqual({
      ok: false,
      error: "t.tf:2,1: Unable to convert Block to JSON: b.x",
    });
    expect((await oracle("t.tf", 'b {}\nb "x" {}\n')).ok).toBe(false);
  });
});

describe("debug hcl2json", () => {
  const command = debugCommands.hcl2json!;

  async function run(args: string[], cwd: string) {
    let stdout = "";
    let stderr = "";
    const code = await command.run(args, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  }

  it("maps each path as given to its rendering or an error with line and column", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hcl2json-"));
    writeFileSync(path.join(dir, "good.tf"), 'resource "aws_vpc" "main" {\n  cidr_block = var.cidr\n}\n');
    writeFileSync(path.join(dir, "bad.tf"), "a = [1 2]\n");
    const { code, stdout } = await run(["good.tf", "./bad.tf", "missing.tf"], dir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      "good.tf": { resource: { aws_vpc: { main: [{ cidr_block: "${var.cidr}" }] } } },
      "./bad.tf": {
        error:
          './bad.tf:1,8-9: Missing item separator; Expected a comma to mark the beginning of the next item, but found "2".',
      },
      "missing.tf": { error: "missing.tf: cannot read file: ENOENT" },
    });
  });

  it("gives invalid UTF-8 one error", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hcl2json-"));
    writeFileSync(path.join(dir, "latin1.tf"), Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]));
    const { stdout } = await run(["latin1.tf"], dir);
    expect(JSON.parse(stdout)).toEqual({
      "latin1.tf": { error: "latin1.tf:1,6-7: Invalid UTF-8; The file is not valid UTF-8 text." },
    });
  });

  it("exits 2 with usage when no file is given", async () => {
    expect(await run([], process.cwd())).toEqual({
      code: 2,
      stdout: "",
      stderr: "usage: sagemaker-vpc-guard debug hcl2json FILE...\n",
    });
  });
});
