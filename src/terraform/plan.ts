/**
 * `terraform show -json` plan files as input. Their resources (modules
 * expanded, remote modules included) become the same instances as those
 * evaluated from source: known values from `planned_values`, Unknown
 * (`COMPUTED`) for what `resource_changes[].change.after_unknown` marks,
 * with references from `configuration`'s expressions.
 *
 * When the plan file's folder is a scanned root, an instance with the same
 * address is merged into the source instance — one instance, not two: the
 * plan's values win, the source gives the ranges (the top-level value of an
 * attribute takes the source attribute's value range).
 */
import type { Diagnostic } from "../core/finding.js";
import type { SourceRange } from "../core/range.js";
import type { ObjectEntry, ObjectValue, ResourceRef, Value } from "../core/value.js";
import { getValue, unknown } from "../core/value.js";
import { loadYaml } from "../cloudformation/yaml.js";
import { dirOf } from "./config.js";
import type { TerraformInstance } from "./index.js";
import type { World } from "./modules.js";

/** A cheap check: JSON with `format_version` and `planned_values` (or `configuration`). */
export function isPlanJson(text: string): boolean {
  const head = text.trimStart();
  return (
    head.startsWith("{") &&
    text.includes('"format_version"') &&
    (text.includes('"planned_values"') || text.includes('"configuration"'))
  );
}

interface PlannedResource {
  address: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  values: ObjectValue;
  entry: Value;
  /** Module path of the resource (`["net"]` for `module.net[0].x`), instance keys removed. */
  modulePath: string[];
}

export function loadPlans(
  plans: readonly { path: string; text: string }[],
  sourceInstances: TerraformInstance[],
  world: World,
): { instances: TerraformInstance[]; analyzedFiles: Map<string, string>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const analyzedFiles = new Map<string, string>();
  let instances = sourceInstances;
  for (const plan of plans) {
    const loaded = loadYaml(plan.text, plan.path);
    if (loaded.diagnostics.length > 0 || loaded.value?.kind !== "object") {
      diagnostics.push(...loaded.diagnostics);
      analyzedFiles.set(plan.path, plan.text);
      continue;
    }
    const doc = loaded.value;
    if (!getValue(doc, "format_version") || !(getValue(doc, "planned_values") || getValue(doc, "configuration")))
      continue;
    analyzedFiles.set(plan.path, plan.text);
    const planned: PlannedResource[] = [];
    collectPlanned(getValue(getValue(doc, "planned_values"), "root_module"), planned);
    const root = planRoot(plan.path, planned, instances);
    const afterUnknown = new Map<string, Value>();
    const changes = getValue(doc, "resource_changes");
    if (changes?.kind === "list") {
      for (const change of changes.items) {
        const address = stringValue(getValue(change, "address"));
        const unknownMap = getValue(getValue(change, "change"), "after_unknown");
        if (address && unknownMap) afterUnknown.set(address, unknownMap);
      }
    }
    const configuration = getValue(getValue(doc, "configuration"), "root_module");
    const addresses = new Set(planned.map((p) => p.address));
    const merged: TerraformInstance[] = [];
    for (const resource of planned) {
      const id = `${root}:${resource.address}`;
      const expressions = configExpressions(configuration, resource);
      const refsFor = (path: readonly (string | number)[]): ResourceRef[] =>
        referencesOf(expressionAt(expressions, path), resource.modulePath, root, addresses);
      const attributes = planAttributes(
        resource,
        afterUnknown.get(resource.address),
        id,
        refsFor,
        (key) => getValue(expressions, key) !== undefined,
      );
      // The source block of an instance: the same address, or the one instance of unknown expansion standing for all
      // (its address lacks the instance keys the plan knows, of the resource or of a module on the way).
      const source =
        instances.find((i) => i.root === root && i.address === resource.address) ??
        instances.find(
          (i) =>
            i.root === root && i.expansion === "unknown" && withoutKeys(i.address) === withoutKeys(resource.address),
        );
      if (source) {
        const overlaid = overlayRanges(attributes, source.attributes) as ObjectValue;
        const sourceOnly = source.attributes.entries.filter((e) => !overlaid.entries.some((o) => o.key === e.key));
        merged.push({
          ...source,
          id,
          address: resource.address,
          attributes: { ...overlaid, entries: [...overlaid.entries, ...sourceOnly] },
          expansion: "known",
        });
        continue;
      }
      const range = resource.entry.range ?? {
        file: plan.path,
        start: { line: 1, column: 1, offset: 0 },
        end: { line: 1, column: 1, offset: 0 },
      };
      const callSite =
        resource.modulePath.length > 0
          ? world.roots.get(root)?.config.moduleCalls.get(resource.modulePath[0]!)?.block.headerRange
          : undefined;
      merged.push({
        id,
        root,
        address: resource.address,
        mode: resource.mode,
        type: resource.type,
        name: resource.name,
        file: plan.path,
        headerRange: range,
        range,
        attributes,
        expansion: "known",
        moduleCalls: callSite ? [callSite] : [],
      });
    }
    const replaced = new Set(merged.map((m) => m.id));
    // A source instance of unknown expansion is replaced by the plan's expanded instances.
    const expandedBases = new Set(planned.map((p) => withoutKeys(p.address)));
    instances = [
      ...instances.filter(
        (i) =>
          !replaced.has(i.id) &&
          !(i.root === root && i.expansion === "unknown" && expandedBases.has(withoutKeys(i.address))),
      ),
      ...merged,
    ];
  }
  return { instances, analyzedFiles, diagnostics };
}

/**
 * The root a plan belongs to: its own folder when that is a scanned root;
 * otherwise the one scanned root that declares every root-module resource of
 * the plan (plans are often saved elsewhere, e.g. `plans/ml.json`); else the
 * plan's folder, standing alone.
 */
function planRoot(
  planPath: string,
  planned: readonly PlannedResource[],
  instances: readonly TerraformInstance[],
): string {
  const own = dirOf(planPath);
  if (instances.some((i) => i.root === own)) return own;
  const wanted = planned.filter((p) => p.modulePath.length === 0).map((p) => withoutKeys(p.address));
  if (wanted.length === 0) return own;
  const byRoot = new Map<string, Set<string>>();
  for (const i of instances) {
    const set = byRoot.get(i.root) ?? new Set<string>();
    set.add(withoutKeys(i.address));
    byRoot.set(i.root, set);
  }
  const matches = [...byRoot].filter(([, addresses]) => wanted.every((a) => addresses.has(a))).map(([r]) => r);
  return matches.length === 1 ? matches[0]! : own;
}

function collectPlanned(module: Value | undefined, out: PlannedResource[]): void {
  if (!module) return;
  const resources = getValue(module, "resources");
  if (resources?.kind === "list") {
    for (const entry of resources.items) {
      const address = stringValue(getValue(entry, "address"));
      const type = stringValue(getValue(entry, "type"));
      const name = stringValue(getValue(entry, "name"));
      const values = getValue(entry, "values");
      if (!address || !type || !name) continue;
      const mode = stringValue(getValue(entry, "mode")) === "data" ? "data" : "managed";
      out.push({
        address,
        mode,
        type,
        name,
        values: values?.kind === "object" ? values : { kind: "object", entries: [], range: entry.range },
        entry,
        modulePath: modulePathOf(address),
      });
    }
  }
  const children = getValue(module, "child_modules");
  if (children?.kind === "list") for (const child of children.items) collectPlanned(child, out);
}

function modulePathOf(address: string): string[] {
  const path: string[] = [];
  const re = /module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\./g;
  let last = 0;
  for (let match = re.exec(address); match && match.index === last; match = re.exec(address)) {
    path.push(match[1]!);
    last = re.lastIndex;
  }
  return path;
}

/** The `expressions` object of the resource's configuration block. */
function configExpressions(configuration: Value | undefined, resource: PlannedResource): Value | undefined {
  let module = configuration;
  for (const name of resource.modulePath) module = getValue(getValue(getValue(module, "module_calls"), name), "module");
  const resources = getValue(module, "resources");
  if (resources?.kind !== "list") return undefined;
  const local = `${resource.mode === "data" ? "data." : ""}${resource.type}.${resource.name}`;
  const found = resources.items.find((r) => stringValue(getValue(r, "address")) === local);
  return getValue(found, "expressions");
}

/** Resource references of one configuration expression, mapped to plan instance ids. */
function referencesOf(
  expression: Value | undefined,
  modulePath: string[],
  root: string,
  addresses: Set<string>,
): ResourceRef[] {
  const refs = getValue(expression, "references");
  if (refs?.kind !== "list") return [];
  const prefix = modulePath.map((m) => `module.${m}.`).join("");
  const out: ResourceRef[] = [];
  for (const item of refs.items) {
    const text = stringValue(item);
    if (!text || /^(var|local|module|path|count|each|terraform|self)\./.test(text)) continue;
    const parts = text.split(".");
    const isData = parts[0] === "data";
    const base = (isData ? parts.slice(0, 3) : parts.slice(0, 2)).join(".");
    let rest = parts.slice(isData ? 3 : 2);
    const address = prefix + base;
    // `aws_subnet.private` (a splat, or the whole resource) stands for every instance.
    const targets = addresses.has(address) ? [address] : [...addresses].filter((a) => a.startsWith(`${address}[`));
    rest = rest.filter((p) => !/^\[/.test(p));
    const attribute = rest[0];
    for (const target of targets) {
      const ref: ResourceRef = attribute
        ? { resource: `${root}:${target}`, attribute }
        : { resource: `${root}:${target}` };
      if (
        out.some((r) => r.resource === ref.resource && (r.attribute === ref.attribute || ref.attribute === undefined))
      )
        continue;
      const bare = out.findIndex((r) => r.resource === ref.resource && r.attribute === undefined);
      if (bare >= 0) out.splice(bare, 1);
      out.push(ref);
    }
  }
  return out;
}

type RefsFor = (path: readonly (string | number)[]) => ResourceRef[];

/** The configuration expression at a path of attribute names and block indexes. */
function expressionAt(expressions: Value | undefined, path: readonly (string | number)[]): Value | undefined {
  let current = expressions;
  for (const step of path) {
    if (current === undefined) return undefined;
    if (typeof step === "number") current = current.kind === "list" ? current.items[step] : current;
    else current = getValue(current, step);
  }
  return current;
}

/**
 * Planned values with after-unknown attributes as `COMPUTED` Unknowns; nulls
 * dropped at the top, and attributes that are only computed (no
 * configuration expression) left out, as for instances evaluated from source.
 */
function planAttributes(
  resource: PlannedResource,
  afterUnknown: Value | undefined,
  id: string,
  refsFor: RefsFor,
  configured: (key: string) => boolean,
): ObjectValue {
  const entries: ObjectEntry[] = [];
  for (const entry of resource.values.entries) {
    if (entry.value.kind === "null" && getValue(afterUnknown, entry.key)?.kind !== "bool") continue;
    entries.push({
      key: entry.key,
      keyRange: entry.keyRange,
      value: markUnknown(
        entry.value,
        getValue(afterUnknown, entry.key),
        `${resource.address}.${entry.key}`,
        [entry.key],
        id,
        refsFor,
      ),
    });
  }
  if (afterUnknown?.kind === "object") {
    for (const u of afterUnknown.entries) {
      if (u.value.kind !== "bool" || !u.value.value || entries.some((e) => e.key === u.key)) continue;
      // Purely computed attributes (`id`, `arn`) are not configuration; references to them come from `configuration`.
      if (!configured(u.key)) continue;
      entries.push({
        key: u.key,
        value: computedUnknown(`${resource.address}.${u.key}`, [u.key], id, refsFor, resource.entry.range),
      });
    }
  }
  return { kind: "object", entries, range: resource.values.range };
}

function computedUnknown(
  what: string,
  path: readonly (string | number)[],
  id: string,
  refsFor: RefsFor,
  range: SourceRange | undefined,
): Value {
  const refs = refsFor(path);
  const attribute = String(path[0]);
  return unknown("COMPUTED", `${what} is known only after apply (terraform plan).`, {
    refs: refs.length > 0 ? refs : [{ resource: id, attribute }],
    range,
  });
}

function markUnknown(
  value: Value,
  marker: Value | undefined,
  what: string,
  path: (string | number)[],
  id: string,
  refsFor: RefsFor,
): Value {
  if (marker?.kind === "bool" && marker.value) return computedUnknown(what, path, id, refsFor, value.range);
  if (value.kind === "list" && marker?.kind === "list")
    return {
      ...value,
      items: value.items.map((item, i) =>
        markUnknown(item, marker.items[i], `${what}[${i}]`, [...path, i], id, refsFor),
      ),
    };
  if (value.kind === "object" && marker?.kind === "object") {
    const entries = value.entries.map((e) => ({
      ...e,
      value: markUnknown(e.value, getValue(marker, e.key), `${what}.${e.key}`, [...path, e.key], id, refsFor),
    }));
    for (const m of marker.entries)
      if (m.value.kind === "bool" && m.value.value && !entries.some((e) => e.key === m.key))
        entries.push({
          key: m.key,
          value: computedUnknown(`${what}.${m.key}`, [...path, m.key], id, refsFor, value.range),
        });
    return { ...value, entries };
  }
  return value;
}

/**
 * The plan's value with the source's ranges wherever the source has the same
 * place (object keys, list positions); what only the plan has keeps the plan
 * file's ranges. Source attributes the plan lacks are kept.
 */
function overlayRanges(plan: Value, source: Value | undefined): Value {
  if (!source) return plan;
  const range = source.range ?? plan.range;
  if (plan.kind === "list" && source.kind === "list")
    return { ...plan, range, items: plan.items.map((item, i) => overlayRanges(item, source.items[i])) };
  if (plan.kind === "object" && source.kind === "object") {
    const entries: ObjectEntry[] = plan.entries.map((e) => {
      const s = source.entries.find((x) => x.key === e.key);
      return s ? { key: e.key, keyRange: s.keyRange ?? e.keyRange, value: overlayRanges(e.value, s.value) } : e;
    });
    return { ...plan, range, entries };
  }
  return { ...plan, range };
}

/** An address without instance keys: `module.a["x"].aws_b.c[0]` → `module.a.aws_b.c`. */
function withoutKeys(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, "");
}

function stringValue(value: Value | undefined): string | undefined {
  return value?.kind === "string" ? value.value : undefined;
}
