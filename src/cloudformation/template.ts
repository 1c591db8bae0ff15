/**
 * A CloudFormation template: recognising one, and reading its parameters and
 * resources out of the loaded `Value` tree.
 */
import type { Diagnostic } from "../core/finding.js";
import type { SourceRange } from "../core/range.js";
import { getEntry, getValue, type ObjectValue, type Value } from "../core/value.js";
import { loadYaml } from "./yaml.js";
import { resolveIntrinsics, type ResolveContext } from "./intrinsics.js";

export interface CfnParameter {
  name: string;
  type: string;
  default?: Value;
  range?: SourceRange;
}

export interface CfnResource {
  /** Unique in the scan: `<file>#<logicalId>`. */
  id: string;
  logicalId: string;
  type: string;
  file: string;
  /** The logical-ID key: a finding about something missing points here. */
  headerRange: SourceRange;
  /** The whole resource definition. */
  range: SourceRange;
  /** The `Properties` key, when present. */
  propertiesKeyRange?: SourceRange;
  /** Properties with intrinsics resolved (references kept as references). */
  properties: ObjectValue;
}

export interface CfnTemplate {
  file: string;
  text: string;
  parameters: Map<string, CfnParameter>;
  resources: CfnResource[];
}

export type TemplateLoad =
  | { kind: "template"; template: CfnTemplate }
  | { kind: "not-a-template" }
  | { kind: "broken"; diagnostics: Diagnostic[] };

/** Text that mentions template keys: worth reporting when it does not parse. */
const LOOKS_LIKE_TEMPLATE = /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/;

export function loadTemplate(text: string, file: string): TemplateLoad {
  const loaded = loadYaml(text, file);
  if (loaded.value === undefined) {
    if (loaded.diagnostics.length > 0 && LOOKS_LIKE_TEMPLATE.test(text)) return { kind: "broken", diagnostics: loaded.diagnostics };
    return { kind: "not-a-template" };
  }
  if (!isTemplate(loaded.value)) return { kind: "not-a-template" };
  return { kind: "template", template: readTemplate(loaded.value as ObjectValue, file, text) };
}

/** A template has `AWSTemplateFormatVersion` or a `Resources` map whose types look like `AWS::…`. */
export function isTemplate(value: Value): boolean {
  if (value.kind !== "object") return false;
  if (getEntry(value, "AWSTemplateFormatVersion")) return true;
  const resources = getValue(value, "Resources");
  if (resources?.kind !== "object") return false;
  return resources.entries.some((entry) => {
    const type = getValue(entry.value, "Type");
    return type?.kind === "string" && /^(AWS|Alexa|Custom)::/.test(type.value);
  });
}

function readTemplate(root: ObjectValue, file: string, text: string): CfnTemplate {
  const parameters = new Map<string, CfnParameter>();
  const declared = getValue(root, "Parameters");
  if (declared?.kind === "object") {
    for (const entry of declared.entries) {
      const type = getValue(entry.value, "Type");
      parameters.set(entry.key, {
        name: entry.key,
        type: type?.kind === "string" ? type.value : "String",
        default: getValue(entry.value, "Default"),
        range: entry.keyRange,
      });
    }
  }

  const resources: CfnResource[] = [];
  const declaredResources = getValue(root, "Resources");
  const logicalIds = new Set(declaredResources?.kind === "object" ? declaredResources.entries.map((e) => e.key) : []);
  const context: ResolveContext = { file, parameters, logicalIds };
  if (declaredResources?.kind === "object") {
    for (const entry of declaredResources.entries) {
      const type = getValue(entry.value, "Type");
      if (type?.kind !== "string" || !entry.keyRange || !entry.value.range) continue;
      const propertiesEntry = getEntry(entry.value, "Properties");
      const resolved = propertiesEntry ? resolveIntrinsics(propertiesEntry.value, context) : undefined;
      resources.push({
        id: resourceId(file, entry.key),
        logicalId: entry.key,
        type: type.value,
        file,
        headerRange: entry.keyRange,
        range: entry.value.range,
        propertiesKeyRange: propertiesEntry?.keyRange,
        properties: resolved?.kind === "object" ? resolved : { kind: "object", entries: [], range: propertiesEntry?.value.range },
      });
    }
  }
  return { file, text, parameters, resources };
}

export const resourceId = (file: string, logicalId: string): string => `${file}#${logicalId}`;
