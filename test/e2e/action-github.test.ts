/** The built action (dist/index.js) with the GitHub integration: inputs, summary, suppressions, baselines, the PR review. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FIXTURES, PROJECT_ROOT } from "../helpers/scan.js";
import { startFakeGitHub, type FakeGitHub } from "../github/fake-github.js";
import { RULES } from "../../rules/index.js";
import { BANNER, runAction, runActionAsync } from "../helpers/action.js";

const TEMPLATE = path.join(FIXTURES, "cloudformation/smbt001/fail-model-without-vpc.yaml");

/** Only the rules these tests are about, so that other rules' findings on the template do not change them. */
const CONFIG = `rules:\n${RULES.filter((rule) => !["SMBT000", "SMBT001", "SMBT019", "SMBT020"].includes(rule.id))
  .map((rule) => `  ${rule.id}: off\n`)
  .join("")}`;

/** A workspace holding a copy of the failing template, optionally edited, and a config file. */
function workspace(edit: (text: string) => string = (t) => t): string {
  const folder = mkdtempSync(path.join(tmpdir(), "workspace-"));
  mkdirSync(path.join(folder, "infra"));
  writeFileSync(path.join(folder, "infra/model.yaml"), edit(readFileSync(TEMPLATE, "utf8")));
  writeFileSync(path.join(folder, ".sagemaker-vpc-guard.yml"), CONFIG);
  return folder;
}

const TITLE = "title=SMBT001%3A Model has no VpcConfig";
const ERROR = `::error ${TITLE},file=infra/model.yaml,line=26,endLine=26,col=3,endColumn=13::Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.`;

describe("the action's inputs", () => {
  it.each([
    [{ "pr-review": "always" }, "input pr-review must be one of off, comment, suggest"],
    [{ annotations: "yes" }, 'input annotations must be true or false (got "yes")'],
    [{ "only-changed": "1" }, 'input only-changed must be true or false (got "1")'],
    [{ scope: "some" }, "input scope must be one of all, referenced"],
    [{ shard: "3/2" }, 'input shard must be i/n with 1 <= i <= n (got "3/2")'],
    [{ "account-id": "12345" }, 'input account-id must be 12 digits (got "12345")'],
    [{ region: "mars" }, 'input region must be an AWS region such as us-east-1 (got "mars")'],
    [{ partition: "gcp" }, 'input partition must be an AWS partition such as aws, aws-cn or aws-us-gov (got "gcp")'],
    [{ vars: "novalue" }, 'input vars needs one NAME=VALUE per line (got "novalue")'],
    [{ "cfn-parameters": "missing.json" }, "input cfn-parameters"],
    [{ config: "none.yml" }, "config file none.yml does not exist"],
    [{ baseline: "none.json" }, "baseline none.json does not exist"],
  ])("fail the step with one line naming a bad input: %j", (inputs, message) => {
    const run = runAction(workspace(), { path: ".", ...inputs });
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(BANNER);
    expect(lines[1]).toContain(`::error::sagemaker-vpc-guard: ${message}`);
  });

  it("names the line and column of a bad key in the config file", () => {
    const root = workspace();
    writeFileSync(path.join(root, ".sagemaker-vpc-guard.yml"), "scope: all\nrulez: {}\n");
    const run = runAction(root, { path: "." });
    expect(run.stdout.trim().split("\n")).toEqual([
      BANNER,
      '::error::sagemaker-vpc-guard: .sagemaker-vpc-guard.yml:2:1: unknown key "rulez" in the configuration',
    ]);
  });
});

describe("the action's reports", () => {
  it("writes the job summary, the same as the summary-markdown output, with links to the commit", () => {
    const run = runAction(
      workspace(),
      { path: "." },
      { GITHUB_REPOSITORY: "acme/infra", GITHUB_SHA: "feedface", GITHUB_SERVER_URL: "https://github.com" },
    );
    expect(run.summary).toBe(readFileSync(run.outputs["summary-markdown"]!, "utf8"));
    expect(run.summary).toContain(
      '| [SMBT001](https://github.com/sagemaker-vpc-guard/sagemaker-vpc-guard/blob/main/docs/rules/SMBT001.md) | error | [model.yaml:26](https://github.com/acme/infra/blob/feedface/infra/model.yaml#L26 "infra/model.yaml:26") | Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC. |',
    );
  });

  it("can leave annotations and the summary out", () => {
    const run = runAction(workspace(), { path: ".", annotations: "false", summary: "false" });
    expect(run.commands).toEqual([`::error::sagemaker-vpc-guard found problems at or above fail-on level "error".`]);
    expect(run.summary).toBe("");
  });

  it("honours a suppression: no annotation, a passing step, and no result in the SARIF code scanning reads", () => {
    const root = workspace((text) =>
      text.replace(
        "  ChurnModel:\n",
        "  # sagemaker-vpc-guard:ignore SMBT001 replaced by the VPC model in OPS-12\n  ChurnModel:\n",
      ),
    );
    const run = runAction(root, { path: ".", "sarif-category": "infra", shard: "1/2" });
    expect(run.status).toBe(0);
    expect(run.commands).toEqual([]);
    expect(run.outputs).toMatchObject({ findings: "0", errors: "0" });
    const sarif = JSON.parse(readFileSync(run.outputs["sarif-file"]!, "utf8"));
    expect(sarif.runs[0].automationDetails).toEqual({ id: "infra/shard-1-of-2/" });
    // Code scanning would open an alert for it: it is left out, and counted.
    expect(sarif.runs[0].results).toEqual([]);
    expect(sarif.runs[0].properties).toEqual({ "sagemakerVpcGuard/leftOut": { suppressed: 1, baselined: 0 } });
    // The CLI lists it, with its justification, on request.
    const cli = spawnSync(
      process.execPath,
      [path.join(PROJECT_ROOT, "dist/cli.js"), "scan", "--format", "sarif", "--sarif-set-aside", "include"],
      { cwd: root, encoding: "utf8" },
    );
    expect(JSON.parse(cli.stdout).runs[0].results[0].suppressions).toEqual([
      {
        kind: "inSource",
        justification: "replaced by the VPC model in OPS-12",
        location: {
          physicalLocation: {
            artifactLocation: { uri: "infra/model.yaml", uriBaseId: "%SRCROOT%" },
            region: { startLine: 26, startColumn: 3, endLine: 26, endColumn: 75 },
          },
        },
      },
    ]);
  });

  it("reports a malformed suppression as SMBT019 and the finding again", () => {
    const root = workspace((text) =>
      text.replace("  ChurnModel:\n", "  # sagemaker-vpc-guard:ignore SMBT001\n  ChurnModel:\n"),
    );
    const run = runAction(root, { path: ".", "fail-on": "never" });
    expect(run.commands).toEqual([
      `::error ${TITLE},file=infra/model.yaml,line=27,endLine=27,col=3,endColumn=13::Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.`,
      "::warning title=SMBT019%3A Malformed suppression,file=infra/model.yaml,line=26,endLine=26,col=3,endColumn=39::Suppression of SMBT001 has no reason; write why after the rule ids. The findings are reported.",
    ]);
  });

  it("keeps baselined findings out of annotations, the exit code and the SARIF code scanning reads", () => {
    const root = workspace();
    const cli = spawnSync(
      process.execPath,
      [path.join(PROJECT_ROOT, "dist/cli.js"), "baseline", "create", "baseline.json"],
      { cwd: root, encoding: "utf8" },
    );
    expect(cli.stderr).toBe("Wrote 1 finding to baseline.json.\n");
    // Lines added above the model do not make it new.
    writeFileSync(
      path.join(root, "infra/model.yaml"),
      `# moved down\n\n${readFileSync(path.join(root, "infra/model.yaml"), "utf8")}`,
    );
    const run = runAction(root, { path: ".", baseline: "baseline.json" });
    expect(run.status).toBe(0);
    expect(run.commands).toEqual([]);
    const sarif = JSON.parse(readFileSync(run.outputs["sarif-file"]!, "utf8"));
    expect(sarif.runs[0].results).toEqual([]);
    expect(sarif.runs[0].properties).toEqual({ "sagemakerVpcGuard/leftOut": { suppressed: 0, baselined: 1 } });
  });
});

describe("the action on a pull request", () => {
  let github: FakeGitHub | undefined;
  afterEach(async () => {
    await github?.close();
    github = undefined;
  });

  it("reviews the changed lines, never prints the token, and degrades when it may not write", async () => {
    const root = workspace();
    // The head checked out: its lines need no mapping, so no file is read from the API.
    const git = (...args: string[]) =>
      spawnSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.com", ...args], {
        cwd: root,
        encoding: "utf8",
      });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "head");
    const headSha = git("rev-parse", "HEAD").stdout.trim();
    const event = path.join(root, "..", `${path.basename(root)}-event.json`);
    writeFileSync(event, JSON.stringify({ pull_request: { number: 3, head: { sha: headSha } } }));
    const patch = `@@ -20,3 +20,9 @@\n${readFileSync(TEMPLATE, "utf8")
      .split("\n")
      .slice(19, 28)
      .map((line) => `+${line}`)
      .join("\n")}`;
    github = await startFakeGitHub({
      "GET /repos/acme/infra/pulls/3/files?per_page=100": {
        body: [{ filename: "infra/model.yaml", status: "added", patch }],
      },
      "GET /repos/acme/infra/pulls/3/comments?per_page=100": { body: [] },
      "POST /repos/acme/infra/pulls/3/reviews": {
        status: 403,
        body: { message: "Resource not accessible by integration" },
      },
    });
    const token = "ghs_secret_value_123";
    const run = await runActionAsync(
      root,
      { path: ".", "pr-review": "suggest", "only-changed": "true", "github-token": token },
      {
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: event,
        GITHUB_REPOSITORY: "acme/infra",
        GITHUB_API_URL: github.url,
      },
    );
    // The runner masks what ::add-mask:: names; nothing else may show it.
    expect(run.stdout.split("\n").filter((line) => line.includes(token))).toEqual([`::add-mask::${token}`]);
    expect(run.commands).toEqual([
      `::add-mask::${token}`,
      "::notice::sagemaker-vpc-guard: could not write the pull request review (GitHub answered HTTP 403 to POST /repos/acme/infra/pulls/3/reviews: Resource not accessible by integration; a pull request from a fork gets a read-only token). The findings are in the annotations and the job summary.",
      ERROR,
      `::error::sagemaker-vpc-guard found problems at or above fail-on level "error".`,
    ]);
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /repos/acme/infra/pulls/3/files?per_page=100",
      "GET /repos/acme/infra/pulls/3/comments?per_page=100",
      "POST /repos/acme/infra/pulls/3/reviews",
    ]);
    expect((github.requests[2]!.body as { comments: unknown[] }).comments).toEqual([
      expect.objectContaining({
        path: "infra/model.yaml",
        line: 26,
        side: "RIGHT",
        body: expect.stringContaining("Model ChurnModel is used by batch transform job NightlyScoring"),
      }),
    ]);
  });
});

describe("the review on a merge checkout", () => {
  let github: FakeGitHub | undefined;
  afterEach(async () => {
    await github?.close();
    github = undefined;
  });

  const HEAD_SHA = "1111111111111111111111111111111111111111";
  const HEAD_TEXT = readFileSync(
    path.join(FIXTURES, "rules/SMBT001/cloudformation-literal-name/template.yaml"),
    "utf8",
  );
  /** What the base branch added above the model after the PR branched. */
  const BASE_LINES = "Metadata:\n  Owner: platform-team\n  Reviewed: 2026-11-30\n\n";
  const git = (cwd: string, ...args: string[]) =>
    spawnSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.com", ...args], { cwd, encoding: "utf8" });

  /** A repository checked out at the merge commit: the head's template with the base's lines above the model. */
  function mergeCheckout(merged: string): string {
    const root = mkdtempSync(path.join(tmpdir(), "merge-"));
    mkdirSync(path.join(root, "infra"));
    writeFileSync(path.join(root, "infra/template.yaml"), merged);
    writeFileSync(path.join(root, ".sagemaker-vpc-guard.yml"), CONFIG);
    git(root, "init", "-q");
    git(root, "add", ".");
    git(root, "commit", "-qm", "merge");
    return root;
  }

  async function review(merged: string) {
    const root = mergeCheckout(merged);
    const event = path.join(root, "..", `${path.basename(root)}-event.json`);
    writeFileSync(event, JSON.stringify({ pull_request: { number: 5, head: { sha: HEAD_SHA } } }));
    // The PR's diff (head numbering): it added lines 126-140 of the head's template.
    const patch = `@@ -125,0 +126,15 @@\n${HEAD_TEXT.split("\n")
      .slice(125, 140)
      .map((line) => `+${line}`)
      .join("\n")}`;
    github = await startFakeGitHub({
      "GET /repos/acme/infra/pulls/5/files?per_page=100": {
        body: [{ filename: "infra/template.yaml", status: "modified", patch }],
      },
      "GET /repos/acme/infra/pulls/5/comments?per_page=100": { body: [] },
      [`GET /repos/acme/infra/contents/infra%2Ftemplate.yaml?ref=${HEAD_SHA}`]: {
        body: {
          type: "file",
          encoding: "base64",
          path: "infra/template.yaml",
          content: Buffer.from(HEAD_TEXT).toString("base64"),
        },
      },
      "GET /repos/acme/infra/pulls/5/reviews?per_page=100": { body: [] },
      "POST /repos/acme/infra/pulls/5/reviews": { body: { id: 1 } },
    });
    const run = await runActionAsync(
      root,
      { path: ".", "pr-review": "suggest", "github-token": "ghs_token" },
      {
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: event,
        GITHUB_REPOSITORY: "acme/infra",
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_RUN_ID: "77",
        GITHUB_API_URL: github.url,
      },
    );
    return { run, requests: github.requests };
  }

  it("posts the suggestion on the head's lines, and applied there it parses and removes the finding", async () => {
    const merged = HEAD_TEXT.replace("Resources:\n", `${BASE_LINES}Resources:\n`);
    const { run, requests } = await review(merged);
    expect(run.status).toBe(1);
    // Annotations are on the checked-out (merge) lines: 133 + 4.
    expect(run.commands).toEqual([
      "::add-mask::ghs_token",
      "::error title=SMBT001%3A Model has no VpcConfig,file=infra/template.yaml,line=137,endLine=137,col=3,endColumn=13::Model ChurnModel is used by batch transform job NightlyScoring (linked by the model's literal name, not by a reference) but has no VpcConfig: the job runs outside the VPC.",
      `::error::sagemaker-vpc-guard found problems at or above fail-on level "error".`,
    ]);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /repos/acme/infra/pulls/5/files?per_page=100",
      "GET /repos/acme/infra/pulls/5/comments?per_page=100",
      `GET /repos/acme/infra/contents/infra%2Ftemplate.yaml?ref=${HEAD_SHA}`,
      "POST /repos/acme/infra/pulls/5/reviews",
    ]);
    const posted = requests[3]!.body as {
      commit_id: string;
      body: string;
      comments: { path: string; line: number; start_line?: number; side: string; body: string }[];
    };
    expect(posted.commit_id).toBe(HEAD_SHA);
    expect(posted.body).toBe(
      "sagemaker-vpc-guard: 1 new finding in the files this pull request changes: 1 as a comment on its line.",
    );
    expect(posted.comments.map(({ body, ...where }) => where)).toEqual([
      { path: "infra/template.yaml", line: 136, side: "RIGHT" },
    ]);
    // GitHub replaces the commented lines of the head's file with the suggestion.
    const suggestion = /```suggestion\n([\s\S]*?)\n```/.exec(posted.comments[0]!.body)![1]!;
    const lines = HEAD_TEXT.split("\n");
    lines.splice(135, 1, ...suggestion.split("\n"));
    const fixed = mkdtempSync(path.join(tmpdir(), "applied-"));
    writeFileSync(path.join(fixed, "template.yaml"), lines.join("\n"));
    writeFileSync(path.join(fixed, ".sagemaker-vpc-guard.yml"), CONFIG);
    const rescan = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "dist/cli.js"), "scan"], {
      cwd: fixed,
      encoding: "utf8",
    });
    expect(rescan.stdout).toBe("0 errors, 0 warnings, 0 notes in 1 file.\n");
    expect(rescan.status).toBe(0);
  });

  it("posts no comment when the finding's lines differ at the head, and lists it in the body", async () => {
    // The base also rewrote the model's header line: it cannot be paired with the head's.
    const merged = HEAD_TEXT.replace("Resources:\n", `${BASE_LINES}Resources:\n`).replace(
      "  ChurnModel:\n    Type: AWS::SageMaker::Model\n",
      "  ChurnModel: # scoring model\n    Type: AWS::SageMaker::Model\n",
    );
    const { requests } = await review(merged);
    const posted = requests.at(-1)!.body as { body: string; comments: unknown[] };
    expect(requests.map((r) => `${r.method} ${r.path}`).slice(-2)).toEqual([
      "GET /repos/acme/infra/pulls/5/reviews?per_page=100",
      "POST /repos/acme/infra/pulls/5/reviews",
    ]);
    expect(posted.comments).toEqual([]);
    expect(posted.body.split("\n").slice(0, 5)).toEqual([
      "sagemaker-vpc-guard: 1 new finding in the files this pull request changes: 1 listed here.",
      "",
      "1 error: on lines that differ between the scanned checkout and the head commit.",
      "",
      `- **SMBT001** (error) [infra/template.yaml](https://github.com/acme/infra/blob/${HEAD_SHA}/infra/template.yaml): Model ChurnModel is used by batch transform job NightlyScoring (linked by the model's literal name, not by a reference) but has no VpcConfig: the job runs outside the VPC.`,
    ]);
  });
});
