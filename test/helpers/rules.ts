/** Runs the scan on one fixture case (its folder as root) and lists one rule's findings as text lines. */
import path from "node:path";
import { scan } from "../../src/scan.js";
import { FIXTURES } from "./scan.js";

export function findingsOf(ruleId: string, fixtureCase: string): string[] {
  const root = path.join(FIXTURES, fixtureCase);
  return scan({ root, paths: [root] })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.range.file}:${f.range.start.line}:${f.range.start.column} ${f.level} ${f.message}`);
}
