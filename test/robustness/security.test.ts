/**
 * Isolation and secrets (issue 9): sensitive Terraform values and NoEcho
 * parameters never appear in any output; nothing from a scanned file is
 * executed; the only network client is the GitHub one, at GITHUB_API_URL;
 * internal-error causes quote at most one short line.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { scan } from "../../src/scan.js";
import { renderJson } from "../../src/report/json.js";
import { renderSarif } from "../../src/report/sarif.js";
import { renderText } from "../../src/report/text.js";
import { jobSummary } from "../../src/commands/scan-github-flags.js";
import { runCli } from "../../src/commands/main.js";
import { oneLineCause } from "../../src/core/errors.js";
import { Redactor } from "../../src/core/redact.js";
import { sensitiveValues } from "../../src/sensitive.js";
import { PROJECT_ROOT, FIXTURES } from "../helpers/scan.js";

const CFN_SECRET = "subnet-0123456789abcdef0";
const TF_DEFAULT_SECRET = "subnet-0fedcba9876543210";
const TF_VAR_SECRET = "sg-0aaaabbbbccccdddd";
const TFVARS_SECRET = "sg-0eeeeffff00001111";

function secretsRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), "secrets-"));
  writeFileSync(
    path.join(root, "t.yaml"),
    `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  SecretSubnet:
    Type: String
    NoEcho: true
    Default: ${CFN_SECRET}
Resources:
  Model:
    Type: AWS::SageMaker::Model
    Properties:
      ExecutionRoleArn: arn:aws:iam::123456789012:role/r
      PrimaryContainer:
        Image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/x:latest
      VpcConfig:
        Subnets: [!Ref SecretSubnet]
        SecurityGroupIds: [sg-0123456789abcdef0]
  Job:
    Type: AWS::SageMaker::TransformJob
    Properties:
      ModelName: !GetAtt Model.ModelName
      TransformInput: {DataSource: {S3DataSource: {S3DataType: S3Prefix, S3Uri: s3://b/in/}}}
      TransformOutput: {S3OutputPath: s3://b/out/}
      TransformResources: {InstanceCount: 1, InstanceType: ml.m5.xlarge}
`,
  );
  writeFileSync(
    path.join(root, "main.tf"),
    `variable "subnet" {
  type      = string
  sensitive = true
  default   = "${TF_DEFAULT_SECRET}"
}
variable "group" {
  type      = string
  sensitive = true
}
variable "other_group" {
  type      = string
  sensitive = true
}
resource "aws_sagemaker_model" "m" {
  execution_role_arn = "arn:aws:iam::123456789012:role/r"
  primary_container {
    image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/x:latest"
  }
  vpc_config {
    subnets            = ["\${var.subnet}"]
    security_group_ids = [var.group, var.other_group]
  }
}
`,
  );
  writeFileSync(path.join(root, "prod.tfvars"), `other_group = "${TFVARS_SECRET}"\n`);
  return root;
}

describe("sensitive values", () => {
  it("never appear in text, JSON, SARIF or the summary; they read (sensitive)", () => {
    const root = secretsRoot();
    const result = scan({
      root,
      paths: [root],
      terraformVars: { group: TF_VAR_SECRET },
      terraformVarFiles: ["prod.tfvars"],
    });
    const outputs = {
      text: renderText(result),
      json: renderJson(result),
      sarif: renderSarif(result),
      summary: jobSummary(result, {}),
    };
    for (const [format, output] of Object.entries(outputs)) {
      for (const secret of [CFN_SECRET, TF_DEFAULT_SECRET, TF_VAR_SECRET, TFVARS_SECRET])
        expect(output.includes(secret), `${secret} in ${format}`).toBe(false);
    }
    const subnetNotes = result.findings
      .filter((f) => f.message.startsWith("Could not verify the subnets"))
      .map((f) => f.message.split(":")[1]?.trim());
    expect(subnetNotes).toEqual([
      "(sensitive) is not declared in the scan (SMBT002, SMBT004, SMBT005, SMBT006, SMBT007, SMBT008, SMBT009, SMBT011, SMBT013, SMBT014 skipped).",
      "(sensitive) is not declared in the scan (SMBT002, SMBT004, SMBT005, SMBT006, SMBT007, SMBT008, SMBT009, SMBT011, SMBT013, SMBT014 skipped).",
    ]);
  });

  it("never appear in the CLI's outputs or in debug cloudformation and debug terraform", async () => {
    const root = secretsRoot();
    let printed = "";
    const io = {
      stdout: (t: string) => {
        printed += t;
      },
      stderr: (t: string) => {
        printed += t;
      },
      cwd: root,
    };
    const sarifFile = path.join(root, "out.sarif");
    await runCli(
      [
        "scan",
        "--var",
        `group=${TF_VAR_SECRET}`,
        "--var-file",
        "prod.tfvars",
        "--format",
        "markdown",
        "--sarif",
        sarifFile,
        "--fail-on",
        "never",
      ],
      io,
    );
    await runCli(
      ["scan", "--format", "json", "--fail-on", "never", "--cfn-parameters", `SecretSubnet=${CFN_SECRET}`],
      io,
    );
    await runCli(["debug", "cloudformation", "t.yaml"], io);
    await runCli(["debug", "terraform", ".", "--var", `group=${TF_VAR_SECRET}`, "--var-file", "prod.tfvars"], io);
    const all = printed + readFileSync(sarifFile, "utf8");
    expect(all).toContain("(sensitive)");
    for (const secret of [CFN_SECRET, TF_DEFAULT_SECRET, TF_VAR_SECRET, TFVARS_SECRET])
      expect(all.includes(secret), secret).toBe(false);
  });

  it("are collected from .tf, .tf.json, tfvars, --var, sensitive outputs and NoEcho parameters", () => {
    const secrets = sensitiveValues({
      terraform: [
        {
          path: "a.tf",
          text: 'variable "p" {\n  sensitive = true\n  default = { user = "admin-user", pass = "pa55word" }\n}\nvariable "plain" {\n  default = "not-secret"\n}\noutput "o" {\n  value     = "literal-secret"\n  sensitive = true\n}\n',
        },
        { path: "b.tf.json", text: '{"variable": {"q": {"sensitive": true, "default": "json-secret"}}}' },
        { path: "terraform.tfvars", text: 'q = "tfvars-secret"\nplain = "visible"\n' },
      ],
      templates: [],
      terraformVars: { p: "cli-secret", plain: "cli-visible" },
      readRelative: () => undefined,
    });
    expect(secrets.sort()).toEqual([
      "admin-user",
      "cli-secret",
      "json-secret",
      "literal-secret",
      "pa55word",
      "tfvars-secret",
    ]);
  });

  it("redacts the longest secret first and leaves values too short to matter", () => {
    const redactor = new Redactor(["abc", "abcdef", "1"]);
    expect(redactor.text("x abcdef y abc z 1")).toBe("x (sensitive) y (sensitive) z 1");
  });
});

describe("the GitHub token", () => {
  it("appears in no output of the CLI: stdout, stderr, SARIF, summary", async () => {
    const root = secretsRoot();
    const token = "ghs_tokenvalue_0123456789";
    let printed = "";
    const io = {
      stdout: (t: string) => {
        printed += t;
      },
      stderr: (t: string) => {
        printed += t;
      },
      cwd: root,
    };
    const sarif = path.join(root, "out.sarif");
    const summary = path.join(root, "summary.md");
    const code = await runCli(
      [
        "scan",
        "--github-token",
        token,
        "--pr-review",
        "comment",
        "--only-changed",
        "--annotations",
        "--sarif",
        sarif,
        "--summary",
        summary,
        "--debug",
        "--fail-on",
        "never",
      ],
      io,
    );
    expect(code).toBe(0);
    expect(printed + readFileSync(sarif, "utf8") + readFileSync(summary, "utf8")).not.toContain(token);
  });
});

describe("internal-error causes", () => {
  it("quote one line of at most 200 characters", () => {
    expect(oneLineCause(new SyntaxError("bad\nsecond line with file content"))).toBe("SyntaxError: bad");
    const long = oneLineCause(new Error("x".repeat(10_000)));
    expect(long.length).toBe(200);
    expect(long.endsWith("…")).toBe(true);
    expect(oneLineCause("a string thrown")).toBe("Error: a string thrown");
  });
});

/** The tool's own sources (src/, rules/): what could run code or open a connection. */
function sources(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".ts"))
        out.push({
          file: path.relative(PROJECT_ROOT, full).split(path.sep).join("/"),
          text: readFileSync(full, "utf8"),
        });
    }
  };
  walk(path.join(PROJECT_ROOT, "src"));
  walk(path.join(PROJECT_ROOT, "rules"));
  return out;
}

describe("isolation", () => {
  it("has no eval, new Function, vm, child processes or dynamic import in the tool's code", () => {
    const forbidden = [
      /\beval\s*\(/,
      /\bnew\s+Function\b/,
      /\bFunction\s*\(/,
      /from\s+["']node:vm["']/,
      /from\s+["'](node:)?child_process["']/,
      /\bimport\s*\(/,
      /\brequire\s*\(/,
    ];
    const hits = sources().flatMap(({ file, text }) =>
      forbidden.filter((re) => re.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ""))).map((re) => `${file}: ${re}`),
    );
    expect(hits).toEqual([]);
  });

  it("opens no connection but the GitHub client, pointed at GITHUB_API_URL", () => {
    const network =
      /\bfetch\s*\(|from\s+["'](node:)?(https?|net|tls|dgram|http2)["']|\bgetOctokit\s*\(|new\s+Octokit\b/;
    const users = sources()
      .filter(({ text }) => network.test(text))
      .map(({ file }) => file);
    expect(users).toEqual(["src/github/client.ts"]);
    const client = readFileSync(path.join(PROJECT_ROOT, "src/github/client.ts"), "utf8");
    expect(client).toContain("baseUrl: apiUrl,");
    const step = readFileSync(path.join(PROJECT_ROOT, "src/github/pull-request-step.ts"), "utf8");
    expect(step).toContain("gitHubClient(options.token, event.apiUrl, log)");
    expect(readFileSync(path.join(PROJECT_ROOT, "src/github/event.ts"), "utf8")).toContain(
      'const apiUrl = env.GITHUB_API_URL || "https://api.github.com";',
    );
  });

  it("makes no request while scanning", () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(() => {
      throw new Error("network used");
    });
    try {
      const result = scan({
        root: FIXTURES,
        paths: [path.join(FIXTURES, "cloudformation"), path.join(FIXTURES, "rules")],
      });
      expect(result.findings.length).toBeGreaterThan(0);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });
});
