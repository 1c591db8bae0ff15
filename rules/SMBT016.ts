import type { Rule, RuleResult } from "./rule.js";
import type { Attribute, TransformJobNode } from "../src/graph/types.js";

const help = `## KMS on transform output, volume and capture

**What.** The job sets \`TransformOutput.KmsKeyId\`, \`TransformResources.VolumeKmsKeyId\`, and \`DataCaptureConfig.KmsKeyId\` when data capture is on.

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
      const missing = (key: Attribute | undefined, what: string, range = job.range) => {
        const value = key?.value;
        if (value === undefined || value.kind === "null" || (value.kind === "string" && value.value === "")) {
          results.push({
            message: `Transform job ${job.name} does not encrypt its ${what} with a KMS key.`,
            range,
            resource: job.name,
          });
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
    }
    return results;
  },
};
