/**
 * One defect, one finding, one identity: over every fixture case and bundled
 * example, no two findings share our fingerprint (`sagemakerVpcGuard/v1`, used
 * by baselines and the review's markers), nor rule + `primaryLocationLineHash`
 * (how GitHub code scanning tells alerts apart).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/scan.js";
import { buildSarif } from "../../src/report/sarif.js";
import { FIXTURES, fixtureCases, PROJECT_ROOT } from "../helpers/scan.js";

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
}

/** Each fixture case as its own root (as the fixture test scans it), the whole fixtures folder, the examples. */
const roots = [...fixtureCases(), FIXTURES, path.join(PROJECT_ROOT, "examples")];

/** Keys shared by more than one result, with the results that share them. */
function collisions(results: SarifResult[], key: (r: SarifResult) => string | undefined): string[] {
  const byKey = new Map<string, string[]>();
  for (const r of results) {
    const k = key(r);
    if (k === undefined) continue;
    const where = `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine} ${r.ruleId} ${r.message.text}`;
    byKey.set(k, [...(byKey.get(k) ?? []), where]);
  }
  return [...byKey.values()].filter((list) => list.length > 1).map((list) => list.join("\n  "));
}

describe("finding identity over every fixture and example", () => {
  const results = roots.map((root) => {
    const sarif = buildSarif(scan({ root, paths: [root] })) as { runs: { results: SarifResult[] }[] };
    return { root: path.relative(PROJECT_ROOT, root), results: sarif.runs[0]!.results };
  });

  it("scans hundreds of findings", () => {
    expect(results.reduce((n, r) => n + r.results.length, 0)).toBeGreaterThan(300);
  });

  it("gives no two findings the same fingerprint", () => {
    const shared = results.flatMap(({ root, results }) =>
      collisions(results, (r) => r.partialFingerprints["sagemakerVpcGuard/v1"]).map((c) => `${root}:\n  ${c}`),
    );
    expect(shared).toEqual([]);
  });

  it("gives no two findings of one rule the same primaryLocationLineHash", () => {
    const shared = results.flatMap(({ root, results }) =>
      collisions(results, (r) =>
        r.partialFingerprints.primaryLocationLineHash === undefined
          ? undefined
          : `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri} ${r.partialFingerprints.primaryLocationLineHash}`,
      ).map((c) => `${root}:\n  ${c}`),
    );
    expect(shared).toEqual([]);
  });
});
