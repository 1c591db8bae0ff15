/** Types of hcl-corpus.mjs. */
import type { GeneratedFile } from "./gen-tf.mjs";

export function ensureGeneratedCorpus(options?: { seed?: number; targetBytes?: number }): string;
export function readTfFiles(dir: string): GeneratedFile[];
