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
 * Returns the hash of every line, 1-based.
 */
export function lineHashes(text: string): Map<number, string> {
  const BLOCK_SIZE = 100;
  const MOD = 37n;
  const MASK = (1n << 64n) - 1n;
  let firstMod = 1n;
  for (let i = 0; i < BLOCK_SIZE; i++) firstMod = (firstMod * MOD) & MASK;

  const window = new Array<number>(BLOCK_SIZE).fill(0);
  const lineNumbers = new Array<number>(BLOCK_SIZE).fill(-1);
  const hashCounts = new Map<string, number>();
  const hashes = new Map<number, string>();
  let hash = 0n;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;

  const outputHash = () => {
    const hex = hash.toString(16);
    const count = (hashCounts.get(hex) ?? 0) + 1;
    hashCounts.set(hex, count);
    hashes.set(lineNumbers[index]!, `${hex}:${count}`);
    lineNumbers[index] = -1;
  };
  const updateHash = (current: number) => {
    const begin = window[index]!;
    window[index] = current;
    hash = (MOD * hash + BigInt(current) - firstMod * BigInt(begin)) & MASK;
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

  for (let i = 0; i < text.length; i++) processCharacter(text.charCodeAt(i));
  processCharacter(65535); // end of file
  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineNumbers[index] !== -1) outputHash();
    updateHash(0);
  }
  return hashes;
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
