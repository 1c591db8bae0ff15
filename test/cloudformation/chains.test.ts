/**
 * Chains of values defined by one another (issue 19): mirrored attributes,
 * nested stack outputs and exports are computed once each and never recurse
 * deeper than MAX_CHAIN_DEPTH links, so a chain of N links takes steps linear
 * in N (asserted as a step budget of k × N) and a bounded stack.
 */
import { describe, expect, it } from "vitest";
import { loadCloudFormation } from "../../src/cloudformation/index.js";
import { debugValue } from "../../src/cloudformation/debug.js";
import { getValue } from "../../src/core/value.js";

/** N security groups, each in the VPC of the one before (or after, `reverse`), the first in VPC `Vpc`. */
function chain(n: number, order: "forward" | "reverse"): string {
  const lines = [
    `AWSTemplateFormatVersion: "2010-09-09"`,
    "Resources:",
    "  Vpc:",
    "    Type: AWS::EC2::VPC",
    "    Properties:",
    "      CidrBlock: 10.0.0.0/16",
  ];
  const ids = Array.from({ length: n }, (_, i) => (order === "forward" ? i : n - 1 - i));
  for (const i of ids)
    lines.push(
      `  Sg${i}:`,
      "    Type: AWS::EC2::SecurityGroup",
      "    Properties:",
      "      GroupDescription: g",
      `      VpcId: !GetAtt ${i === 0 ? "Vpc.VpcId" : `Sg${i - 1}.VpcId`}`,
    );
  return `${lines.join("\n")}\n`;
}

const load = (text: string, maxStepsPerTemplate: number) =>
  loadCloudFormation([{ path: "t.yaml", text }], { limits: { maxStepsPerTemplate, maxForEachCopies: 10_000 } });

const vpcIdOf = (result: ReturnType<typeof load>, logicalId: string) => {
  const found = result.templates[0]!.resources.find((r) => r.logicalId === logicalId)!;
  return debugValue(getValue(found.properties, "VpcId")!, "t.yaml");
};

describe("a chain of N !GetAtt links", () => {
  // Five resolver steps per link, and one more for the attempts abandoned at the depth bound.
  const STEPS_PER_LINK = 8;

  it.each(["forward", "reverse"] as const)(
    `resolves 5,000 links (%s order) within ${STEPS_PER_LINK} × N steps, every link to the first VPC`,
    (order) => {
      const n = 5_000;
      const result = load(chain(n, order), STEPS_PER_LINK * n);
      expect(result.notes).toEqual([]);
      const vpc = { $ref: "Vpc.VpcId" };
      expect(vpcIdOf(result, "Sg0")).toEqual(vpc);
      expect(vpcIdOf(result, `Sg${n - 1}`)).toEqual(vpc);
      expect(vpcIdOf(result, `Sg${n >> 1}`)).toEqual(vpc);
    },
  );

  it("needs more than (STEPS_PER_LINK − 1) × N steps: the bound above is tight, not loose", () => {
    const n = 2_000;
    const result = load(chain(n, "reverse"), 4 * n);
    expect(result.notes.map((note) => [note.limit, note.incomplete])).toEqual([["max-steps-per-template", true]]);
  });

  it("resolves a cycle of mirrored attributes to the Unknown of a link of the cycle, once", () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  A:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: g
      VpcId: !GetAtt B.VpcId
  B:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: g
      VpcId: !GetAtt A.VpcId
`;
    const result = load(text, 1000);
    expect(result.notes).toEqual([]);
    // A's VpcId is B's, which is A's, whose link back to B closes the cycle: both are B's (deployed) VpcId.
    expect([vpcIdOf(result, "A"), vpcIdOf(result, "B")]).toEqual([{ $ref: "B.VpcId" }, { $ref: "B.VpcId" }]);
  });
});
