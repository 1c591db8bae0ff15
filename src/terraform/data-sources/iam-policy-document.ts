/**
 * `data "aws_iam_policy_document"` evaluated as the AWS provider does, to its
 * `json` (indented like Go's `json.MarshalIndent`, two spaces) and
 * `minified_json`:
 *
 * - a statement's `actions`, `resources`, identifiers and condition values
 *   with one element print as a string, with more as a list sorted in
 *   reverse (the provider's `iamPolicyDecodeConfigStringList`);
 * - `source_policy_documents` are merged first, then this document's
 *   statements, then `override_policy_documents`; a statement whose `Sid`
 *   already exists replaces it in place, any other is appended.
 *
 * The document is built as a `Value` first, with the ranges of the blocks and
 * attributes it came from, and attached to the result as `encodes` (see
 * `src/core/value.ts`): a rule reading the policy then points at the
 * statement in the configuration. Any Unknown inside makes the JSON text
 * Unknown (as in Terraform), with the references of everything unknown in
 * it — and `encodes` still shows the known parts.
 */
import type { SourceRange } from "../../core/range.js";
import type { ObjectEntry, ObjectValue, UnknownValue, Value } from "../../core/value.js";
import { getEntry, getValue, toPlain, unknown } from "../../core/value.js";
import { collectRefs } from "../evaluate.js";
import type { InstanceNode } from "../instances.js";
import { sharedSentence } from "../references.js";

export function policyDocumentAttribute(
  instance: InstanceNode,
  attribute: "json" | "minified_json",
  range: SourceRange,
): Value {
  const attributes = instance.attributes();
  const doc = policyDocumentValue(attributes);
  if (typeof doc === "string") {
    instance.resource.module.world.note(`${instance.address}: ${doc}`, instance.config.block.headerRange);
    return unknown("UNSUPPORTED", `${instance.address}.${attribute} could not be built: ${doc}.`, { range });
  }
  const plain = toPlain(doc);
  if (plain === undefined) {
    const first = firstUnknown(doc)!;
    const detail = sharedSentence(
      `${instance.address}.${attribute} depends on values not known statically (${first.detail.replace(/\.$/, "")}).`,
    );
    return { ...unknown(first.reason, detail, { refs: collectRefs(doc), range }), encodes: doc };
  }
  return {
    kind: "string",
    value: attribute === "json" ? JSON.stringify(plain, null, 2) : JSON.stringify(plain),
    range,
    encodes: doc,
  };
}

function firstUnknown(value: Value): UnknownValue | undefined {
  if (value.kind === "unknown") return value;
  if (value.kind === "list") {
    for (const item of value.items) {
      const u = firstUnknown(item);
      if (u) return u;
    }
  }
  if (value.kind === "object") {
    for (const entry of value.entries) {
      const u = firstUnknown(entry.value);
      if (u) return u;
    }
  }
  return undefined;
}

/** The policy document as a value, or a message saying why it cannot be built. */
export function policyDocumentValue(attributes: ObjectValue): ObjectValue | string {
  const statements: Value[] = [];
  const merge = (more: readonly Value[]): void => {
    for (const statement of more) {
      const sid = getValue(statement, "Sid");
      const existing =
        sid?.kind === "string" && sid.value !== ""
          ? statements.findIndex(
              (s) =>
                getValue(s, "Sid")?.kind === "string" && (getValue(s, "Sid") as { value: string }).value === sid.value,
            )
          : -1;
      if (existing >= 0) statements[existing] = statement;
      else statements.push(statement);
    }
  };
  for (const source of listOf(getValue(attributes, "source_policy_documents"))) {
    const parsed = documentStatements(source);
    if (typeof parsed === "string") return parsed;
    merge(parsed);
  }
  merge(listOf(getValue(attributes, "statement")).map(statementValue));
  for (const override of listOf(getValue(attributes, "override_policy_documents"))) {
    const parsed = documentStatements(override);
    if (typeof parsed === "string") return parsed;
    merge(parsed);
  }
  const entries: ObjectEntry[] = [
    entryOf(attributes, "version", "Version") ?? { key: "Version", value: { kind: "string", value: "2012-10-17" } },
  ];
  const id = entryOf(attributes, "policy_id", "Id");
  if (id) entries.push(id);
  entries.push({
    key: "Statement",
    keyRange: getEntry(attributes, "statement")?.keyRange,
    value: { kind: "list", items: statements, range: getValue(attributes, "statement")?.range },
  });
  return { kind: "object", entries, range: attributes.range };
}

/** The statements of a source or override document: its encoded value when known, else parsed JSON. */
function documentStatements(value: Value): Value[] | string {
  if (value.kind === "unknown") return [value];
  if (value.kind !== "string") return "a source or override policy document is not a string";
  let doc: Value | undefined = value.encodes;
  if (doc === undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value.value);
    } catch {
      return "a source or override policy document is not valid JSON";
    }
    doc = fromPlain(parsed, value.range);
  }
  if (doc.kind !== "object") return "a source or override policy document is not a JSON object";
  const statement = getValue(doc, "Statement");
  if (statement === undefined) return [];
  return statement.kind === "list" ? statement.items : [statement];
}

function fromPlain(plain: unknown, range: SourceRange | undefined): Value {
  if (plain === null) return { kind: "null", range };
  if (typeof plain === "string") return { kind: "string", value: plain, range };
  if (typeof plain === "number") return { kind: "number", value: plain, range };
  if (typeof plain === "boolean") return { kind: "bool", value: plain, range };
  if (Array.isArray(plain)) return { kind: "list", items: plain.map((p) => fromPlain(p, range)), range };
  return {
    kind: "object",
    entries: Object.entries(plain as Record<string, unknown>).map(([key, v]) => ({ key, value: fromPlain(v, range) })),
    range,
  };
}

function entryOf(block: Value, attribute: string, key: string): ObjectEntry | undefined {
  const entry = getEntry(block, attribute);
  if (!entry || entry.value.kind === "null") return undefined;
  return { key, keyRange: entry.keyRange, value: entry.value };
}

function statementValue(block: Value): Value {
  if (block.kind !== "object") return block;
  const entries: ObjectEntry[] = [];
  const sid = entryOf(block, "sid", "Sid");
  if (sid && !(sid.value.kind === "string" && sid.value.value === "")) entries.push(sid);
  entries.push(
    entryOf(block, "effect", "Effect") ?? {
      key: "Effect",
      value: { kind: "string", value: "Allow", range: block.range },
    },
  );
  for (const [attribute, key] of [
    ["actions", "Action"],
    ["not_actions", "NotAction"],
    ["resources", "Resource"],
    ["not_resources", "NotResource"],
  ] as const) {
    const entry = getEntry(block, attribute);
    if (!entry || entry.value.kind === "null" || (entry.value.kind === "list" && entry.value.items.length === 0))
      continue;
    entries.push({ key, keyRange: entry.keyRange, value: decodeStringList(entry.value) });
  }
  for (const [attribute, key] of [
    ["principals", "Principal"],
    ["not_principals", "NotPrincipal"],
  ] as const) {
    const entry = getEntry(block, attribute);
    if (!entry || (entry.value.kind === "list" && entry.value.items.length === 0)) continue;
    entries.push({ key, keyRange: entry.keyRange, value: principalsValue(entry.value) });
  }
  const conditions = getEntry(block, "condition");
  if (conditions && !(conditions.value.kind === "list" && conditions.value.items.length === 0)) {
    entries.push({ key: "Condition", keyRange: conditions.keyRange, value: conditionsValue(conditions.value) });
  }
  return { kind: "object", entries, range: block.range };
}

function principalsValue(principals: Value): Value {
  if (principals.kind !== "list") return principals;
  const byType = new Map<string, { range?: SourceRange; items: Value[] }>();
  for (const principal of principals.items) {
    const type = getValue(principal, "type");
    if (type?.kind !== "string") return type?.kind === "unknown" ? type : principals;
    const identifiers = getValue(principal, "identifiers");
    if (identifiers?.kind === "unknown") return identifiers;
    const group = byType.get(type.value) ?? { range: principal.range, items: [] };
    group.items.push(...listOf(identifiers));
    byType.set(type.value, group);
  }
  const star = byType.get("*");
  if (byType.size === 1 && star && star.items.every((i) => i.kind === "string" && i.value === "*"))
    return { kind: "string", value: "*", range: principals.range };
  return {
    kind: "object",
    entries: [...byType].map(([type, group]) => ({
      key: type,
      value: decodeStringList({ kind: "list", items: group.items, range: group.range }),
    })),
    range: principals.range,
  };
}

function conditionsValue(conditions: Value): Value {
  if (conditions.kind !== "list") return conditions;
  const byTest = new Map<string, Map<string, { range?: SourceRange; items: Value[] }>>();
  for (const condition of conditions.items) {
    const test = getValue(condition, "test");
    const variable = getValue(condition, "variable");
    if (test?.kind !== "string") return test?.kind === "unknown" ? test : conditions;
    if (variable?.kind !== "string") return variable?.kind === "unknown" ? variable : conditions;
    const values = getValue(condition, "values");
    if (values?.kind === "unknown") return values;
    const variables = byTest.get(test.value) ?? new Map<string, { range?: SourceRange; items: Value[] }>();
    const group = variables.get(variable.value) ?? { range: condition.range, items: [] };
    group.items.push(...listOf(values));
    variables.set(variable.value, group);
    byTest.set(test.value, variables);
  }
  return {
    kind: "object",
    entries: [...byTest].map(([test, variables]) => ({
      key: test,
      value: {
        kind: "object",
        entries: [...variables].map(([variable, group]) => ({
          key: variable,
          value: decodeStringList({ kind: "list", items: group.items, range: group.range }),
        })),
      },
    })),
    range: conditions.range,
  };
}

/** One value → that value; several → a list sorted in reverse (as the provider prints sets). */
function decodeStringList(value: Value): Value {
  if (value.kind !== "list") return value;
  const unique: Value[] = [];
  for (const item of value.items) {
    if (item.kind === "string" && unique.some((u) => u.kind === "string" && u.value === item.value)) continue;
    unique.push(item);
  }
  if (unique.length === 1) return unique[0]!;
  if (unique.every((i) => i.kind === "string")) {
    unique.sort((a, b) => {
      const x = (a as { value: string }).value;
      const y = (b as { value: string }).value;
      return x < y ? 1 : x > y ? -1 : 0;
    });
  }
  return { kind: "list", items: unique, range: value.range };
}

function listOf(value: Value | undefined): Value[] {
  return value?.kind === "list" ? value.items : [];
}
