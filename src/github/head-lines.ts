/**
 * Review comments sit on the pull request's head commit, but on `pull_request`
 * `actions/checkout` checks out the merge commit (`refs/pull/N/merge`): when
 * the base branch changed a file after the PR branched, the scanned lines are
 * not the head's. This maps each scanned line to the head's line holding the
 * same text, through a line diff of the scanned file against the head's (read
 * from the API at `head.sha`). A line the diff does not pair is not mapped:
 * such a finding gets no comment and no suggestion.
 */
import { diffLines } from "diff";
import type { PullRequestRef } from "./event.js";
import type { GitHubClient } from "./pull-request-files.js";

/** Scanned line → head line, 1-based; `identity` when the scanned file is the head's. */
export type LineMap = { identity: true } | { identity: false; lines: Map<number, number> };

/** Maps the scanned text's lines onto the head's text. */
export function lineMap(scanned: string, head: string): LineMap {
  if (scanned === head) return { identity: true };
  const lines = new Map<number, number>();
  let scannedLine = 1;
  let headLine = 1;
  for (const change of diffLines(scanned, head)) {
    const count = change.count;
    if (change.added) headLine += count;
    else if (change.removed) scannedLine += count;
    else {
      for (let i = 0; i < count; i++) lines.set(scannedLine + i, headLine + i);
      scannedLine += count;
      headLine += count;
    }
  }
  return { identity: false, lines };
}

/** The head line of each of `first`..`last`, when every one maps and they stay consecutive. */
export function mapSpan(map: LineMap, first: number, last: number): { first: number; last: number } | undefined {
  if (map.identity) return { first, last };
  const start = map.lines.get(first);
  if (start === undefined) return undefined;
  for (let line = first; line <= last; line++) if (map.lines.get(line) !== start + (line - first)) return undefined;
  return { first: start, last: start + (last - first) };
}

/**
 * Line maps of `paths` against the head commit. With the head checked out,
 * every map is the identity; else each file's head content is read from the
 * API (a file the API cannot give has no map: nothing of it is commented).
 */
export async function headLineMaps(
  client: GitHubClient,
  pull: PullRequestRef,
  paths: readonly string[],
  scannedText: (path: string) => string | undefined,
  checkedOut: string | undefined,
): Promise<Map<string, LineMap>> {
  const maps = new Map<string, LineMap>();
  for (const path of paths) {
    if (checkedOut === pull.headSha) {
      maps.set(path, { identity: true });
      continue;
    }
    const scanned = scannedText(path);
    if (scanned === undefined) continue;
    const head = await headContent(client, pull, path);
    if (head !== undefined) maps.set(path, lineMap(scanned, head));
  }
  return maps;
}

async function headContent(client: GitHubClient, pull: PullRequestRef, path: string): Promise<string | undefined> {
  try {
    const { data } = await client.rest.repos.getContent({
      owner: pull.owner,
      repo: pull.repo,
      path,
      ref: pull.headSha,
    });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
    if (data.encoding !== "base64") return undefined; // a file over 1 MB comes without content
    return Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}
