/**
 * The action's inputs, read and checked. A bad input is a `UsageError` whose
 * one-line message names the input.
 */
import * as core from "@actions/core";
import { UsageError } from "../core/errors.js";
import type { Level } from "../core/finding.js";
import { checkTarget } from "../config/checks.js";
import { parseShard, type Shard } from "../config/shard.js";
import { FAIL_ON_VALUES, type FailOn } from "../report/fail-on.js";
import { parseWorkers, type WorkersSetting } from "../parallel/scan.js";

export const PR_REVIEW_VALUES = ["off", "comment", "suggest"] as const;
export type PrReview = (typeof PR_REVIEW_VALUES)[number];
export const PR_REVIEW_LEVELS = ["error", "warning", "note"] as const;
/** `pr-review-level`'s default: notes are never comments unless asked for. */
export const DEFAULT_PR_REVIEW_LEVEL = "warning";
export const DEFAULT_PR_REVIEW_MAX_COMMENTS = 30;

/** `pr-review-max-comments`: a whole number, 0 or more; empty is the default. */
export function maxComments(name: string, value: string): number {
  if (value === "") return DEFAULT_PR_REVIEW_MAX_COMMENTS;
  if (!/^\d+$/.test(value))
    throw new UsageError(`${name} must be a whole number, 0 or more (got ${JSON.stringify(value)})`);
  return Number(value);
}

export interface ActionInputs {
  paths: string[];
  exclude: string[];
  config?: string;
  varFiles: string[];
  vars: Record<string, string>;
  cfnParameters: string[];
  scope?: "all" | "referenced";
  failOn: FailOn;
  annotations: boolean;
  summary: boolean;
  prReview: PrReview;
  /** `pr-review-level`: the least severe level the review comments on or lists. */
  prReviewLevel: Level;
  prReviewMaxComments: number;
  onlyChanged: boolean;
  baseline?: string;
  sarifFile: string;
  sarifCategory?: string;
  region?: string;
  accountId?: string;
  partition?: string;
  shard?: Shard;
  /** Worker threads for parsing Terraform; unset: the config file's, else none. */
  workers?: WorkersSetting;
  githubToken: string;
}

export function readInputs(): ActionInputs {
  const text = (name: string) => core.getInput(name).trim();
  const optional = (name: string) => text(name) || undefined;
  const token = core.getInput("github-token");
  // Before anything could print it.
  if (token) core.setSecret(token);
  const inputs: ActionInputs = {
    paths: core.getMultilineInput("path"),
    exclude: core.getMultilineInput("exclude"),
    varFiles: core.getMultilineInput("var-files"),
    vars: keyValues("vars", core.getMultilineInput("vars")),
    cfnParameters: core.getMultilineInput("cfn-parameters"),
    failOn: oneOf("fail-on", text("fail-on") || "error", FAIL_ON_VALUES),
    annotations: bool("annotations", text("annotations"), true),
    summary: bool("summary", text("summary"), true),
    prReview: oneOf("pr-review", text("pr-review") || "off", PR_REVIEW_VALUES),
    prReviewLevel: oneOf("pr-review-level", text("pr-review-level") || DEFAULT_PR_REVIEW_LEVEL, PR_REVIEW_LEVELS),
    prReviewMaxComments: maxComments("input pr-review-max-comments", text("pr-review-max-comments")),
    onlyChanged: bool("only-changed", text("only-changed"), false),
    sarifFile: text("sarif-file") || "sagemaker-vpc-guard.sarif",
    githubToken: token,
  };
  const scope = optional("scope");
  if (scope) inputs.scope = oneOf("scope", scope, ["all", "referenced"] as const);
  const shard = optional("shard");
  if (shard) {
    const parsed = parseShard(shard);
    if (!parsed) throw new UsageError(`input shard must be i/n with 1 <= i <= n (got ${JSON.stringify(shard)})`);
    inputs.shard = parsed;
  }
  const category = optional("sarif-category");
  if (category !== undefined) {
    if (/\s/.test(category))
      throw new UsageError(`input sarif-category must not contain spaces (got ${JSON.stringify(category)})`);
    inputs.sarifCategory = category;
  }
  const accountId = optional("account-id");
  const partition = optional("partition");
  const region = optional("region");
  checkTarget({ region, "account-id": accountId, partition }, (name) => `input ${name}`);
  const workers = optional("workers");
  if (workers !== undefined) inputs.workers = parseWorkers(workers, "input workers");
  const config = optional("config");
  if (config !== undefined) inputs.config = config;
  const baseline = optional("baseline");
  if (baseline !== undefined) inputs.baseline = baseline;
  if (region !== undefined) inputs.region = region;
  if (accountId !== undefined) inputs.accountId = accountId;
  if (partition !== undefined) inputs.partition = partition;
  return inputs;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`input ${name} must be one of ${allowed.join(", ")}`);
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` reads them, with a one-line error. */
function bool(name: string, value: string, fallback: boolean): boolean {
  if (value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new UsageError(`input ${name} must be true or false (got ${JSON.stringify(value)})`);
}

function keyValues(name: string, lines: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf("=");
    if (eq <= 0) throw new UsageError(`input ${name} needs one NAME=VALUE per line (got ${JSON.stringify(line)})`);
    values[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return values;
}
