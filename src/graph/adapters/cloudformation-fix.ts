/** Renders fix intents as CloudFormation YAML or JSON (beside the CloudFormation adapter). */
import type { Fix } from "../../core/finding.js";
import { getEntry } from "../../core/value.js";
import type { CfnResource } from "../../cloudformation/template.js";
import type { FixIntent } from "../fix-intent.js";
import { edit, indentationAt, nextLineStart, reindent, replaceValue, type FileText } from "./fix-text.js";

type Edit = Fix["edits"][number];

const FLAG_PROPERTIES: Record<Extract<FixIntent, { kind: "set-flag" }>["flag"], string> = {
  enableNetworkIsolation: "EnableNetworkIsolation",
  enableDnsSupport: "EnableDnsSupport",
  enableDnsHostnames: "EnableDnsHostnames",
  privateDnsEnabled: "PrivateDnsEnabled",
};

export function renderCloudFormationFix(
  intent: FixIntent,
  resource: CfnResource,
  source: FileText,
  resourceById: (id: string) => CfnResource | undefined,
): Fix | undefined {
  const json = source.file.toLowerCase().endsWith(".json");
  /** `!Ref X` / `{ "Ref": "X" }` to a resource of the same template. */
  const refTo = (id: string): string | undefined => {
    const target = resourceById(id);
    if (!target || target.file !== resource.file) return undefined;
    return json ? `{ "Ref": "${target.logicalId}" }` : `!Ref ${target.logicalId}`;
  };
  switch (intent.kind) {
    case "set-flag": {
      const name = FLAG_PROPERTIES[intent.flag];
      const existing = getEntry(resource.properties, name);
      if (existing?.value.range && existing.value.range.file === source.file) {
        return {
          description: intent.description,
          edits: [replaceValue(source, existing.value.range, String(intent.value))],
        };
      }
      if (existing) return undefined;
      return insertProperty(resource, source, json, name, [String(intent.value)], intent.description);
    }
    case "add-self-rule":
      return selfRule(intent, resource, source, json);
    case "add-route-table": {
      const reference = refTo(intent.routeTable);
      if (!reference) return undefined;
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
        return {
          description: intent.description,
          edits: [edit(source, at, at, `${indentationAt(text, dash)}- ${reference}\n`)],
        };
      }
      return undefined;
    }
    case "set-vpc": {
      const reference = refTo(intent.vpc);
      if (!reference) return undefined;
      const existing = getEntry(resource.properties, "VpcId");
      if (existing?.value.range && existing.value.range.file === source.file) {
        return { description: intent.description, edits: [replaceValue(source, existing.value.range, reference)] };
      }
      if (existing) return undefined;
      return insertProperty(resource, source, json, "VpcId", [reference], intent.description);
    }
    case "add-s3-https-egress":
      // AWS::EC2::VPCEndpoint has no prefix-list attribute (its GetAtt gives
      // CreationTimestamp, DnsEntries, Id, NetworkInterfaceIds), and a template
      // cannot look the AWS-managed S3 prefix list up. Egress to 0.0.0.0/0
      // would open more than a private design wants: no fix is rendered.
      return undefined;
    case "add-s3-endpoint":
      return s3Endpoint(intent, resource, source, json, refTo);
    case "add-vpc-config":
      return vpcConfig(intent, resource, source, json, refTo, resourceById);
    case "grant-vpc-access":
      return vpcAccess(intent, resource, source, json);
  }
}

/**
 * Adds a property as the first one under `Properties`. `value` is its lines:
 * one for a scalar or flow value, more for a block value (YAML lines after
 * the first are relative to the property's indentation).
 */
function insertProperty(
  resource: CfnResource,
  source: FileText,
  json: boolean,
  name: string,
  value: readonly string[],
  description: string,
): Fix | undefined {
  const key = resource.propertiesKeyRange;
  const properties = resource.properties.range;
  if (!key || !properties || properties.file !== source.file) return undefined;
  const text = source.text;
  if (json) {
    const brace = text.indexOf("{", key.end.offset);
    if (brace < 0) return undefined;
    const empty = /^\s*\}/.test(text.slice(brace + 1));
    const indent = empty ? `${indentationAt(text, brace)}  ` : indentationAt(text, nextLineStart(text, brace));
    const lines = value.map((line, i) => (i === 0 ? line : indent + line)).join("\n");
    return {
      description,
      edits: [edit(source, brace + 1, brace + 1, `\n${indent}"${name}": ${lines}${empty ? "" : ","}`)],
    };
  }
  if (text[properties.start.offset] === "{") return undefined; // a flow mapping: leave its layout to the author
  const indent = indentationAt(text, properties.start.offset);
  const at = properties.start.offset - indent.length;
  const [first, ...rest] = value;
  const head = first === "" ? `${name}:` : `${name}: ${first}`;
  return {
    description,
    edits: [edit(source, at, at, `${[head, ...rest].map((line) => (line ? indent + line : line)).join("\n")}\n`)],
  };
}

/** A new resource after `resource`, at its indentation: YAML lines (relative), or a JSON value printed as the file indents. */
function appendResource(
  resource: CfnResource,
  source: FileText,
  json: boolean,
  logicalId: string,
  yaml: readonly string[],
  jsonBody: unknown,
): Edit {
  const indent = indentationAt(source.text, resource.headerRange.start.offset);
  if (json) {
    const at = resource.range.end.offset;
    const body = jsonLines(jsonBody, source.text).map((line, i) => (i === 0 ? line : indent + line));
    return edit(source, at, at, `,\n${indent}"${logicalId}": ${body.join("\n")}`);
  }
  const at = nextLineStart(source.text, resource.range.end.offset - 1);
  const lines = [`${logicalId}:`, ...yaml].map((line) => indent + line);
  return edit(
    source,
    at,
    at,
    `${at >= source.text.length && !source.text.endsWith("\n") ? "\n" : ""}\n${lines.join("\n")}\n`,
  );
}

/**
 * A logical ID no key of the template uses yet (resources, parameters,
 * outputs and conditions share the namespace `Ref` sees). Checked on the text,
 * so a key anywhere counts as taken: never a clash, at worst a longer name.
 */
function freeLogicalId(text: string, candidates: readonly string[]): string | undefined {
  const base = candidates[candidates.length - 1]!;
  for (const id of [...candidates, ...[2, 3, 4, 5].map((n) => `${base}${n}`)]) {
    if (!new RegExp(`(^|[\\s{,])["']?${id}["']?\\s*:`, "m").test(text)) return id;
  }
  return undefined;
}

/**
 * A standalone `SecurityGroupIngress`/`Egress` resource after the group: an
 * inline rule cannot name its own group (the reference would be circular).
 */
function selfRule(
  intent: Extract<FixIntent, { kind: "add-self-rule" }>,
  resource: CfnResource,
  source: FileText,
  json: boolean,
): Fix | undefined {
  const id = resource.logicalId;
  const edits: Fix["edits"] = [];
  for (const direction of intent.directions) {
    const ingress = direction === "ingress";
    const name = freeLogicalId(source.text, [`${id}Self${ingress ? "Ingress" : "Egress"}`]);
    if (!name) return undefined;
    const type = ingress ? "AWS::EC2::SecurityGroupIngress" : "AWS::EC2::SecurityGroupEgress";
    const peer = ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
    const body = { Type: type, Properties: { GroupId: { Ref: id }, IpProtocol: "-1", [peer]: { Ref: id } } };
    const yaml = [
      `  Type: ${type}`,
      `  Properties:`,
      `    GroupId: !Ref ${id}`,
      `    IpProtocol: "-1"`,
      `    ${peer}: !Ref ${id}`,
    ];
    edits.push(appendResource(resource, source, json, name, yaml, body));
  }
  // Both resources go at one place: one edit holding both, in order.
  const [first, ...rest] = edits;
  if (!first) return undefined;
  return {
    description: intent.description,
    edits: [{ ...first, newText: first.newText + rest.map((e) => e.newText).join("") }],
  };
}

/** A Gateway endpoint for S3 after the VPC, on the job subnets' route tables. */
function s3Endpoint(
  intent: Extract<FixIntent, { kind: "add-s3-endpoint" }>,
  resource: CfnResource,
  source: FileText,
  json: boolean,
  refTo: (id: string) => string | undefined,
): Fix | undefined {
  // A template cannot name its VPC's main route table.
  if (intent.mainRouteTable || intent.routeTables.length === 0) return undefined;
  const tables = intent.routeTables.map(refTo);
  const vpc = refTo(resource.id);
  if (!vpc || tables.some((t) => t === undefined)) return undefined;
  const name = freeLogicalId(source.text, ["S3Endpoint", `${resource.logicalId}S3Endpoint`]);
  if (!name) return undefined;
  const service = "com.amazonaws.${AWS::Region}.s3";
  const body = json
    ? {
        Type: "AWS::EC2::VPCEndpoint",
        Properties: {
          VpcId: JSON.parse(vpc),
          ServiceName: { "Fn::Sub": service },
          VpcEndpointType: "Gateway",
          RouteTableIds: tables.map((t) => JSON.parse(t!)),
        },
      }
    : undefined;
  const yaml = [
    `  Type: AWS::EC2::VPCEndpoint`,
    `  Properties:`,
    `    VpcId: ${vpc}`,
    `    ServiceName: !Sub "${service}"`,
    `    VpcEndpointType: Gateway`,
    `    RouteTableIds:`,
    ...tables.map((t) => `      - ${t}`),
  ];
  return { description: intent.description, edits: [appendResource(resource, source, json, name, yaml, body)] };
}

/** `VpcConfig` as the model's first property: another model's as written (same template), or `Ref`s to the intent's nodes. */
function vpcConfig(
  intent: Extract<FixIntent, { kind: "add-vpc-config" }>,
  resource: CfnResource,
  source: FileText,
  json: boolean,
  refTo: (id: string) => string | undefined,
  resourceById: (id: string) => CfnResource | undefined,
): Fix | undefined {
  if ("copyFrom" in intent.source) {
    const donor = resourceById(intent.source.copyFrom);
    const entry = donor && donor.file === resource.file ? getEntry(donor.properties, "VpcConfig") : undefined;
    const value = entry?.value.range;
    if (!entry?.keyRange || !value || value.file !== source.file) return undefined;
    const text = source.text;
    // The value as written, its lines made relative to the donor's property (as `insertProperty` takes them).
    const from = indentationAt(text, entry.keyRange.start.offset);
    const block = text.slice(entry.keyRange.end.offset, value.start.offset).includes("\n");
    const lines = block
      ? reindent(`\n${text.slice(nextLineStart(text, entry.keyRange.end.offset), value.end.offset)}`, from, "")
      : reindent(text.slice(value.start.offset, value.end.offset), from, "");
    // An anchor would be declared twice, an alias may not resolve where the copy lands.
    if (!lines || (!json && lines.some((line) => /(^|[\s[{,:])[&*][^\s,\]}]+/.test(line)))) return undefined;
    return insertProperty(resource, source, json, "VpcConfig", lines, intent.description);
  }
  const subnets = intent.source.subnets.map(refTo);
  const groups = intent.source.securityGroups.map(refTo);
  if ([...subnets, ...groups].some((r) => r === undefined) || subnets.length === 0 || groups.length === 0)
    return undefined;
  const parsed = (refs: (string | undefined)[]) => refs.map((r) => JSON.parse(r!) as unknown);
  const value = json
    ? jsonLines({ Subnets: parsed(subnets), SecurityGroupIds: parsed(groups) }, source.text)
    : ["", `  Subnets: [${subnets.join(", ")}]`, `  SecurityGroupIds: [${groups.join(", ")}]`];
  return insertProperty(resource, source, json, "VpcConfig", value, intent.description);
}

/**
 * The refused VPC actions for an execution role, as AWS documents them for
 * SageMaker: an `AWS::IAM::RolePolicy` after the role (beside any `Policies`
 * it has; the two forms coexist).
 */
function vpcAccess(
  intent: Extract<FixIntent, { kind: "grant-vpc-access" }>,
  resource: CfnResource,
  source: FileText,
  json: boolean,
): Fix | undefined {
  if (resource.type !== "AWS::IAM::Role" || intent.actions.length === 0) return undefined;
  const id = resource.logicalId;
  const name = freeLogicalId(source.text, [`${id}VpcAccess`]);
  if (!name) return undefined;
  const statement = { Sid: "SageMakerVpcNetworkInterfaces", Effect: "Allow", Action: intent.actions, Resource: "*" };
  const body = {
    Type: "AWS::IAM::RolePolicy",
    Properties: {
      RoleName: { Ref: id },
      PolicyName: intent.policyName,
      PolicyDocument: { Version: "2012-10-17", Statement: [statement] },
    },
  };
  const yaml = [
    `  Type: AWS::IAM::RolePolicy`,
    `  Properties:`,
    `    RoleName: !Ref ${id}`,
    `    PolicyName: ${intent.policyName}`,
    `    PolicyDocument:`,
    `      Version: "2012-10-17"`,
    `      Statement:`,
    `        - Sid: SageMakerVpcNetworkInterfaces`,
    `          Effect: Allow`,
    `          Action:`,
    ...intent.actions.map((a) => `            - ${a}`),
    `          Resource: "*"`,
  ];
  return { description: intent.description, edits: [appendResource(resource, source, json, name, yaml, body)] };
}

/**
 * A JSON value as the template writes JSON: indented by the unit its own top-level keys
 * use (two spaces when it shows none). Lines after the first are relative to where the
 * value starts, as the callers prefix them.
 */
function jsonLines(value: unknown, text: string): string[] {
  const unit = /^\s*\{[ \t]*\r?\n([ \t]+)"/.exec(text)?.[1] ?? "  ";
  return JSON.stringify(value, null, unit).split("\n");
}
