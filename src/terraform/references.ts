/**
 * Names → values: `var.*`, `local.*`, `module.*`, resources, `data.*`,
 * `count.index`, `each.*`, `self`, `path.*`, `terraform.workspace`, and the
 * traversal steps applied after them.
 *
 * A reference to a resource attribute set in configuration is that
 * attribute's value; one the provider computes is `COMPUTED` with a reference
 * naming the instance and attribute (what becomes a graph edge). Whole
 * instances (`aws_subnet.a`, `aws_subnet.a[*]`) are objects of their
 * configured attributes, remembered as instances so that a later `.id` on
 * them still gives the computed reference.
 */
import type { ScopeTraversal, TraversalStep } from "../hcl/index.js";
import type { SourceRange } from "../core/range.js";
import type { ObjectValue, Value } from "../core/value.js";
import { unknown } from "../core/value.js";
import { ExpressionError, describe, numberToString, rangeOf, type EvalScope } from "./evaluate.js";
import type { InstanceNode, ResourceNode } from "./instances.js";
import type { ModuleCallNode, ModuleInstance } from "./modules.js";
import { unsetAttribute } from "./computed.js";
import { policyDocumentAttribute } from "./data-sources/iam-policy-document.js";
import { templateFileRendered } from "./data-sources/template-file.js";
import { remoteStateOutput, remoteStateOutputs } from "./remote-state.js";

/**
 * Objects that stand for a resource instance (see the file comment), keyed by
 * their `entries` array: copies that only change the range (a reference's
 * use site, a function returning its argument) keep the array and so stay
 * recognisable; an object built anew (`merge`, a `for` result) does not.
 *
 * Only evaluation reads it. The instances' attribute objects (its keys) outlive
 * the load in its result, and each would keep its `InstanceNode` — and through it
 * the whole module tree, every parsed file and every memo — alive: so
 * `releaseEvaluationCaches` drops the table when a load is over (`loadTerraform`;
 * issue 8: at 2,000 stacks the heap after the load fell from 719 to 348 MB).
 */
let INSTANCE_OBJECTS = new WeakMap<object, InstanceNode>();

/**
 * The sentences of the Unknowns that references to an instance's attributes
 * give (`aws_vpc.ml.id is computed by the provider …`), one string per distinct
 * sentence: every reference to the same attribute — in every root of a
 * monorepo whose stacks use the same names — shares it instead of keeping
 * its own copy (issue 8).
 */
let SENTENCES = new Map<string, string>();
/** The commonest ones by address and attribute, found without building the sentence first. */
let ATTRIBUTE_SENTENCES = new Map<string, Map<string, string>>();

/** The shared copy of an Unknown's sentence. */
export function sharedSentence(text: string): string {
  const shared = SENTENCES.get(text);
  if (shared !== undefined) return shared;
  SENTENCES.set(text, text);
  return text;
}

/**
 * `<address>.<attribute> <what>`, shared. `what` must follow from the address
 * alone (a data source's address starts its last part with `data.`).
 */
function attributeSentence(address: string, attribute: string, what: string): string {
  let byAttribute = ATTRIBUTE_SENTENCES.get(address);
  if (byAttribute === undefined) {
    byAttribute = new Map();
    ATTRIBUTE_SENTENCES.set(address, byAttribute);
  }
  let sentence = byAttribute.get(attribute);
  if (sentence === undefined) {
    sentence = `${address}.${attribute} ${what}`;
    byAttribute.set(attribute, sentence);
  }
  return sentence;
}

/** Forgets the instance objects and sentences: called when a Terraform load finishes, whether it returns or throws. */
export function releaseEvaluationCaches(): void {
  INSTANCE_OBJECTS = new WeakMap();
  SENTENCES = new Map();
  ATTRIBUTE_SENTENCES = new Map();
}

export type Step = TraversalStep | { type: "Key"; key: Value };

/** Attribute or index access on a plain value (no resource semantics). */
export function applyGenericStep(value: Value, step: Step, range: SourceRange): Value {
  if (value.kind === "unknown") return unknown(value.reason, value.detail, { refs: value.refs, range: value.range });
  let key: string | number;
  if (step.type === "TraverseAttr") key = step.name;
  else if (step.type === "TraverseIndex") key = step.key;
  else {
    const k = step.key;
    if (k.kind === "unknown") return unknown(k.reason, k.detail, { refs: k.refs, range });
    if (k.kind === "number") key = k.value;
    else if (k.kind === "string") key = k.value;
    else throw new ExpressionError(`an index must be a number or a string, not ${describe(k)}`, range);
  }
  if (value.kind === "list") {
    const index = typeof key === "number" ? key : /^\d+$/.test(key) ? Number(key) : NaN;
    if (!Number.isInteger(index)) throw new ExpressionError(`a list is indexed by number, not "${key}"`, range);
    const item = value.items[index];
    if (item === undefined)
      throw new ExpressionError(`index ${index} is out of range (length ${value.items.length})`, range);
    return item;
  }
  if (value.kind === "object") {
    const name = typeof key === "number" ? numberToString(key) : key;
    const entry = value.entries.find((e) => e.key === name);
    if (entry) return entry.value;
    const instance = INSTANCE_OBJECTS.get(value.entries);
    if (instance) return instanceAttribute(instance, name, range);
    throw new ExpressionError(`the object has no attribute "${name}"`, range);
  }
  if (value.kind === "null") throw new ExpressionError(`cannot read "${key}" of null`, range);
  throw new ExpressionError(`cannot read "${key}" of ${describe(value)}`, range);
}

/** The value of `instance.attribute` as another expression sees it. */
export function instanceAttribute(instance: InstanceNode, attribute: string, range: SourceRange): Value {
  const ref = [{ resource: instance.id, attribute }];
  // The symbolic instance of an unknown count/for_each (DESIGN.md) reads like any other: what
  // its configuration says holds for every instance, and a computed attribute names it.
  const config = instance.config;
  if (config.mode === "data") {
    if (config.type === "aws_iam_policy_document" && (attribute === "json" || attribute === "minified_json"))
      return policyDocumentAttribute(instance, attribute, range);
    if (config.type === "terraform_remote_state" && attribute === "outputs") return remoteStateOutputs(instance, range);
    if (config.type === "template_file" && attribute === "rendered") {
      const rendered = templateFileRendered(instance, range);
      if (rendered) return rendered;
    }
    const configured = instance.configured(attribute);
    if (configured !== undefined && configured.kind !== "null") return configured;
    return unknown(
      "DATA_SOURCE",
      attributeSentence(instance.address, attribute, "is read by the provider at plan time."),
      { refs: ref, range },
    );
  }
  const configured = instance.configured(attribute);
  if (configured !== undefined && configured.kind !== "null")
    return configured.kind === "string" ? { ...configured, from: ref[0] } : configured;
  const unset = unsetAttribute(config.type, attribute);
  if (unset.computed)
    return unknown(
      "COMPUTED",
      attributeSentence(instance.address, attribute, "is computed by the provider when the resource is created."),
      { refs: ref, range, identifier: isGeneratedIdentifier(config.type, attribute) },
    );
  return unset.value ?? configured ?? { kind: "null", range };
}

/** EC2 resources whose `id` AWS generates as `<prefix>-<hex>` (`subnet-0ab…`). */
const GENERATED_ID_TYPES = new Set([
  "aws_vpc",
  "aws_default_vpc",
  "aws_subnet",
  "aws_default_subnet",
  "aws_security_group",
  "aws_default_security_group",
  "aws_route_table",
  "aws_default_route_table",
  "aws_vpc_endpoint",
  "aws_nat_gateway",
  "aws_internet_gateway",
  "aws_egress_only_internet_gateway",
  "aws_network_acl",
  "aws_default_network_acl",
  "aws_network_interface",
  "aws_vpc_dhcp_options",
  "aws_ec2_managed_prefix_list",
  "aws_eip",
]);
/** Computed attributes of those resources that hold another generated id. */
const GENERATED_ID_ATTRIBUTES = new Set([
  "vpc_id",
  "subnet_id",
  "prefix_list_id",
  "default_security_group_id",
  "default_route_table_id",
  "main_route_table_id",
  "default_network_acl_id",
  "dhcp_options_id",
  "network_interface_id",
  "allocation_id",
]);

/** Whether a computed attribute is an identifier AWS generates (never a name or ARN, which may contain `,`). */
function isGeneratedIdentifier(type: string, attribute: string): boolean {
  return GENERATED_ID_TYPES.has(type) && (attribute === "id" || GENERATED_ID_ATTRIBUTES.has(attribute));
}

/** A whole instance as an object value. */
export function instanceObject(instance: InstanceNode, range: SourceRange): Value {
  const attributes = instance.attributes();
  const value: ObjectValue = { kind: "object", entries: attributes.entries, range };
  INSTANCE_OBJECTS.set(attributes.entries, instance);
  return value;
}

/** The value of `resource` (all instances) for a traversal that stops at the resource. */
function resourceValue(node: ResourceNode, range: SourceRange): Value {
  const expansion = node.expansion();
  const instances = node.instances();
  switch (expansion.kind) {
    case "single":
      return instanceObject(instances[0]!, range);
    case "count":
      return { kind: "list", items: instances.map((i) => instanceObject(i, range)), range };
    case "for_each":
      return {
        kind: "object",
        entries: instances.map((i) => ({ key: String(i.key), value: instanceObject(i, range) })),
        range,
      };
    case "unknown":
      // As many instances as the unknown expansion makes (maybe none), each like the symbolic one.
      return unknown(
        expansion.because.reason,
        sharedSentence(
          `${node.address} has a count or for_each that is not known statically (${expansion.because.detail.replace(/\.$/, "")}).`,
        ),
        { refs: [{ resource: instances[0]!.id }], range, every: instanceObject(instances[0]!, range) },
      );
  }
}

/**
 * Resolves a resource traversal (`aws_subnet.a[0].id`): picks the instance
 * and reads the attribute lazily, then applies the remaining steps.
 */
function resolveResource(node: ResourceNode, steps: readonly TraversalStep[], scope: EvalScope): Value {
  const module = node.module;
  let rest = steps;
  let instance: InstanceNode | undefined;
  const expansion = node.expansion();
  const instances = node.instances();
  const first = rest[0];
  if (expansion.kind === "single" || (expansion.kind === "unknown" && !node.repeated)) {
    // (Unknown because its module's expansion is: one instance in each module instance.)
    instance = instances[0];
  } else if (expansion.kind === "unknown") {
    // Its own count/for_each is unknown: `aws_subnet.private` is the collection, `[k]` the symbolic instance.
    if (first?.type === "TraverseIndex") {
      instance = instances[0];
      rest = rest.slice(1);
    }
  } else if (first?.type === "TraverseIndex") {
    instance = instances.find(
      (i) => i.key === first.key || (typeof i.key === "number" && String(i.key) === String(first.key)),
    );
    if (!instance)
      throw new ExpressionError(
        `${node.address} has no instance ${JSON.stringify(first.key)}`,
        rangeOf(scope, first.range),
      );
    rest = rest.slice(1);
  }
  let value: Value;
  if (!instance) {
    value = resourceValue(node, rangeOf(scope, steps[0]?.range ?? { start: 0, end: 0 }));
  } else {
    const attr = rest[0];
    if (attr?.type === "TraverseAttr") {
      const attrRange = rangeOf(scope, attr.range);
      const next = rest[1];
      // A remote state's single output is read without evaluating the others.
      if (
        node.config.mode === "data" &&
        node.config.type === "terraform_remote_state" &&
        attr.name === "outputs" &&
        next?.type !== undefined &&
        instance.expansion === "known"
      ) {
        const name = next.type === "TraverseAttr" ? next.name : String(next.key);
        value = remoteStateOutput(instance, name, rangeOf(scope, next.range));
        rest = rest.slice(2);
      } else {
        value = instanceAttribute(instance, attr.name, attrRange);
        rest = rest.slice(1);
      }
    } else {
      value = instanceObject(instance, rangeOf(scope, first?.range ?? { start: 0, end: 0 }));
    }
  }
  for (const step of rest) value = module.applyStep(value, step, rangeOf(scope, step.range));
  return value;
}

function attrName(step: TraversalStep | undefined, what: string, scope: EvalScope, traversal: ScopeTraversal): string {
  if (step?.type === "TraverseAttr") return step.name;
  throw new ExpressionError(`${what} must be followed by an attribute name`, rangeOf(scope, traversal.range));
}

/** Resolves a scope traversal in a module instance. */
export function resolveTraversal(module: ModuleInstance, traversal: ScopeTraversal, scope: EvalScope): Value {
  const { root, steps } = traversal;
  const range = rangeOf(scope, traversal.range);
  const applyRest = (value: Value, from: number): Value => {
    let v = value;
    for (const step of steps.slice(from)) v = module.applyStep(v, step, rangeOf(scope, step.range));
    return v;
  };
  const bound = scope.bindings?.get(root);
  if (bound !== undefined) return applyRest(bound, 0);
  switch (root) {
    case "var":
      return applyRest(module.variable(attrName(steps[0], "var", scope, traversal), range), 1);
    case "local":
      return applyRest(module.local(attrName(steps[0], "local", scope, traversal), range), 1);
    case "module":
      return resolveModule(
        module.moduleCall(attrName(steps[0], "module", scope, traversal), range),
        steps.slice(1),
        scope,
      );
    case "data": {
      const type = attrName(steps[0], "data", scope, traversal);
      const name = attrName(steps[1], `data.${type}`, scope, traversal);
      return resolveResource(module.resource("data", type, name, range), steps.slice(2), scope);
    }
    case "count":
      if (attrName(steps[0], "count", scope, traversal) !== "index" || scope.countIndex === undefined)
        throw new ExpressionError("count.index is only available where count is set", range);
      return applyRest(scope.countIndex, 1);
    case "each": {
      const which = attrName(steps[0], "each", scope, traversal);
      if (!scope.each || (which !== "key" && which !== "value"))
        throw new ExpressionError(`each.${which} is only available where for_each is set`, range);
      return applyRest(scope.each[which], 1);
    }
    case "self": {
      const self = scope.self as InstanceNode | undefined;
      if (!self) throw new ExpressionError("self is only available in provisioners and connections", range);
      const attr = attrName(steps[0], "self", scope, traversal);
      return applyRest(instanceAttribute(self, attr, range), 1);
    }
    case "path": {
      const which = attrName(steps[0], "path", scope, traversal);
      if (which === "module") return applyRest({ kind: "string", value: module.pathModule, range }, 1);
      if (which === "root" || which === "cwd") return applyRest({ kind: "string", value: ".", range }, 1);
      throw new ExpressionError(`unknown path attribute "${which}"`, range);
    }
    case "ephemeral": {
      // Ephemeral resources (Terraform 1.10) exist only while a plan or apply runs.
      const type = attrName(steps[0], "ephemeral", scope, traversal);
      const name = attrName(steps[1], `ephemeral.${type}`, scope, traversal);
      return unknown("DATA_SOURCE", `ephemeral.${type}.${name} is opened by the provider only while Terraform runs.`, {
        range,
      });
    }
    case "terraform": {
      const which = attrName(steps[0], "terraform", scope, traversal);
      if (which === "workspace") return applyRest({ kind: "string", value: "default", range }, 1);
      throw new ExpressionError(`unknown terraform attribute "${which}"`, range);
    }
    default: {
      const name = attrName(steps[0], root, scope, traversal);
      return resolveResource(module.resource("managed", root, name, range), steps.slice(1), scope);
    }
  }
}

/** `module.x`, `module.x[0].out`, `module.x["k"].out`. */
function resolveModule(call: ModuleCallNode, steps: readonly TraversalStep[], scope: EvalScope): Value {
  const parent = call.parent;
  const unavailable = call.unavailable();
  let rest = steps;
  if (unavailable) {
    const output = rest.find((s) => s.type === "TraverseAttr");
    const range = rangeOf(scope, (output ?? rest[0])?.range ?? { start: 0, end: 0 });
    return unknown(
      unavailable.reason,
      unavailable.detail.replace(/\{output\}/g, output?.type === "TraverseAttr" ? `.${output.name}` : ""),
      { range },
    );
  }
  const expansion = call.expansion();
  const instances = call.instances();
  let target: ModuleInstance | undefined;
  const first = rest[0];
  if (expansion.kind === "single" || expansion.kind === "unknown") {
    target = instances[0];
    if (expansion.kind === "unknown" && first?.type === "TraverseIndex") rest = rest.slice(1);
  } else if (first?.type === "TraverseIndex") {
    target = instances.find((i) => i.instanceKey === first.key || String(i.instanceKey) === String(first.key));
    if (!target)
      throw new ExpressionError(
        `${call.address} has no instance ${JSON.stringify(first.key)}`,
        rangeOf(scope, first.range),
      );
    rest = rest.slice(1);
  }
  let value: Value;
  const range = rangeOf(scope, rest[0]?.range ?? steps[0]?.range ?? { start: 0, end: 0 });
  if (!target) {
    const objects = instances.map((i) => i.outputsObject(range));
    value =
      expansion.kind === "count"
        ? { kind: "list", items: objects, range }
        : {
            kind: "object",
            entries: instances.map((i, n) => ({ key: String(i.instanceKey), value: objects[n]! })),
            range,
          };
  } else {
    const out = rest[0];
    if (out?.type === "TraverseAttr") {
      value = target.output(out.name, rangeOf(scope, out.range));
      rest = rest.slice(1);
    } else value = target.outputsObject(range);
  }
  for (const step of rest) value = parent.applyStep(value, step, rangeOf(scope, step.range));
  return value;
}
