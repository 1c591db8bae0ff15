export declare const NODE_BUNDLE: Record<string, unknown>;
export declare function bundleForNode(entry: string, outfile: string): Promise<URL>;
