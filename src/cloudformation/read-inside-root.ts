/**
 * Reading files that templates point at (SAM `DefinitionUri`, a nested stack's
 * `TemplateURL`) without ever leaving the scan root (DESIGN.md, "The root").
 */
import { readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

/** Files larger than this are not read: a counted limit, like the discovery's. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The text of `relativePath` (with `/` separators, relative to `root`), or
 * undefined when it is missing, not a regular file, too large, or outside the
 * root — by `..` or through a symlink whose target leaves it.
 */
export function readInsideRoot(root: string, relativePath: string): string | undefined {
  const normalized = path.posix.normalize(relativePath.replace(/\\/g, "/"));
  if (path.posix.isAbsolute(normalized) || normalized === ".." || normalized.startsWith("../")) return undefined;
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(path.join(root, normalized));
    const fromRoot = path.relative(realRoot, real);
    if (fromRoot === "" || fromRoot.startsWith("..") || path.isAbsolute(fromRoot)) return undefined;
    const stat = statSync(real);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    return readFileSync(real, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * The root-relative path of `target` written in `fromFile` (a path relative to
 * the template's folder), or undefined when it leaves the root or is a URL.
 */
export function resolveRelative(fromFile: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || path.posix.isAbsolute(target)) return undefined;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), target.replace(/\\/g, "/")));
  if (joined === ".." || joined.startsWith("../")) return undefined;
  return joined;
}
