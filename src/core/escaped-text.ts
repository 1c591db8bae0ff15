/**
 * Where the characters of a string are in the source text that writes it
 * with escapes: a JSON string (`"{\\"StartAt\\": …}"`, what CDK and cdktf
 * write), a YAML double- or single-quoted scalar, an HCL quoted template.
 * Shared by the stages that place parts of decoded strings exactly (a
 * `.tf.json` template, a definition inside a CloudFormation string).
 */

/** Characters a backslash escape stands for in JSON strings. */
export const JSON_SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** The same, as YAML double-quoted and HCL quoted strings also write them (`\0` too). */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { ...JSON_SIMPLE_ESCAPES, "0": "\0" };

/** The text one escape at `i` of `source` stands for, and its length there; undefined if none is there. */
function escapeAt(source: string, i: number): { text: string; length: number } | undefined {
  const c = source[i + 1];
  if (c === undefined) return undefined;
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) return { text: simple, length: 2 };
  if (c === "u" && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6)))
    return { text: String.fromCharCode(Number.parseInt(source.slice(i + 2, i + 6), 16)), length: 6 };
  return undefined;
}

/**
 * For a string written in `slice` with escapes — a JSON string (`"{\"StartAt\": …}"`,
 * what CDK and cdktf write), a YAML double- or single-quoted scalar, an HCL
 * quoted template (`$${` for `${`) — the offset in `slice` of each of its
 * characters (and one past the last), or undefined when the string is not
 * written there that way. Linear: one pass per candidate start (the slice's
 * start, after an opening quote).
 */
export function escapedOffsets(value: string, slice: string): Int32Array | undefined {
  for (const start of [0, 1]) {
    const map = alignEscaped(value, slice, start);
    if (map) return map;
  }
  return undefined;
}

function alignEscaped(value: string, slice: string, start: number): Int32Array | undefined {
  const map = new Int32Array(value.length + 1);
  let i = start;
  let j = 0;
  while (j < value.length) {
    if (i >= slice.length) return undefined;
    const s = slice[i]!;
    if (s === "\\") {
      const sequence = escapeAt(slice, i);
      if (sequence && value.startsWith(sequence.text, j)) {
        map[j] = i;
        i += sequence.length;
        j += 1;
        continue;
      }
    }
    if (s === value[j]) {
      // HCL writes `${` and `%{` of literal text as `$${` and `%%{`.
      if ((s === "$" || s === "%") && slice[i + 1] === s && slice[i + 2] === "{" && value[j + 1] === "{") {
        map[j] = i;
        map[j + 1] = i + 2;
        i += 3;
        j += 2;
        continue;
      }
      map[j] = i;
      i += s === "'" && slice[i + 1] === "'" ? 2 : 1; // YAML single-quoted: '' is '
      j += 1;
      continue;
    }
    return undefined;
  }
  map[value.length] = i;
  return map;
}
