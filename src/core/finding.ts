/** Findings: what rules produce and reports print. */
import type { SourceRange } from "./range.js";
import type { FixIntent } from "../graph/fix-intent.js";

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
  /** A suggested fix, already rendered to text: additive edits at exact ranges. */
  fix?: Fix;
  /** The fix as the rule stated it, in graph terms, until the scan renders it into `fix`. */
  fixIntent?: FixIntent;
  /** Set by post-processing when an in-source suppression applies; the finding is still reported in SARIF. */
  suppression?: Suppression;
  /** Set when a baseline is in use: `unchanged` findings were in the baseline and do not count. */
  baselineState?: "new" | "unchanged";
}

export interface Fix {
  description: string;
  edits: { range: SourceRange; newText: string }[];
}

export interface Suppression {
  /** The reason written after the rule ids. */
  justification: string;
  /** The suppression comment or Metadata entry. */
  range: SourceRange;
  /** `YYYY-MM-DD`, when the suppression expires. */
  until?: string;
}

/**
 * SMBT020, scan incomplete: a limit left a whole file, module, nested stack or
 * template unread or unevaluated. It is always on: no rule setting, suppression,
 * baseline or `only-changed` filter removes it (DESIGN.md, "Fail closed").
 */
export const SCAN_INCOMPLETE_RULE = "SMBT020";

/** True for findings that nothing may remove or lower (SMBT020). */
export const isAlwaysReported = (finding: Pick<Finding, "ruleId">): boolean => finding.ruleId === SCAN_INCOMPLETE_RULE;

/** An SMBT020 error: `message` names what was left out and the limit (or option) that stopped it. */
export function scanIncomplete(message: string, range: SourceRange): Finding {
  return { ruleId: SCAN_INCOMPLETE_RULE, level: "error", message, range };
}

/** True when a finding counts: for annotations, review comments and the exit code. */
export const isActive = (finding: Finding): boolean => !finding.suppression && finding.baselineState !== "unchanged";

/** A problem reading a file, before any rule runs; it becomes an SMBT000 finding. */
export interface Diagnostic {
  severity: "error" | "warning";
  summary: string;
  detail?: string;
  range: SourceRange;
  /**
   * A problem of what the file declares (a module folder not found, a cycle),
   * not of its syntax: the file itself was read completely. Each is its own
   * SMBT000; a file's syntax problems make one.
   */
  semantic?: true;
}
