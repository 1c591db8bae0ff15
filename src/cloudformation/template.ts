/**
 * A CloudFormation template: recognising one, and the shapes the stage
 * produces (templates, resources, outputs).
 */
import type { Diagnostic } from "../core/finding.js";
import type { SourceRange } from "../core/range.js";
import { getEntry, getValue, type ObjectValue, type UnknownValue, type Value } from "../core/value.js";
import { mayBeTemplate } from "../discover/discover.js";
import { loadYaml } from "./yaml.js";
import type { CfnParameter, ParameterSource } from "./parameters.js";
import type { SamPolicies } from "./sam.js";

export type { CfnParameter } from "./parameters.js";

export interface CfnCondition {
  name: string;
  /** `true`, `false`, or `"unknown"` when it depends on something not known statically. */
  value: boolean | "unknown";
  /** The resource's `Condition` value. */
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
  /**
   * When `Properties` as a whole cannot be known statically (`Properties: !If`
   * on an undecided condition, a parameter): why. `properties` is then empty,
   * which says nothing about what the resource lacks.
   */
  unresolvedProperties?: UnknownValue;
  /** The resource's `Condition`, or null when it has none. */
  condition: CfnCondition | null;
  /** False when its condition is false: the resource is listed but would not be created. */
  exists: boolean | "unknown";
  /** The name to show in messages: CDK's `aws:cdk:path` when there is one, else the logical ID. */
  displayName: string;
  /** `Metadata.aws:cdk:path` of a CDK-synthesized resource. */
  cdkPath?: string;
  /** What `Ref` returns for this type (the spec's CloudFormation identifier), e.g. `ModelArn`. */
  refReturns?: string;
  /**
   * A state machine's definition with its substitutions applied: SAM
   * `Definition`/`DefinitionUri`, Step Functions `Definition`/`DefinitionString`
   * (a known string is parsed). Unknown `EXTERNAL_FILE` for S3 locations.
   */
  stateMachineDefinition?: Value;
  /** An `AWS::Serverless::Function`'s or `AWS::Serverless::StateMachine`'s `Policies`, read the way SAM reads them. */
  samPolicies?: SamPolicies;
  /** For an `AWS::CloudFormation::Stack` whose template was loaded: the child template's file. */
  nestedTemplateFile?: string;
}

export interface CfnOutput {
  name: string;
  /** The `Value`, resolved. */
  value: Value;
  /** `Export.Name`, resolved, when the output is exported. */
  exportName?: Value;
  /** The output's key. */
  range?: SourceRange;
  /** False when the output's condition is false (it is then not exported). */
  exists: boolean | "unknown";
}

export interface CfnParameterValue {
  value: Value;
  source: ParameterSource;
}

export interface CfnTemplate {
  file: string;
  text: string;
  /** `cdk` for a synthesized template under `cdk.out`, `sam` with the Serverless transform. */
  flavor: "cloudformation" | "sam" | "cdk";
  transforms: string[];
  parameters: Map<string, CfnParameter>;
  /** The value each parameter takes in this scan. */
  parameterValues: Map<string, CfnParameterValue>;
  resources: CfnResource[];
  outputs: CfnOutput[];
  /** For a nested stack's template: the `AWS::CloudFormation::Stack` resource that loads it. */
  parent?: { id: string; file: string; logicalId: string };
}

/** A parsed template before resolution. */
export interface RawTemplate {
  file: string;
  text: string;
  root: ObjectValue;
}

export type TemplateLoad =
  | { kind: "template"; raw: RawTemplate; notes: TemplateNote[] }
  | { kind: "not-a-template"; reason: "text" | "parse" | "content" }
  | { kind: "broken"; diagnostics: Diagnostic[] };

/** Something read but not understood, at its place (a tag no CloudFormation function has). */
export interface TemplateNote {
  message: string;
  range: SourceRange;
}

/** Text that declares a template's version or a resource type: worth reporting when it does not parse. */
const LOOKS_LIKE_TEMPLATE = /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?(AWS|Alexa|Custom)::/;

/**
 * Parses a file that may be a template. A file whose text cannot be a template is
 * not parsed; one that does not parse is `broken` (SMBT000) when it must be a
 * template (a nested stack's `TemplateURL`) or its text declares a version or a
 * resource type.
 */
export function loadRawTemplate(text: string, file: string, options: { mustBeTemplate?: boolean } = {}): TemplateLoad {
  if (!options.mustBeTemplate && !mayBeTemplate(text)) return { kind: "not-a-template", reason: "text" };
  // JSON that is not a template (an API model that mentions `AWS::` types) is told by the
  // native JSON parser, some fifty times faster than the YAML parser that gives ranges.
  if (text.trimStart().startsWith("{")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON as JSON.parse reads it: the YAML parser decides.
    }
    if (json !== undefined && !isTemplateData(json)) return { kind: "not-a-template", reason: "content" };
  }
  const loaded = loadYaml(text, file);
  if (loaded.value === undefined) {
    if (loaded.diagnostics.length > 0 && (options.mustBeTemplate || LOOKS_LIKE_TEMPLATE.test(text)))
      return { kind: "broken", diagnostics: loaded.diagnostics };
    return { kind: "not-a-template", reason: "parse" };
  }
  if (!isTemplate(loaded.value)) return { kind: "not-a-template", reason: "content" };
  return { kind: "template", raw: { file, text, root: loaded.value as ObjectValue }, notes: loaded.notes };
}

/** A template has `AWSTemplateFormatVersion` or a `Resources` map whose types look like `AWS::…`. */
export function isTemplate(value: Value): boolean {
  if (value.kind !== "object") return false;
  if (getEntry(value, "AWSTemplateFormatVersion")) return true;
  const resources = getValue(value, "Resources");
  if (resources?.kind !== "object") return false;
  return resources.entries.some((entry) => {
    const type = getValue(entry.value, "Type");
    return (
      (type?.kind === "string" && /^(AWS|Alexa|Custom)::/.test(type.value)) || entry.key.startsWith("Fn::ForEach::")
    );
  });
}

/** `isTemplate` for plain data (`JSON.parse` output). */
function isTemplateData(data: unknown): boolean {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
  const root = data as Record<string, unknown>;
  if (Object.hasOwn(root, "AWSTemplateFormatVersion")) return true;
  const resources = root.Resources;
  if (typeof resources !== "object" || resources === null || Array.isArray(resources)) return false;
  return Object.entries(resources).some(([key, resource]) => {
    const type = (resource as { Type?: unknown } | null)?.Type;
    return (typeof type === "string" && /^(AWS|Alexa|Custom)::/.test(type)) || key.startsWith("Fn::ForEach::");
  });
}

/** The `Transform` section as a list of names (it may be one string or a list). */
export function transformsOf(root: ObjectValue): string[] {
  const transform = getValue(root, "Transform");
  if (transform?.kind === "string") return [transform.value];
  if (transform?.kind === "list") return transform.items.flatMap((i) => (i.kind === "string" ? [i.value] : []));
  return [];
}

export const resourceId = (file: string, logicalId: string): string => `${file}#${logicalId}`;
