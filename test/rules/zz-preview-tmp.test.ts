import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { it } from "vitest";
import { loadTerraform } from "../../src/terraform/index.js";
import { graphOf } from "../../src/graph/index.js";
import { workflowGraphSources } from "../../src/graph/adapters/workflows.js";
import { runRules } from "../../rules/run.js";
import { RULES } from "../../rules/index.js";

function tfFiles(dir: string, base = dir): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const n of readdirSync(dir)) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) out.push(...tfFiles(p, base));
    else if (n.endsWith(".tf")) out.push({ path: path.relative(base, p), text: readFileSync(p, "utf8") });
  }
  return out;
}
it("preview", () => {
  for (const dir of (process.env.DIRS ?? "").split(",")) {
    const files = tfFiles(dir);
    const loaded = loadTerraform(files, { root: dir, readFile: (f: string) => { try { return readFileSync(path.join(dir, f), "utf8"); } catch { return undefined; } }, listDir: (d: string) => { try { return readdirSync(path.join(dir, d)); } catch { return undefined; } } } as never);
    const wf = workflowGraphSources({ terraform: loaded.instances as never });
    const graph = graphOf({ terraform: loaded.instances, extra: [wf] });
    const f = runRules(RULES, { graph, scope: "all" }).filter((x) => !["SMBT007", "SMBT009", "SMBT010"].includes(x.ruleId));
    console.log(`== ${dir} jobs=${graph.nodesOfKind("transform-job").length}\n` + f.map((x) => `${x.range.file}:${x.range.start.line}:${x.range.start.column} ${x.level} ${x.ruleId} ${x.message}`).join("\n"));
  }
});
