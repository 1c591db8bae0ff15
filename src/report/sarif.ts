/**
 * SARIF 2.1.0 for GitHub code scanning: one run per upload category, the rules
 * with their help, results with relative `/` paths, UTF-16 columns,
 * fingerprints, related locations, fixes, suppressions and baseline states,
 * within GitHub's upload limits.
 */
import { gzipSync } from "node:zlib";
import { LEVEL_ORDER, type Finding, type RelatedLocation } from "../core/finding.js";
import type { SourceRange } from "../core/range.js";
import type { Rule } from "../../rules/rule.js";
import type { ScanResult } from "../scan.js";
import { shardCategory, type Shard } from "../config/shard.js";
import { REPOSITORY_URL, TOOL_NAME, TOOL_VERSION, ruleDocUrl } from "../tool.js";
import { findingFingerprint, lineHashes } from "./fingerprint.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const DEFAULT_SARIF_CATEGORY = `${TOOL_NAME}/`;
const RULE_TAGS = ["security", "iac", "sagemaker", "vpc"];

/** GitHub's limits for one SARIF upload (docs: "SARIF support for code scanning"). */
export const SARIF_LIMITS = { resultsPerRun: 25_000, locationsPerResult: 1_000, gzippedBytes: 10 * 1024 * 1024 };

/** Downloaded Terraform modules: not in the repository, so never a location code scanning can show. */
const DOWNLOADED_MODULES = ".terraform/";

export interface SarifOptions {
  /** `automationDetails.id`: code scanning keeps runs of different categories apart. */
  category?: string;
  /** Appends `shard-i-of-n/` to the category. */
  shard?: Shard;
  /** Overrides GitHub's limits (tests). */
  limits?: Partial<typeof SARIF_LIMITS>;
  /**
   * What becomes of suppressed and baselined findings. `omit` (for upload to
   * code scanning): left out, counted in the run's properties. Code scanning
   * reads neither `baselineState` nor a suppression's `status` as documented for
   * third-party uploads, so an included one would arrive as an open alert
   * (README, "SARIF and code scanning"). `include` (default): listed with
   * `suppressions` and `baselineState`, for viewers that read them.
   */
  setAside?: "omit" | "include";
}

export interface SarifReport {
  sarif: object;
  text: string;
  /** What had to be cut to fit GitHub's limits, one sentence each. */
  notices: string[];
}

export function buildSarif(result: ScanResult, options: SarifOptions = {}): object {
  return sarifReport(result, options).sarif;
}

export function renderSarif(result: ScanResult, options: SarifOptions = {}): string {
  return sarifReport(result, options).text;
}

export function sarifReport(result: ScanResult, options: SarifOptions = {}): SarifReport {
  const limits = { ...SARIF_LIMITS, ...options.limits };
  const notices: string[] = [];
  const ruleIndex = new Map(result.rules.map((rule, index) => [rule.id, index]));
  const hashesByFile = new Map<string, Map<number, string>>();
  // Each file is hashed only as far as its last finding's line, and only its findings'
  // lines get a hash's text.
  const findingLines = new Map<string, Set<number>>();
  for (const finding of result.findings) {
    const { file, start } = repositoryLocations(finding).primary;
    let lines = findingLines.get(file);
    if (!lines) {
      lines = new Set();
      findingLines.set(file, lines);
    }
    lines.add(start.line);
  }
  const lineHash = (range: SourceRange): string | undefined => {
    const file = result.files.get(range.file);
    if (!file) return undefined;
    let hashes = hashesByFile.get(file.path);
    if (!hashes) {
      hashes = lineHashes(file.text, findingLines.get(file.path) ?? new Set());
      hashesByFile.set(file.path, hashes);
    }
    return hashes.get(range.start.line);
  };

  const omitted = { suppressed: 0, baselined: 0 };
  let findings = result.findings;
  if (options.setAside === "omit") {
    findings = findings.filter((finding) => {
      if (finding.suppression) omitted.suppressed++;
      else if (finding.baselineState === "unchanged") omitted.baselined++;
      else return true;
      return false;
    });
  }
  // Most severe first, so that what a limit cuts is the least important.
  if (findings.length > limits.resultsPerRun) {
    const total = findings.length;
    findings = [...findings].sort((a, b) => LEVEL_ORDER[b.level] - LEVEL_ORDER[a.level]).slice(0, limits.resultsPerRun);
    notices.push(
      `SARIF holds the ${limits.resultsPerRun} most severe of ${total} findings: GitHub accepts at most ${limits.resultsPerRun} results per run.`,
    );
  }
  let cutLocations = 0;
  const usedLineHashes = new Set<string>();
  const results = findings.map((finding) => {
    const { primary, related, note } = repositoryLocations(finding);
    const fingerprints: Record<string, string> = {
      "sagemakerVpcGuard/v1": findingFingerprint(finding, result.files.get(finding.range.file)?.text),
    };
    const hash = lineHash(primary);
    if (hash) {
      // Two findings of one rule on one line (two jobs of a one-line JSON definition, as cdktf
      // writes it) would share the line's hash and be taken for one alert: the later ones add
      // their column.
      const key = `${finding.ruleId} ${primary.file} ${hash}`;
      fingerprints.primaryLocationLineHash = usedLineHashes.has(key) ? `${hash}#${primary.start.column}` : hash;
      usedLineHashes.add(key);
    }
    const sarifResult: Record<string, unknown> = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId),
      level: finding.level,
      message: { text: finding.message + note },
      locations: [location(primary)],
      partialFingerprints: fingerprints,
    };
    if (related.length > 0) {
      const kept = related.slice(0, limits.locationsPerResult - 1);
      if (kept.length < related.length) cutLocations++;
      sarifResult.relatedLocations = kept.map((entry, id) => ({
        id,
        ...location(entry.range),
        message: { text: entry.message },
      }));
    }
    if (finding.fix) sarifResult.fixes = [sarifFix(finding.fix)];
    if (finding.suppression) {
      const suppression: Record<string, unknown> = {
        kind: "inSource",
        justification: finding.suppression.justification,
      };
      if (finding.suppression.range.file === primary.file) suppression.location = location(finding.suppression.range);
      sarifResult.suppressions = [suppression];
    }
    if (finding.baselineState) sarifResult.baselineState = finding.baselineState;
    if (finding.language) sarifResult.properties = { tags: [finding.language] };
    return sarifResult;
  });
  if (cutLocations > 0) {
    notices.push(
      `SARIF keeps ${limits.locationsPerResult} locations of ${cutLocations} ${cutLocations === 1 ? "result" : "results"} with more: GitHub accepts at most ${limits.locationsPerResult} per result.`,
    );
  }

  const document = (kept: unknown[]) => ({
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: REPOSITORY_URL,
            rules: result.rules.map(sarifRule),
          },
        },
        automationDetails: { id: shardCategory(normalizedCategory(options.category), options.shard) },
        columnKind: "utf16CodeUnits",
        ...(options.setAside === "omit"
          ? {
              properties: {
                "sagemakerVpcGuard/leftOut": { suppressed: omitted.suppressed, baselined: omitted.baselined },
              },
            }
          : {}),
        results: kept,
      },
    ],
  });
  let kept = results;
  let sarif = document(kept);
  let text = `${JSON.stringify(sarif, null, 2)}\n`;
  if (gzipSync(text).length > limits.gzippedBytes) {
    // Halve until it fits, then grow back in steps; results are most severe first.
    let low = 0;
    let high = results.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (gzipSync(`${JSON.stringify(document(results.slice(0, middle)), null, 2)}\n`).length <= limits.gzippedBytes)
        low = middle;
      else high = middle - 1;
    }
    kept = results.slice(0, low);
    sarif = document(kept);
    text = `${JSON.stringify(sarif, null, 2)}\n`;
    notices.push(
      `SARIF holds ${low} of ${results.length} results: GitHub accepts at most ${byteSize(limits.gzippedBytes)} gzipped per upload.`,
    );
  }
  return { sarif, text, notices };
}

const byteSize = (bytes: number): string =>
  bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`;

/** A category is a prefix: it ends with `/`. */
function normalizedCategory(category: string | undefined): string {
  if (!category) return DEFAULT_SARIF_CATEGORY;
  return category.endsWith("/") ? category : `${category}/`;
}

/**
 * A finding inside a downloaded module (`.terraform/`) points at the module call
 * in the repository instead; locations under `.terraform/` are dropped.
 */
function repositoryLocations(finding: Finding): { primary: SourceRange; related: RelatedLocation[]; note: string } {
  const inRepository = (range: SourceRange) =>
    !range.file.startsWith(DOWNLOADED_MODULES) && !range.file.includes(`/${DOWNLOADED_MODULES}`);
  const related = (finding.related ?? []).filter((entry) => inRepository(entry.range));
  if (inRepository(finding.range) || related.length === 0) return { primary: finding.range, related, note: "" };
  const [call, ...rest] = related;
  return {
    primary: call!.range,
    related: rest,
    note: ` (in the downloaded module file ${finding.range.file}:${finding.range.start.line})`,
  };
}

function sarifFix(fix: NonNullable<Finding["fix"]>): object {
  const byFile = new Map<string, { range: SourceRange; newText: string }[]>();
  for (const edit of fix.edits) {
    const list = byFile.get(edit.range.file) ?? [];
    list.push(edit);
    byFile.set(edit.range.file, list);
  }
  return {
    description: { text: fix.description },
    artifactChanges: [...byFile].map(([file, edits]) => ({
      artifactLocation: { uri: encodeURI(file), uriBaseId: "%SRCROOT%" },
      replacements: edits.map((edit) => ({
        deletedRegion: region(edit.range),
        insertedContent: { text: edit.newText },
      })),
    })),
  };
}

function sarifRule(rule: Rule): object {
  return {
    id: rule.id,
    name: rule.title.replace(/[^A-Za-z0-9 ]/g, "").replace(/(?:^| )(\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.description },
    help: { text: markdownToText(rule.help), markdown: rule.help },
    helpUri: ruleDocUrl(rule.id),
    defaultConfiguration: { level: rule.level },
    properties: { tags: RULE_TAGS, precision: rule.precision, "security-severity": rule.securitySeverity },
  };
}

function location(range: SourceRange): object {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(range.file), uriBaseId: "%SRCROOT%" },
      region: region(range),
    },
  };
}

function region(range: SourceRange): object {
  return {
    startLine: range.start.line,
    startColumn: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
  };
}

/** Help as plain text: the Markdown without its emphasis and heading marks. */
function markdownToText(markdown: string): string {
  return markdown
    .replace(/^#+ /gm, "")
    .replace(/\*\*|\*/g, "")
    .trim();
}
