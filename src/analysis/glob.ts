/**
 * IAM-style wildcard matching (`*` = any run of characters, `?` = any one
 * character), used for actions, resources, principals and condition values.
 *
 * AWS: "You can use wildcard characters (* and ?) within any ARN segment"
 * (IAM User Guide, "IAM JSON policy elements: Resource") and in action names
 * (…: Action). Action names are case-insensitive, ARNs are case-sensitive
 * (IAM User Guide, "IAM JSON policy elements: Action" / "Resource").
 *
 * Both matchers run in O(|pattern| × |subject|) with no backtracking blow-up:
 * scanned files must not be able to make matching slow (DESIGN.md, limits).
 */

/** Longest pattern or subject we compare; longer inputs answer "maybe" (a counted limit, not a timer). */
export const GLOB_MAX_LENGTH = 4096;

export type GlobAnswer = "yes" | "no" | "maybe";

const hasWildcard = (text: string): boolean => text.includes("*") || text.includes("?");

/**
 * Does `pattern` match every string that `subject` stands for? A subject with
 * no wildcards stands for itself (ordinary matching). A subject with wildcards
 * (e.g. asking about `arn:aws:s3:::packages.*.amazonaws.com/*`) is covered when
 * each of its wildcards falls inside a pattern `*`, or a subject `?` under a
 * pattern `?`.
 */
export function globCovers(pattern: string, subject: string, caseInsensitive = false): GlobAnswer {
  if (pattern.length > GLOB_MAX_LENGTH || subject.length > GLOB_MAX_LENGTH) return "maybe";
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const s = caseInsensitive ? subject.toLowerCase() : subject;
  // The classic greedy wildcard algorithm with a single-character predicate:
  // a pattern `?` covers any single subject character except a subject `*`
  // (which may stand for zero or many characters).
  const singleCovers = (pc: string, sc: string): boolean =>
    pc === "?" ? sc !== "*" : pc === sc && sc !== "*" && sc !== "?";
  let pi = 0;
  let si = 0;
  let starPi = -1;
  let starSi = 0;
  while (si < s.length) {
    const pc = p[pi];
    const sc = s[si] as string;
    if (pc !== undefined && pc !== "*" && singleCovers(pc, sc)) {
      pi++;
      si++;
    } else if (pc === "*") {
      starPi = pi++;
      starSi = si;
    } else if (starPi >= 0) {
      pi = starPi + 1;
      si = ++starSi;
    } else {
      return "no";
    }
  }
  while (p[pi] === "*") pi++;
  return pi === p.length ? "yes" : "no";
}

/**
 * Does `pattern` match the string `text`, every character of which is literal
 * (a `*` in `text` is just a star)? The same greedy walk as `globCovers`.
 */
export function globMatches(pattern: string, text: string, caseInsensitive = false): GlobAnswer {
  if (pattern.length > GLOB_MAX_LENGTH || text.length > GLOB_MAX_LENGTH) return "maybe";
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const s = caseInsensitive ? text.toLowerCase() : text;
  let pi = 0;
  let si = 0;
  let starPi = -1;
  let starSi = 0;
  while (si < s.length) {
    const pc = p[pi];
    if (pc !== undefined && pc !== "*" && (pc === "?" || pc === s[si])) {
      pi++;
      si++;
    } else if (pc === "*") {
      starPi = pi++;
      starSi = si;
    } else if (starPi >= 0) {
      pi = starPi + 1;
      si = ++starSi;
    } else {
      return "no";
    }
  }
  while (p[pi] === "*") pi++;
  return pi === p.length ? "yes" : "no";
}

/**
 * Is there at least one string that both `a` and `b` match? (Two globs
 * intersect.) A dynamic-programming walk over positions of both patterns.
 */
export function globsOverlap(a: string, b: string, caseInsensitive = false): GlobAnswer {
  if (a.length > GLOB_MAX_LENGTH || b.length > GLOB_MAX_LENGTH) return "maybe";
  const x = caseInsensitive ? a.toLowerCase() : a;
  const y = caseInsensitive ? b.toLowerCase() : b;
  if (!hasWildcard(x) && !hasWildcard(y)) return x === y ? "yes" : "no";
  const width = y.length + 1;
  const seen = scratch((x.length + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number): void => {
    const key = i * width + j;
    if (!seen[key]) {
      seen[key] = 1;
      stack.push(key);
    }
  };
  while (stack.length > 0) {
    const key = stack.pop() as number;
    const i = Math.floor(key / width);
    const j = key % width;
    if (i === x.length && j === y.length) return "yes";
    const xc = x[i];
    const yc = y[j];
    // A `*` may stand for nothing, or absorb one character of the other side.
    if (xc === "*") {
      push(i + 1, j);
      if (j < y.length) push(i, j + 1);
    }
    if (yc === "*") {
      push(i, j + 1);
      if (i < x.length) push(i + 1, j);
    }
    if (xc !== undefined && yc !== undefined && xc !== "*" && yc !== "*" && (xc === "?" || yc === "?" || xc === yc)) {
      push(i + 1, j + 1);
    }
  }
  return "no";
}

/**
 * A zeroed table of `size` bytes for `globsOverlap`: one buffer reused for the
 * common sizes (ARN against ARN: a few KB). A typed array's bytes live outside
 * the JavaScript heap, and V8 answers that much "external memory" allocated
 * with full garbage collections: one new table per call made policy rules
 * trigger a full collection every few thousand calls, each marking the whole
 * heap, so their cost grew with the square of the repository (issue 8).
 */
let scratchTable = new Uint8Array(0);
const SCRATCH_MAX = 1 << 16;

function scratch(size: number): Uint8Array {
  if (size > SCRATCH_MAX) return new Uint8Array(size);
  if (scratchTable.length < size) scratchTable = new Uint8Array(Math.max(size, 4096));
  scratchTable.fill(0, 0, size);
  return scratchTable;
}

export { hasWildcard };
