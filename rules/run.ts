/** Runs every rule over the graph and turns their results into findings. */
import type { Diagnostic, Finding } from "../src/core/finding.js";
import type { Rule, RuleContext } from "./rule.js";

export function runRules(rules: readonly Rule[], context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const result of rule.check(context)) {
      findings.push({ ...result, ruleId: rule.id, level: result.level ?? rule.level });
    }
  }
  return findings;
}

/** A parse diagnostic as an SMBT000 finding. */
export function parseFinding(diagnostic: Diagnostic): Finding {
  const detail = diagnostic.detail ? ` ${diagnostic.detail}` : "";
  return { ruleId: "SMBT000", level: "error", message: `${diagnostic.summary}.${detail}`.replace(/\.\./g, "."), range: diagnostic.range };
}
