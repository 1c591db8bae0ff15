/**
 * `data "template_file"` (the archived hashicorp/template provider, still in
 * wide use): its `rendered` attribute is the `template` text rendered with
 * `vars`, as `templatefile()` renders a file. The provider renders during
 * the plan from configuration alone, so the result is as known as the
 * template and the variables are.
 *
 * When the template was read with `file()` from a file of the scan, the
 * rendered text keeps its parts at their ranges in that file (a state machine
 * definition there gets exact findings); an inline template is rendered
 * without them (its parts would need ranges inside the `.tf` string), so
 * findings point at the use.
 */
import type { SourceRange } from "../../core/range.js";
import { unknown, type Value } from "../../core/value.js";
import type { InstanceNode } from "../instances.js";
import { ExpressionError } from "../evaluate.js";

/** `rendered`, or undefined when the block has no `template` (the caller then says the provider computes it). */
export function templateFileRendered(instance: InstanceNode, range: SourceRange): Value | undefined {
  const attribute = instance.config.block.body.attributes.find((a) => a.name === "template");
  const template = instance.configured("template");
  if (!attribute || template === undefined || template.kind === "null") return undefined;
  const vars = instance.configured("vars") ?? { kind: "object", entries: [] };
  for (const input of [template, vars])
    if (input.kind === "unknown")
      return unknown(input.reason, `${instance.address}.rendered depends on ${input.detail.replace(/\.$/, "")}.`, {
        refs: input.refs,
        range,
      });
  if (template.kind !== "string") return undefined;
  const piece = template.parts?.length === 1 ? template.parts[0] : undefined;
  const file = piece && "source" in piece ? piece.source.range?.file : undefined;
  const scope = instance.scope(attribute);
  try {
    const rendered = scope.resolver
      .functionContext(range, scope)
      .renderTemplate(template.value, file ?? scope.src.path, vars);
    if (file !== undefined) return { ...rendered, range };
    const { parts: _parts, ...withoutParts } = rendered as Value & { parts?: unknown };
    return { ...(withoutParts as Value), range };
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    instance.resource.module.world.note(`${instance.address}: ${error.message}`, instance.config.block.headerRange);
    return unknown("UNSUPPORTED", `${instance.address}.rendered could not be rendered: ${error.message}.`, { range });
  }
}
