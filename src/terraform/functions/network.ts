/** `cidrsubnet`, `cidrsubnets`, `cidrhost`, `cidrnetmask` on the BigInt arithmetic in `src/core/cidr.ts`. */
import { str, type UnknownValue } from "../../core/value.js";
import { asInteger, asString, defineFunction, fail, listResult, needKnown, stringResult, unknownFrom } from "./args.js";
import {
  CidrError,
  formatCidr,
  formatIp,
  host,
  netmask,
  parseCidr,
  subnet,
  subnets,
  type IpPrefix,
} from "../../core/cidr.js";
import type { TerraformFunction } from "./types.js";

/** Runs CIDR arithmetic, turning its errors into invalid-call errors. */
function cidr<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof CidrError) return fail(error.message);
    throw error;
  }
}

function prefixArg(value: Parameters<typeof asString>[0]): IpPrefix {
  return cidr(() => parseCidr(asString(value, "prefix")));
}

/** The prefix length a partly known CIDR ends in (`…/16`). */
function knownPrefixLength(suffix: string | undefined): number | undefined {
  const match = /\/(\d{1,3})$/.exec(suffix ?? "");
  return match ? Number(match[1]) : undefined;
}

export const NETWORK_FUNCTIONS: Record<string, TerraformFunction> = {
  cidrsubnet: defineFunction("cidrsubnet", {
    min: 3,
    max: 3,
    acceptsUnknown: true,
    call([prefix, newbits, netnum], context) {
      needKnown(newbits!);
      const unknowns = [prefix!, netnum!].filter((v): v is UnknownValue => v.kind === "unknown");
      if (unknowns.length > 0) {
        // `cidrsubnet(var.cidr, 4, count.index)`: which block is not known, but its prefix length is.
        const bits = asInteger(newbits!, "newbits");
        const network = prefix!.kind === "unknown" ? undefined : prefixArg(prefix!);
        const base = network ? network.prefixLength : knownPrefixLength((prefix as UnknownValue).suffix);
        const length = base === undefined ? undefined : base + bits;
        const most = network?.bits ?? 32;
        if (length !== undefined && network && length > most)
          fail(`insufficient address space to extend prefix of ${base} by ${bits}`);
        return unknownFrom(unknowns, context, length !== undefined && length <= most ? { suffix: `/${length}` } : {});
      }
      const network = prefixArg(prefix!);
      const bits = asInteger(newbits!, "newbits");
      const number = BigInt(asInteger(netnum!, "netnum"));
      return stringResult(formatCidr(cidr(() => subnet(network, bits, number))), context);
    },
  }),
  cidrsubnets: defineFunction("cidrsubnets", {
    min: 1,
    max: Infinity,
    call([prefix, ...newbits], context) {
      const network = prefixArg(prefix!);
      const lengths = newbits.map((n, i) => asInteger(n, `newbits ${i + 1}`));
      return listResult(
        cidr(() => subnets(network, lengths)).map((p) => str(formatCidr(p), context.range)),
        context,
      );
    },
  }),
  cidrhost: defineFunction("cidrhost", {
    min: 2,
    max: 2,
    call([prefix, hostnum], context) {
      const network = prefixArg(prefix!);
      const number = BigInt(asInteger(hostnum!, "hostnum"));
      return stringResult(formatIp(cidr(() => host(network, number))), context);
    },
  }),
  cidrnetmask: defineFunction("cidrnetmask", {
    min: 1,
    max: 1,
    call: ([prefix], context) => stringResult(formatIp(cidr(() => netmask(prefixArg(prefix!)))), context),
  }),
};
