/**
 * `Fn::ForEach` (AWS::LanguageExtensions): a loop that writes one copy of a
 * template fragment per item of a collection. In each copy the identifier is
 * replaced in keys (`${Id}`, `&{Id}`), in `Ref: Id`, in names given to `Ref`
 * and in `Fn::Sub` strings. Expanded before resolution when
 * the collection is known; otherwise the fragment is dropped with a note, since
 * no key it would produce can be named.
 *
 *   "Fn::ForEach::Subnets": ["Name", ["A", "B"], {"Subnet${Name}": {…, "Tags": [{"Value": {"Ref": "Name"}}]}}]
 */
import type { SourceRange } from "../core/range.js";
import { str, type ObjectEntry, type Value } from "../core/value.js";
import { scalarText } from "./values.js";

const PREFIX = "Fn::ForEach::";
/** Entries one loop may produce, nested loops included: a counted limit against exponential blow-ups. */
export const MAX_FOREACH_COPIES = 10_000;

export function expandForEach(
  entries: readonly ObjectEntry[],
  scope: { note(message: string, range: SourceRange | undefined, limit?: string): void },
  resolve: (value: Value) => Value | undefined,
  budget: { copies: number; max?: number } = { copies: MAX_FOREACH_COPIES },
): ObjectEntry[] {
  if (!entries.some((e) => e.key.startsWith(PREFIX))) return entries as ObjectEntry[];
  const out: ObjectEntry[] = [];
  for (const entry of entries) {
    if (!entry.key.startsWith(PREFIX)) {
      out.push(entry);
      continue;
    }
    const args = entry.value.kind === "list" ? entry.value.items : [];
    const [identifierValue, collectionValue, fragment] = args;
    const identifier = scalarText(identifierValue);
    if (args.length !== 3 || identifier === undefined || fragment?.kind !== "object") {
      scope.note(
        `${entry.key} needs [Identifier, Collection, {OutputKey: OutputValue}]; it was not expanded.`,
        entry.keyRange,
      );
      continue;
    }
    const collection = collectionValue ? resolve(collectionValue) : undefined;
    const items = collection?.kind === "list" ? collection.items.map(scalarText) : undefined;
    if (!items || items.some((i) => i === undefined)) {
      const why = collection?.kind === "unknown" ? `: ${collection.detail}` : "";
      scope.note(`${entry.key} was not expanded: its collection is not a known list of strings${why}`, entry.keyRange);
      continue;
    }
    for (const item of items as string[]) {
      for (const produced of fragment.entries) {
        if (--budget.copies < 0) {
          if (budget.copies === -1)
            scope.note(
              `${entry.key} was expanded only partly: more than ${budget.max ?? MAX_FOREACH_COPIES} copies (the max-expansion limit).`,
              entry.keyRange,
              "max-expansion",
            );
          return out;
        }
        const key = substituteKey(produced.key, identifier, item);
        // Nested loops are expanded by the recursive call on the copy.
        const copied = substitute(produced.value, identifier, item);
        if (produced.key.startsWith(PREFIX)) {
          out.push(...expandForEach([{ key, keyRange: produced.keyRange, value: copied }], scope, resolve, budget));
        } else out.push({ key, keyRange: produced.keyRange, value: copied });
      }
    }
  }
  return out;
}

function substituteKey(key: string, identifier: string, item: string): string {
  return key
    .split(`\${${identifier}}`)
    .join(item)
    .split(`&{${identifier}}`)
    .join(item.replace(/[^A-Za-z0-9]/g, ""));
}

/** A copy of a fragment with the loop variable replaced: `{Ref: Identifier}`, `${Identifier}` in `Fn::Sub`, and keys. */
function substitute(value: Value, identifier: string, item: string): Value {
  switch (value.kind) {
    case "list":
      return { ...value, items: value.items.map((v) => substitute(v, identifier, item)) };
    case "object": {
      const only = value.entries.length === 1 ? value.entries[0] : undefined;
      if (only?.key === "Ref" && only.value.kind === "string") {
        if (only.value.value === identifier) return str(item, value.range);
        // `!Ref Subnet${Name}` names the copy made for this item.
        const name = substituteKey(only.value.value, identifier, item);
        if (name !== only.value.value) return { ...value, entries: [{ ...only, value: str(name, only.value.range) }] };
      }
      if (only?.key === "Fn::Sub") {
        const template = only.value.kind === "list" ? only.value.items[0] : only.value;
        const variables = only.value.kind === "list" ? only.value.items[1] : undefined;
        const shadowed = variables?.kind === "object" && variables.entries.some((e) => e.key === identifier);
        if (template?.kind === "string" && !shadowed) {
          const replaced = str(template.value.split(`\${${identifier}}`).join(item), template.range);
          const argument: Value =
            only.value.kind === "list"
              ? {
                  ...only.value,
                  items: [replaced, ...only.value.items.slice(1).map((v) => substitute(v, identifier, item))],
                }
              : replaced;
          return { ...value, entries: [{ ...only, value: argument }] };
        }
      }
      return {
        ...value,
        entries: value.entries.map((e) => ({
          ...e,
          key: substituteKey(e.key, identifier, item),
          value: substitute(e.value, identifier, item),
        })),
      };
    }
    default:
      return value;
  }
}
