/**
 * A known value read from another resource's configured attribute
 * (`aws_sagemaker_model.churn.name`) still links by that reference, not by
 * matching the literal name.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/scan.js";
import { FIXTURES } from "../helpers/scan.js";

describe("links through configured attributes", () => {
  it("links a Step Functions task to the model it names by reference", () => {
    const root = path.join(FIXTURES, "stacks/terraform-complete");
    const { graph } = scan({ root, paths: [root] });
    expect(graph.graph.edges.filter((e) => e.kind === "uses-model").map((e) => [e.from, e.to, e.via])).toEqual([
      [".:aws_sfn_state_machine.nightly_scoring#Score", ".:aws_sagemaker_model.churn", "reference"],
    ]);
  });
});
