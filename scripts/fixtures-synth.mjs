// Synthesizes the apps under fixtures/apps/ (aws-cdk-lib, cdktf + @cdktf/provider-aws) with the exact
// versions its own package.json and lockfile pin, and writes their output under fixtures/synth/.
// The apps' packages (about 600 MB) stay out of the project's own dependencies: this script installs
// them into fixtures/apps/node_modules with `npm ci`.
//
//   node scripts/fixtures-synth.mjs           install, synthesize, write fixtures/synth/
//   node scripts/fixtures-synth.mjs --check   install, synthesize, exit 1 if fixtures/synth/ differs
//   --no-install                              use fixtures/apps/node_modules as it is
//
// Synthesis is byte-stable (checked by synthesizing twice); the files kept are the ones that do not
// hold paths of the machine that ran it (CDK's *.metadata.json and validation-report.json do).
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const apps = path.join(root, "fixtures/apps");
const synthRoot = path.join(root, "fixtures/synth");
const check = process.argv.includes("--check");
const install = !process.argv.includes("--no-install");

/** Each app: its entry, the folder its output goes to (the tool's own folder name), and the files kept. */
const APPS = [
  {
    name: "cdk",
    entry: "cdk/app.mjs",
    out: "cdk/cdk.out",
    keep: (file) => file === "cdk.out" || file === "manifest.json" || /\.(template|assets)\.json$/.test(file),
  },
  {
    name: "cdktf",
    entry: "cdktf/app.mjs",
    out: "cdktf/cdktf.out",
    keep: (file) => file === "manifest.json" || file.endsWith("/cdk.tf.json"),
  },
];

if (install) {
  execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: apps, stdio: "inherit" });
}

const work = mkdtempSync(path.join(tmpdir(), "fixtures-synth-"));
const stale = [];
try {
  for (const app of APPS) {
    const raw = path.join(work, `${app.name}-raw`);
    // No credentials and no AWS configuration reach the apps: they set their own account and region.
    const env = { PATH: process.env.PATH, HOME: work, CDK_DISABLE_VERSION_CHECK: "1", CHECKPOINT_DISABLE: "1" };
    execFileSync(process.execPath, [path.join(apps, app.entry), raw], { cwd: apps, env, stdio: "inherit" });
    const kept = path.join(work, app.name);
    for (const file of listFiles(raw)) {
      if (!app.keep(file)) continue;
      mkdirSync(path.dirname(path.join(kept, file)), { recursive: true });
      cpSync(path.join(raw, file), path.join(kept, file));
    }
    const target = path.join(synthRoot, app.out);
    if (check) {
      const differs = compare(kept, target);
      if (differs.length > 0) stale.push(...differs.map((d) => `fixtures/synth/${app.out}/${d}`));
    } else {
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      cpSync(kept, target, { recursive: true });
      console.log(`wrote fixtures/synth/${app.out} (${listFiles(kept).length} files)`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (stale.length > 0) {
  console.error(`The committed synthesized output is not what the apps synthesize:\n  ${stale.join("\n  ")}`);
  console.error("Run npm run fixtures:synth and commit fixtures/synth/.");
  process.exit(1);
}
if (check) console.log("fixtures/synth/ is what the apps synthesize.");

function listFiles(folder, prefix = "") {
  const out = [];
  for (const name of readdirSync(folder).sort()) {
    const full = path.join(folder, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) out.push(...listFiles(full, rel));
    else out.push(rel);
  }
  return out;
}

/** Files that differ, are missing, or are extra in `actual` against `expected`. */
function compare(expected, actual) {
  const want = listFiles(expected);
  let have = [];
  try {
    have = listFiles(actual);
  } catch {
    return want.map((f) => `${f} (missing)`);
  }
  const out = [];
  for (const file of want) {
    if (!have.includes(file)) out.push(`${file} (missing)`);
    else if (!readFileSync(path.join(expected, file)).equals(readFileSync(path.join(actual, file)))) out.push(file);
  }
  for (const file of have) if (!want.includes(file)) out.push(`${file} (not synthesized)`);
  return out;
}
