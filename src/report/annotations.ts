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

/** The annotations to emit, within GitHub's limits, in the order to emit them. */
export function planAnnotations(findings: readonly Finding[], rules: readonly Rule[]): Annotation[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const active = findings.filter(isActive).sort(bySeverityThenSpecificity);
  const shown: Annotation[] = [];
  const perLevel = { error: 0, warning: 0, note: 0 };
  let omitted = 0;
  // Whether the overflow notice is needed decides how many notes fit, so count first.
  const totals = { error: 0, warning: 0, note: 0 };
  for (const finding of active) totals[finding.level]++;
  const overflow =
    totals.error > ANNOTATIONS_PER_KIND || totals.warning > ANNOTATIONS_PER_KIND || totals.note > ANNOTATIONS_PER_KIND;
  // The overflow notice takes one of the notices' places.
  const room = {
    error: ANNOTATIONS_PER_KIND,
    warning: ANNOTATIONS_PER_KIND,
    note: overflow ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND,
  };
  for (const finding of active) {
    if (perLevel[finding.level] >= room[finding.level]) {
      omitted++;
      continue;
    }
    perLevel[finding.level]++;
    shown.push(annotationFor(finding, byId.get(finding.ruleId)));
  }
  if (omitted > 0) {
    shown.push({
      level: "note",
      message: `${omitted} more ${omitted === 1 ? "finding is" : "findings are"} not annotated here (GitHub shows ${ANNOTATIONS_PER_KIND} of each kind per step): see the job summary and the SARIF report.`,
      properties: { title: "sagemaker-vpc-guard: more findings" },
    });
  }
  return shown;
}

export function emitAnnotations(findings: readonly Finding[], rules: readonly Rule[]): void {
  for (const annotation of planAnnotations(findings, rules)) {
    const emit =
      annotation.level === "error" ? core.error : annotation.level === "warning" ? core.warning : core.notice;
    emit(annotation.message, annotation.properties);
  }
}

/** Most severe first; among equals, the narrowest range, then file order. */
function bySeverityThenSpecificity(a: Finding, b: Finding): number {
  return LEVEL_ORDER[b.level] - LEVEL_ORDER[a.level] || span(a) - span(b) || compareRanges(a.range, b.range);
}

/** How much of the file a finding covers: lines first, then characters. */
function span(finding: Finding): number {
  const { start, end } = finding.range;
  return (end.line - start.line) * 1_000_000 + Math.max(0, end.offset - start.offset);
}
