import { describe, expect, it } from "vitest";
import {
  cidrContains,
  cidrPrefixLength,
  isPrivateCidr,
  maxInstancesForPrefix,
  parseIpv4CidrOrAddress,
  usableAddresses,
} from "../../src/core/cidr.js";

describe("subnet sizing (RULES.md §B)", () => {
  it.each([
    [28, 11, 5],
    [27, 27, 13],
    [26, 59, 29],
    [25, 123, 61],
    [24, 251, 100],
    [16, 65531, 100],
  ])("/%i → %i usable → %i instances", (prefix, usable, instances) => {
    expect(usableAddresses(prefix)).toBe(usable);
    expect(maxInstancesForPrefix(prefix)).toBe(instances);
  });

  it("is undefined outside /16–/28 and for non-integers", () => {
    for (const p of [15, 29, 32, 0, -1, 24.5, Number.NaN]) {
      expect(usableAddresses(p)).toBeUndefined();
      expect(maxInstancesForPrefix(p)).toBeUndefined();
    }
  });

  it("RULES.md SMBT004: a /28 holds 5 instances (8 fail: 16 > 11), a /26 holds 29", () => {
    expect(cidrPrefixLength("10.0.0.0/28")).toBe(28);
    expect(usableAddresses(28)).toBeLessThan(2 * 8);
    expect(cidrPrefixLength("10.0.0.0/26")).toBe(26);
    expect(usableAddresses(26)).toBeGreaterThanOrEqual(2 * 8);
  });
});

describe("parsing", () => {
  it("prefix length of a CIDR string, tolerating bad input", () => {
    expect(cidrPrefixLength("10.0.0.0/24")).toBe(24);
    expect(cidrPrefixLength(" 10.0.1.17/28 ")).toBe(28);
    for (const bad of ["", "10.0.0.0", "10.0.0.0/33", "256.0.0.0/8", "10.0.0/8", "::/0", "x/8", "10.0.0.0/-1"]) {
      expect(cidrPrefixLength(bad)).toBeUndefined();
    }
  });
  it("a bare address is a /32", () => {
    expect(parseIpv4CidrOrAddress("192.168.1.10")?.prefixLength).toBe(32);
    expect(parseIpv4CidrOrAddress("192.168.1")).toBeUndefined();
  });
});

describe("cidrContains", () => {
  it("containment", () => {
    expect(cidrContains("10.0.0.0/16", "10.0.3.0/24")).toBe(true);
    expect(cidrContains("10.0.0.0/16", "10.0.0.0/16")).toBe(true);
    expect(cidrContains("10.0.0.0/16", "10.1.0.0/24")).toBe(false);
    expect(cidrContains("10.0.0.0/24", "10.0.0.0/16")).toBe(false);
    expect(cidrContains("0.0.0.0/0", "203.0.113.7")).toBe(true);
    expect(cidrContains("10.0.0.0/16", "nope")).toBeUndefined();
  });
});

describe("isPrivateCidr", () => {
  it("RFC 1918 and 100.64.0.0/10", () => {
    for (const cidr of [
      "10.0.0.0/8",
      "10.1.2.0/24",
      "172.16.0.0/12",
      "172.31.255.0/24",
      "192.168.0.0/16",
      "192.168.1.10",
      "100.64.0.0/10",
      "100.127.0.0/16",
    ]) {
      expect(isPrivateCidr(cidr)).toBe(true);
    }
    for (const cidr of ["0.0.0.0/0", "172.32.0.0/16", "8.8.8.8/32", "100.128.0.0/16", "10.0.0.0/7", "203.0.113.0/24"]) {
      expect(isPrivateCidr(cidr)).toBe(false);
    }
    expect(isPrivateCidr("garbage")).toBeUndefined();
  });
});
