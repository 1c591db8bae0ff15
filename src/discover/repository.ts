/**
 * The git repository around the scanned paths, read from its `.git` files (the
 * tool runs no processes): its top-level folder, the path base of everything
 * reported, and the commit checked out there.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The nearest folder at or above `from` holding `.git` (a folder, or a worktree's file), or undefined. */
export function gitTopLevel(from: string): string | undefined {
  let folder = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(folder, ".git"))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** The commit checked out in the repository at `topLevel` (its `HEAD`, a ref followed once), or undefined. */
export function headCommit(topLevel: string): string | undefined {
  try {
    const gitDir = gitDirectory(topLevel);
    if (!gitDir) return undefined;
    const head = readFileSync(path.join(gitDir, "HEAD"), "utf8").trim();
    if (isSha(head)) return head;
    const ref = /^ref: (refs\/\S+)$/.exec(head)?.[1];
    if (!ref) return undefined;
    // A worktree keeps its HEAD; branches live in the common directory.
    const commonFile = path.join(gitDir, "commondir");
    const common = existsSync(commonFile) ? path.resolve(gitDir, readFileSync(commonFile, "utf8").trim()) : gitDir;
    for (const dir of [gitDir, common]) {
      const loose = path.join(dir, ref);
      if (existsSync(loose)) {
        const sha = readFileSync(loose, "utf8").trim();
        return isSha(sha) ? sha : undefined;
      }
    }
    const packed = path.join(common, "packed-refs");
    if (!existsSync(packed)) return undefined;
    for (const line of readFileSync(packed, "utf8").split("\n")) {
      const [sha, name] = line.trim().split(" ");
      if (name === ref && sha && isSha(sha)) return sha;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** The commit checked out in the repository holding `folder`, or undefined outside one. */
export function checkedOutCommit(folder: string): string | undefined {
  const top = gitTopLevel(folder);
  return top ? headCommit(top) : undefined;
}

const isSha = (text: string): boolean => /^[0-9a-f]{40}$/.test(text);

/** `.git` itself, or the folder a worktree's `.git` file names. */
function gitDirectory(topLevel: string): string | undefined {
  const dotGit = path.join(topLevel, ".git");
  if (statSync(dotGit).isDirectory()) return dotGit;
  const target = /^gitdir: (.+)$/m.exec(readFileSync(dotGit, "utf8"))?.[1]?.trim();
  return target ? path.resolve(topLevel, target) : undefined;
}
