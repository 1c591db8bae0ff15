/**
 * The heredoc rules of hashicorp/hcl's scanner (`hclsyntax/scan_tokens.rl`),
 * each checked against `@cdktf/hcl2json` and with our exact value or
 * diagnostic: a closing marker line is compared after trimming Unicode white
 * space on both sides (Go's `bytes.TrimSpace`); the opener must end its line;
 * a marker that ends the file closes nothing; a lone CR is no line break.
 */
import { describe, expect, it } from "vitest";
import { parseHcl } from "../../src/hcl/parser.js";
import { oracle, ours } from "./oracle.js";

const closes: [string, string, string][] = [
  ["trailing spaces", "a = <<EOT\nx\nEOT  \n", "x\n"],
  ["leading spaces", "a = <<EOT\nx\n  EOT\n", "x\n"],
  ["a trailing tab", "a = <<EOT\nx\nEOT\t\n", "x\n"],
  ["a trailing no-break space", "a = <<EOT\nx\nEOT\u00a0\n", "x\n"],
  ["a leading next-line character", "a = <<EOT\nx\n\u0085EOT\n", "x\n"],
  ["ideographic spaces in an indented heredoc", "a = <<-EOT\n  x\n\u3000EOT\u3000\n", "x\n"],
  ["a trailing vertical tab", "a = <<EOT\nx\nEOT\u000b\n", "x\n"],
  ["trailing spaces before CRLF", "a = <<EOT\r\nx\r\nEOT \r\n", "x\r\n"],
];

const staysOpen: [string, string, string][] = [
  // Not white space for Go: the line is content, the next EOT closes.
  ["a zero-width space", "a = <<EOT\nx\nEOT\u200b\nEOT\n", "x\nEOT\u200b\n"],
  ["a byte-order mark", "a = <<EOT\nx\nEOT\ufeff\nEOT\n", "x\nEOT\ufeff\n"],
];

describe("heredoc closing markers as hashicorp/hcl reads them", () => {
  it.each(closes)("a marker with %s closes the heredoc", async (_name, text, value) => {
    expect(await oracle("a.tf", text)).toEqual({ ok: true, value: { a: value } });
    expect(ours("a.tf", text)).toEqual({ ok: true, value: { a: value } });
    expect(parseHcl(text, "a.tf").diagnostics).toEqual([]);
  });

  it.each(staysOpen)("a marker followed by %s does not close it", async (_name, text, value) => {
    expect(await oracle("a.tf", text)).toEqual({ ok: true, value: { a: value } });
    expect(ours("a.tf", text)).toEqual({ ok: true, value: { a: value } });
  });

  it("a marker at the end of the file, with no newline, does not close the heredoc", async () => {
    const text = "a = <<EOT\nx\nEOT";
    expect((await oracle("a.tf", text)).ok).toBe(false);
    expect(parseHcl(text, "a.tf").diagnostics.map((d) => [d.summary, d.subject])).toEqual([
      ["Unterminated template string", { start: 4, end: 9 }],
    ]);
  });

  it("an opener followed by a space is no heredoc", async () => {
    const text = "a = <<EOT \nx\nEOT\n";
    expect((await oracle("a.tf", text)).ok).toBe(false);
    expect(parseHcl(text, "a.tf").diagnostics[0]?.subject).toEqual({ start: 4, end: 5 });
  });

  it("a CR before the white space after a marker keeps the line open", async () => {
    const text = "a = <<EOT\nx\nEOT\r \nEOT\n";
    expect((await oracle("a.tf", text)).ok).toBe(false);
    expect(parseHcl(text, "a.tf").diagnostics.map((d) => [d.summary, d.subject])).toEqual([
      ["Invalid character", { start: 15, end: 16 }],
    ]);
  });

  it("a lone CR is no line break", async () => {
    const text = "a = 1\rb = 2\r";
    expect((await oracle("a.tf", text)).ok).toBe(false);
    expect(parseHcl(text, "a.tf").diagnostics.map((d) => [d.summary, d.subject])).toEqual([
      ["Missing newline after argument", { start: 5, end: 6 }],
    ]);
  });
});
