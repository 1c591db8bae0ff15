/**
 * `only-changed`: the findings a pull request's changes can have produced or
 * altered. A finding counts as changed when a file it depends on is changed
 * (added, modified, removed or renamed): its own file, its related locations'
 * files, and every file of the part of the graph it is in (`graph/provenance.ts`:
 * the job, the model, the network, the variables their values come from). A
 * changed Terraform file touches its whole module (its folder), since a
 * variable, local or output declared there can feed any block of it. A change
 * to an input every finding depends on (the config file, the baseline, a
 * variables or parameters file) touches every finding. SMBT020 (scan
 * incomplete) is always kept: what the scan did not read may be what changed.
 */
import path from "node:path/posix";
import { isActive, isAlwaysReported, type Finding, type Level } from "../core/finding.js";
import { kindOf } from "../discover/discover.js";
import { provenanceOf } from "../graph/provenance.js";
import { describeCounts } from "../report/counts.js";
import type { ScanResult } from "../scan.js";

export interface Narrowed {
  result: ScanResult;
  /** One sentence for the log: what was kept and why. */
  explanation: string;
}

/** Variables files: Terraform loads them into every root module (`terraform.tfvars`, `*.auto.tfvars`, `-var-file`). */
const VARIABLES_FILE = /\.tfvars(\.json)?$/i;

export function narrowToChanged(
  result: ScanResult,
  changed: ReadonlySet<string>,
  sharedInputs: readonly string[],
): Narrowed {
  const shared = new Set(sharedInputs.map((file) => path.normalize(file)));
  const everything = [...changed].filter((file) => shared.has(file) || VARIABLES_FILE.test(file)).sort();
  if (everything.length > 0) {
    return {
      result,
      explanation: `only-changed: reporting every finding, since the pull request changes ${everything.join(", ")}, which every finding depends on.`,
    };
  }
  const modules = new Set(
    [...changed].filter((file) => kindOf(file) === "terraform").map((file) => path.dirname(file)),
  );
  const touches = (file: string) =>
    changed.has(file) || (kindOf(file) === "terraform" && modules.has(path.dirname(file)));
  const provenance = provenanceOf(result.graph.graph);
  const touchedGroups = new Set<number>();
  for (const [group, files] of provenance.filesOfGroup) if ([...files].some(touches)) touchedGroups.add(group);

  const isChanged = (finding: Finding) =>
    [finding.range.file, ...(finding.related ?? []).map((entry) => entry.range.file)].some(
      (file) => touches(file) || [...(provenance.groupsOfFile.get(file) ?? [])].some((g) => touchedGroups.has(g)),
    );
  const kept: Finding[] = [];
  const leftOut: Record<Level, number> = { error: 0, warning: 0, note: 0 };
  for (const finding of result.findings) {
    if (isAlwaysReported(finding) || isChanged(finding)) kept.push(finding);
    else if (isActive(finding)) leftOut[finding.level]++;
  }
  const total = leftOut.error + leftOut.warning + leftOut.note;
  return {
    result: { ...result, findings: kept, leftOut },
    explanation:
      total === 0
        ? "only-changed: every finding depends on a file the pull request changes; none left out."
        : `only-changed: left out ${describeCounts(leftOut)} that ${total === 1 ? "depends" : "depend"} on no file the pull request changes.`,
  };
}
