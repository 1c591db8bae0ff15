/**
 * The graph stage's entry: Terraform instances and CloudFormation resources
 * in, one linked, indexed graph out.
 */
import type { CfnResource } from "../cloudformation/template.js";
import { buildGraph, type GraphSources } from "./build.js";
import { cloudFormationSources } from "./adapters/cloudformation.js";
import { terraformSources, type TerraformInstanceLike } from "./adapters/terraform.js";
import { workflowGraphSources } from "./adapters/workflows.js";
import { indexGraph, type GraphIndex } from "./graph.js";
import { markDeclarationUnits } from "./declared-in.js";

export function graphOf(input: {
  cloudFormation?: readonly CfnResource[];
  terraform?: readonly TerraformInstanceLike[];
  extra?: GraphSources[];
  /** Scanned files' text by root-relative path: exact ranges inside workflow definition strings. */
  readSource?: (file: string) => string | undefined;
}): GraphIndex {
  const workflows = workflowGraphSources(input);
  const parts = [
    cloudFormationSources(input.cloudFormation ?? []),
    terraformSources(input.terraform ?? []),
    workflows,
    ...(input.extra ?? []),
  ];
  const graph = buildGraph({ nodes: parts.flatMap((p) => p.nodes), facets: parts.flatMap((p) => p.facets ?? []) });
  if (workflows.notes.length > 0) graph.unreadable = workflows.notes;
  markDeclarationUnits(graph, input);
  return indexGraph(graph);
}
