/** Findings: what rules produce and reports print. */
import type { SourceRange } from "./range.js";

export type Level = "error" | "warning" | "note";

export const LEVEL_ORDER: Record<Level, number> = { error: 3, warning: 2, note: 1 };

export interface RelatedLocation {
  range: SourceRange;
  message: string;
}

export interface Finding {
  ruleId: string;
  level: Level;
  message: string;
  /** The most specific construct that is wrong (DESIGN.md, "Source ranges"). */
  range: SourceRange;
  /** Display name of the resource the finding is about (address, logical id). */
  resource?: string;
  /** The language of the file the finding points into. */
  language?: "terraform" | "cloudformation";
  related?: RelatedLocation[];
}

/** A problem reading a file, before any rule runs; it becomes an SMBT000 finding. */
export interface Diagnostic {
  severity: "error" | "warning";
  summary: string;
  detail?: string;
  range: SourceRange;
}
