import { it } from "vitest";
import { scan } from "/work/main/src/scan.js";
it("x", () => {
  const r = scan({ root: "/work/main/fixtures/terraform/semantics", paths: ["."] });
  for (const f of r.findings) if (/SMBT005|SMBT017/.test(f.ruleId)) console.log(f.ruleId, f.range.file, f.message.slice(0, 250));
});
