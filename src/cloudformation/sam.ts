/**
 * SAM resources, read directly (no transform is run): a state machine's
 * definition (`Definition`, or `DefinitionUri` pointing at a local file, with
 * `DefinitionSubstitutions` applied) and a function's or state machine's
 * `Policies`.
 */
import type { SourceRange } from "../core/range.js";
import { getValue, str, unknown, type ObjectValue, type Value } from "../core/value.js";
import { loadYaml } from "./yaml.js";
import { concatPieces, type StringPiece } from "./sub.js";
import { relocate, scalarText } from "./values.js";

export interface SamPolicies {
  /** Managed policy ARNs; a bare name (`AmazonSageMakerFullAccess`) becomes the AWS managed policy's ARN, as SAM does. */
  managedPolicyArns: Value[];
  /** Inline policy documents (`{Statement: …}`). */
  policyDocuments: Value[];
  /** SAM policy templates (`- S3ReadPolicy: {BucketName: …}`), by name with their parameters. */
  policyTemplates: { name: string; parameters: Value; range?: SourceRange }[];
}

/** Reads `Policies` (a string, a policy document, or a list of those and policy templates). */
export function readSamPolicies(policies: Value | undefined, partition: Value): SamPolicies | undefined {
  if (policies === undefined) return undefined;
  const out: SamPolicies = { managedPolicyArns: [], policyDocuments: [], policyTemplates: [] };
  const items = policies.kind === "list" ? policies.items : [policies];
  for (const item of items) {
    if (item.kind === "string") out.managedPolicyArns.push(managedPolicyArn(item.value, item.range, partition));
    else if (item.kind === "unknown") out.managedPolicyArns.push(item);
    else if (item.kind === "object" && getValue(item, "Statement") !== undefined) out.policyDocuments.push(item);
    else if (item.kind === "object" && item.entries.length === 1) {
      const entry = item.entries[0]!;
      out.policyTemplates.push({ name: entry.key, parameters: entry.value, range: entry.keyRange });
    }
  }
  return out;
}

function managedPolicyArn(name: string, range: SourceRange | undefined, partition: Value): Value {
  if (name.startsWith("arn:")) return str(name, range);
  const suffix = `:iam::aws:policy/${name}`;
  const partitionText = scalarText(partition);
  if (partitionText !== undefined) return str(`arn:${partitionText}${suffix}`, range);
  return unknown(
    "DATA_SOURCE",
    `The ARN of the AWS managed policy ${name} depends on the partition; give it with --partition or --region.`,
    {
      range,
      prefix: "arn:",
      suffix,
    },
  );
}

export interface DefinitionFileReader {
  /** Reads a file relative to the template's folder, inside the scan root. */
  read(fromFile: string, relativePath: string): { file: string; text: string } | { refused: string };
}

export interface StateMachineDefinition {
  definition: Value;
  /** The local file the definition was read from, for the list of analysed files. */
  file?: { path: string; text: string };
}

/**
 * The definition of an `AWS::Serverless::StateMachine` or
 * `AWS::StepFunctions::StateMachine`, with `DefinitionSubstitutions` applied.
 * `properties` are already resolved. `DefinitionString` is left to the
 * workflow stage: it is one string whose own ranges this stage cannot give.
 */
export function readStateMachineDefinition(
  type: string,
  properties: ObjectValue,
  templateFile: string,
  reader: DefinitionFileReader,
): StateMachineDefinition | undefined {
  const substitutions = getValue(properties, "DefinitionSubstitutions");
  const inline = getValue(properties, "Definition");
  if (inline !== undefined) return { definition: substitute(inline, substitutions) };
  const location =
    type === "AWS::Serverless::StateMachine"
      ? getValue(properties, "DefinitionUri")
      : getValue(properties, "DefinitionS3Location");
  if (location === undefined) return undefined;
  const path =
    location.kind === "string" && !/^s3:\/\//i.test(location.value) && type === "AWS::Serverless::StateMachine"
      ? location.value
      : undefined;
  if (path === undefined) {
    return {
      definition: unknown("EXTERNAL_FILE", "The state machine definition is stored in Amazon S3, outside the scan.", {
        range: location.range,
      }),
    };
  }
  const read = reader.read(templateFile, path);
  if ("refused" in read) return { definition: unknown("EXTERNAL_FILE", read.refused, { range: location.range }) };
  const loaded = loadYaml(read.text, read.file);
  if (loaded.value === undefined) {
    const why = loaded.diagnostics[0]?.summary ?? "it is empty";
    return {
      definition: unknown("EXTERNAL_FILE", `The definition file ${read.file} does not parse: ${why}.`, {
        range: location.range,
      }),
      file: { path: read.file, text: read.text },
    };
  }
  return { definition: substitute(loaded.value, substitutions), file: { path: read.file, text: read.text } };
}

/**
 * Replaces `${Name}` in every string of a definition by the substitution's
 * value. A string that is one whole placeholder takes the value itself, so a
 * reference stays a reference.
 */
function substitute(definition: Value, substitutions: Value | undefined): Value {
  if (substitutions?.kind !== "object" || substitutions.entries.length === 0) return definition;
  const values = new Map(substitutions.entries.map((e) => [e.key, e.value]));
  const walk = (value: Value): Value => {
    switch (value.kind) {
      case "list":
        return { ...value, items: value.items.map(walk) };
      case "object":
        return { ...value, entries: value.entries.map((e) => ({ ...e, value: walk(e.value) })) };
      case "string": {
        if (!value.value.includes("${")) return value;
        const pieces: StringPiece[] = [];
        let last = 0;
        for (const match of value.value.matchAll(/\$\{([^}]+)\}/g)) {
          const replacement = values.get(match[1]!.trim());
          if (replacement === undefined) continue;
          pieces.push(value.value.slice(last, match.index), replacement);
          last = match.index + match[0].length;
        }
        if (pieces.length === 0) return value;
        pieces.push(value.value.slice(last));
        const whole = pieces.filter((p) => p !== "");
        if (whole.length === 1 && typeof whole[0] !== "string") return relocate(whole[0]!, value.range);
        return concatPieces(pieces, value.range, "A definition substitution");
      }
      default:
        return value;
    }
  };
  return walk(definition);
}
