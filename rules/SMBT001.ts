import type { Rule, RuleContext, RuleResult } from "./rule.js";
import type { Attribute, ModelNode, SubnetNode } from "../src/graph/types.js";
import type { FixIntent } from "../src/graph/fix-intent.js";
import { defaultRoute } from "./network.js";

const help = `## Model used by batch transform must set VpcConfig

**What.** A SageMaker model that a batch transform job runs has a VPC configuration
with at least one subnet and at least one security group.

**Why.** AWS: *"You specify your private VPC configuration when you create a model by
specifying subnets and security groups. You then specify the same model when you create
a batch transform job."* \`CreateTransformJob\` has no \`VpcConfig\` of its own: without one
on the model, the job's containers run outside your VPC.

A model that no transform job in the scan uses, and that has no VPC configuration, is a
\`warning\`: it may still be used by a job declared elsewhere. When the only users in the scan
are endpoint configurations (\`aws_sagemaker_endpoint_configuration\`,
\`AWS::SageMaker::EndpointConfig\`), it is a real-time model and the finding is a \`note\`.

A Step Functions \`createTransformJob\` task uses the model a \`createModel\` task of the same
state machine creates when their model names are provably equal: the same literal, the same
context path (\`"ModelName.$": "$$.Execution.Name"\` in both), or the same
\`States.Format(...)\` of such paths and literals. The same state path (\`$.model\`) links too,
and the finding says so: a state between the two may change it.

When the scan is incomplete ([SMBT020](SMBT020.md): a limit left a file, module or part of a
template unread), such a model is a \`warning\` saying that whether a job uses it could not be
verified, instead of saying that none does.

**How to fix.** Add the VPC configuration to the model.

Terraform:

\`\`\`hcl
resource "aws_sagemaker_model" "scoring" {
  name               = "scoring"
  execution_role_arn = aws_iam_role.sagemaker.arn
  primary_container {
    image = var.image
  }
  vpc_config {
    subnets            = [aws_subnet.private_a.id, aws_subnet.private_b.id]
    security_group_ids = [aws_security_group.sagemaker.id]
  }
}
\`\`\`

CloudFormation:

\`\`\`yaml
ScoringModel:
  Type: AWS::SageMaker::Model
  Properties:
    ExecutionRoleArn: !GetAtt SageMakerRole.Arn
    PrimaryContainer:
      Image: !Ref ImageUri
    VpcConfig:
      Subnets: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]
      SecurityGroupIds: [!Ref SageMakerSecurityGroup]
\`\`\`

**Suggested fix.** The finding carries a fix only where the scan can tell which subnets and
groups the model is meant to use; it never guesses:

1. the VpcConfig of the other models declared in the same Terraform module or CloudFormation
   template, when they all use the same subnets and groups — copied as written, so the same
   references, variables or parameters;
2. else, when that module or template declares exactly one security group (a VPC's default
   group aside) and its private subnets — every one whose route table is known and sends no
   default route to an internet gateway — are all in that group's VPC: those subnets and that
   group.

Reference the model from the job by its name: \`!GetAtt ScoringModel.ModelName\`. In
CloudFormation, \`!Ref ScoringModel\` returns the model's ARN, not its name.
`;

export const SMBT001: Rule = {
  id: "SMBT001",
  title: "Model used by batch transform must set VpcConfig",
  findingTitle: "Model has no VpcConfig",
  level: "error",
  summary: "A SageMaker model run by a batch transform job has a VpcConfig with subnets and security groups.",
  description:
    "Batch transform jobs take their VPC configuration from the model they run. A model without VpcConfig, or with no subnets or no security groups in it, runs the job's containers outside the private VPC.",
  help,
  securitySeverity: "7.5",
  precision: "very-high",
  fixable: ["terraform", "cloudformation"],
  check(context) {
    const { graph, scope } = context;
    const results: RuleResult[] = [];
    for (const job of graph.nodesOfKind("transform-job")) {
      const models = graph.modelsOfJob(job.id);
      if (models.found.length === 0) {
        for (const u of models.unknowns) {
          context.cannotVerify({
            unknown: u,
            what: `the model of transform job ${job.name}`,
            range: job.modelName?.keyRange ?? job.range,
            resource: job.name,
          });
        }
      }
      for (const edge of graph.outgoing(job.id, "uses-model")) {
        const model = graph.node(edge.to);
        if (edge.via !== "reference-to-arn" || !edge.range || model?.kind !== "model") continue;
        results.push({
          level: "note",
          message: `ModelName of ${job.name} is a Ref to ${model.name}, which returns the model's ARN, not its name; reference the model's ModelName attribute instead.`,
          range: edge.range,
          resource: job.name,
        });
      }
    }
    for (const model of graph.nodesOfKind("model")) {
      const jobs = graph.incoming(model.id, "uses-model");
      if (jobs.length === 0 && scope === "referenced") continue;
      const vpc = model.vpcConfig;
      // A list of unknown length whose every element is known to be a subnet (or group) is a VpcConfig:
      // empty, CreateModel would fail, not run outside the VPC.
      const undetermined =
        vpc?.block ??
        [vpc?.subnets?.value, vpc?.securityGroupIds?.value].find((v) => v?.kind === "unknown" && !v.every);
      if (undetermined?.kind === "unknown") {
        context.cannotVerify({
          unknown: undetermined,
          what: `the VPC configuration of model ${model.name}`,
          range: vpc?.keyRange ?? model.range,
          resource: model.name,
        });
        continue;
      }
      const problem = vpcProblem(model);
      if (!problem) continue;
      const used = jobs.length > 0;
      // "Model M has a VpcConfig with no security groups; …" (not "Model M its VpcConfig has …").
      const unusedWhat = problem.what.replace(/^its VpcConfig has /, "has a VpcConfig with ");
      const jobNames = jobs.map((edge) => graph.node(edge.from)?.name).filter(Boolean);
      // A job linked only by a literal name (no reference) may mean another model of that name: say so.
      const byName = jobs.some((edge) => edge.via === "literal-name")
        ? " (linked by the model's literal name, not by a reference)"
        : jobs.some((edge) => edge.via === "state-path")
          ? " (linked because both tasks name the model by the same state path, which a state between them may change)"
          : "";
      // A model only endpoint configurations use serves real-time inference: not a batch-transform defect.
      const served = used ? [] : graph.incoming(model.id, "serves-model");
      const endpointNames = [...new Set(served.map((edge) => graph.node(edge.from)?.name).filter(Boolean))];
      const fix = problem.noVpcConfig ? vpcConfigFix(context, model) : undefined;
      results.push({
        // What the scan did not read or evaluate (SMBT020) may hold a job that uses it: unevaluated is not missing.
        level: used ? "error" : served.length > 0 && !graph.graph.incomplete ? "note" : "warning",
        message: used
          ? `Model ${model.name} is used by batch transform job ${jobNames.join(", ")}${byName} but ${problem.what}: the job runs outside the VPC.`
          : graph.graph.incomplete
            ? `Model ${model.name} ${unusedWhat}; whether a batch transform job uses it could not be verified, because the scan is incomplete (SMBT020), and one that does would run outside the VPC.`
            : served.length > 0
              ? `Model ${model.name} ${unusedWhat}; only endpoint configuration ${endpointNames.join(", ")} uses it (real-time inference) and no batch transform job in the scan does.`
              : `Model ${model.name} ${unusedWhat}; no batch transform job in the scan uses it, but one that does would run outside the VPC.`,
        range: problem.range,
        resource: model.name,
        related: jobs.flatMap((edge) =>
          edge.range ? [{ range: edge.range, message: `used here by ${graph.node(edge.from)?.name}` }] : [],
        ),
        ...(fix ? { fix } : {}),
      });
    }
    return results;
  },
};

/**
 * The VpcConfig to suggest for a model that has none, or none when the scan
 * cannot tell which subnets and groups are meant (the tool never guesses):
 * 1. the VpcConfig of the other models declared in the same module or
 *    template, when they all agree (it is copied as written);
 * 2. else, when that module or template declares exactly one security group
 *    (besides a VPC's default group) and its private subnets — those whose
 *    route tables send nothing to an internet gateway — are all in that
 *    group's VPC: those subnets and that group.
 */
function vpcConfigFix(context: RuleContext, model: ModelNode): FixIntent | undefined {
  const { graph } = context;
  if (model.origin !== "resource" || !model.declaredIn) return undefined;
  const unit = model.declaredIn;
  const description = `Add a VpcConfig to ${model.name}`;
  const donors = graph
    .nodesDeclaredIn("model", unit)
    .filter((m) => m.id !== model.id && m.origin === "resource" && m.vpcConfig);
  if (donors.length > 0) {
    const configs = donors.map((donor) => ({ donor, nodes: resolvedConfig(context, donor) }));
    const first = configs[0]!;
    if (!first.nodes || configs.some((c) => c.nodes !== first.nodes)) return undefined;
    return {
      kind: "add-vpc-config",
      node: model.id,
      source: { copyFrom: first.donor.id },
      description: `${description} like ${first.donor.name}'s`,
    };
  }
  const groups = graph.nodesDeclaredIn("security-group", unit).filter((g) => !g.implicit && !g.isDefault);
  if (groups.length !== 1 || groups[0]!.exists !== true) return undefined;
  const group = groups[0]!;
  const vpcs = graph.vpcOf(group);
  if (vpcs.found.length !== 1 || vpcs.unknowns.length > 0) return undefined;
  const vpc = vpcs.found[0]!.node;
  const subnets = graph.nodesDeclaredIn("subnet", unit).filter((s) => isPrivate(context, s));
  if (subnets.length === 0 || subnets.length > 16) return undefined;
  if (!subnets.every((s) => s.exists === true && onlyIn(context, s, vpc.id))) return undefined;
  return {
    kind: "add-vpc-config",
    node: model.id,
    source: { subnets: subnets.map((s) => s.id), securityGroups: [group.id] },
    description,
  };
}

/** A donor model's subnets and groups as a key (all resolved, none missing), or undefined. */
function resolvedConfig(context: RuleContext, model: ModelNode): string | undefined {
  if (model.vpcConfig?.block || vpcProblem(model) || model.exists !== true) return undefined;
  const subnets = context.graph.subnetsOfModel(model);
  const groups = context.graph.securityGroupsOfModel(model);
  if (
    subnets.unknowns.length > 0 ||
    groups.unknowns.length > 0 ||
    subnets.found.length === 0 ||
    groups.found.length === 0
  )
    return undefined;
  const ids = (found: { node: { id: string } }[]) => [...new Set(found.map((f) => f.node.id))].sort().join(",");
  return `${ids(subnets.found)}|${ids(groups.found)}`;
}

/** Every route table the subnet uses is known and sends no default route to an internet gateway. */
function isPrivate(context: RuleContext, subnet: SubnetNode): boolean {
  const tables = context.graph.routeTableOfSubnet(subnet);
  if (tables.unknowns.length > 0 || tables.found.length === 0) return false;
  return tables.found.every(({ node }) => {
    const target = defaultRoute(node, context.graph).target.kind;
    return target !== "internet-gateway" && target !== "unknown";
  });
}

function onlyIn(context: RuleContext, subnet: SubnetNode, vpcId: string): boolean {
  const vpcs = context.graph.vpcOf(subnet);
  return vpcs.unknowns.length === 0 && vpcs.found.length === 1 && vpcs.found[0]!.node.id === vpcId;
}

/** What is missing from the model's VPC configuration, if anything provably is. */
function vpcProblem(model: ModelNode): { what: string; range: ModelNode["range"]; noVpcConfig?: true } | undefined {
  const vpc = model.vpcConfig;
  if (!vpc) return { what: "has no VpcConfig", range: model.range, noVpcConfig: true };
  const vpcRange = vpc.keyRange ?? model.range;
  const subnets = listProblem(vpc.subnets, "subnets");
  if (subnets) return { what: `its VpcConfig has ${subnets.what}`, range: subnets.range ?? vpcRange };
  const groups = listProblem(vpc.securityGroupIds, "security groups");
  if (groups) return { what: `its VpcConfig has ${groups.what}`, range: groups.range ?? vpcRange };
  return undefined;
}

/** A list that is provably missing or empty; an Unknown list is not a problem we can prove. */
function listProblem(
  attribute: Attribute | undefined,
  noun: string,
): { what: string; range?: ModelNode["range"] } | undefined {
  if (!attribute) return { what: `no ${noun}` };
  const value = attribute.value;
  if (value.kind === "list" && value.items.length === 0)
    return { what: `no ${noun}`, range: value.range ?? attribute.keyRange };
  if (value.kind === "null") return { what: `no ${noun}`, range: attribute.keyRange };
  return undefined;
}
