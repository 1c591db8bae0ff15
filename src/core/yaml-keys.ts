/**
 * Duplicate mapping keys in a parsed YAML (or JSON) document, found in linear
 * time. The `yaml` package's own `uniqueKeys` check compares each key with every
 * earlier key of its mapping: one mapping of 50,000 keys took 12-14 s, and a
 * 100,000-state `templatefile()` definition 67 s. Every loader parses with
 * `uniqueKeys: false` and asks this instead: one set lookup per key.
 *
 * Keys compare as the parser's check compares scalars, by value (`1` and `"1"`
 * differ); a collection used as a key is never a duplicate. Aliases are not
 * followed (their target is walked where it is written), so every node is
 * visited once.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from "yaml";

export interface DuplicateKeys {
  /** Each key node that repeats an earlier key of its mapping, with that earlier key node, in text order. */
  duplicates: { key: YamlNode; first: YamlNode }[];
  /** Keys looked up: one per mapping key (a counted bound for tests). */
  keyChecks: number;
}

export function duplicateKeys(document: Document.Parsed | Document): DuplicateKeys {
  const duplicates: DuplicateKeys["duplicates"] = [];
  let keyChecks = 0;
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<unknown, YamlNode>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as YamlNode | null;
        if (isScalar(key)) {
          keyChecks++;
          const identity = typeof key.value === "string" ? `s${key.value}` : key.value;
          const first = seen.get(identity);
          if (first) duplicates.push({ key, first });
          else seen.set(identity, key);
        } else if (key) stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  duplicates.sort((a, b) => (a.key.range?.[0] ?? 0) - (b.key.range?.[0] ?? 0));
  return { duplicates, keyChecks };
}
