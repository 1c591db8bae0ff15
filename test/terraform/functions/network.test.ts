import { describe, expect, it } from "vitest";
import { formatCidr, formatIp, parseCidr, parseIp, prefixContains, subnet } from "../../../src/core/cidr.js";
import { error, run } from "./helpers.js";

describe("cidrsubnet", () => {
  it("documented examples, IPv4 and IPv6", () => {
    expect(run("cidrsubnet", "172.16.0.0/12", 4, 2)).toBe("172.18.0.0/16");
    expect(run("cidrsubnet", "10.1.2.0/24", 4, 15)).toBe("10.1.2.240/28");
    // Terraform's documentation gives fd00:fd12:3456:7800:a200::/72 (netnum 162 = 0xa2 ends at bit 72,
    // the top byte of the fifth group); Python's ipaddress agrees.
    expect(run("cidrsubnet", "fd00:fd12:3456:7890::/56", 16, 162)).toBe("fd00:fd12:3456:7800:a200::/72");
    expect(run("cidrsubnet", "10.0.0.0/16", 8, 0)).toBe("10.0.0.0/24");
    expect(run("cidrsubnet", "10.0.0.0/16", 0, 0)).toBe("10.0.0.0/16");
    expect(run("cidrsubnet", "10.0.5.7/16", 8, 3)).toBe("10.0.3.0/24");
    expect(run("cidrsubnet", "2001:db8::/32", 32, 1)).toBe("2001:db8:0:1::/64");
  });

  it("errors", () => {
    expect(error("cidrsubnet", "10.0.0.0/30", 4, 0)).toContain(
      "insufficient address space to extend prefix of 30 by 4",
    );
    expect(error("cidrsubnet", "10.0.0.0/16", 2, 4)).toContain("does not accommodate a subnet numbered 4");
    expect(error("cidrsubnet", "10.0.0.0", 2, 1)).toContain("invalid CIDR address");
    expect(error("cidrsubnet", "300.0.0.0/8", 2, 1)).toContain("invalid CIDR address");
  });
});

describe("cidrsubnets, cidrhost, cidrnetmask", () => {
  it("cidrsubnets documented examples", () => {
    expect(run("cidrsubnets", "10.1.0.0/16", 4, 4, 8, 4)).toEqual([
      "10.1.0.0/20",
      "10.1.16.0/20",
      "10.1.32.0/24",
      "10.1.48.0/20",
    ]);
    expect(run("cidrsubnets", "fd00:fd12:3456:7890::/56", 16, 16, 16, 32)).toEqual([
      "fd00:fd12:3456:7800::/72",
      "fd00:fd12:3456:7800:100::/72",
      "fd00:fd12:3456:7800:200::/72",
      "fd00:fd12:3456:7800:300::/88",
    ]);
    expect(error("cidrsubnets", "10.0.0.0/24", 1, 1, 1)).toContain("not enough remaining address space");
  });

  it("cidrhost with positive and negative host numbers", () => {
    expect(run("cidrhost", "10.12.112.0/20", 16)).toBe("10.12.112.16");
    expect(run("cidrhost", "10.12.112.0/20", 268)).toBe("10.12.113.12");
    expect(run("cidrhost", "fd00:fd12:3456:7890:00a2::/72", 34)).toBe("fd00:fd12:3456:7890::22");
    expect(run("cidrhost", "10.0.0.0/24", -1)).toBe("10.0.0.255");
    expect(run("cidrhost", "10.0.0.0/24", -256)).toBe("10.0.0.0");
    expect(error("cidrhost", "10.0.0.0/24", 256)).toContain("does not accommodate a host numbered 256");
    expect(error("cidrhost", "10.0.0.0/24", -257)).toContain("host numbered -257");
  });

  it("cidrnetmask is IPv4 only", () => {
    expect(run("cidrnetmask", "172.16.0.0/12")).toBe("255.240.0.0");
    expect(run("cidrnetmask", "10.0.0.0/32")).toBe("255.255.255.255");
    expect(run("cidrnetmask", "0.0.0.0/0")).toBe("0.0.0.0");
    expect(error("cidrnetmask", "fd00::/64")).toContain("IPv6 addresses cannot have a netmask");
  });
});

describe("core CIDR arithmetic", () => {
  it("parses and prints addresses as Go does", () => {
    expect(formatIp(parseIp("2001:0db8:0000:0000:0000:0000:0000:0001")!)).toBe("2001:db8::1");
    expect(formatIp(parseIp("2001:db8:0:1:0:0:0:1")!)).toBe("2001:db8:0:1::1");
    expect(formatIp(parseIp("1:0:0:2:0:0:0:3")!)).toBe("1:0:0:2::3");
    expect(formatIp(parseIp("1:0:2:3:4:5:6:7")!)).toBe("1:0:2:3:4:5:6:7");
    expect(formatIp(parseIp("::")!)).toBe("::");
    expect(formatIp(parseIp("::ffff:10.0.0.1")!)).toBe("10.0.0.1");
    expect(formatIp(parseIp("64:ff9b::192.0.2.33")!)).toBe("64:ff9b::c000:221");
    expect(parseIp("1::2::3")).toBeUndefined();
    expect(parseIp("010.001.002.003")).toEqual({ bits: 32, value: 0x0a010203n });
    expect(formatCidr(subnet(parseCidr("10.0.0.0/8"), 8, 255n))).toBe("10.255.0.0/16");
    expect(prefixContains(parseCidr("10.0.0.0/16"), parseCidr("10.0.3.0/24"))).toBe(true);
    expect(prefixContains(parseCidr("10.0.0.0/16"), parseIp("10.1.0.1")!)).toBe(false);
    expect(prefixContains(parseCidr("10.0.0.0/16"), parseCidr("10.0.0.0/8"))).toBe(false);
  });
});
