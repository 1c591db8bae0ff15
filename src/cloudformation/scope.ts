/**
 * One template being resolved: its parameters' values, mappings, conditions
 * and resources, and how `Ref`/`Fn::GetAtt` behave in it. The template set
 * (index.ts) links scopes together for `Fn::ImportValue` and nested stacks.
 */
import type { SourceRange } from "../core/range.js";
import { getValue, unknown, type ObjectEntry, type UnknownValue, type Value } from "../core/value.js";
import { evaluateCondition, type ConditionValue } from "./conditions.js";
import { expandForEach, MAX_FOREACH_COPIES } from "./foreach.js";
import { resolveValue, type ResolveScope, type StackOutputRequest } from "./intrinsics.js";
import { parameterValue, type CfnParameter } from "./parameters.js";
import { pseudoParameter, type DeploymentTarget } from "./pseudo.js";
import { resourceId, type CfnParameterValue, type RawTemplate } from "./template.js";
import { relocate, scalarText } from "./values.js";
import { DependencyChains } from "./chains.js";

/** What a scope needs from the set of templates it belongs to. */
export interface TemplateSetLinks {
  target: DeploymentTarget;
  /** The value of an export of another scanned template, at `range`. */
  importValue(exportName: string, range: SourceRange | undefined, fromFile: string): Value;
  /** `Fn::GetStackOutput`: the output of a stack whose template is in the scan, at `range`. */
  stackOutput(request: StackOutputRequest, range: SourceRange | undefined, fromFile: string): Value;
  /** `Fn::GetAtt Stack.Outputs.Name` of a nested stack whose template is loaded; null when it is not. */
  nestedStackOutput(
    scope: TemplateScope,
    logicalId: string,
    output: string,
    range: SourceRange | undefined,
  ): Value | null;
  /** What `Ref` returns for a resource type, from the spec. */
  refIdentifier(type: string): string | undefined;
  /** The scan's limits (`src/core/limits.ts`); the defaults below when absent. */
  limits?: { maxStepsPerTemplate: number; maxForEachCopies: number };
  /** The set's chained values (mirrored attributes, outputs, exports), memoized and depth-bounded; one per scope when absent. */
  chains?: DependencyChains;
}

/**
 * Attributes that are the value of a property of the same name, when the
 * property is set. Name-like attributes (`ModelName`, `BucketName`) are left
 * out on purpose: resolving them to the literal would lose the reference that
 * makes the graph's edge.
 */
const MIRRORED_ATTRIBUTES: Record<string, readonly string[]> = {
  "AWS::EC2::VPC": ["CidrBlock"],
  "AWS::EC2::Subnet": ["AvailabilityZone", "CidrBlock", "VpcId"],
  "AWS::EC2::SecurityGroup": ["VpcId"],
};

/**
 * Types whose `Ref` is an identifier AWS generates (`subnet-0ab…`): letters,
 * digits and `-`. (A security group's `Ref` is its name outside a VPC, and
 * names may contain `,`: it is not here; its `GroupId` is.)
 */
const GENERATED_ID_REFS = new Set([
  "AWS::EC2::VPC",
  "AWS::EC2::Subnet",
  "AWS::EC2::RouteTable",
  "AWS::EC2::VPCEndpoint",
  "AWS::EC2::NatGateway",
  "AWS::EC2::InternetGateway",
  "AWS::EC2::NetworkAcl",
  "AWS::EC2::NetworkInterface",
  "AWS::EC2::DHCPOptions",
  "AWS::EC2::PrefixList",
]);
/** `Fn::GetAtt` attributes of `AWS::EC2::*` resources that are generated identifiers. */
const GENERATED_ID_ATTRIBUTES = new Set([
  "GroupId",
  "VpcId",
  "SubnetId",
  "Id",
  "RouteTableId",
  "DefaultSecurityGroup",
  "DefaultNetworkAcl",
  "NetworkAclId",
  "PrefixListId",
  "AllocationId",
]);

/**
 * Evaluation steps one template may take (each value visited is a step): a
 * counted limit, not a timer, against templates that expand exponentially
 * (nested `Fn::ForEach`, chains of mirrored attributes and outputs).
 */
export const MAX_STEPS_PER_TEMPLATE = 2_000_000;

export interface ScopeNote {
  message: string;
  range?: SourceRange;
  /** Set when a safety limit was hit: its name (`src/core/limits.ts`); the scan reports it as SMBT017. */
  limit?: string;
  /** The limit stopped the template's evaluation: the scan reports it as SMBT020. */
  incomplete?: true;
}

export class TemplateScope implements ResolveScope {
  readonly file: string;
  readonly parameters = new Map<string, CfnParameter>();
  readonly parameterValues = new Map<string, CfnParameterValue>();
  /** Resources after `Fn::ForEach` expansion, by logical ID. */
  readonly resources = new Map<string, ObjectEntry>();
  readonly notes: ScopeNote[] = [];
  private readonly conditionDefinitions = new Map<string, Value>();
  private readonly conditionValues = new Map<string, ConditionValue | "evaluating">();
  private readonly allowedValues = new WeakMap<UnknownValue, readonly string[]>();
  private readonly chains: DependencyChains;
  private readonly noteKeys = new Set<string>();
  private stepsLeft: number;
  /** The step budget of one resolution of this template. */
  readonly maxSteps: number;
  readonly maxForEachCopies: number;

  constructor(
    readonly raw: RawTemplate,
    given: ReadonlyMap<string, { value: Value; source: "given" | "parent" }>,
    readonly links: TemplateSetLinks,
  ) {
    this.file = raw.file;
    this.chains = links.chains ?? new DependencyChains();
    this.maxSteps = links.limits?.maxStepsPerTemplate ?? MAX_STEPS_PER_TEMPLATE;
    this.stepsLeft = this.maxSteps;
    this.maxForEachCopies = links.limits?.maxForEachCopies ?? MAX_FOREACH_COPIES;
    const declared = getValue(raw.root, "Parameters");
    if (declared?.kind === "object") {
      for (const entry of declared.entries) {
        const type = getValue(entry.value, "Type");
        const allowed = getValue(entry.value, "AllowedValues");
        const allowedTexts = allowed?.kind === "list" ? allowed.items.map(scalarText) : undefined;
        const parameter: CfnParameter = {
          name: entry.key,
          type: type?.kind === "string" ? type.value : "String",
          default: getValue(entry.value, "Default"),
          allowedValues: allowedTexts?.every((t) => t !== undefined) ? (allowedTexts as string[]) : undefined,
          range: entry.keyRange,
        };
        if (scalarText(getValue(entry.value, "NoEcho"))?.toLowerCase() === "true") parameter.noEcho = true;
        this.parameters.set(entry.key, parameter);
        const input = given.get(entry.key);
        const computed = parameterValue(parameter, input?.value);
        this.parameterValues.set(entry.key, { value: computed.value, source: input?.source ?? computed.source });
        const text = scalarText(input?.value);
        if (text !== undefined && parameter.allowedValues && !parameter.allowedValues.includes(text)) {
          this.note(
            `The value given for parameter ${entry.key} is not one of its AllowedValues; CloudFormation would reject it.`,
            entry.keyRange,
          );
        }
      }
    }
    const conditions = getValue(raw.root, "Conditions");
    if (conditions?.kind === "object")
      for (const entry of conditions.entries) this.conditionDefinitions.set(entry.key, entry.value);
    const resources = getValue(raw.root, "Resources");
    if (resources?.kind === "object") {
      for (const entry of expandForEach(resources.entries, this, (v) => this.resolve(v), {
        copies: this.maxForEachCopies,
        max: this.maxForEachCopies,
      }))
        this.resources.set(entry.key, entry);
    }
  }

  resolve(value: Value): Value | undefined {
    return resolveValue(value, this);
  }

  id(logicalId: string): string {
    return resourceId(this.file, logicalId);
  }

  typeOf(logicalId: string): string | undefined {
    const type = getValue(this.resources.get(logicalId)?.value, "Type");
    return type?.kind === "string" ? type.value : undefined;
  }

  // ResolveScope

  parameter(name: string, range: SourceRange | undefined): Value | undefined | null {
    if (name.startsWith("AWS::")) {
      const pseudo = pseudoParameter(name, this.links.target);
      if (pseudo === undefined) return undefined;
      if (pseudo !== null) return relocate(pseudo, range);
    }
    const parameter = this.parameterValues.get(name);
    if (!parameter) return null;
    const value = relocate(parameter.value, range);
    const allowed = this.parameters.get(name)?.allowedValues;
    if (value.kind === "unknown" && allowed) this.allowedValues.set(value, allowed);
    return value;
  }

  resourceRef(logicalId: string, range: SourceRange | undefined): Value | null {
    const type = this.typeOf(logicalId);
    if (type === undefined) return null;
    const returns = this.links.refIdentifier(type);
    const what = returns ? `its ${returns}` : "its physical ID";
    return unknown("COMPUTED", `Ref ${logicalId} returns ${what} (${type}), set when the stack is deployed.`, {
      refs: [{ resource: this.id(logicalId) }],
      range,
      identifier: GENERATED_ID_REFS.has(type),
    });
  }

  getAtt(logicalId: string, attribute: string, range: SourceRange | undefined): Value | null {
    const type = this.typeOf(logicalId);
    if (type === undefined) return null;
    if (type === "AWS::CloudFormation::Stack" && attribute.startsWith("Outputs.")) {
      const output = this.links.nestedStackOutput(this, logicalId, attribute.slice("Outputs.".length), range);
      if (output !== null) return output;
    }
    if (MIRRORED_ATTRIBUTES[type]?.includes(attribute)) {
      const mirrored = this.mirroredProperty(logicalId, attribute, range);
      if (mirrored !== undefined) return mirrored;
    }
    return unknown("COMPUTED", `${logicalId}.${attribute} is set by CloudFormation when the stack is deployed.`, {
      refs: [{ resource: this.id(logicalId), attribute }],
      range,
      identifier: type.startsWith("AWS::EC2::") && GENERATED_ID_ATTRIBUTES.has(attribute),
    });
  }

  /** A property an attribute mirrors, resolved once (`chains.ts`: a chain of them is linear and depth-bounded). */
  private mirroredProperty(logicalId: string, property: string, range: SourceRange | undefined): Value | undefined {
    const raw = getValue(getValue(this.resources.get(logicalId)?.value, "Properties"), property);
    if (raw === undefined) return undefined;
    const value = this.chains.get(`${this.file}#${logicalId}.${property}`, () => this.resolve(raw));
    return value === undefined || value === null ? undefined : relocate(value, range);
  }

  /** A chained value of this template set (an output, an export), computed once; null in a cycle. */
  chained(key: string, compute: () => Value | undefined): Value | undefined | null {
    return this.chains.get(key, compute);
  }

  condition(name: string): ConditionValue {
    const cached = this.conditionValues.get(name);
    if (cached === "evaluating") return unknown("UNSUPPORTED", `Condition ${name} depends on itself.`);
    if (cached !== undefined) return cached;
    const definition = this.conditionDefinitions.get(name);
    if (definition === undefined)
      return unknown("UNSUPPORTED", `Condition ${name} is not declared in the Conditions section.`);
    this.conditionValues.set(name, "evaluating");
    let value: ConditionValue;
    try {
      value = evaluateCondition(definition, {
        resolve: (v) => this.resolve(v),
        condition: (n) => this.condition(n),
        allowedValuesOf: (u) => this.allowedValues.get(u),
      });
    } catch (error) {
      // An attempt abandoned for a deferred chain link (`chains.ts`) is retried: nothing is cached.
      this.conditionValues.delete(name);
      throw error;
    }
    this.conditionValues.set(name, value);
    return value;
  }

  /**
   * This scope with some conditions taken as decided: derived conditions are
   * re-evaluated under that assumption, notes are not repeated (the template
   * was resolved once already), and steps come from a budget of their own
   * (`steps`), so that what-if resolutions never starve the template's.
   */
  assuming(decided: ReadonlyMap<string, boolean>, steps: { left: number }): ResolveScope {
    const values = new Map<string, ConditionValue | "evaluating">();
    const bound = new Map<string, Value>();
    // What a decided condition implies: `Fn::Not` of it, the operands of a true `Fn::And` (a false `Fn::Or`),
    // and `Fn::Equals [!Ref P, value]` holding binds P — so that `IsDev` true decides `IsProd` too.
    const imply = (expression: Value | undefined, holds: boolean, depth: number): void => {
      const only = expression?.kind === "object" && expression.entries.length === 1 ? expression.entries[0] : undefined;
      if (!only || depth > 50) return;
      const args = only.value.kind === "list" ? only.value.items : [];
      if (only.key === "Condition" && only.value.kind === "string") {
        if (values.has(only.value.value)) return;
        values.set(only.value.value, holds);
        imply(this.conditionDefinitions.get(only.value.value), holds, depth + 1);
      } else if (only.key === "Fn::Not" && args.length === 1) imply(args[0], !holds, depth + 1);
      else if ((only.key === "Fn::And" && holds) || (only.key === "Fn::Or" && !holds))
        for (const arg of args) imply(arg, holds, depth + 1);
      else if (only.key === "Fn::Equals" && holds && args.length === 2) {
        const [a, b] = args as [Value, Value];
        const name = (v: Value): string | undefined => {
          const ref =
            v.kind === "object" && v.entries.length === 1 && v.entries[0]!.key === "Ref"
              ? v.entries[0]!.value
              : undefined;
          return ref?.kind === "string" && this.parameters.has(ref.value) ? ref.value : undefined;
        };
        const [parameter, other] = name(a) ? [name(a)!, b] : name(b) ? [name(b)!, a] : [undefined, a];
        if (parameter && scalarText(other) !== undefined) bound.set(parameter, other);
      }
    };
    for (const [name, holds] of decided)
      imply({ kind: "object", entries: [{ key: "Condition", value: { kind: "string", value: name } }] }, holds, 0);
    const base = this;
    const assumed: ResolveScope = {
      parameter: (name, range) => {
        const value = bound.get(name);
        return value === undefined ? base.parameter(name, range) : relocate(value, range);
      },
      resourceRef: (logicalId, range) => base.resourceRef(logicalId, range),
      getAtt: (logicalId, attribute, range) => base.getAtt(logicalId, attribute, range),
      mapping: (name) => base.mapping(name),
      importValue: (exportName, range) => base.importValue(exportName, range),
      stackOutput: (request, range) => base.stackOutput(request, range),
      maxForEachCopies: base.maxForEachCopies,
      step: () => steps.left-- > 0,
      note: () => {},
      condition(name: string): ConditionValue {
        const cached = values.get(name);
        if (cached === "evaluating") return unknown("UNSUPPORTED", `Condition ${name} depends on itself.`);
        if (cached !== undefined) return cached;
        const definition = base.conditionDefinitions.get(name);
        if (definition === undefined) return base.condition(name);
        values.set(name, "evaluating");
        const value = evaluateCondition(definition, {
          resolve: (v) => resolveValue(v, assumed),
          condition: (n) => assumed.condition(n),
          allowedValuesOf: (u) => base.allowedValues.get(u),
        });
        values.set(name, value);
        return value;
      },
    };
    return assumed;
  }

  mapping(name: string): Value | undefined {
    return getValue(getValue(this.raw.root, "Mappings"), name);
  }

  importValue(exportName: string, range: SourceRange | undefined): Value {
    return this.links.importValue(exportName, range, this.file);
  }

  stackOutput(request: StackOutputRequest, range: SourceRange | undefined): Value {
    return this.links.stackOutput(request, range, this.file);
  }

  step(range?: SourceRange): boolean {
    if (this.stepsLeft-- > 0) return true;
    if (this.stepsLeft === -1)
      this.notes.push({
        message: `Evaluation stopped after ${this.maxSteps} steps (the max-steps-per-template limit) here: the values from here on were not evaluated and are Unknown, not missing; raise --max-steps-per-template (or max-steps-per-template in the configuration's limits)`,
        range,
        limit: "max-steps-per-template",
        incomplete: true,
      });
    return false;
  }

  /** True once the step budget is spent: what is left of the template is not evaluated. */
  get exhausted(): boolean {
    return this.stepsLeft < 0;
  }

  note(message: string, range: SourceRange | undefined, limit?: string): void {
    // An attempt retried after a deferred chain link (`chains.ts`) would say it again.
    const key = `${message}\u0000${range?.start.offset ?? ""}`;
    if (this.noteKeys.has(key)) return;
    this.noteKeys.add(key);
    this.notes.push(limit === undefined ? { message, range } : { message, range, limit });
  }

  private expandedOutputs: ObjectEntry[] | undefined;

  /** The raw `Outputs` entries, after `Fn::ForEach` expansion. */
  outputEntries(): ObjectEntry[] {
    if (!this.expandedOutputs) {
      const outputs = getValue(this.raw.root, "Outputs");
      this.expandedOutputs =
        outputs?.kind === "object"
          ? expandForEach(outputs.entries, this, (v) => this.resolve(v), {
              copies: this.maxForEachCopies,
              max: this.maxForEachCopies,
            })
          : [];
    }
    return this.expandedOutputs;
  }

  /** The raw `Outputs` entry named `name`. */
  outputEntry(name: string): ObjectEntry | undefined {
    return this.outputEntries().find((entry) => entry.key === name);
  }
}
