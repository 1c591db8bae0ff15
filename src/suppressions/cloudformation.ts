/**
 * Suppressions in CloudFormation: `#` comments in YAML templates (same grammar
 * and coverage as in Terraform, with YAML's indentation deciding what a
 * construct spans), and a resource's
 * `Metadata: {sagemaker-vpc-guard: {ignore: [{rule, reason, until}]}}`, which
 * covers the whole resource.
 */
import { type Document, isMap, isScalar, isSeq, parseDocument, visit, type Node as YamlNode } from "yaml";
import { lineStarts, positionAt, rangeAt } from "../core/range.js";
import { parseDirective, type ParsedDirective, type SuppressionDirective } from "./directive.js";

export function cloudFormationDirectives(file: string, text: string): SuppressionDirective[] {
  const starts = lineStarts(text);
  const isJson = text.trimStart().startsWith("{");
  const document = parseDocument(text, { prettyErrors: false, strict: false, logLevel: "silent", uniqueKeys: false });
  return [
    ...(isJson ? [] : commentDirectives(file, text, starts, scalarSpans(document))),
    ...metadataDirectives(file, text, starts, document),
  ];
}

/**
 * Where the document's scalars are, as [start, end) offsets: a `#` inside one is
 * data, not a comment (a block scalar's `Value: |` lines, a quoted string over
 * several lines), so suppression text there suppresses nothing.
 */
function scalarSpans(document: Document.Parsed): [number, number][] {
  const spans: [number, number][] = [];
  visit(document, {
    Scalar(_, node) {
      if (node.range && node.range[1] > node.range[0]) spans.push([node.range[0], node.range[1]]);
    },
  });
  return spans;
}

interface ContentLine {
  line: number;
  indent: number;
  /** Last line (inclusive) of what this line starts: the lines indented deeper below it. */
  end: number;
  depth: number;
}

function commentDirectives(
  file: string,
  text: string,
  starts: number[],
  dataSpans: readonly [number, number][],
): SuppressionDirective[] {
  const isData = (offset: number) => dataSpans.some(([from, to]) => from <= offset && offset < to);
  const lines = text.split(/\r\n|\r|\n/);
  const content: ContentLine[] = [];
  const comments: { line: number; column: number; text: string }[] = [];
  lines.forEach((raw, index) => {
    const hash = commentStart(raw);
    const code = (hash === undefined ? raw : raw.slice(0, hash)).replace(/\s+$/, "");
    if (hash !== undefined) comments.push({ line: index + 1, column: hash, text: raw.slice(hash + 1) });
    if (code.trim() !== "")
      content.push({ line: index + 1, indent: code.length - code.trimStart().length, end: index + 1, depth: 0 });
  });
  // Extents and depths, with a stack of open constructs.
  const open: ContentLine[] = [];
  for (const entry of content) {
    while (open.length > 0 && open[open.length - 1]!.indent >= entry.indent) open.pop();
    entry.depth = open.length;
    for (const parent of open) parent.end = entry.line;
    open.push(entry);
  }
  const contentAt = new Map(content.map((entry) => [entry.line, entry]));

  const directives: SuppressionDirective[] = [];
  for (const comment of comments) {
    const directive = parseDirective(comment.text);
    if (!directive || isData((starts[comment.line - 1] ?? 0) + comment.column)) continue;
    const scopes: SuppressionDirective["scopes"] = [];
    const cover = (entry: ContentLine | undefined) => {
      if (entry) scopes.push({ startLine: entry.line, endLine: entry.end });
    };
    const own = contentAt.get(comment.line);
    if (own) cover(own);
    else cover(content.find((entry) => entry.line > comment.line));
    // The innermost construct around it; top-level sections (`Resources:`) are too wide to count.
    const around = content.filter(
      (entry) =>
        entry.line < comment.line &&
        entry.end >= comment.line &&
        entry.indent < comment.column &&
        entry.depth >= 1 &&
        entry !== own,
    );
    cover(around.sort((a, b) => b.depth - a.depth)[0]);
    const offset = (starts[comment.line - 1] ?? 0) + comment.column;
    directives.push({ ...directive, range: rangeAt(file, starts, offset, offset + 1 + comment.text.length), scopes });
  }
  return directives;
}

/** Where a YAML comment starts on a line: a `#` at the start or after a space, outside quotes. */
function commentStart(line: string): number | undefined {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      if (i === 0 || /[\s:[{,-]/.test(line[i - 1]!)) quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) return i;
  }
  return undefined;
}

function metadataDirectives(
  file: string,
  text: string,
  starts: number[],
  document: Document.Parsed,
): SuppressionDirective[] {
  if (!text.includes("sagemaker-vpc-guard")) return [];
  const resources = isMap(document.contents) ? document.contents.get("Resources", true) : undefined;
  if (!isMap(resources)) return [];
  const line = (offset: number) => positionAt(starts, offset).line;
  const directives: SuppressionDirective[] = [];
  for (const pair of resources.items) {
    const key = pair.key as YamlNode | null;
    const value = pair.value as YamlNode | null;
    if (!isMap(value) || !key?.range || !value.range) continue;
    const metadata = value.get("Metadata", true);
    const ours = isMap(metadata) ? metadata.get("sagemaker-vpc-guard", true) : undefined;
    const entries = isMap(ours) ? ours.get("ignore", true) : undefined;
    if (!isSeq(entries)) continue;
    const scope = { startLine: line(key.range[0]), endLine: line(Math.max(key.range[0], value.range[1] - 1)) };
    for (const entry of entries.items as YamlNode[]) {
      if (!entry.range) continue;
      // A block mapping's range runs to the next line; the entry ends at its last character.
      let end = entry.range[1];
      while (end > entry.range[0] && /\s/.test(text[end - 1]!)) end--;
      const range = rangeAt(file, starts, entry.range[0], end);
      directives.push({ ...metadataEntry(entry), range, scopes: [scope] });
    }
  }
  return directives;
}

function metadataEntry(entry: YamlNode): ParsedDirective {
  const field = (name: string): string | undefined => {
    if (!isMap(entry)) return undefined;
    const node = entry.get(name, true);
    return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
  };
  const rule = field("rule");
  const until = field("until");
  // The same checks as a comment's, by writing the entry as one.
  const parsed = parseDirective(
    `sagemaker-vpc-guard:ignore ${rule ?? ""} ${until !== undefined ? `until=${until} ` : ""}${field("reason") ?? ""}`,
  );
  return parsed ?? { ruleIds: [], reason: "", wholeFile: false, syntaxProblem: "it names no rule id" };
}
