import type { Rule, RuleResult } from "./rule.js";
import { modelsInScope } from "./common.js";

const help = `## Model network isolation

**What.** The model (or Step Functions \`createModel\` task, or pipeline \`Model\` step) sets \`EnableNetworkIsolation\` to true.

**Why.** Hardening beyond AWS's batch transform VPC guide: isolation keeps a compromised or careless container from calling out.

**How to fix.** Enable network isolation when the container needs no outbound calls.

Terraform:

\`\`\`hcl
resource "aws_sagemaker_model" "scoring" {
  # ...
  enable_network_isolation = true
}
\`\`\`

CloudFormation:

\`\`\`yaml
ScoringModel:
  Type: AWS::SageMaker::Model
  Properties:
    EnableNetworkIsolation: true
\`\`\`
`;

export const SMBT015: Rule = {
  id: "SMBT015",
  title: "Model network isolation",
  findingTitle: "Model network isolation not set",
  level: "note",
  summary: "Models whose containers need no outbound calls enable network isolation.",
  description:
    "Network isolation blocks all outbound network calls from the model container, a hardening step beyond the VPC configuration. It is not part of AWS's batch transform VPC guide, and it does not replace the S3 endpoint.",
  help,
  securitySeverity: "2.0",
  precision: "medium",
  fixable: ["terraform", "cloudformation"],
  check(context) {
    const results: RuleResult[] = [];
    for (const { model } of modelsInScope(context)) {
      const isolation = model.enableNetworkIsolation;
      const value = isolation?.value;
      if (value?.kind === "bool" && value.value) continue;
      if (value?.kind === "unknown") {
        context.cannotVerify({
          unknown: value,
          what: `network isolation of model ${model.name}`,
          range: isolation?.keyRange ?? model.range,
          resource: model.name,
        });
        continue;
      }
      results.push({
        message: `Model ${model.name} does not enable network isolation; enable it if its container needs no outbound calls.`,
        range: isolation?.keyRange ?? model.range,
        resource: model.name,
        fix: {
          kind: "set-flag",
          node: model.id,
          flag: "enableNetworkIsolation",
          value: true,
          description: `Enable network isolation on ${model.name}`,
        },
      });
    }
    return results;
  },
};
