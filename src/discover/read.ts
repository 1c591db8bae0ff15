/**
 * Reading and listing inside the scan root only (DESIGN.md, "The root"): a
 * path that climbs out with `..`, is absolute, or reaches through a symlink
 * whose real path leaves the root reads as absent.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { DEFAULT_SCAN_LIMITS } from "../core/limits.js";

/** Files larger than this are not read by default (the scan passes its own `max-file-size`). */
export const MAX_READ_BYTES = DEFAULT_SCAN_LIMITS.maxFileBytes;

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

/** The real path and size of a regular file relative to the root, or undefined (missing, not a file, outside the root); nothing is read. */
export function locateInsideRoot(root: string, relPath: string): { real: string; size: number } | undefined {
  const real = realInsideRoot(root, relPath);
  if (real === undefined) return undefined;
  try {
    const stat = statSync(real);
    return stat.isFile() ? { real, size: stat.size } : undefined;
  } catch {
    return undefined;
  }
}

/** The text of a file relative to the root, or undefined (missing, not a file, larger than `maxBytes`, outside the root). */
export function readInsideRoot(root: string, relPath: string, maxBytes = MAX_READ_BYTES): string | undefined {
  const found = locateInsideRoot(root, relPath);
  if (found === undefined || found.size > maxBytes) return undefined;
  try {
    return readFileSync(found.real, "utf8");
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
