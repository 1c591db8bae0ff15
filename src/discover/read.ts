/**
 * Reading and listing inside the scan root only (DESIGN.md, "The root"): a
 * path that climbs out with `..`, is absolute, or reaches through a symlink
 * whose real path leaves the root reads as absent.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

/** Files larger than this are not read (a counted limit, like discovery's). */
export const MAX_READ_BYTES = 5 * 1024 * 1024;

/** The real path of `relPath` under `root`, or undefined when it is outside the root or missing. */
function realInsideRoot(root: string, relPath: string): string | undefined {
  const normalized = path.posix.normalize(relPath.replace(/\\/g, "/"));
  if (path.posix.isAbsolute(normalized) || normalized === ".." || normalized.startsWith("../")) return undefined;
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(path.join(root, normalized));
    const fromRoot = path.relative(realRoot, real);
    if (fromRoot.startsWith("..") || path.isAbsolute(fromRoot)) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

/** The text of a file relative to the root, or undefined (missing, not a file, too large, outside the root). */
export function readInsideRoot(root: string, relPath: string): string | undefined {
  const real = realInsideRoot(root, relPath);
  if (real === undefined) return undefined;
  try {
    const stat = statSync(real);
    if (!stat.isFile() || stat.size > MAX_READ_BYTES) return undefined;
    return readFileSync(real, "utf8");
  } catch {
    return undefined;
  }
}

/** The entry names of a folder relative to the root, or undefined (missing, not a folder, outside the root). */
export function listInsideRoot(root: string, relPath: string): string[] | undefined {
  const real = realInsideRoot(root, relPath);
  if (real === undefined) return undefined;
  try {
    return readdirSync(real).sort();
  } catch {
    return undefined;
  }
}
