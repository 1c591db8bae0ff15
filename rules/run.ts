/** Runs every rule over the graph and turns their results into findings. */
import { isAlwaysReported, type Diagnostic, type Finding, type Level } from "../src/core/finding.js";
import type { Indeterminate, Rule, RuleContext } from "./rule.js";
import { oneLineCause, withStack } from "../src/core/errors.js";
import { fileStartRange } from "../src/core/range.js";

/** The configuration's say over rules (`.sagemaker-vpc-guard.yml`). */
export interface RuleRunOptions {
  /** Per rule id: `off`, or a level that replaces the level of every finding of the rule. */
  rules?: Readonly<Record<string, "off" | Level>>;
  /** False: note-level findings are not reported. */
  notes?: boolean;
}

/** How a rule that throws is reported. */
export interface RuleFailureOptions {
  /** The note carries the stack (`--debug`). */
  debug?: boolean;
  /** The file the note points at (a rule's failure belongs to no file): the scan's first file. */
  fallbackFile?: string;
}

export function runRules(
  rules: readonly Rule[],
  context: Omit<RuleContext, "cannotVerify">,
  options: RuleRunOptions = {},
  failures: RuleFailureOptions = {},
): Finding[] {
  const findings: Finding[] = [];
  const blocked = new BlockedChecks();
  for (const rule of rules) {
    if (options.rules?.[rule.id] === "off") continue;
    // A rule that throws loses its own findings only: the others still run (issue 9, failure behavior).
    const ruleBlocked = new BlockedChecks();
    try {
      const results = rule.check({
        ...context,
        cannotVerify: (indeterminate) => ruleBlocked.add(rule.id, indeterminate),
      });
      const made: Finding[] = [];
      for (const { fix, ...result } of results)
        made.push({
          ...result,
          ruleId: rule.id,
          level: result.level ?? rule.level,
          ...(fix ? { fixIntent: fix } : {}),
        });
      findings.push(...made);
      blocked.addAll(ruleBlocked);
    } catch (error) {
      const message = `Internal error in rule ${rule.id}; its checks were skipped, the other rules ran: ${oneLineCause(error)}`;
      findings.push({
        ruleId: "SMBT017",
        level: "note",
        message: failures.debug ? withStack(message, error) : message,
        range: fileStartRange(failures.fallbackFile ?? "."),
      });
    }
  }
  if (options.rules?.SMBT017 !== "off") findings.push(...blocked.notes());
  return applyRuleSettings(withoutMissingInIncomplete(findings, context.graph), options);
}

/**
 * Drops each error or warning about a node marked `incomplete` (its `resource`
 * names the node, or it points at the node's header): what the check found
 * missing may be in the part that was not read, and an error there would be a
 * guess. The reason the node is incomplete has its own finding (a file that did
 * not parse: SMBT000), which fails the scan.
 */
function withoutMissingInIncomplete(findings: Finding[], graph: RuleContext["graph"]): Finding[] {
  const names = new Set<string>();
  const headers = new Set<string>();
  const key = (range: Finding["range"]) => `${range.file}\u0000${range.start.offset}\u0000${range.end.offset}`;
  for (const node of graph.graph.nodes) {
    if (!node.incomplete) continue;
    names.add(node.name);
    headers.add(key(node.range));
  }
  if (headers.size === 0) return findings;
  return findings.filter(
    (finding) =>
      finding.level === "note" ||
      !((finding.resource !== undefined && names.has(finding.resource)) || headers.has(key(finding.range))),
  );
}

/**
 * Parse diagnostics as SMBT000 findings. A file's syntax problems are one
 * finding, at the first problem in the text, whose message says how many more
 * the parser saw (`--debug` prints them): follow-on errors of one mistake are
 * noise (one real file gave 869). Semantic diagnostics (a module folder not
 * found) are findings of their own. At most one finding per line of a file
 * (GitHub tells alerts apart by rule and line, so two there would be one
 * alert): the first diagnostic's place and every distinct message of the line.
 */
export function parseFindings(diagnostics: readonly Diagnostic[]): Finding[] {
  const byLine = new Map<string, Finding>();
  const add = (finding: Finding): void => {
    const key = `${finding.range.file}\u0000${finding.range.start.line}`;
    const seen = byLine.get(key);
    if (!seen) byLine.set(key, finding);
    else if (!seen.message.split(" Also: ").includes(finding.message)) seen.message += ` Also: ${finding.message}`;
  };
  const syntaxByFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.semantic) continue;
    const list = syntaxByFile.get(diagnostic.range.file);
    if (list) list.push(diagnostic);
    else syntaxByFile.set(diagnostic.range.file, [diagnostic]);
  }
  for (const list of syntaxByFile.values()) {
    const unique = dedupe(list);
    const first = unique.reduce((a, b) => (b.range.start.offset < a.range.start.offset ? b : a));
    const finding = parseFinding(first);
    const more = unique.length - 1;
    if (more > 0)
      finding.message += ` The parser saw ${more} more ${more === 1 ? "problem" : "problems"} in this file (--debug lists them).`;
    add(finding);
  }
  for (const diagnostic of diagnostics) if (diagnostic.semantic) add(parseFinding(diagnostic));
  return [...byLine.values()];
}

/** The same diagnostic at the same place, reported twice (a file read by two modules), counts once. */
function dedupe(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.range.start.offset}\u0000${d.range.end.offset}\u0000${d.summary}\u0000${d.detail ?? ""}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

/**
 * The indeterminate facts of every rule, merged: one SMBT017 note per missing
 * link (the same Unknown range and reason), listing each rule it blocked.
 */
class BlockedChecks {
  private readonly byLink = new Map<string, { first: Indeterminate; rules: Set<string> }>();

  /** Takes over the entries of another (one rule's, once the rule has finished). */
  addAll(other: BlockedChecks): void {
    for (const [key, { first, rules }] of other.byLink) {
      const entry = this.byLink.get(key);
      if (entry) for (const rule of rules) entry.rules.add(rule);
      else this.byLink.set(key, { first, rules: new Set(rules) });
    }
  }

  add(ruleId: string, indeterminate: Indeterminate): void {
    const range = indeterminate.unknown.range ?? indeterminate.range;
    const key = `${range.file}\u0000${range.start.offset}\u0000${range.end.offset}\u0000${indeterminate.unknown.reason}`;
    const entry = this.byLink.get(key);
    if (entry) entry.rules.add(ruleId);
    else this.byLink.set(key, { first: indeterminate, rules: new Set([ruleId]) });
  }

  notes(): Finding[] {
    return [...this.byLink.values()].map(({ first, rules }) => {
      const detail = first.unknown.detail.replace(/\.$/, "");
      return {
        ruleId: "SMBT017",
        level: "note" as const,
        message: `Could not verify ${first.what}: ${detail} (${[...rules].sort().join(", ")} skipped).`,
        range: first.unknown.range ?? first.range,
        resource: first.resource,
      };
    });
  }
}

/**
 * The same settings for findings made outside the rules' checks (parse errors,
 * malformed suppressions): drops findings of rules turned off, and notes when
 * notes are off; replaces levels that are overridden.
 */
export function applyRuleSettings(findings: Finding[], options: RuleRunOptions): Finding[] {
  const kept: Finding[] = [];
  for (const finding of findings) {
    // SMBT020 cannot be turned off or lowered: a scan that read less never passes silently.
    const setting = isAlwaysReported(finding) ? undefined : options.rules?.[finding.ruleId];
    if (setting === "off") continue;
    if (setting) finding.level = setting;
    if (options.notes === false && finding.level === "note") continue;
    kept.push(finding);
  }
  return kept;
}

/** A parse diagnostic as an SMBT000 finding. */
export function parseFinding(diagnostic: Diagnostic): Finding {
  const detail = diagnostic.detail ? ` ${diagnostic.detail}` : "";
  return {
    ruleId: "SMBT000",
    level: "error",
    message: `${diagnostic.summary}.${detail}`.replace(/\.\./g, "."),
    range: diagnostic.range,
  };
}
