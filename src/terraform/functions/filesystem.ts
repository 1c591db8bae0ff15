/**
 * Filesystem functions. Nothing is read here: `file` and friends go through
 * `context.readFile`, which keeps reads inside the scan root; a refusal is an
 * `EXTERNAL_FILE` Unknown naming the path and the reason. Path functions use
 * Go's Unix `path/filepath` rules (`/` separators), whatever the host.
 */
import { bool, str, unknown, type StringValue, type UnknownValue, type Value } from "../../core/value.js";
import { lineStarts, rangeAt } from "../../core/range.js";
import { base64Encode } from "./encoding.js";
import { hashBase64, hashHex } from "./crypto.js";
import { asObject, asString, defineFunction, stringResult, unknownFrom, withRange } from "./args.js";
import type { FunctionContext, TerraformFunction } from "./types.js";

/** Go's `path.Clean`. */
export function cleanPath(path: string): string {
  if (path === "") return ".";
  const rooted = path.startsWith("/");
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
      else if (!rooted) parts.push("..");
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}

/** Go's `filepath.Base`. */
export function baseName(path: string): string {
  if (path === "") return ".";
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** Go's `filepath.Dir`. */
export function dirName(path: string): string {
  return cleanPath(path.slice(0, path.lastIndexOf("/") + 1));
}

/** The text of a file, or the Unknown its refusal becomes. */
function readText(path: string, context: FunctionContext): { text: string; file: string } | Value {
  const result = context.readFile(path);
  if ("refused" in result) {
    return unknown("EXTERNAL_FILE", `file ${JSON.stringify(path)} was not read: ${result.refused}`, {
      range: context.range,
    });
  }
  return result;
}

/** A function of one file's text. */
const ofFile = (name: string, transform: (text: string) => string): TerraformFunction =>
  defineFunction(name, {
    min: 1,
    max: 1,
    call([pathValue], context) {
      const read = readText(asString(pathValue!, "path"), context);
      if ("kind" in read) return read;
      return stringResult(transform(read.text), context);
    },
  });

export const FILESYSTEM_FUNCTIONS: Record<string, TerraformFunction> = {
  // The text, which keeps where it is written (`parts`: the whole file), so a state machine
  // definition read with file() places its findings in that file.
  file: defineFunction("file", {
    min: 1,
    max: 1,
    call([pathValue], context) {
      const read = readText(asString(pathValue!, "path"), context);
      if ("kind" in read) return read;
      const result = stringResult(read.text, context) as StringValue;
      if (read.text === "") return result;
      const written = str(read.text, rangeAt(read.file, lineStarts(read.text), 0, read.text.length));
      return { ...result, parts: [{ source: written, start: 0, end: read.text.length }] };
    },
  }),
  // The reader yields text, so these are exact for text files (binary files are not representable here).
  filebase64: ofFile("filebase64", base64Encode),
  filemd5: ofFile("filemd5", (text) => hashHex("md5", text)),
  filesha1: ofFile("filesha1", (text) => hashHex("sha1", text)),
  filesha256: ofFile("filesha256", (text) => hashHex("sha256", text)),
  filesha512: ofFile("filesha512", (text) => hashHex("sha512", text)),
  filebase64sha256: ofFile("filebase64sha256", (text) => hashBase64("sha256", text)),
  filebase64sha512: ofFile("filebase64sha512", (text) => hashBase64("sha512", text)),
  fileexists: defineFunction("fileexists", {
    min: 1,
    max: 1,
    call([pathValue], context) {
      const path = asString(pathValue!, "path");
      let answer: boolean | { refused: string };
      if (context.fileExists) answer = context.fileExists(path);
      else {
        const read = context.readFile(path);
        answer = "refused" in read ? read : true;
      }
      if (typeof answer === "boolean") return bool(answer, context.range);
      return unknown("EXTERNAL_FILE", `whether file ${JSON.stringify(path)} exists is not known: ${answer.refused}`, {
        range: context.range,
      });
    },
  }),
  templatefile: defineFunction("templatefile", {
    min: 2,
    max: 2,
    acceptsUnknown: true,
    call([pathValue, variables], context) {
      if (pathValue!.kind === "unknown") return unknownFrom([pathValue!], context);
      // Variables that are Unknown as a whole leave no names to render with.
      if (variables!.kind === "unknown") return unknownFrom([variables!], context);
      asObject(variables!, "vars");
      const read = readText(asString(pathValue!, "path"), context);
      if ("kind" in read) return read;
      return withRange(context.renderTemplate(read.text, read.file, variables!), context.range);
    },
  }),
  templatestring: defineFunction("templatestring", {
    min: 2,
    max: 2,
    acceptsUnknown: true,
    call([template, variables], context) {
      const unknowns = [template!, variables!].filter((v): v is UnknownValue => v.kind === "unknown");
      if (unknowns.length > 0) return unknownFrom(unknowns, context);
      asObject(variables!, "vars");
      const text = asString(template!, "template");
      return withRange(context.renderTemplate(text, context.range.file, variables!), context.range);
    },
  }),
  basename: defineFunction("basename", {
    min: 1,
    max: 1,
    call: ([path], context) => stringResult(baseName(asString(path!, "path")), context),
  }),
  dirname: defineFunction("dirname", {
    min: 1,
    max: 1,
    call: ([path], context) => stringResult(dirName(asString(path!, "path")), context),
  }),
  abspath: defineFunction("abspath", {
    min: 1,
    max: 1,
    call([pathValue], context) {
      const path = asString(pathValue!, "path");
      if (path.startsWith("/")) return stringResult(cleanPath(path), context);
      if (context.absolutePath) return stringResult(context.absolutePath(path), context);
      const cleaned = cleanPath(path);
      return unknown("COMPUTED", `abspath(${JSON.stringify(path)}) depends on the directory Terraform runs in`, {
        range: context.range,
        prefix: "/",
        suffix: cleaned === "." ? undefined : `/${cleaned}`,
      });
    },
  }),
  pathexpand: defineFunction("pathexpand", {
    min: 1,
    max: 1,
    call([pathValue], context) {
      const path = asString(pathValue!, "path");
      if (path !== "~" && !path.startsWith("~/")) return stringResult(path, context);
      return unknown(
        "COMPUTED",
        `pathexpand(${JSON.stringify(path)}) depends on the home directory of the user running Terraform`,
        {
          range: context.range,
          prefix: "/",
          suffix: path.length > 1 ? path.slice(1) : undefined,
        },
      );
    },
  }),
  fileset: defineFunction("fileset", {
    min: 2,
    max: 2,
    call: (_args, context) =>
      unknown("UNSUPPORTED", "function fileset is not supported: the scan does not list directories", {
        range: context.range,
      }),
  }),
};
