import type { Rule, RuleResult } from "./rule.js";
import { findSourceNetworkConditions, isUnknownMarker, policyJsonFromValue } from "../src/analysis/iam-policy.js";
import { modelsInScope } from "./common.js";
import { jobBuckets, s3EndpointsOfVpc } from "./s3.js";
import { subnetVpcs } from "./network.js";
import { firstUnknown } from "./policies.js";
import type { NodeOfKind } from "../src/graph/types.js";

const help = `## Job buckets accept only traffic from this VPC or endpoint

**What.** Each bucket of the job has a policy that denies requests unless \`aws:SourceVpce\` is this VPC's S3 endpoint or \`aws:SourceVpc\` is this VPC. A missing policy is a \`note\`; a condition that names another endpoint or VPC, or \`aws:SourceIp\` with private CIDRs, is an \`error\`.

**Why.** AWS: *"You can also use a bucket policy to restrict access to your S3 buckets to only traffic that comes from your Amazon VPC."*

**How to fix.** Add a Deny statement with \`StringNotEquals\` on \`aws:SourceVpce\` (this endpoint) or \`aws:SourceVpc\` (this VPC); exempt administrators with \`aws:PrincipalArn\`.

Terraform:

\`\`\`hcl
resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({ Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*",
    Resource = ["\${aws_s3_bucket.data.arn}/*"],
    Condition = { StringNotEquals = { "aws:SourceVpce" = aws_vpc_endpoint.s3.id } } }] })
}
\`\`\`

CloudFormation:

\`\`\`yaml
DataBucketPolicy:
  Type: AWS::S3::BucketPolicy
  Properties:
    Bucket: !Ref DataBucket
    PolicyDocument:
      Statement:
        - { Effect: Deny, Principal: "*", Action: "s3:*", Resource: !Sub "\${DataBucket.Arn}/*",
            Condition: { StringNotEquals: { "aws:SourceVpc": !Ref MlVpc } } }
\`\`\`
`;

export const SMBT010: Rule = {
  id: "SMBT010",
  title: "Job buckets accept only traffic from this VPC or endpoint",
  findingTitle: "Job bucket accepts traffic from outside the VPC",
  level: "note",
  summary:
    "The job's buckets have a bucket policy that denies requests not coming through this VPC or its S3 endpoint.",
  description:
    "AWS recommends restricting the data buckets to traffic from the private VPC. A condition naming a different endpoint or VPC, or relying on `aws:SourceIp` with private addresses (which never match through an endpoint), locks the job out.",
  help,
  securitySeverity: "4.0",
  precision: "medium",
  check(context) {
    const { graph } = context;
    const results: RuleResult[] = [];
    // Each bucket once, with the VPCs and S3 endpoints its jobs run in.
    const buckets = new Map<string, { bucket: NodeOfKind<"s3-bucket">; uses: Set<string>; allowed: Set<string> }>();
    for (const { model, jobs } of modelsInScope(context)) {
      if (!model.vpcConfig) continue;
      const subnets = graph.subnetsOfModel(model);
      const { vpcs, unresolved } = subnetVpcs(graph, subnets.found);
      if (subnets.unknowns.length > 0 || unresolved.length > 0) continue; // reported by the rules that need the VPC
      const allowed = new Set<string>();
      for (const vpc of vpcs) {
        allowed.add(vpc.id);
        for (const endpoint of s3EndpointsOfVpc(graph, vpc.id).endpoints) allowed.add(endpoint.id);
      }
      for (const needed of jobBuckets(graph, model, jobs).buckets) {
        if (!needed.node) continue; // a bucket outside the scan: its policy is not ours to see
        const entry = buckets.get(needed.node.id) ?? { bucket: needed.node, uses: new Set(), allowed: new Set() };
        entry.uses.add(needed.use);
        for (const id of allowed) entry.allowed.add(id);
        buckets.set(needed.node.id, entry);
      }
    }

    for (const { bucket, uses, allowed } of buckets.values()) {
      const role = [...uses].join(", ");
      const existing = bucket.policies.filter((p) => p.exists === true);
      if (existing.length === 0) {
        results.push({
          message: `Bucket ${bucket.name} (${role}) has no bucket policy that limits access to the job's VPC or its S3 endpoint.`,
          range: bucket.range,
          resource: bucket.name,
        });
        continue;
      }
      let restricted = false;
      for (const policy of existing) {
        const where = policy.document.keyRange ?? policy.range;
        const conditions = findSourceNetworkConditions(policyJsonFromValue(policy.document.value));
        for (const ip of conditions.privateSourceIp) {
          results.push({
            level: "error",
            message: `The policy of bucket ${bucket.name} conditions access on aws:SourceIp ${ip.cidrs.join(", ")}, private addresses that never match requests through a VPC endpoint.`,
            range: where,
            resource: bucket.name,
          });
        }
        for (const condition of conditions.vpcConditions) {
          for (const value of condition.values) {
            const named = isUnknownMarker(value)
              ? (value.refs ?? [])
                  .map((r) => graph.node(r.resource))
                  .filter((n) => n?.kind === "vpc" || n?.kind === "vpc-endpoint")
              : [];
            if (named.some((n) => allowed.has(n!.id))) restricted = true;
            else if (named.length > 0) {
              results.push({
                level: "error",
                message: `The policy of bucket ${bucket.name} denies requests not from ${named.map((n) => n!.name).join(", ")} (${condition.key}), which is not the VPC or S3 endpoint of the job that uses it (${role}).`,
                range: where,
                resource: bucket.name,
              });
            } else {
              const u = firstUnknown(policy.document.value);
              if (u)
                context.cannotVerify({
                  unknown: u,
                  what: `which VPC or endpoint the policy of bucket ${bucket.name} admits`,
                  range: where,
                  resource: bucket.name,
                });
              else if (typeof value === "string") {
                context.cannotVerify({
                  unknown: {
                    kind: "unknown",
                    reason: "EXTERNAL_ID",
                    detail: `${value} is not declared in the scan.`,
                    refs: [],
                    range: where,
                  },
                  what: `whether ${value} in the policy of bucket ${bucket.name} is the job's ${condition.key === "aws:SourceVpce" ? "S3 endpoint" : "VPC"}`,
                  range: where,
                  resource: bucket.name,
                });
              }
              restricted = true; // a restriction exists; whether it names ours is reported above
            }
          }
        }
      }
      if (!restricted && results.every((r) => r.resource !== bucket.name)) {
        const first = existing[0]!;
        results.push({
          message: `The policy of bucket ${bucket.name} (${role}) does not deny requests from outside the job's VPC or S3 endpoint (aws:SourceVpce / aws:SourceVpc).`,
          range: first.document.keyRange ?? first.range,
          resource: bucket.name,
        });
      }
    }
    return results;
  },
};
