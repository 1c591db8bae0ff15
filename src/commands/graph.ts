/** `sagemaker-vpc-guard graph`: scan, then print the normalized resource graph as JSON or Mermaid. */
import path from "node:path";
import { parseArgs } from "node:util";
import { UsageError } from "../core/errors.js";
import { scan } from "../scan.js";
import { renderGraphJson } from "../graph/render-json.js";
import { renderMermaid } from "../graph/render-mermaid.js";
import type { CommandIO } from "./debug.js";

export const GRAPH_USAGE = `Usage: sagemaker-vpc-guard graph [PATH...] [options]

Prints the resource graph built from Terraform and CloudFormation under PATH (default: .).

Options:
  --root DIR          the scan root: nothing outside it is read; paths print relative to it (default: .)
  --format FORMAT     json | mermaid (default: json)
                      json: {"nodes": [{id, kind, name, file, line}], "edges": [{from, to, kind}]}
                      mermaid: one flowchart per transform job (or per model no job uses);
                      nodes that findings point at are in class "finding"
`;

const FORMATS = ["json", "mermaid"] as const;

export async function runGraph(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      root: { type: "string" },
      format: { type: "string", default: "json" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(GRAPH_USAGE);
    return 0;
  }
  const format = values.format;
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got ${JSON.stringify(format)})`);
  const root = path.resolve(io.cwd, values.root ?? ".");
  const paths = (positionals.length > 0 ? positionals : [values.root ?? "."]).map((p) => path.resolve(io.cwd, p));
  const result = scan({ root, paths });
  io.stdout(format === "mermaid" ? renderMermaid(result.graph, result.findings) : renderGraphJson(result.graph.graph));
  return 0;
}
