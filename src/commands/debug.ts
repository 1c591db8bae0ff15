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

export const debugCommands: Record<string, DebugCommand> = {};
