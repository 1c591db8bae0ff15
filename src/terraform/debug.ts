/**
 * `sagemaker-vpc-guard debug terraform PATH`: the evaluated instances as JSON,
 * Unknowns as `{"$unknown": CODE, "detail", "refs": ["<address>.<attribute>"]}`.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import type { ResourceRef } from "../core/value.js";
import { toDebugJson } from "../core/value.js";
import { UsageError } from "../core/errors.js";
import { discover } from "../discover/discover.js";
import { listInsideRoot, readInsideRoot } from "../discover/read.js";
import { loadTerraform, type TerraformResult } from "./index.js";
import { Redactor } from "../core/redact.js";
import { sensitiveValues } from "../sensitive.js";
import { isPlanJson } from "./plan.js";
import { policyDocumentValue } from "./data-sources/iam-policy-document.js";

export function renderDebugTerraform(result: Pick<TerraformResult, "instances">): string {
  const addresses = new Map(result.instances.map((i) => [i.id, i.address]));
  const refName = (ref: ResourceRef): string => {
    const address = addresses.get(ref.resource) ?? ref.resource.slice(ref.resource.indexOf(":") + 1);
    return ref.attribute === undefined ? address : `${address}.${ref.attribute}`;
  };
  const instances = result.instances.map((i) => {
    const out: Record<string, unknown> = {
      root: i.root,
      address: i.address,
      type: i.type,
      file: i.file,
      line: i.headerRange.start.line,
      attributes: toDebugJson(i.attributes, refName),
    };
    if (i.expansion === "unknown") out.expansion = "unknown";
    if (i.mode === "data" && i.type === "aws_iam_policy_document") {
      // The document its `json` encodes: known structure, Unknown leaves where a part is not known.
      const document = policyDocumentValue(i.attributes);
      if (typeof document !== "string") out.json = toDebugJson(document, refName);
    }
    return out;
  });
  return `${JSON.stringify({ instances }, null, 2)}\n`;
}

export const TERRAFORM_DEBUG_USAGE = `Usage: sagemaker-vpc-guard debug terraform PATH... [options]

Prints the resource instances Terraform would plan, with every attribute evaluated:
{"instances": [{root, address, type, file, line, attributes, expansion?, json?}]}.
Unknowns print as {"$unknown": CODE, "detail", "refs": ["<address>.<attribute>"], "prefix"?, "suffix"?, "every"?}.
"expansion": "unknown" marks one symbolic instance standing for every instance of a count/for_each
that is not known statically ("every": what holds for each element of a collection of unknown length).
An aws_iam_policy_document also shows "json": the document it encodes, Unknown only where a part is.

Options:
  --root DIR          the scan root (default: .)
  --var NAME=VALUE    a root variable value (repeatable)
  --var-file FILE     a variables file, relative to the root (repeatable)
`;

export async function runTerraformDebug(
  args: string[],
  io: { stdout(t: string): void; stderr(t: string): void; cwd: string },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      root: { type: "string" },
      var: { type: "string", multiple: true },
      "var-file": { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(TERRAFORM_DEBUG_USAGE);
    return 0;
  }
  const root = path.resolve(io.cwd, values.root ?? ".");
  const paths = (positionals.length > 0 ? positionals : ["."]).map((p) => path.resolve(io.cwd, p));
  const discovery = discover(root, paths);
  const files: { path: string; text: string }[] = [];
  for (const file of discovery.files) {
    const text = readInsideRoot(root, file.path);
    if (text === undefined) continue;
    if (file.kind === "terraform" || (file.path.endsWith(".json") && isPlanJson(text)))
      files.push({ path: file.path, text });
  }
  const vars = parseVarFlags(values.var ?? []);
  const varFiles = (values["var-file"] ?? []).map((f) =>
    path.relative(root, path.resolve(io.cwd, f)).split(path.sep).join("/"),
  );
  const result = loadTerraform(files, {
    root,
    vars,
    varFiles,
    readFile: (p) => readInsideRoot(root, p),
    listDir: (p) => listInsideRoot(root, p),
  });
  // Values of sensitive variables are printed as "(sensitive)" here too (README, Security).
  const redactor = new Redactor(
    sensitiveValues({
      terraform: files,
      templates: [],
      terraformVars: vars,
      terraformVarFiles: varFiles,
      readRelative: (p) => readInsideRoot(root, p),
    }),
  );
  for (const d of result.diagnostics)
    io.stderr(
      redactor.text(
        `${d.range.file}:${d.range.start.line}:${d.range.start.column}: ${d.summary}${d.detail ? `: ${d.detail}` : ""}\n`,
      ),
    );
  for (const n of result.notes) io.stderr(redactor.text(`${n.path}: note: ${n.message}\n`));
  const rendered = renderDebugTerraform(result);
  io.stdout(
    redactor.empty
      ? rendered
      : `${JSON.stringify(JSON.parse(rendered), (_, value: unknown) => (typeof value === "string" ? redactor.text(value) : value), 2)}\n`,
  );
  return result.diagnostics.length > 0 ? 1 : 0;
}

/** `--var name=value` flags as a record; a flag without `=` is a usage error. */
export function parseVarFlags(flags: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const flag of flags) {
    const eq = flag.indexOf("=");
    if (eq <= 0) throw new UsageError(`--var needs NAME=VALUE (got ${JSON.stringify(flag)})`);
    out[flag.slice(0, eq).trim()] = flag.slice(eq + 1);
  }
  return out;
}
