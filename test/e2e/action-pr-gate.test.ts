/**
 * The built action as a pull request gate: nothing a scanned file says becomes
 * a workflow command, only-changed keeps every finding a change can produce,
 * and failures (files, the GitHub API) are loud and specific.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FIXTURES, PROJECT_ROOT } from "../helpers/scan.js";
import { BANNER, commandsTheRunnerRuns, runAction, runActionAsync } from "../helpers/action.js";
import { startFakeGitHub, type FakeGitHub, type Reply } from "../github/fake-github.js";
import { RULES } from "../../rules/index.js";

const TEMPLATE = readFileSync(path.join(FIXTURES, "cloudformation/smbt001/fail-model-without-vpc.yaml"), "utf8");
const CLI = path.join(PROJECT_ROOT, "dist/cli.js");

const onlyRules = (...ids: string[]) =>
  `rules:\n${RULES.filter((rule) => !ids.includes(rule.id) && rule.id !== "SMBT020")
    .map((rule) => `  ${rule.id}: off\n`)
    .join("")}`;

function folder(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "workspace-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

/** An annotation's title property as the runner reads it, from the rule's title (titles change; tests follow). */
const titleOf = (id: string) =>
  `title=${`${id}: ${RULES.find((rule) => rule.id === id)?.findingTitle}`.replace(/%/g, "%25").replace(/:/g, "%3A").replace(/,/g, "%2C")}`;
const SMBT001 = titleOf("SMBT001");

describe("scanned text never becomes a workflow command", () => {
  const HOSTILE_ID = '"ChurnModel\\n::error title=Injected::from a logical id"';
  const hostile = () =>
    folder({
      ".sagemaker-vpc-guard.yml": onlyRules("SMBT000", "SMBT001"),
      "infra/model.yaml": TEMPLATE.replace("  ChurnModel:\n", `  ${HOSTILE_ID}:\n`).replace(
        "!GetAtt ChurnModel.ModelName",
        `!GetAtt [${HOSTILE_ID}, ModelName]`,
      ),
      "infra/evil\n::error title=Injected::from a file name.yaml": TEMPLATE,
      "tf/main.tf": [
        'resource "aws_sagemaker_model" "churn\\n::error title=Injected::from a label" {',
        '  execution_role_arn = "arn:aws:iam::123456789012:role/sm"',
        '  primary_container { image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:1" }',
        '  tags = { Name = "x\\n::error title=Injected::from a tag value", "##[error]key" = "##[error]value" }',
        "}",
        "",
      ].join("\n"),
    });

  it("in the action's log: the runner runs only the action's own commands", () => {
    const run = runAction(hostile(), { path: "." });
    expect(run.status).toBe(1);
    expect(commandsTheRunnerRuns(run.stdout)).toEqual([
      "::group::Scan",
      "::endgroup::",
      "::group::Findings",
      "::endgroup::",
      `::error ${SMBT001},file=infra/evil%0A%3A%3Aerror title=Injected%3A%3Afrom a file name.yaml,line=26,endLine=26,col=3,endColumn=13::Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.`,
      `::error ${SMBT001},file=infra/model.yaml,line=26,endLine=26,col=3,endColumn=58::Model ChurnModel%0A::error title=Injected::from a logical id is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.`,
      `::warning ${SMBT001},file=tf/main.tf,line=1,endLine=1,col=1,endColumn=77::Model aws_sagemaker_model.churn%0A::error title=Injected::from a label has no VpcConfig; no batch transform job in the scan uses it, but one that does would run outside the VPC.`,
      `::error::sagemaker-vpc-guard found problems at or above fail-on level "error".`,
    ]);
    // The text is still in the log, between ::stop-commands:: and its token.
    const stop = /^::stop-commands::([0-9a-f-]{36})$/m.exec(run.stdout)![1]!;
    expect(run.stdout).toContain(
      `::stop-commands::${stop}\ninfra/evil\n::error title=Injected::from a file name.yaml:26:3 error SMBT001 Model ChurnModel is used`,
    );
    expect(run.stdout).toContain(`2 errors, 1 warning, 0 notes in 3 files.\n::${stop}::\n`);
  });

  it("in the CLI's text report on a runner, and in its messages on stderr", () => {
    const root = hostile();
    const cli = spawnSync(process.execPath, [CLI, "scan", "--annotations", "--fail-on", "never"], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", GITHUB_ACTIONS: "true" },
    });
    expect(cli.status).toBe(0);
    expect(commandsTheRunnerRuns(cli.stdout)).toEqual([
      `::error ${SMBT001},file=infra/evil%0A%3A%3Aerror title=Injected%3A%3Afrom a file name.yaml,line=26,endLine=26,col=3,endColumn=13::Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.`,
      `::error ${SMBT001},file=infra/model.yaml,line=26,endLine=26,col=3,endColumn=58::Model ChurnModel%0A::error title=Injected::from a logical id is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.`,
      `::warning ${SMBT001},file=tf/main.tf,line=1,endLine=1,col=1,endColumn=77::Model aws_sagemaker_model.churn%0A::error title=Injected::from a label has no VpcConfig; no batch transform job in the scan uses it, but one that does would run outside the VPC.`,
    ]);
    expect(cli.stdout).toMatch(/^::stop-commands::[0-9a-f-]{36}\ninfra\/evil\n::error title=Injected::/m);
    // Off a runner the text is as it was.
    const plain = spawnSync(process.execPath, [CLI, "scan", "--fail-on", "never"], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(
      plain.stdout.startsWith("infra/evil\n::error title=Injected::from a file name.yaml:26:3 error SMBT001"),
    ).toBe(true);
  });
});

describe("only-changed", () => {
  let github: FakeGitHub | undefined;
  afterEach(async () => {
    await github?.close();
    github = undefined;
  });

  const PULL = "/repos/acme/infra/pulls/5";
  const EVENT = { pull_request: { number: 5, head: { sha: "abc1234def5678" } } };

  /** The SMBT012 stack in stacks/scoring (its job runs `var.instance_count` = 4 instances) and an unrelated template. */
  function stacks(config = onlyRules("SMBT000", "SMBT001", "SMBT012")): string {
    const root = folder({ ".sagemaker-vpc-guard.yml": config, "other/model.yaml": TEMPLATE });
    cpSync(path.join(FIXTURES, "rules/SMBT012/terraform-fail"), path.join(root, "stacks/scoring"), {
      recursive: true,
      filter: (source) => !source.endsWith("expected.txt"),
    });
    writeFileSync(path.join(root, "event.json"), JSON.stringify(EVENT));
    return root;
  }

  async function onPullRequest(root: string, files: object[], inputs: Record<string, string> = {}) {
    github = await startFakeGitHub({ [`GET ${PULL}/files?per_page=100`]: { body: files } });
    return runActionAsync(
      root,
      { path: ".", "only-changed": "true", "github-token": "ghs_token", ...inputs },
      {
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: path.join(root, "event.json"),
        GITHUB_REPOSITORY: "acme/infra",
        GITHUB_API_URL: github.url,
      },
    );
  }

  const VARIABLES_PATCH =
    '@@ -19,5 +19,5 @@\n variable "instance_count" {\n   description = "Instances of the nightly batch transform job"\n   type        = number\n-  default     = 1\n+  default     = 4\n }';
  const SMBT012 = `::error ${titleOf("SMBT012")},file=stacks/scoring/network.tf,line=60,endLine=60,col=1,endColumn=42::Security group aws_security_group.sagemaker of model aws_sagemaker_model.churn allows no inbound traffic from members of the group on all protocols and ports; aws_sfn_state_machine.nightly_scoring#Score runs 4 instances, whose containers must talk to each other.`;

  it("keeps the error a change to variables.tf makes in the untouched network.tf, and says what it left out", async () => {
    const run = await onPullRequest(stacks(), [
      { filename: "stacks/scoring/variables.tf", status: "modified", patch: VARIABLES_PATCH },
    ]);
    expect(run.status).toBe(1);
    expect(run.commands).toEqual([
      "::add-mask::ghs_token",
      SMBT012,
      `::error::sagemaker-vpc-guard found problems at or above fail-on level "error".`,
    ]);
    expect(run.stdout).toContain(
      "::group::Pull request #5\nPull request #5 changes 1 file.\nonly-changed: left out 1 error that depends on no file the pull request changes.\n::endgroup::",
    );
    expect(run.stdout).toContain(
      "1 error, 0 warnings, 0 notes in 5 files (1 error in unchanged files left out by only-changed not shown).",
    );
    expect(run.outputs).toMatchObject({ findings: "1", errors: "1" });
    expect(run.summary).toContain("| Error | 1 shown, 1 left out by only-changed |\n| Warning | 0 |\n| Note | 0 |");
    expect(run.summary).toContain(
      "5 files analysed. only-changed left out 1 finding that depends on no file the pull request changes (listed in the SARIF report); a run without only-changed reports them.",
    );
  });

  it("never reports 0 errors when it left errors out", async () => {
    const run = await onPullRequest(stacks(), [
      { filename: "README.md", status: "modified", patch: "@@ -1 +1 @@\n-a\n+b" },
    ]);
    expect(run.status).toBe(0);
    expect(run.commands).toEqual(["::add-mask::ghs_token"]);
    expect(run.outputs).toMatchObject({ findings: "0", errors: "0" });
    expect(run.summary).toContain("| Error | 0 shown, 2 left out by only-changed |");
  });

  it("counts a change to a file the pull request deletes or renames away", async () => {
    const run = await onPullRequest(stacks(), [
      { filename: "stacks/scoring/sg-rules.tf", status: "removed" },
      { filename: "other/renamed.yaml", previous_filename: "other/model.yaml", status: "renamed" },
    ]);
    expect(run.commands).toEqual([
      "::add-mask::ghs_token",
      `::error ${SMBT001},file=other/model.yaml,line=26,endLine=26,col=3,endColumn=13::Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.`,
      SMBT012,
      `::error::sagemaker-vpc-guard found problems at or above fail-on level "error".`,
    ]);
  });

  it.each([
    [".sagemaker-vpc-guard.yml", {}],
    ["baseline.json", { baseline: "baseline.json" }],
    ["vars/prod.tfvars", { "var-files": "vars/prod.tfvars" }],
  ])("reports every finding when the pull request changes %s, which every finding depends on", async (file, inputs) => {
    const root = stacks();
    writeFileSync(path.join(root, "baseline.json"), JSON.stringify({ version: 1, findings: [] }));
    mkdirSync(path.join(root, "vars"));
    writeFileSync(path.join(root, "vars/prod.tfvars"), "");
    const run = await onPullRequest(
      root,
      [{ filename: file, status: "modified", patch: "@@ -1 +1 @@\n-a\n+b" }],
      inputs,
    );
    expect(run.outputs).toMatchObject({ errors: "2" });
    expect(run.stdout).toContain(
      `only-changed: reporting every finding, since the pull request changes ${file}, which every finding depends on.`,
    );
  });
});

describe("failures are loud and specific", () => {
  let github: FakeGitHub | undefined;
  afterEach(async () => {
    await github?.close();
    github = undefined;
  });

  const CHURN_ERROR = `::error ${SMBT001},file=infra/model.yaml,line=26,endLine=26,col=3,endColumn=13::Model ChurnModel is used by batch transform job NightlyScoring but has no VpcConfig: the job runs outside the VPC.`;
  const FAILED = `::error::sagemaker-vpc-guard found problems at or above fail-on level "error".`;
  const workspace = () =>
    folder({ ".sagemaker-vpc-guard.yml": onlyRules("SMBT000", "SMBT001"), "infra/model.yaml": TEMPLATE });

  it("creates the sarif-file's folder", () => {
    const root = workspace();
    const run = runAction(root, { path: ".", "sarif-file": "reports/security/guard.sarif" });
    expect(run.outputs["sarif-file"]).toBe(path.join(root, "reports/security/guard.sarif"));
    expect(
      JSON.parse(readFileSync(path.join(root, "reports/security/guard.sarif"), "utf8")).runs[0].results,
    ).toHaveLength(1);
  });

  it("names the input it could not write, and still annotates, summarises and sets outputs", () => {
    const root = workspace();
    mkdirSync(path.join(root, "taken"));
    writeFileSync(path.join(root, "file"), "");
    for (const [sarifFile, reason] of [
      ["taken", "it is a folder (EISDIR)"],
      ["file/guard.sarif", "a part of its path is a file, not a folder (EEXIST)"],
    ] as const) {
      const run = runAction(root, { path: ".", "sarif-file": sarifFile });
      expect(run.status).toBe(1);
      expect(run.commands).toEqual([
        CHURN_ERROR,
        `::error::sagemaker-vpc-guard: could not write sarif-file ${sarifFile}: ${reason}`,
        FAILED,
      ]);
      expect(run.outputs).toMatchObject({ findings: "1", errors: "1" });
      expect(run.outputs["sarif-file"]).toBeUndefined();
      expect(run.summary).toContain("| Error | 1 |");
    }
  });

  it("in the CLI: --output and --sarif folders are created; a write error is one line, the other reports are written", () => {
    const root = workspace();
    mkdirSync(path.join(root, "taken"));
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, "scan", ...args], {
        cwd: root,
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "" },
      });
    const ok = cli("--output", "out/a/report.txt", "--sarif", "out/b/report.sarif");
    expect(ok.status).toBe(1);
    expect(readFileSync(path.join(root, "out/a/report.txt"), "utf8")).toContain(
      "1 error, 0 warnings, 0 notes in 1 file.",
    );
    expect(existsSync(path.join(root, "out/b/report.sarif"))).toBe(true);
    const bad = cli("--output", "taken", "--sarif", "out/c/report.sarif", "--summary", "out/d/summary.md");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("sagemaker-vpc-guard: could not write --output taken: it is a folder (EISDIR)\n");
    expect(existsSync(path.join(root, "out/c/report.sarif"))).toBe(true);
    expect(readFileSync(path.join(root, "out/d/summary.md"), "utf8")).toContain("| Error | 1 |");
  });

  const PULL = "/repos/acme/infra/pulls/9";
  const HEAD = "abc1234def567890abc1234def567890abc12345";
  const PATCH = `@@ -20,9 +20,9 @@\n${TEMPLATE.split("\n")
    .slice(19, 28)
    .map((line) => `+${line}`)
    .join("\n")}`;

  async function review(reviewReplies: Reply[], extra: Record<string, string> = {}, filesReplies?: Reply[]) {
    const root = workspace();
    // The head checked out (a detached HEAD): its lines need no mapping to the head's.
    mkdirSync(path.join(root, ".git"));
    writeFileSync(path.join(root, ".git/HEAD"), `${HEAD}\n`);
    writeFileSync(path.join(root, "event.json"), JSON.stringify({ pull_request: { number: 9, head: { sha: HEAD } } }));
    const files = { body: [{ filename: "infra/model.yaml", status: "modified", patch: PATCH }] };
    github = await startFakeGitHub({
      [`GET ${PULL}/files?per_page=100`]: filesReplies ? [...filesReplies, files] : files,
      [`GET ${PULL}/comments?per_page=100`]: { body: [] },
      [`POST ${PULL}/reviews`]: reviewReplies,
    });
    return runActionAsync(
      root,
      { path: ".", "pr-review": "comment", "github-token": "ghs_token" },
      {
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: path.join(root, "event.json"),
        GITHUB_REPOSITORY: "acme/infra",
        GITHUB_API_URL: github.url,
        ...extra,
      },
    );
  }
  const requests = () => github!.requests.map((r) => `${r.method} ${r.path}`);

  it("says what it posted, in groups after a version banner", async () => {
    const run = await review([{ body: { id: 1 } }]);
    expect(run.stdout.split("\n").slice(0, 9)).toEqual([
      BANNER,
      "::add-mask::ghs_token",
      "::group::Scan",
      "Scanned 1 file: 1 error.",
      "::endgroup::",
      "::group::Pull request #9",
      "Pull request #9 changes 1 file.",
      "Posted a review with 1 comment on abc1234.",
      "::endgroup::",
    ]);
    expect(run.commands).toEqual(["::add-mask::ghs_token", CHURN_ERROR, FAILED]);
  });

  it("retries a 5xx and a secondary rate limit, with backoff", async () => {
    const run = await review(
      [
        {
          status: 403,
          body: { message: "You have exceeded a secondary rate limit." },
          headers: { "retry-after": "1" },
        },
        { body: { id: 1 } },
      ],
      {},
      [{ status: 502, body: { message: "Server Error" } }],
    );
    expect(requests()).toEqual([
      `GET ${PULL}/files?per_page=100`,
      `GET ${PULL}/files?per_page=100`,
      `GET ${PULL}/comments?per_page=100`,
      `POST ${PULL}/reviews`,
      `POST ${PULL}/reviews`,
    ]);
    expect(run.stdout).toContain(`GitHub's secondary rate limit stopped POST ${PULL}/reviews: retrying in 1 s.\n`);
    expect(run.stdout).toContain("Posted a review with 1 comment on abc1234.");
    expect(run.status).toBe(1);
  });

  it("shows GitHub's status and message when it refuses, and still reports", async () => {
    const run = await review([
      { status: 422, body: { message: "Validation Failed", errors: ["Review body is too long"] } },
    ]);
    expect(run.commands).toEqual([
      "::add-mask::ghs_token",
      `::warning::sagemaker-vpc-guard: could not post the pull request review: GitHub answered HTTP 422 to POST /repos/acme/infra/pulls/9/reviews: Validation Failed: "Review body is too long". The findings are in the annotations and the job summary.`,
      CHURN_ERROR,
      FAILED,
    ]);
    expect(run.outputs).toMatchObject({ errors: "1" });
  });

  it("adds each request to the log with RUNNER_DEBUG=1", async () => {
    const run = await review([{ body: { id: 1 } }], { RUNNER_DEBUG: "1" });
    expect(run.commands.filter((line) => line.startsWith("::debug::GitHub API"))).toEqual([
      `::debug::GitHub API: GET ${PULL}/files?per_page=100 → 200`,
      `::debug::GitHub API: GET ${PULL}/comments?per_page=100 → 200`,
      `::debug::GitHub API: POST ${PULL}/reviews → 200`,
    ]);
  });
});
