/** Types of the random expression generator (gen-hcl-expr.mjs). */
import type { GeneratedFile } from "./gen-tf.mjs";

export function generateExpressionFiles(options?: { seed?: number; count?: number }): GeneratedFile[];
