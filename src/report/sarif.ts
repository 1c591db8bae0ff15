/**
 * SARIF 2.1.0 for GitHub code scanning: one run, the rules with their help,
 * results with one physical location each, relative `/` paths, UTF-16 columns
 * and fingerprints.
 */
import type { Finding } from "../core/finding.js";
import type { Rule } from "../../rules/rule.js";
import type { ScanResult } from "../scan.js";
import { REPOSITORY_URL, TOOL_NAME, TOOL_VERSION, ruleDocUrl } from "../tool.js";
import { findingFingerprint, lineHashes } from "./fingerprint.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const RULE_TAGS = ["security", "iac", "sagemaker", "vpc"];

export interface SarifOptions {
  /** `automationDetails.id`: code scanning keeps runs of different categories apart. */
  category?: string;
}

export function buildSarif(result: ScanResult, options: SarifOptions = {}): object {
  const ruleIndex = new Map(result.rules.map((rule, index) => [rule.id, index]));
  const hashesByFile = new Map<string, Map<number, string>>();
  const lineHash = (finding: Finding): string | undefined => {
    const file = result.files.get(finding.range.file);
    if (!file) return undefined;
    let hashes = hashesByFile.get(file.path);
    if (!hashes) hashesByFile.set(file.path, (hashes = lineHashes(file.text)));
    return hashes.get(finding.range.start.line);
  };

  const results = result.findings.map((finding) => {
    const fingerprints: Record<string, string> = {
      "sagemakerVpcGuard/v1": findingFingerprint(finding, result.files.get(finding.range.file)?.text),
    };
    const hash = lineHash(finding);
    if (hash) fingerprints.primaryLocationLineHash = hash;
    const sarifResult: Record<string, unknown> = {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId),
      level: finding.level,
      message: { text: finding.message },
      locations: [location(finding.range)],
      partialFingerprints: fingerprints,
    };
    if (finding.related?.length) {
      sarifResult.relatedLocations = finding.related.map((related, id) => ({
        id,
        ...location(related.range),
        message: { text: related.message },
      }));
    }
    if (finding.language) sarifResult.properties = { tags: [finding.language] };
    return sarifResult;
  });

  return {
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
        automationDetails: { id: options.category ?? `${TOOL_NAME}/` },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

export function renderSarif(result: ScanResult, options: SarifOptions = {}): string {
  return JSON.stringify(buildSarif(result, options), null, 2) + "\n";
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

function location(range: Finding["range"]): object {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(range.file), uriBaseId: "%SRCROOT%" },
      region: {
        startLine: range.start.line,
        startColumn: range.start.column,
        endLine: range.end.line,
        endColumn: range.end.column,
      },
    },
  };
}

/** Help as plain text: the Markdown without its emphasis and heading marks. */
function markdownToText(markdown: string): string {
  return markdown.replace(/^#+ /gm, "").replace(/\*\*|\*/g, "").trim();
}
