/**
 * The sensitive values of a scan (README, "Security"), for `core/redact.ts`:
 * Terraform variables and outputs with `sensitive = true` (their defaults, and
 * the values tfvars files, `--var-file` and `--var` give them) and
 * CloudFormation parameters with `NoEcho: true` (their defaults and given
 * values). Only the files that mention `sensitive` are parsed again.
 */
import { parseHcl, renderHcl2Json } from "./hcl/index.js";
import { leafTexts } from "./core/redact.js";
import { toPlain } from "./core/value.js";
import type { CfnTemplate } from "./cloudformation/index.js";
import type { SourceRange } from "./core/range.js";

export interface SensitiveSources {
  terraform: readonly { path: string; text: string }[];
  templates: readonly CfnTemplate[];
  terraformVars?: Readonly<Record<string, string>>;
  terraformVarFiles?: readonly string[];
  cfnParameters?: Readonly<Record<string, string>>;
  readRelative(path: string): string | undefined;
}

const isVarFile = (path: string): boolean => /\.tfvars(\.json)?$/i.test(path);
/** Only files that mark something sensitive are parsed again (cheap pre-filter; the parse decides). */
const MENTIONS_SENSITIVE = /\bsensitive\s*=\s*true\b|"sensitive"\s*:\s*true\b/;

/** A Terraform file as JSON: `.tf.json` parsed, `.tf`/`.tfvars` through the HCL parser's hcl2json rendering. */
function asJson(path: string, text: string): Record<string, unknown> | undefined {
  try {
    if (path.toLowerCase().endsWith(".json")) {
      const parsed: unknown = JSON.parse(text);
      return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : undefined;
    }
    const outcome = renderHcl2Json(parseHcl(text, path), text);
    return outcome.ok ? (outcome.value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The bodies of the blocks of one type, whichever way hcl2json nests them (`{name: [body]}` or `{name: body}`). */
function blockBodies(json: Record<string, unknown>, type: string): [string, Record<string, unknown>][] {
  const blocks = json[type];
  const out: [string, Record<string, unknown>][] = [];
  const add = (name: string, body: unknown) => {
    if (Array.isArray(body)) for (const b of body) add(name, b);
    else if (body !== null && typeof body === "object") out.push([name, body as Record<string, unknown>]);
  };
  if (Array.isArray(blocks))
    for (const b of blocks)
      if (b && typeof b === "object") for (const [name, body] of Object.entries(b)) add(name, body);
  if (blocks && typeof blocks === "object" && !Array.isArray(blocks))
    for (const [name, body] of Object.entries(blocks)) add(name, body);
  return out;
}

const isTrue = (value: unknown): boolean => value === true || value === "true";

/**
 * A NoEcho parameter's value and where it flows: the definitions of the
 * resources (and outputs) of its own template that reference the parameter
 * (`Ref`, `!Ref`, `${Name}` in `Fn::Sub`), as [start, end) offsets in `file`.
 */
export interface ScopedSecret {
  value: string;
  file: string;
  spans: [number, number][];
}

export interface ScanSecrets {
  /** Replaced wherever they appear: Terraform's sensitive values. */
  everywhere: string[];
  /** Replaced only in what is about the places they flow to. */
  scoped: ScopedSecret[];
}

/** Every sensitive value, wherever it flows (for `debug` output, which shows one stage's values). */
export function sensitiveValues(sources: SensitiveSources): string[] {
  const { everywhere, scoped } = scanSecrets(sources);
  return [...everywhere, ...scoped.map((secret) => secret.value)];
}

export function scanSecrets(sources: SensitiveSources): ScanSecrets {
  const secrets: string[] = [];
  const scoped: ScopedSecret[] = [];
  const names = new Set<string>();
  for (const file of sources.terraform) {
    if (isVarFile(file.path) || !MENTIONS_SENSITIVE.test(file.text)) continue;
    const json = asJson(file.path, file.text);
    if (!json) continue;
    for (const [name, body] of blockBodies(json, "variable")) {
      if (!isTrue(body.sensitive)) continue;
      names.add(name);
      leafTexts(body.default, secrets);
    }
    for (const [, body] of blockBodies(json, "output")) {
      // An output's own text is an expression; only a literal value is itself a secret.
      if (isTrue(body.sensitive))
        for (const text of leafTexts(body.value, [])) if (!text.includes("${")) secrets.push(text);
    }
  }
  if (names.size > 0) {
    for (const [name, value] of Object.entries(sources.terraformVars ?? {})) if (names.has(name)) secrets.push(value);
    const varFiles = [...sources.terraform.filter((f) => isVarFile(f.path)).map((f) => [f.path, f.text] as const)];
    for (const path of sources.terraformVarFiles ?? []) {
      const text = sources.readRelative(path);
      if (text !== undefined) varFiles.push([path, text]);
    }
    for (const [path, text] of varFiles) {
      const json = asJson(path, text);
      if (json) for (const name of names) leafTexts(json[name], secrets);
    }
  }
  for (const template of sources.templates) {
    for (const parameter of template.parameters.values()) {
      if (!parameter.noEcho) continue;
      const values: string[] = [];
      if (parameter.default) leafTexts(toPlain(parameter.default), values);
      const value = template.parameterValues.get(parameter.name)?.value;
      if (value) leafTexts(toPlain(value), values);
      const given = sources.cfnParameters?.[parameter.name];
      if (given !== undefined) values.push(given, ...given.split(","));
      const spans = referencingSpans(template, parameter.name);
      if (spans.length === 0) continue; // referenced nowhere: its value reaches no output
      for (const text of new Set(values)) scoped.push({ value: text, file: template.file, spans });
    }
  }
  return { everywhere: secrets, scoped };
}

/** The definitions in a template that reference a parameter by name. */
function referencingSpans(template: CfnTemplate, name: string): [number, number][] {
  const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const reference = new RegExp(
    `(?:!Ref\\s+["']?${quoted}["']?(?![\\w.])|["']?Ref["']?\\s*:\\s*["']?${quoted}["']?(?![\\w.])|\\$\\{${quoted}\\})`,
  );
  const spans: [number, number][] = [];
  const ranges: (SourceRange | undefined)[] = [
    ...template.resources.map((resource) => resource.range),
    ...template.outputs.map((output) => output.value.range),
  ];
  for (const range of ranges) {
    if (!range) continue;
    const from = range.start.offset;
    const to = range.end.offset;
    if (reference.test(template.text.slice(from, to))) spans.push([from, to]);
  }
  return spans;
}
