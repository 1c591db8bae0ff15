/**
 * Test-run setup (vitest `globalSetup`): the IAM evaluator reads `dist/iam-data.json`
 * (src/analysis/iam-data.ts), which `npm run build` writes. When it is missing or was compacted
 * from other package versions than the installed ones, write it here — the same deterministic
 * bytes the build writes — so that running one test file without a build tests today's data.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { IAM_DATA_FILE, IAM_DATA_FORMAT, installedVersions, writeIamData } from "../scripts/iam-data.mjs";

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist", IAM_DATA_FILE);

function isCurrent(): boolean {
  try {
    const data = JSON.parse(readFileSync(file, "utf8"));
    const installed = installedVersions();
    return (
      data.format === IAM_DATA_FORMAT &&
      data.managedPolicies?.version === installed.managedPolicies &&
      data.actions?.version === installed.actions
    );
  } catch {
    return false;
  }
}

export default function setup(): void {
  if (!isCurrent()) writeIamData(file);
}
