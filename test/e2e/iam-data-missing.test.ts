/**
 * The built CLI without its IAM data file (dist/iam-data.json, as a broken install would be):
 * no crash, and every AWS managed policy is Unknown — "could not verify", never "not allowed".
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, PROJECT_ROOT } from "../helpers/scan.js";
import { onlyRulesConfigFile } from "../report/only-rules.js";

const CONFIG = onlyRulesConfigFile("SMBT003", "SMBT017");

describe("the CLI without dist/iam-data.json", () => {
  // A copy of the bundle in a folder with no iam-data.json beside it or in any dist/ above it.
  const dir = mkdtempSync(path.join(tmpdir(), "smvg-no-iam-data-"));
  copyFileSync(path.join(PROJECT_ROOT, "dist/cli.js"), path.join(dir, "cli.js"));
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [path.join(dir, "cli.js"), ...args], { cwd: FIXTURES, encoding: "utf8" });

  it("says so in --version", () => {
    const run = cli(["--version"]);
    expect(run.stdout.split("\n").slice(1)).toEqual([
      "IAM data: iam-data.json is missing (npm run build writes it into dist/)",
      "",
    ]);
    expect(run.status).toBe(0);
  });

  it("reports managed-policy roles as not verifiable, and no error", () => {
    const run = cli(["scan", "rules/SMBT003/cloudformation-managed-policies", "--config", CONFIG]);
    const nine =
      "ec2:CreateNetworkInterface, ec2:CreateNetworkInterfacePermission, ec2:DeleteNetworkInterface, ec2:DeleteNetworkInterfacePermission, ec2:DescribeNetworkInterfaces, ec2:DescribeVpcs, ec2:DescribeDhcpOptions, ec2:DescribeSubnets, ec2:DescribeSecurityGroups";
    const missing = "cannot be read: iam-data.json is missing (npm run build writes it into dist/) (SMBT003 skipped).";
    const file = "rules/SMBT003/cloudformation-managed-policies/template.yaml";
    expect(run.stdout.split("\n")).toEqual([
      `${file}:102:11 note SMBT017 Could not verify whether role LambdaStyleRole allows ${nine}: arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole ${missing}`,
      `${file}:117:11 note SMBT017 Could not verify whether role StudioUserRole allows ${nine}: arn:aws:iam::aws:policy/SageMakerStudioUserIAMDefaultExecutionPolicy ${missing}`,
      `${file}:130:11 note SMBT017 Could not verify whether role ProjectRole allows ${nine}: arn:aws:iam::aws:policy/SageMakerStudioProjectRoleMachineLearningPolicy ${missing}`,
      "0 errors, 0 warnings, 3 notes in 1 file.",
      "",
    ]);
    expect(run.status).toBe(0);
  });
});
