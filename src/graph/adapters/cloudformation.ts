/** Maps CloudFormation resources onto graph nodes. */
import { getEntry, type ObjectValue } from "../../core/value.js";
import type { CfnResource } from "../../cloudformation/template.js";
import type { Attribute, GraphNode } from "../types.js";
import type { SourceNode } from "../build.js";

function attribute(properties: ObjectValue | undefined, key: string): Attribute | undefined {
  const entry = getEntry(properties, key);
  return entry ? { value: entry.value, keyRange: entry.keyRange } : undefined;
}

function objectAt(properties: ObjectValue | undefined, key: string): ObjectValue | undefined {
  const value = getEntry(properties, key)?.value;
  return value?.kind === "object" ? value : undefined;
}

export function cloudFormationNode(resource: CfnResource): SourceNode | undefined {
  const base = { id: resource.id, name: resource.logicalId, range: resource.headerRange, sourceType: resource.type };
  const properties = resource.properties;
  let node: GraphNode;
  switch (resource.type) {
    case "AWS::SageMaker::Model": {
      const vpcEntry = getEntry(properties, "VpcConfig");
      const vpc = vpcEntry?.value.kind === "object" ? vpcEntry.value : undefined;
      node = {
        ...base,
        kind: "model",
        modelName: attribute(properties, "ModelName"),
        vpcConfig: vpcEntry
          ? { keyRange: vpcEntry.keyRange, subnets: attribute(vpc, "Subnets"), securityGroupIds: attribute(vpc, "SecurityGroupIds") }
          : undefined,
      };
      // What `Ref` returns for this type is its primary identifier, the model's ARN.
      return { node, refYields: { "": "arn", ModelName: "name" } };
    }
    case "AWS::SageMaker::TransformJob":
      node = {
        ...base,
        kind: "transform-job",
        modelName: attribute(properties, "ModelName"),
        instanceCount: attribute(objectAt(properties, "TransformResources"), "InstanceCount"),
      };
      return { node, refYields: {} };
    default:
      return undefined;
  }
}
