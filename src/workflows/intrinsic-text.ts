/**
 * A CloudFormation `DefinitionString` (or `PipelineDefinitionBody`) written
 * with `Fn::Sub` or `Fn::Join`, as definition text pieces.
 *
 * Resolving the intrinsic first would give one string — or, as soon as one
 * part is a reference (`${Model.ModelName}`), an Unknown with nothing left to
 * parse. Kept as pieces, the literal parts are parsed as JSON at their exact
 * ranges and each variable becomes the value it resolves to (a reference stays
 * a reference, so the graph can follow `ModelName` to the model). Resolution
 * itself stays with the CloudFormation stage: `resolve` is its resolver.
 */
import { list, str, type ObjectValue, type StringValue, type Value } from "../core/value.js";
import type { DefinitionText, TextPiece } from "./definition.js";

/** Resolves a raw template value (`{"Ref": …}`, `{"Fn::GetAtt": […]}`, …) as the CloudFormation stage does. */
export type IntrinsicResolver = (raw: Value) => Value | undefined;

/** Fn::Join nesting followed (a counted limit). */
const MAX_NESTING = 20;

/**
 * Pieces for a raw `DefinitionString`: a plain string, `Fn::Sub` (either
 * form), or `Fn::Join` whose items are strings, `Fn::Sub`s or other intrinsics.
 * Undefined for anything else: the caller then uses the resolved value.
 */
export function cfnDefinitionText(raw: Value, resolve: IntrinsicResolver): DefinitionText | undefined {
  const pieces = piecesOf(raw, resolve, 0);
  return pieces ? { kind: "text", pieces, range: raw.range } : undefined;
}

function piecesOf(raw: Value, resolve: IntrinsicResolver, depth: number): TextPiece[] | undefined {
  if (depth > MAX_NESTING) return undefined;
  if (raw.kind === "string") return [{ source: raw, start: 0, end: raw.value.length }];
  if (raw.kind !== "object" || raw.entries.length !== 1) return undefined;
  const [entry] = raw.entries;
  if (entry!.key === "Fn::Sub") return subPieces(entry!.value, resolve);
  if (entry!.key === "Fn::Join") return fnJoinPieces(entry!.value, resolve, depth);
  return undefined;
}

function subPieces(argument: Value, resolve: IntrinsicResolver): TextPiece[] | undefined {
  let template: Value | undefined = argument;
  let variables: ObjectValue | undefined;
  if (argument.kind === "list") {
    template = argument.items[0];
    const second = argument.items[1];
    if (second?.kind === "object") variables = second;
    else if (second !== undefined) return undefined;
  }
  if (template?.kind !== "string") return undefined;
  return splitSubTemplate(template, (name) => {
    const variable = variables?.entries.find((e) => e.key === name);
    if (variable) return resolve(variable.value) ?? variable.value;
    const dot = name.indexOf(".");
    const ref: Value =
      dot > 0 && !name.startsWith("AWS::")
        ? {
            kind: "object",
            entries: [{ key: "Fn::GetAtt", value: list([str(name.slice(0, dot)), str(name.slice(dot + 1))]) }],
          }
        : { kind: "object", entries: [{ key: "Ref", value: str(name) }] };
    return resolve(ref);
  });
}

/** Splits a `Fn::Sub` template at `${Name}` (CloudFormation's syntax: `${!Literal}` is the text `${Literal}`). */
function splitSubTemplate(
  template: StringValue,
  variable: (name: string) => Value | undefined,
): TextPiece[] | undefined {
  const text = template.value;
  const pieces: TextPiece[] = [];
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("${", i);
    if (open < 0) break;
    const close = text.indexOf("}", open + 2);
    if (close < 0) break;
    const inner = text.slice(open + 2, close);
    if (open > last) pieces.push({ source: template, start: last, end: open });
    const at = { source: template, start: open, end: close + 1 };
    if (inner.startsWith("!")) pieces.push({ value: str(`\${${inner.slice(1)}}`), at });
    else {
      const value = variable(inner.trim());
      if (value === undefined) return undefined;
      pieces.push({ value, at });
    }
    last = close + 1;
    i = close + 1;
  }
  if (last < text.length) pieces.push({ source: template, start: last, end: text.length });
  return pieces;
}

function fnJoinPieces(argument: Value, resolve: IntrinsicResolver, depth: number): TextPiece[] | undefined {
  if (argument.kind !== "list" || argument.items.length !== 2) return undefined;
  const [delimiter, items] = argument.items;
  if (delimiter?.kind !== "string" || items?.kind !== "list") return undefined;
  const pieces: TextPiece[] = [];
  items.items.forEach((item, index) => {
    if (index > 0 && delimiter.value !== "") pieces.push({ source: delimiter, start: 0, end: delimiter.value.length });
    const inner = piecesOf(item, resolve, depth + 1);
    if (inner) pieces.push(...inner);
    else pieces.push({ value: resolve(item) ?? item, range: item.range });
  });
  return pieces;
}
