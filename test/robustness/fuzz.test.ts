/**
 * The fixed-seed fuzz run of `npm test` (the long run is `npm run fuzz`):
 * mutated fixtures and generated Terraform expressions through every parser
 * and evaluator; the properties are in fuzz-targets.ts.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fuzzTarget, loadCorpus, TARGETS, type TargetName } from "./fuzz-targets.js";

const corpus = loadCorpus(path.resolve(import.meta.dirname, "../../fixtures"));

/** Inputs per target in `npm test`: about 15 s in all on a CI runner. */
const INPUTS: Record<TargetName, number> = {
  hcl: 3000,
  yaml: 1500,
  cloudformation: 800,
  terraform: 1500,
  "terraform-expressions": 1500,
  "rules-cloudformation": 800,
  "rules-terraform": 800,
  pipeline: 400,
};
const SEED = 20261128;

describe("fuzzing with a fixed seed", () => {
  it("has a corpus of fixtures", () => {
    expect(corpus.terraform.length).toBeGreaterThan(20);
    expect(corpus.cloudformation.length).toBeGreaterThan(20);
  });

  it.each(TARGETS)("%s: never throws, keeps ranges inside the input and stays under its counted bounds", (target) => {
    const run = fuzzTarget(target, corpus, SEED, INPUTS[target]);
    expect(run.failure).toBeUndefined();
    expect(run.inputs).toBe(INPUTS[target]);
  });
});
