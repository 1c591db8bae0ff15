/**
 * Every problem the parsers saw in the files that did not parse, one line each
 * (`file:line:column: message`): what `scan --debug` prints to stderr and the
 * action writes to its debug log (`RUNNER_DEBUG=1`). The reports carry one
 * SMBT000 per such file, at its first problem.
 */
import type { Diagnostic } from "../core/finding.js";

export function renderParseProblems(problems: readonly Diagnostic[]): string[] {
  return problems.map((problem) => {
    const { file, start } = problem.range;
    const detail = problem.detail ? ` ${problem.detail}` : "";
    return `${file}:${start.line}:${start.column}: ${problem.summary}.${detail}`.replace(/\.\./g, ".");
  });
}
