/** The README's quick start: `npm run scan -- examples` prints these findings and exits 1. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/scan.js";

describe("the bundled examples", () => {
  const run = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "dist/cli.js"), "scan", "examples"], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
  });

  it("have one defect each, reported at its exact place, and exit 1", () => {
    expect(run.stdout.split("\n").map((line) => line.split(" ").slice(0, 3).join(" "))).toEqual([
      "examples/cloudformation-fraud-scoring/template.yaml:133:3 error SMBT001",
      "examples/terraform-churn-scoring/main.tf:80:1 error SMBT012",
      "2 errors, 0",
      "",
    ]);
    expect(run.status).toBe(1);
  });

  it("print exactly what the README shows", () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    expect(readme).toContain(`\`\`\`\n${run.stdout}\`\`\``);
  });
});
