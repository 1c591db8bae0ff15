import { describe, expect, it } from "vitest";
import { GLOB_MAX_LENGTH, globCovers, globsOverlap } from "../../src/analysis/glob.js";

describe("globCovers", () => {
  it("plain subjects", () => {
    expect(globCovers("ec2:*", "ec2:DescribeVpcs")).toBe("yes");
    expect(globCovers("ec2:Describe*", "ec2:CreateNetworkInterface")).toBe("no");
    expect(globCovers("ec2:Describe?pcs", "ec2:DescribeVpcs")).toBe("yes");
    expect(globCovers("EC2:DESCRIBE*", "ec2:DescribeVpcs", true)).toBe("yes");
    expect(globCovers("EC2:DESCRIBE*", "ec2:DescribeVpcs", false)).toBe("no");
    expect(globCovers("*", "")).toBe("yes");
    expect(globCovers("a*b*c", "aXbYbZc")).toBe("yes");
    expect(globCovers("a*b*c", "aXbYbZ")).toBe("no");
  });
  it("pattern subjects: covered only when every wildcard is absorbed", () => {
    expect(globCovers("*", "*")).toBe("yes");
    expect(globCovers("arn:aws:s3:::*", "*")).toBe("no");
    expect(globCovers("arn:aws:s3:::packages.*", "arn:aws:s3:::packages.*.amazonaws.com/*")).toBe("yes");
    expect(globCovers("arn:aws:s3:::packages.?.amazonaws.com/*", "arn:aws:s3:::packages.*.amazonaws.com/*")).toBe("no");
    expect(globCovers("a?c", "a?c")).toBe("yes");
  });
  it("has a counted length limit", () => {
    expect(globCovers("*", "x".repeat(GLOB_MAX_LENGTH + 1))).toBe("maybe");
  });
  it("stays fast on adversarial input", () => {
    const pattern = `${"*a".repeat(200)}*b`;
    expect(globCovers(pattern, "a".repeat(4000))).toBe("no");
  });
});

describe("globsOverlap", () => {
  it("overlaps", () => {
    expect(globsOverlap("arn:aws:s3:::data/*", "*")).toBe("yes");
    expect(
      globsOverlap("arn:aws:s3:::packages.us-east-1.amazonaws.com/*", "arn:aws:s3:::packages.*.amazonaws.com/*"),
    ).toBe("yes");
    expect(globsOverlap("arn:aws:s3:::other/*", "arn:aws:s3:::data/*")).toBe("no");
    expect(globsOverlap("a?", "*b")).toBe("yes");
    expect(globsOverlap("abc", "abd")).toBe("no");
  });
  it("answers the same whatever was asked before (its table is reused between calls)", () => {
    const cases: [string, string][] = [
      ["arn:aws:s3:::other/*", "arn:aws:s3:::data/*"],
      ["a?", "*b"],
      [`${"x".repeat(300)}*`, `*${"y".repeat(300)}`],
      ["arn:aws:s3:::other/*", "arn:aws:s3:::data/*"],
      [`*${"z".repeat(400)}`, `${"z".repeat(200)}*`],
      ["abc*", "*abd"],
      ["a*", "b*"],
      [`${"q".repeat(300)}*`, `*${"r".repeat(300)}s`],
    ];
    const fresh = cases.map(([a, b]) => globsOverlap(a, b));
    expect(fresh).toEqual(["no", "yes", "yes", "no", "yes", "yes", "no", "yes"]);
    // Again, largest first: a table left dirty by a larger call must not leak into a smaller one.
    const order = [4, 2, 7, 0, 6, 1, 5, 3];
    expect(order.map((i) => globsOverlap(...cases[i]!))).toEqual(order.map((i) => fresh[i]));
  });
});
