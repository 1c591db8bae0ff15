/** `sagemaker-vpc-guard explain SMBT012`: a rule's doc, as plain text or as the Markdown of docs/rules/SMBT012.md. */
import { parseArgs } from "node:util";
import { ruleById } from "../../rules/index.js";
import { UsageError } from "../core/errors.js";
import { ruleDoc } from "../report/rule-doc.js";
import type { CommandIO } from "./debug.js";

export const EXPLAIN_USAGE = `Usage: sagemaker-vpc-guard explain RULE [options]

Prints a rule's documentation: what it checks, why (quoting AWS), how to fix it.

Options:
  --format FORMAT     text | markdown (the page of docs/rules/) (default: text)
  --help              show this help
`;

export function explainRule(args: string[], io: CommandIO): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: "string", default: "text" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    io.stdout(EXPLAIN_USAGE);
    return 0;
  }
  const [id, ...rest] = positionals;
  if (id === undefined || rest.length > 0) throw new UsageError("explain needs one rule id, e.g. explain SMBT001");
  if (values.format !== "text" && values.format !== "markdown")
    throw new UsageError(`--format must be one of text, markdown (got ${JSON.stringify(values.format)})`);
  const rule = ruleById(id.toUpperCase());
  if (!rule) throw new UsageError(`unknown rule ${JSON.stringify(id)}; run sagemaker-vpc-guard rules for the list`);
  const doc = ruleDoc(rule);
  io.stdout(values.format === "markdown" ? doc : markdownToText(doc));
  return 0;
}

/** Markdown as a terminal shows it best: no HTML comments, no markup characters, code indented. */
export function markdownToText(markdown: string): string {
  const out: string[] = [];
  let inCode = false;
  for (const line of markdown.replace(/<!--[\s\S]*?-->\n*/g, "").split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) {
      inCode = !inCode;
      continue;
    }
    if (inCode) {
      out.push(line === "" ? "" : `    ${line}`);
      continue;
    }
    const heading = /^#{1,6} (.*)$/.exec(line);
    const text = (heading ? heading[1]! : line)
      .replace(/\*\*(.+?)\*\*/g, "$1")
      .replace(/(^|[^\w*])\*(\S.*?)\*(?!\w)/g, "$1$2")
      .replace(/\*"|"\*/g, '"')
      .replace(/`([^`]+)`/g, "$1")
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, "$1 ($2)");
    out.push(text);
    if (heading) out.push("=".repeat(text.length));
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}
