/** Renders fix intents as CloudFormation YAML or JSON (beside the CloudFormation adapter). */
import type { Fix } from "../../core/finding.js";
import { getEntry } from "../../core/value.js";
import type { CfnResource } from "../../cloudformation/template.js";
import type { FixIntent } from "../fix-intent.js";
import { edit, indentationAt, nextLineStart, replaceValue, type FileText } from "./fix-text.js";

const FLAG_PROPERTIES: Record<Extract<FixIntent, { kind: "set-flag" }>["flag"], string> = {
  enableNetworkIsolation: "EnableNetworkIsolation",
  enableDnsSupport: "EnableDnsSupport",
  enableDnsHostnames: "EnableDnsHostnames",
  privateDnsEnabled: "PrivateDnsEnabled",
};

export function renderCloudFormationFix(intent: FixIntent, resource: CfnResource, source: FileText, resourceById: (id: string) => CfnResource | undefined): Fix | undefined {
  const json = source.file.toLowerCase().endsWith(".json");
  switch (intent.kind) {
    case "set-flag": {
      const name = FLAG_PROPERTIES[intent.flag];
      const existing = getEntry(resource.properties, name);
      if (existing?.value.range && existing.value.range.file === source.file) {
        return { description: intent.description, edits: [replaceValue(source, existing.value.range, String(intent.value))] };
      }
      if (existing) return undefined;
      return insertProperty(resource, source, json, name, String(intent.value), intent.description);
    }
    case "add-self-rule":
      return selfRule(intent, resource, source, json);
    case "add-route-table": {
      const table = resourceById(intent.routeTable);
      if (!table || table.file !== resource.file) return undefined;
      const reference = json ? `{ "Ref": "${table.logicalId}" }` : `!Ref ${table.logicalId}`;
      const list = getEntry(resource.properties, "RouteTableIds")?.value;
      if (list?.kind === "list" && list.range && list.range.file === source.file) {
        const text = source.text;
        const last = list.items.at(-1)?.range;
        if (text[list.range.start.offset] === "[") {
          const close = list.range.end.offset - 1;
          const separator = list.items.length === 0 ? "" : ", ";
          return { description: intent.description, edits: [edit(source, close, close, `${separator}${reference}`)] };
        }
        if (!last) return undefined;
        // A block sequence: a new `- item` line after the last one, at its indentation.
        const dash = text.lastIndexOf("-", last.start.offset);
        const at = nextLineStart(text, last.end.offset);
        return { description: intent.description, edits: [edit(source, at, at, `${indentationAt(text, dash)}- ${reference}\n`)] };
      }
      return undefined;
    }
  }
}

/** Adds a property as the first one under `Properties`. */
function insertProperty(resource: CfnResource, source: FileText, json: boolean, name: string, value: string, description: string): Fix | undefined {
  const key = resource.propertiesKeyRange;
  const properties = resource.properties.range;
  if (!key || !properties) return undefined;
  const text = source.text;
  if (json) {
    const brace = text.indexOf("{", key.end.offset);
    if (brace < 0) return undefined;
    const at = nextLineStart(text, brace);
    return { description, edits: [edit(source, brace + 1, brace + 1, `\n${indentationAt(text, at)}"${name}": ${value},`)] };
  }
  if (text[properties.start.offset] === "{") return undefined; // a flow mapping: leave its layout to the author
  const at = properties.start.offset - indentationAt(text, properties.start.offset).length;
  return { description, edits: [edit(source, at, at, `${indentationAt(text, properties.start.offset)}${name}: ${value}\n`)] };
}

/**
 * A standalone `SecurityGroupIngress`/`Egress` resource after the group: an
 * inline rule cannot name its own group (the reference would be circular).
 */
function selfRule(intent: Extract<FixIntent, { kind: "add-self-rule" }>, resource: CfnResource, source: FileText, json: boolean): Fix | undefined {
  const id = resource.logicalId;
  const ingress = intent.direction === "ingress";
  const name = `${id}Self${ingress ? "Ingress" : "Egress"}`;
  const type = ingress ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress";
  const peer = ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
  const indent = indentationAt(source.text, resource.headerRange.start.offset);
  if (json) {
    const at = resource.range.end.offset;
    const body = `{ "Type": "${type}", "Properties": { "GroupId": { "Ref": "${id}" }, "IpProtocol": "-1", "${peer}": { "Ref": "${id}" } } }`;
    return { description: intent.description, edits: [edit(source, at, at, `,\n${indent}"${name}": ${body}`)] };
  }
  const at = nextLineStart(source.text, resource.range.end.offset - 1);
  const lines = [`${name}:`, `  Type: ${type}`, `  Properties:`, `    GroupId: !Ref ${id}`, `    IpProtocol: "-1"`, `    ${peer}: !Ref ${id}`];
  const text = `${at >= source.text.length && !source.text.endsWith("\n") ? "\n" : ""}\n${lines.map((line) => indent + line).join("\n")}\n`;
  return { description: intent.description, edits: [edit(source, at, at, text)] };
}
