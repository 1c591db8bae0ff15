/**
 * The graph stage's entry: Terraform instances and CloudFormation resources
 * in, one linked, indexed graph out.
 */
import type { CfnResource } from "../cloudformation/template.js";
import { buildGraph, type GraphSources } from "./build.js";
import { cloudFormationSources } from "./adapters/cloudformation.js";
import { terraformSources, type TerraformInstanceLike } from "./adapters/terraform.js";
import { indexGraph, type GraphIndex } from "./graph.js";

export function graphOf(input: { cloudFormation?: readonly CfnResource[]; terraform?: readonly TerraformInstanceLike[]; extra?: GraphSources[] }): GraphIndex {
  const parts = [cloudFormationSources(input.cloudFormation ?? []), terraformSources(input.terraform ?? []), ...(input.extra ?? [])];
  return indexGraph(buildGraph({ nodes: parts.flatMap((p) => p.nodes), facets: parts.flatMap((p) => p.facets ?? []) }));
}
