#!/usr/bin/env node
/**
 * `node bench/iam-data-load.mjs [RUNS]` (default 9): the first-use cost of the IAM data
 * (`dist/iam-data.json`, written by `npm run build`). Each run is a fresh Node process that
 * imports the managed-policy and action-catalog modules (bundled once, beside the sources'
 * `node_modules/.cache`), then times its first lookups: reading and parsing the file, and
 * building the name indices. Prints the median and range in milliseconds, as JSON.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleForNode } from "../scripts/bundle-node.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.argv[2] ?? 9);
if (!existsSync(path.join(root, "dist/iam-data.json"))) {
  console.error("dist/iam-data.json is missing: run npm run build first");
  process.exit(2);
}

const cache = path.join(root, "node_modules/.cache/sagemaker-vpc-guard");
mkdirSync(cache, { recursive: true });
const entry = path.join(cache, "iam-data-load-entry.ts");
writeFileSync(
  entry,
  `import { lookupManagedPolicy } from ${JSON.stringify(path.join(root, "src/analysis/managed-policies.ts"))};
import { checkAction } from ${JSON.stringify(path.join(root, "src/analysis/action-catalog.ts"))};
const start = performance.now();
const policy = lookupManagedPolicy("arn:aws:iam::aws:policy/AmazonSageMakerFullAccess");
const managedPolicies = performance.now() - start;
const typo = checkAction("ec2:CreateNetworkInterfaces");
const total = performance.now() - start;
if (!policy.found || typo.kind !== "no-such-action") throw new Error("the data did not answer");
process.stdout.write(JSON.stringify({ managedPolicies, total }));
`,
);
const bundle = await bundleForNode(entry, path.join(cache, "iam-data-load.mjs"));

const samples = [];
for (let i = 0; i < runs; i++)
  samples.push(JSON.parse(execFileSync(process.execPath, [fileURLToPath(bundle)], { encoding: "utf8" })));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const summary = (key) => {
  const values = samples.map((s) => s[key]);
  return {
    medianMs: Number(median(values).toFixed(1)),
    minMs: Number(Math.min(...values).toFixed(1)),
    maxMs: Number(Math.max(...values).toFixed(1)),
  };
};
process.stdout.write(
  `${JSON.stringify({ node: process.version, runs, firstManagedPolicyLookup: summary("managedPolicies"), firstLookupsTotal: summary("total") }, null, 2)}\n`,
);
