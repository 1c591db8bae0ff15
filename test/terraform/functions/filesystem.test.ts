import { describe, expect, it } from "vitest";
import { toDebugJson } from "../../../src/core/value.js";
import { CALL_RANGE, callWith, debug, error, makeContext, run } from "./helpers.js";

describe("file functions go through context.readFile", () => {
  it("file, filebase64, file hashes", () => {
    expect(run("file", "hello.txt")).toBe("Hello World");
    expect(run("filebase64", "hello.txt")).toBe("SGVsbG8gV29ybGQ=");
    expect(run("filemd5", "hello.txt")).toBe("b10a8db164e0754105b7a99be72e3fe5");
    expect(run("filesha256", "hello.txt")).toBe("a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e");
    expect(run("jsondecode", run("file", "policy.json"))).toEqual({ Version: "2012-10-17" });
  });

  it("a refused read is an EXTERNAL_FILE Unknown naming the path and the reason", () => {
    expect(debug("file", "/etc/passwd")).toEqual({
      $unknown: "EXTERNAL_FILE",
      detail: 'file "/etc/passwd" was not read: outside the scan root',
      refs: [],
    });
    const result = callWith(makeContext(), "file", "missing.txt");
    expect(result).toMatchObject({ kind: "unknown", reason: "EXTERNAL_FILE", range: CALL_RANGE });
    expect(debug("filesha256", "../x")).toMatchObject({ $unknown: "EXTERNAL_FILE" });
  });

  it("fileexists uses context.fileExists, else readFile", () => {
    expect(run("fileexists", "hello.txt")).toBe(true);
    expect(debug("fileexists", "nope.txt")).toEqual({
      $unknown: "EXTERNAL_FILE",
      detail: 'whether file "nope.txt" exists is not known: no such file',
      refs: [],
    });
    const context = makeContext({
      fileExists: (path) => (path === "a" ? true : path === "b" ? false : { refused: "outside" }),
    });
    expect(toDebugJson(callWith(context, "fileexists", "b") as never)).toBe(false);
  });

  it("templatefile reads the file and lets the evaluator render it", () => {
    const context = makeContext({
      readFile: (path) => (path === "t.tpl" ? { text: "Hello, ${name}!", file: "t.tpl" } : { refused: "no" }),
    });
    expect(toDebugJson(callWith(context, "templatefile", "t.tpl", { name: "Ander" }) as never)).toBe("Hello, Ander!");
    expect(error("templatefile", "t.tpl", "x")).toContain("map or object");
    expect(toDebugJson(callWith(context, "templatestring", "Hi ${name}", { name: "Sam" }) as never)).toBe("Hi Sam");
    expect(debug("templatefile", "/abs.tpl", {})).toEqual({
      $unknown: "EXTERNAL_FILE",
      detail: 'file "/abs.tpl" was not read: outside the scan root',
      refs: [],
    });
  });

  it("basename, dirname, abspath, pathexpand", () => {
    expect(run("basename", "foo/bar/baz.txt")).toBe("baz.txt");
    expect(run("basename", "foo/bar/")).toBe("bar");
    expect(run("basename", "/")).toBe("/");
    expect(run("basename", "")).toBe(".");
    expect(run("dirname", "foo/bar/baz.txt")).toBe("foo/bar");
    expect(run("dirname", "baz.txt")).toBe(".");
    expect(run("dirname", "/baz.txt")).toBe("/");
    expect(run("dirname", "a//b/../c/d")).toBe("a/c");
    expect(run("abspath", "/a/b/../c")).toBe("/a/c");
    expect(debug("abspath", "./modules/x/")).toEqual({
      $unknown: "COMPUTED",
      detail: 'abspath("./modules/x/") depends on the directory Terraform runs in',
      refs: [],
      prefix: "/",
      suffix: "/modules/x",
    });
    const context = makeContext({ absolutePath: (path) => `/work/${path}` });
    expect(toDebugJson(callWith(context, "abspath", "mod") as never)).toBe("/work/mod");
    expect(run("pathexpand", "/etc/resolv.conf")).toBe("/etc/resolv.conf");
    expect(debug("pathexpand", "~/.ssh/id_rsa")).toMatchObject({ $unknown: "COMPUTED", suffix: "/.ssh/id_rsa" });
  });
});
