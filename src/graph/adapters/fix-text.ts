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
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset + 1))?.[0] ?? "";
}

/** The offset just after the end of the line holding `offset` (after its newline). */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline < 0 ? text.length : newline + 1;
}

export const replaceValue = (source: FileText, range: SourceRange, newText: string) => edit(source, range.start.offset, range.end.offset, newText);
