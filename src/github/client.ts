/**
 * The GitHub REST client: `@actions/github`'s Octokit with the retry plugin
 * (5xx and network errors, with backoff) and the throttling plugin (GitHub's
 * pacing of writes; waits out a secondary or primary rate limit when GitHub
 * says how long), and GitHub's errors as one line a user can act on.
 */
import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";

export type GitHubClient = ReturnType<typeof getOctokit>;

/** Retries of a request GitHub answered with a 5xx (or that did not reach it). */
const RETRIES = 3;
/** Waits for a rate limit longer than this are not worth a CI job's time: the request fails. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 60;
const RATE_LIMIT_RETRIES = 2;

export interface ClientLog {
  /** A retry or wait, for the log. */
  info(message: string): void;
  /** Each request and its outcome, with `RUNNER_DEBUG=1`. */
  debug(message: string): void;
}

export function gitHubClient(token: string, apiUrl: string, log: ClientLog): GitHubClient {
  const onLimit =
    (kind: string) => (retryAfter: number, options: RequestOptions, _octokit: unknown, retryCount: number) => {
      const request = `${options.method ?? "GET"} ${pathOf(expand(options))}`;
      if (retryCount >= RATE_LIMIT_RETRIES || retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) {
        log.info(`GitHub's ${kind} rate limit stopped ${request} (retry after ${retryAfter} s): not retrying.`);
        return false;
      }
      log.info(`GitHub's ${kind} rate limit stopped ${request}: retrying in ${retryAfter} s.`);
      return true;
    };
  const client = getOctokit(
    token,
    {
      baseUrl: apiUrl,
      // Not `request.retries`, which would retry every status, 4xx included.
      retry: { retries: RETRIES },
      throttle: { onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary") },
      log: {
        debug: (message: string) => log.debug(message),
        info: (message: string) => log.debug(message),
        warn: (message: string) => log.info(message),
        error: (message: string) => log.info(message),
      },
    },
    retry,
    throttling,
  );
  client.hook.after("request", (response, options) =>
    log.debug(`GitHub API: ${options.method} ${pathOf(response.url)} → ${response.status}`),
  );
  client.hook.error("request", (error) => {
    const failed = error as { status?: number; request?: { method?: string; url?: string } };
    log.debug(
      `GitHub API: ${failed.request?.method} ${pathOf(failed.request?.url)} → ${failed.status ?? oneLine(error)}`,
    );
    throw error;
  });
  return client;
}

/**
 * A failed request in one line: GitHub's status and its own message (with the
 * `errors` it lists), and the request; or the cause when GitHub was not reached.
 */
export function gitHubErrorText(error: unknown): string {
  const failed = error as { status?: number; message?: string; request?: { method?: string; url?: string } };
  const request = failed.request?.method ? ` to ${failed.request.method} ${pathOf(failed.request.url)}` : "";
  if (typeof failed.status === "number" && failed.status > 0)
    return `GitHub answered HTTP ${failed.status}${request}: ${oneLine(error)}`;
  return `GitHub could not be reached${request}: ${oneLine(error)}`;
}

type RequestOptions = { method?: string; url?: string } & Record<string, unknown>;

/** A request's URL with its `{name}` parameters filled in (the throttling plugin hands over the template). */
function expand(options: RequestOptions): string {
  return String(options.url ?? "").replace(/\{(\w+)\}/g, (whole, name: string) =>
    options[name] === undefined ? whole : encodeURIComponent(String(options[name])),
  );
}

/** The path and query of a URL: the log does not repeat the API's address. */
function pathOf(url: string | undefined): string {
  if (!url) return "";
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${text}${cause}`.replace(/\s*\r?\n\s*/g, " ").trim();
}
