/**
 * Fingerprints that let code scanning and baselines recognise a finding after
 * the file around it changes.
 */
import { createHash } from "node:crypto";
import type { Finding } from "../core/finding.js";

/**
 * GitHub's `primaryLocationLineHash`, computed as the upload action computes it:
 * a rolling hash over the 100 non-blank characters that start at each line
 * (spaces and tabs skipped, CR and CRLF read as LF), with `:<n>` counting repeats.
 * Returns the hash of every line, 1-based, or with `lines` of those lines only, stopping
 * after the last of them (a line's hash and its count depend only on what precedes the
 * 100 characters after its start, so stopping there changes none of them).
 *
 * The hash is arithmetic modulo 2^64, kept as two unsigned 32-bit halves: every product
 * is of a half by a factor below 2^16 (37, or a UTF-16 code unit), under 2^48 and so
 * exact in a double. No BigInt: it allocated once per character. Repeats are counted by
 * the halves, as numbers, and a line's text (`<hex>:<n>`) is built only for the lines
 * asked for: nothing is allocated per line but the counters' map entries.
 */
export function lineHashes(text: string, lines?: ReadonlySet<number>): Map<number, string> {
  let lastLine = Number.POSITIVE_INFINITY;
  if (lines) {
    lastLine = 0;
    for (const line of lines) if (line > lastLine) lastLine = line;
  }
  const BLOCK_SIZE = 100;
  const MOD = 37;
  let firstHi = 0;
  let firstLo = 1;
  for (let i = 0; i < BLOCK_SIZE; i++) [firstHi, firstLo] = times(firstHi, firstLo, MOD);

  const window = new Uint16Array(BLOCK_SIZE);
  const lineNumbers = new Float64Array(BLOCK_SIZE).fill(-1);
  // Repeats of each hash: by its low half, with the high half it was first seen with;
  // a hash whose low half came first with another high half (rare) is counted by its text.
  const countsByLow = new Map<number, number>();
  const highOfLow = new Map<number, number>();
  const countsByText = new Map<string, number>();
  const hashes = new Map<number, string>();
  let hashHi = 0;
  let hashLo = 0;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;
  let done = false;

  const hexOfHash = () =>
    hashHi === 0 ? hashLo.toString(16) : hashHi.toString(16) + hashLo.toString(16).padStart(8, "0");
  const outputHash = () => {
    let count: number;
    let hex: string | undefined;
    const high = highOfLow.get(hashLo);
    if (high === undefined || high === hashHi) {
      if (high === undefined) highOfLow.set(hashLo, hashHi);
      count = (countsByLow.get(hashLo) ?? 0) + 1;
      countsByLow.set(hashLo, count);
    } else {
      hex = hexOfHash();
      count = (countsByText.get(hex) ?? 0) + 1;
      countsByText.set(hex, count);
    }
    const line = lineNumbers[index]!;
    if (!lines || lines.has(line)) hashes.set(line, `${hex ?? hexOfHash()}:${count}`);
    lineNumbers[index] = -1;
    if (line >= lastLine) done = true;
  };
  const updateHash = (current: number) => {
    const begin = window[index]!;
    window[index] = current;
    // hash = 37 × hash + current − firstMod × begin  (mod 2^64)
    // Inline rather than through times(): no array per character.
    const aLow = hashLo * MOD;
    const bLow = firstLo * begin;
    const lo = (aLow >>> 0) + current - (bLow >>> 0);
    const aHi = hashHi * MOD + Math.floor(aLow / 0x1_0000_0000);
    const bHi = firstHi * begin + Math.floor(bLow / 0x1_0000_0000);
    hashLo = lo >>> 0;
    hashHi = (aHi - bHi + Math.floor(lo / 0x1_0000_0000)) >>> 0;
    index = (index + 1) % BLOCK_SIZE;
  };
  const processCharacter = (code: number) => {
    let current = code;
    if (current === 32 || current === 9 || (prevCR && current === 10)) {
      prevCR = false;
      return;
    }
    if (current === 13) {
      current = 10;
      prevCR = true;
    } else prevCR = false;
    if (lineNumbers[index] !== -1) outputHash();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (current === 10) lineStart = true;
    updateHash(current);
  };

  for (let i = 0; i < text.length && !done; i++) processCharacter(text.charCodeAt(i));
  if (done) return hashes;
  processCharacter(65535); // end of file
  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineNumbers[index] !== -1) outputHash();
    updateHash(0);
  }
  return hashes;
}

/** (hi·2^32 + lo) × factor mod 2^64, for a factor below 2^16, as [hi, lo]. */
function times(hi: number, lo: number, factor: number): [number, number] {
  const low = lo * factor;
  return [(hi * factor + Math.floor(low / 0x1_0000_0000)) >>> 0, low >>> 0];
}

/**
 * Our own stable fingerprint (`sagemakerVpcGuard/v1`): the rule, the file, the
 * resource, the text of the construct with whitespace collapsed and the
 * message (the fact: two findings of one rule on one construct say different
 * things) — not its line, so it survives lines added or removed elsewhere.
 */
export function findingFingerprint(finding: Finding, fileText: string | undefined): string {
  const construct =
    fileText?.slice(finding.range.start.offset, finding.range.end.offset).replace(/\s+/g, " ").trim() ?? "";
  return createHash("sha256")
    .update([finding.ruleId, finding.range.file, finding.resource ?? "", construct, finding.message].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}
