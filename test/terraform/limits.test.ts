/** Counted limits: deep reference chains, templatefile recursion. No timers. */
import { describe, expect, it } from "vitest";
import { attr, loadInline } from "./helpers.js";

describe("limits", () => {
  it("stops a long chain of locals at the reference depth limit instead of the stack", () => {
    const n = 3000;
    const locals = Array.from({ length: n }, (_, i) => `  l${i} = ${i === n - 1 ? '"end"' : `local.l${i + 1}`}`).join(
      "\n",
    );
    const result = loadInline({
      "main.tf": `locals {\n${locals}\n}\nresource "terraform_data" "d" {\n  input = local.l0\n}\n`,
    });
    expect(attr(result, "terraform_data.d", "input")).toMatchObject({ $unknown: "LIMIT" });
    expect(result.notes.some((note) => note.message.includes("references nest deeper than 150 values"))).toBe(true);
    const short = loadInline({
      "main.tf": `locals {\n${locals}\n}\nresource "terraform_data" "d" {\n  input = local.l${n - 100}\n}\n`,
    });
    expect(attr(short, "terraform_data.d", "input")).toBe("end");
  });

  it("refuses templatefile inside a template", () => {
    const result = loadInline({
      "main.tf": `resource "terraform_data" "d" {\n  input = templatefile("a.tpl", {})\n}\n`,
      "a.tpl": `x\${templatefile("a.tpl", {})}`,
    });
    expect(attr(result, "terraform_data.d", "input")).toMatchObject({ $unknown: "UNSUPPORTED" });
  });

  it("a module calling itself is a cycle, not a hang", () => {
    const result = loadInline({
      "main.tf": `module "self" {\n  source = "./m"\n}\n`,
      "m/main.tf": `module "again" {\n  source = "./"\n}\nresource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n`,
    });
    expect(result.instances.map((i) => i.address)).toEqual(["module.self.aws_vpc.v"]);
    expect(result.diagnostics.map((d) => d.summary)).toEqual(["Module cycle"]);
  });
});
