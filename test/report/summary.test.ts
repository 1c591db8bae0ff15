import { describe, expect, it } from "vitest";
import { JSDOM } from "jsdom";
import { renderSummary } from "../../src/report/summary.js";
import { at, result } from "./hand-made.js";
import { chainDiagrams } from "../../src/report/chain-diagrams.js";
import { scanFixtures } from "../helpers/scan.js";

const DOC = "https://github.com/sagemaker-vpc-guard/sagemaker-vpc-guard/blob/main/docs/rules/SMBT001.md";
const BLOB = "https://github.com/acme/infra/blob/0123456789abcdef";
const DIAGRAM =
  'graph LR\n  job["Job"] --> model["Model"]\n  classDef failing stroke:#d00,stroke-width:2px\n  class model failing\n';

const findings = [
  at(
    "infra/main.tf",
    '"aws_sagemaker_model" "scoring"',
    "SMBT001",
    "error",
    "Model aws_sagemaker_model.scoring has no vpc_config | it runs outside the VPC.",
  ),
  at(
    "cfn/job.yaml",
    "!Ref Model",
    "SMBT001",
    "note",
    "ModelName of Job is a Ref to Model, which returns the model's ARN.",
  ),
  at(
    "infra/main.tf",
    '"aws_security_group" "sm"',
    "SMBT017",
    "note",
    "SMBT012 skipped: aws_vpc.main is not declared in the scan.",
  ),
  {
    ...at("infra/main.tf", "vpc_id", "SMBT001", "warning", "suppressed, so not listed"),
    suppression: { justification: "x", range: at("infra/main.tf", "vpc_id", "SMBT001", "warning", "").range },
  },
];
const scanned = result(findings, undefined, [
  { path: "infra/link.tf", message: "symbolic link to a place outside the root skipped" },
]);

describe("the job summary", () => {
  it("has totals, a linked table of findings, the chains and what could not be verified", () => {
    expect(
      renderSummary(scanned, { blobUrl: BLOB, diagrams: [{ title: "Transform job Job", mermaid: DIAGRAM }] }),
    ).toBe(
      [
        "## sagemaker-vpc-guard",
        "",
        "| Level | Findings |",
        "|---|---:|",
        "| Error | 1 |",
        "| Warning | 0 |",
        "| Note | 2 |",
        "",
        "2 files analysed. Not counted: 1 suppressed (listed in the SARIF report).",
        "",
        "### Findings",
        "",
        "| Rule | Level | Location | Message |",
        "|---|---|---|---|",
        `| [SMBT001](${DOC}) | error | [main.tf:1](${BLOB}/infra/main.tf#L1 "infra/main.tf:1") | Model aws\\_sagemaker\\_model.scoring has no vpc\\_config \\| it runs outside the VPC. |`,
        `| [SMBT001](${DOC}) | note | [job.yaml:5](${BLOB}/cfn/job.yaml#L5 "cfn/job.yaml:5") | ModelName of Job is a Ref to Model, which returns the model's ARN. |`,
        "",
        "### Transform job chains",
        "",
        "Nodes with a failing finding are marked.",
        "",
        "#### Transform job Job",
        "",
        "```mermaid",
        'graph LR\n  job["Job"] --> model["Model"]\n  classDef failing stroke:#d00,stroke-width:2px\n  class model failing',
        "```",
        "",
        "### Could not verify",
        "",
        `- [main.tf:6](${BLOB}/infra/main.tf#L6 "infra/main.tf:6"): SMBT012 skipped: aws\\_vpc.main is not declared in the scan.`,
        "- `infra/link.tf`: symbolic link to a place outside the root skipped",
        "",
      ].join("\n"),
    );
  });

  it("uses plain locations without a commit to link to, and says when there is nothing to analyse", () => {
    expect(renderSummary(result([findings[0]!]))).toContain("| error | `infra/main.tf:1` |");
    expect(renderSummary(result([], []))).toBe(
      [
        "## sagemaker-vpc-guard",
        "",
        "No Terraform or CloudFormation files to analyse.",
        "",
        "| Level | Findings |",
        "|---|---:|",
        "| Error | 0 |",
        "| Warning | 0 |",
        "| Note | 0 |",
        "",
        "0 files analysed.",
        "",
      ].join("\n"),
    );
  });

  it("stays under its size limit, saying how many findings it left out", () => {
    const many = result(
      Array.from({ length: 200 }, (_, i) =>
        at("infra/main.tf", "vpc_id", "SMBT001", "error", `finding ${i} ${"x".repeat(200)}`),
      ),
    );
    const summary = renderSummary(many, { maxBytes: 10_000 });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(10_000);
    const rows = summary.split("\n").filter((line) => line.startsWith("| [SMBT001]"));
    expect(rows.length).toBeGreaterThan(0);
    expect(summary).toContain(
      `${rows.at(-1)}\n\n${200 - rows.length} more findings left out to keep this summary under GitHub's size limit; see the SARIF report.\n`,
    );
  });

  it("leaves diagrams out before findings when space runs short", () => {
    const diagrams = Array.from({ length: 50 }, (_, i) => ({
      title: `Transform job J${i}`,
      mermaid: `${DIAGRAM}  %% ${"x".repeat(300)}`,
    }));
    const summary = renderSummary(result([findings[0]!]), { diagrams, maxBytes: 8_000 });
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(8_000);
    expect(summary).toContain("| [SMBT001]");
    const drawn = summary.split("\n").filter((line) => /^(#### |<details><summary>)/.test(line)).length;
    expect(drawn).toBeGreaterThan(0);
    expect(
      summary.endsWith(
        `\n${50 - drawn} more diagrams left out to keep this summary under GitHub's size limit; see the SARIF report.\n`,
      ),
    ).toBe(true);
  });

  it("orders rows by severity and folds the diagrams after the first three", () => {
    const mixed = result([
      at("infra/main.tf", "vpc_id", "SMBT001", "note", "a note"),
      at("infra/main.tf", "vpc_id", "SMBT001", "warning", "a warning"),
      at("cfn/job.yaml", "!Ref Model", "SMBT001", "error", "an error"),
    ]);
    const diagrams = Array.from({ length: 5 }, (_, i) => ({ title: `Transform job J${i} <a>`, mermaid: DIAGRAM }));
    const summary = renderSummary(mixed, { diagrams });
    const levels = summary.split("\n").flatMap((line) => /^\| \[SMBT001\]\(\S+\) \| (\w+) \|/.exec(line)?.[1] ?? []);
    expect(levels).toEqual(["error", "warning", "note"]);
    const titles = summary.split("\n").filter((line) => /^(#### |<details>)/.test(line));
    expect(titles).toEqual([
      "#### Transform job J0 \\<a\\>",
      "#### Transform job J1 \\<a\\>",
      "#### Transform job J2 \\<a\\>",
      "<details><summary>Transform job J3 &#60;a&#62;</summary>",
      "<details><summary>Transform job J4 &#60;a&#62;</summary>",
    ]);
    expect(summary.match(/<\/details>/g)).toHaveLength(2);
  });

  it("holds Mermaid that mermaid itself parses", async () => {
    const summary = renderSummary(scanned, { diagrams: [{ title: "Transform job Job", mermaid: DIAGRAM }] });
    const blocks = [...summary.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(1);
    for (const block of blocks) expect(await parseMermaid(block)).toMatchObject({ diagramType: "flowchart-v2" });
    await expect(parseMermaid("graph LR\n  a -->")).rejects.toThrow(/Parse error/);
  });
});

describe("the chain diagrams of a real scan", () => {
  it("come from the graph's renderer, one per chain, mark failing models, and parse", async () => {
    const scanned = scanFixtures("cloudformation/smbt001");
    const diagrams = chainDiagrams(scanned);
    expect(diagrams.map((d) => d.title)).toEqual([
      "Transform job WeeklyForecast in cloudformation/smbt001/fail-empty-subnets-and-arn-ref.json",
      "Transform job NightlyScoring in cloudformation/smbt001/fail-model-without-vpc.yaml",
      "Transform job DailyFraudScoring in cloudformation/smbt001/pass-private-vpc.yaml",
      "Model RecommenderModel in cloudformation/smbt001/warn-unused-model.yaml (no transform job in the scan)",
    ]);
    expect(diagrams[1]!.mermaid).toMatch(/\n {2}class ChurnModel_[0-9a-f]{6} finding$/);
    const summary = renderSummary(scanned, { diagrams });
    const blocks = [...summary.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(4);
    for (const block of blocks) expect(await parseMermaid(block)).toMatchObject({ diagramType: "flowchart-v2" });
  });
});

/** mermaid needs a DOM even to parse: jsdom provides one in Node. */
async function parseMermaid(text: string): Promise<unknown> {
  if (!("document" in globalThis)) {
    const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  }
  const { default: mermaid } = await import("mermaid");
  mermaid.initialize({ startOnLoad: false });
  return mermaid.parse(text);
}
