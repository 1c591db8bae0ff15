/**
 * The scan's safety limits, in one place, with their defaults (DESIGN.md,
 * "Limits and isolation"; README "Limits"). Every limit is counted — bytes,
 * files, instances, evaluation steps — never a timer, so that a scan of the
 * same input stops at the same place on every machine and the tests can
 * assert the bound. Hitting one is an SMBT017 note naming the limit and the
 * file, and the scan goes on.
 *
 * Configurable: the `limits` section of `.sagemaker-vpc-guard.yml`
 * (`schemas/config.schema.json`) and the `--max-…` flags of `scan`. The
 * fixed limits below them guard the parsers' own stacks and are not meant to
 * be raised.
 */

export interface ScanLimits {
  /** A file larger than this (bytes) is not read. */
  maxFileBytes: number;
  /** Bytes read in one scan; the files past it (in path order) are not read. */
  maxTotalBytes: number;
  /** Files read in one scan; the files past it (in path order) are not read. */
  maxFiles: number;
  /** Instances one Terraform `count`/`for_each` (or copies one CloudFormation `Fn::ForEach`) may create. */
  maxExpansion: number;
  /** Evaluation steps for one Terraform expression (an attribute, local, output, …). */
  maxStepsPerExpression: number;
  /**
   * Evaluation steps for one CloudFormation template: the "time per file"
   * limit, counted in steps rather than seconds so that it is deterministic.
   */
  maxStepsPerTemplate: number;
}

export const DEFAULT_SCAN_LIMITS: Readonly<ScanLimits> = Object.freeze({
  maxFileBytes: 5 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxFiles: 50_000,
  maxExpansion: 10_000,
  maxStepsPerExpression: 250_000,
  maxStepsPerTemplate: 2_000_000,
});

/** The name of each limit in the configuration file and, with `--`, on the command line. */
export const LIMIT_NAMES: Readonly<Record<keyof ScanLimits, string>> = Object.freeze({
  maxFileBytes: "max-file-size",
  maxTotalBytes: "max-total-size",
  maxFiles: "max-files",
  maxExpansion: "max-expansion",
  maxStepsPerExpression: "max-steps-per-expression",
  maxStepsPerTemplate: "max-steps-per-template",
});

/**
 * Limits that protect the parsers' call stacks and the YAML loader; fixed
 * (documented in the README, not configurable): raising them could let a
 * hostile file overflow the stack.
 */
export const FIXED_LIMITS = Object.freeze({
  /** HCL brackets, braces, blocks, templates, … (`src/hcl/limits.ts`). */
  hclNestingDepth: 1000,
  /** YAML/JSON collections (`src/cloudformation/yaml.ts`). */
  yamlNestingDepth: 1000,
  /** YAML aliases per document: alias bombs ("billion laughs") stop here. */
  yamlAliases: 100,
  /** Values per YAML document, expanded aliases included. */
  yamlValues: 1_000_000,
  /** CloudFormation nested stacks. */
  nestedStackDepth: 10,
  /** Terraform module calls. */
  moduleDepth: 32,
});

/** The defaults with `given` applied; a non-positive or non-integer value is ignored. */
export function resolveLimits(given: Partial<ScanLimits> | undefined): ScanLimits {
  const limits: ScanLimits = { ...DEFAULT_SCAN_LIMITS };
  for (const key of Object.keys(DEFAULT_SCAN_LIMITS) as (keyof ScanLimits)[]) {
    const value = given?.[key];
    if (value !== undefined && Number.isSafeInteger(value) && value > 0) limits[key] = value;
  }
  return limits;
}

/**
 * Parses a size as the configuration and flags write it: bytes (`5242880`),
 * or a number with a unit (`5MB`, `512 KB`, `1GB`; units of 1024). Undefined
 * when it is not one.
 */
export function parseSize(text: string | number): number | undefined {
  if (typeof text === "number") return Number.isSafeInteger(text) && text > 0 ? text : undefined;
  const match = /^\s*(\d+)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? "b").toLowerCase();
  const factor = unit.startsWith("k") ? 1024 : unit.startsWith("m") ? 1024 ** 2 : unit.startsWith("g") ? 1024 ** 3 : 1;
  const bytes = Number(match[1]) * factor;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

/** A count as the configuration and flags write it: a positive integer. */
export function parseCount(text: string | number): number | undefined {
  const value = typeof text === "number" ? text : /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** `5 MB`, `256 MB`, else bytes: how notes print a size limit. */
export function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
