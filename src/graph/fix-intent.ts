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
      /** The security group that gets a rule for all traffic from (ingress) or to (egress) its own members. */
      node: string;
      direction: "ingress" | "egress";
      /** The group already has inline rules (a new one goes beside them), or only standalone ones. */
      inline: boolean;
      description: string;
    }
  | {
      kind: "add-route-table";
      /** The endpoint node, and the route table node to add to its route tables. */
      node: string;
      routeTable: string;
      description: string;
    };
