// Prints the CHANGELOG.md section of one version (`## [X.Y.Z] …` up to the next `## `): the
// release workflow's notes. Exits 1 when the version has no section, so a tag cannot be
// released without its notes.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The body of `version`'s section in a Keep-a-Changelog text, or undefined. */
export function releaseNotes(changelog, version) {
  const lines = changelog.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
  if (start < 0) return undefined;
  const next = lines.findIndex((line, i) => i > start && line.startsWith("## "));
  return lines
    .slice(start + 1, next < 0 ? undefined : next)
    .join("\n")
    .trim();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const version = process.argv[2] ?? "";
  const changelog = readFileSync(new URL("../CHANGELOG.md", import.meta.url), "utf8");
  const notes = releaseNotes(changelog, version);
  if (notes === undefined) {
    process.stderr.write(`CHANGELOG.md has no section "## [${version}]"\n`);
    process.exit(1);
  }
  process.stdout.write(`${notes}\n`);
}
