/**
 * `sagemaker-vpc-guard debug cloudformation FILE…`: prints the resolved
 * resources as JSON, Unknowns as in `debug terraform`, a pure reference to a
 * resource as `{"$ref": "LogicalId"}` or `{"$ref": "LogicalId.Attribute"}`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { ResourceRef, Value } from "../core/value.js";
import { checkTarget } from "../config/checks.js";
import { UsageError } from "../core/errors.js";
import { loadCloudFormation, type CloudFormationOptions, type CloudFormationResult } from "./index.js";
import { parameterOverridesFromOptions, ParameterFormatError } from "./parameters.js";
import { Redactor } from "../core/redact.js";
import { sensitiveValues } from "../sensitive.js";
import { readInsideRoot } from "./read-inside-root.js";
import type { CfnResource } from "./template.js";

export const CLOUDFORMATION_DEBUG_USAGE = `Usage: sagemaker-vpc-guard debug cloudformation FILE... [options]

Prints the resources of CloudFormation, SAM or CDK templates with every value resolved.

Options:
  --cfn-parameters P  parameter values: a JSON file ([{ParameterKey, ParameterValue}] or {"Parameters": {...}}) or Key=Value pairs (repeatable)
  --region R          the value of AWS::Region
  --account-id ID     the value of AWS::AccountId
  --partition P       the value of AWS::Partition (default: from --region)
`;

export const CLOUDFORMATION_OPTIONS = {
  "cfn-parameters": { type: "string", multiple: true },
  region: { type: "string" },
  "account-id": { type: "string" },
  partition: { type: "string" },
} as const;

/** The stage's options from parsed `--cfn-parameters`, `--region`, `--account-id`, `--partition` flags. */
export function cloudFormationOptionsFromFlags(
  values: { "cfn-parameters"?: string[]; region?: string; "account-id"?: string; partition?: string },
  cwd: string,
): Omit<CloudFormationOptions, "readFile"> {
  let parameters: Record<string, string> | undefined;
  try {
    parameters = values["cfn-parameters"]?.length
      ? parameterOverridesFromOptions(values["cfn-parameters"], (file) => {
          try {
            return readFileSync(path.resolve(cwd, file), "utf8");
          } catch {
            return undefined;
          }
        })
      : undefined;
  } catch (error) {
    if (error instanceof ParameterFormatError) throw new UsageError(`--cfn-parameters: ${error.message}`);
    throw error;
  }
  checkTarget(values, (name) => `--${name}`);
  return { parameters, region: values.region, accountId: values["account-id"], partition: values.partition };
}

export async function runCloudFormationDebug(
  args: string[],
  io: { stdout(t: string): void; stderr(t: string): void; cwd: string },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...CLOUDFORMATION_OPTIONS, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    io.stdout(CLOUDFORMATION_DEBUG_USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("debug cloudformation needs at least one FILE");
  const root = io.cwd;
  const files = positionals.map((p) => {
    const relative = path.relative(root, path.resolve(root, p)).split(path.sep).join("/");
    const text = readInsideRoot(root, relative);
    if (text === undefined) throw new UsageError(`cannot read ${p} inside ${root}`);
    return { path: relative, text };
  });
  const options = cloudFormationOptionsFromFlags(values, io.cwd);
  const result = loadCloudFormation(files, { ...options, readFile: (p) => readInsideRoot(root, p) });
  for (const d of result.diagnostics)
    io.stderr(`${d.range.file}:${d.range.start.line}:${d.range.start.column}: ${d.summary}\n`);
  // NoEcho parameters' values are printed as "(sensitive)" here too (README, Security).
  const redactor = new Redactor(
    sensitiveValues({
      terraform: [],
      templates: result.templates,
      cfnParameters: options.parameters,
      readRelative: () => undefined,
    }),
  );
  io.stdout(
    `${JSON.stringify(
      debugCloudFormation(result),
      (_, value: unknown) => (typeof value === "string" ? redactor.text(value) : value),
      2,
    )}\n`,
  );
  return result.diagnostics.length > 0 ? 1 : 0;
}

/** The JSON `debug cloudformation` prints. */
export function debugCloudFormation(result: CloudFormationResult): { resources: unknown[] } {
  const resources: unknown[] = [];
  for (const template of result.templates)
    for (const resource of template.resources) resources.push(debugResource(resource));
  return { resources };
}

export function debugResource(resource: CfnResource): Record<string, unknown> {
  const out: Record<string, unknown> = {
    file: resource.file,
    logicalId: resource.logicalId,
    type: resource.type,
    line: resource.headerRange.start.line,
    condition: resource.condition ? { name: resource.condition.name, value: resource.condition.value } : null,
    exists: resource.exists,
    properties: debugValue(resource.properties, resource.file),
  };
  if (resource.cdkPath) out.displayName = resource.cdkPath;
  if (resource.stateMachineDefinition)
    out.stateMachineDefinition = debugValue(resource.stateMachineDefinition, resource.file);
  return out;
}

/** Like `toDebugJson`, with pure references printed as `{"$ref"}` and names relative to `file`. */
export function debugValue(value: Value, file: string): unknown {
  const refName = (ref: ResourceRef): string => {
    const [refFile, logicalId] = splitId(ref.resource);
    const name = refFile === file ? logicalId : ref.resource;
    return ref.attribute === undefined ? name : `${name}.${ref.attribute}`;
  };
  switch (value.kind) {
    case "list":
      return value.items.map((item) => debugValue(item, file));
    case "object":
      return Object.fromEntries(value.entries.map((e) => [e.key, debugValue(e.value, file)]));
    case "unknown": {
      if (value.reason === "COMPUTED" && value.refs.length === 1 && !value.prefix && !value.suffix)
        return { $ref: refName(value.refs[0]!) };
      const out: Record<string, unknown> = {
        $unknown: value.reason,
        detail: value.detail,
        refs: value.refs.map(refName),
      };
      if (value.prefix) out.prefix = value.prefix;
      if (value.suffix) out.suffix = value.suffix;
      if (value.every) out.every = debugValue(value.every, file);
      return out;
    }
    case "null":
      return null;
    default:
      return value.value;
  }
}

function splitId(id: string): [string, string] {
  const hash = id.lastIndexOf("#");
  return [id.slice(0, hash), id.slice(hash + 1)];
}
