import type { Rule } from "./rule.js";

const help = `## File could not be parsed

**What.** A Terraform file or CloudFormation template that the scan should analyse does not
parse (or is not UTF-8 text). The finding points at the first problem in the file and says
how many more the parser saw; \`scan --debug\` (and the action with \`RUNNER_DEBUG=1\`) lists
them all. One file, one finding: the follow-on errors of one mistake are noise.

**Why.** Nothing in a file that does not parse can be checked: a model or transform job
declared in it is invisible to every other rule, and no other rule reports an error about
what the parser's recovery kept of it (what a check found missing may be in the part that
was not read). The scan goes on with the other files.

**How to fix.** Correct the syntax at the reported location. \`terraform validate\` or
\`cfn-lint\` shows the same problem. For example, an unclosed bracket:

\`\`\`hcl
vpc_config {
  subnets = [aws_subnet.private_a.id   # missing ]
}
\`\`\`

\`\`\`yaml
VpcConfig:
  Subnets: [!Ref PrivateSubnetA   # missing ]
\`\`\`
`;

/** Findings of this rule come from the parse stages' diagnostics, not from the graph. */
export const SMBT000: Rule = {
  id: "SMBT000",
  title: "File could not be parsed",
  findingTitle: "File could not be parsed",
  level: "error",
  summary: "A Terraform or CloudFormation file that should be analysed does not parse.",
  description:
    "A file that does not parse hides everything declared in it from every other check. The finding is at the parse error's location.",
  help,
  securitySeverity: "5.0",
  precision: "very-high",
  check: () => [],
};
