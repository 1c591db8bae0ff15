import { describe, expect, it } from "vitest";
import { progressLine } from "../../src/report/progress.js";

function fakeTerminal(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

describe("the progress line", () => {
  it("appears on a terminal once the scan has run for a second, and is erased at the end", () => {
    let clock = 0;
    const { stream, written } = fakeTerminal(true);
    const progress = progressLine(stream, () => clock);
    progress.update("reading CloudFormation", 120);
    clock = 999;
    progress.update("evaluating Terraform", 120);
    expect(written).toEqual([]);
    clock = 1000;
    progress.update("building the graph", 120);
    progress.update("running the rules", 1);
    progress.done();
    expect(written).toEqual([
      "\r\u001b[Ksagemaker-vpc-guard: building the graph (120 files)…",
      "\r\u001b[Ksagemaker-vpc-guard: running the rules (1 file)…",
      "\r\u001b[K",
    ]);
  });

  it("prints nothing for a quick scan, or when stderr is not a terminal", () => {
    let clock = 0;
    const quick = fakeTerminal(true);
    const fast = progressLine(quick.stream, () => clock);
    fast.update("running the rules", 3);
    fast.done();
    expect(quick.written).toEqual([]);

    const piped = fakeTerminal(false);
    const slow = progressLine(piped.stream, () => clock);
    clock = 5000;
    slow.update("running the rules", 3);
    slow.done();
    expect(piped.written).toEqual([]);
  });
});
