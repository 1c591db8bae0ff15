import { afterEach, describe, expect, it } from "vitest";
import { lineStarts, rangeAt } from "../../src/core/range.js";
import type { Finding } from "../../src/core/finding.js";
import { findingFingerprint } from "../../src/report/fingerprint.js";
import { commentableLines } from "../../src/github/diff.js";
import { pullRequestStep } from "../../src/github/pull-request-step.js";
import type { EventInfo } from "../../src/github/event.js";
import { at, result, TF_TEXT } from "../report/hand-made.js";
import { startFakeGitHub, type FakeGitHub, type Routes } from "./fake-github.js";

const PULL = "/repos/acme/infra/pulls/7";
const HEAD = "0123456789abcdef0123456789abcdef01234567";
const TOKEN = "ghs_fake_token_for_tests";
const DOC = "https://github.com/sagemaker-vpc-guard/sagemaker-vpc-guard/blob/main/docs/rules/SMBT001.md";

// The diff shows lines 1-4 of infra/main.tf: the model block, not the security group.
const PATCH =
  '@@ -1,3 +1,4 @@\n resource "aws_sagemaker_model" "scoring" {\n+  name               = "scoring"\n   execution_role_arn = aws_iam_role.sm.arn\n }';
const VPC_CONFIG =
  "  vpc_config {\n    subnets            = [aws_subnet.private.id]\n    security_group_ids = [aws_security_group.sm.id]\n  }\n";
const closing = TF_TEXT.indexOf("}");

const withFix = at(
  "infra/main.tf",
  '"aws_sagemaker_model" "scoring"',
  "SMBT001",
  "error",
  "Model aws_sagemaker_model.scoring has no vpc_config.",
  {
    fix: {
      description: "Add a vpc_config block",
      edits: [{ range: rangeAt("infra/main.tf", lineStarts(TF_TEXT), closing, closing), newText: VPC_CONFIG }],
    },
  },
);
const alreadyPosted = at("infra/main.tf", "execution_role_arn", "SMBT001", "warning", "Posted by an earlier run.");
const onChangedLine = at(
  "infra/main.tf",
  'name               = "scoring"',
  "SMBT001",
  "note",
  "A note on a changed line.",
);
const outsideDiff = at("infra/main.tf", '"aws_security_group" "sm"', "SMBT001", "error", "Not on a line of the diff.");
const otherFile = at("cfn/job.yaml", "!Ref Model", "SMBT001", "note", "In a file the pull request does not change.");
const fingerprint = (finding: Finding) =>
  findingFingerprint(finding, finding.range.file === "infra/main.tf" ? TF_TEXT : undefined);

function routes(reviewStatus = 200): Routes {
  return {
    [`GET ${PULL}/files?per_page=100`]: (base) => ({
      body: [{ filename: "infra/main.tf", status: "modified", patch: PATCH }],
      headers: {
        link: `<${base}${PULL}/files?per_page=100&page=2>; rel="next", <${base}${PULL}/files?per_page=100&page=2>; rel="last"`,
      },
    }),
    [`GET ${PULL}/files?per_page=100&page=2`]: {
      body: [
        { filename: "README.md", status: "modified" },
        { filename: "cfn/old.yaml", status: "removed" },
      ],
    },
    [`GET ${PULL}/comments?per_page=100`]: {
      body: [
        { id: 14, body: "A person's comment." },
        { id: 11, body: `**SMBT001** earlier\n<!-- sagemaker-vpc-guard:fingerprint=${fingerprint(alreadyPosted)} -->` },
        {
          id: 12,
          body: "**SMBT001 · Model has no VpcConfig** (error)\n\nGone now.\n<!-- sagemaker-vpc-guard:fingerprint=0123abcd -->",
        },
        { id: 13, body: "~~old~~\n<!-- sagemaker-vpc-guard:fingerprint=4567abcd fixed -->" },
      ],
    },
    "PATCH /repos/acme/infra/pulls/comments/12": { body: { id: 12 } },
    [`GET ${PULL}/reviews?per_page=100`]: {
      body: [{ id: 5, body: "<!-- sagemaker-vpc-guard:listed=0123abcd -->" }],
    },
    [`POST ${PULL}/reviews`]: {
      status: reviewStatus,
      body: reviewStatus === 200 ? { id: 99 } : { message: "Resource not accessible by integration" },
    },
  };
}

let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

async function step(
  mode: "comment" | "suggest",
  reviewStatus = 200,
  onlyChanged = false,
  review: { level?: "error" | "warning" | "note"; maxComments?: number } = {},
) {
  github = await startFakeGitHub(routes(reviewStatus));
  const event: EventInfo = {
    apiUrl: github.url,
    pullRequest: { owner: "acme", repo: "infra", number: 7, headSha: HEAD },
  };
  const notices: string[] = [];
  const reported = await pullRequestStep(result([withFix, alreadyPosted, onChangedLine, outsideDiff, otherFile]), {
    event,
    token: TOKEN,
    onlyChanged,
    prReview: mode,
    prReviewLevel: review.level ?? "note",
    prReviewMaxComments: review.maxComments ?? 30,
    checkedOut: HEAD,
    notice: (message) => notices.push(message),
  });
  return { reported, notices, requests: github.requests };
}

const suggestionComment = {
  path: "infra/main.tf",
  line: 4,
  side: "RIGHT",
  body: [
    "**SMBT001 · Model has no VpcConfig** (error)",
    "",
    "Model aws_sagemaker_model.scoring has no vpc_config.",
    "",
    "Suggested fix: Add a vpc_config block",
    "",
    "```suggestion",
    `${VPC_CONFIG}}`,
    "```",
    "",
    `[SMBT001 documentation](${DOC})`,
    `<!-- sagemaker-vpc-guard:fingerprint=${fingerprint(withFix)} -->`,
  ].join("\n"),
};
const noteComment = {
  path: "infra/main.tf",
  line: 2,
  side: "RIGHT",
  body: [
    "**SMBT001 · Model has no VpcConfig** (note)",
    "",
    "A note on a changed line.",
    "",
    `[SMBT001 documentation](${DOC})`,
    `<!-- sagemaker-vpc-guard:fingerprint=${fingerprint(onChangedLine)} -->`,
  ].join("\n"),
};

describe("the pull request review", () => {
  it("posts one review with new comments on diff lines, suggestions for fixes, and marks gone findings fixed", async () => {
    const { requests, notices } = await step("suggest");
    expect(notices).toEqual([]);
    expect(requests.map(({ authorization, ...rest }) => (expect(authorization).toBe(`token ${TOKEN}`), rest))).toEqual([
      { method: "GET", path: `${PULL}/files?per_page=100` },
      { method: "GET", path: `${PULL}/files?per_page=100&page=2` },
      { method: "GET", path: `${PULL}/comments?per_page=100` },
      { method: "GET", path: `${PULL}/reviews?per_page=100` },
      {
        method: "PATCH",
        path: "/repos/acme/infra/pulls/comments/12",
        body: {
          body: "~~**SMBT001 · Model has no VpcConfig** (error)~~\n\nFixed: this finding is gone as of 0123456.\n<!-- sagemaker-vpc-guard:fingerprint=0123abcd fixed -->",
        },
      },
      {
        method: "POST",
        path: `${PULL}/reviews`,
        body: {
          commit_id: HEAD,
          event: "COMMENT",
          body: [
            "sagemaker-vpc-guard: 3 new findings in the files this pull request changes: 2 as comments on their lines, 1 listed here.",
            "",
            "1 error: outside the diff's lines.",
            "",
            "- **SMBT001** (error) `infra/main.tf:6`: Not on a line of the diff.",
            "",
            `<!-- sagemaker-vpc-guard:listed=${fingerprint(outsideDiff)} -->`,
          ].join("\n"),
          comments: [suggestionComment, noteComment],
        },
      },
    ]);
  });

  it("reviews warnings and errors by default, lists what is over pr-review-max-comments, and lists nothing twice", async () => {
    github = await startFakeGitHub({
      ...routes(),
      [`GET ${PULL}/reviews?per_page=100`]: {
        body: [{ id: 5, body: `<!-- sagemaker-vpc-guard:listed=${fingerprint(outsideDiff)} -->` }],
      },
    });
    const event: EventInfo = {
      apiUrl: github.url,
      pullRequest: { owner: "acme", repo: "infra", number: 7, headSha: HEAD },
      blobUrl: `https://github.com/acme/infra/blob/${HEAD}`,
      runUrl: "https://github.com/acme/infra/actions/runs/42",
    };
    await pullRequestStep(result([withFix, alreadyPosted, onChangedLine, outsideDiff, otherFile]), {
      event,
      token: TOKEN,
      onlyChanged: false,
      prReview: "suggest",
      prReviewLevel: "warning",
      prReviewMaxComments: 0,
      checkedOut: HEAD,
      notice: () => {},
    });
    const review = github.requests.find((r) => r.method === "POST")!.body as { body: string; comments: unknown[] };
    expect(review.comments).toEqual([]);
    // The note is below pr-review-level; the error outside the diff was listed by an earlier review.
    expect(review.body).toBe(
      [
        "sagemaker-vpc-guard: 1 new finding in the files this pull request changes: 1 listed here.",
        "",
        "1 error: beyond 0 comments (pr-review-max-comments).",
        "",
        `- **SMBT001** (error) [infra/main.tf:1](https://github.com/acme/infra/blob/${HEAD}/infra/main.tf#L1): Model aws\\_sagemaker\\_model.scoring has no vpc\\_config.`,
        "",
        `<!-- sagemaker-vpc-guard:listed=${fingerprint(withFix)} -->`,
      ].join("\n"),
    );
  });

  it("leaves suggestion blocks out in comment mode", async () => {
    const { requests } = await step("comment");
    const review = requests.find((r) => r.method === "POST")!.body as { comments: { body: string; line: number }[] };
    expect(review.comments.map((c) => c.line)).toEqual([1, 2]);
    expect(review.comments[0]!.body).toContain("\n\nSuggested fix: Add a vpc_config block\n\n[SMBT001 documentation]");
    expect(review.comments[0]!.body).not.toContain("```suggestion");
  });

  it("degrades to a notice when the token may not write (a fork's pull request)", async () => {
    const { notices, reported } = await step("suggest", 403);
    expect(notices).toEqual([
      "sagemaker-vpc-guard: could not write the pull request review (GitHub answered HTTP 403 to POST /repos/acme/infra/pulls/7/reviews: Resource not accessible by integration; a pull request from a fork gets a read-only token). The findings are in the annotations and the job summary.",
    ]);
    expect(reported.findings).toHaveLength(5);
  });

  it("reports only findings in changed files with only-changed, reading nothing else", async () => {
    github = await startFakeGitHub(routes());
    const event: EventInfo = {
      apiUrl: github.url,
      pullRequest: { owner: "acme", repo: "infra", number: 7, headSha: HEAD },
    };
    const reported = await pullRequestStep(result([withFix, otherFile]), {
      event,
      token: TOKEN,
      onlyChanged: true,
      prReview: "off",
      prReviewLevel: "warning",
      prReviewMaxComments: 30,
      notice: () => {},
    });
    expect(reported.findings.map((f) => f.range.file)).toEqual(["infra/main.tf"]);
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${PULL}/files?per_page=100`,
      `GET ${PULL}/files?per_page=100&page=2`,
    ]);
  });

  it("makes no request outside a pull request, or without a token", async () => {
    const notices: string[] = [];
    const scanned = result([withFix]);
    expect(
      await pullRequestStep(scanned, {
        event: { apiUrl: "http://127.0.0.1:9" },
        token: TOKEN,
        onlyChanged: true,
        prReview: "suggest",
        prReviewLevel: "warning",
        prReviewMaxComments: 30,
        notice: (m) => notices.push(m),
      }),
    ).toBe(scanned);
    const event: EventInfo = {
      apiUrl: "http://127.0.0.1:9",
      pullRequest: { owner: "acme", repo: "infra", number: 7, headSha: HEAD },
    };
    expect(
      await pullRequestStep(scanned, {
        event,
        token: "",
        onlyChanged: true,
        prReview: "suggest",
        prReviewLevel: "warning",
        prReviewMaxComments: 30,
        notice: (m) => notices.push(m),
      }),
    ).toBe(scanned);
    expect(notices).toEqual([
      "sagemaker-vpc-guard: no GitHub token, so the pull request's files are unknown: reporting every finding, no review.",
    ]);
  });
});

describe("diff lines", () => {
  it("are the new side's added and context lines", () => {
    expect([...commentableLines(PATCH)]).toEqual([1, 2, 3, 4]);
    expect([
      ...commentableLines(
        "@@ -10,4 +10,3 @@ heading\n a\n-b\n+c\n d\n\\ No newline at end of file\n@@ -30 +29,2 @@\n+x\n y",
      ),
    ]).toEqual([10, 11, 12, 29, 30]);
    expect(commentableLines(undefined).size).toBe(0);
  });
});
