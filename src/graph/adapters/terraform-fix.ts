/** Renders fix intents as Terraform text (beside the Terraform adapter, which knows the attribute names). */
import type { SourceRange } from "../../core/range.js";
import type { Fix } from "../../core/finding.js";
import { getEntry } from "../../core/value.js";
import type { FixIntent } from "../fix-intent.js";
import { terraformModulePath, terraformModuleUnit } from "../declared-in.js";
import type { TerraformInstanceLike } from "./terraform.js";
import { edit, indentationAt, reindent, replaceValue, type FileText } from "./fix-text.js";

type Instance = TerraformInstanceLike & { file: string; range: SourceRange };
type Edit = Fix["edits"][number];

/** What a renderer may look up besides the instance it edits. */
export interface TerraformFixScope {
  byId(id: string): Instance | undefined;
  /** The instances of the module instance that declares `instance` (fixable types only). */
  inModule(instance: Instance): readonly Instance[];
  textOf(file: string): string | undefined;
}

const FLAG_ATTRIBUTES: Record<Extract<FixIntent, { kind: "set-flag" }>["flag"], string> = {
  enableNetworkIsolation: "enable_network_isolation",
  enableDnsSupport: "enable_dns_support",
  enableDnsHostnames: "enable_dns_hostnames",
  privateDnsEnabled: "private_dns_enabled",
};

export function renderTerraformFix(
  intent: FixIntent,
  instance: Instance,
  source: FileText,
  scope: TerraformFixScope,
): Fix | undefined {
  // Native syntax only (not `.tf.json`, not a plan), and not a module Terraform downloaded into `.terraform/`.
  if (!/\.(tf|tofu)$/.test(source.file) || source.file.split("/").includes(".terraform")) return undefined;
  switch (intent.kind) {
    case "set-flag":
      return setAttribute(instance, source, FLAG_ATTRIBUTES[intent.flag], String(intent.value), intent.description);
    case "add-self-rule":
      return selfRule(intent, instance, source, scope);
    case "add-route-table": {
      const table = scope.byId(intent.routeTable);
      const reference = table && sameModule(instance, table) ? referenceTo(table, "id") : undefined;
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
    case "set-vpc": {
      const vpc = scope.byId(intent.vpc);
      // Each instance of a counted group would want a different VPC written into the one block.
      const reference =
        vpc && sameModule(instance, vpc) && !(keyed(instance) && keyed(vpc)) ? referenceTo(vpc, "id") : undefined;
      return reference ? setAttribute(instance, source, "vpc_id", reference, intent.description) : undefined;
    }
    case "add-s3-https-egress":
      return httpsToS3(intent, instance, source, scope);
    case "add-s3-endpoint":
      return s3Endpoint(intent, instance, source, scope);
    case "add-vpc-config":
      return vpcConfig(intent, instance, source, scope);
    case "grant-vpc-access":
      return vpcAccess(intent, instance, source, scope);
  }
}

function setAttribute(
  instance: Instance,
  source: FileText,
  name: string,
  value: string,
  description: string,
): Fix | undefined {
  const existing = getEntry(instance.attributes, name);
  if (existing) {
    const range = existing.value.range;
    return range && range.file === source.file
      ? { description, edits: [replaceValue(source, range, value)] }
      : undefined;
  }
  return insertAttribute(instance, source, name, value, description);
}

/** Adds `name = value` as the block's first line, its `=` aligned with the attribute that follows when there is room. */
function insertAttribute(
  instance: Instance,
  source: FileText,
  name: string,
  value: string,
  description: string,
): Fix | undefined {
  const brace = source.text.indexOf("{", instance.headerRange.end.offset);
  if (brace < 0) return undefined;
  const indent = indentationAt(source.text, instance.headerRange.start.offset);
  const next = /^\n[ \t]*([\w-]+)([ \t]*)=/.exec(source.text.slice(brace + 1, brace + 200));
  const width = next ? next[1]!.length + next[2]!.length - 1 : 0;
  return { description, edits: [edit(source, brace + 1, brace + 1, `\n${indent}  ${name.padEnd(width)} = ${value}`)] };
}

/**
 * Inserts lines (relative to the block's body) before the block's closing
 * brace. The brace must stand on its own line: a one-line block has no room
 * for a nested block.
 */
function appendToBlock(instance: Instance, source: FileText, lines: readonly string[]): Edit | undefined {
  if (instance.range.file !== source.file) return undefined;
  const close = instance.range.end.offset - 1;
  if (source.text[close] !== "}") return undefined;
  const lineStart = source.text.lastIndexOf("\n", close - 1) + 1;
  if (source.text.slice(lineStart, close).trim() !== "") return undefined;
  const indent = `${indentationAt(source.text, instance.headerRange.start.offset)}  `;
  return edit(source, lineStart, lineStart, `\n${lines.map((line) => (line ? indent + line : line)).join("\n")}\n`);
}

/** New top-level blocks after the instance's block, at its indentation. */
function appendAfter(instance: Instance, source: FileText, blocks: readonly (readonly string[])[]): Edit | undefined {
  if (instance.range.file !== source.file) return undefined;
  const indent = indentationAt(source.text, instance.headerRange.start.offset);
  const text = blocks.map((lines) => `\n\n${lines.map((line) => (line ? indent + line : line)).join("\n")}`).join("");
  return edit(source, instance.range.end.offset, instance.range.end.offset, text);
}

/** `name = value` lines with their `=` aligned, as `terraform fmt` writes them. */
function attributeLines(pairs: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...pairs.map(([name]) => name.length));
  return pairs.map(([name, value]) => `${name.padEnd(width)} = ${value}`);
}

/**
 * How the instance's own module refers to one of its attributes:
 * `aws_subnet.a[0].id`, `data.aws_region.current.name`. Undefined for an
 * instance that stands for an unknown number of them (no address to name).
 */
function referenceTo(instance: TerraformInstanceLike, attribute: string): string | undefined {
  if (instance.expansion !== "known") return undefined;
  return `${instance.address.slice(terraformModulePath(instance.address).length)}.${attribute}`;
}

/**
 * One of several instances of a block (`count`/`for_each`): a new resource
 * naming it would be suggested once per instance, under one name. Repeating
 * the block's expansion is the author's call.
 */
const keyed = (instance: TerraformInstanceLike): boolean => instance.address.endsWith("]");

function sameModule(a: Instance, b: Instance): boolean {
  return terraformModuleUnit(a) === terraformModuleUnit(b);
}

/** The resource's name label (`sagemaker` of `aws_security_group.sagemaker[0]`). */
const nameLabel = (instance: TerraformInstanceLike): string =>
  instance.address
    .slice(terraformModulePath(instance.address).length)
    .replace(/\[.*\]$/, "")
    .split(".")
    .at(-1)!;

/**
 * A name label no `resource`/`data` block of that type uses in the module:
 * checked against the module's instances and, for blocks that expand to none
 * (`count = 0`), against the text of the module's files.
 */
function freeName(
  instance: Instance,
  scope: TerraformFixScope,
  mode: "resource" | "data",
  type: string,
  candidates: readonly string[],
): string | undefined {
  const siblings = scope.inModule(instance);
  const files = new Set([instance.file, ...siblings.map((s) => s.file)]);
  const taken = (name: string) =>
    siblings.some((s) => s.type === type && (s.mode === "data") === (mode === "data") && nameLabel(s) === name) ||
    [...files].some((file) => new RegExp(`\\b${mode}\\s+"${type}"\\s+"${name}"`).test(scope.textOf(file) ?? ""));
  const base = candidates[candidates.length - 1]!;
  for (const name of [...candidates, ...[2, 3, 4, 5].map((n) => `${base}_${n}`)]) if (!taken(name)) return name;
  return undefined;
}

/** The block's `provider = aws.x` meta-argument, which resources created beside it must share. */
function providerOf(instance: Instance, source: FileText): string | undefined {
  const block = source.text.slice(instance.range.start.offset, instance.range.end.offset);
  return /^[ \t]*provider[ \t]*=[ \t]*([\w.-]+)[ \t]*$/m.exec(block)?.[1];
}

// ---------------------------------------------------------------------------
// Security-group rules

type RuleSpec = {
  direction: "ingress" | "egress";
  protocol: "-1" | "tcp";
  ports?: [number, number];
  peer: { self: true } | { prefixList: string };
  description: string;
  /** Appended to the group's name for a standalone rule's name. */
  suffix: string;
};

/**
 * A rule for all traffic among the group's members: an inline block beside the
 * group's inline rules, else a standalone rule resource after the group
 * (Terraform warns against mixing the two forms on one group).
 */
function selfRule(
  intent: Extract<FixIntent, { kind: "add-self-rule" }>,
  instance: Instance,
  source: FileText,
  scope: TerraformFixScope,
): Fix | undefined {
  const specs: RuleSpec[] = intent.directions.map((direction) => ({
    direction,
    protocol: "-1",
    peer: { self: true },
    description: "Containers of the same batch transform job",
    suffix: "self",
  }));
  if (intent.inline) {
    const brace = source.text.indexOf("{", instance.headerRange.end.offset);
    if (brace < 0) return undefined;
    const inner = `${indentationAt(source.text, instance.headerRange.start.offset)}  `;
    const block = specs
      .flatMap(inlineRule)
      .map((line) => inner + line)
      .join("\n");
    return { description: intent.description, edits: [edit(source, brace + 1, brace + 1, `\n${block}\n`)] };
  }
  const added = standaloneRules(instance, source, scope, intent.standaloneRules ?? [], specs);
  return added ? { description: intent.description, edits: [added] } : undefined;
}

/** Egress on TCP 443 to the S3 gateway endpoint's prefix list, in the form the group's rules are written in. */
function httpsToS3(
  intent: Extract<FixIntent, { kind: "add-s3-https-egress" }>,
  instance: Instance,
  source: FileText,
  scope: TerraformFixScope,
): Fix | undefined {
  const endpoint = scope.byId(intent.endpoint);
  const prefixList = endpoint && sameModule(instance, endpoint) ? referenceTo(endpoint, "prefix_list_id") : undefined;
  if (!prefixList) return undefined;
  const spec: RuleSpec = {
    direction: "egress",
    protocol: "tcp",
    ports: [443, 443],
    peer: { prefixList },
    description: "HTTPS to S3 through the gateway endpoint",
    suffix: "s3_https",
  };
  const added = intent.inline
    ? appendToBlock(instance, source, inlineRule(spec))
    : standaloneRules(instance, source, scope, intent.standaloneRules ?? [], [spec]);
  return added ? { description: intent.description, edits: [added] } : undefined;
}

function inlineRule(spec: RuleSpec): string[] {
  const [from, to] = spec.ports ?? [0, 0];
  const peer: [string, string] =
    "self" in spec.peer ? ["self", "true"] : ["prefix_list_ids", `[${spec.peer.prefixList}]`];
  const pairs: [string, string][] = [
    ["description", `"${spec.description}"`],
    ["protocol", `"${spec.protocol}"`],
    ["from_port", String(from)],
    ["to_port", String(to)],
    peer,
  ];
  return [`${spec.direction} {`, ...attributeLines(pairs).map((line) => `  ${line}`), `}`];
}

/**
 * A standalone rule resource after the group: `aws_security_group_rule` when
 * the group's other standalone rules use it, else the current
 * `aws_vpc_security_group_*_rule` (the provider warns against mixing the two
 * on one group). A group written with an `ingress`/`egress` attribute (`= []`)
 * manages its rules inline: a standalone rule would fight it.
 */
function standaloneRules(
  instance: Instance,
  source: FileText,
  scope: TerraformFixScope,
  siblings: readonly string[],
  specs: readonly RuleSpec[],
): Edit | undefined {
  if (keyed(instance) || getEntry(instance.attributes, "ingress") || getEntry(instance.attributes, "egress"))
    return undefined;
  const group = referenceTo(instance, "id");
  if (!group) return undefined;
  const legacy = siblings.some((id) => scope.byId(id)?.type === "aws_security_group_rule");
  const blocks: string[][] = [];
  for (const spec of specs) {
    const type = legacy ? "aws_security_group_rule" : `aws_vpc_security_group_${spec.direction}_rule`;
    // Two `aws_security_group_rule`s of one group need two names.
    const suffix = legacy && specs.length > 1 ? `${spec.suffix}_${spec.direction}` : spec.suffix;
    const name = freeName(instance, scope, "resource", type, [`${nameLabel(instance)}_${suffix}`]);
    if (!name || blocks.some((block) => block[0] === `resource "${type}" "${name}" {`)) return undefined;
    const ports: [string, string][] = spec.ports
      ? [
          ["from_port", String(spec.ports[0])],
          ["to_port", String(spec.ports[1])],
        ]
      : [];
    const pairs: [string, string][] = legacy
      ? [
          ["type", `"${spec.direction}"`],
          ["security_group_id", group],
          ["protocol", `"${spec.protocol}"`],
          ...(ports.length > 0
            ? ports
            : ([
                ["from_port", "0"],
                ["to_port", "0"],
              ] as [string, string][])),
          "self" in spec.peer ? ["self", "true"] : ["prefix_list_ids", `[${spec.peer.prefixList}]`],
          ["description", `"${spec.description}"`],
        ]
      : [
          ["security_group_id", group],
          "self" in spec.peer ? ["referenced_security_group_id", group] : ["prefix_list_id", spec.peer.prefixList],
          ["ip_protocol", `"${spec.protocol}"`],
          ...ports,
          ["description", `"${spec.description}"`],
        ];
    blocks.push([`resource "${type}" "${name}" {`, ...attributeLines(pairs).map((line) => `  ${line}`), `}`]);
  }
  return appendAfter(instance, source, blocks);
}

// ---------------------------------------------------------------------------
// S3 gateway endpoint and VpcConfig

/**
 * A Gateway endpoint for S3 after the VPC, on the job subnets' route tables.
 * The Region is the one the module already writes in its endpoints' service
 * names, else `data.aws_region`'s (declared here when the module has none).
 */
function s3Endpoint(
  intent: Extract<FixIntent, { kind: "add-s3-endpoint" }>,
  instance: Instance,
  source: FileText,
  scope: TerraformFixScope,
): Fix | undefined {
  const vpc = keyed(instance) ? undefined : referenceTo(instance, "id");
  const tables: (string | undefined)[] = intent.routeTables.map((id) => {
    const table = scope.byId(id);
    return table && sameModule(instance, table) ? referenceTo(table, "id") : undefined;
  });
  if (intent.mainRouteTable) tables.push(referenceTo(instance, "main_route_table_id"));
  if (!vpc || tables.length === 0 || tables.some((t) => t === undefined)) return undefined;
  const name = freeName(instance, scope, "resource", "aws_vpc_endpoint", ["s3", `${nameLabel(instance)}_s3`]);
  if (!name) return undefined;
  const provider = providerOf(instance, source);
  const region = regionOf(instance, scope, provider);
  if (!region) return undefined;
  const meta = provider ? [`  provider = ${provider}`, ``] : [];
  const endpoint = [
    `resource "aws_vpc_endpoint" "${name}" {`,
    ...meta,
    ...attributeLines([
      ["vpc_id", vpc],
      ["service_name", `"com.amazonaws.${region.expression}.s3"`],
      ["vpc_endpoint_type", `"Gateway"`],
      ["route_table_ids", `[${tables.join(", ")}]`],
    ]).map((line) => `  ${line}`),
    `}`,
  ];
  const added = appendAfter(instance, source, region.declare ? [region.declare, endpoint] : [endpoint]);
  return added ? { description: intent.description, edits: [added] } : undefined;
}

/** The Region as a template part (`${var.region}`, `eu-west-1`), and the data block to declare when there is none. */
function regionOf(
  instance: Instance,
  scope: TerraformFixScope,
  provider: string | undefined,
): { expression: string; declare?: string[] } | undefined {
  const siblings = scope.inModule(instance);
  for (const endpoint of siblings.filter((s) => s.type === "aws_vpc_endpoint" && s.mode === "managed")) {
    const range = getEntry(endpoint.attributes, "service_name")?.value.range;
    const text = range ? scope.textOf(range.file)?.slice(range.start.offset, range.end.offset) : undefined;
    const region = text ? /^"com\.amazonaws\.(\$\{[^{}"]+\}|[a-z0-9-]+)\.[a-z0-9.-]+"$/.exec(text)?.[1] : undefined;
    if (region) return { expression: region };
  }
  const data = siblings.find((s) => s.type === "aws_region" && s.mode === "data");
  if (data) {
    const reference = referenceTo(data, "name");
    return reference ? { expression: `\${${reference}}` } : undefined;
  }
  if (freeName(instance, scope, "data", "aws_region", ["current"]) !== "current") return undefined;
  return {
    expression: "${data.aws_region.current.name}",
    declare: provider
      ? [`data "aws_region" "current" {`, `  provider = ${provider}`, `}`]
      : [`data "aws_region" "current" {}`],
  };
}

/**
 * A `vpc_config` block at the end of the model: another model's block as
 * written (same module, so its references hold), or references to the
 * intent's subnets and groups.
 */
function vpcConfig(
  intent: Extract<FixIntent, { kind: "add-vpc-config" }>,
  instance: Instance,
  source: FileText,
  scope: TerraformFixScope,
): Fix | undefined {
  let lines: string[] | undefined;
  if ("copyFrom" in intent.source) {
    const donor = scope.byId(intent.source.copyFrom);
    const entry = donor && sameModule(instance, donor) ? getEntry(donor.attributes, "vpc_config") : undefined;
    const block = entry?.value.kind === "list" ? entry.value.items[0]?.range : undefined;
    const text = block ? scope.textOf(block.file) : undefined;
    if (!block || text === undefined) return undefined;
    const written = text.slice(block.start.offset, block.end.offset);
    // The block itself (not a `dynamic` one's `content`), and nothing that means something else in another resource.
    if (!/^vpc_config\s*\{/.test(written) || /\b(count\.index|each\.(key|value)|self\.)/.test(written))
      return undefined;
    lines = reindent(written, indentationAt(text, block.start.offset), "");
  } else {
    const references = (ids: readonly string[]) =>
      ids.map((id) => {
        const node = scope.byId(id);
        return node && sameModule(instance, node) ? referenceTo(node, "id") : undefined;
      });
    const subnets = references(intent.source.subnets);
    const groups = references(intent.source.securityGroups);
    if ([...subnets, ...groups].some((r) => r === undefined) || subnets.length === 0 || groups.length === 0)
      return undefined;
    lines = [
      `vpc_config {`,
      ...attributeLines([
        ["subnets", `[${subnets.join(", ")}]`],
        ["security_group_ids", `[${groups.join(", ")}]`],
      ]).map((line) => `  ${line}`),
      `}`,
    ];
  }
  const added = lines && appendToBlock(instance, source, lines);
  return added ? { description: intent.description, edits: [added] } : undefined;
}

// ---------------------------------------------------------------------------
// IAM

/**
 * The statement AWS documents for SageMaker in a VPC, as `jsonencode` body
 * lines: `Version`, then one Allow of the actions on `*`. A line whose value
 * spans lines is not aligned with its neighbours (as `terraform fmt` writes it).
 */
function vpcAccessDocument(actions: readonly string[]): string[] {
  return [
    `Version = "2012-10-17"`,
    `Statement = [`,
    `  {`,
    ...attributeLines([
      ["Sid", `"SageMakerVpcNetworkInterfaces"`],
      ["Effect", `"Allow"`],
      ["Action", `[`],
    ]).map((line) => `    ${line}`),
    ...actions.map((action) => `      "${action}",`),
    `    ]`,
    `    Resource = "*"`,
    `  },`,
    `]`,
  ];
}

/**
 * The refused VPC actions for an execution role: an `inline_policy` block
 * beside the role's inline ones (the provider warns against mixing them with
 * `aws_iam_role_policy`), else an `aws_iam_role_policy` after the role. Not
 * for a counted role: the grant would be suggested once per instance.
 */
function vpcAccess(
  intent: Extract<FixIntent, { kind: "grant-vpc-access" }>,
  instance: Instance,
  source: FileText,
  scope: TerraformFixScope,
): Fix | undefined {
  if (instance.type !== "aws_iam_role" || keyed(instance) || intent.actions.length === 0) return undefined;
  // `aws_iam_role_policies_exclusive` removes every inline policy its list does not name: the new one would not last.
  const files = new Set([instance.file, ...scope.inModule(instance).map((s) => s.file)]);
  if ([...files].some((file) => /\bresource\s+"aws_iam_role_policies_exclusive"/.test(scope.textOf(file) ?? "")))
    return undefined;
  const document = vpcAccessDocument(intent.actions).map((line) => `  ${line}`);
  if (intent.inline) {
    const added = appendToBlock(instance, source, [
      `inline_policy {`,
      ...[`name = "${intent.policyName}"`, `policy = jsonencode({`, ...document, `})`].map((line) => `  ${line}`),
      `}`,
    ]);
    return added ? { description: intent.description, edits: [added] } : undefined;
  }
  const role = referenceTo(instance, "id");
  if (!role) return undefined;
  const name = freeName(instance, scope, "resource", "aws_iam_role_policy", [`${nameLabel(instance)}_vpc_access`]);
  if (!name) return undefined;
  const provider = providerOf(instance, source);
  const meta = provider ? [`  provider = ${provider}`, ``] : [];
  const policy = [
    `resource "aws_iam_role_policy" "${name}" {`,
    ...meta,
    ...attributeLines([
      ["name", `"${intent.policyName}"`],
      ["role", role],
    ]).map((line) => `  ${line}`),
    `  policy = jsonencode({`,
    ...document.map((line) => `  ${line}`),
    `  })`,
    `}`,
  ];
  const added = appendAfter(instance, source, [policy]);
  return added ? { description: intent.description, edits: [added] } : undefined;
}
