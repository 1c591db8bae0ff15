import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCloudFormation } from "../../src/cloudformation/index.js";
import { readInsideRoot } from "../../src/cloudformation/read-inside-root.js";
import { runCli } from "../../src/commands/main.js";
import { FIXTURES, json, resource, ROOT } from "./helpers.js";

const HEADER = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      Tags: `;

describe("limits", () => {
  it("reports deep YAML nesting as a parse error at its location, and goes on", () => {
    const depth = 20_000;
    const text = `${HEADER + "[".repeat(depth) + "]".repeat(depth)}\n`;
    const result = loadCloudFormation([
      { path: "deep.yaml", text },
      { path: "ok.yaml", text: `${HEADER}[]\n` },
    ]);
    expect(result.templates.map((t) => t.file)).toEqual(["ok.yaml"]);
    expect(result.diagnostics).toHaveLength(1);
    const [diagnostic] = result.diagnostics;
    expect(diagnostic!.range.file).toBe("deep.yaml");
    // Either the yaml package's own error or the loader's depth limit, at a position inside the nesting.
    expect(diagnostic!.range.start.line).toBeGreaterThanOrEqual(6);
  });

  it("stops evaluating intrinsics nested deeper than its counted limit", () => {
    const depth = 250;
    const text = `${HEADER}[{Key: k, Value: ${"{Fn::Base64: ".repeat(depth)}x${"}".repeat(depth)}}]\n`;
    const result = loadCloudFormation([{ path: "t.yaml", text }]);
    expect(json(resource(result, "Data"), "Tags", 0, "Value")).toMatchObject({ $unknown: "LIMIT" });
  });
});

describe("reading inside the root", () => {
  const root = mkdtempSync(path.join(tmpdir(), "cfn-root-"));
  const outside = mkdtempSync(path.join(tmpdir(), "cfn-outside-"));
  mkdirSync(path.join(root, "sm"));
  writeFileSync(path.join(root, "sm/def.json"), "{}");
  writeFileSync(path.join(outside, "secret.json"), "{}");
  symlinkSync(path.join(outside, "secret.json"), path.join(root, "sm/link.json"));

  it("reads a file inside the root", () => {
    expect(readInsideRoot(root, "sm/def.json")).toBe("{}");
    expect(readInsideRoot(root, "sm/../sm/def.json")).toBe("{}");
  });

  it("refuses .. escapes, absolute paths, symlinks leaving the root and folders", () => {
    expect(readInsideRoot(path.join(root, "sm"), "../sm/def.json")).toBeUndefined();
    expect(readInsideRoot(root, path.join(outside, "secret.json"))).toBeUndefined();
    expect(readInsideRoot(root, "sm/link.json")).toBeUndefined();
    expect(readInsideRoot(root, "sm")).toBeUndefined();
    expect(readInsideRoot(root, "sm/missing.json")).toBeUndefined();
  });
});

describe("sagemaker-vpc-guard debug cloudformation", () => {
  const run = async (...args: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await runCli(["debug", "cloudformation", ...args], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      cwd: ROOT,
    });
    return { code, stdout, stderr };
  };

  it("prints every resource, those whose condition is false included", async () => {
    const { code, stdout } = await run(
      `${FIXTURES}/intrinsics/batch-transform-stack.yaml`,
      "--region",
      "eu-west-1",
      "--cfn-parameters",
      "Environment=dev",
    );
    expect(code).toBe(0);
    const { resources } = JSON.parse(stdout) as { resources: Record<string, unknown>[] };
    expect(resources.map((r) => r.logicalId)).toContain("PublicRouteTable");
    expect(resources.find((r) => r.logicalId === "DevOnlyBucket")).toEqual({
      file: `${FIXTURES}/intrinsics/batch-transform-stack.yaml`,
      logicalId: "DevOnlyBucket",
      type: "AWS::S3::Bucket",
      line: 126,
      condition: { name: "IsDev", value: true },
      exists: true,
      properties: { BucketName: "ml-batch-data-dev" },
    });
    expect(resources.find((r) => r.logicalId === "PublicRouteTable")).toMatchObject({
      condition: { name: "ShareMaybe", value: false },
      exists: false,
    });
    expect(resources.find((r) => r.logicalId === "S3Endpoint")?.properties).toMatchObject({
      ServiceName: "com.amazonaws.eu-west-1.s3",
      VpcId: { $ref: "Vpc" },
    });
    expect(resources.find((r) => r.logicalId === "Vpc")?.condition).toBeNull();
  });

  it("names the aws:cdk:path of CDK resources", async () => {
    const { stdout } = await run(`${FIXTURES}/cdk/cdk.out/BatchScoringStack.template.json`);
    const { resources } = JSON.parse(stdout) as { resources: Record<string, unknown>[] };
    expect(resources.find((r) => r.logicalId === "ScoringJob")).toMatchObject({
      displayName: "BatchScoringStack/ScoringJob",
      properties: { ModelName: { $ref: "ScoringModel.ModelName" } },
    });
  });

  it("fails with a usage error for unreadable parameters or files", async () => {
    expect((await run(`${FIXTURES}/sam/template.yaml`, "--cfn-parameters", "nope.json")).code).toBe(2);
    expect((await run("../outside.yaml")).code).toBe(2);
    expect((await run()).stderr).toContain("needs at least one FILE");
  });
});

describe("sagemaker-vpc-guard scan with CloudFormation options", () => {
  it("passes --cfn-parameters, --region, --account-id and --partition to the stage and reports SMBT018", async () => {
    let stdout = "";
    const code = await runCli(
      [
        "scan",
        `${FIXTURES}/smbt018/fail-schema.yaml`,
        "--format",
        "json",
        "--cfn-parameters",
        "ExtraSubnetIds=subnet-0a,subnet-0b",
        "--region",
        "us-west-2",
        "--account-id",
        "123456789012",
        "--partition",
        "aws",
      ],
      { stdout: (t) => (stdout += t), stderr: () => {}, cwd: ROOT },
    );
    expect(code).toBe(1);
    expect(stdout).toContain("did you mean `VpcConfig`?");
    expect(stdout).toContain("SMBT018");
  });
});
