/** The rule docs are generated from the rule files, checked in, and linked from the README. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ruleDocs } from "../../scripts/rule-docs.js";
import { RULES } from "../../rules/index.js";
import { readmeRulesIndex } from "../../src/report/rule-doc.js";
import { PROJECT_ROOT } from "../helpers/scan.js";

const DOCS = path.join(PROJECT_ROOT, "docs/rules");

describe("rule docs", () => {
  it("are up to date with the rule files (run npm run build)", () => {
    const expected = ruleDocs();
    expect(readdirSync(DOCS).sort()).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect(readFileSync(path.join(DOCS, name), "utf8"), name).toBe(text);
  });

  it("are all linked from the README's rules index, which is up to date", () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    expect(readme).toContain(readmeRulesIndex(RULES));
    for (const rule of RULES) expect(readme, rule.id).toContain(`| [${rule.id}](docs/rules/${rule.id}.md) |`);
  });

  it("document every action input and output in the README", () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, "README.md"), "utf8");
    const action = readFileSync(path.join(PROJECT_ROOT, "action.yml"), "utf8");
    const section = (name: string) => action.split(`\n${name}:\n`)[1]!.split(/\n\S/)[0]!;
    const names = (text: string) => [...text.matchAll(/^ {2}([\w-]+):$/gm)].map((m) => m[1]!);
    expect(names(section("inputs")).length).toBeGreaterThanOrEqual(20);
    for (const input of names(section("inputs"))) expect(readme, input).toContain(`| \`${input}\` |`);
    for (const output of names(section("outputs"))) expect(readme, output).toContain(`| \`${output}\` |`);
  });
});
