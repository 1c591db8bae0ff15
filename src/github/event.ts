/**
 * What the action needs to know about the event that started the workflow,
 * read from the runner's environment (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH,
 * GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_SERVER_URL, GITHUB_API_URL,
 * GITHUB_RUN_ID).
 */
import { readFileSync } from "node:fs";

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
}

export interface EventInfo {
  /** Set on `pull_request` and `pull_request_target` events. */
  pullRequest?: PullRequestRef;
  /** The commit the files were checked out at: the PR head, else GITHUB_SHA. */
  sha?: string;
  /** `https://github.com/OWNER/REPO/blob/SHA`, for links to files. */
  blobUrl?: string;
  /** The workflow run's page (its job summary lists every finding). */
  runUrl?: string;
  apiUrl: string;
}

export function readEvent(env: NodeJS.ProcessEnv): EventInfo {
  const apiUrl = env.GITHUB_API_URL || "https://api.github.com";
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  let payload: { pull_request?: { number?: number; head?: { sha?: string } } } = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
    } catch {
      payload = {};
    }
  }
  const info: EventInfo = { apiUrl };
  const pull = payload.pull_request;
  const isPullRequest = env.GITHUB_EVENT_NAME === "pull_request" || env.GITHUB_EVENT_NAME === "pull_request_target";
  if (isPullRequest && owner && repo && typeof pull?.number === "number" && typeof pull.head?.sha === "string") {
    info.pullRequest = { owner, repo, number: pull.number, headSha: pull.head.sha };
  }
  const sha = info.pullRequest?.headSha ?? env.GITHUB_SHA;
  if (sha) info.sha = sha;
  const server = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/$/, "");
  if (sha && owner && repo) info.blobUrl = `${server}/${owner}/${repo}/blob/${sha}`;
  if (env.GITHUB_RUN_ID && owner && repo) info.runUrl = `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}`;
  return info;
}
