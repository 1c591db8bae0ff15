/**
 * Reading the scan's files under its limits (`src/core/limits.ts`): the file
 * count, each file's size (checked before reading, so a 100 MB file is never
 * loaded) and the total bytes read, for the discovered files and for the files
 * they point at (`file()`, `templatefile()`, `DefinitionUri`, nested stacks,
 * tfvars). Text is decoded strictly as UTF-8, as Terraform, CloudFormation and
 * cfn-lint decode it: a Terraform file that is not UTF-8 (UTF-16 included) is one
 * SMBT000 error, and so is a would-be template (named on the command line, or
 * whose text mentions a template's keys); another file is skipped with an
 * SMBT017 note at its first bad byte. Every refusal is remembered once, and a
 * file a limit keeps out is an SMBT020 error (what was not read may hold the
 * defect: DESIGN.md, "Fail closed"); the scan goes on.
 */
import { readFileSync, statSync } from "node:fs";
import { scanIncomplete, type Diagnostic, type Finding } from "../core/finding.js";
import { fileStartRange, positionAt, lineStarts, type SourceRange } from "../core/range.js";
import { formatBytes, LIMIT_NAMES, type ScanLimits } from "../core/limits.js";
import { kindOf, mayBeTemplate, type DiscoveredFile } from "./discover.js";
import { locateInsideRoot } from "./read.js";

/** An SMBT017 note about a whole file (a limit hit, an internal error while analysing it). */
export function fileNote(file: string, message: string): Finding {
  return { ruleId: "SMBT017", level: "note", message, range: fileStartRange(file) };
}

/** How a finding names the option that raises a limit. */
export const raiseHint = (name: string): string => `raise --${name} (or ${name} in the configuration's limits)`;

export class ScanInputs {
  /** SMBT020 errors for files a limit kept out, SMBT017 notes for files that are not text. */
  readonly findings: Finding[] = [];
  /** SMBT000 diagnostics of Terraform files and would-be templates that are not UTF-8 text. */
  readonly diagnostics: Diagnostic[] = [];
  private totalBytes = 0;
  private readonly texts = new Map<string, string | undefined>();

  constructor(
    private readonly root: string,
    readonly limits: ScanLimits,
  ) {}

  /** The first `maxFiles` files (they come sorted by path); one note names the first file left out. */
  admit(files: readonly DiscoveredFile[]): DiscoveredFile[] {
    if (files.length <= this.limits.maxFiles) return [...files];
    const first = files[this.limits.maxFiles]!;
    const left = files.length - this.limits.maxFiles;
    this.findings.push(
      scanIncomplete(
        `${left} ${left === 1 ? "file was" : "files were"} not scanned, from ${first.path} on (in path order): the scan reached the ${LIMIT_NAMES.maxFiles} limit of ${this.limits.maxFiles} files; ${raiseHint(LIMIT_NAMES.maxFiles)} or exclude paths.`,
        fileStartRange(first.path),
      ),
    );
    return files.slice(0, this.limits.maxFiles);
  }

  /** The text of a discovered file, or undefined when a limit or its encoding keeps it out. */
  text(file: DiscoveredFile): string | undefined {
    return this.read(
      file.path,
      () => statSync(file.absolutePath).size,
      () => readFileSync(file.absolutePath),
      file.kind === "terraform" || file.explicit !== undefined,
    );
  }

  /**
   * The text of a file a scanned file points at, by root-relative path; undefined
   * when it is missing, outside the root (`src/discover/read.ts`) or over a limit.
   */
  readRelative(relPath: string): string | undefined {
    const found = locateInsideRoot(this.root, relPath);
    if (found === undefined) return undefined;
    const path = relPath.replace(/\\/g, "/");
    return this.read(
      path,
      () => found.size,
      () => readFileSync(found.real),
      kindOf(path) === "terraform",
    );
  }

  /** `mustBeText`: a file that is not UTF-8 is an SMBT000 error whatever it holds (a Terraform file, a file named by the user). */
  private read(path: string, size: () => number, bytes: () => Buffer, mustBeText: boolean): string | undefined {
    if (this.texts.has(path)) return this.texts.get(path);
    const text = this.readOnce(path, size, bytes, mustBeText);
    this.texts.set(path, text);
    return text;
  }

  private readOnce(path: string, size: () => number, bytes: () => Buffer, mustBeText: boolean): string | undefined {
    let length: number;
    try {
      length = size();
    } catch {
      return undefined;
    }
    if (length > this.limits.maxFileBytes) {
      this.findings.push(
        scanIncomplete(
          `${path} was not scanned: it is ${formatBytes(length)}, above the ${LIMIT_NAMES.maxFileBytes} limit of ${formatBytes(this.limits.maxFileBytes)}; ${raiseHint(LIMIT_NAMES.maxFileBytes)}.`,
          fileStartRange(path),
        ),
      );
      return undefined;
    }
    if (this.totalBytes + length > this.limits.maxTotalBytes) {
      this.findings.push(
        scanIncomplete(
          `${path} was not scanned: reading it would pass the ${LIMIT_NAMES.maxTotalBytes} limit of ${formatBytes(this.limits.maxTotalBytes)} read in one scan; ${raiseHint(LIMIT_NAMES.maxTotalBytes)}.`,
          fileStartRange(path),
        ),
      );
      return undefined;
    }
    let buffer: Buffer;
    try {
      buffer = bytes();
    } catch {
      return undefined;
    }
    this.totalBytes += buffer.length;
    const utf16 = utf16Encoding(buffer);
    const text = utf16 ? { badByte: 0 } : decodeUtf8(buffer);
    if (typeof text === "string") return text;
    // The first bad byte, as a position in the text before it.
    const before = new TextDecoder("utf-8").decode(buffer.subarray(0, text.badByte));
    const starts = lineStarts(before);
    const start = { ...positionAt(starts, before.length), offset: before.length };
    const range: SourceRange = {
      file: path,
      start,
      end: { ...start, column: start.column + 1, offset: start.offset + 1 },
    };
    const lenient = new TextDecoder(utf16 ?? "utf-8").decode(buffer);
    if (mustBeText || mayBeTemplate(lenient))
      this.diagnostics.push({
        severity: "error",
        summary: utf16 ? "Not UTF-8" : "Invalid UTF-8",
        detail: utf16
          ? `The file is ${utf16.toUpperCase()} text; Terraform, CloudFormation and cfn-lint read only UTF-8. Save it as UTF-8.`
          : "The file is not valid UTF-8 text; Terraform, CloudFormation and cfn-lint read only UTF-8.",
        range,
      });
    else
      this.findings.push({
        ruleId: "SMBT017",
        level: "note",
        message: `${path} is not valid UTF-8 text; it was not scanned.`,
        range,
      });
    return undefined;
  }
}

/**
 * `utf-16le` or `utf-16be` when the bytes are UTF-16 text: a byte-order mark, or
 * (without one) text whose first two characters are ASCII with a zero byte each.
 * Such bytes may be valid UTF-8 (zero bytes are), so this is asked first.
 */
export function utf16Encoding(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes.length < 4) return undefined;
  if (bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return "utf-16le";
  if (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return "utf-16be";
  return undefined;
}

/** The text, or the offset of the first byte that is not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | { badByte: number } {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Find the first bad byte: the longest prefix that decodes (binary search on a prefix property is not valid for UTF-8, so scan).
    let i = 0;
    while (i < bytes.length) {
      const length = sequenceLength(bytes, i);
      if (length === 0) return { badByte: i };
      i += length;
    }
    return { badByte: bytes.length };
  }
}

/** The length of the valid UTF-8 sequence at `i`, or 0 when it is not one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= low && b <= high;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
