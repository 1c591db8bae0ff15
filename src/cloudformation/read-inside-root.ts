/**
 * Reading files that templates point at (SAM `DefinitionUri`, a nested stack's
 * `TemplateURL`) without ever leaving the scan root (DESIGN.md, "The root").
 */
import path from "node:path";

/**
 * The text of a root-relative path, or undefined when it is missing, not a
 * regular file, too large, or outside the root — by `..` or through a symlink
 * whose target leaves it. One implementation for the whole tool.
 */
export { readInsideRoot } from "../discover/read.js";

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
