/** Turns a template scope into the stage's output: resources and outputs with every value resolved. */
import { getEntry, getValue, type ObjectValue, type Value } from "../core/value.js";
import type { CfnCondition, CfnOutput, CfnResource, CfnTemplate } from "./template.js";
import { resourceId, transformsOf } from "./template.js";
import type { TemplateScope } from "./scope.js";
import { readSamPolicies, readStateMachineDefinition, type DefinitionFileReader } from "./sam.js";
import type { SourceText } from "./index.js";

const SAM_TRANSFORM = "AWS::Serverless-2016-10-31";

export function resolveTemplate(
  scope: TemplateScope,
  reader: DefinitionFileReader,
  nestedTemplateFile: (logicalId: string) => string | undefined,
): { template: CfnTemplate; loadedFiles: SourceText[] } {
  const loadedFiles: SourceText[] = [];
  const resources: CfnResource[] = [];
  let cdk = /(^|\/)cdk\.out\//.test(scope.file);
  for (const [logicalId, entry] of scope.resources) {
    const type = getValue(entry.value, "Type");
    if (type?.kind !== "string" || !entry.keyRange || !entry.value.range) continue;
    const condition = conditionOf(scope, entry.value);
    const propertiesEntry = getEntry(entry.value, "Properties");
    const resolved = propertiesEntry ? scope.resolve(propertiesEntry.value) : undefined;
    const properties: ObjectValue =
      resolved?.kind === "object" ? resolved : { kind: "object", entries: [], range: propertiesEntry?.value.range };
    // Properties that are Unknown (the step limit, an undecidable `Fn::If`) are not missing: each reads as that Unknown.
    if (resolved?.kind === "unknown") properties.unevaluated = resolved;
    const cdkPath = getValue(getValue(entry.value, "Metadata"), "aws:cdk:path");
    if (cdkPath?.kind === "string") cdk = true;
    const resource: CfnResource = {
      id: resourceId(scope.file, logicalId),
      logicalId,
      type: type.value,
      file: scope.file,
      headerRange: entry.keyRange,
      range: entry.value.range,
      propertiesKeyRange: propertiesEntry?.keyRange,
      properties,
      condition,
      exists: condition === null ? true : condition.value,
      displayName: cdkPath?.kind === "string" ? cdkPath.value : logicalId,
    };
    if (resolved?.kind === "unknown") resource.unresolvedProperties = resolved;
    if (cdkPath?.kind === "string") resource.cdkPath = cdkPath.value;
    const returns = scope.links.refIdentifier(type.value);
    if (returns) resource.refReturns = returns;
    if (type.value === "AWS::Serverless::StateMachine" || type.value === "AWS::StepFunctions::StateMachine") {
      const definition = readStateMachineDefinition(type.value, properties, scope.file, reader);
      if (definition) {
        resource.stateMachineDefinition = definition.definition;
        if (definition.file) loadedFiles.push(definition.file);
      }
    }
    if (type.value === "AWS::Serverless::Function" || type.value === "AWS::Serverless::StateMachine") {
      const partition = scope.parameter("AWS::Partition", undefined) ?? { kind: "null" as const };
      const policies = readSamPolicies(getValue(properties, "Policies"), partition);
      if (policies) resource.samPolicies = policies;
    }
    if (type.value === "AWS::CloudFormation::Stack") {
      const child = nestedTemplateFile(logicalId);
      if (child) resource.nestedTemplateFile = child;
    }
    resources.push(resource);
  }

  const outputs: CfnOutput[] = [];
  for (const entry of scope.outputEntries()) {
    const value = getValue(entry.value, "Value");
    const exportName = getValue(getValue(entry.value, "Export"), "Name");
    const condition = conditionOf(scope, entry.value);
    const resolvedValue: Value = (value && scope.resolve(value)) ?? { kind: "null", range: entry.keyRange };
    const output: CfnOutput = {
      name: entry.key,
      value: resolvedValue,
      range: entry.keyRange,
      exists: condition === null ? true : condition.value,
    };
    const resolvedExport = exportName && scope.resolve(exportName);
    if (resolvedExport) output.exportName = resolvedExport;
    outputs.push(output);
  }

  const transforms = transformsOf(scope.raw.root);
  const template: CfnTemplate = {
    file: scope.file,
    text: scope.raw.text,
    flavor: cdk ? "cdk" : transforms.includes(SAM_TRANSFORM) ? "sam" : "cloudformation",
    transforms,
    parameters: scope.parameters,
    parameterValues: scope.parameterValues,
    resources,
    outputs,
  };
  return { template, loadedFiles };
}

function conditionOf(scope: TemplateScope, definition: Value): CfnCondition | null {
  const entry = getEntry(definition, "Condition");
  if (entry?.value.kind !== "string") return null;
  const value = scope.condition(entry.value.value);
  return { name: entry.value.value, value: typeof value === "boolean" ? value : "unknown", range: entry.value.range };
}
