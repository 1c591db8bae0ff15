/** Renders fix intents as Terraform text (beside the Terraform adapter, which knows the attribute names). */
import type { Fix } from "../../core/finding.js";
import { getEntry } from "../../core/value.js";
import type { FixIntent } from "../fix-intent.js";
import type { TerraformInstanceLike } from "./terraform.js";
import { edit, indentationAt, replaceValue, type FileText } from "./fix-text.js";

type Instance = TerraformInstanceLike & { file: string };

const FLAG_ATTRIBUTES: Record<Extract<FixIntent, { kind: "set-flag" }>["flag"], string> = {
  enableNetworkIsolation: "enable_network_isolation",
  enableDnsSupport: "enable_dns_support",
  enableDnsHostnames: "enable_dns_hostnames",
};

export function renderTerraformFix(intent: FixIntent, instance: Instance, source: FileText, instanceById: (id: string) => Instance | undefined): Fix | undefined {
  switch (intent.kind) {
    case "set-flag":
      return setAttribute(instance, source, FLAG_ATTRIBUTES[intent.flag], String(intent.value), intent.description);
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
