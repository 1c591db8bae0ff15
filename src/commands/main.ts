/** The CLI's dispatcher: subcommands, `--help`, `--version` and exit codes. */
import { UsageError } from "../core/errors.js";
import { TOOL_NAME, TOOL_VERSION } from "../tool.js";
import { iamDataVersions } from "../analysis/iam-data.js";
import { debugCommands, debugUsage, type CommandIO } from "./debug.js";
import { runScan } from "./scan.js";
import { runGraph } from "./graph.js";
import { listRules } from "./rules.js";
import { explainRule } from "./explain.js";
import { runBaseline } from "./baseline.js";

const USAGE = `Usage: ${TOOL_NAME} <command> [options]

Checks that SageMaker batch transform jobs can run in a private VPC, in Terraform
and CloudFormation.

Commands:
  scan [PATH...]        scan and report findings (see: ${TOOL_NAME} scan --help)
  graph [PATH...]       print the resource graph as JSON or Mermaid (see: ${TOOL_NAME} graph --help)
  rules                 list the rules (--format json for the catalog as JSON)
  explain RULE          print a rule's documentation (e.g. explain SMBT001)
  baseline create FILE  record the current findings; scan --baseline FILE then reports only new ones
  debug <what> ...      print one stage's output as JSON

Options:
  --help                show this help
  --version             print the version
`;

export async function runCli(argv: readonly string[], io: CommandIO): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case undefined:
      case "--help":
      case "-h":
      case "help":
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      case "--version":
      case "-v":
        // The version, then the IAM data the build compacted (RULES.md SMBT003: how current it is).
        io.stdout(`${[TOOL_VERSION, ...iamDataVersions()].join("\n")}\n`);
        return 0;
      case "scan":
        return await runScan(args, io);
      case "graph":
        return await runGraph(args, io);
      case "rules":
        return listRules(args, io);
      case "explain":
        return explainRule(args, io);
      case "baseline":
        return await runBaseline(args, io);
      case "debug": {
        const [what, ...rest] = args;
        if (what === "--help" || what === "-h") {
          io.stdout(debugUsage());
          return 0;
        }
        const debug = what === undefined ? undefined : debugCommands[what];
        if (!debug) {
          const known = Object.keys(debugCommands).sort().join(", ");
          throw new UsageError(`debug needs one of: ${known || "(none)"}`);
        }
        return await debug.run(rest, io);
      }
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}; run ${TOOL_NAME} --help`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${TOOL_NAME}: ${error.message}\n`);
      return 2;
    }
    if (isArgumentError(error)) {
      // Node's wording after the first sentence differs between versions.
      const sentence = (error as Error).message.split(". ", 1)[0];
      io.stderr(`${TOOL_NAME}: ${sentence}; run ${TOOL_NAME} ${command} --help\n`);
      return 2;
    }
    io.stderr(`${TOOL_NAME}: internal error: ${firstLine(error)}\n`);
    return 2;
  }
}

/** `node:util` parseArgs reports unknown or malformed flags with these codes. */
function isArgumentError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split("\n", 1)[0] ?? "";
}
