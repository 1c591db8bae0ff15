/**
 * GitHub annotations, through `@actions/core`'s workflow commands. GitHub shows
 * at most 10 of each kind per step: the most severe and most specific findings
 * go first, and when some do not fit, one last notice says how many more are in
 * the job summary and SARIF.
 */
import * as core from "@actions/core";
import { LEVEL_ORDER, isActive, type Finding } from "../core/finding.js";
import { compareRanges } from "../core/range.js";
import type { Rule } from "../../rules/rule.js";

/** Annotations of each kind that GitHub shows per step. */
export const ANNOTATIONS_PER_KIND = 10;

export interface Annotation {
  level: Finding["level"];
  message: string;
  properties: core.AnnotationProperties;
}

export function annotationFor(finding: Finding, rule: Rule | undefined): Annotation {
  const { start, end } = finding.range;
  const properties: core.AnnotationProperties = {
    title: rule ? `${rule.id}: ${rule.findingTitle}` : finding.ruleId,
    file: finding.range.file,
    startLine: start.line,
    endLine: end.line,
  };
  // GitHub reads columns only on a one-line annotation.
  if (start.line === end.line) {
    properties.startColumn = start.column;
    properties.endColumn = end.column;
  }
  return { level: finding.level, message: finding.message, properties };
}

export interface AnnotationOptions {
  /** The step will fail: its failure message takes one of the error annotations' places. */
  stepFails?: boolean;
}

/**
 * The annotations to emit, within GitHub's limits, in the order to emit them:
 * the batch-transform rules (SMBT001–SMBT016) first, then the others, then
 * SMBT000 (at most one per file); within each, by level, the rule's precision
 * (`very-high`/`high` first), file and line.
 */
export function planAnnotations(
  findings: readonly Finding[],
  rules: readonly Rule[],
  options: AnnotationOptions = {},
): Annotation[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const active = findings.filter(isActive).sort((a, b) => byImportance(a, b, byId));
  const plan = (noteRoom: number) => {
    const room = {
      error: ANNOTATIONS_PER_KIND - (options.stepFails ? 1 : 0),
      warning: ANNOTATIONS_PER_KIND,
      note: noteRoom,
    };
    const shown: Annotation[] = [];
    const perLevel = { error: 0, warning: 0, note: 0 };
    const parseErrorFiles = new Set<string>();
    let omitted = 0;
    for (const finding of active) {
      const repeatParseError = finding.ruleId === "SMBT000" && parseErrorFiles.has(finding.range.file);
      if (repeatParseError || perLevel[finding.level] >= room[finding.level]) {
        omitted++;
        continue;
      }
      if (finding.ruleId === "SMBT000") parseErrorFiles.add(finding.range.file);
      perLevel[finding.level]++;
      shown.push(annotationFor(finding, byId.get(finding.ruleId)));
    }
    return { shown, omitted };
  };
  // The overflow notice takes one of the notices' places.
  let { shown, omitted } = plan(ANNOTATIONS_PER_KIND);
  if (omitted > 0) ({ shown, omitted } = plan(ANNOTATIONS_PER_KIND - 1));
  if (omitted > 0) {
    shown.push({
      level: "note",
      message: `${omitted} more ${omitted === 1 ? "finding is" : "findings are"} not annotated here (GitHub shows ${ANNOTATIONS_PER_KIND} of each kind per step): see the job summary and the SARIF report.`,
      properties: { title: "sagemaker-vpc-guard: more findings" },
    });
  }
  return shown;
}

export function emitAnnotations(
  findings: readonly Finding[],
  rules: readonly Rule[],
  options: AnnotationOptions = {},
): void {
  for (const annotation of planAnnotations(findings, rules, options)) {
    const emit =
      annotation.level === "error" ? core.error : annotation.level === "warning" ? core.warning : core.notice;
    emit(annotation.message, annotation.properties);
  }
}

/** The batch-transform rules, then the others, then parse errors; by level, precision, file and line. */
function byImportance(a: Finding, b: Finding, rules: ReadonlyMap<string, Rule>): number {
  const group = (f: Finding) => (f.ruleId === "SMBT000" ? 2 : /^SMBT0(0[1-9]|1[0-6])$/.test(f.ruleId) ? 0 : 1);
  const precise = (f: Finding) => (["very-high", "high"].includes(rules.get(f.ruleId)?.precision ?? "") ? 0 : 1);
  return (
    group(a) - group(b) ||
    LEVEL_ORDER[b.level] - LEVEL_ORDER[a.level] ||
    precise(a) - precise(b) ||
    compareRanges(a.range, b.range)
  );
}
