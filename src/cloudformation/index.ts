/**
 * The CloudFormation stage: candidate files in, templates with resolved
 * resources out, plus the diagnostics of files that are templates but broken.
 */
import type { Diagnostic } from "../core/finding.js";
import { loadTemplate, type CfnTemplate } from "./template.js";

export interface SourceText {
  /** Relative to the root, with `/` separators. */
  path: string;
  text: string;
}

export interface CloudFormationResult {
  templates: CfnTemplate[];
  /** Every file recognised as a template, broken ones included. */
  analyzedFiles: SourceText[];
  /** Parse errors of files that look like templates (SMBT000). */
  diagnostics: Diagnostic[];
}

export function loadCloudFormation(files: readonly SourceText[]): CloudFormationResult {
  const result: CloudFormationResult = { templates: [], analyzedFiles: [], diagnostics: [] };
  for (const file of files) {
    const loaded = loadTemplate(file.text, file.path);
    if (loaded.kind === "not-a-template") continue;
    result.analyzedFiles.push(file);
    if (loaded.kind === "broken") result.diagnostics.push(...loaded.diagnostics);
    else result.templates.push(loaded.template);
  }
  return result;
}
