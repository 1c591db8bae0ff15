/**
 * Suppression comments in Terraform, read from the HCL parser's comment side
 * table. A comment covers the construct it sits inside (the innermost block or
 * attribute around it) and the block or attribute that starts on the line after
 * it (other comment lines in between are allowed, so several directives can be
 * stacked). A comment at the end of a line also covers what starts on that line.
 */
import { parseHcl, type Body, type BodyItem } from "../hcl/index.js";
import { positionAt, rangeAt } from "../core/range.js";
import { parseDirective, type SuppressionDirective } from "./directive.js";

interface Construct {
  start: number;
  end: number;
  depth: number;
}

export function terraformDirectives(file: string, text: string): SuppressionDirective[] {
  const parsed = parseHcl(text, file);
  const starts = parsed.lineStarts;
  const line = (offset: number) => positionAt(starts, offset).line;
  const constructs: Construct[] = [];
  const walk = (body: Body, depth: number) => {
    for (const item of body.items as BodyItem[]) {
      constructs.push({ start: item.range.start, end: item.range.end, depth });
      if (item.type === "Block") walk(item.body, depth + 1);
    }
  };
  walk(parsed.body, 0);

  const directives: SuppressionDirective[] = [];
  for (const comment of parsed.comments) {
    const directive = parseDirective(comment.text);
    if (!directive) continue;
    const scopes: SuppressionDirective["scopes"] = [];
    const cover = (construct: Construct | undefined) => {
      if (construct)
        scopes.push({ startLine: line(construct.start), endLine: line(Math.max(construct.start, construct.end - 1)) });
    };
    // The innermost construct around the comment.
    cover(
      constructs
        .filter((c) => c.start <= comment.range.start && comment.range.end <= c.end)
        .sort((a, b) => b.depth - a.depth)[0],
    );
    const commentLine = line(comment.range.start);
    const lineStart = starts[commentLine - 1] ?? 0;
    const trailing = text.slice(lineStart, comment.range.start).trim() !== "";
    if (trailing) {
      cover(outermost(constructs.filter((c) => line(c.start) === commentLine && c.start < comment.range.start)));
    } else {
      // The next construct, when only blank and comment lines separate it from the comment.
      const after = constructs.filter((c) => c.start >= comment.range.end);
      const nextStart = Math.min(...after.map((c) => c.start));
      const next = outermost(after.filter((c) => c.start === nextStart));
      if (next && onlyCommentsBetween(text.slice(comment.range.end, next.start))) cover(next);
    }
    directives.push({ ...directive, range: rangeAt(file, starts, comment.range.start, comment.range.end), scopes });
  }
  return directives;
}

function outermost(constructs: Construct[]): Construct | undefined {
  return constructs.sort((a, b) => a.depth - b.depth)[0];
}

function onlyCommentsBetween(text: string): boolean {
  return text.split(/\r\n|\r|\n/).every((l) => {
    const t = l.trim();
    return t === "" || t.startsWith("#") || t.startsWith("//");
  });
}
