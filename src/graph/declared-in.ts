/**
 * Where each node is declared (`NodeBase.declaredIn`): one Terraform module
 * instance, or one CloudFormation template. Nodes of one unit can name each
 * other by local references, which is what a suggested fix writes.
 */
import type { CfnResource } from "../cloudformation/template.js";
import type { TerraformInstanceLike } from "./adapters/terraform.js";
import type { Graph } from "./types.js";

/** Sets `declaredIn` on the nodes built from the given sources, and on the implicit nodes of their VPCs. */
export function markDeclarationUnits(
  graph: Graph,
  input: { cloudFormation?: readonly CfnResource[]; terraform?: readonly TerraformInstanceLike[] },
): void {
  const units = new Map<string, string>();
  for (const resource of input.cloudFormation ?? []) units.set(resource.id, `cloudformation:${resource.file}`);
  for (const instance of input.terraform ?? []) units.set(instance.id, terraformModuleUnit(instance));
  for (const node of graph.nodes) {
    // An implicit node's id is its VPC's id plus `#<what>`.
    const source = node.implicit ? node.id.slice(0, node.id.lastIndexOf("#")) : node.id;
    const unit = units.get(source);
    if (unit !== undefined) node.declaredIn = unit;
  }
}

/** `<root folder>:<module path>` of an instance, e.g. `infra:module.network["a"].` (empty path in the root module). */
export function terraformModuleUnit(instance: Pick<TerraformInstanceLike, "id" | "address">): string {
  const root = instance.id.slice(0, instance.id.length - instance.address.length - 1);
  return `terraform:${root}:${terraformModulePath(instance.address)}`;
}

/** The `module.NAME[KEY].` steps that start an address (keys may hold dots inside their quotes). */
export function terraformModulePath(address: string): string {
  const step = /^module\.[A-Za-z_][\w-]*(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])?\./;
  let path = "";
  let rest = address;
  for (let match = step.exec(rest); match; match = step.exec(rest)) {
    path += match[0];
    rest = rest.slice(match[0].length);
  }
  return path;
}
