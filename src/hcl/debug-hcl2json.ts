/**
 * `sagemaker-vpc-guard debug hcl2json FILE…`: our parse of each file rendered
 * in the conventions of tmccombs/hcl2json (see `hcl2json.ts`), as one JSON
 * object keyed by the paths as given. A file that does not parse, or cannot be
 * read, maps to `{"error": "<file:line,column: message>"}`. Exit code 0 unless
 * the command could not run (no paths given: 2).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { CommandIO, DebugCommand } from "../commands/debug.js";
import { hcl2json, type Hcl2JsonResult } from "./hcl2json.js";
import { parseHclBytes } from "./parser.js";

export const hcl2jsonCommand: DebugCommand = {
  summary: "Parse .tf files with our HCL parser and print them as tmccombs/hcl2json would",
  async run(args: string[], io: CommandIO): Promise<number> {
    if (args.length === 0) {
      io.stderr("usage: sagemaker-vpc-guard debug hcl2json FILE...\n");
      return 2;
    }
    const out: Record<string, Hcl2JsonResult> = {};
    for (const path of args) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(resolve(io.cwd, path));
      } catch (e) {
        out[path] = { error: `${path}: cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
        continue;
      }
      const result = parseHclBytes(bytes, path);
      out[path] = hcl2json(result, textOf(bytes));
    }
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  },
};

/** The text the parser saw (offsets index it), decoded leniently. */
function textOf(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}
