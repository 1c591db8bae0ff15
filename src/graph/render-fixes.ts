/**
 * Turns the fix intents findings carry into text edits, with the renderer of
 * the language the intent's resource is written in.
 */
import type { Finding } from "../core/finding.js";
import type { SourceRange } from "../core/range.js";
import type { CfnResource } from "../cloudformation/template.js";
import type { TerraformInstanceLike } from "./adapters/terraform.js";
import { renderTerraformFix, type TerraformFixScope } from "./adapters/terraform-fix.js";
import { renderCloudFormationFix } from "./adapters/cloudformation-fix.js";
import { terraformModuleUnit } from "./declared-in.js";

type Instance = TerraformInstanceLike & { file: string; range: SourceRange };

export function renderFixes(
  findings: Finding[],
  input: {
    terraform: readonly Instance[];
    cloudFormation: readonly CfnResource[];
    textOf: (file: string) => string | undefined;
  },
): void {
  if (!findings.some((f) => f.fixIntent)) return;
  const instances = new Map(input.terraform.map((i) => [i.id, i]));
  const resources = new Map(input.cloudFormation.map((r) => [r.id, r]));
  let modules: Map<string, Instance[]> | undefined;
  const scope: TerraformFixScope = {
    byId: (id) => instances.get(id),
    inModule(instance) {
      if (!modules) {
        modules = new Map();
        for (const i of input.terraform) {
          const unit = terraformModuleUnit(i);
          const list = modules.get(unit);
          if (list) list.push(i);
          else modules.set(unit, [i]);
        }
      }
      return modules.get(terraformModuleUnit(instance)) ?? [];
    },
    textOf: input.textOf,
  };
  for (const finding of findings) {
    const intent = finding.fixIntent;
    if (!intent) continue;
    delete finding.fixIntent;
    const instance = instances.get(intent.node);
    const resource = instance ? undefined : resources.get(intent.node);
    const file = instance?.file ?? resource?.file;
    const text = file === undefined ? undefined : input.textOf(file);
    if (file === undefined || text === undefined) continue;
    const source = { file, text };
    const fix = instance
      ? renderTerraformFix(intent, instance, source, scope)
      : renderCloudFormationFix(intent, resource!, source, (id) => resources.get(id));
    if (fix) finding.fix = fix;
  }
}
