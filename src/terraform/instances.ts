/**
 * `count` and `for_each` expansion, resource instances with lazily evaluated
 * attributes, and nested and `dynamic` blocks.
 *
 * Instances are created when first needed (a reference or the final listing)
 * and evaluate each attribute once, on demand: resources reference each other
 * in any order, and a reference cycle gives an Unknown, not a hang.
 */
import type { SourceRange } from "../core/range.js";
import type { ObjectEntry, ObjectValue, UnknownValue, Value } from "../core/value.js";
import { unknown } from "../core/value.js";
import type { ConfigAttribute, ConfigBlock, ConfigBody, ResourceConfig } from "./config.js";
import { findAttribute, literalString } from "./config.js";
import {
  ExpressionError,
  LimitError,
  elementOf,
  evaluate,
  iterate,
  newBudget,
  propagate,
  toNumber,
  toStringValue,
  trimmed,
  withBindings,
  type EvalScope,
} from "./evaluate.js";
import type { ModuleInstance } from "./modules.js";

/** Attributes of a resource block that configure Terraform itself, not the resource. */
export const META_ATTRIBUTES = new Set(["count", "for_each", "depends_on", "provider"]);
const META_BLOCKS = new Set(["lifecycle", "provisioner", "connection", "precondition", "postcondition"]);

export type Expansion =
  | { kind: "single" }
  | { kind: "count"; count: number }
  | { kind: "for_each"; entries: { key: string; keyRange?: SourceRange; value: Value }[] }
  | { kind: "unknown"; because: UnknownValue };

/**
 * Evaluates `count`/`for_each` of a resource or module block. An Unknown
 * gives `unknown`; an expansion over the limit gives `unknown` with `LIMIT`
 * (checked before anything is allocated).
 */
export function expandBlock(
  body: ConfigBody,
  scope: (attribute: ConfigAttribute) => EvalScope,
  maxInstances: number,
  where: string,
  note: (message: string, range: SourceRange, limit?: string) => void,
): Expansion {
  const countAttr = findAttribute(body, "count");
  const forEachAttr = findAttribute(body, "for_each");
  try {
    if (countAttr) {
      const value = evaluate(countAttr.expr, scope(countAttr));
      if (value.kind === "unknown") return { kind: "unknown", because: value };
      const count = toNumber(value, "count");
      if (!Number.isInteger(count) || count < 0)
        throw new ExpressionError(`count must be a whole number ≥ 0, not ${count}`, value.range);
      if (count > maxInstances) return overLimit(`count = ${count}`, countAttr.range, maxInstances, where, note);
      return { kind: "count", count };
    }
    if (forEachAttr) {
      const value = evaluate(forEachAttr.expr, scope(forEachAttr));
      if (value.kind === "unknown") return { kind: "unknown", because: value };
      if (value.kind === "object") {
        if (value.entries.length > maxInstances)
          return overLimit(`for_each over ${value.entries.length} keys`, forEachAttr.range, maxInstances, where, note);
        return {
          kind: "for_each",
          entries: iterate(value, "for_each").map(([k, v]) => ({
            key: (k as { value: string }).value,
            keyRange: k.range,
            value: v,
          })),
        };
      }
      if (value.kind === "list") {
        if (value.items.length > maxInstances)
          return overLimit(`for_each over ${value.items.length} values`, forEachAttr.range, maxInstances, where, note);
        const unknownItem = value.items.find((i) => i.kind === "unknown");
        if (unknownItem) return { kind: "unknown", because: propagate(value.items, value.range) };
        const keys = new Map<string, Value>();
        for (const item of value.items) {
          const key = toStringValue(item, "for_each element");
          if (!keys.has(key)) keys.set(key, item);
        }
        const sorted = [...keys.keys()].sort();
        return {
          kind: "for_each",
          entries: sorted.map((key) => ({
            key,
            keyRange: keys.get(key)!.range,
            value: { kind: "string", value: key, range: keys.get(key)!.range },
          })),
        };
      }
      if (value.kind === "null") throw new ExpressionError("for_each must not be null", value.range);
      throw new ExpressionError("for_each needs a map or a set of strings", value.range);
    }
  } catch (error) {
    if (error instanceof ExpressionError) {
      note(`${where}: ${error.message}`, error.range ?? (countAttr ?? forEachAttr)!.range);
      return {
        kind: "unknown",
        because: unknown(
          "UNSUPPORTED",
          `The ${countAttr ? "count" : "for_each"} of ${where} is invalid: ${error.message}.`,
          { range: (countAttr ?? forEachAttr)!.range },
        ),
      };
    }
    if (error instanceof LimitError) {
      note(`${where}: ${error.message}`, error.range ?? (countAttr ?? forEachAttr)!.range, "max-steps-per-expression");
      return {
        kind: "unknown",
        because: unknown("LIMIT", `${error.message}.`, { range: (countAttr ?? forEachAttr)!.range }),
      };
    }
    throw error;
  }
  return { kind: "single" };
}

function overLimit(
  what: string,
  range: SourceRange,
  max: number,
  where: string,
  note: (message: string, range: SourceRange, limit?: string) => void,
): Expansion {
  note(
    `${where}: ${what} exceeds the limit of ${max} instances; analysed as one instance of unknown expansion`,
    range,
    "max-expansion",
  );
  return { kind: "unknown", because: unknown("LIMIT", `${what} exceeds the limit of ${max} instances.`, { range }) };
}

/** `count.index` / `each.key` of the symbolic instance: not known, for the reason the expansion is not. */
function symbolicKey(because: UnknownValue): UnknownValue {
  return unknown(because.reason, because.detail, { refs: because.refs, range: because.range });
}

/** `[0]` or `["key"]` as Terraform writes instance keys. */
export function instanceKeySuffix(key: number | string | undefined): string {
  if (key === undefined) return "";
  return typeof key === "number" ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

const IN_PROGRESS = Symbol("in progress");
/** A `count`/`for_each` being evaluated: met again, it depends on itself. */
export const EXPANDING = Symbol("expanding");

/** One resource or data-source block in one module instance. */
export class ResourceNode {
  private expansionMemo: Expansion | typeof EXPANDING | undefined;
  private instancesMemo: InstanceNode[] | undefined;

  constructor(
    readonly module: ModuleInstance,
    readonly config: ResourceConfig,
  ) {}

  /** `aws_vpc.main` or `data.aws_region.current`, with the module path. */
  get address(): string {
    const local =
      this.config.mode === "data"
        ? `data.${this.config.type}.${this.config.name}`
        : `${this.config.type}.${this.config.name}`;
    return this.module.address ? `${this.module.address}.${local}` : local;
  }

  /** Whether the block sets `count` or `for_each` (its references then name a collection of instances). */
  get repeated(): boolean {
    const body = this.config.block.body;
    return findAttribute(body, "count") !== undefined || findAttribute(body, "for_each") !== undefined;
  }

  expansion(): Expansion {
    if (this.expansionMemo === EXPANDING) {
      // count = length(aws_x.self) style cycles; the sentence is built only when one happens.
      this.expansionMemo = {
        kind: "unknown",
        because: unknown("LIMIT", `The count or for_each of ${this.address} depends on itself.`),
      };
    }
    if (this.expansionMemo) return this.expansionMemo;
    if (this.module.expansionUnknown) {
      this.expansionMemo = { kind: "unknown", because: this.module.expansionUnknown };
      return this.expansionMemo;
    }
    this.expansionMemo = EXPANDING;
    this.expansionMemo = expandBlock(
      this.config.block.body,
      (attribute) => this.module.scope(attribute.src),
      this.module.world.limits.maxInstancesPerResource,
      this.address,
      (m, r, l) => this.module.world.note(m, r, l),
    );
    return this.expansionMemo;
  }

  instances(): InstanceNode[] {
    if (this.instancesMemo) return this.instancesMemo;
    const expansion = this.expansion();
    const out: InstanceNode[] = [];
    switch (expansion.kind) {
      case "single":
        out.push(new InstanceNode(this, undefined, {}, "known"));
        break;
      case "unknown":
        out.push(
          new InstanceNode(
            this,
            undefined,
            {
              countIndex: symbolicKey(expansion.because),
              // `for_each = aws_subnet.private` over an unknown set: each.value is the symbolic subnet.
              each: { key: symbolicKey(expansion.because), value: elementOf(expansion.because) },
            },
            "unknown",
          ),
        );
        break;
      case "count":
        for (let i = 0; i < expansion.count; i++)
          out.push(new InstanceNode(this, i, { countIndex: { kind: "number", value: i } }, "known"));
        break;
      case "for_each":
        for (const entry of expansion.entries)
          out.push(
            new InstanceNode(
              this,
              entry.key,
              { each: { key: { kind: "string", value: entry.key, range: entry.keyRange }, value: entry.value } },
              "known",
            ),
          );
        break;
    }
    this.instancesMemo = out;
    return out;
  }
}

/** One instance of a resource: an address and attributes evaluated on demand. */
export class InstanceNode {
  readonly address: string;
  readonly id: string;
  private readonly memo = new Map<string, Value | typeof IN_PROGRESS>();
  private allMemo: ObjectValue | undefined;

  constructor(
    readonly resource: ResourceNode,
    readonly key: number | string | undefined,
    readonly expansionValues: { countIndex?: Value; each?: { key: Value; value: Value } },
    readonly expansion: "known" | "unknown",
  ) {
    this.address = resource.address + instanceKeySuffix(key);
    this.id = `${resource.module.rootDir}:${this.address}`;
  }

  get config(): ResourceConfig {
    return this.resource.config;
  }

  scope(attribute: { src: ConfigAttribute["src"] }): EvalScope {
    return { ...this.resource.module.scope(attribute.src), ...this.expansionValues, self: this };
  }

  /** Whether the configuration sets this attribute or nested block. */
  isConfigured(name: string): boolean {
    const body = this.config.block.body;
    if (META_ATTRIBUTES.has(name)) return false;
    return (
      body.attributes.some((a) => a.name === name) ||
      body.blocks.some((b) => blockTypeOf(b) === name && !META_BLOCKS.has(name))
    );
  }

  /** The configured value of an attribute or nested block type; undefined when not configured. */
  configured(name: string): Value | undefined {
    if (!this.isConfigured(name)) return undefined;
    const cached = this.memo.get(name);
    if (cached === IN_PROGRESS) {
      this.resource.module.world.note(`${this.address}.${name} refers to itself`, this.config.block.headerRange);
      return unknown("LIMIT", `${this.address}.${name} refers to itself.`, {
        refs: [{ resource: this.id, attribute: name }],
      });
    }
    if (cached !== undefined) return cached;
    this.memo.set(name, IN_PROGRESS);
    const value = this.resource.module.world.nested(`${this.address}.${name}`, this.config.block.headerRange, () =>
      this.evaluateConfigured(name),
    );
    this.memo.set(name, value);
    return value;
  }

  private evaluateConfigured(name: string): Value {
    const body = this.config.block.body;
    const attribute = body.attributes.find((a) => a.name === name);
    if (attribute)
      return this.resource.module.world.guard(
        () => evaluate(attribute.expr, this.scope(attribute)),
        attribute.range,
        `${this.address}.${name}`,
      );
    const grouped = evaluateNestedBlocks(body, (src) => this.scope({ src }), this.resource.module, `${this.address}`);
    const entry = grouped.find((e) => e.key === name);
    return entry?.value ?? { kind: "null" };
  }

  /** Every configured attribute and nested block, in source order (nested blocks as lists of objects). */
  attributes(): ObjectValue {
    if (this.allMemo) return this.allMemo;
    const body = this.config.block.body;
    const names: { name: string; keyRange: SourceRange }[] = [];
    for (const attribute of body.attributes) {
      if (META_ATTRIBUTES.has(attribute.name)) continue;
      names.push({ name: attribute.name, keyRange: attribute.nameRange });
    }
    for (const block of body.blocks) {
      const type = blockTypeOf(block);
      if (META_BLOCKS.has(type) || names.some((n) => n.name === type)) continue;
      names.push({ name: type, keyRange: block.type === "dynamic" ? rangeOfLabel(block) : block.typeRange });
    }
    // Source order; what override files add or replace comes after the block's own file.
    const blockFile = this.config.block.src.path;
    const fileRank = (r: SourceRange): string => (r.file === blockFile ? "" : r.file);
    names.sort((a, b) => {
      const fa = fileRank(a.keyRange);
      const fb = fileRank(b.keyRange);
      if (fa !== fb) return fa === "" ? -1 : fb === "" ? 1 : fa < fb ? -1 : 1;
      return a.keyRange.start.offset - b.keyRange.start.offset;
    });
    const entries: ObjectEntry[] = names.map((n) => ({
      key: n.name,
      keyRange: n.keyRange,
      value: this.configured(n.name) ?? { kind: "null" },
    }));
    this.allMemo = { kind: "object", entries, range: this.config.block.range };
    return this.allMemo;
  }
}

export function blockTypeOf(block: ConfigBlock): string {
  return block.type === "dynamic" ? (block.labels[0] ?? "dynamic") : block.type;
}

function rangeOfLabel(block: ConfigBlock): SourceRange {
  return block.typeRange;
}

/**
 * A body's nested blocks grouped by type, each group a list of objects (one
 * per block, `dynamic` blocks expanded), as in Terraform's JSON plan. A
 * `dynamic` block over an Unknown collection makes its whole group Unknown.
 */
export function evaluateNestedBlocks(
  body: ConfigBody,
  scopeFor: (src: ConfigBlock["src"]) => EvalScope,
  module: ModuleInstance,
  where: string,
): ObjectEntry[] {
  const groups: ObjectEntry[] = [];
  const add = (type: string, keyRange: SourceRange, items: Value[] | UnknownValue): void => {
    let group = groups.find((g) => g.key === type);
    if (!group) {
      group = { key: type, keyRange, value: { kind: "list", items: [] } };
      groups.push(group);
    }
    if (group.value.kind === "unknown") return;
    if (!Array.isArray(items)) {
      group.value = items;
      return;
    }
    if (group.value.kind === "list") group.value.items.push(...items);
  };
  for (const block of body.blocks) {
    if (META_BLOCKS.has(block.type)) continue;
    if (block.type !== "dynamic") {
      add(block.type, block.typeRange, [blockObject(block, block.body, scopeFor(block.src), module, where)]);
      continue;
    }
    const type = block.labels[0];
    if (type === undefined) continue;
    const forEach = findAttribute(block.body, "for_each");
    const iteratorAttr = findAttribute(block.body, "iterator");
    // `iterator = rule` (native) or `"iterator": "rule"` (JSON).
    const iteratorName = iteratorAttr
      ? iteratorAttr.expr.type === "ScopeTraversal"
        ? iteratorAttr.expr.root
        : (literalString(iteratorAttr.expr) ?? type)
      : type;
    const content = block.body.blocks.find((b) => b.type === "content");
    if (!forEach || !content) continue;
    const scope = scopeFor(forEach.src);
    const collection = module.world.guard(
      () => evaluate(forEach.expr, scope),
      forEach.range,
      `${where} dynamic "${type}"`,
    );
    if (collection.kind === "unknown") {
      add(
        type,
        block.typeRange,
        unknown(collection.reason, collection.detail, { refs: collection.refs, range: block.range }),
      );
      continue;
    }
    let pairs: [Value, Value][];
    try {
      pairs = collection.kind === "null" ? [] : iterate(collection, "dynamic block for_each");
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      module.world.note(`${where} dynamic "${type}": ${error.message}`, forEach.range);
      add(
        type,
        block.typeRange,
        unknown("UNSUPPORTED", `The for_each of dynamic "${type}" is invalid: ${error.message}.`, {
          range: block.range,
        }),
      );
      continue;
    }
    const items: Value[] = [];
    for (const [key, value] of pairs) {
      const iterator: Value = {
        kind: "object",
        entries: [
          { key: "key", value: key },
          { key: "value", value },
        ],
      };
      const inner = withBindings(scopeFor(content.src), { [iteratorName]: iterator });
      items.push(blockObject(content, content.body, inner, module, where, block.range));
    }
    add(type, block.typeRange, items);
  }
  for (const group of groups) if (group.value.kind === "list") group.value.items = trimmed(group.value.items);
  return groups;
}

function blockObject(
  block: ConfigBlock,
  body: ConfigBody,
  scope: EvalScope,
  module: ModuleInstance,
  where: string,
  range: SourceRange = block.range,
): ObjectValue {
  const entries: ObjectEntry[] = [];
  for (const attribute of body.attributes) {
    const value = module.world.guard(
      () =>
        evaluate(attribute.expr, {
          ...scope,
          src: attribute.src,
          budget: newBudget(module.world.limits.maxStepsPerExpression),
        }),
      attribute.range,
      `${where}.${block.type}.${attribute.name}`,
    );
    entries.push({ key: attribute.name, keyRange: attribute.nameRange, value });
  }
  entries.push(...evaluateNestedBlocks(body, (src) => ({ ...scope, src }), module, where));
  return { kind: "object", entries: trimmed(entries), range };
}
