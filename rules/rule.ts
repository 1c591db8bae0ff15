/**
 * The shape of a rule: one file per rule, holding its metadata, its Markdown
 * help (used verbatim as SARIF `help.markdown` and as its doc page) and its check.
 * A rule reads only the normalized graph: it never knows which language a fact
 * came from.
 */
import type { Level, RelatedLocation } from "../src/core/finding.js";
import type { SourceRange } from "../src/core/range.js";
import type { GraphIndex } from "../src/graph/graph.js";

export interface RuleContext {
  graph: GraphIndex;
  /** `all` checks every model; `referenced` only models a transform job in the scan uses. */
  scope: "all" | "referenced";
}

/** What a check reports; the runner adds the rule id and the default level. */
export interface RuleResult {
  level?: Level;
  message: string;
  range: SourceRange;
  resource?: string;
  related?: RelatedLocation[];
}

export interface Rule {
  id: string;
  title: string;
  level: Level;
  /** One sentence: SARIF `shortDescription`. */
  summary: string;
  /** A paragraph: SARIF `fullDescription`. */
  description: string;
  /** Markdown: what, why (quoting AWS), how to fix, with Terraform and CloudFormation examples. */
  help: string;
  /** A documented 0.0–10.0 score for code scanning's severity. */
  securitySeverity: string;
  precision: "very-high" | "high" | "medium" | "low";
  check(context: RuleContext): RuleResult[];
}
