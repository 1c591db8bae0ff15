/**
 * Text for the runner's log that may hold scanned strings (file names,
 * logical ids, labels, tag values: a pull request's author writes them). The
 * runner runs any line of a step's output that is a workflow command (`::…::`,
 * and the older `##[…]`), so such text is printed between `::stop-commands::`
 * and a random token nobody can guess: the runner reads none of it as a
 * command. Text with neither marker is printed as it is.
 */
import { randomUUID } from "node:crypto";

const COMMAND_MARKERS = /::|##/;

/** `text` as it can be printed to a step's log (stdout or stderr). */
export function inertText(text: string, token: () => string = randomUUID): string {
  if (!COMMAND_MARKERS.test(text)) return text;
  const stop = token();
  return `::stop-commands::${stop}\n${text.endsWith("\n") ? text : `${text}\n`}::${stop}::\n`;
}

/** A line of `text` for the log (a newline added), printed inert. */
export const inertLine = (text: string): string => inertText(text.endsWith("\n") ? text : `${text}\n`);
