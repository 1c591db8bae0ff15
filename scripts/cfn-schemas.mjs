// Generates JSON Schemas for the CloudFormation resource types the rules read,
// from @aws-cdk/aws-service-spec (AWS's machine-readable resource spec), into
// schemas/cloudformation/. The output is committed and deterministic; a test
// checks it is up to date. Types the spec lacks have hand-written schemas in
// the same folder (marked by their "$comment"), which this script keeps.
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
  json: {},
  null: {},
};
const TAG = {
  type: "object",
  properties: { Key: SCALARS.string, Value: SCALARS.string },
  required: ["Key", "Value"],
  additionalProperties: false,
};

/*
 * The event sources of AWS::Serverless::StateMachine as the SAM developer
 * guide lists them, by `Type`. The spec has four of the five types, each with
 * a few of its properties, and matches `Properties` against any of them, so a
 * valid `ScheduleV2` event or a `Schedule` with a `Description` failed.
 * Nested objects (dead-letter, retry, target, auth settings) are not checked:
 * no rule reads them.
 */
const OBJECT = { type: "object" };
const SAM_STATE_MACHINE_EVENTS = {
  Api: {
    required: ["Method", "Path"],
    properties: {
      Auth: OBJECT,
      Method: SCALARS.string,
      Path: SCALARS.string,
      RestApiId: SCALARS.string,
      UnescapeMappingTemplate: SCALARS.boolean,
    },
  },
  CloudWatchEvent: {
    required: ["Pattern"],
    properties: {
      EventBusName: SCALARS.string,
      Input: SCALARS.string,
      InputPath: SCALARS.string,
      Pattern: SCALARS.json,
      State: SCALARS.string,
    },
  },
  EventBridgeRule: {
    required: ["Pattern"],
    properties: {
      DeadLetterConfig: OBJECT,
      EventBusName: SCALARS.string,
      Input: SCALARS.string,
      InputPath: SCALARS.string,
      InputTransformer: OBJECT,
      Pattern: SCALARS.json,
      RetryPolicy: OBJECT,
      RuleName: SCALARS.string,
      State: SCALARS.string,
      Target: OBJECT,
    },
  },
  Schedule: {
    required: ["Schedule"],
    properties: {
      DeadLetterConfig: OBJECT,
      Description: SCALARS.string,
      Enabled: SCALARS.boolean,
      Input: SCALARS.string,
      Name: SCALARS.string,
      RetryPolicy: OBJECT,
      RoleArn: SCALARS.string,
      Schedule: SCALARS.string,
      State: SCALARS.string,
      Target: OBJECT,
    },
  },
  ScheduleV2: {
    required: ["ScheduleExpression"],
    properties: {
      DeadLetterConfig: OBJECT,
      Description: SCALARS.string,
      EndDate: SCALARS["date-time"],
      FlexibleTimeWindow: OBJECT,
      GroupName: SCALARS.string,
      Input: SCALARS.string,
      KmsKeyArn: SCALARS.string,
      Name: SCALARS.string,
      OmitName: SCALARS.boolean,
      PermissionsBoundary: SCALARS.string,
      RetryPolicy: OBJECT,
      RoleArn: SCALARS.string,
      ScheduleExpression: SCALARS.string,
      ScheduleExpressionTimezone: SCALARS.string,
      StartDate: SCALARS["date-time"],
      State: SCALARS.string,
    },
  },
};

function samStateMachineEventSource(definitions) {
  for (const name of ["ApiEvent", "CloudWatchEventEvent", "EventBridgeRuleEvent", "ScheduleEvent"])
    delete definitions[name];
  const byType = Object.entries(SAM_STATE_MACHINE_EVENTS).map(([type, event]) => {
    definitions[`${type}Event`] = { type: "object", ...event, additionalProperties: false };
    return {
      if: { properties: { Type: { const: type } } },
      then: { properties: { Properties: { $ref: `#/definitions/${type}Event` } } },
    };
  });
  return {
    type: "object",
    properties: { Type: { enum: Object.keys(SAM_STATE_MACHINE_EVENTS) }, Properties: OBJECT },
    required: ["Properties", "Type"],
    additionalProperties: false,
    allOf: byType,
  };
}

/*
 * Known gaps of the spec, corrected so that SMBT018 reports no valid template:
 * SAM's policy documents need no `Version`, SAM has many more policy
 * templates (S3CrudPolicy, SQSPollerPolicy, …) than the spec lists, and its
 * event sources are as above.
 */
const CORRECTIONS = {
  "AWS::Serverless::StateMachine": (schema) => {
    if (schema.definitions.IAMPolicyDocument) schema.definitions.IAMPolicyDocument.required = ["Statement"];
    if (schema.definitions.SAMPolicyTemplate) schema.definitions.SAMPolicyTemplate.additionalProperties = true;
    if (schema.definitions.EventSource) schema.definitions.EventSource = samStateMachineEventSource(schema.definitions);
  },
};

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
  const types = [...(property.previousTypes ?? []), property.type];
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
  for (const type of RULE_TYPES) {
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
    CORRECTIONS[type]?.(schema);
    files[schemaFileName(type)] = JSON.stringify(sortKeys(schema), null, 1) + "\n";
    index.schemas[type] = schemaFileName(type);
  }
  for (const name of handWrittenFiles()) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), "utf8"));
    index.schemas[schema.title] = name;
  }
  index.schemas = sortKeys(index.schemas);
  index.refIdentifiers = sortKeys(index.refIdentifiers);
  files["index.json"] = JSON.stringify(index, null, 1) + "\n";
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
