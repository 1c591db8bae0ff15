/**
 * Random HCL expressions, mostly well formed, with whitespace, newlines and
 * comments in random places, and every expression form nested at random:
 * the differential tests' fuzzer. Unlike `gen-tf.mjs` it writes nonsense
 * (`-true`, `for k, v in 1`) on purpose, to find where our parser or renderer
 * and the oracle disagree. Deterministic for a seed.
 *
 *   generateExpressionFiles({ seed, count }) -> [{ path, text }]
 */
import { createRng } from "./gen-tf.mjs";

export function generateExpressionFiles({ seed = 1, count = 100 } = {}) {
  const rng = createRng(seed);
  const ws = () => rng.pick(["", " ", "  ", "\n", " # c\n", "/* c */", "\t"]);
  const leaf = () => rng.pick(["1", "x", '"s"', "true", "null", "a.b", "1.5e2", "-3", "a-b"]);
  const list = (n, item, sep) => Array.from({ length: n }, item).join(sep);
  const strip = () => rng.pick(["", "~"]);
  function expr(d) {
    if (d > 4) return leaf();
    switch (rng.int(16)) {
      case 0:
        return `[${ws()}${list(rng.int(4), () => expr(d + 1), `,${ws()}`)}${rng.chance(0.3) ? "," : ""}${ws()}]`;
      case 1:
        return (
          "{" +
          rng.pick(["\n", " "]) +
          list(
            rng.int(3),
            (_, i) => rng.pick([`k${i}`, `"q${i}"`, `(k${i})`]) + rng.pick([" = ", ": ", "="]) + expr(d + 1),
            rng.pick([",", "\n", ", "]),
          ) +
          rng.pick(["\n", " ", ",\n"]) +
          "}"
        );
      case 2:
        return `f(${ws()}${list(rng.int(3), () => expr(d + 1), `,${ws()}`)}${rng.chance(0.2) ? "..." : ""}${ws()})`;
      case 3:
        return (
          expr(d + 1) +
          rng.pick([" + ", " - ", "*", " / ", " % ", " == ", " != ", " < ", " >= ", " && ", " || "]) +
          expr(d + 1)
        );
      case 4:
        return rng.pick(["-", "!"]) + expr(d + 1);
      case 5:
        return `${expr(d + 1)} ? ${expr(d + 1)} : ${expr(d + 1)}`;
      case 6:
        return `(${ws()}${expr(d + 1)}${ws()})`;
      case 7:
        return (
          "[for " +
          rng.pick(["v", "k, v"]) +
          " in " +
          expr(d + 1) +
          " : " +
          expr(d + 1) +
          (rng.chance(0.4) ? ` if ${expr(d + 1)}` : "") +
          "]"
        );
      case 8:
        return (
          "{for " +
          rng.pick(["v", "k, v"]) +
          " in " +
          expr(d + 1) +
          " : " +
          expr(d + 1) +
          " => " +
          expr(d + 1) +
          (rng.chance(0.3) ? "..." : "") +
          (rng.chance(0.4) ? ` if ${expr(d + 1)}` : "") +
          "}"
        );
      case 9:
        return (
          '"' +
          rng.pick(["a", "", " b ", "\\n", "$${x}", "%%{y}", "\\u00e9"]) +
          rng.pick([
            `\${${strip()}${ws()}${expr(d + 1)}${ws()}${strip()}}`,
            `%{ if ${expr(d + 1)} }t%{ else }e%{ endif }`,
            `%{${strip()} for v in ${expr(d + 1)} ${strip()}}\${v} %{ endfor }`,
            "",
          ]) +
          rng.pick(["", " z", '\\"']) +
          '"'
        );
      case 10:
        return (
          "x" +
          rng.pick([".a", "[0]", '["k"]', ".0", "[*].b", ".*.c", `[${expr(d + 1)}]`, ""]) +
          rng.pick([".d", "[1]", ""])
        );
      case 11:
        return (
          "<<" +
          rng.pick(["", "-"]) +
          "EOT\n" +
          rng.pick(["  ", "    ", "\t", ""]) +
          "line ${" +
          expr(d + 1).replaceAll("\n", " ") +
          "}\n" +
          rng.pick(["    ", "  ", ""]) +
          "two\n" +
          rng.pick(["  ", ""]) +
          "EOT\n"
        );
      case 12:
        return `provider::p::${rng.pick(["f", "g"])}(${expr(d + 1)})`;
      default:
        return leaf();
    }
  }
  const files = [];
  for (let n = 0; n < count; n++) {
    const text = `v = ${expr(0)}\n${rng.chance(0.3) ? `w = ${expr(2)}\n` : ""}`;
    files.push({ path: `expr-${seed}-${n}.tf`, text });
  }
  return files;
}
