/** `cidrsubnet`, `cidrsubnets`, `cidrhost`, `cidrnetmask` on the BigInt arithmetic in `src/core/cidr.ts`. */
import { str } from "../../core/value.js";
import { asInteger, asString, defineFunction, fail, listResult, stringResult } from "./args.js";
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

export const NETWORK_FUNCTIONS: Record<string, TerraformFunction> = {
  cidrsubnet: defineFunction("cidrsubnet", {
    min: 3,
    max: 3,
    call([prefix, newbits, netnum], context) {
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
