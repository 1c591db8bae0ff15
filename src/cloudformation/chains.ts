/**
 * Values of a template set that are defined by other such values: a mirrored
 * attribute (`!GetAtt Subnet.VpcId` is the subnet's `VpcId` property, which
 * may be another `!GetAtt`), a nested stack's output, an export. A template
 * can chain them as long as it likes, so they are computed once each
 * (memoized: a chain of N links takes steps linear in N) and never recurse
 * deeper than `maxDepth` links: a link deeper than that is deferred — the
 * attempt in progress is abandoned, the deferred link is computed first from
 * an explicit stack, and the attempt is retried, now finding it memoized.
 * Each abandoned attempt costs at most `maxDepth` links, once per `maxDepth`
 * links of the chain, so the steps stay linear and the call stack stays
 * bounded by `maxDepth` whatever the input.
 *
 * A link met again while it is being computed (on the call stack or waiting
 * on the explicit stack) is a cycle: `null`, and the caller falls back to the
 * link's Unknown (CloudFormation rejects circular dependencies anyway).
 */
import type { Value } from "../core/value.js";

/** Links computed inside one another before the deepest is deferred: far below the engine's stack. */
export const MAX_CHAIN_DEPTH = 16;

type Compute = () => Value | undefined;

/** Thrown through the resolver to abandon an attempt; caught only by `DependencyChains`. */
class Deferred {
  constructor(
    readonly key: string,
    readonly compute: Compute,
  ) {}
}

export class DependencyChains {
  private readonly memo = new Map<string, Value | undefined>();
  /** Links being computed, on the call stack. */
  private readonly computing = new Set<string>();
  /** Links waiting on the explicit stack for a deeper one. */
  private readonly waiting = new Set<string>();
  private depth = 0;

  constructor(private readonly maxDepth = MAX_CHAIN_DEPTH) {}

  /** The value of the link `key`, computed by `compute` once; `null` when it is part of a cycle. */
  get(key: string, compute: Compute): Value | undefined | null {
    if (this.memo.has(key)) return this.memo.get(key);
    if (this.computing.has(key) || this.waiting.has(key)) return null;
    if (this.depth >= this.maxDepth) throw new Deferred(key, compute);
    if (this.depth > 0) return this.run(key, compute);
    const pending = [new Deferred(key, compute)];
    try {
      while (pending.length > 0) {
        const top = pending[pending.length - 1]!;
        this.waiting.delete(top.key);
        try {
          this.run(top.key, top.compute);
          pending.pop();
        } catch (error) {
          if (!(error instanceof Deferred)) throw error;
          this.waiting.add(top.key);
          this.waiting.add(error.key);
          pending.push(error);
        }
      }
    } finally {
      this.waiting.clear();
    }
    return this.memo.get(key);
  }

  private run(key: string, compute: Compute): Value | undefined {
    this.computing.add(key);
    this.depth++;
    try {
      const value = compute();
      this.memo.set(key, value);
      return value;
    } finally {
      this.depth--;
      this.computing.delete(key);
    }
  }
}
