#!/usr/bin/env node
/**
 * `node bench/differential.mjs [--cli dist/cli.js] [--out DIR] [--name NAME] FOLDER`:
 * our scan against independent oracles on a folder of real code (not part of
 * `npm test`; the folder is never copied into the project).
 *
 * - CloudFormation: `cfn-lint --format json` on every file that mentions a
 *   template's keys (`AWSTemplateFormatVersion`, or `Resources` with an
 *   `AWS::`/`Custom::`/`Alexa::` type) and on every file we report SMBT000 for.
 *   Listed: each file where one side reports a parse error (cfn-lint E0000,
 *   our SMBT000) and the other does not, and each SMBT018 error with no
 *   cfn-lint E3xxx error on the same resource.
 * - Terraform: `@cdktf/hcl2json` (hashicorp/hcl) on every `.tf`: each file where
 *   one side reports a parse error and the other does not.
 *
 * cfn-lint's results are cached in DIR (they do not depend on our build), so a
 * before/after comparison lints once. Writes DIR/NAME.json and prints counts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { parse as hcl2json } from "@cdktf/hcl2json";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const cli = path.resolve(option("--cli", path.join(projectRoot, "dist/cli.js")));
const out = path.resolve(option("--out", "/tmp/diff-results"));
const givenName = option("--name", undefined);
const folder = path.resolve(args[0] ?? ".");
const name = givenName ?? path.basename(folder);
mkdirSync(out, { recursive: true });

const TEMPLATE_EXTENSIONS = /\.(ya?ml|json|template)$/i;
const SKIPPED = new Set(["node_modules", ".git"]);

function walk(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (entry.isFile()) found.push(path.relative(folder, full).split(path.sep).join("/"));
  }
  return found;
}

const mentionsTemplate = (text) =>
  text.includes("AWSTemplateFormatVersion") || (text.includes("Resources") && /\b(AWS|Custom|Alexa)::/.test(text));

// Our scan.
const started = process.hrtime.bigint();
const scanRun = spawnSync(
  process.execPath,
  [cli, "scan", "--format", "json", "--fail-on", "never", "--root", folder, folder],
  { encoding: "utf8", maxBuffer: 1 << 30 },
);
const scanSeconds = Number(process.hrtime.bigint() - started) / 1e9;
if (scanRun.status !== 0) {
  console.error(scanRun.stderr);
  process.exit(2);
}
const report = JSON.parse(scanRun.stdout);
const ours = new Map(); // file → { parse: Finding[], schema: Finding[] }
for (const finding of report.findings) {
  if (finding.level !== "error" || (finding.ruleId !== "SMBT000" && finding.ruleId !== "SMBT018")) continue;
  const entry = ours.get(finding.file) ?? { parse: [], schema: [] };
  (finding.ruleId === "SMBT000" ? entry.parse : entry.schema).push(finding);
  ours.set(finding.file, entry);
}

const files = walk(folder);
const cfnCandidates = files.filter((file) => {
  if (/\.(tf|tofu|tfvars)(\.json)?$/.test(file)) return false;
  if (ours.get(file)?.parse.length) return true;
  if (!TEMPLATE_EXTENSIONS.test(file)) return false;
  return mentionsTemplate(readFileSync(path.join(folder, file), "latin1"));
});

// cfn-lint, cached by path, size and modification time.
const cachePath = path.join(out, `${name}.cfn-lint-cache.json`);
const cache = existsSync(cachePath) ? JSON.parse(readFileSync(cachePath, "utf8")) : {};
const stamp = (file) => {
  const stat = statSync(path.join(folder, file));
  return `${stat.size}:${stat.mtimeMs}`;
};
const toLint = cfnCandidates.filter((file) => cache[file]?.stamp !== stamp(file));
for (let i = 0; i < toLint.length; i += 50) {
  const batch = toLint.slice(i, i + 50);
  const run = spawnSync("cfn-lint", ["--format", "json", "--", ...batch], {
    cwd: folder,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  let matches = [];
  try {
    matches = JSON.parse(run.stdout || "[]");
  } catch {
    console.error(`cfn-lint output not JSON for batch at ${batch[0]}: ${run.stderr.slice(0, 500)}`);
  }
  for (const file of batch) cache[file] = { stamp: stamp(file), matches: [] };
  for (const match of matches) {
    const file = path.relative(folder, path.resolve(folder, match.Filename)).split(path.sep).join("/");
    cache[file]?.matches.push({
      rule: match.Rule.Id,
      line: match.Location.Start.LineNumber,
      path: match.Location.Path ?? [],
      message: match.Message,
    });
  }
  writeFileSync(cachePath, JSON.stringify(cache));
  process.stderr.write(`cfn-lint ${Math.min(i + 50, toLint.length)}/${toLint.length}\r`);
}

/** The logical ID of the resource whose definition holds `line`, from the template's Resources keys. */
function resourceAt(file, line) {
  const doc = parseDocument(readFileSync(path.join(folder, file), "utf8"), {
    strict: false,
    uniqueKeys: false,
    logLevel: "silent",
  });
  const resources = doc.get("Resources", true);
  if (!resources?.items) return undefined;
  const text = readFileSync(path.join(folder, file), "utf8");
  const lineOf = (offset) => text.slice(0, offset).split(/\r\n|\r|\n/).length;
  let best;
  for (const pair of resources.items) {
    const start = pair.key?.range?.[0];
    const end = pair.value?.range?.[2] ?? pair.value?.range?.[1];
    if (start === undefined || end === undefined) continue;
    if (lineOf(start) <= line && line <= lineOf(end)) best = String(pair.key.value);
  }
  return best;
}

const cfnParseOnlyOurs = [];
const cfnParseOnlyCfnLint = [];
const schemaUnconfirmed = [];
let schemaErrors = 0;
for (const file of cfnCandidates) {
  const lint = cache[file]?.matches ?? [];
  const lintParse = lint.filter((m) => m.rule === "E0000");
  const our = ours.get(file) ?? { parse: [], schema: [] };
  if (our.parse.length > 0 && lintParse.length === 0)
    cfnParseOnlyOurs.push({
      file,
      ours: our.parse.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`),
    });
  if (our.parse.length === 0 && lintParse.length > 0)
    cfnParseOnlyCfnLint.push({ file, cfnLint: lintParse.map((m) => `${m.line} ${m.message}`) });
  for (const finding of our.schema) {
    schemaErrors++;
    const logicalId = resourceAt(file, finding.range.start.line) ?? finding.resource;
    const confirmed = lint.some(
      (m) => /^E3\d{3}$/.test(m.rule) && m.path[0] === "Resources" && m.path[1] === logicalId,
    );
    if (!confirmed)
      schemaUnconfirmed.push({
        file,
        resource: logicalId,
        at: `${finding.range.start.line}:${finding.range.start.column}`,
        message: finding.message,
      });
  }
}

// Terraform: parse errors against hashicorp/hcl.
const tfParseOnlyOurs = [];
const tfParseOnlyOracle = [];
let tfFiles = 0;
for (const file of files.filter((f) => f.endsWith(".tf"))) {
  tfFiles++;
  const bytes = readFileSync(path.join(folder, file));
  let oracleError;
  try {
    await hcl2json(file, bytes.toString("utf8"));
  } catch (error) {
    oracleError = String(error?.message ?? error).split("\n")[0];
  }
  const our = ours.get(file)?.parse ?? [];
  if (our.length > 0 && oracleError === undefined)
    tfParseOnlyOurs.push({ file, ours: our.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`) });
  if (our.length === 0 && oracleError !== undefined) tfParseOnlyOracle.push({ file, oracle: oracleError });
}

const smbt000 = report.findings.filter((f) => f.ruleId === "SMBT000").length;
const result = {
  folder,
  cli,
  scanSeconds: Math.round(scanSeconds * 10) / 10,
  counts: {
    cloudFormationCandidates: cfnCandidates.length,
    terraformFiles: tfFiles,
    smbt000Findings: smbt000,
    cfnParseOnlyOurs: cfnParseOnlyOurs.length,
    cfnParseOnlyCfnLint: cfnParseOnlyCfnLint.length,
    smbt018Errors: schemaErrors,
    smbt018Unconfirmed: schemaUnconfirmed.length,
    tfParseOnlyOurs: tfParseOnlyOurs.length,
    tfParseOnlyOracle: tfParseOnlyOracle.length,
  },
  cfnParseOnlyOurs,
  cfnParseOnlyCfnLint,
  schemaUnconfirmed,
  tfParseOnlyOurs,
  tfParseOnlyOracle,
};
writeFileSync(path.join(out, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `${name}: ${JSON.stringify(result.counts)} (scan ${result.scanSeconds} s) → ${path.join(out, `${name}.json`)}`,
);
