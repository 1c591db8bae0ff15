/**
 * `pr-review`: one review per run on the pull request's head commit. Findings
 * in the files the PR changes, at or above `pr-review-level`, most severe
 * first: up to `pr-review-max-comments` of them as comments on diff lines at
 * the head's line numbers (with a suggestion block when the finding has a fix
 * and `suggest` is on), the rest listed in the review body with links and
 * counts by level. Comments and listed findings of earlier runs are
 * recognised by their fingerprint markers: not repeated; a comment whose
 * finding is gone is marked fixed. A token that may not write (a PR from a
 * fork) degrades to a notice.
 */
import type { Finding, Level } from "../core/finding.js";
import { isActive, LEVEL_ORDER } from "../core/finding.js";
import { compareRanges } from "../core/range.js";
import type { Rule } from "../../rules/rule.js";
import { findingFingerprint } from "../report/fingerprint.js";
import { escapeText } from "../report/summary.js";
import { TOOL_NAME } from "../tool.js";
import { gitHubErrorText } from "./client.js";
import type { PullRequestRef } from "./event.js";
import { headLineMaps, mapSpan, type LineMap } from "./head-lines.js";
import type { ChangedFiles, GitHubClient } from "./pull-request-files.js";
import { commentBody, fixedBody, markerOf, suggestionFor } from "./review-comment.js";

/** GitHub rejects a review body over 65,536 characters. */
export const REVIEW_BODY_MAX_CHARS = 65_536;

const LISTED_MARKER = /<!-- sagemaker-vpc-guard:listed=([0-9a-f,]*) -->/;

export type ReviewMode = "comment" | "suggest";

export interface ReviewInput {
  client: GitHubClient;
  pull: PullRequestRef;
  changed: ChangedFiles;
  findings: readonly Finding[];
  rules: readonly Rule[];
  files: { get(path: string): { text: string } | undefined };
  mode: ReviewMode;
  /** Findings below this level are neither commented nor listed. */
  level: Level;
  /** Comments per review; the other findings are listed in the body. */
  maxComments: number;
  /** The commit checked out (`git rev-parse HEAD`); when it is not the head, lines are mapped to the head's. */
  checkedOut?: string;
  /** `https://github.com/OWNER/REPO/blob/HEAD_SHA`, for the body's links. */
  headBlobUrl?: string;
  /** The workflow run's page, where the job summary lists every finding. */
  runUrl?: string;
}

export interface ReviewOutcome {
  posted: number;
  /** Findings listed in the review body. */
  listed: number;
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
  const belongs = [...current]
    .filter(([, f]) => input.changed.has(f.range.file) && LEVEL_ORDER[f.level] >= LEVEL_ORDER[input.level])
    .sort(([, a], [, b]) => bySeverity(a, b, rulesById));

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
    const fresh = belongs.filter(([fingerprint]) => !alreadyPosted.has(fingerprint));

    const maps = await headLineMaps(
      client,
      pull,
      [...new Set(fresh.map(([, f]) => f.range.file))],
      (path) => input.files.get(path)?.text,
      input.checkedOut,
    );
    const comments: NewComment[] = [];
    const unplaced: Listed[] = [];
    for (const [fingerprint, finding] of fresh) {
      const map = maps.get(finding.range.file);
      const headLine = map ? mapSpan(map, finding.range.start.line, finding.range.start.line)?.first : undefined;
      const comment =
        comments.length < input.maxComments && map
          ? placeComment(finding, fingerprint, input, rulesById.get(finding.ruleId), map)
          : undefined;
      if (comment) comments.push(comment);
      else {
        const why = headLine === undefined ? "moved" : comments.length >= input.maxComments ? "limit" : "outside";
        unplaced.push({ fingerprint, finding, why, ...(headLine !== undefined ? { headLine } : {}) });
      }
    }
    // Listed findings of earlier reviews are not listed again.
    const listedBefore = new Set<string>();
    if (unplaced.length > 0) {
      const reviews = await client.paginate(client.rest.pulls.listReviews, {
        owner: pull.owner,
        repo: pull.repo,
        pull_number: pull.number,
        per_page: 100,
      });
      for (const review of reviews)
        for (const fingerprint of LISTED_MARKER.exec(review.body ?? "")?.[1]?.split(",") ?? [])
          listedBefore.add(fingerprint);
    }
    const listed = unplaced.filter((entry) => !listedBefore.has(entry.fingerprint));

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

    if (comments.length > 0 || listed.length > 0) {
      await client.rest.pulls.createReview({
        owner: pull.owner,
        repo: pull.repo,
        pull_number: pull.number,
        commit_id: pull.headSha,
        event: "COMMENT",
        body: reviewBody(comments.length, listed, input),
        comments,
      });
    }
    return { posted: comments.length, listed: listed.length, markedFixed };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 401 || status === 403 || status === 404) {
      return {
        posted: 0,
        listed: 0,
        markedFixed: 0,
        degraded: `${TOOL_NAME}: could not write the pull request review (${gitHubErrorText(error)}; a pull request from a fork gets a read-only token). The findings are in the annotations and the job summary.`,
      };
    }
    throw error;
  }
}

/** A finding listed in the review's body, and why it has no comment. */
interface Listed {
  fingerprint: string;
  finding: Finding;
  /** Its first line at the head commit, when it maps there. */
  headLine?: number;
  why: "outside" | "limit" | "moved";
}

/** Most severe first; then the rule's precision (`very-high`, `high` before the others); then file and line. */
function bySeverity(a: Finding, b: Finding, rules: ReadonlyMap<string, Rule>): number {
  const precise = (f: Finding) => (["very-high", "high"].includes(rules.get(f.ruleId)?.precision ?? "") ? 0 : 1);
  return LEVEL_ORDER[b.level] - LEVEL_ORDER[a.level] || precise(a) - precise(b) || compareRanges(a.range, b.range);
}

/**
 * The review's body: counts, then each finding that has no comment, most
 * severe first, with a link to its line at the head; within GitHub's limit,
 * the rest counted with a link to the run's job summary. A hidden marker names
 * the listed findings' fingerprints.
 */
function reviewBody(commented: number, listed: readonly Listed[], input: ReviewInput): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const total = commented + listed.length;
  const parts = [
    ...(commented > 0
      ? [
          `${commented} as ${commented === 1 ? "a comment" : "comments"} on ${commented === 1 ? "its line" : "their lines"}`,
        ]
      : []),
    ...(listed.length > 0 ? [`${listed.length} listed here`] : []),
  ];
  const head = [
    `${TOOL_NAME}: ${plural(total, "new finding")} in the files this pull request changes: ${parts.join(", ")}.`,
  ];
  if (listed.length > 0) {
    const counts = { error: 0, warning: 0, note: 0 };
    for (const { finding } of listed) counts[finding.level]++;
    const byLevel = (["error", "warning", "note"] as const)
      .filter((level) => counts[level] > 0)
      .map((level) => plural(counts[level], level));
    const reasons = {
      outside: "outside the diff's lines",
      limit: `beyond ${plural(input.maxComments, "comment")} (pr-review-max-comments)`,
      moved: "on lines that differ between the scanned checkout and the head commit",
    };
    const why = [...new Set(listed.map((entry) => entry.why))].map((key) => reasons[key]);
    head.push("", `${byLevel.join(", ")}: ${why.join("; ")}.`, "");
  }
  const items = listed.map(({ finding, headLine }) => {
    const where = headLine !== undefined ? `${finding.range.file}:${headLine}` : finding.range.file;
    const anchor = headLine !== undefined ? `#L${headLine}` : "";
    const link = input.headBlobUrl
      ? `[${escapeText(where)}](${input.headBlobUrl}/${encodeURI(finding.range.file)}${anchor})`
      : `\`${where}\``;
    return `- **${finding.ruleId}** (${finding.level}) ${link}: ${escapeText(finding.message.replace(/\r?\n/g, " "))}`;
  });
  const marker = (kept: readonly Listed[]) =>
    `<!-- sagemaker-vpc-guard:listed=${kept.map((entry) => entry.fingerprint).join(",")} -->`;
  const rest = (n: number) =>
    `- … and ${plural(n, "more finding")}: see the job summary${input.runUrl ? ` of [this run](${input.runUrl})` : ""}.`;
  // What fits: the leading items (each with its fingerprint in the marker), with room left for the "and more" line.
  let size = head.join("\n").length + 1 + marker([]).length + 2 + rest(listed.length).length + 1;
  let kept = 0;
  for (const [index, item] of items.entries()) {
    const cost = item.length + 1 + listed[index]!.fingerprint.length + 1;
    if (size + cost > REVIEW_BODY_MAX_CHARS) break;
    size += cost;
    kept++;
  }
  const lines = [...head, ...items.slice(0, kept)];
  if (kept < items.length) lines.push(rest(items.length - kept));
  if (listed.length > 0) lines.push("", marker(listed.slice(0, kept)));
  return lines.join("\n");
}

/** Where a finding's comment goes: on its fix's lines when the diff shows them all, else on its own lines. */
function placeComment(
  finding: Finding,
  fingerprint: string,
  input: ReviewInput,
  rule: Rule | undefined,
  map: LineMap,
): NewComment | undefined {
  const lines = input.changed.get(finding.range.file);
  // Lines that differ from the head's: nothing here can be placed with certainty.
  if (!lines || !mapSpan(map, finding.range.start.line, finding.range.end.line)) return undefined;
  // Head lines of a scanned span, when each maps and the diff shows them all (so one hunk).
  const shown = (start: number, end: number) => {
    const span = mapSpan(map, start, end);
    if (!span) return undefined;
    for (let line = span.first; line <= span.last; line++) if (!lines.has(line)) return undefined;
    return span;
  };
  const suggestion =
    input.mode === "suggest" ? suggestionFor(finding, input.files.get(finding.range.file)?.text) : undefined;
  const replaced = suggestion && shown(suggestion.startLine, suggestion.endLine);
  if (suggestion && replaced) {
    return spanComment(
      finding.range.file,
      replaced.first,
      replaced.last,
      commentBody(finding, rule, fingerprint, suggestion),
    );
  }
  const { start, end } = finding.range;
  const body = commentBody(finding, rule, fingerprint, undefined);
  const span = shown(start.line, end.line) ?? shown(start.line, start.line);
  return span ? spanComment(finding.range.file, span.first, span.last, body) : undefined;
}

function spanComment(path: string, startLine: number, endLine: number, body: string): NewComment {
  const comment: NewComment = { path, line: endLine, side: "RIGHT", body };
  if (startLine < endLine) {
    comment.start_line = startLine;
    comment.start_side = "RIGHT";
  }
  return comment;
}
