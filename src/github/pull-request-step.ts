/**
 * The pull-request part of a run, shared by the action and the CLI: read the
 * PR's changed files when `only-changed` or `pr-review` needs them, narrow the
 * reported findings for `only-changed`, and post the review. The only network
 * calls the tool makes are these, to GITHUB_API_URL. Problems with the API
 * become notices, never a failure.
 */
import { getOctokit } from "@actions/github";
import type { ScanResult } from "../scan.js";
import { TOOL_NAME } from "../tool.js";
import type { EventInfo } from "./event.js";
import { listChangedFiles } from "./pull-request-files.js";
import { reviewPullRequest, type ReviewMode } from "./review.js";

export interface PullRequestStepOptions {
  event: EventInfo;
  token: string;
  onlyChanged: boolean;
  prReview: "off" | ReviewMode;
  notice(message: string): void;
}

/** Returns the result to report: narrowed to the PR's files with `onlyChanged`. */
export async function pullRequestStep(result: ScanResult, options: PullRequestStepOptions): Promise<ScanResult> {
  const { event } = options;
  if (!event.pullRequest || (!options.onlyChanged && options.prReview === "off")) return result;
  if (!options.token) {
    options.notice(
      `${TOOL_NAME}: no GitHub token, so the pull request's files are unknown: reporting every finding, no review.`,
    );
    return result;
  }
  const client = getOctokit(options.token, { baseUrl: event.apiUrl });
  let changed;
  try {
    changed = await listChangedFiles(client, event.pullRequest);
  } catch (error) {
    const status = (error as { status?: number }).status;
    const why = status ? `HTTP ${status}` : String(error instanceof Error ? error.message : error).split("\n", 1)[0];
    options.notice(
      `${TOOL_NAME}: could not list the pull request's files (${why}): reporting every finding, no review.`,
    );
    return result;
  }
  const reported = options.onlyChanged
    ? { ...result, findings: result.findings.filter((f) => changed.has(f.range.file)) }
    : result;
  if (options.prReview !== "off") {
    try {
      const outcome = await reviewPullRequest({
        client,
        pull: event.pullRequest,
        changed,
        findings: reported.findings,
        rules: result.rules,
        files: result.files,
        mode: options.prReview,
      });
      if (outcome.degraded) options.notice(outcome.degraded);
    } catch (error) {
      const status = (error as { status?: number }).status;
      const why = status ? `HTTP ${status}` : String(error instanceof Error ? error.message : error).split("\n", 1)[0];
      options.notice(
        `${TOOL_NAME}: could not post the pull request review (${why}); the findings are in the annotations and the summary.`,
      );
    }
  }
  return reported;
}
