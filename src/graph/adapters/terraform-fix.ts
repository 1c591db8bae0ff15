/** Renders fix intents as Terraform text (beside the Terraform adapter, which knows the attribute names). */
import type { SourceRange } from "../../core/range.js";
import type { Fix } from "../../core/finding.js";
import { getEntry } from "../../core/value.js";
import type { FixIntent } from "../fix-intent.js";
import type { TerraformInstanceLike } from "./terraform.js";
import { edit, indentationAt, replaceValue, type FileText } from "./fix-text.js";

type Instance = TerraformInstanceLike & { file: string; range: SourceRange };

const FLAG_ATTRIBUTES: Record<Extract<FixIntent, { kind: "set-flag" }>["flag"], string> = {
  enableNetworkIsolation: "enable_network_isolation",
  enableDnsSupport: "enable_dns_support",
  enableDnsHostnames: "enable_dns_hostnames",
  privateDnsEnabled: "private_dns_enabled",
};

export function renderTerraformFix(intent: FixIntent, instance: Instance, source: FileText, instanceById: (id: string) => Instance | undefined): Fix | undefined {
  switch (intent.kind) {
    case "set-flag":
      return setAttribute(instance, source, FLAG_ATTRIBUTES[intent.flag], String(intent.value), intent.description);
    case "add-self-rule":
      return selfRule(intent, instance, source);
    case "add-route-table": {
      const table = instanceById(intent.routeTable);
      const reference = table && sameModule(instance, table) ? `${localAddress(table)}.id` : undefined;
      if (!reference) return undefined;
      const existing = getEntry(instance.attributes, "route_table_ids");
      const list = existing?.value;
      if (list?.kind === "list" && list.range && list.range.file === source.file) {
        const close = list.range.end.offset - 1;
        if (source.text[close] !== "]") return undefined;
        const inside = source.text.slice(list.range.start.offset + 1, close).trim();
        const separator = inside === "" ? "" : inside.endsWith(",") ? " " : ", ";
        return { description: intent.description, edits: [edit(source, close, close, `${separator}${reference}`)] };
      }
      if (existing) return undefined; // a computed list (a variable, a `for`): no single place to add to
      return insertAttribute(instance, source, "route_table_ids", `[${reference}]`, intent.description);
    }
  }
}

function setAttribute(instance: Instance, source: FileText, name: string, value: string, description: string): Fix | undefined {
  const existing = getEntry(instance.attributes, name);
  if (existing) {
    const range = existing.value.range;
    return range && range.file === source.file ? { description, edits: [replaceValue(source, range, value)] } : undefined;
  }
  return insertAttribute(instance, source, name, value, description);
}

/** Adds `name = value` as the block's first line. */
function insertAttribute(instance: Instance, source: FileText, name: string, value: string, description: string): Fix | undefined {
  const brace = source.text.indexOf("{", instance.headerRange.end.offset);
  if (brace < 0) return undefined;
  const indent = indentationAt(source.text, instance.headerRange.start.offset);
  return { description, edits: [edit(source, brace + 1, brace + 1, `\n${indent}  ${name} = ${value}`)] };
}

/** The address without the module path and instance keys of the resource: how the same module refers to it. */
function localAddress(instance: TerraformInstanceLike): string {
  const parts = instance.address.split(".");
  const resource = parts.slice(-2).join(".");
  return instance.expansion === "known" ? resource : resource.replace(/\[.*\]$/, "");
}

function sameModule(a: TerraformInstanceLike, b: TerraformInstanceLike): boolean {
  const modulePath = (i: TerraformInstanceLike) => i.address.split(".").slice(0, -2).join(".");
  return a.id.split(":")[0] === b.id.split(":")[0] && modulePath(a) === modulePath(b);
}

/**
 * A rule for all traffic among the group's members: an inline block beside the
 * group's inline rules, else a standalone rule resource after the group
 * (Terraform warns against mixing the two forms on one group).
 */
function selfRule(intent: Extract<FixIntent, { kind: "add-self-rule" }>, instance: Instance, source: FileText): Fix | undefined {
  const indent = indentationAt(source.text, instance.headerRange.start.offset);
  if (intent.inline) {
    const brace = source.text.indexOf("{", instance.headerRange.end.offset);
    if (brace < 0) return undefined;
    const inner = `${indent}  `;
    const block = [`${intent.direction} {`, `  description = "Containers of the same batch transform job"`, `  protocol    = "-1"`, `  from_port   = 0`, `  to_port     = 0`, `  self        = true`, `}`]
      .map((line) => inner + line)
      .join("\n");
    return { description: intent.description, edits: [edit(source, brace + 1, brace + 1, `\n${block}\n`)] };
  }
  if (instance.range.file !== source.file) return undefined;
  const name = instance.address.split(".").slice(-1)[0]!.replace(/\[.*\]$/, "");
  const group = `${localAddress(instance)}.id`;
  const type = intent.direction === "ingress" ? "aws_vpc_security_group_ingress_rule" : "aws_vpc_security_group_egress_rule";
  const text = [
    ``,
    ``,
    `resource "${type}" "${name}_self" {`,
    `  security_group_id            = ${group}`,
    `  referenced_security_group_id = ${group}`,
    `  ip_protocol                  = "-1"`,
    `  description                  = "Containers of the same batch transform job"`,
    `}`,
  ]
    .map((line) => (line ? indent + line : line))
    .join("\n");
  const at = instance.range.end.offset;
  return { description: intent.description, edits: [edit(source, at, at, text)] };
}
