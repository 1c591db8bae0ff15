/** Types of the deterministic Terraform corpus generator (gen-tf.mjs). */
export interface GeneratedFile {
  /** Relative path, e.g. `module-3/file-17.tf`. */
  path: string;
  text: string;
}

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

export const GENERATOR_VERSION: number;
export function createRng(seed: number): Rng;
export function generateFile(seed: number, index: number): GeneratedFile;
export function generateCorpus(options?: { seed?: number; targetBytes?: number; files?: number }): GeneratedFile[];
