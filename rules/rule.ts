/**
 * The shape of a rule: one file per rule, holding its metadata, its Markdown
 * help (used verbatim as SARIF `help.markdown` and as its doc page) and its check.
 * A rule reads only the normalized graph: it never knows which language a fact
 * came from.
 */
import type { Level, RelatedLocation } from "../src/core/finding.js";
import type { SourceRange } from "../src/core/range.js";
import type { UnknownValue } from "../src/core/value.js";
import type { GraphIndex } from "../src/graph/graph.js";
import type { FixIntent } from "../src/graph/fix-intent.js";

export interface RuleContext {
  graph: GraphIndex;
  /** `all` checks every model; `referenced` only models a transform job in the scan uses. */
  scope: "all" | "referenced";
  /**
   * Records that a check met a fact it cannot determine. The rule reports no
   * finding for it; the runner turns these into SMBT017 notes, one per missing
   * link, naming every rule it blocked.
   */
  cannotVerify(indeterminate: Indeterminate): void;
}

/** A fact a check could not determine (RULES.md, "Indeterminate facts"). */
export interface Indeterminate {
  /** The Unknown the check met; its range and reason identify the missing link. */
  unknown: UnknownValue;
  /** What could not be verified, as a phrase: "the subnets of model ScoringModel". */
  what: string;
  /** Where to point when the Unknown has no range of its own (the attribute that holds it). */
  range: SourceRange;
  resource?: string;
}

/** What a check reports; the runner adds the rule id and the default level. */
export interface RuleResult {
  level?: Level;
  message: string;
  range: SourceRange;
  resource?: string;
  related?: RelatedLocation[];
  /** A concrete fix, in graph terms; the scan renders it into the file's language. */
  fix?: FixIntent;
}

export interface Rule {
  id: string;
  /** The rule's subject, as its catalog and docs list it: what must hold. */
  title: string;
  /** What is wrong, as a finding's title (annotations, review comments): "Model has no VpcConfig". */
  findingTitle: string;
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
  /** The languages its findings can carry a suggested fix in, where the scan can tell one (`test/fixes.test.ts` holds it to the fixtures). */
  fixable?: readonly ("terraform" | "cloudformation")[];
  check(context: RuleContext): RuleResult[];
}
