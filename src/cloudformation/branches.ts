/**
 * The branches of undecided `Fn::If`s, for schema validation (SMBT018).
 *
 * Resolution turns an `Fn::If` on an undecided condition into an Unknown,
 * which satisfies any schema: without this, a typo inside either branch would
 * never be reported. Each such `Fn::If` gets one resolution of the resource's
 * `Properties` per branch, with its condition (and the conditions of the
 * `Fn::If`s around it) taken as decided and every other condition left as it
 * is — not the product of every combination, which grows exponentially. The
 * branch's values keep their own ranges, so an error in a branch is reported
 * in that branch.
 */
import { getValue, type Value } from "../core/value.js";
import { isIntrinsicCall, resolveValue } from "./intrinsics.js";
import type { TemplateScope } from "./scope.js";

/** `Properties` resolved with some conditions taken as decided. */
export interface BranchVariant {
  /** The conditions taken as decided, outermost first. */
  assumed: readonly (readonly [name: string, value: boolean])[];
  /** The resolved `Properties`; undefined for `AWS::NoValue`. */
  properties: Value | undefined;
}

/** Branch resolutions one resource may take: a counted bound, beyond which branches are left Unknown. */
export const MAX_BRANCH_VARIANTS = 64;

/**
 * One variant per branch of each undecided `Fn::If` in a resource's
 * `Properties`, skipping branches under which the resource itself is not
 * created. `steps` is the budget all of a template's variants share.
 */
export function branchVariants(scope: TemplateScope, logicalId: string, steps: { left: number }): BranchVariant[] {
  const definition = scope.resources.get(logicalId)?.value;
  const raw = getValue(definition, "Properties");
  if (raw === undefined) return [];
  const ownCondition = getValue(definition, "Condition");
  const assumptions: (readonly [string, boolean])[][] = [];
  const seen = new Set<string>();
  const visit = (value: Value, around: readonly (readonly [string, boolean])[]): void => {
    if (assumptions.length >= MAX_BRANCH_VARIANTS) return;
    if (value.kind === "list") {
      for (const item of value.items) visit(item, around);
      return;
    }
    if (value.kind !== "object") return;
    const call = isIntrinsicCall(value) ? value.entries[0] : undefined;
    const args = call?.key === "Fn::If" && call.value.kind === "list" ? call.value.items : undefined;
    const first = args?.length === 3 ? args[0] : undefined;
    if (args && first?.kind === "string") {
      const name = first.value;
      const decided = scope.condition(name);
      for (const [branch, holds] of [
        [args[1]!, true],
        [args[2]!, false],
      ] as const) {
        if (typeof decided === "boolean") {
          if (decided === holds) visit(branch, around);
          continue;
        }
        // Under an `Fn::If` on the same condition, only the branch it already took is reachable.
        const outer = around.find(([n]) => n === name);
        if (outer) {
          if (outer[1] === holds) visit(branch, around);
          continue;
        }
        const assumed = [...around, [name, holds] as const];
        const key = JSON.stringify(assumed);
        if (!seen.has(key)) {
          seen.add(key);
          assumptions.push(assumed);
        }
        visit(branch, assumed);
      }
      return;
    }
    for (const entry of value.entries) visit(entry.value, around);
  };
  visit(raw, []);
  const variants: BranchVariant[] = [];
  for (const assumed of assumptions.slice(0, MAX_BRANCH_VARIANTS)) {
    const what = scope.assuming(new Map(assumed), steps);
    if (ownCondition?.kind === "string" && what.condition(ownCondition.value) === false) continue;
    variants.push({ assumed, properties: resolveValue(raw, what) });
  }
  return variants;
}
