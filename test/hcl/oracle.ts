/**
 * The differential-test oracle: `@cdktf/hcl2json` (hashicorp/hcl + tmccombs
 * hcl2json compiled to WASM), and the comparison of its output with ours.
 */
import { parse as oracleParse } from "@cdktf/hcl2json";
import { isDeepStrictEqual } from "node:util";
import { renderHcl2Json } from "../../src/hcl/hcl2json.js";
import { parseHcl } from "../../src/hcl/parser.js";

export type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

export async function oracle(path: string, text: string): Promise<Outcome> {
  try {
    return { ok: true, value: await oracleParse(path, text) };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

export function ours(path: string, text: string): Outcome {
  return renderHcl2Json(parseHcl(text, path), text);
}

/** Same outcome: equal values, or both errors (errors compared by presence only). */
export function sameOutcome(a: Outcome, b: Outcome): boolean {
  if (a.ok !== b.ok) return false;
  return !a.ok || (b.ok && isDeepStrictEqual(a.value, b.value));
}

/** A readable account of a mismatch for the failure message. */
export function describeMismatch(path: string, theirs: Outcome, mine: Outcome): string {
  const show = (o: Outcome) => (o.ok ? JSON.stringify(o.value).slice(0, 2000) : `error: ${o.error.slice(0, 500)}`);
  return `${path}\n  oracle: ${show(theirs)}\n  ours:   ${show(mine)}`;
}
