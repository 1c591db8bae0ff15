import type { Rule, RuleResult } from "./rule.js";
import { IAM_DATA_PACKAGES } from "../src/tool.js";
import {
  VPC_ENI_ACTIONS,
  requiredActionsMissing,
  trustsService,
  policyJsonFromValue,
} from "../src/analysis/iam-policy.js";
import { modelsInScope } from "./common.js";
import { misspelledActions, rolePolicyInput, undeterminedLink, unknownIn } from "./policies.js";
import { actionCatalogSource } from "../src/analysis/action-catalog.js";
import type { IamRoleNode, ModelNode } from "../src/graph/types.js";
import type { FixIntent } from "../src/graph/fix-intent.js";
import type { MissingAction } from "../src/analysis/iam-policy.js";

const help = `## Execution role grants the VPC network-interface permissions

**What.** The model's execution role effectively allows, on \`*\`: \`ec2:CreateNetworkInterface\`, \`ec2:CreateNetworkInterfacePermission\`, \`ec2:DeleteNetworkInterface\`, \`ec2:DeleteNetworkInterfacePermission\`, \`ec2:DescribeNetworkInterfaces\`, \`ec2:DescribeVpcs\`, \`ec2:DescribeDhcpOptions\`, \`ec2:DescribeSubnets\` and \`ec2:DescribeSecurityGroups\` — through inline, attached or AWS managed policies (\`AmazonSageMakerFullAccess\` grants them), after explicit denies and the permissions boundary. A trust policy that does not let \`sagemaker.amazonaws.com\` assume the role is a \`warning\`; a grant that holds only under a condition is a \`note\`.

**Where the IAM knowledge comes from.** Every AWS managed policy attached to the role is
evaluated from its whole document: the latest version of each of the AWS managed policies in
\`${IAM_DATA_PACKAGES.managedPolicies}\` (MIT; AWS's published policies, refreshed daily), compacted
when the tool is built. Actions, wildcards (\`ec2:*NetworkInterface*\`, \`ec2:Describe*\`), \`NotAction\`
and \`NotResource\` are evaluated against the action list of \`${IAM_DATA_PACKAGES.actions}\` (the
Service Authorization Reference as data), which also says which actions take only \`Resource: "*"\`
(all five Describe actions here): a statement that scopes those to ARNs does not grant them. Both
packages are pinned exactly; \`sagemaker-vpc-guard --version\` prints their versions, how many
policies and actions the data holds, and the date of its newest policy version — how current it is.

- A policy newer than the data, or a customer managed policy ARN not declared in the scan, is
  Unknown: a "could not verify" note (SMBT017), never "not allowed".
- Service-linked (\`aws-service-role/…\`) and \`…PermissionsBoundary\` policies never count as
  grants (used as the role's permissions boundary, such a policy is evaluated as the boundary).
- A policy ARN with a partition parameter (\`arn:\${AWS::Partition}:…\`,
  \`arn:\${data.aws_partition.current.partition}:…\`) resolves. The data covers the commercial
  partition: an explicit \`aws-cn\` or \`aws-us-gov\` ARN is read as the policy of the same name, and
  the finding says so.
- An action the catalog does not know (\`ec2:CreateNetworkInterfaces\`) is a \`note\` at that action,
  naming the closest real one: as written it grants nothing, unless it is newer than the catalog.

**Why.** AWS: *"the IAM execution role that you use to create your model must include the permissions described in CreateModel API: Execution Role Permissions, including the following permissions required for a private VPC."*

**How to fix.** Attach \`AmazonSageMakerFullAccess\`, or a policy with the nine actions on \`*\`.

Terraform:

\`\`\`hcl
resource "aws_iam_role_policy_attachment" "sagemaker" {
  role       = aws_iam_role.sagemaker.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess"
}
\`\`\`

CloudFormation:

\`\`\`yaml
SageMakerRole:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument: { ... }
    ManagedPolicyArns:
      - !Sub "arn:\${AWS::Partition}:iam::aws:policy/AmazonSageMakerFullAccess"
\`\`\`

**Suggested fix.** When every missing action is simply not allowed — none is explicitly denied
and the role has no permissions boundary, either of which an Allow cannot get past — and the
role is an \`aws_iam_role\` or \`AWS::IAM::Role\` declared in the scan, the finding carries a fix:
one statement (\`Sid: SageMakerVpcNetworkInterfaces\`) allowing exactly the missing actions on
\`*\`, in a new inline policy named \`sagemaker-vpc-access\` (or the next name the role does not
use):

- Terraform: an \`aws_iam_role_policy\` after the role (\`role = aws_iam_role.<name>.id\`), or,
  when the role declares \`inline_policy\` blocks, one more \`inline_policy\` block in the role (the
  provider warns against mixing the two forms). A role with \`count\` or \`for_each\`, or in a
  module that declares \`aws_iam_role_policies_exclusive\`, gets none.
- CloudFormation: an \`AWS::IAM::RolePolicy\` after the role (\`RoleName: !Ref <Role>\`).
`;

export const SMBT003: Rule = {
  id: "SMBT003",
  title: "Execution role grants the VPC network-interface permissions",
  findingTitle: "Role cannot manage the job's network interfaces",
  level: "error",
  summary: "The model's execution role allows the nine EC2 actions SageMaker needs to run in a VPC.",
  description:
    "SageMaker uses the model's execution role to create and delete the network interfaces of the job's containers in the VPC. Without these EC2 permissions the transform job fails to start.",
  help,
  securitySeverity: "7.0",
  precision: "high",
  fixable: ["terraform", "cloudformation"],
  check(context) {
    const { graph } = context;
    const results: RuleResult[] = [];
    // Roles are checked once, for every VPC model in scope that uses them.
    const modelsByRole = new Map<string, { role: IamRoleNode; models: ModelNode[] }>();
    for (const { model } of modelsInScope(context)) {
      if (!model.vpcConfig) continue; // the permissions matter only in a VPC (SMBT001 reports a missing VpcConfig)
      const roles = graph.executionRoleOf(model);
      const where = model.executionRoleArn;
      for (const u of roles.unknowns) {
        context.cannotVerify({
          unknown: u,
          what: `the execution role of model ${model.name}`,
          range: where?.keyRange ?? model.range,
          resource: model.name,
        });
      }
      for (const { node: role } of roles.found) {
        const entry = modelsByRole.get(role.id) ?? { role, models: [] };
        entry.models.push(model);
        modelsByRole.set(role.id, entry);
      }
    }

    // A policy shared by several roles is one text: its misspelled actions are noted once.
    const notedActions = new Set<string>();
    for (const { role, models } of modelsByRole.values()) {
      const usedBy = `used by ${models.map((m) => m.name).join(", ")}`;
      const related = models.flatMap((m) =>
        m.executionRoleArn?.value.range
          ? [{ range: m.executionRoleArn.value.range, message: `execution role of ${m.name}` }]
          : [],
      );
      const policyInput = rolePolicyInput(graph, role);
      const { input, unknowns, sources } = policyInput;
      for (const u of unknowns)
        context.cannotVerify({
          unknown: u,
          what: `the policies of role ${role.name}`,
          range: role.range,
          resource: role.name,
        });

      const missing = requiredActionsMissing(input, VPC_ENI_ACTIONS);
      const refused = missing.filter((m) => m.result.decision === "not-allowed" || m.result.decision === "denied");
      const undetermined = missing.filter((m) => m.result.decision === "unknown");
      const conditional = missing.filter((m) => m.result.decision === "conditional");
      // Another partition's policy read as the commercial one: the finding says so.
      const assumptions = [...new Set(missing.flatMap((m) => m.result.assumptions ?? []))];
      const assumed = assumptions.map((a) => ` ${a}.`).join("");
      if (refused.length > 0) {
        const denied = refused.filter((m) => m.result.decision === "denied").map((m) => m.action);
        const fix = grantFix(role, refused);
        results.push({
          message:
            `Execution role ${role.name} (${usedBy}) does not allow ${refused.map((m) => m.action).join(", ")} on *` +
            (denied.length > 0 ? ` (explicitly denied: ${denied.join(", ")})` : "") +
            `: SageMaker cannot create the job's network interfaces in the VPC.${assumed}`,
          range: role.range,
          resource: role.name,
          related,
          ...(fix ? { fix } : {}),
        });
      } else if (undetermined.length > 0) {
        const u =
          undetermined.map((m) => undeterminedLink(policyInput, m.result)).find((link) => link !== undefined) ??
          unknownIn(
            sources,
            role.permissionsBoundary,
            `The policies of role ${role.name} are not all known to the analyzer.`,
            role.range,
          );
        context.cannotVerify({
          unknown: u,
          what: `whether role ${role.name} allows ${undetermined.map((m) => m.action).join(", ")}`,
          range: role.range,
          resource: role.name,
        });
      } else if (conditional.length > 0) {
        results.push({
          level: "note",
          message: `Execution role ${role.name} (${usedBy}) allows ${conditional.map((m) => m.action).join(", ")} only under a condition or on some resources; SageMaker needs them on * unconditionally.${assumed}`,
          range: role.range,
          resource: role.name,
          related,
        });
      }

      for (const document of policyInput.documents) {
        for (const typo of misspelledActions(document)) {
          if (!typo.range) continue;
          const key = `${typo.range.file}\u0000${typo.range.start.offset}\u0000${typo.written}`;
          if (notedActions.has(key)) continue;
          notedActions.add(key);
          results.push({
            level: "note",
            message:
              `A policy of execution role ${role.name} names ${typo.written}, which is not an IAM action in ${actionCatalogSource()}` +
              `${typo.closest ? `; the closest is ${typo.closest}` : ""}. As written it grants nothing (or the action is newer than the catalog).`,
            range: typo.range,
            resource: role.name,
          });
        }
      }

      const trust = role.trustPolicy;
      if (!trust) continue;
      const trusted = trustsService(policyJsonFromValue(trust.value), "sagemaker.amazonaws.com");
      if (trusted === "not-trusted") {
        results.push({
          level: "warning",
          message: `The trust policy of role ${role.name} (${usedBy}) does not let sagemaker.amazonaws.com assume it.`,
          range: trust.keyRange ?? role.range,
          resource: role.name,
          related,
        });
      } else if (trusted === "unknown") {
        const u = unknownIn([trust.value], trust, `The trust policy of role ${role.name} is not known.`, role.range);
        context.cannotVerify({
          unknown: u,
          what: `the trust policy of role ${role.name}`,
          range: trust.keyRange ?? role.range,
          resource: role.name,
        });
      }
    }
    return results;
  },
};

const POLICY_NAME = "sagemaker-vpc-access";

/**
 * An Allow of the refused actions on `*`, in a new inline policy of the role:
 * only when nothing else can still block them — none is explicitly denied and
 * the role has no permissions boundary — and the role is a resource the scan
 * declares that surely exists. The renderers refuse the rest (other resource
 * types, plans, `.tf.json`, `.terraform/`, counted roles).
 */
function grantFix(role: IamRoleNode, refused: readonly MissingAction[]): FixIntent | undefined {
  if (refused.some((m) => m.result.decision !== "not-allowed")) return undefined;
  if (role.permissionsBoundary || role.exists !== true || !role.declaredIn || role.implicit) return undefined;
  // A dynamic or computed inline policy list: neither its form nor its names are known.
  if (role.unknownInlinePolicies.length > 0) return undefined;
  const names = new Set<string>();
  for (const policy of role.inlinePolicies) {
    const name = policy.name?.value;
    if (name === undefined) continue; // a name the provider generates: unique
    if (name.kind !== "string") return undefined; // a name not known could be the one chosen
    names.add(name.value);
  }
  const policyName = [POLICY_NAME, ...[2, 3, 4, 5].map((n) => `${POLICY_NAME}-${n}`)].find((name) => !names.has(name));
  if (!policyName) return undefined;
  const wanted = new Set(refused.map((m) => m.action));
  const actions = VPC_ENI_ACTIONS.filter((action) => wanted.has(action));
  return {
    kind: "grant-vpc-access",
    node: role.id,
    actions,
    inline: role.inlinePolicies.some((p) => !p.facet),
    policyName,
    description: `Allow ${actions.join(", ")} on * to role ${role.name}`,
  };
}
