/**
 * Tests of reports keep to the rules they are about, so that rules added later
 * do not change their exact expected output: every other rule is turned off
 * through the configuration's own mechanism.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RuleRunOptions } from "../../rules/run.js";
import { RULES } from "../../rules/index.js";
import { SCAN_INCOMPLETE_RULE } from "../../src/core/finding.js";

// SMBT020 cannot be turned off (a config that tries is refused); it reports only incomplete scans.
const others = (ids: string[]) =>
  RULES.filter((rule) => !ids.includes(rule.id) && rule.id !== SCAN_INCOMPLETE_RULE).map((rule) => rule.id);

export function onlyRules(...ids: string[]): RuleRunOptions {
  return { rules: Object.fromEntries(others(ids).map((id) => [id, "off" as const])) };
}

/** A config file turning every other rule off; returns its absolute path. */
export function onlyRulesConfigFile(...ids: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "config-")), "only-rules.yml");
  writeFileSync(
    file,
    `rules:\n${others(ids)
      .map((id) => `  ${id}: off\n`)
      .join("")}`,
  );
  return file;
}
