/**
 * Writing a report file the user named (`sarif-file`, `--output`, `--sarif`,
 * `--summary`): its folder is created, and a failure is one sentence naming
 * the input and the path, with the system's reason in words.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of its path is a file, not a folder",
  EEXIST: "a part of its path is a file, not a folder",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  ENAMETOOLONG: "the name is too long",
};

export class ReportWriteError extends Error {}

/** Writes `text` to `file` (absolute), creating its folder; throws a `ReportWriteError` naming `input` and `shown`. */
export function writeReport(file: string, text: string, input: string, shown: string): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const reason = REASONS[code] ?? (error instanceof Error ? error.message.split("\n", 1)[0] : String(error));
    throw new ReportWriteError(
      `could not write ${input} ${shown}: ${reason}${code && REASONS[code] ? ` (${code})` : ""}`,
    );
  }
}
