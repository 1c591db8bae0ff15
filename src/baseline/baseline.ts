/**
 * Baselines: a file of the findings a project accepts for now, by fingerprint
 * (rule, resource, file and the normalized text of the construct — not the
 * line, so it survives lines added above). With a baseline, a finding in it is
 * `unchanged` and counts for nothing but SARIF; every other one is `new`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { isAlwaysReported, type Finding } from "../core/finding.js";
import { UsageError } from "../core/errors.js";
import { findingFingerprint } from "../report/fingerprint.js";
import { TOOL_NAME, TOOL_VERSION } from "../tool.js";

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  resource?: string;
  /** For people reading the file; not used to match. */
  message: string;
}

export interface Baseline {
  version: 1;
  tool: string;
  findings: BaselineEntry[];
}

type FileTexts = { get(path: string): { text: string } | undefined };

/** The baseline of the findings that count now (suppressed ones need no baseline). */
export function createBaseline(findings: readonly Finding[], files: FileTexts): Baseline {
  const entries = findings
    .filter((finding) => !finding.suppression && !isAlwaysReported(finding))
    .map((finding) => {
      const entry: BaselineEntry = {
        fingerprint: findingFingerprint(finding, files.get(finding.range.file)?.text),
        ruleId: finding.ruleId,
        file: finding.range.file,
        message: finding.message,
      };
      if (finding.resource) entry.resource = finding.resource;
      return entry;
    });
  return { version: 1, tool: `${TOOL_NAME} ${TOOL_VERSION}`, findings: entries };
}

export function renderBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileSync(file, renderBaseline(baseline));
}

export function readBaseline(file: string, displayName = file): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "is not valid JSON";
    throw new UsageError(`baseline ${displayName} ${reason}`);
  }
  const baseline = data as Partial<Baseline> | null;
  if (
    baseline?.version !== 1 ||
    !Array.isArray(baseline.findings) ||
    baseline.findings.some((f) => typeof f?.fingerprint !== "string")
  ) {
    throw new UsageError(
      `baseline ${displayName} is not a ${TOOL_NAME} baseline (version 1); create one with ${TOOL_NAME} baseline create`,
    );
  }
  return baseline as Baseline;
}

/** Sets `baselineState` on every finding. */
export function applyBaseline(findings: Finding[], baseline: Baseline, files: FileTexts): void {
  const known = new Set(baseline.findings.map((entry) => entry.fingerprint));
  for (const finding of findings) {
    // SMBT020 is new in every run: a baseline cannot accept an incomplete scan.
    finding.baselineState =
      !isAlwaysReported(finding) && known.has(findingFingerprint(finding, files.get(finding.range.file)?.text))
        ? "unchanged"
        : "new";
  }
}
