#!/usr/bin/env node
/**
 * `npm run bench:cfn-lint -- DIR [--runs N]`: the scan against cfn-lint on the same
 * CloudFormation templates, side by side in one run (issue 20's target: ≥ 40× faster).
 *
 * DIR is a checkout of a template collection (for instance AWS's
 * aws-cloudformation/aws-cloudformation-templates, extracted anywhere outside the project: its
 * files are measured, never copied here). The files are every `.yaml`, `.yml`, `.json` and
 * `.template` under DIR (not under `.git` or `node_modules`), in path order; both tools get the
 * same list:
 *
 *   cfn-lint --format json -- FILES
 *   node dist/cli.js scan FILES --root DIR --format sarif --output /dev/null
 *
 * Each is run N times (default 3), alternating, and the median wall time of each is printed with
 * the ratio, and the load average, since a busy machine slows both. Build first (`npm run build`);
 * `cfn-lint` must be on PATH.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const dir = args.find((a, i) => !a.startsWith("--") && (runsAt < 0 || i !== runsAt + 1));
if (dir === undefined || !Number.isInteger(runs) || runs < 1) {
  console.error("usage: npm run bench:cfn-lint -- DIR [--runs N]");
  process.exit(2);
}
const templatesDir = path.resolve(dir);

function templateFiles(folder) {
  const out = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === ".git" || entry.name === "node_modules") continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...templateFiles(full));
    else if (/\.(ya?ml|json|template)$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}
const files = templateFiles(templatesDir);

/** Wall milliseconds of one run; exit codes that mean "found problems" are expected. */
function timed(command, commandArgs) {
  const t0 = performance.now();
  const child = spawnSync(command, commandArgs, {
    cwd: templatesDir,
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t0;
  if (child.error) throw child.error;
  if (child.signal) throw new Error(`${command} was killed by ${child.signal}`);
  return ms;
}

const lint = [];
const scan = [];
for (let i = 0; i < runs; i++) {
  lint.push(timed("cfn-lint", ["--format", "json", "--", ...files]));
  scan.push(
    timed(process.execPath, [
      path.join(root, "dist/cli.js"),
      "scan",
      ...files,
      "--root",
      templatesDir,
      "--format",
      "sarif",
      "--output",
      "/dev/null",
    ]),
  );
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const lintMs = median(lint);
const scanMs = median(scan);
console.log(
  `${files.length} files; cfn-lint ${Math.round(lintMs)} ms, scan ${Math.round(scanMs)} ms (wall, median of ${runs}); ratio ${(lintMs / scanMs).toFixed(1)}x  [target >= 40x]; load ${os.loadavg()[0].toFixed(1)}`,
);
