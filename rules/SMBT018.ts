import type { Finding } from "../src/core/finding.js";
import type { SchemaProblem } from "../src/cloudformation/schema.js";
import type { Rule } from "./rule.js";

const help = `## CloudFormation property does not match its resource type's schema

**What.** A CloudFormation resource of a type the other rules read — a SageMaker model,
transform job or pipeline, a VPC, subnet, route table, route, VPC endpoint, security group
(or rule), NAT or internet gateway, network ACL, DHCP options, IAM role or policy, S3 bucket
or bucket policy, Step Functions or SAM state machine, or EventBridge Scheduler schedule —
breaks its type's schema in one of the ways cfn-lint reports as E3002, E3003, E3012, E3030,
E3032 or E3034:

- a property its schema does not know (E3002);
- a required property missing (E3003);
- a value of the wrong type (E3012), a JSON-typed property (a policy document) given a list
  included;
- a value that is not one of the property's allowed values (E3030);
- a list with fewer or more items than allowed (E3032: \`VpcConfig.Subnets\` takes 1 to 16);
- a number outside its range (E3034).

The finding points at the unknown key, at the offending value, or, for a missing property,
at the key of the object that lacks it (the \`Properties\` key; the resource's logical ID
when there is no \`Properties\`).

**Why.** A misspelt property is not a VPC setting: CloudFormation rejects the template at
deploy time, and until then every other check reads a resource without it. \`VPCConfig\`
for \`VpcConfig\` is a model with no VPC configuration at all. The schemas come from AWS's
machine-readable CloudFormation resource specification (\`@aws-cdk/aws-service-spec\`), with
the allowed values, list lengths and number ranges of AWS's CloudFormation registry schemas;
\`AWS::Serverless::StateMachine\` follows AWS's SAM specification (as aws-sam-translator
generates it); \`AWS::SageMaker::TransformJob\`, which neither has yet, has a schema written
from the CloudFormation Template Reference.

Values are checked after intrinsic functions are resolved. A value that cannot be known
statically (a parameter without default, \`Fn::GetAtt\`, \`Fn::ImportValue\`, a \`Fn::Sub\`
with such a part) satisfies any position, also one that allows several types. As
CloudFormation does, a number or boolean given as a string (\`"2"\`, \`"true"\`) is accepted.
Both branches of an \`Fn::If\` whose condition cannot be decided are checked, one
\`Fn::If\` at a time: a problem in one branch is reported in that branch, with the condition
under which it happens ("When condition UseVpc is true, ..."); a branch that cannot be taken
where the resource exists (its own \`Condition\` rules it out) is not.

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
    "A CloudFormation resource has an unknown property, a value of the wrong type or outside its allowed values, list length or range, or lacks a required property.",
  description:
    "CloudFormation resources of the types the rules read are validated against JSON Schemas generated from AWS's CloudFormation resource specification, registry schemas and SAM specification, as cfn-lint's E3002, E3003, E3012, E3030, E3032 and E3034 do. A misspelt property (VPCConfig for VpcConfig) is ignored by every check and rejected at deploy time; a wrongly typed value, a value out of range or a missing required property fails the deployment. Both branches of an undecided Fn::If are checked.",
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
