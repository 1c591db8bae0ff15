/** The files a pull request changes, with the lines its diff shows (`pulls.listFiles`, paginated). */
import type { getOctokit } from "@actions/github";
import { commentableLines } from "./diff.js";
import type { PullRequestRef } from "./event.js";

export type GitHubClient = ReturnType<typeof getOctokit>;

/** Changed file path → lines of its new side that the diff shows. */
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
    if (file.status === "removed") continue;
    changed.set(file.filename, commentableLines(file.patch));
  }
  return changed;
}
