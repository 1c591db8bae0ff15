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

export function renderSummary(result: ScanResult, options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? SUMMARY_MAX_BYTES;
  const counts = countByLevel(result.findings);
  const setAside = countSetAside(result.findings);
  const active = result.findings.filter(isActive);
  const findingsTable = active.filter((f) => f.ruleId !== COVERAGE_RULE);
  const unverified = active.filter((f) => f.ruleId === COVERAGE_RULE);

  const head: string[] = [`## ${TOOL_NAME}`, ""];
  if (result.files.size === 0) head.push("No Terraform or CloudFormation files to analyse.", "");
  head.push(
    "| Level | Findings |",
    "|---|---:|",
    `| ${LEVEL_LABEL.error} | ${counts.error} |`,
    `| ${LEVEL_LABEL.warning} | ${counts.warning} |`,
    `| ${LEVEL_LABEL.note} | ${counts.note} |`,
    "",
    `${result.files.size} ${result.files.size === 1 ? "file" : "files"} analysed.${setAsideSentence(setAside)}`,
    "",
  );

  const sections: string[][] = [];
  const tail: string[][] = [];
  if (findingsTable.length > 0) {
    sections.push(["### Findings", "", "| Rule | Level | Location | Message |", "|---|---|---|---|"]);
  }
  const rows = findingsTable.map(
    (f) => `| [${f.ruleId}](${ruleDocUrl(f.ruleId)}) | ${f.level} | ${locationLink(f, options.blobUrl)} | ${cell(f.message)} |`,
  );
  if (options.diagrams?.length) {
    tail.push(["### Transform job chains", "", "Nodes with a failing finding are marked.", ""]);
    for (const diagram of options.diagrams) {
      tail.push([`#### ${escapeText(diagram.title)}`, "", "```mermaid", diagram.mermaid.trimEnd(), "```", ""]);
    }
  }
  const notVerified = [
    ...unverified.map((f) => `- ${locationLink(f, options.blobUrl)}: ${escapeText(f.message)}`),
    ...result.notes.map((note) => `- \`${note.path}\`: ${escapeText(note.message)}`),
  ];
  if (notVerified.length > 0) tail.push(["### Could not verify", "", ...notVerified, ""]);

  // Rows go in until the budget is spent; diagrams and notes are kept whole.
  const fixed = [...head, ...(sections[0] ?? []), ...tail.flat()].join("\n");
  let budget = maxBytes - byteLength(fixed) - 200;
  const kept: string[] = [];
  for (const row of rows) {
    const size = byteLength(row) + 1;
    if (size > budget) break;
    budget -= size;
    kept.push(row);
  }
  const lines = [...head];
  if (sections[0]) {
    lines.push(...sections[0], ...kept);
    if (kept.length < rows.length) lines.push("", `${rows.length - kept.length} more findings are not listed to keep this summary under GitHub's size limit; they are in the SARIF report.`);
    lines.push("");
  }
  lines.push(...tail.flat());
  return lines.join("\n");
}

function setAsideSentence({ suppressed, baselined }: { suppressed: number; baselined: number }): string {
  const parts = [suppressed > 0 ? `${suppressed} suppressed` : "", baselined > 0 ? `${baselined} in the baseline` : ""].filter(Boolean);
  return parts.length > 0 ? ` Not counted: ${parts.join(", ")} (listed in the SARIF report).` : "";
}

function locationLink(finding: Finding, blobUrl: string | undefined): string {
  const { file, start, end } = finding.range;
  const label = `${file}:${start.line}`;
  if (!blobUrl) return `\`${escapeCode(label)}\``;
  const anchor = end.line > start.line ? `#L${start.line}-L${end.line}` : `#L${start.line}`;
  return `[${escapeText(label)}](${blobUrl}/${file.split("/").map(encodeURIComponent).join("/")}${anchor})`;
}

/** Text for a table cell: one line, no column breaks. */
function cell(text: string): string {
  return escapeText(text).replace(/\r?\n/g, " ");
}

/** Markdown that would otherwise become markup: tables, HTML, links. */
function escapeText(text: string): string {
  return text.replace(/[\\|<>[\]*_`]/g, (c) => `\\${c}`);
}

function escapeCode(text: string): string {
  return text.replace(/`/g, "'");
}

const byteLength = (text: string): number => Buffer.byteLength(text, "utf8");
