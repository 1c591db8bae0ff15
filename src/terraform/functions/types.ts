/**
 * The contract between the Terraform expression evaluator and the function
 * library. Functions take evaluated arguments and return a value; they never
 * throw for bad input (an invalid call is an Unknown or an error value the
 * evaluator turns into a diagnostic) and never read outside the scan root.
 */
import type { SourceRange } from "../../core/range.js";
import type { Value } from "../../core/value.js";

export interface FunctionContext {
  /** The call expression's range: the range of the value the function returns. */
  range: SourceRange;
  /** `path.module` of the calling module, relative to the root (`.` for the root). */
  moduleDir: string;
  /**
   * Reads a file for `file`/`templatefile`/`fileexists`, relative to the
   * process's working directory as Terraform does (the caller resolves it),
   * only inside the scan root.
   */
  readFile(path: string): { text: string; file: string } | { refused: string };
  /** Renders `templatefile`'s template text with the given variables (the evaluator owns templates). */
  renderTemplate(text: string, file: string, variables: Value): Value;
  /**
   * Optional: whether a file exists, for `fileexists`, with the same path rules
   * and refusals as `readFile`. Without it, `fileexists` asks `readFile` and
   * a refusal makes the answer Unknown.
   */
  fileExists?(path: string): boolean | { refused: string };
  /**
   * Optional: `abspath`'s answer, the absolute form of a path relative to the
   * working directory. Without it, `abspath` of a relative path is an Unknown
   * string that is known to end with the cleaned path (absolute paths are
   * machine-specific).
   */
  absolutePath?(path: string): string;
}

/** An invalid call: the evaluator reports it at `range` and the result is Unknown. */
export interface FunctionError {
  kind: "function-error";
  message: string;
}

export type FunctionResult = Value | FunctionError;

export interface TerraformFunction {
  /**
   * Whether the function is called with arguments that are themselves Unknown.
   * When false (most functions, as in Terraform), an Unknown argument makes the
   * result Unknown without calling it. Known collections that *contain*
   * Unknowns are always passed in: each function handles them (e.g. `length`
   * of a list with Unknown elements is known).
   */
  acceptsUnknown?: boolean;
  call(args: Value[], context: FunctionContext): FunctionResult;
}
