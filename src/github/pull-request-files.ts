/** The files a pull request changes, with the lines its diff shows (`pulls.listFiles`, paginated). */
import type { GitHubClient } from "./client.js";
import { commentableLines } from "./diff.js";
import type { PullRequestRef } from "./event.js";

export type { GitHubClient } from "./client.js";

/**
 * Changed file path → lines of its new side that the diff shows. Removed files
 * and the old names of renamed files are in it too, with no lines: a finding
 * can depend on a file the pull request deletes (`only-changed`).
 */
export type ChangedFiles = Map<string, Set<number>>;

export async function listChangedFiles(client: GitHubClient, pull: PullRequestRef): Promise<ChangedFiles> {
  const files = await client.paginate(client.rest.pulls.listFiles, {
    owner: pull.owner,
    repo: pull.repo,
    pull_number: pull.number,
    per_page: 100,
  });
  const changed: ChangedFiles = new Map();
  for (const file of files) {
    if (file.previous_filename && !changed.has(file.previous_filename)) changed.set(file.previous_filename, new Set());
    changed.set(file.filename, file.status === "removed" ? new Set() : commentableLines(file.patch));
  }
  return changed;
}
