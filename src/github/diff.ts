/**
 * Which lines of a file a pull request's diff shows on its new side: review
 * comments can sit only there. Read from the `patch` of `pulls.listFiles`.
 */
export function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  if (!patch) return lines;
  let next = 0;
  for (const line of patch.split("\n")) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      next = Number(hunk[1]);
      continue;
    }
    if (next === 0 || line.startsWith("\\")) continue; // before the first hunk; "\ No newline at end of file"
    if (line.startsWith("-")) continue; // old side only
    lines.add(next++); // added ("+") or context (" ")
  }
  return lines;
}
