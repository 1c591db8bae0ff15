/** Helpers shared by tests: scanning a fixture folder and compact finding rows. */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { scan, type ScanResult } from "../../src/scan.js";
import type { Finding } from "../../src/core/finding.js";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(PROJECT_ROOT, "fixtures");

/** Scans `relativePaths` (under fixtures/) with the fixtures folder as root. */
export function scanFixtures(...relativePaths: string[]): ScanResult {
  return scan({ root: FIXTURES, paths: relativePaths.map((p) => path.join(FIXTURES, p)) });
}

/** `file:line:col level RULE` — the identity of a finding in assertions. */
export function row(finding: Finding): string {
  return `${finding.range.file}:${finding.range.start.line}:${finding.range.start.column} ${finding.level} ${finding.ruleId}`;
}

/** Every fixture case: a folder under fixtures/ holding `expected.txt`. */
export function fixtureCases(folder = FIXTURES): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const child = path.join(folder, name);
    // fixtures/apps/node_modules: the packages the fixture apps are synthesized with.
    if (name === "node_modules" || !statSync(child).isDirectory()) continue;
    if (readdirSync(child).includes("expected.txt")) found.push(child);
    else found.push(...fixtureCases(child));
  }
  return found;
}
