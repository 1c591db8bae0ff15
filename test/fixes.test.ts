/**
 * Every suggested fix of every fixture case, applied to a copy of the case,
 * makes its finding disappear (and adds no error or warning).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import type { Finding } from "../src/core/finding.js";
import { FIXTURES, fixtureCases } from "./helpers/scan.js";

const scanFolder = (root: string) => scan({ root, paths: [root] }).findings;
const identity = (f: Finding) => `${f.ruleId} ${f.resource}`;

/** Applies a fix's edits to the files under `root`, last edit first so offsets stay valid. */
function applyFix(root: string, finding: Finding): void {
  const byFile = new Map<string, { start: number; end: number; text: string }[]>();
  for (const e of finding.fix!.edits) {
    const list = byFile.get(e.range.file) ?? [];
    list.push({ start: e.range.start.offset, end: e.range.end.offset, text: e.newText });
    byFile.set(e.range.file, list);
  }
  for (const [file, edits] of byFile) {
    let text = readFileSync(path.join(root, file), "utf8");
    for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    writeFileSync(path.join(root, file), text);
  }
}

const withFixes = fixtureCases().flatMap((folder) =>
  scanFolder(folder)
    .filter((f) => f.fix)
    .map((f) => [`${path.relative(FIXTURES, folder)}: ${identity(f)}`, folder, f] as const),
);

describe("suggested fixes", () => {
  it("exist for the fixture cases of the rules that have one", () => {
    expect(withFixes.map(([name]) => name)).toEqual(expect.arrayContaining(["rules/SMBT015/cloudformation-fail: SMBT015 ChurnModel", "rules/SMBT015/terraform-fail: SMBT015 aws_sagemaker_model.churn"]));
  });

  it.each(withFixes)("%s", (_name, folder, finding) => {
    const copy = mkdtempSync(path.join(tmpdir(), "fix-"));
    cpSync(folder, copy, { recursive: true });
    applyFix(copy, finding);
    const after = scanFolder(copy);
    expect(after.map(identity)).not.toContain(identity(finding));
    const before = scanFolder(folder).filter((f) => f.level !== "note").map(identity);
    expect(after.filter((f) => f.level !== "note").map(identity).filter((id) => !before.includes(id))).toEqual([]);
  });
});
