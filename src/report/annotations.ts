/** GitHub annotations, through `@actions/core`'s workflow commands. */
import * as core from "@actions/core";
import type { Finding } from "../core/finding.js";
import type { Rule } from "../../rules/rule.js";

export interface Annotation {
  level: Finding["level"];
  message: string;
  properties: core.AnnotationProperties;
}

export function annotationFor(finding: Finding, rule: Rule | undefined): Annotation {
  const { start, end } = finding.range;
  const properties: core.AnnotationProperties = {
    title: rule ? `${rule.id}: ${rule.title}` : finding.ruleId,
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

export function emitAnnotations(findings: readonly Finding[], rules: readonly Rule[]): void {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  for (const finding of findings) {
    const annotation = annotationFor(finding, byId.get(finding.ruleId));
    const emit = annotation.level === "error" ? core.error : annotation.level === "warning" ? core.warning : core.notice;
    emit(annotation.message, annotation.properties);
  }
}
