/**
 * The job summary (Markdown, under GitHub's 1 MiB per step): totals by level, a
 * table of the findings that count with links to the file at the commit, one
 * Mermaid diagram per transform job chain, and what could not be verified.
 * `--format markdown` prints the same text.
 */
import { isActive, type Finding } from "../core/finding.js";
import type { ScanResult } from "../scan.js";
import { ruleDocUrl, TOOL_NAME } from "../tool.js";
import { countByLevel, countSetAside } from "./counts.js";

/** GitHub rejects a step summary over 1 MiB; stay well under it. */
export const SUMMARY_MAX_BYTES = 1024 * 1024 - 16 * 1024;

/** One transform job's chain, drawn by the graph stage's Mermaid renderer. */
export interface ChainDiagram {
  title: string;
  mermaid: string;
}

export interface SummaryOptions {
  /** `https://github.com/OWNER/REPO/blob/SHA`: links findings to the file at the commit; plain text without it. */
  blobUrl?: string;
  diagrams?: readonly ChainDiagram[];
  maxBytes?: number;
}

/** The rule whose notes say what could not be verified (RULES.md, SMBT017). */
const COVERAGE_RULE = "SMBT017";
const LEVEL_LABEL = { error: "Error", warning: "Warning", note: "Note" } as const;
/** Diagrams shown open; the rest are folded. */
const OPEN_DIAGRAMS = 3;
const LEVEL_ORDER = { error: 0, warning: 1, note: 2 } as const;

/** Errors first, then warnings, then notes; by file and line within a level. */
function bySeverity(a: Finding, b: Finding): number {
  const level = LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level];
  if (level !== 0) return level;
  if (a.range.file !== b.range.file) return a.range.file < b.range.file ? -1 : 1;
  return a.range.start.line - b.range.start.line;
}

export function renderSummary(result: ScanResult, options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? SUMMARY_MAX_BYTES;
  const counts = countByLevel(result.findings);
  const setAside = countSetAside(result.findings);
  const active = result.findings.filter(isActive);
  const findingsTable = active.filter((f) => f.ruleId !== COVERAGE_RULE).sort(bySeverity);
  const unverified = active.filter((f) => f.ruleId === COVERAGE_RULE);

  const head: string[] = [`## ${TOOL_NAME}`, ""];
  if (result.files.size === 0) head.push("No Terraform or CloudFormation files to analyse.", "");
  head.push(
    "| Level | Findings |",
    "|---|---:|",
    ...(["error", "warning", "note"] as const).map(
      (level) => `| ${LEVEL_LABEL[level]} | ${countCell(counts[level], result.leftOut?.[level] ?? 0)} |`,
    ),
    "",
    `${result.files.size} ${result.files.size === 1 ? "file" : "files"} analysed.${setAsideSentence(setAside)}${leftOutSentence(result.leftOut)}`,
    "",
  );

  const rows = findingsTable.map(
    (f) =>
      `| [${f.ruleId}](${ruleDocUrl(f.ruleId)}) | ${f.level} | ${locationLink(f, options.blobUrl)} | ${cell(f.message)} |`,
  );
  // The first few diagrams open; the rest fold into <details>, so that a monorepo's summary stays readable.
  const charts = (options.diagrams ?? []).map((diagram, i) => {
    const chart = ["```mermaid", diagram.mermaid.trimEnd(), "```"];
    if (i < OPEN_DIAGRAMS) return [`#### ${escapeText(diagram.title)}`, "", ...chart, ""].join("\n");
    return [`<details><summary>${escapeHtml(diagram.title)}</summary>`, "", ...chart, "", "</details>", ""].join("\n");
  });
  const notVerified = [
    ...unverified.map((f) => `- ${locationLink(f, options.blobUrl)}: ${escapeText(f.message)}`),
    ...result.notes.map((note) => `- \`${note.path}\`: ${escapeText(note.message)}`),
  ];

  // What fits, in order of importance: the findings, what could not be verified, then the diagrams.
  const budget = new Budget(maxBytes - byteLength(head.join("\n")) - 1024);
  const keptRows = budget.take(rows);
  const keptNotVerified = budget.take(notVerified);
  const keptCharts = budget.take(charts);
  const omitted = (kept: string[], all: string[], what: string) =>
    kept.length < all.length
      ? [
          "",
          `${all.length - kept.length} more ${what} left out to keep this summary under GitHub's size limit; see the SARIF report.`,
        ]
      : [];

  const lines = [...head];
  if (rows.length > 0) {
    lines.push(
      "### Findings",
      "",
      "| Rule | Level | Location | Message |",
      "|---|---|---|---|",
      ...keptRows,
      ...omitted(keptRows, rows, "findings"),
      "",
    );
  }
  if (charts.length > 0) {
    lines.push(
      "### Transform job chains",
      "",
      "Nodes with a failing finding are marked.",
      "",
      ...keptCharts,
      ...omitted(keptCharts, charts, "diagrams").slice(1),
    );
    if (keptCharts.length < charts.length) lines.push("");
  }
  if (notVerified.length > 0)
    lines.push("### Could not verify", "", ...keptNotVerified, ...omitted(keptNotVerified, notVerified, "entries"), "");
  return lines.join("\n");
}

/** Bytes left for the summary's parts. */
class Budget {
  constructor(private left: number) {}

  /** The leading items that fit (each followed by a newline). */
  take(items: readonly string[]): string[] {
    const kept: string[] = [];
    for (const item of items) {
      const size = byteLength(item) + 1;
      if (size > this.left) break;
      this.left -= size;
      kept.push(item);
    }
    return kept;
  }
}

/** A level's count; with `only-changed`, the ones it left out too, so that a filtered error never reads as 0. */
function countCell(shown: number, leftOut: number): string {
  return leftOut > 0 ? `${shown} shown, ${leftOut} left out by only-changed` : String(shown);
}

function leftOutSentence(leftOut: ScanResult["leftOut"]): string {
  if (!leftOut) return "";
  const total = leftOut.error + leftOut.warning + leftOut.note;
  if (total === 0) return " only-changed left out no finding: every one depends on a file the pull request changes.";
  return ` only-changed left out ${total} ${total === 1 ? "finding that depends" : "findings that depend"} on no file the pull request changes (listed in the SARIF report); a run without only-changed reports them.`;
}

function setAsideSentence({ suppressed, baselined }: { suppressed: number; baselined: number }): string {
  const parts = [
    suppressed > 0 ? `${suppressed} suppressed` : "",
    baselined > 0 ? `${baselined} in the baseline` : "",
  ].filter(Boolean);
  return parts.length > 0 ? ` Not counted: ${parts.join(", ")} (listed in the SARIF report).` : "";
}

/** The file's name and line as the link text (the full path in the link's title), so the message stays in view. */
function locationLink(finding: Finding, blobUrl: string | undefined): string {
  const { file, start, end } = finding.range;
  const label = `${file.slice(file.lastIndexOf("/") + 1)}:${start.line}`;
  if (!blobUrl) return `\`${escapeCode(`${file}:${start.line}`)}\``;
  const anchor = end.line > start.line ? `#L${start.line}-L${end.line}` : `#L${start.line}`;
  const url = `${blobUrl}/${file.split("/").map(encodeURIComponent).join("/")}${anchor}`;
  return `[${escapeText(label)}](${url} "${file.replace(/["\\]/g, "\\$&")}:${start.line}")`;
}

/** Text for a table cell: one line, no column breaks. */
function cell(text: string): string {
  return escapeText(text).replace(/\r?\n/g, " ");
}

/** Markdown that would otherwise become markup: tables, HTML, links. */
export function escapeText(text: string): string {
  return text.replace(/[\\|<>[\]*_`]/g, (c) => `\\${c}`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeCode(text: string): string {
  return text.replace(/`/g, "'");
}

const byteLength = (text: string): number => Buffer.byteLength(text, "utf8");
