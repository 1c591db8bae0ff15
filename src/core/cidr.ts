/**
 * IPv4 CIDR arithmetic shared by the evaluators: CloudFormation's `Fn::Cidr`
 * and Terraform's `cidrsubnet`/`cidrsubnets` both carve a base block into
 * smaller ones. Addresses are handled as unsigned 32-bit numbers.
 */

export interface Ipv4Cidr {
  /** The network address as an unsigned 32-bit number (host bits cleared). */
  address: number;
  prefixLength: number;
}

/** Parses `a.b.c.d/p`; undefined for anything else (IPv6 included). Host bits are cleared, as AWS does. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((o) => o > 255) || prefixLength > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { address: networkAddress(address, prefixLength), prefixLength };
}

export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  const a = cidr.address;
  return `${Math.floor(a / 2 ** 24) % 256}.${Math.floor(a / 2 ** 16) % 256}.${Math.floor(a / 2 ** 8) % 256}.${a % 256}/${cidr.prefixLength}`;
}

function networkAddress(address: number, prefixLength: number): number {
  const size = 2 ** (32 - prefixLength);
  return Math.floor(address / size) * size;
}

/**
 * The `index`-th block of `newBits` more prefix bits inside `base`
 * (Terraform's `cidrsubnet(base, newBits, index)`); undefined when the block
 * would not fit.
 */
export function ipv4Subnet(base: Ipv4Cidr, newBits: number, index: number): Ipv4Cidr | undefined {
  const prefixLength = base.prefixLength + newBits;
  if (!Number.isInteger(newBits) || newBits < 0 || prefixLength > 32) return undefined;
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** newBits) return undefined;
  return { address: base.address + index * 2 ** (32 - prefixLength), prefixLength };
}

/**
 * CloudFormation's `Fn::Cidr [ipBlock, count, cidrBits]`: the first `count`
 * consecutive blocks with `cidrBits` host bits (so prefix length 32 − cidrBits)
 * inside `base`. Undefined when they do not fit, which CloudFormation rejects.
 */
export function ipv4CidrBlocks(base: Ipv4Cidr, count: number, cidrBits: number): Ipv4Cidr[] | undefined {
  const prefixLength = 32 - cidrBits;
  if (!Number.isInteger(count) || count < 1 || count > 256) return undefined;
  if (!Number.isInteger(cidrBits) || prefixLength < base.prefixLength || cidrBits < 0) return undefined;
  const blocks: Ipv4Cidr[] = [];
  for (let i = 0; i < count; i++) {
    const block = ipv4Subnet(base, prefixLength - base.prefixLength, i);
    if (!block) return undefined;
    blocks.push(block);
  }
  return blocks;
}

// ---------------------------------------------------------------------------
// Generic IPv4 + IPv6 arithmetic with BigInt, as Terraform's `cidr*` functions
// do it (Go's `net` printing rules; Terraform's tolerant parser reads leading
// zeros in IPv4 octets as decimal). Errors are thrown as `CidrError` with
// Terraform's messages, so callers can report them verbatim.

export class CidrError extends Error {}

export interface IpAddress {
  /** 32 for IPv4, 128 for IPv6. */
  bits: 32 | 128;
  value: bigint;
}

export interface IpPrefix extends IpAddress {
  /** The network's prefix length; `value` is the network address (host bits cleared). */
  prefixLength: number;
}

/** Parses an IPv4 or IPv6 address; undefined when it is not one. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.includes(":")) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { bits: 128, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { bits: 32, value };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let ipv4Tail: bigint | undefined;
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    ipv4Tail = parseIpv4(text.slice(lastColon + 1));
    if (ipv4Tail === undefined) return undefined;
    // Keep the colon before the dotted part so "::1.2.3.4" still reads as "::" + tail.
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split("::");
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === "") return [];
    const groups = part.split(":");
    const out: number[] = [];
    for (const group of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
      out.push(parseInt(group, 16));
    }
    return out;
  };
  const left = parseGroups(halves[0]!);
  const right = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!left || !right) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - left.length - right.length;
    if (missing < 1) return undefined;
    groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  } else {
    if (left.length !== 8) return undefined;
    groups = left;
  }
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(group);
  if (ipv4Tail !== undefined) value = (value & ~0xffffffffn) | ipv4Tail;
  return value;
}

/** Parses `address/length`; the result's address is the network address (as Go's `ParseCIDR` returns it). */
export function parseCidr(text: string): IpPrefix {
  const slash = text.indexOf("/");
  if (slash < 0) throw new CidrError(`invalid CIDR address: ${text}`);
  const address = parseIp(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(lengthText)) throw new CidrError(`invalid CIDR address: ${text}`);
  const prefixLength = Number(lengthText);
  if (prefixLength > address.bits) throw new CidrError(`invalid CIDR address: ${text}`);
  return { bits: address.bits, value: address.value & netmaskValue(address.bits, prefixLength), prefixLength };
}

/** The mask with `prefixLength` leading one bits. */
export function netmaskValue(bits: 32 | 128, prefixLength: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return (all << BigInt(bits - prefixLength)) & all;
}

/** An address as Go's `net.IP.String()` prints it (RFC 5952 for IPv6; IPv4-mapped IPv6 as dotted IPv4). */
export function formatIp(address: IpAddress): string {
  if (address.bits === 32) return formatIpv4(address.value);
  if (address.value >> 32n === 0xffffn) return formatIpv4(address.value & 0xffffffffn);
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((address.value >> BigInt(i * 16)) & 0xffffn));
  // The longest run of at least two zero groups (the first on a tie) becomes "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (list: number[]): string => list.map((g) => g.toString(16)).join(":");
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join(".");
}

export function formatCidr(prefix: IpPrefix): string {
  return `${formatIp(prefix)}/${prefix.prefixLength}`;
}

/** Terraform's `cidrsubnet`: the `netnum`-th subnet with `newbits` more prefix bits. */
export function subnet(prefix: IpPrefix, newbits: number, netnum: bigint): IpPrefix {
  const prefixLength = prefix.prefixLength + newbits;
  if (newbits < 0) throw new CidrError("newbits must not be negative");
  if (prefixLength > prefix.bits) {
    throw new CidrError(`insufficient address space to extend prefix of ${prefix.prefixLength} by ${newbits}`);
  }
  if (netnum < 0n || netnum >= 1n << BigInt(newbits)) {
    throw new CidrError(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
  }
  return { bits: prefix.bits, prefixLength, value: prefix.value | (netnum << BigInt(prefix.bits - prefixLength)) };
}

/** Terraform's `cidrhost`: a negative host number counts back from the end of the range. */
export function host(prefix: IpPrefix, hostnum: bigint): IpAddress {
  const size = 1n << BigInt(prefix.bits - prefix.prefixLength);
  const index = hostnum < 0n ? size + hostnum : hostnum;
  if (index < 0n || index >= size) {
    throw new CidrError(`prefix of ${prefix.prefixLength} does not accommodate a host numbered ${hostnum}`);
  }
  return { bits: prefix.bits, value: prefix.value | index };
}

/** Terraform's `cidrnetmask`: IPv4 only. */
export function netmask(prefix: IpPrefix): IpAddress {
  if (prefix.bits !== 32) throw new CidrError(`IPv6 addresses cannot have a netmask: ${formatCidr(prefix)}`);
  return { bits: 32, value: netmaskValue(32, prefix.prefixLength) };
}

/**
 * Terraform's `cidrsubnets`: consecutive subnets, each the next free block of
 * its size, aligned to its size, after the previous one.
 */
export function subnets(prefix: IpPrefix, newbitsList: readonly number[]): IpPrefix[] {
  const networkEnd = prefix.value + (1n << BigInt(prefix.bits - prefix.prefixLength));
  let cursor = prefix.value;
  const out: IpPrefix[] = [];
  for (const newbits of newbitsList) {
    if (newbits < 1) throw new CidrError("must extend prefix by at least one bit");
    const prefixLength = prefix.prefixLength + newbits;
    if (prefixLength > prefix.bits) {
      throw new CidrError(
        `would extend prefix to ${prefixLength} bits, which is too long for an IPv${prefix.bits === 32 ? 4 : 6} address`,
      );
    }
    const size = 1n << BigInt(prefix.bits - prefixLength);
    const start = ((cursor + size - 1n) / size) * size;
    if (start + size > networkEnd) {
      throw new CidrError(
        `not enough remaining address space for a subnet with a prefix of ${prefixLength} bits after ${out.length > 0 ? formatCidr(out[out.length - 1]!) : formatCidr(prefix)}`,
      );
    }
    out.push({ bits: prefix.bits, prefixLength, value: start });
    cursor = start + size;
  }
  return out;
}

/** Whether `inner` (an address or a prefix) lies within `outer`. */
export function prefixContains(outer: IpPrefix, inner: IpAddress | IpPrefix): boolean {
  if (outer.bits !== inner.bits) return false;
  const innerLength = "prefixLength" in inner ? inner.prefixLength : inner.bits;
  if (innerLength < outer.prefixLength) return false;
  return (inner.value & netmaskValue(outer.bits, outer.prefixLength)) === outer.value;
}

// ---------------------------------------------------------------------------
// Subnet sizing and containment (RULES.md §B, SMBT004, SMBT010)

/** Parses `a.b.c.d/p`, or a bare address as `/32`; undefined for anything else. */
export function parseIpv4CidrOrAddress(text: string): Ipv4Cidr | undefined {
  const trimmed = text.trim();
  return parseIpv4Cidr(/^\d{1,3}(\.\d{1,3}){3}$/.test(trimmed) ? `${trimmed}/32` : trimmed);
}

/** The prefix length of an IPv4 CIDR string (`10.0.0.0/24` → 24); undefined for bad input. */
export function cidrPrefixLength(text: string): number | undefined {
  return parseIpv4Cidr(text)?.prefixLength;
}

/** AWS subnet and VPC IPv4 blocks run from /16 to /28 (VPC User Guide, "Subnet CIDR blocks"). */
export const MIN_SUBNET_PREFIX = 16;
export const MAX_SUBNET_PREFIX = 28;

/**
 * Addresses usable by ENIs in an IPv4 subnet of prefix length `prefix`: AWS
 * reserves five per subnet — the first four and the last (VPC User Guide,
 * "Subnet CIDR blocks"). Undefined outside /16–/28, where AWS has no subnets.
 */
export function usableAddresses(prefix: number): number | undefined {
  if (!Number.isInteger(prefix) || prefix < MIN_SUBNET_PREFIX || prefix > MAX_SUBNET_PREFIX) return undefined;
  return 2 ** (32 - prefix) - 5;
}

/** The largest `InstanceCount` a transform job can have (CreateTransformJob API reference: 1–100). */
export const MAX_TRANSFORM_INSTANCE_COUNT = 100;

/**
 * The most batch-transform instances a subnet of this prefix can hold: each
 * instance needs two private IPs (RULES.md §B), and InstanceCount is at most
 * 100. /28 → 5, /27 → 13, /26 → 29, /25 → 61, /24 and larger → 100.
 */
export function maxInstancesForPrefix(prefix: number): number | undefined {
  const usable = usableAddresses(prefix);
  if (usable === undefined) return undefined;
  return Math.min(Math.floor(usable / 2), MAX_TRANSFORM_INSTANCE_COUNT);
}

/** Does `outer` contain every address of `inner`? Undefined if either does not parse. */
export function cidrContains(outer: string | Ipv4Cidr, inner: string | Ipv4Cidr): boolean | undefined {
  const o = typeof outer === "string" ? parseIpv4CidrOrAddress(outer) : outer;
  const i = typeof inner === "string" ? parseIpv4CidrOrAddress(inner) : inner;
  if (!o || !i) return undefined;
  if (i.prefixLength < o.prefixLength) return false;
  const size = 2 ** (32 - o.prefixLength);
  return Math.floor(i.address / size) * size === o.address;
}

/** RFC 1918 private ranges plus RFC 6598 shared address space (100.64.0.0/10), which VPCs may use. */
export const PRIVATE_IPV4_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"] as const;

/** Is the block entirely private (see PRIVATE_IPV4_RANGES)? Accepts a CIDR or a bare address; undefined for bad input. */
export function isPrivateCidr(text: string): boolean | undefined {
  const cidr = parseIpv4CidrOrAddress(text);
  if (!cidr) return undefined;
  return PRIVATE_IPV4_RANGES.some((range) => cidrContains(range, cidr) === true);
}
