import { isActive, type Finding, type Level } from "../core/finding.js";

export type Counts = Record<Level, number>;

/** Findings that count (not suppressed, not baselined), by level. */
export function countByLevel(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, note: 0 };
  for (const finding of findings) if (isActive(finding)) counts[finding.level]++;
  return counts;
}

/** Findings that do not count, and why. */
export function countSetAside(findings: readonly Finding[]): { suppressed: number; baselined: number } {
  let suppressed = 0;
  let baselined = 0;
  for (const finding of findings) {
    if (finding.suppression) suppressed++;
    else if (finding.baselineState === "unchanged") baselined++;
  }
  return { suppressed, baselined };
}

/** `2 errors, 1 note`: the levels that have some. */
export function describeCounts(counts: Counts): string {
  const parts = (["error", "warning", "note"] as const)
    .filter((level) => counts[level] > 0)
    .map((level) => `${counts[level]} ${level}${counts[level] === 1 ? "" : "s"}`);
  return parts.join(", ") || "no findings";
}
