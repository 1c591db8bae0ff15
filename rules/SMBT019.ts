import type { Rule } from "./rule.js";

const help = `## Suppression is malformed

**What.** A suppression — a \`sagemaker-vpc-guard:ignore\` comment, or an entry of a
CloudFormation resource's \`Metadata.sagemaker-vpc-guard.ignore\` — has no reason, names a
rule id that does not exist, or has an \`until\` date that has passed (or is not a date).
The finding points at the suppression.

**Why.** A suppression is a decision someone must be able to review later: the reason
says why the finding does not apply, and \`until\` makes a temporary exception expire.
A malformed suppression suppresses nothing, so the finding it meant to hide is reported
(an expired one is reported again).

**How to fix.** Write the reason after the rule ids, use ids that \`sagemaker-vpc-guard rules\`
lists, and move or remove an expired \`until\`.

Terraform (\`#\` or \`//\`; on the line before the block or attribute, or inside it):

\`\`\`hcl
# sagemaker-vpc-guard:ignore SMBT012,SMBT013 until=2027-03-31 single-instance job, see ticket OPS-42
resource "aws_security_group" "sagemaker" {
  vpc_id = aws_vpc.main.id
}
\`\`\`

CloudFormation (a YAML comment works the same way):

\`\`\`yaml
SageMakerSecurityGroup:
  Type: AWS::EC2::SecurityGroup
  Metadata:
    sagemaker-vpc-guard:
      ignore:
        - rule: SMBT012
          reason: single-instance job, see ticket OPS-42
          until: "2027-03-31"
\`\`\`
`;

/** Findings of this rule come from the suppression step after the rules ran, not from the graph. */
export const SMBT019: Rule = {
  id: "SMBT019",
  title: "Suppression is malformed",
  findingTitle: "Malformed suppression",
  level: "warning",
  summary: "A suppression has no reason, names an unknown rule, or has expired.",
  description:
    "A sagemaker-vpc-guard:ignore comment or Metadata entry that lacks a reason, names a rule id that does not exist, or whose until date has passed suppresses nothing; the finding it was meant for is reported.",
  help,
  securitySeverity: "2.0",
  precision: "very-high",
  check: () => [],
};
