/** Types of the deterministic monorepo generator (gen-monorepo.mjs). */
import type { GeneratedFile } from "./gen-tf.mjs";

export function generateMonorepo(options?: { seed?: number; stacks?: number }): GeneratedFile[];
export function generateStack(seed: number, index: number): GeneratedFile[];
export function writeMonorepo(dir: string, options?: { seed?: number; stacks?: number }): number;
