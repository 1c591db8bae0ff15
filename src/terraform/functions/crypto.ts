/**
 * Hash and identifier functions. Hashes are of the UTF-8 bytes of a string.
 * `uuid`, `bcrypt`, `timestamp` and `plantimestamp` change on every plan, so
 * they are always Unknown (`COMPUTED`).
 */
import { createHash } from "node:crypto";
import { unknown } from "../../core/value.js";
import { asString, defineFunction, fail, stringResult } from "./args.js";
import type { TerraformFunction } from "./types.js";

export function hashHex(algorithm: "md5" | "sha1" | "sha256" | "sha512", text: string): string {
  return createHash(algorithm).update(text, "utf8").digest("hex");
}

export function hashBase64(algorithm: "sha256" | "sha512", text: string): string {
  return createHash(algorithm).update(text, "utf8").digest("base64");
}

const hex = (name: string, algorithm: "md5" | "sha1" | "sha256" | "sha512"): TerraformFunction =>
  defineFunction(name, {
    min: 1,
    max: 1,
    call: ([value], context) => stringResult(hashHex(algorithm, asString(value!, "string")), context),
  });

const base64 = (name: string, algorithm: "sha256" | "sha512"): TerraformFunction =>
  defineFunction(name, {
    min: 1,
    max: 1,
    call: ([value], context) => stringResult(hashBase64(algorithm, asString(value!, "string")), context),
  });

/** Always Unknown: the value differs on every run of Terraform. */
const everyRun = (name: string, min: number, max: number, what: string): TerraformFunction =>
  defineFunction(name, {
    min,
    max,
    acceptsUnknown: true,
    call: (_args, context) =>
      unknown("COMPUTED", `${name}() ${what}, so its value is not known before apply`, { range: context.range }),
  });

const UUID_NAMESPACES: Record<string, string> = {
  dns: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
  url: "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
  oid: "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
  x500: "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
};

/** RFC 4122 name-based (SHA-1) UUID. */
export function uuidV5(namespace: string, name: string): string {
  const namespaceUuid = UUID_NAMESPACES[namespace] ?? namespace;
  if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(namespaceUuid)) {
    fail(`uuidv5() doesn't support namespace ${JSON.stringify(namespace)}`);
  }
  const bytes = createHash("sha1")
    .update(Buffer.from(namespaceUuid.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const CRYPTO_FUNCTIONS: Record<string, TerraformFunction> = {
  md5: hex("md5", "md5"),
  sha1: hex("sha1", "sha1"),
  sha256: hex("sha256", "sha256"),
  sha512: hex("sha512", "sha512"),
  base64sha256: base64("base64sha256", "sha256"),
  base64sha512: base64("base64sha512", "sha512"),
  uuidv5: defineFunction("uuidv5", {
    min: 2,
    max: 2,
    call: ([namespace, name], context) =>
      stringResult(uuidV5(asString(namespace!, "namespace"), asString(name!, "name")), context),
  }),
  uuid: everyRun("uuid", 0, 0, "generates a new random id on every run"),
  bcrypt: everyRun("bcrypt", 1, 2, "uses a random salt on every run"),
  timestamp: everyRun("timestamp", 0, 0, "returns the time of the run"),
  plantimestamp: everyRun("plantimestamp", 0, 0, "returns the time of the plan"),
};
