import type { Rule, RuleResult } from "./rule.js";
import { isFullAccessPolicy, policyJsonFromValue } from "../src/analysis/iam-policy.js";
import { servedS3Endpoints, withBucketArns } from "./s3.js";
import { firstUnknown } from "./policies.js";

const help = `## The S3 endpoint has a custom, restricting policy

**What.** The endpoint has a policy, and it is not full access (an Allow of \`*\` or \`s3:*\` on \`*\` to Principal \`*\` without a condition).

**Why.** AWS: *"The default endpoint policy allows full access to S3 for any user or service in your VPC. To further restrict access to S3, create a custom endpoint policy."*

**How to fix.** Set a policy that allows the job's buckets only (see SMBT008).

Terraform:

\`\`\`hcl
resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*",
    Action = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
    Resource = [aws_s3_bucket.data.arn, "\${aws_s3_bucket.data.arn}/*"] }] })
}
\`\`\`

CloudFormation:

\`\`\`yaml
S3Endpoint:
  Type: AWS::EC2::VPCEndpoint
  Properties:
    PolicyDocument:
      Statement:
        - { Effect: Allow, Principal: "*", Action: [s3:GetObject, s3:PutObject, s3:ListBucket],
            Resource: [!GetAtt DataBucket.Arn, !Sub "\${DataBucket.Arn}/*"] }
\`\`\`
`;

export const SMBT007: Rule = {
  id: "SMBT007",
  title: "The S3 endpoint has a custom, restricting policy",
  findingTitle: "S3 endpoint has a custom policy",
  level: "note",
  summary: "The S3 VPC endpoint of the model's VPC has a policy that restricts access.",
  description:
    "The default endpoint policy gives any principal in the VPC full access to every S3 bucket. AWS recommends a custom policy that allows only what the VPC's workloads need.",
  help,
  securitySeverity: "3.0",
  precision: "medium",
  check(context) {
    const results: RuleResult[] = [];
    for (const { endpoint, models } of servedS3Endpoints(context, "the S3 endpoint")) {
      const serves = `serving model ${models.map((m) => m.model.name).join(", ")}`;
      const policy = endpoint.policy;
      if (!policy) {
        results.push({
          message: `S3 endpoint ${endpoint.name} (${serves}) has no policy: the default policy gives every principal in the VPC full access to S3.`,
          range: endpoint.range,
          resource: endpoint.name,
        });
        continue;
      }
      const full = isFullAccessPolicy(withBucketArns(policyJsonFromValue(policy.value), context.graph));
      if (full === true) {
        results.push({
          message: `The policy of S3 endpoint ${endpoint.name} (${serves}) allows full access to S3, like the default policy.`,
          range: policy.keyRange ?? endpoint.range,
          resource: endpoint.name,
        });
      } else if (full === "unknown") {
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
