// One esbuild setup for every bundle Node runs: the shipped dist/ files, and the
// source entry points that benchmarks, the fuzzer and tests run outside vitest.
import { build } from "esbuild";
import { pathToFileURL } from "node:url";

export const NODE_BUNDLE = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "none",
  logLevel: "warning",
  // Some CommonJS dependencies call require(); ESM output needs one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};

/** Bundles `entry` (a TypeScript module) into `outfile` and returns its URL, ready to `import()` or to start as a worker. */
export async function bundleForNode(entry, outfile) {
  await build({ ...NODE_BUNDLE, entryPoints: [entry], outfile });
  return pathToFileURL(outfile);
}
