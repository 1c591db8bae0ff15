/**
 * Pseudo-parameters (`AWS::Region`, `AWS::AccountId`, …).
 *
 * Values the user did not give are Unknown with reason `DATA_SOURCE`: they are
 * facts of the account and Region the stack is deployed into, exactly what
 * Terraform reads from `data.aws_region` / `data.aws_caller_identity` — not a
 * missing input (`VAR_NO_DEFAULT`) nor something a resource computes (`COMPUTED`).
 */
import { str, unknown, type Value } from "../core/value.js";

export interface DeploymentTarget {
  region?: string;
  accountId?: string;
  partition?: string;
}

/** The partition of a Region, from AWS's Region naming. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("eusc-")) return "aws-eusc";
  return "aws";
}

const URL_SUFFIXES: Record<string, string> = {
  aws: "amazonaws.com",
  "aws-cn": "amazonaws.com.cn",
  "aws-us-gov": "amazonaws.com",
  "aws-iso": "c2s.ic.gov",
  "aws-iso-b": "sc2s.sgov.gov",
};

export const PSEUDO_PARAMETERS = [
  "AWS::AccountId",
  "AWS::NotificationARNs",
  "AWS::NoValue",
  "AWS::Partition",
  "AWS::Region",
  "AWS::StackId",
  "AWS::StackName",
  "AWS::URLSuffix",
] as const;

/**
 * The value of a pseudo-parameter; `undefined` for `AWS::NoValue` (which
 * removes the property it is used in) and `null` for a name that is not a
 * pseudo-parameter.
 */
export function pseudoParameter(name: string, target: DeploymentTarget): Value | undefined | null {
  const partition = target.partition ?? (target.region ? partitionOfRegion(target.region) : undefined);
  const notGiven = (what: string, flag: string): Value =>
    unknown("DATA_SOURCE", `${name} is the ${what} the stack is deployed into; give it with ${flag}.`);
  switch (name) {
    case "AWS::NoValue":
      return undefined;
    case "AWS::Region":
      return target.region ? str(target.region) : notGiven("Region", "--region");
    case "AWS::AccountId":
      return target.accountId ? str(target.accountId) : notGiven("account", "--account-id");
    case "AWS::Partition":
      return partition ? str(partition) : notGiven("partition", "--partition or --region");
    case "AWS::URLSuffix": {
      const suffix = partition ? URL_SUFFIXES[partition] : undefined;
      return suffix ? str(suffix) : notGiven("domain suffix of the partition", "--partition or --region");
    }
    case "AWS::StackName":
      return unknown("DATA_SOURCE", "AWS::StackName is chosen when the stack is deployed.");
    case "AWS::StackId": {
      const known = target.region && target.accountId && partition;
      return unknown("DATA_SOURCE", "AWS::StackId is assigned when the stack is created.", {
        prefix: known
          ? `arn:${partition}:cloudformation:${target.region}:${target.accountId}:stack/`
          : partition
            ? `arn:${partition}:cloudformation:`
            : "arn:",
      });
    }
    case "AWS::NotificationARNs":
      return unknown("DATA_SOURCE", "AWS::NotificationARNs are given when the stack is deployed.");
    default:
      return null;
  }
}
