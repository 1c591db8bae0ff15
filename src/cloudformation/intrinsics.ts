/**
 * Resolves CloudFormation intrinsic functions in a property value.
 *
 * References stay references: `Ref` to a resource and `Fn::GetAtt` become an
 * Unknown (`COMPUTED`) that names the resource and attribute, which the graph
 * turns into an edge. A `Ref` to a parameter takes its default.
 */
import type { SourceRange } from "../core/range.js";
import { unknown, type ObjectEntry, type Value } from "../core/value.js";
import type { CfnParameter } from "./template.js";
import { resourceId } from "./template.js";

export interface ResolveContext {
  file: string;
  parameters: ReadonlyMap<string, CfnParameter>;
  logicalIds: ReadonlySet<string>;
}

export function resolveIntrinsics(value: Value, context: ResolveContext): Value {
  if (value.kind === "list") return { ...value, items: value.items.map((item) => resolveIntrinsics(item, context)) };
  if (value.kind !== "object") return value;
  const only = value.entries.length === 1 ? value.entries[0] : undefined;
  if (only && (only.key === "Ref" || only.key.startsWith("Fn::"))) return resolveFunction(only, value.range, context);
  const entries: ObjectEntry[] = value.entries.map((entry) => ({ ...entry, value: resolveIntrinsics(entry.value, context) }));
  return { ...value, entries };
}

function resolveFunction(call: ObjectEntry, range: SourceRange | undefined, context: ResolveContext): Value {
  const argument = call.value;
  if (call.key === "Ref" && argument.kind === "string") return resolveRef(argument.value, range, context);
  if (call.key === "Fn::GetAtt") {
    const parts = argument.kind === "list" ? argument.items : [];
    const [target, attribute] = parts;
    if (target?.kind === "string" && attribute?.kind === "string" && context.logicalIds.has(target.value)) {
      return unknown("COMPUTED", `${target.value}.${attribute.value} is set by CloudFormation when the stack is deployed.`, {
        refs: [{ resource: resourceId(context.file, target.value), attribute: attribute.value }],
        range,
      });
    }
  }
  return unknown("UNSUPPORTED", `${call.key} is not evaluated.`, { range });
}

function resolveRef(name: string, range: SourceRange | undefined, context: ResolveContext): Value {
  const parameter = context.parameters.get(name);
  if (parameter) {
    if (parameter.default === undefined) {
      return unknown("VAR_NO_DEFAULT", `Parameter ${name} has no default and no value was given.`, { range });
    }
    // The value is the default's, but a finding about it belongs at the reference.
    return { ...parameter.default, range };
  }
  if (context.logicalIds.has(name)) {
    return unknown("COMPUTED", `Ref ${name} is set by CloudFormation when the stack is deployed.`, {
      refs: [{ resource: resourceId(context.file, name) }],
      range,
    });
  }
  return unknown("EXTERNAL_ID", `${name} is neither a parameter nor a resource of this template.`, { range });
}
