import { hcl2jsonCommand } from "../hcl/debug-hcl2json.js";
import { runCloudFormationDebug } from "../cloudformation/debug.js";
import { runTerraformDebug } from "../terraform/debug.js";

/**
 * `sagemaker-vpc-guard debug <what> ...`: inspection commands that print one
 * stage's output as JSON. Each entry is owned by the stage it inspects.
 */
export interface DebugCommand {
  summary: string;
  /** Runs the command; returns the process exit code. */
  run(args: string[], io: CommandIO): Promise<number>;
}

export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

export const debugCommands: Record<string, DebugCommand> = {
  hcl2json: hcl2jsonCommand,
  cloudformation: {
    summary: "resolved CloudFormation, SAM and CDK resources as JSON",
    run: runCloudFormationDebug,
  },
  terraform: {
    summary: "Terraform resource instances with evaluated attributes as JSON",
    run: runTerraformDebug,
  },
};

/** `debug --help`: each inspection command with its one-line summary. */
export function debugUsage(): string {
  const names = Object.keys(debugCommands).sort();
  const width = Math.max(...names.map((name) => name.length));
  const rows = names.map((name) => `  ${name.padEnd(width)}  ${debugCommands[name]!.summary}`);
  return `Usage: sagemaker-vpc-guard debug <what> [ARGS...] [options]

Prints one stage's output as JSON (see: sagemaker-vpc-guard debug <what> --help).

What:
${rows.join("\n")}
`;
}
