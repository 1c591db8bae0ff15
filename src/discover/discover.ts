/**
 * Finds the files a scan reads, under one root that nothing escapes.
 *
 * `node_modules` and `.git` are skipped; `.terraform` and `cdk.out` are not
 * (later stages read downloaded modules and synthesized templates). `.gitignore`
 * is not consulted, since those folders are usually ignored. A symlink is
 * followed only when its target stays inside the root.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../core/errors.js";

export type FileKind = "cloudformation" | "terraform";

export interface DiscoveredFile {
  /** Relative to the root, with `/` separators. */
  path: string;
  absolutePath: string;
  /** What the file may be, from its name; its content decides. */
  kind: FileKind;
  /** Named on the command line (not found in a folder); `knownExtension` is false for a name no scanned file has (`README.md`). */
  explicit?: { knownExtension: boolean };
}

export interface Discovery {
  files: DiscoveredFile[];
  /** Things skipped for a reason the user should hear about. */
  notes: { path: string; message: string }[];
}

const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);
const CLOUDFORMATION_EXTENSIONS = [".yaml", ".yml", ".json", ".template"];
const TERRAFORM_EXTENSIONS = [".tf", ".tf.json", ".tofu", ".tofu.json", ".tfvars", ".tfvars.json"];

export function kindOf(name: string): FileKind | undefined {
  const lower = name.toLowerCase();
  if (TERRAFORM_EXTENSIONS.some((ext) => lower.endsWith(ext))) return "terraform";
  if (CLOUDFORMATION_EXTENSIONS.some((ext) => lower.endsWith(ext))) return "cloudformation";
  return undefined;
}

/**
 * Whether a file's text can be a CloudFormation template, without parsing it:
 * every template has `AWSTemplateFormatVersion`, or `Resources` with a type
 * (`AWS::`, `Alexa::`, `Custom::`) or an `Fn::ForEach` (what the parsed
 * template must have). A folder holds many JSON and YAML files that are not
 * templates (vendored API models, workflow files, package manifests): they are
 * never parsed.
 */
export function mayBeTemplate(text: string): boolean {
  if (text.includes("AWSTemplateFormatVersion")) return true;
  if (!text.includes("Resources")) return false;
  return (
    text.includes("AWS::") || text.includes("Custom::") || text.includes("Alexa::") || text.includes("Fn::ForEach")
  );
}

/** A path relative to the root with `/` separators. */
export function relativeToRoot(root: string, absolutePath: string): string {
  const relative = path.relative(root, absolutePath);
  return relative.split(path.sep).join("/") || ".";
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * Lists the candidate files under `paths` (absolute, or relative to `root`).
 * Throws `UsageError` for a path outside the root or one that does not exist.
 */
export function discover(root: string, paths: readonly string[]): Discovery {
  const realRoot = realpathSync(root);
  const found = new Map<string, DiscoveredFile>();
  const notes: Discovery["notes"] = [];
  const visitedFolders = new Set<string>();

  const visit = (absolutePath: string, explicit: boolean): void => {
    const relative = relativeToRoot(root, absolutePath);
    let stat = lstatSync(absolutePath, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(absolutePath);
      } catch (error) {
        const loop = (error as { code?: string } | null)?.code === "ELOOP";
        notes.push({ path: relative, message: loop ? "symbolic link loop skipped" : "broken symbolic link skipped" });
        return;
      }
      if (!isInside(realRoot, target)) {
        notes.push({ path: relative, message: "symbolic link to a place outside the root skipped" });
        return;
      }
      stat = statSync(target);
    }
    if (stat.isDirectory()) {
      const real = realpathSync(absolutePath);
      if (visitedFolders.has(real)) {
        // A symlink back to a folder being walked (a loop), or a folder reached twice: walked once.
        if (lstatSync(absolutePath).isSymbolicLink())
          notes.push({ path: relative, message: "symbolic link to a folder already scanned skipped" });
        return;
      }
      visitedFolders.add(real);
      const entries = readdirSync(absolutePath).sort();
      for (const name of entries) {
        if (SKIPPED_FOLDERS.has(name)) continue;
        visit(path.join(absolutePath, name), false);
      }
      return;
    }
    if (!stat.isFile()) return;
    const kind = kindOf(absolutePath);
    if (kind === undefined && !explicit) return;
    if (!found.has(relative))
      found.set(relative, {
        path: relative,
        absolutePath,
        kind: kind ?? "cloudformation",
        ...(explicit ? { explicit: { knownExtension: kind !== undefined } } : {}),
      });
    // A Terraform module is its folder, not one file: a named `.tf` (pre-commit, `git diff
    // --name-only`) brings the module's other files, so that it is evaluated whole.
    if (explicit && kind === "terraform") {
      const folder = path.dirname(absolutePath);
      for (const name of readdirSync(folder).sort()) {
        if (kindOf(name) === "terraform" && name !== path.basename(absolutePath)) visit(path.join(folder, name), false);
      }
    }
  };

  for (const given of paths) {
    const absolutePath = path.resolve(root, given);
    if (!isInside(root, absolutePath)) throw new UsageError(`path ${absolutePath} is outside the root ${root}`);
    if (!lstatSync(absolutePath, { throwIfNoEntry: false })) {
      throw new UsageError(`path ${relativeToRoot(root, absolutePath)} does not exist under the root ${root}`);
    }
    visit(absolutePath, true);
  }
  const files = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, notes };
}
