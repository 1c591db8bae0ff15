import type { Rule, RuleResult } from "./rule.js";
import { deniesAmazonLinuxRepos, policyJsonFromValue } from "../src/analysis/iam-policy.js";
import { servedS3Endpoints } from "./s3.js";
import { firstUnknown } from "./policies.js";

const help = `## The endpoint policy blocks the Amazon Linux repositories

**What.** The policy denies \`s3:GetObject\` to Principal \`*\` on \`arn:aws:s3:::packages.*.amazonaws.com/*\`, \`arn:aws:s3:::repo.*.amazonaws.com/*\` and \`arn:aws:s3:::amazonlinux.*.amazonaws.com/*\`.

**Why.** AWS: *"If you don't want users to install packages from that repository, create a custom endpoint policy that explicitly denies access to the Amazon Linux and Amazon Linux 2 repositories."*

**How to fix.** Add a Deny statement for the three repository ARNs to the endpoint policy (keeping its Allow).

Terraform:

\`\`\`hcl
{ Sid = "AmazonLinuxRepos", Effect = "Deny", Principal = "*", Action = ["s3:GetObject"],
  Resource = ["arn:aws:s3:::packages.*.amazonaws.com/*", "arn:aws:s3:::repo.*.amazonaws.com/*",
              "arn:aws:s3:::amazonlinux.*.amazonaws.com/*"] }
\`\`\`

CloudFormation:

\`\`\`yaml
- Sid: AmazonLinuxRepos
  Effect: Deny
  Principal: "*"
  Action: [s3:GetObject]
  Resource: ["arn:aws:s3:::packages.*.amazonaws.com/*", "arn:aws:s3:::repo.*.amazonaws.com/*",
             "arn:aws:s3:::amazonlinux.*.amazonaws.com/*"]
\`\`\`
`;

export const SMBT009: Rule = {
  id: "SMBT009",
  title: "The endpoint policy blocks the Amazon Linux repositories",
  findingTitle: "Endpoint policy blocks the Amazon Linux repositories",
  level: "note",
  summary: "The S3 endpoint's policy denies the Amazon Linux package repositories.",
  description:
    "The default endpoint policy lets containers install packages from the Amazon Linux repositories hosted in S3. AWS suggests denying them where users should not install packages.",
  help,
  securitySeverity: "3.0",
  precision: "medium",
  check(context) {
    const results: RuleResult[] = [];
    for (const { endpoint } of servedS3Endpoints(context, "the S3 endpoint")) {
      const policy = endpoint.policy;
      if (!policy) {
        results.push({
          message: `S3 endpoint ${endpoint.name} has no policy, so the job's containers can install packages from the Amazon Linux repositories.`,
          range: endpoint.range,
          resource: endpoint.name,
        });
        continue;
      }
      const answer = deniesAmazonLinuxRepos(policyJsonFromValue(policy.value));
      if (answer.result === "no") {
        results.push({
          message: `The policy of S3 endpoint ${endpoint.name} does not deny s3:GetObject on ${answer.missing.join(", ")} to every principal.`,
          range: policy.keyRange ?? endpoint.range,
          resource: endpoint.name,
        });
      } else if (answer.result === "unknown") {
        const u = firstUnknown(policy.value);
        if (u)
          context.cannotVerify({
            unknown: u,
            what: `the policy of S3 endpoint ${endpoint.name}`,
            range: policy.keyRange ?? endpoint.range,
            resource: endpoint.name,
          });
      }
    }
    return results;
  },
};
