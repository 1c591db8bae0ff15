import path from "node:path";
import { it } from "vitest";
import { fuzzTarget, loadCorpus, TARGETS } from "/work/main/test/robustness/fuzz-targets.js";
const corpus = loadCorpus(path.resolve("/work/main/fixtures"));
it("x", () => {
  for (const t of (process.env.T ?? TARGETS.join(",")).split(",")) {
    for (const seed of [1, 2, 3]) {
      const r = fuzzTarget(t as any, corpus, seed, Number(process.env.N ?? 500));
      console.log(t, seed, r.inputs, r.failure ? r.failure.message + " INPUT:" + JSON.stringify(r.failure.input.slice(0, 300)) : "ok");
    }
  }
});
