/**
 * Suggested fixes as rules state them: intents in graph terms ("set network
 * isolation on model M", "add route table T to endpoint E"). Turning an intent
 * into Terraform, YAML or JSON text at an exact range is the job of the
 * per-language renderers beside each adapter (`adapters/*-fix.ts`).
 */
export type FixIntent =
  | {
      kind: "set-flag";
      /** The node whose source resource gets the attribute. */
      node: string;
      flag: "enableNetworkIsolation" | "enableDnsSupport" | "enableDnsHostnames" | "privateDnsEnabled";
      value: boolean;
      description: string;
    }
  | {
      kind: "add-self-rule";
      /** The security group that gets a rule for all traffic from (ingress) and/or to (egress) its own members. */
      node: string;
      /** One rule per direction, in this order. */
      directions: ("ingress" | "egress")[];
      /** The group already has inline rules (a new one goes beside them), or only standalone ones. */
      inline: boolean;
      /** The standalone rule resources of the group: a new one takes their form. */
      standaloneRules?: string[];
      description: string;
    }
  | {
      kind: "add-route-table";
      /** The endpoint node, and the route table node to add to its route tables. */
      node: string;
      routeTable: string;
      description: string;
    }
  | {
      kind: "set-vpc";
      /** The security group that moves to `vpc` (the VPC of the model's subnets). */
      node: string;
      vpc: string;
      description: string;
    }
  | {
      kind: "add-s3-https-egress";
      /** The security group that gets an egress rule for TCP 443 to the prefix list of S3 gateway endpoint `endpoint`. */
      node: string;
      endpoint: string;
      inline: boolean;
      standaloneRules?: string[];
      description: string;
    }
  | {
      kind: "add-s3-endpoint";
      /** The VPC that gets an S3 gateway endpoint on the route tables of the model's subnets. */
      node: string;
      routeTables: string[];
      /** Also the VPC's main route table, which has no node of its own in the source. */
      mainRouteTable: boolean;
      description: string;
    }
  | {
      kind: "add-vpc-config";
      /** The model that gets a VpcConfig. */
      node: string;
      /**
       * Where its subnets and groups come from: another model of the same
       * unit (its VpcConfig is copied as written), or these nodes.
       */
      source: { copyFrom: string } | { subnets: string[]; securityGroups: string[] };
      description: string;
    }
  | {
      kind: "grant-vpc-access";
      /** The execution role that gets an Allow of `actions` on `*`. */
      node: string;
      /** The refused VPC network-interface actions, in `VPC_ENI_ACTIONS` order. */
      actions: string[];
      /**
       * The role declares inline policies in its own block: in Terraform the
       * grant goes beside them (`inline_policy`), else in a standalone role
       * policy after the role. CloudFormation takes both forms on one role and
       * always gets a standalone `AWS::IAM::RolePolicy`.
       */
      inline: boolean;
      /** A policy name none of the role's inline policies uses. */
      policyName: string;
      description: string;
    };
