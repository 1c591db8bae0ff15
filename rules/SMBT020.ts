import type { Rule } from "./rule.js";

const help = `## Scan incomplete

**What.** A safety limit stopped the scan from reading or evaluating a whole file, module,
nested stack or template: \`max-files\`, \`max-file-size\`, \`max-total-size\`,
\`max-steps-per-template\`, the module depth (32 levels) or the nested-stack depth (10 levels).
One \`error\` per cut, at the place it applies — the first file left out, the file, the module
call, the nested stack, the template's first value left unevaluated — naming what was left out
and the option or limit that stopped it.

**Why.** What was not read may hold the defect this tool exists to find. A gate that passes
because it read less than it was asked to is worse than no gate: the scan fails closed.
A limit that leaves one value Unknown (\`max-expansion\`, \`max-steps-per-expression\`, a
reference chain) is not this rule: the rules that needed the value report what they could
not verify ([SMBT017](SMBT017.md) notes). What was evaluated before a limit stays as it was,
and nothing the limit stopped is read as missing: a model whose job link was not evaluated
is not reported as unused, and a resource whose properties were not evaluated lacks none.

**Always on.** The configuration cannot turn this rule off or lower its level (a \`rules:\`
entry for it is refused), an in-source suppression naming it is itself reported
([SMBT019](SMBT019.md)) and suppresses nothing, a baseline never marks it \`unchanged\`,
and \`only-changed\` keeps it whichever files the pull request changes.

**How to fix.** Raise the limit the finding names — on the command line
(\`--max-files 100000\`, \`--max-file-size 20MB\`, \`--max-total-size 1GB\`,
\`--max-steps-per-template 5000000\`) or in the configuration file's \`limits\` section — or
exclude the paths that should not be scanned, so that the scan reads everything it is asked to.

\`\`\`yaml
# .sagemaker-vpc-guard.yml
limits:
  max-files: 100000
exclude:
  - "vendor/**"
\`\`\`

The module depth (32) and nested-stack depth (10) are fixed: they guard the analyzer's
own stack. A module tree or a chain of nested stacks deeper than that is almost always a
cycle through different paths; flatten it, or exclude the part that is not deployed.

Terraform:

\`\`\`hcl
module "level_33" {
  source = "./modules/level-33"   # SMBT020: module depth 32 reached; not expanded
}
\`\`\`

CloudFormation:

\`\`\`yaml
Child:
  Type: AWS::CloudFormation::Stack
  Properties:
    TemplateURL: ./level-11.yaml    # SMBT020: nested stacks deeper than 10 levels
\`\`\`
`;

/** Findings of this rule come from the scan's limits (`src/discover/inputs.ts`, the evaluation stages), not from the graph. */
export const SMBT020: Rule = {
  id: "SMBT020",
  title: "Scan incomplete",
  findingTitle: "Scan incomplete: part of the input was not read",
  level: "error",
  summary: "A limit stopped the scan from reading or evaluating a whole file, module, nested stack or template.",
  description:
    "What was not read may hold a defect, so a scan that read less than it was asked to fails: one error per cut, naming what was left out and the limit that stopped it. No configuration, suppression, baseline or only-changed filter removes it.",
  help,
  securitySeverity: "5.0",
  precision: "very-high",
  check: () => [],
};
