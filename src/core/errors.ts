/** A mistake in how the tool was called: exit code 2 with a one-line message. */
export class UsageError extends Error {}

/** Longest cause an internal-error note quotes: error messages may quote scanned text, and notes quote no more than a line of it. */
const MAX_CAUSE_LENGTH = 200;

/** An error as one short line: its name and the first line of its message, cut to a line's length. */
export function oneLineCause(error: unknown): string {
  const name = error instanceof Error ? error.name : "Error";
  const message = String(error instanceof Error ? error.message : error).split(/\r\n|\r|\n/, 1)[0] ?? "";
  const line = `${name}: ${message}`;
  return line.length > MAX_CAUSE_LENGTH ? `${line.slice(0, MAX_CAUSE_LENGTH - 1)}…` : line;
}

/** `message` followed by the error's stack frames (for `--debug` only). */
export function withStack(message: string, error: unknown): string {
  const stack = error instanceof Error ? error.stack : undefined;
  const frames = stack
    ?.split("\n")
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim());
  return frames && frames.length > 0 ? `${message}\n${frames.join("\n")}` : message;
}
