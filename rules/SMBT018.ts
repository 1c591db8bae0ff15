import type { Finding } from "../src/core/finding.js";
import type { SchemaProblem } from "../src/cloudformation/schema.js";
import type { Rule } from "./rule.js";

const help = `## CloudFormation property does not match its resource type's schema

**What.** A CloudFormation resource of a type the other rules read — a SageMaker model,
transform job or pipeline, a VPC, subnet, route table, route, VPC endpoint, security group
(or rule), NAT or internet gateway, network ACL, DHCP options, IAM role or policy, S3 bucket
or bucket policy, Step Functions or SAM state machine, or EventBridge Scheduler schedule —
has a property its schema does not know, a value of the wrong type, or lacks a required
property. The finding points at the unknown key, at the wrongly typed value, or at the
\`Properties\` key (the resource's logical ID when there is no \`Properties\`) for a missing one.

**Why.** A misspelt property is not a VPC setting: CloudFormation rejects the template at
deploy time, and until then every other check reads a resource without it. \`VPCConfig\`
for \`VpcConfig\` is a model with no VPC configuration at all. The schemas come from
AWS's machine-readable CloudFormation resource specification (\`@aws-cdk/aws-service-spec\`);
\`AWS::SageMaker::TransformJob\`, which that specification does not have yet, has a schema
written from the CloudFormation Template Reference. Values are checked after intrinsic
functions are resolved, and a value that cannot be known statically (a parameter without
default, \`Fn::GetAtt\`, \`Fn::ImportValue\`) satisfies any type. As CloudFormation does,
a number or boolean given as a string (\`"2"\`, \`"true"\`) is accepted.

**How to fix.** Use the property name and type the resource type documents. For example:

\`\`\`yaml
ScoringModel:
  Type: AWS::SageMaker::Model
  Properties:
    ExecutionRoleArn: !GetAtt SageMakerRole.Arn
    PrimaryContainer:
      Image: !Ref ImageUri
    VPCConfig:                      # not a property: VpcConfig
      Subnets: !Ref PrivateSubnetA  # must be a list: [!Ref PrivateSubnetA]
      SecurityGroupIds: [!Ref SageMakerSecurityGroup]
\`\`\`

\`\`\`yaml
    VpcConfig:
      Subnets: [!Ref PrivateSubnetA]
      SecurityGroupIds: [!Ref SageMakerSecurityGroup]
\`\`\`

This rule reads CloudFormation (and SAM and CDK-synthesized) templates only; Terraform's
own \`terraform validate\` checks the same for Terraform.
`;

/** Findings of this rule come from the CloudFormation stage's schema validation, not from the graph. */
export const SMBT018: Rule = {
  id: "SMBT018",
  title: "CloudFormation property does not match its resource type's schema",
  findingTitle: "Property does not match the resource type's schema",
  level: "error",
  summary:
    "A CloudFormation resource has an unknown property, a value of the wrong type, or lacks a required property.",
  description:
    "CloudFormation resources of the types the rules read are validated against JSON Schemas generated from AWS's CloudFormation resource specification. A misspelt property (VPCConfig for VpcConfig) is ignored by every check and rejected at deploy time; a wrongly typed value or a missing required property fails the deployment.",
  help,
  securitySeverity: "6.0",
  precision: "very-high",
  check: () => [],
};

/** A schema problem of the CloudFormation stage as an SMBT018 finding. */
export function schemaFinding(problem: SchemaProblem): Finding {
  return {
    ruleId: "SMBT018",
    level: "error",
    message: problem.message,
    range: problem.range,
    resource: problem.resource,
    language: "cloudformation",
  };
}
