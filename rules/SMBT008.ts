import type { Rule, RuleResult } from "./rule.js";
import { allows, normalizePolicy, policyJsonFromValue } from "../src/analysis/iam-policy.js";
import { jobBuckets, servedS3Endpoints, withBucketArns } from "./s3.js";
import { firstUnknown } from "./policies.js";
import { unknown } from "../src/core/value.js";

const help = `## A custom endpoint policy still allows the job's S3 traffic

**What.** The policy has at least one Allow; it allows \`s3:GetObject\` and \`s3:ListBucket\` on the buckets of the model data URL and the job input, and \`s3:PutObject\` on the output path and capture destination, with no Deny overriding them.

**Why.** AWS: *"By creating a VPC endpoint, you allow your model containers to access the buckets where you store your data and model artifacts."* An endpoint policy that does not allow those buckets takes that access away again.

**How to fix.** Add an Allow statement for the job's buckets.

Terraform:

\`\`\`hcl
{ Effect = "Allow", Principal = "*", Action = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
  Resource = [aws_s3_bucket.data.arn, "\${aws_s3_bucket.data.arn}/*"] }
\`\`\`

CloudFormation:

\`\`\`yaml
- Effect: Allow
  Principal: "*"
  Action: [s3:GetObject, s3:PutObject, s3:ListBucket]
  Resource: [!GetAtt DataBucket.Arn, !Sub "\${DataBucket.Arn}/*"]
\`\`\`
`;

export const SMBT008: Rule = {
  id: "SMBT008",
  title: "A custom endpoint policy still allows the job's S3 traffic",
  findingTitle: "Endpoint policy blocks the job's S3 traffic",
  level: "error",
  summary: "The S3 endpoint's policy allows reading the model artifacts and input and writing the output.",
  description:
    "A custom endpoint policy that forgets the job's buckets — or only denies — blocks the transform job's S3 traffic through the endpoint, and the job fails.",
  help,
  securitySeverity: "6.5",
  precision: "high",
  check(context) {
    const { graph } = context;
    const results: RuleResult[] = [];
    for (const { endpoint, models } of servedS3Endpoints(context, "the S3 endpoint")) {
      const policy = endpoint.policy;
      if (!policy) continue; // the default policy allows everything (SMBT007)
      const where = policy.keyRange ?? endpoint.range;
      const document = withBucketArns(policyJsonFromValue(policy.value), graph);
      const statements = normalizePolicy(document).statements;
      if (statements.length > 0 && statements.every((s) => s.effect === "Deny")) {
        results.push({
          message: `The policy of S3 endpoint ${endpoint.name} has no Allow statement: it blocks all S3 traffic through the endpoint, the batch transform job's included.`,
          range: where,
          resource: endpoint.name,
        });
        continue;
      }
      // Per bucket: the refused actions and what the job uses the bucket for.
      const refused = new Map<string, { actions: Set<string>; uses: Set<string>; denied: boolean }>();
      for (const { model, jobs } of models) {
        const needed = jobBuckets(graph, model, jobs);
        for (const u of needed.unknowns)
          context.cannotVerify({
            unknown: u,
            what: `which buckets model ${model.name} and its jobs use`,
            range: model.range,
            resource: model.name,
          });
        for (const bucket of needed.buckets) {
          const arn = `arn:aws:s3:::${bucket.token}`;
          const requests =
            bucket.access === "read"
              ? [
                  { action: "s3:GetObject", resource: `${arn}/*` },
                  { action: "s3:ListBucket", resource: arn },
                ]
              : [{ action: "s3:PutObject", resource: `${arn}/*` }];
          for (const request of requests) {
            const decision = allows(document, request).decision;
            const label = `${request.action} on ${bucket.node?.name ?? bucket.token} (${bucket.use})`;
            if (decision === "not-allowed" || decision === "denied") {
              const name = bucket.node?.name ?? bucket.token!;
              const entry = refused.get(name) ?? { actions: new Set<string>(), uses: new Set<string>(), denied: false };
              entry.actions.add(request.action);
              entry.uses.add(bucket.use);
              entry.denied ||= decision === "denied";
              refused.set(name, entry);
            } else if (decision === "unknown") {
              const u =
                firstUnknown(policy.value) ??
                unknown("UNSUPPORTED", `The policy of ${endpoint.name} cannot be evaluated.`, { range: where });
              context.cannotVerify({
                unknown: u,
                what: `whether the policy of S3 endpoint ${endpoint.name} allows ${label}`,
                range: where,
                resource: endpoint.name,
              });
            }
          }
        }
      }
      if (refused.size > 0) {
        const parts = [...refused].map(
          ([name, r]) =>
            `${[...r.actions].join(", ")} on ${name} (${[...r.uses].join(", ")}${r.denied ? "; explicitly denied" : ""})`,
        );
        results.push({
          message: `The policy of S3 endpoint ${endpoint.name} does not allow ${parts.join("; ")}: the batch transform job cannot reach its data through the endpoint.`,
          range: where,
          resource: endpoint.name,
        });
      }
    }
    return results;
  },
};
