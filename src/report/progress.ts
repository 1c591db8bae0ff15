/**
 * The CLI's progress line on stderr: only on a terminal, and only once a scan
 * has run for a second, so quick scans print nothing. It is rewritten in place
 * at each stage and erased when the scan ends.
 */
import { TOOL_NAME } from "../tool.js";

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressLine {
  update(stage: string, files: number): void;
  done(): void;
}

export const PROGRESS_DELAY_MS = 1000;

export function progressLine(stream: ProgressStream, now: () => number = Date.now): ProgressLine {
  const start = now();
  let shown = false;
  return {
    update(stage, files) {
      if (!stream.isTTY || now() - start < PROGRESS_DELAY_MS) return;
      stream.write(`\r\u001b[K${TOOL_NAME}: ${stage} (${files} ${files === 1 ? "file" : "files"})…`);
      shown = true;
    },
    done() {
      if (shown) stream.write("\r\u001b[K");
      shown = false;
    },
  };
}
