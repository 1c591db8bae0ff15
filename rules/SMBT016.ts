import type { Rule, RuleResult } from "./rule.js";
import type { Attribute, TransformJobNode } from "../src/graph/types.js";

const help = `## KMS on transform output, volume and capture

**What.** The job sets \`TransformOutput.KmsKeyId\`, \`TransformResources.VolumeKmsKeyId\`, and \`DataCaptureConfig.KmsKeyId\` when data capture is on. One finding per job names every part it leaves unencrypted, at the first part's key (the others are related locations).

**Why.** Hardening beyond AWS's batch transform VPC guide.

**How to fix.** Set the KMS keys on the job.

Terraform:

\`\`\`hcl
TransformOutput = { S3OutputPath = "s3://\${aws_s3_bucket.data.bucket}/out", KmsKeyId = aws_kms_key.ml.arn }
TransformResources = { InstanceCount = 2, InstanceType = "ml.m5.large", VolumeKmsKeyId = aws_kms_key.ml.arn }
\`\`\`

CloudFormation:

\`\`\`yaml
TransformOutput: { S3OutputPath: !Sub "s3://\${DataBucket}/out", KmsKeyId: !GetAtt MlKey.Arn }
TransformResources: { InstanceCount: 2, InstanceType: ml.m5.large, VolumeKmsKeyId: !GetAtt MlKey.Arn }
\`\`\`
`;

export const SMBT016: Rule = {
  id: "SMBT016",
  title: "KMS on transform output, volume and capture",
  findingTitle: "Transform data not encrypted with a KMS key",
  level: "note",
  summary: "The transform job encrypts its output, its volume and its data capture with a KMS key.",
  description:
    "Encrypting the job's output, storage volume and captured data with your own KMS key is a hardening step beyond AWS's batch transform VPC guide. Inter-container traffic encryption does not apply: CreateTransformJob has no such field.",
  help,
  securitySeverity: "3.0",
  precision: "medium",
  check(context) {
    const results: RuleResult[] = [];
    const inScope = (job: TransformJobNode) =>
      context.scope === "all" || context.graph.outgoing(job.id, "uses-model").length > 0;
    for (const job of context.graph.nodesOfKind("transform-job")) {
      if (!inScope(job)) continue;
      // What the job leaves unencrypted is one finding: at the first part's key, the others related.
      const unencrypted: { what: string; range: typeof job.range }[] = [];
      const missing = (key: Attribute | undefined, what: string, range = job.range) => {
        const value = key?.value;
        if (value === undefined || value.kind === "null" || (value.kind === "string" && value.value === "")) {
          unencrypted.push({ what, range });
        } else if (value.kind === "unknown" && value.reason !== "COMPUTED") {
          context.cannotVerify({
            unknown: value,
            what: `the KMS key of the ${what} of job ${job.name}`,
            range: key?.keyRange ?? range,
            resource: job.name,
          });
        }
      };
      missing(job.output?.kmsKeyId, "output (TransformOutput.KmsKeyId)", job.output?.keyRange ?? job.range);
      missing(
        job.resources?.volumeKmsKeyId,
        "storage volume (TransformResources.VolumeKmsKeyId)",
        job.resources?.keyRange ?? job.range,
      );
      if (job.dataCapture)
        missing(
          job.dataCapture.kmsKeyId,
          "captured data (DataCaptureConfig.KmsKeyId)",
          job.dataCapture.keyRange ?? job.range,
        );
      if (unencrypted.length > 0) {
        const parts = unencrypted.map((part) => `its ${part.what}`);
        const list = parts.length > 2 ? `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}` : parts.join(" or ");
        results.push({
          message: `Transform job ${job.name} does not encrypt ${list} with a KMS key.`,
          range: unencrypted[0]!.range,
          resource: job.name,
          ...(unencrypted.length > 1
            ? {
                related: unencrypted
                  .slice(1)
                  .map((part) => ({ range: part.range, message: `also not encrypted: ${part.what}` })),
              }
            : {}),
        });
      }
    }
    return results;
  },
};
