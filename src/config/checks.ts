/** Checks of what a user gives on the command line, in action inputs or in the config file: one wording for all three. */
import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../core/errors.js";

/** A variables file the user named must exist (the CLI, the action and the config file alike): else a usage error naming it. */
export function assertVarFilesExist(root: string, files: readonly string[], given: string): void {
  const missing = files.find((file) => !existsSync(path.resolve(root, file)));
  if (missing !== undefined)
    throw new UsageError(`${given}: ${JSON.stringify(missing)} does not exist under the root ${root}`);
}

/** The pseudo-parameter values a user gives (flags or action inputs): a malformed one is a usage error echoing it. */
export function checkTarget(
  values: { region?: string; "account-id"?: string; partition?: string },
  label: (name: string) => string,
): void {
  const bad = (name: string, what: string, value: string) =>
    new UsageError(`${label(name)} must be ${what} (got ${JSON.stringify(value)})`);
  const { region, partition } = values;
  const accountId = values["account-id"];
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) throw bad("account-id", "12 digits", accountId);
  if (partition !== undefined && !/^aws(-[a-z]+)*$/.test(partition))
    throw bad("partition", "an AWS partition such as aws, aws-cn or aws-us-gov", partition);
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    throw bad("region", "an AWS region such as us-east-1", region);
}
