/** Every rule, in id order. */
import type { Rule } from "./rule.js";
import { SMBT000 } from "./SMBT000.js";
import { SMBT001 } from "./SMBT001.js";

export const RULES: readonly Rule[] = [SMBT000, SMBT001];

export const ruleById = (id: string): Rule | undefined => RULES.find((rule) => rule.id === id);
