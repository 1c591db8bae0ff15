/**
 * `data "terraform_remote_state"`: when its backend and config match the
 * `backend` block of another scanned root, its `outputs` are that root's
 * outputs (the network stack and the ML stack usually live apart: this is
 * how the ML stack's subnets become known). Otherwise `IMPORT`.
 *
 * Matching: same backend type, and every setting the two blocks share
 * (`bucket`, `key`, `prefix`, `organization`, …) equal — at least one shared.
 * The `local` backend compares state paths, each relative to its own root.
 */
import type { SourceRange } from "../core/range.js";
import type { Value } from "../core/value.js";
import { unknown } from "../core/value.js";
import { ExpressionError, withTopRange } from "./evaluate.js";
import type { InstanceNode } from "./instances.js";
import { joinPath, type ModuleInstance } from "./modules.js";
import { evaluateConstant } from "./variables.js";

const IGNORED_SETTINGS = new Set([
  "region",
  "profile",
  "role_arn",
  "encrypt",
  "dynamodb_table",
  "use_lockfile",
  "access_key",
  "secret_key",
  "token",
  "credentials",
  "endpoint",
  "endpoints",
  "assume_role",
  "hostname",
]);

function flatSettings(value: Value | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (value?.kind !== "object") return out;
  for (const e of value.entries) {
    if (IGNORED_SETTINGS.has(e.key)) continue;
    if (e.value.kind === "string" || e.value.kind === "number" || e.value.kind === "bool")
      out.set(e.key, String(e.value.value));
    if (e.value.kind === "object") for (const [k, v] of flatSettings(e.value)) out.set(`${e.key}.${k}`, v);
  }
  return out;
}

/** The root whose backend the remote state data source reads, if scanned. */
function matchingRoot(instance: InstanceNode): ModuleInstance | undefined | "unknown" {
  const backend = instance.configured("backend");
  const config = instance.configured("config");
  if (backend?.kind === "unknown" || config?.kind === "unknown") return "unknown";
  if (backend?.kind !== "string") return undefined;
  const wanted = flatSettings(config);
  const world = instance.resource.module.world;
  for (const root of world.roots.values()) {
    if (root === instance.resource.module && !root.parent) continue;
    const declared = root.config.backend;
    if (!declared) {
      if (backend.value !== "local") continue;
    } else if (declared.type !== backend.value && !(declared.type === "cloud" && backend.value === "remote")) continue;
    const have = new Map<string, string>();
    if (declared) {
      for (const attribute of declared.block.body.attributes) {
        try {
          const v = evaluateConstant(attribute.expr, attribute.src);
          for (const [k, s] of flatSettings({ kind: "object", entries: [{ key: attribute.name, value: v }] }))
            have.set(k, s);
        } catch (error) {
          if (!(error instanceof ExpressionError)) throw error;
        }
      }
      for (const nested of declared.block.body.blocks) {
        for (const attribute of nested.body.attributes) {
          try {
            const v = evaluateConstant(attribute.expr, attribute.src);
            if (v.kind === "string") have.set(`${nested.type}.${attribute.name}`, v.value);
          } catch (error) {
            if (!(error instanceof ExpressionError)) throw error;
          }
        }
      }
    }
    if (backend.value === "local") {
      const callerDir = instance.resource.module.rootDir;
      const wantedPath = joinPath(callerDir, wanted.get("path") ?? "terraform.tfstate");
      const havePath = joinPath(root.rootDir, have.get("path") ?? "terraform.tfstate");
      if (wantedPath !== undefined && wantedPath === havePath) return root;
      continue;
    }
    const shared = [...wanted.keys()].filter((k) => have.has(k));
    if (shared.length > 0 && shared.every((k) => wanted.get(k) === have.get(k))) return root;
  }
  return undefined;
}

function notFound(instance: InstanceNode, range: SourceRange, output?: string): Value {
  const what = `${instance.address}.outputs${output ? `.${output}` : ""}`;
  return unknown("IMPORT", `${what} is read from remote state that no scanned root writes.`, {
    refs: [{ resource: instance.id, attribute: "outputs" }],
    range,
  });
}

export function remoteStateOutputs(instance: InstanceNode, range: SourceRange): Value {
  const root = matchingRoot(instance);
  if (root === undefined || root === "unknown") return notFound(instance, range);
  return root.outputsObject(range);
}

export function remoteStateOutput(instance: InstanceNode, name: string, range: SourceRange): Value {
  const root = matchingRoot(instance);
  if (root === undefined || root === "unknown") return notFound(instance, range, name);
  if (!root.config.outputs.has(name))
    throw new ExpressionError(`the remote state of ${root.rootDir} has no output "${name}"`, range);
  return withTopRange(root.output(name, range), range);
}
