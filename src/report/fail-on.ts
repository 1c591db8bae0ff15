import { LEVEL_ORDER, isActive, type Finding, type Level } from "../core/finding.js";

export type FailOn = Level | "never";
export const FAIL_ON_VALUES: readonly FailOn[] = ["error", "warning", "note", "never"];

/** True when some finding that counts (not suppressed, not baselined) is at or above the `fail-on` level. */
export function failsOn(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === "never") return false;
  return findings.some((f) => isActive(f) && LEVEL_ORDER[f.level] >= LEVEL_ORDER[failOn]);
}
