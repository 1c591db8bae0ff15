/**
 * `pr-review`: one review per run on the pull request's head commit, with a
 * comment per new finding on a line of the diff (and a suggestion block when
 * the finding has a fix and `suggest` is on). Comments from earlier runs are
 * recognised by their fingerprint marker: not repeated, and marked fixed when
 * their finding is gone. A token that may not write (a PR from a fork) degrades
 * to a notice.
 */
import type { Finding } from "../core/finding.js";
import { isActive } from "../core/finding.js";
import type { Rule } from "../../rules/rule.js";
import { findingFingerprint } from "../report/fingerprint.js";
import { TOOL_NAME } from "../tool.js";
import { gitHubErrorText } from "./client.js";
import type { PullRequestRef } from "./event.js";
import type { ChangedFiles, GitHubClient } from "./pull-request-files.js";
import { commentBody, fixedBody, markerOf, suggestionFor } from "./review-comment.js";

export type ReviewMode = "comment" | "suggest";

export interface ReviewInput {
  client: GitHubClient;
  pull: PullRequestRef;
  changed: ChangedFiles;
  findings: readonly Finding[];
  rules: readonly Rule[];
  files: { get(path: string): { text: string } | undefined };
  mode: ReviewMode;
}

export interface ReviewOutcome {
  posted: number;
  markedFixed: number;
  /** Set when the token could not write: why, for a notice. */
  degraded?: string;
}

interface NewComment {
  path: string;
  line: number;
  start_line?: number;
  side: "RIGHT";
  start_side?: "RIGHT";
  body: string;
}

export async function reviewPullRequest(input: ReviewInput): Promise<ReviewOutcome> {
  const { client, pull } = input;
  const rulesById = new Map(input.rules.map((rule) => [rule.id, rule]));
  const current = new Map<string, Finding>();
  for (const finding of input.findings.filter(isActive)) {
    current.set(findingFingerprint(finding, input.files.get(finding.range.file)?.text), finding);
  }

  try {
    const earlier = (
      await client.paginate(client.rest.pulls.listReviewComments, {
        owner: pull.owner,
        repo: pull.repo,
        pull_number: pull.number,
        per_page: 100,
      })
    )
      .map((comment) => ({ id: comment.id, body: comment.body, marker: markerOf(comment.body) }))
      .filter((comment) => comment.marker !== undefined)
      .sort((a, b) => a.id - b.id);
    const alreadyPosted = new Set(earlier.filter((c) => !c.marker!.fixed).map((c) => c.marker!.fingerprint));

    const comments: NewComment[] = [];
    for (const [fingerprint, finding] of current) {
      if (alreadyPosted.has(fingerprint)) continue;
      const comment = placeComment(finding, fingerprint, input, rulesById.get(finding.ruleId));
      if (comment) comments.push(comment);
    }

    let markedFixed = 0;
    for (const comment of earlier) {
      if (comment.marker!.fixed || current.has(comment.marker!.fingerprint)) continue;
      await client.rest.pulls.updateReviewComment({
        owner: pull.owner,
        repo: pull.repo,
        comment_id: comment.id,
        body: fixedBody(comment.body, comment.marker!.fingerprint, pull.headSha),
      });
      markedFixed++;
    }

    if (comments.length > 0) {
      await client.rest.pulls.createReview({
        owner: pull.owner,
        repo: pull.repo,
        pull_number: pull.number,
        commit_id: pull.headSha,
        event: "COMMENT",
        body: `${TOOL_NAME}: ${comments.length} new ${comments.length === 1 ? "finding" : "findings"} on lines this pull request changes.`,
        comments,
      });
    }
    return { posted: comments.length, markedFixed };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 401 || status === 403 || status === 404) {
      return {
        posted: 0,
        markedFixed: 0,
        degraded: `${TOOL_NAME}: could not write the pull request review (${gitHubErrorText(error)}; a pull request from a fork gets a read-only token). The findings are in the annotations and the job summary.`,
      };
    }
    throw error;
  }
}

/** Where a finding's comment goes: on its fix's lines when the diff shows them all, else on its own lines. */
function placeComment(
  finding: Finding,
  fingerprint: string,
  input: ReviewInput,
  rule: Rule | undefined,
): NewComment | undefined {
  const lines = input.changed.get(finding.range.file);
  if (!lines) return undefined;
  const allShown = (start: number, end: number) => {
    for (let line = start; line <= end; line++) if (!lines.has(line)) return false;
    return true;
  };
  const suggestion =
    input.mode === "suggest" ? suggestionFor(finding, input.files.get(finding.range.file)?.text) : undefined;
  if (suggestion && allShown(suggestion.startLine, suggestion.endLine)) {
    return spanComment(
      finding.range.file,
      suggestion.startLine,
      suggestion.endLine,
      commentBody(finding, rule, fingerprint, suggestion),
    );
  }
  const { start, end } = finding.range;
  const body = commentBody(finding, rule, fingerprint, undefined);
  if (allShown(start.line, end.line)) return spanComment(finding.range.file, start.line, end.line, body);
  if (lines.has(start.line)) return spanComment(finding.range.file, start.line, start.line, body);
  return undefined;
}

function spanComment(path: string, startLine: number, endLine: number, body: string): NewComment {
  const comment: NewComment = { path, line: endLine, side: "RIGHT", body };
  if (startLine < endLine) {
    comment.start_line = startLine;
    comment.start_side = "RIGHT";
  }
  return comment;
}
