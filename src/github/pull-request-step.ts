/**
 * The pull-request part of a run, shared by the action and the CLI: read the
 * PR's changed files when `only-changed` or `pr-review` needs them, narrow the
 * reported findings for `only-changed`, and post the review. The only network
 * calls the tool makes are these, to GITHUB_API_URL. Problems with the API
 * never fail the step: each is a warning with GitHub's status and message, and
 * the findings are still reported (all of them when the files are unknown).
 */
import type { Level } from "../core/finding.js";
import type { ScanResult } from "../scan.js";
import { TOOL_NAME } from "../tool.js";
import { gitHubClient, gitHubErrorText } from "./client.js";
import type { EventInfo } from "./event.js";
import { narrowToChanged } from "./only-changed.js";
import { listChangedFiles } from "./pull-request-files.js";
import { reviewPullRequest, type ReviewMode } from "./review.js";

/** Where the step reports what it did: the action's log, the CLI's stderr. */
export interface StepLog {
  /** What was read and posted. */
  info(message: string): void;
  /** Each request and its answer (`RUNNER_DEBUG=1`, `--debug`). */
  debug(message: string): void;
  /** A request that failed after its retries. */
  warning(message: string): void;
}

export interface PullRequestStepOptions {
  event: EventInfo;
  token: string;
  onlyChanged: boolean;
  prReview: "off" | ReviewMode;
  /** Inputs every finding depends on (relative to the root): the config file, the baseline, variables files. */
  sharedInputs?: readonly string[];
  /** `pr-review-level`: findings below it are not in the review. */
  prReviewLevel: Level;
  /** `pr-review-max-comments`. */
  prReviewMaxComments: number;
  /** The commit checked out at the repository root (`git rev-parse HEAD`), when git can say. */
  checkedOut?: string;
  notice(message: string): void;
  log?: StepLog;
}

/** Returns the result to report: narrowed to the findings the PR's changes touch with `onlyChanged`. */
export async function pullRequestStep(result: ScanResult, options: PullRequestStepOptions): Promise<ScanResult> {
  const { event } = options;
  const log = options.log ?? { info() {}, debug() {}, warning: options.notice };
  if (!event.pullRequest || (!options.onlyChanged && options.prReview === "off")) return result;
  const pull = event.pullRequest;
  if (!options.token) {
    options.notice(
      `${TOOL_NAME}: no GitHub token, so the pull request's files are unknown: reporting every finding, no review.`,
    );
    return result;
  }
  const client = gitHubClient(options.token, event.apiUrl, log);
  let changed: Awaited<ReturnType<typeof listChangedFiles>>;
  try {
    changed = await listChangedFiles(client, pull);
  } catch (error) {
    log.warning(
      `${TOOL_NAME}: could not list the files of pull request #${pull.number}: ${gitHubErrorText(error)}. Reporting every finding, no review.`,
    );
    return result;
  }
  log.info(`Pull request #${pull.number} changes ${plural(changed.size, "file")}.`);
  for (const [file, lines] of changed) log.debug(`  ${file}: ${lines.size} lines shown on the new side`);
  let reported = result;
  if (options.onlyChanged) {
    const narrowed = narrowToChanged(result, new Set(changed.keys()), options.sharedInputs ?? []);
    reported = narrowed.result;
    log.info(narrowed.explanation);
  }
  if (options.prReview !== "off") {
    try {
      const outcome = await reviewPullRequest({
        client,
        pull,
        changed,
        findings: reported.findings,
        rules: result.rules,
        files: result.files,
        mode: options.prReview,
        level: options.prReviewLevel,
        maxComments: options.prReviewMaxComments,
        ...(options.checkedOut ? { checkedOut: options.checkedOut } : {}),
        ...(event.blobUrl ? { headBlobUrl: event.blobUrl } : {}),
        ...(event.runUrl ? { runUrl: event.runUrl } : {}),
      });
      if (outcome.degraded) options.notice(outcome.degraded);
      else {
        const head = pull.headSha.slice(0, 7);
        log.info(
          outcome.posted > 0 || outcome.listed > 0
            ? `Posted a review with ${plural(outcome.posted, "comment")}${outcome.listed > 0 ? ` and ${plural(outcome.listed, "finding")} listed in its body` : ""} on ${head}.`
            : `No new findings in the files the pull request changes: no review posted on ${head}.`,
        );
        if (outcome.markedFixed > 0) log.info(`Marked ${plural(outcome.markedFixed, "earlier comment")} fixed.`);
      }
    } catch (error) {
      log.warning(
        `${TOOL_NAME}: could not post the pull request review: ${gitHubErrorText(error)}. The findings are in the annotations and the job summary.`,
      );
    }
  }
  return reported;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
