/** The Terraform stage inside the scan pipeline: SMBT000, analysed files, notes, --var/--var-file. */
import { describe, expect, it } from "vitest";
import { runScan } from "../../src/commands/scan.js";
import { row, scanFixtures } from "../helpers/scan.js";

describe("scan with Terraform", () => {
  it("reports a file that does not parse as SMBT000 at the exact range", () => {
    const result = scanFixtures("terraform/semantics/parse-error");
    expect(result.findings.filter((f) => f.ruleId === "SMBT000").map(row)).toEqual([
      "terraform/semantics/parse-error/broken.tf:3:32 error SMBT000",
    ]);
    expect(result.files.get("terraform/semantics/parse-error/main.tf")?.language).toBe("terraform");
    expect(result.notes).toContainEqual({
      path: "terraform/semantics/parse-error/broken.tf",
      message: "aws_subnet.a.cidr_block: invalid expression (line 3)",
    });
  });

  it("lists tfvars and module files among the analysed files", () => {
    const result = scanFixtures("terraform/semantics/tfvars-precedence", "terraform/semantics/modules-two-levels");
    const paths = [...result.files.keys()].filter((p) => p.startsWith("terraform/semantics/"));
    expect(paths).toContain("terraform/semantics/tfvars-precedence/a.auto.tfvars");
    expect(paths).toContain("terraform/semantics/modules-two-levels/.terraform/modules/registry_vpc/main.tf");
    expect(result.findings.filter((f) => f.ruleId === "SMBT000")).toEqual([]);
  });

  it("accepts repeatable --var and --var-file flags", async () => {
    let out = "";
    const code = await runScan(
      [
        "terraform/semantics/tfvars-precedence",
        "--var",
        "from_cli=x",
        "--var",
        "instance_count=4",
        "--var-file",
        "terraform/semantics/tfvars-precedence/env/prod.tfvars",
        "--format",
        "json",
        "--fail-on",
        "never",
      ],
      { stdout: (t) => (out += t), stderr: () => {}, cwd: new URL("../../fixtures", import.meta.url).pathname },
    );
    expect(code).toBe(0);
    expect(JSON.parse(out).findings).toEqual([]);
  });
});
