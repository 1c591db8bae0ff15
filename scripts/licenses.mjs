// Writes dist/licenses.txt: every npm package whose code esbuild put into a bundle (read from
// the bundles' metafiles), and every package whose data the build derives files from, each
// with its version, licence and licence text. Generated on every build, so it cannot drift.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i;

/** The package a bundled input belongs to: the innermost `node_modules/<name>` (or `@scope/name`) folder. */
function packageDirOf(root, input) {
  const parts = input.split("/");
  const at = parts.lastIndexOf("node_modules");
  if (at < 0) return undefined;
  const depth = parts[at + 1]?.startsWith("@") ? 2 : 1;
  return path.join(root, ...parts.slice(0, at + 1 + depth));
}

function describe(dir, usedFor) {
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  const files = readdirSync(dir)
    .filter((name) => LICENCE_FILE.test(name))
    .sort();
  const texts = files.map((name) => readFileSync(path.join(dir, name), "utf8").trim());
  const licence = typeof manifest.license === "string" ? manifest.license : (manifest.license?.type ?? "UNKNOWN");
  return { name: manifest.name, version: manifest.version, licence, usedFor, texts, repository: manifest.repository };
}

/**
 * @param {string} root the project's root
 * @param {import("esbuild").Metafile[]} metafiles the bundles' metafiles
 * @param {{ name: string, usedFor: string }[]} dataSources packages the build derives data files from
 */
export function writeLicences(root, metafiles, dataSources) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const dir = packageDirOf(root, input);
      if (dir && existsSync(path.join(dir, "package.json"))) dirs.add(dir);
    }
  }
  // Two copies of one version (nested node_modules) are one entry.
  const byId = new Map([...dirs].map((dir) => describe(dir, "bundled code")).map((e) => [`${e.name}@${e.version}`, e]));
  const bundled = [...byId.values()];
  const derived = dataSources.map(({ name, usedFor }) => describe(path.join(root, "node_modules", name), usedFor));
  const entries = [...bundled, ...derived].sort(
    (a, b) => a.name.localeCompare(b.name) || a.usedFor.localeCompare(b.usedFor),
  );
  const missing = entries.filter((entry) => entry.texts.length === 0 && entry.licence === "UNKNOWN");
  if (missing.length > 0) throw new Error(`no licence found for ${missing.map((entry) => entry.name).join(", ")}`);

  const rule = "-".repeat(79);
  const sections = entries.map((entry) => {
    const source = typeof entry.repository === "string" ? entry.repository : entry.repository?.url;
    const head = [`${entry.name}@${entry.version} — ${entry.licence} — ${entry.usedFor}`];
    if (source) head.push(`source: ${source}`);
    const body =
      entry.texts.length > 0
        ? entry.texts.join("\n\n")
        : `(the package ships no licence file; package.json says ${entry.licence})`;
    return `${rule}\n${head.join("\n")}\n\n${body}\n`;
  });
  const preamble = `Third-party software and data in this distribution of sagemaker-vpc-guard.\n${bundled.length} bundled packages, ${derived.length} data sources.\n`;
  writeFileSync(path.join(root, "dist/licenses.txt"), `${preamble}\n${sections.join("\n")}`);
  return entries.length;
}
