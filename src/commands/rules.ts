/** `sagemaker-vpc-guard rules`: the rules, one per line: id, default level, title. */
import { RULES } from "../../rules/index.js";
import type { CommandIO } from "./debug.js";

export function listRules(io: CommandIO): number {
  const width = Math.max(...RULES.map((rule) => rule.level.length));
  for (const rule of RULES) io.stdout(`${rule.id}  ${rule.level.padEnd(width)}  ${rule.title}\n`);
  return 0;
}
