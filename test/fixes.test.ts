/**
 * Every suggested fix of every fixture case, applied to a copy of the case,
 * makes its finding disappear (and adds no error or warning).
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/scan.js";
import type { Finding } from "../src/core/finding.js";
import { FIXTURES, fixtureCases } from "./helpers/scan.js";
import { RULES } from "../rules/index.js";

const scanFolder = (root: string) => scan({ root, paths: [root] }).findings;
const identity = (f: Finding) => `${f.ruleId} ${f.resource}`;
const exact = (f: Finding) => `${identity(f)}: ${f.message}`;

/** Applies a fix's edits to the files under `root`, last edit first so offsets stay valid. */
function applyFix(root: string, finding: Finding): void {
  const byFile = new Map<string, { start: number; end: number; text: string }[]>();
  for (const e of finding.fix!.edits) {
    const list = byFile.get(e.range.file) ?? [];
    list.push({ start: e.range.start.offset, end: e.range.end.offset, text: e.newText });
    byFile.set(e.range.file, list);
  }
  for (const [file, edits] of byFile) {
    let text = readFileSync(path.join(root, file), "utf8");
    for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    writeFileSync(path.join(root, file), text);
  }
}

const withFixes = fixtureCases().flatMap((folder) =>
  scanFolder(folder)
    .filter((f) => f.fix)
    .map((f) => [`${path.relative(FIXTURES, folder)}: ${identity(f)}`, folder, f] as const),
);

describe("suggested fixes", () => {
  it("exist for the fixture cases of the rules that have one", () => {
    expect([...new Set(withFixes.map(([name]) => name))]).toEqual([
      "rules/SMBT001/cloudformation-fail-sibling-model: SMBT001 ChallengerModel",
      "rules/SMBT001/cloudformation-join-fail: SMBT001 ChurnModel",
      "rules/SMBT001/cloudformation-literal-name: SMBT001 ChurnModel",
      "rules/SMBT001/cloudformation-sub-list-fail: SMBT001 ChurnModel",
      "rules/SMBT001/cloudformation-sub-string-fail: SMBT001 ChurnModel",
      "rules/SMBT001/cloudformation-substitutions-fail: SMBT001 ChurnModel",
      "rules/SMBT001/terraform-cdktf-json-fail: SMBT001 aws_sagemaker_model.churn",
      "rules/SMBT001/terraform-endpoint-config-only-note: SMBT001 aws_sagemaker_model.churn",
      "rules/SMBT001/terraform-fail: SMBT001 aws_sagemaker_model.churn",
      "rules/SMBT001/terraform-fail-sibling-model: SMBT001 aws_sagemaker_model.churn_challenger",
      "rules/SMBT001/terraform-heredoc-fail: SMBT001 aws_sagemaker_model.churn",
      "rules/SMBT001/terraform-scheduler-input-text-fail: SMBT001 aws_sagemaker_model.churn",
      "rules/SMBT001/terraform-template-file-data-fail: SMBT001 aws_sagemaker_model.churn",
      "rules/SMBT001/terraform-templatefile-fail: SMBT001 aws_sagemaker_model.churn",
      "rules/SMBT001/terraform-unused-model-warning: SMBT001 aws_sagemaker_model.churn",
      "rules/SMBT002/cloudformation-fail: SMBT002 ChurnModel",
      "rules/SMBT002/terraform-fail: SMBT002 aws_sagemaker_model.churn",
      // SMBT003/terraform-fail has none: an action is explicitly denied.
      "rules/SMBT003/cloudformation-fail: SMBT003 SageMakerRole",
      "rules/SMBT003/cloudformation-managed-policies: SMBT003 LambdaStyleRole",
      "rules/SMBT003/cloudformation-policy-grammar: SMBT003 ScopedRole",
      "rules/SMBT003/terraform-fail-inline-policy: SMBT003 aws_iam_role.sagemaker",
      "rules/SMBT003/terraform-fail-not-allowed: SMBT003 aws_iam_role.sagemaker",
      "rules/SMBT003/terraform-managed-policies: SMBT003 aws_iam_role.lambda_style",
      "rules/SMBT003/terraform-policy-grammar: SMBT003 aws_iam_role.typo",
      "rules/SMBT005/cloudformation-fail: SMBT005 MlVpc",
      "rules/SMBT005/cloudformation-warn-nat-only: SMBT005 MlVpc",
      "rules/SMBT005/terraform-fail: SMBT005 aws_vpc.ml",
      "rules/SMBT005/terraform-warn-nat-only: SMBT005 aws_vpc.ml",
      "rules/SMBT006/cloudformation-fail: SMBT006 S3Endpoint",
      "rules/SMBT006/terraform-fail: SMBT006 aws_vpc_endpoint.s3",
      "rules/SMBT006/terraform-fail-for-each-azs: SMBT006 aws_vpc_endpoint.s3",
      "rules/SMBT011/cloudformation-fail-dns-support: SMBT011 MlVpc",
      "rules/SMBT011/terraform-fail: SMBT011 aws_vpc.ml",
      "rules/SMBT011/terraform-warn-dns-hostnames: SMBT011 aws_vpc.ml",
      "rules/SMBT012/cloudformation-fail: SMBT012 SageMakerSecurityGroup",
      "rules/SMBT012/cloudformation-fail-number-parameter: SMBT012 SageMakerSecurityGroup",
      "rules/SMBT012/terraform-fail: SMBT012 aws_security_group.sagemaker",
      // SMBT013 has no CloudFormation fix: a template cannot name the S3 prefix list (src/graph/adapters/cloudformation-fix.ts).
      "rules/SMBT013/terraform-fail: SMBT013 aws_security_group.sagemaker",
      "rules/SMBT013/terraform-fail-module: SMBT013 module.network.aws_security_group.sagemaker",
      "rules/SMBT014/cloudformation-note-private-dns: SMBT014 LogsEndpoint",
      "rules/SMBT014/terraform-note-private-dns: SMBT014 aws_vpc_endpoint.logs",
      "rules/SMBT015/cloudformation-fail: SMBT015 ChurnModel",
      "rules/SMBT015/terraform-fail: SMBT015 aws_sagemaker_model.churn",
      "stacks/terraform-for-each: SMBT015 aws_sagemaker_model.forecast",
      "synth/cdk: SMBT012 Network/LonelySg/Resource",
      "synth/cdk: SMBT015 Scoring/ScoringModel",
      "synth/cdk: SMBT001 Scoring/UnguardedModel",
      "synth/cdk: SMBT015 Scoring/UnguardedModel",
      "synth/cdk: SMBT001 Scoring/RealtimeModel",
      "synth/cdk: SMBT015 Scoring/RealtimeModel",
      "synth/cdk: SMBT015 Scoring/Nightly/NightlyModel",
      "synth/cdk: SMBT015 WeakScoring/WeakModel",
      "synth/cdk: SMBT015 WeakScoring/LonelyModel",
    ]);
  });

  it("exist in exactly the languages each rule's `fixable` declares (the rules docs print it)", () => {
    const language = (file: string) => (file.endsWith(".tf") ? "terraform" : "cloudformation");
    const seen = new Map<string, Set<string>>();
    for (const [, , finding] of withFixes) {
      const languages = seen.get(finding.ruleId) ?? new Set();
      for (const e of finding.fix!.edits) languages.add(language(e.range.file));
      seen.set(finding.ruleId, languages);
    }
    const declared = RULES.filter((rule) => rule.fixable).map((rule) => [rule.id, [...rule.fixable!].sort()]);
    expect([...seen].map(([id, languages]) => [id, [...languages].sort()]).sort()).toEqual(declared);
  });

  it.each(withFixes)("%s", (_name, folder, finding) => {
    const copy = mkdtempSync(path.join(tmpdir(), "fix-"));
    cpSync(folder, copy, { recursive: true });
    applyFix(copy, finding);
    const after = scanFolder(copy);
    expect(after.map(exact)).not.toContain(exact(finding));
    const before = scanFolder(folder)
      .filter((f) => f.level !== "note")
      .map(identity);
    expect(
      after
        .filter((f) => f.level !== "note")
        .map(identity)
        .filter((id) => !before.includes(id)),
    ).toEqual([]);
  });
});
