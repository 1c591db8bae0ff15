/**
 * The configuration file and the flags (CLI) or inputs (action) together: a
 * flag or input given wins over the file, lists (excludes, var files) add up,
 * and maps (vars, parameters) merge key by key.
 */
import type { Config } from "./config.js";
import type { ScanLimits } from "../core/limits.js";

export interface Overrides {
  scope?: "all" | "referenced";
  exclude?: readonly string[];
  varFiles?: readonly string[];
  vars?: Readonly<Record<string, string>>;
  cfnParameters?: Readonly<Record<string, string>>;
  limits?: Partial<ScanLimits>;
  workers?: number | "auto";
}

export interface MergedSettings {
  scope: "all" | "referenced";
  exclude: string[];
  ruleSettings: { rules: Config["rules"]; notes: boolean };
  terraformVarFiles: string[];
  terraformVars: Record<string, string>;
  cfnParameters: Record<string, string> | undefined;
  /** Limits set by the file or the flags (a flag wins, limit by limit); the rest take their defaults. */
  limits: Partial<ScanLimits>;
  /** Worker threads for parsing Terraform (`src/parallel/`): the flag or input, else the file's; undefined: none. */
  workers: number | "auto" | undefined;
}

export function mergeSettings(config: Config, overrides: Overrides): MergedSettings {
  const parameters = { ...config.cfnParameters, ...overrides.cfnParameters };
  return {
    scope: overrides.scope ?? config.scope ?? "all",
    exclude: [...config.exclude, ...(overrides.exclude ?? [])],
    ruleSettings: { rules: config.rules, notes: config.notes },
    terraformVarFiles: [...config.varFiles, ...(overrides.varFiles ?? [])],
    terraformVars: { ...config.vars, ...overrides.vars },
    cfnParameters: Object.keys(parameters).length > 0 ? parameters : undefined,
    limits: { ...config.limits, ...overrides.limits },
    workers: overrides.workers ?? config.workers,
  };
}
