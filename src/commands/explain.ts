/** `sagemaker-vpc-guard explain SMBT012`: a rule's doc, the same Markdown as docs/rules/SMBT012.md. */
import { UsageError } from "../core/errors.js";
import { ruleById } from "../../rules/index.js";
import { ruleDoc } from "../report/rule-doc.js";
import type { CommandIO } from "./debug.js";

export function explainRule(args: readonly string[], io: CommandIO): number {
  const [id, ...rest] = args;
  if (id === undefined || rest.length > 0) throw new UsageError("explain needs one rule id, e.g. explain SMBT001");
  const rule = ruleById(id.toUpperCase());
  if (!rule) throw new UsageError(`unknown rule ${JSON.stringify(id)}; run sagemaker-vpc-guard rules for the list`);
  io.stdout(ruleDoc(rule));
  return 0;
}
