export declare const IAM_DATA_FILE: string;
export declare const IAM_DATA_FORMAT: number;
export declare function compactManagedPolicies(): {
  package: string;
  version: string;
  newestPolicyVersion: string;
  policies: Record<string, { version: string; updated: string; document: unknown }>;
};
export declare function compactActions(): {
  package: string;
  version: string;
  updatedAt: string;
  services: Record<string, { actions: string[]; wildcardOnly: number[] }>;
};
export declare function compactIamData(): {
  format: number;
  managedPolicies: ReturnType<typeof compactManagedPolicies>;
  actions: ReturnType<typeof compactActions>;
};
export declare function installedVersions(): { managedPolicies: string; actions: string };
export declare function writeIamData(outFile?: string): number;
