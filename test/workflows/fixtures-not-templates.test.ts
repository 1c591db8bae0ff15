import { describe, expect, it } from "vitest";
import path from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { loadRawTemplate } from "../../src/cloudformation/template.js";
import { FIXTURES } from "../helpers/scan.js";

describe("fixtures/workflows", () => {
  it("holds no file the CloudFormation loader takes for a template", () => {
    const folder = path.join(FIXTURES, "workflows");
    const files = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((f) =>
      /\.(json|ya?ml|template)$/.test(f),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const loaded = loadRawTemplate(readFileSync(path.join(folder, file), "utf8"), `workflows/${file}`);
      expect([file, loaded.kind]).toEqual([file, "not-a-template"]);
    }
  });
});
