/**
 * The normalized resource graph (DESIGN.md): provider-neutral nodes and typed
 * edges. Rules read only this; adapters in `adapters/` build it from Terraform
 * instances and CloudFormation resources.
 */
import type { SourceRange } from "../core/range.js";
import type { Value } from "../core/value.js";

/** A value as a rule sees it: the value and where the attribute holding it is written. */
export interface Attribute {
  value: Value;
  /** The attribute's (or property's) name, e.g. `vpc_config` / `VpcConfig`. */
  keyRange?: SourceRange;
}

interface NodeBase {
  /** Stable across runs: the source resource's id, or derived from it. */
  id: string;
  /** Display name: a Terraform address or a CloudFormation logical id. */
  name: string;
  /** The block header (Terraform) or logical-ID key (CloudFormation). */
  range: SourceRange;
  /** The source resource type (`aws_sagemaker_model`, `AWS::SageMaker::Model`), for messages only. */
  sourceType: string;
}

export interface ModelNode extends NodeBase {
  kind: "model";
  /** The model's name as jobs refer to it, when set in the configuration. */
  modelName?: Attribute;
  /** Absent when the model has no VPC configuration at all. */
  vpcConfig?: {
    keyRange?: SourceRange;
    subnets?: Attribute;
    securityGroupIds?: Attribute;
  };
}

export interface TransformJobNode extends NodeBase {
  kind: "transform-job";
  /** The `ModelName` the job runs. */
  modelName?: Attribute;
  instanceCount?: Attribute;
}

export type GraphNode = ModelNode | TransformJobNode;
export type NodeKind = GraphNode["kind"];

/**
 * How an edge was established: through a reference to the resource's name
 * attribute, through a reference that yields something else (CloudFormation
 * `Ref` to a model gives its ARN), or by matching a literal name (a fallback the
 * finding discloses).
 */
export type EdgeVia = "reference" | "reference-to-arn" | "literal-name";

export interface Edge {
  from: string;
  to: string;
  kind: "uses-model";
  via: EdgeVia;
  /** The value that established the edge. */
  range?: SourceRange;
}

export interface Graph {
  nodes: GraphNode[];
  edges: Edge[];
}
