/** Text positions shared by the fix renderers: edits at offsets, as `SourceRange`s. */
import { lineStarts, rangeAt, type SourceRange } from "../../core/range.js";
import type { Fix } from "../../core/finding.js";

export interface FileText {
  file: string;
  text: string;
}

/** An edit replacing `[start, end)` of a file (an insertion when they are equal). */
export function edit(source: FileText, start: number, end: number, newText: string): Fix["edits"][number] {
  return { range: rangeAt(source.file, lineStarts(source.text), start, end), newText };
}

/** The whitespace that starts the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const leading = /[ \t]*/y;
  leading.lastIndex = text.lastIndexOf("\n", offset - 1) + 1;
  return leading.exec(text)?.[0] ?? "";
}

/** The offset just after the end of the line holding `offset` (after its newline). */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline < 0 ? text.length : newline + 1;
}

export const replaceValue = (source: FileText, range: SourceRange, newText: string) =>
  edit(source, range.start.offset, range.end.offset, newText);

/**
 * The lines of `text` (which starts on a line indented by `from`) with that
 * indentation replaced by `to` on every line after the first; blank lines stay
 * blank, trailing ones are dropped. Undefined when a line is indented less
 * than `from` (it would change meaning).
 */
export function reindent(text: string, from: string, to: string): string[] | undefined {
  const lines = text.replace(/\s+$/, "").split("\n");
  const out = [lines[0]!];
  for (const line of lines.slice(1)) {
    if (line.trim() === "") out.push("");
    else if (line.startsWith(from)) out.push(to + line.slice(from.length));
    else return undefined;
  }
  return out;
}
