/** The limits are explicit and configurable: defaults, the config file's `limits` section and the `--max-…` flags. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config/config.js";
import { mergeSettings } from "../../src/config/merge.js";
import { DEFAULT_SCAN_LIMITS, formatBytes, parseSize, resolveLimits } from "../../src/core/limits.js";
import { runCli } from "../../src/commands/main.js";

describe("limits", () => {
  it("have documented defaults", () => {
    expect(DEFAULT_SCAN_LIMITS).toEqual({
      maxFileBytes: 5 * 1024 * 1024,
      maxTotalBytes: 256 * 1024 * 1024,
      maxFiles: 50_000,
      maxExpansion: 10_000,
      maxStepsPerExpression: 250_000,
      maxStepsPerTemplate: 2_000_000,
    });
    expect(resolveLimits({ maxFiles: 3, maxExpansion: 0, maxFileBytes: 1.5 })).toEqual({
      ...DEFAULT_SCAN_LIMITS,
      maxFiles: 3,
    });
  });

  it("read sizes with units of 1024", () => {
    expect([
      parseSize("5MB"),
      parseSize("512 kb"),
      parseSize("1GiB"),
      parseSize("100"),
      parseSize(7),
      parseSize("5 TB"),
      parseSize("0"),
      parseSize("-1"),
    ]).toEqual([5 * 1024 * 1024, 512 * 1024, 1024 ** 3, 100, 7, undefined, undefined, undefined]);
    expect([formatBytes(5 * 1024 * 1024), formatBytes(2048), formatBytes(1000)]).toEqual([
      "5 MB",
      "2 KB",
      "1000 bytes",
    ]);
  });

  it("come from the config file's limits section, and flags win limit by limit", () => {
    const config = parseConfig(
      "limits:\n  max-file-size: 10MB\n  max-files: 7\n  max-steps-per-template: 1000\n",
      "c.yml",
    );
    expect(config.limits).toEqual({ maxFileBytes: 10 * 1024 * 1024, maxFiles: 7, maxStepsPerTemplate: 1000 });
    expect(mergeSettings(config, { limits: { maxFiles: 9 } }).limits).toEqual({
      maxFileBytes: 10 * 1024 * 1024,
      maxFiles: 9,
      maxStepsPerTemplate: 1000,
    });
    expect(() => parseConfig("limits:\n  max-file-size: lots\n", "c.yml")).toThrow(ConfigError);
    expect(() => parseConfig("limits:\n  max-time: 5\n", "c.yml")).toThrow(
      new ConfigError('c.yml:2:3: unknown key "max-time" in limits'),
    );
  });

  it("are set by --max-… flags; a bad value is a usage error (exit 2)", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "limit-flags-"));
    writeFileSync(path.join(root, "main.tf"), `resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n`);
    let out = "";
    const io = {
      stdout: (t: string) => {
        out += t;
      },
      stderr: (t: string) => {
        out += t;
      },
      cwd: root,
    };
    expect(await runCli(["scan", "--max-file-size", "10", "--fail-on", "never"], io)).toBe(0);
    expect(out).toBe(
      "main.tf:1:1 error SMBT020 main.tf was not scanned: it is 56 bytes, above the max-file-size limit of 10 bytes; raise --max-file-size (or max-file-size in the configuration's limits).\nNo Terraform or CloudFormation files to analyse.\n",
    );
    out = "";
    expect(await runCli(["scan", "--max-files", "many"], io)).toBe(2);
    expect(out).toBe('sagemaker-vpc-guard: --max-files must be a positive integer (got "many")\n');
  });
});
