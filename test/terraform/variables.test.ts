/** Variable value sources in Terraform's precedence order, and type constraints. */
import { describe, expect, it } from "vitest";
import { attr, at, instance, loadFixture, loadInline } from "./helpers.js";

describe("tfvars-precedence fixture", () => {
  it("applies defaults < terraform.tfvars < .json < *.auto.tfvars (lexical) < --var-file < --var", () => {
    const result = loadFixture("tfvars-precedence", {
      varFiles: ["env/prod.tfvars"],
      vars: { from_cli: "--var", cli_list: '["x", "y"]', undeclared: "ignored" },
    });
    expect(result.diagnostics).toEqual([]);
    expect(attr(result, "terraform_data.values", "input")).toEqual({
      from_default: "default",
      from_tfvars: "terraform.tfvars",
      from_tfvars_json: "terraform.tfvars.json",
      from_auto: "a.auto.tfvars",
      from_auto_json: "b.auto.tfvars.json",
      from_var_file: "env/prod.tfvars",
      from_cli: "--var",
      instance_count: 3,
      ports: [443, 80],
      endpoint: { service: "s3", private: true, tags: {} },
      cli_list: ["x", "y"],
      unset: {
        $unknown: "VAR_NO_DEFAULT",
        detail: "var.unset has no default and no value is given (tfvars, --var or --var-file).",
        refs: [],
      },
    });
    expect(result.analyzedFiles.map((f) => f.path)).toEqual([
      "a.auto.tfvars",
      "b.auto.tfvars.json",
      "env/prod.tfvars",
      "main.tf",
      "terraform.tfvars",
      "terraform.tfvars.json",
      "variables.tf",
    ]);
  });

  it("without command-line values, the automatic files decide", () => {
    const result = loadFixture("tfvars-precedence");
    expect(attr(result, "terraform_data.values", "input")).toMatchObject({
      from_var_file: "a.auto.tfvars",
      from_cli: "terraform.tfvars",
      cli_list: [],
    });
  });

  it("keeps the range where a tfvars value was written inside the value", () => {
    const result = loadFixture("tfvars-precedence");
    const input = instance(result, "terraform_data.values").attributes.entries[0]!.value;
    const endpoint = input.kind === "object" ? input.entries.find((e) => e.key === "endpoint")!.value : undefined;
    // The top-level value is at its use site; what is inside keeps the tfvars range.
    expect(endpoint?.range?.file).toBe("main.tf");
    expect(
      endpoint?.kind === "object" &&
        `${endpoint.entries[0]!.value.range!.file}:${at(endpoint.entries[0]!.value.range)}`,
    ).toBe("terraform.tfvars:9:13-9:17");
  });
});

describe("type constraints and module variables", () => {
  it("converts values and notes what cannot convert", () => {
    const result = loadInline(
      {
        "main.tf": `
variable "n" {
  type = number
}
variable "b" {
  type = bool
}
variable "s" {
  type = string
}
variable "bad" {
  type = number
}
variable "nested" {
  type = list(object({ name = string, port = optional(number, 443) }))
  default = [{ name = "a" }, { name = "b", port = "80" }]
}
resource "terraform_data" "d" {
  input = [var.n, var.b, var.s, var.bad, var.nested]
}
`,
      },
      { vars: { n: "5", b: "true", s: "007", bad: "abc" } },
    );
    expect(attr(result, "terraform_data.d", "input")).toEqual([
      5,
      true,
      "007",
      "abc",
      [
        { name: "a", port: 443 },
        { name: "b", port: 80 },
      ],
    ]);
    expect(result.notes.map((n) => n.message)).toEqual([
      'var.bad: value must be a number, not a string ("abc") (line 11)',
    ]);
  });

  it("does not apply root values to a module's variables, and flags required inputs left unset", () => {
    const result = loadInline({
      "main.tf": `module "m" {\n  source = "./m"\n}\n`,
      "m/main.tf": `variable "region" {\n  type = string\n}\nresource "terraform_data" "d" {\n  input = var.region\n}\n`,
      "terraform.tfvars": `region = "eu-west-1"\n`,
    });
    expect(attr(result, "module.m.terraform_data.d", "input")).toEqual({
      $unknown: "VAR_NO_DEFAULT",
      detail: "var.region is a required input of module.m that the module call does not set.",
      refs: [],
    });
  });

  it("notes a --var-file that does not exist", () => {
    const result = loadInline({ "main.tf": `variable "x" {\n  default = 1\n}\n` }, { varFiles: ["missing.tfvars"] });
    expect(result.notes).toEqual([
      {
        path: "missing.tfvars",
        message: "variables file given with --var-file does not exist inside the scan root; ignored",
      },
    ]);
  });
});

describe("nullable", () => {
  it("uses the default for a null input when nullable = false", () => {
    const result = loadInline({
      "main.tf": `module "m" {\n  source = "./m"\n  a = null\n  b = null\n}\n`,
      "m/main.tf": `variable "a" {\n  default  = "x"\n  nullable = false\n}\nvariable "b" {\n  default = "y"\n}\nresource "terraform_data" "d" {\n  input = [var.a, var.b]\n}\n`,
    });
    expect(attr(result, "module.m.terraform_data.d", "input")).toEqual(["x", null]);
  });
});
