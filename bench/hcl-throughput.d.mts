/** Types of the HCL throughput measurement (hcl-throughput.mjs). */
import type { GeneratedFile } from "./gen-tf.mjs";

export interface HclThroughput {
  files: number;
  bytes: number;
  /** Median of three warm passes over all files. */
  ms: number;
  mbPerS: number;
  coldMs: number;
  coldMbPerS: number;
  passesMs: number[];
  /** Median CPU time (user + system, whole process) of the warm passes. */
  cpuMs: number;
  cpuMbPerS: number;
  /** Files whose parse had diagnostics. */
  astErrors: number;
  referenceFiles?: number;
  referenceBytes?: number;
  referenceMs?: number;
  referenceMbPerS?: number;
  ratio?: number;
}

export interface HclParserModule {
  parseHcl(text: string, file: string): { diagnostics: unknown[] };
}

export function loadHclParser(): Promise<HclParserModule>;
export function measureHclThroughput(
  files: GeneratedFile[],
  options?: { hcl?: HclParserModule; referenceSampleFiles?: number; reference?: boolean },
): Promise<HclThroughput>;
export function measureHclMemory(
  files: GeneratedFile[],
  hcl: HclParserModule,
): { astHeapMB: number; peakRssMB: number; gcExposed: boolean };
