/** `shard: i/n` — this run is shard i of n (1-based). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n`; returns undefined when the text is not a valid shard. */
export function parseShard(text: string): Shard | undefined {
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text);
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

/** The SARIF category of a shard: `<category>shard-i-of-n/`. */
export function shardCategory(category: string, shard: Shard | undefined): string {
  if (!shard) return category;
  const base = category.endsWith("/") ? category : `${category}/`;
  return `${base}shard-${shard.index}-of-${shard.count}/`;
}
