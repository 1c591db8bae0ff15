import type { Finding, Level } from "../core/finding.js";

export type Counts = Record<Level, number>;

export function countByLevel(findings: readonly Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, note: 0 };
  for (const finding of findings) counts[finding.level]++;
  return counts;
}
