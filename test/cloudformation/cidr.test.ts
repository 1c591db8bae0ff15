import { describe, expect, it } from "vitest";
import { formatIpv4Cidr, ipv4CidrBlocks, ipv4Subnet, parseIpv4Cidr } from "../../src/core/cidr.js";

const blocks = (base: string, count: number, bits: number) =>
  ipv4CidrBlocks(parseIpv4Cidr(base)!, count, bits)?.map(formatIpv4Cidr);

describe("IPv4 CIDR arithmetic", () => {
  it("parses, clears host bits and formats", () => {
    expect(formatIpv4Cidr(parseIpv4Cidr("10.0.3.7/22")!)).toBe("10.0.0.0/22");
    expect(parseIpv4Cidr("10.0.0.256/16")).toBeUndefined();
    expect(parseIpv4Cidr("2001:db8::/32")).toBeUndefined();
  });

  it("carves Fn::Cidr blocks (prefix 32 − cidrBits), as AWS's own example", () => {
    // AWS: !Cidr [192.168.0.0/24, 6, 5] → 192.168.0.0/27, 192.168.0.32/27, …
    expect(blocks("192.168.0.0/24", 6, 5)).toEqual([
      "192.168.0.0/27",
      "192.168.0.32/27",
      "192.168.0.64/27",
      "192.168.0.96/27",
      "192.168.0.128/27",
      "192.168.0.160/27",
    ]);
    expect(blocks("255.255.255.0/24", 2, 7)).toEqual(["255.255.255.0/25", "255.255.255.128/25"]);
    expect(blocks("10.0.0.0/24", 3, 7)).toBeUndefined(); // only two /25s fit
  });

  it("computes cidrsubnet(base, newbits, index)", () => {
    expect(formatIpv4Cidr(ipv4Subnet(parseIpv4Cidr("10.1.0.0/16")!, 8, 2)!)).toBe("10.1.2.0/24");
    expect(ipv4Subnet(parseIpv4Cidr("10.1.0.0/16")!, 8, 256)).toBeUndefined();
  });
});
