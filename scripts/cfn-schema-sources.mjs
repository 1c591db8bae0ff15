// Refreshes the two inputs of scripts/cfn-schemas.mjs that come from Python
// packages rather than npm, into schemas/sources/ (committed, so that
// generating the schemas, and its freshness test, needs Node only):
//
// - aws-sam-translator.json: AWS's SAM specification for the SAM resource
//   types the rules read, as the aws-sam-translator package generates it
//   offline (the `get_schema(SamModel)` that
//   `python3 -m samtranslator.internal.schema_source.schema` writes as its
//   --sam-schema output), cut to those types' definitions. A pass-through
//   property (`PassThroughProp`, any value) is annotated with the
//   CloudFormation property the translator documents it is "passed directly
//   to", so the generator can give it that property's schema; a property the
//   SAM guide documents as "*Required*: Yes" is required.
// - cloudformation-registry.json: the constraints (allowed values, list
//   lengths, number ranges) of AWS's CloudFormation registry schemas for the
//   resource types the rules read, from the copy (us-east-1) that cfn-lint
//   ships. @aws-cdk/aws-service-spec, the generator's main source, has no
//   constraints.
//
//   node scripts/cfn-schema-sources.mjs     needs python3 with cfn-lint (which brings aws-sam-translator)
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RULE_TYPES } from "./cfn-schemas.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SOURCES_DIR = path.join(root, "schemas/sources");

/** SAM resource types whose schema comes from the translator, and the module that defines each. */
const SAM_TYPES = { "AWS::Serverless::StateMachine": "aws_serverless_statemachine" };

const PYTHON = String.raw`
import json, os, re, sys
import cfnlint, samtranslator
from cfnlint.version import __version__ as cfnlint_version
from cfnlint.data.schemas.providers import us_east_1
from samtranslator.internal.schema_source.schema import SamModel, get_schema

rule_types, sam_types = json.loads(sys.argv[1]), json.loads(sys.argv[2])
PASSED = re.compile(r"passed directly to the \x60?\[\s*\x60?(\w+)\x60?\]\([^)]*\)\x60? property of an? \x60(AWS::\w+::\w+)\x60 resource")

def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref": yield value.split("/")[-1]
            else: yield from refs(value)
    elif isinstance(node, list):
        for value in node: yield from refs(value)

def strip(node, prefix):
    if isinstance(node, list): return [strip(v, prefix) for v in node]
    if not isinstance(node, dict): return node
    out = {}
    for key, value in node.items():
        if key in ("markdownDescription", "title", "description", "__samPassThrough"): continue
        if key == "$ref": value = value.replace(prefix, "")
        out[key] = strip(value, prefix)
    # The SAM guide's "*Required*: Yes", which the generated schema does not always carry as "required".
    documented = [name for name, value in (node.get("properties") or {}).items()
                  if isinstance(value, dict) and "*Required*: Yes" in value.get("markdownDescription", "")]
    if documented: out["required"] = sorted(set(out.get("required", [])) | set(documented))
    if "PassThroughProp" in json.dumps(out) and isinstance(node.get("markdownDescription"), str):
        found = PASSED.search(node["markdownDescription"])
        if found: out["x-passedTo"] = [found.group(2), found.group(1)]
    return out

sam_schema = get_schema(SamModel)["definitions"]
sam = {"version": samtranslator.__version__, "types": {}}
for type_name, module in sam_types.items():
    prefix = "samtranslator__internal__schema_source__%s__" % module
    names, todo = set(), [prefix + "Properties"]
    while todo:
        name = todo.pop()
        if name in names: continue
        names.add(name); todo.extend(refs(sam_schema[name]))
    sam["types"][type_name] = {"definitions": {n.replace(prefix, ""): strip(sam_schema[n], prefix) for n in sorted(names)}}

KEEP = {"type", "properties", "definitions", "items", "$ref", "enum", "minItems", "maxItems", "minimum", "maximum"}
def prune(node):
    if isinstance(node, list): return [prune(v) for v in node]
    if not isinstance(node, dict): return node
    out = {}
    for key, value in node.items():
        if key in ("properties", "definitions"): out[key] = {name: prune(v) for name, v in value.items()}
        elif key in ("enum", "type", "$ref", "minItems", "maxItems", "minimum", "maximum"): out[key] = value
        elif key in KEEP or key in ("anyOf", "oneOf"): out[key] = prune(value)
    return out

resources = os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas", "resources")
registry = {"cfnLintVersion": cfnlint_version, "region": "us-east-1", "types": {}}
for type_name in rule_types:
    digest = us_east_1.types.get(type_name)
    if digest:
        with open(os.path.join(resources, digest + ".json")) as f: registry["types"][type_name] = prune(json.load(f))
print(json.dumps({"sam": sam, "registry": registry}))
`;

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = execFileSync("python3", ["-c", PYTHON, JSON.stringify(RULE_TYPES), JSON.stringify(SAM_TYPES)], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const { sam, registry } = JSON.parse(out);
  mkdirSync(SOURCES_DIR, { recursive: true });
  const write = (name, comment, data) =>
    writeFileSync(
      path.join(SOURCES_DIR, name),
      `${JSON.stringify(sortKeys({ $comment: comment, ...data }), null, 1)}\n`,
    );
  write(
    "aws-sam-translator.json",
    `generated from aws-sam-translator ${sam.version} by scripts/cfn-schema-sources.mjs; do not edit`,
    sam,
  );
  write(
    "cloudformation-registry.json",
    `constraints of the CloudFormation registry schemas (${registry.region}) shipped with cfn-lint ${registry.cfnLintVersion}, by scripts/cfn-schema-sources.mjs; do not edit`,
    registry,
  );
  console.log(
    `wrote aws-sam-translator ${sam.version} and cfn-lint ${registry.cfnLintVersion} sources to schemas/sources`,
  );
}
