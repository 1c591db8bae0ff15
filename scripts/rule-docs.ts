/** Writes each rule's Markdown help as `docs/rules/<id>.md`, and an index. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { RULES } from "../rules/index.js";
import { ruleDoc, rulesIndex, withReadmeRulesIndex } from "../src/report/rule-doc.js";

export function ruleDocs(): Map<string, string> {
  const docs = new Map<string, string>();
  for (const rule of RULES) docs.set(`${rule.id}.md`, ruleDoc(rule));
  docs.set("README.md", rulesIndex(RULES));
  return docs;
}

export function writeRuleDocs(folder: string): void {
  mkdirSync(folder, { recursive: true });
  const docs = ruleDocs();
  for (const name of readdirSync(folder)) if (!docs.has(name)) rmSync(path.join(folder, name));
  for (const [name, text] of docs) writeFileSync(path.join(folder, name), text);
  // The README's rules table lists the same rules (docs/rules/ sits two levels below the README).
  const readme = path.join(folder, "../../README.md");
  if (existsSync(readme)) {
    const text = readFileSync(readme, "utf8");
    const updated = withReadmeRulesIndex(text, RULES);
    if (updated !== text) writeFileSync(readme, updated);
  }
}
