import type { Rule } from "./rule.js";

const help = `## Batch-transform configuration not resolvable

**What.** One note per missing link: a transform job whose model cannot be resolved; a model whose subnets, security groups, VPC or role are outside the scan; a definition stored outside the repository; a safety limit that was hit.

**Why.** Static analysis can only prove what the configuration states. Reporting an unknown as an error is how other analyzers produce false positives.

**How to fix.** Give the missing value (a \`--var\`, a \`.tfvars\` file, \`--cfn-parameters\`), scan the stack that declares it together with this one, run \`terraform init\` so that registry modules are available, or turn these notes off with \`notes: off\` in the configuration file.

Terraform:

\`\`\`hcl
variable "private_subnet_ids" {
  type    = list(string)
  default = []   # or pass --var 'private_subnet_ids=["subnet-…"]'
}
\`\`\`

CloudFormation:

\`\`\`yaml
Parameters:
  PrivateSubnetIds:
    Type: List<AWS::EC2::Subnet::Id>   # pass --cfn-parameters PrivateSubnetIds=subnet-…
\`\`\`
`;

export const SMBT017: Rule = {
  id: "SMBT017",
  title: "Batch-transform configuration not resolvable",
  findingTitle: "Could not verify",
  level: "note",
  summary:
    "A link of a batch transform job's chain could not be determined statically; the checks it blocked are named.",
  description:
    "Where a subnet, security group, role, VPC or model comes from outside the scan (a variable without default, a data source, an import, a literal id), the analyzer does not guess: it reports once what it could not verify and which checks that blocked.",
  help,
  securitySeverity: "1.0",
  precision: "high",
  // Most findings of this rule are the other rules' indeterminate facts, merged by the
  // runner (rules/run.ts); these are the places the graph could not read at all.
  check: ({ graph }) =>
    (graph.graph.unreadable ?? []).flatMap((entry) =>
      entry.range ? [{ message: entry.message, range: entry.range }] : [],
    ),
};
