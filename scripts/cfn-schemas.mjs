// Generates JSON Schemas for the CloudFormation resource types the rules read
// into schemas/cloudformation/, from:
// - @aws-cdk/aws-service-spec (AWS's machine-readable resource spec): the
//   properties, their types and which are required;
// - schemas/sources/cloudformation-registry.json (AWS's CloudFormation
//   registry schemas, as cfn-lint ships them): allowed values, list lengths
//   and number ranges, which the spec does not carry;
// - schemas/sources/aws-sam-translator.json (AWS's SAM specification, as
//   aws-sam-translator generates it): the SAM resource types.
// The sources are refreshed by scripts/cfn-schema-sources.mjs (Python). The
// output is committed and deterministic; a test checks it is up to date.
// Types the spec lacks have hand-written schemas in the same folder (marked
// by their "$comment"), which this script keeps.
//
//   node scripts/cfn-schemas.mjs          write the schemas
//   generateSchemas()                     the files, as {name: text}, for the freshness test
import { readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SCHEMA_DIR = path.join(root, "schemas/cloudformation");
export const HAND_WRITTEN_MARK = "hand-written from AWS documentation";
const SOURCES_DIR = path.join(root, "schemas/sources");
const readSource = (name) => JSON.parse(readFileSync(path.join(SOURCES_DIR, name), "utf8"));

/** The resource types the rules read (RULES.md); each gets a schema. */
export const RULE_TYPES = [
  "AWS::SageMaker::Model",
  "AWS::SageMaker::Pipeline",
  "AWS::SageMaker::TransformJob",
  "AWS::EC2::VPC",
  "AWS::EC2::Subnet",
  "AWS::EC2::RouteTable",
  "AWS::EC2::Route",
  "AWS::EC2::SubnetRouteTableAssociation",
  "AWS::EC2::SubnetNetworkAclAssociation",
  "AWS::EC2::VPCEndpoint",
  "AWS::EC2::SecurityGroup",
  "AWS::EC2::SecurityGroupIngress",
  "AWS::EC2::SecurityGroupEgress",
  "AWS::EC2::NatGateway",
  "AWS::EC2::InternetGateway",
  "AWS::EC2::NetworkAcl",
  "AWS::EC2::NetworkAclEntry",
  "AWS::EC2::DHCPOptions",
  "AWS::EC2::VPCDHCPOptionsAssociation",
  "AWS::IAM::Role",
  "AWS::IAM::Policy",
  "AWS::IAM::ManagedPolicy",
  "AWS::IAM::RolePolicy",
  "AWS::S3::Bucket",
  "AWS::S3::BucketPolicy",
  "AWS::StepFunctions::StateMachine",
  "AWS::Serverless::StateMachine",
  "AWS::Scheduler::Schedule",
];

export const schemaFileName = (type) => `${type.replaceAll("::", "__")}.json`;

/*
 * CloudFormation converts scalars: a string property accepts a number or a
 * boolean, and number and boolean properties accept their string forms
 * ("5", "true"). The schemas accept what CloudFormation accepts, so that
 * SMBT018 reports only what would really fail or be ignored.
 */
const SCALARS = {
  string: { type: ["string", "number", "boolean"] },
  "date-time": { type: ["string", "number"] },
  number: { type: ["number", "string"], pattern: "^\\s*[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$" },
  integer: { type: ["integer", "string"], pattern: "^\\s*[-+]?[0-9]+\\s*$" },
  boolean: { type: ["boolean", "string"], enum: [true, false, "true", "false", "True", "False", "TRUE", "FALSE"] },
  // A JSON document: CloudFormation takes an object or its text (the registry schemas say so too).
  json: { type: ["object", "string"] },
  null: {},
};
const TAG = {
  type: "object",
  properties: { Key: SCALARS.string, Value: SCALARS.string },
  required: ["Key", "Value"],
  additionalProperties: false,
};

/*
 * Constraints from the registry schemas: a property's allowed values, list
 * length and number range, copied onto the spec's schema at the same place
 * (the same property of the same-named definition). Where the two disagree on
 * the shape (a union, a map), nothing is copied.
 */
function withConstraints(generated, registry) {
  if (!registry) return generated;
  // A copy without shared parts: the spec's scalar schemas are shared objects.
  const schema = JSON.parse(JSON.stringify(generated));
  const deref = (node) => {
    for (let i = 0; node?.$ref && i < 10; i++) node = registry.definitions?.[node.$ref.split("/").pop()];
    return node;
  };
  const types = (node) => [].concat(node?.type ?? []);
  const visited = new Set();
  const overlay = (ours, theirs) => {
    theirs = deref(theirs);
    // A definition of ours that the registry writes in place (or under another name) gets its constraints once.
    if (ours?.$ref) {
      const name = ours.$ref.split("/").pop();
      if (visited.has(name) || name === "Tag") return;
      visited.add(name);
      ours = schema.definitions?.[name];
    }
    if (!ours || !theirs || ours.anyOf || theirs.anyOf || theirs.oneOf) return;
    if (types(ours).includes("array") && types(theirs).includes("array")) {
      for (const key of ["minItems", "maxItems"]) if (theirs[key] !== undefined) ours[key] = theirs[key];
      overlay(ours.items, theirs.items);
    } else if (ours.properties && theirs.properties) {
      for (const [name, property] of Object.entries(ours.properties)) overlay(property, theirs.properties[name]);
    } else if (types(ours).some((t) => t === "number" || t === "integer") && !types(ours).includes("boolean")) {
      for (const key of ["minimum", "maximum"]) if (typeof theirs[key] === "number") ours[key] = theirs[key];
    } else if (types(ours)[0] === "string" && theirs.enum?.every((v) => typeof v === "string")) {
      ours.enum = theirs.enum;
    }
  };
  for (const [name, definition] of Object.entries(schema.definitions ?? {}))
    if (name !== "Tag" && registry.definitions?.[name]) {
      visited.add(name);
      overlay(definition, registry.definitions[name]);
    }
  overlay(schema, registry);
  return schema;
}

/*
 * A SAM resource type's schema, from the translator's: its `Properties`
 * definition is the root. The translator's own keywords are turned into ours:
 * scalar types accept CloudFormation's conversions; a pass-through property
 * (any value to the translator) gets the schema of the CloudFormation
 * property the translator passes it to, when that type's schema is generated
 * here; event sources (a union of one object per `Type`) are chosen by their
 * `Type`, so that a wrong event property is reported as that, not as "none of
 * the alternatives".
 */
function samSchema(type, sam, generated) {
  const definitions = structuredClone(sam.definitions);
  const extra = {};
  const passedTo = ([cfnType, property]) => {
    const target = generated[cfnType];
    const schema = target?.properties?.[property];
    if (!schema) return undefined;
    // The target's definitions come along, under their own names, where they do not clash with the translator's.
    const names = new Set();
    const collect = (node) => {
      if (Array.isArray(node)) return node.forEach(collect);
      if (!node || typeof node !== "object") return;
      if (node.$ref) {
        const name = node.$ref.split("/").pop();
        if (!names.has(name)) {
          names.add(name);
          collect(target.definitions[name]);
        }
      }
      Object.values(node).forEach(collect);
    };
    collect(schema);
    if ([...names].some((name) => name in definitions)) return undefined;
    for (const name of names) extra[name] = target.definitions[name];
    return structuredClone(schema);
  };
  const convert = (node) => {
    if (Array.isArray(node)) return node.map(convert);
    if (!node || typeof node !== "object") return node;
    const isPassThrough = (alternative) => alternative?.$ref === "#/definitions/PassThroughProp";
    if (node["x-passedTo"]) {
      const target = passedTo(node["x-passedTo"]);
      // `{allOf: [PassThroughProp]}` is the pass-through; `{anyOf: [string, PassThroughProp]}` has it as one alternative.
      if (target && (isPassThrough(node) || (node.allOf?.length === 1 && isPassThrough(node.allOf[0])))) return target;
      if (target && node.anyOf?.some(isPassThrough))
        node = { ...node, anyOf: node.anyOf.map((a) => (isPassThrough(a) ? target : a)) };
    }
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "x-passedTo") continue;
      out[key] =
        key === "properties"
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]))
          : convert(value);
    }
    const onlyType = Object.keys(out).length === 1 && typeof out.type === "string";
    if (onlyType && SCALARS[out.type]) return SCALARS[out.type];
    const events = out.additionalProperties?.anyOf;
    if (events?.length && events.every((e) => eventType(definitions, e))) {
      out.additionalProperties = eventSource(definitions, events);
    }
    return out;
  };
  const root = convert(definitions.Properties);
  const converted = {};
  for (const [name, definition] of Object.entries(definitions))
    if (name !== "Properties") converted[name] = convert(definition);
  return {
    $comment: `generated from aws-sam-translator ${sam.version} by scripts/cfn-schemas.mjs; do not edit`,
    title: type,
    ...root,
    definitions: { ...converted, ...extra },
  };
}

/** The `Type` of an event-source alternative (`{Type: {enum: [name]}, Properties: …}`), if it is one. */
function eventType(definitions, alternative) {
  const event = alternative.$ref ? definitions[alternative.$ref.split("/").pop()] : alternative;
  const names = event?.properties?.Type?.enum;
  return names?.length === 1 && event.properties.Properties ? names[0] : undefined;
}

function eventSource(definitions, alternatives) {
  const byType = alternatives.map((alternative) => {
    const event = definitions[alternative.$ref.split("/").pop()];
    const properties = event.properties.Properties.allOf?.[0] ?? event.properties.Properties;
    return {
      if: { properties: { Type: { const: eventType(definitions, alternative) } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords
      then: { properties: { Properties: properties } },
    };
  });
  return {
    type: "object",
    properties: {
      Type: { enum: alternatives.map((a) => eventType(definitions, a)).sort() },
      Properties: { type: "object" },
    },
    required: ["Properties", "Type"],
    additionalProperties: false,
    allOf: byType,
  };
}

function propertyTypeSchema(type, db) {
  switch (type.type) {
    case "array":
      return { type: "array", items: propertyTypeSchema(type.element, db) };
    case "map":
      return { type: "object", additionalProperties: propertyTypeSchema(type.element, db) };
    case "ref":
      return { $ref: `#/definitions/${db.get("typeDefinition", type.reference.$ref).name}` };
    case "tag":
      return { $ref: "#/definitions/Tag" };
    case "union":
      return { anyOf: type.types.map((t) => propertyTypeSchema(t, db)) };
    default:
      return SCALARS[type.type] ?? {};
  }
}

/** A property's schema; a type the spec lists as previous stays accepted, as CloudFormation still takes it. */
function propertySchema(property, db) {
  // A previous `json` type is the spec's older, vaguer word for what is now a typed object, not another accepted form.
  const previous = (property.previousTypes ?? []).filter((t) => !(t.type === "json" && property.type.type === "ref"));
  const types = [...previous, property.type];
  const schemas = types.map((t) => propertyTypeSchema(t, db));
  const unique = schemas.filter((s, i) => schemas.findIndex((o) => JSON.stringify(o) === JSON.stringify(s)) === i);
  return unique.length === 1 ? unique[0] : { anyOf: unique };
}

function objectSchema(properties, db) {
  const names = Object.keys(properties)
    .filter((name) => properties[name].deprecated !== "IGNORE")
    .sort();
  const schema = { type: "object", properties: {}, additionalProperties: false };
  for (const name of names) schema.properties[name] = propertySchema(properties[name], db);
  const required = names.filter((name) => properties[name].required);
  if (required.length > 0) schema.required = required;
  return schema;
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

export async function generateSchemas() {
  const require = createRequire(import.meta.url);
  const { loadAwsServiceSpec } = await import("@aws-cdk/aws-service-spec");
  const specVersion = require("@aws-cdk/aws-service-spec/package.json").version;
  const db = await loadAwsServiceSpec();
  const files = {};
  const index = {
    $comment: `generated from @aws-cdk/aws-service-spec ${specVersion} by scripts/cfn-schemas.mjs; do not edit`,
    schemas: {},
    refIdentifiers: {},
  };

  for (const resource of db.all("resource")) {
    const identifier = resource.cfnRefIdentifier ?? resource.primaryIdentifier;
    if (identifier?.length) index.refIdentifiers[resource.cloudFormationType] = identifier.join("|");
  }
  const registry = readSource("cloudformation-registry.json");
  const sam = readSource("aws-sam-translator.json");
  const generated = {};
  for (const type of RULE_TYPES) {
    if (sam.types[type]) continue;
    const [resource] = db.lookup("resource", "cloudFormationType", "equals", type);
    if (!resource) continue; // hand-written (see HAND_WRITTEN_MARK)
    const definitions = { Tag: TAG };
    for (const { entity } of db.follow("usesType", resource))
      definitions[entity.name] = objectSchema(entity.properties, db);
    const schema = {
      $comment: `generated from @aws-cdk/aws-service-spec ${specVersion} by scripts/cfn-schemas.mjs; do not edit`,
      title: type,
      ...objectSchema(resource.properties, db),
      definitions,
    };
    generated[type] = withConstraints(schema, registry.types[type]);
  }
  for (const [type, source] of Object.entries(sam.types))
    generated[type] = samSchema(type, { version: sam.version, ...source }, generated);
  for (const [type, schema] of Object.entries(generated)) {
    files[schemaFileName(type)] = `${JSON.stringify(sortKeys(schema), null, 1)}\n`;
    index.schemas[type] = schemaFileName(type);
  }
  for (const name of handWrittenFiles()) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), "utf8"));
    index.schemas[schema.title] = name;
  }
  index.schemas = sortKeys(index.schemas);
  index.refIdentifiers = sortKeys(index.refIdentifiers);
  files["index.json"] = `${JSON.stringify(index, null, 1)}\n`;
  return files;
}

function handWrittenFiles() {
  return readdirSync(SCHEMA_DIR)
    .filter((name) => name.endsWith(".json") && name !== "index.json")
    .filter((name) => readFileSync(path.join(SCHEMA_DIR, name), "utf8").includes(HAND_WRITTEN_MARK))
    .sort();
}

export async function writeSchemas() {
  mkdirSync(SCHEMA_DIR, { recursive: true });
  const keep = new Set(handWrittenFiles());
  const files = await generateSchemas();
  for (const name of readdirSync(SCHEMA_DIR))
    if (!keep.has(name) && !(name in files)) rmSync(path.join(SCHEMA_DIR, name));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(SCHEMA_DIR, name), text);
  return Object.keys(files).length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const count = await writeSchemas();
  console.log(`wrote ${count} files to ${path.relative(root, SCHEMA_DIR)}`);
}
