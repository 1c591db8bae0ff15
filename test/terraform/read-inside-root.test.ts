/** `src/discover/read.ts`: reading and listing never leave the scan root. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listInsideRoot, readInsideRoot } from "../../src/discover/read.js";
import { loadTerraform } from "../../src/terraform/index.js";

describe("readInsideRoot", () => {
  const base = mkdtempSync(path.join(tmpdir(), "read-inside-"));
  const root = path.join(base, "root");
  mkdirSync(path.join(root, "mod"), { recursive: true });
  writeFileSync(path.join(base, "secret.txt"), "outside");
  writeFileSync(path.join(root, "policy.json"), "{}");
  writeFileSync(path.join(root, "mod", "main.tf"), "");
  symlinkSync(path.join(base, "secret.txt"), path.join(root, "escape.txt"));
  symlinkSync(path.join(root, "policy.json"), path.join(root, "alias.json"));
  symlinkSync(base, path.join(root, "up"));

  it("reads files inside the root, through symlinks that stay inside", () => {
    expect(readInsideRoot(root, "policy.json")).toBe("{}");
    expect(readInsideRoot(root, "alias.json")).toBe("{}");
    expect(readInsideRoot(root, "mod/../policy.json")).toBe("{}");
  });

  it("refuses .. escapes, absolute paths and symlinks leaving the root", () => {
    expect(readInsideRoot(root, "../secret.txt")).toBeUndefined();
    expect(readInsideRoot(root, path.join(base, "secret.txt"))).toBeUndefined();
    expect(readInsideRoot(root, "escape.txt")).toBeUndefined();
    expect(readInsideRoot(root, "up/secret.txt")).toBeUndefined();
    expect(readInsideRoot(root, "missing.txt")).toBeUndefined();
    expect(readInsideRoot(root, "mod")).toBeUndefined();
  });

  it("lists folders inside the root only", () => {
    expect(listInsideRoot(root, "mod")).toEqual(["main.tf"]);
    expect(listInsideRoot(root, "up")).toBeUndefined();
    expect(listInsideRoot(root, "..")).toBeUndefined();
  });

  it("keeps file() inside the root", () => {
    const result = loadTerraform(
      [
        {
          path: "main.tf",
          text: `resource "terraform_data" "d" {\n  input = [file("policy.json"), file("escape.txt"), file("../secret.txt")]\n}\n`,
        },
      ],
      { root, readFile: (p) => readInsideRoot(root, p) },
    );
    const input = result.instances[0]!.attributes.entries[0]!.value;
    expect(
      input.kind === "list" &&
        input.items.map((i) => (i.kind === "string" ? i.value : i.kind === "unknown" ? i.reason : i.kind)),
    ).toEqual(["{}", "EXTERNAL_FILE", "EXTERNAL_FILE"]);
  });
});
