/**
 * A local stand-in for the GitHub REST API: listens on 127.0.0.1 only, answers
 * from a route table, records every request, and closes itself after a while
 * even if a test forgets to.
 *
 * `POST /repos/O/R/pulls/N/reviews` is checked as GitHub checks it before the
 * route answers: each comment's `line` (and `start_line`) must be a line of the
 * diff on its side, `start_line` must come before `line` in the same hunk, and
 * a comment has one side. The diff is the one the route table's
 * `GET /repos/O/R/pulls/N/files…` pages serve. A payload GitHub would refuse gets
 * GitHub's 422 whatever the route says.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  body?: unknown;
  authorization?: string;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * `METHOD /path?query` → reply; unknown routes get 404. A list of replies is
 * served in order, its last reply from then on (a transient error, then success).
 */
export type Routes = Record<string, Reply | Reply[] | ((url: string) => Reply)>;

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const MAX_LIFETIME_MS = 60_000;
const MAX_BODY_BYTES = 1024 * 1024;
const REVIEWS = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/;

export async function startFakeGitHub(routes: Routes): Promise<FakeGitHub> {
  const requests: RecordedRequest[] = [];
  const served = new Map<string, number>();
  let base = "";
  const replyOf = (key: string): Reply | undefined => {
    const route = routes[key];
    if (typeof route === "function") return route(base);
    if (Array.isArray(route)) {
      const index = served.get(key) ?? 0;
      served.set(key, index + 1);
      return route[Math.min(index, route.length - 1)];
    }
    return route;
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy();
      else chunks.push(chunk);
    });
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const recorded: RecordedRequest = { method: request.method ?? "", path: request.url ?? "" };
      if (text) recorded.body = JSON.parse(text);
      if (request.headers.authorization) recorded.authorization = request.headers.authorization;
      requests.push(recorded);
      const key = `${recorded.method} ${recorded.path}`;
      const review = recorded.method === "POST" ? REVIEWS.exec(recorded.path) : null;
      const refusal = review
        ? reviewProblems(recorded.body, diffOf(routes, base, review[0].replace(/reviews$/, "files")))
        : [];
      const reply =
        refusal.length > 0
          ? {
              status: 422,
              body: {
                message: "Unprocessable Entity",
                errors: refusal,
                documentation_url: "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request",
                status: "422",
              },
            }
          : (replyOf(key) ?? { status: 404, body: { message: "Not Found" } });
      response.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const timer = setTimeout(() => server.close(), MAX_LIFETIME_MS);
  timer.unref();
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One file's diff: for each side, the hunk each line it shows belongs to. */
interface FileDiff {
  RIGHT: Map<number, number>;
  LEFT: Map<number, number>;
}

/** The pull request's files as every page of its `files` routes serves them. */
function diffOf(routes: Routes, base: string, filesPath: string): Map<string, FileDiff> {
  const diffs = new Map<string, FileDiff>();
  for (const [key, route] of Object.entries(routes)) {
    if (!key.startsWith(`GET ${filesPath}`)) continue;
    const reply = typeof route === "function" ? route(base) : Array.isArray(route) ? route[route.length - 1] : route;
    for (const file of (reply?.body ?? []) as { filename: string; patch?: string }[])
      diffs.set(file.filename, hunkLines(file.patch));
  }
  return diffs;
}

function hunkLines(patch: string | undefined): FileDiff {
  const diff: FileDiff = { RIGHT: new Map(), LEFT: new Map() };
  let hunk = -1;
  let left = 0;
  let right = 0;
  for (const line of (patch ?? "").split("\n")) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (header) {
      hunk++;
      left = Number(header[1]);
      right = Number(header[2]);
    } else if (hunk < 0 || line.startsWith("\\")) {
      // before the first hunk; "\ No newline at end of file"
    } else if (line.startsWith("+")) diff.RIGHT.set(right++, hunk);
    else if (line.startsWith("-")) diff.LEFT.set(left++, hunk);
    else {
      diff.RIGHT.set(right++, hunk);
      diff.LEFT.set(left++, hunk);
    }
  }
  return diff;
}

/** What GitHub refuses in a review payload, in its words; empty when it accepts it. */
function reviewProblems(body: unknown, diffs: Map<string, FileDiff>): string[] {
  const review = (body ?? {}) as { event?: unknown; commit_id?: unknown; comments?: unknown };
  const problems: string[] = [];
  if (review.event !== undefined && !["APPROVE", "REQUEST_CHANGES", "COMMENT"].includes(String(review.event)))
    problems.push(`event ${JSON.stringify(review.event)} is not one of APPROVE, REQUEST_CHANGES, COMMENT`);
  if (review.comments === undefined) return problems;
  if (!Array.isArray(review.comments)) return [...problems, "comments must be an array"];
  for (const comment of review.comments as Record<string, unknown>[]) {
    const { path, line, side = "RIGHT", start_line: startLine, start_side: startSide, body: text } = comment;
    if (typeof path !== "string" || typeof text !== "string" || typeof line !== "number") {
      problems.push("Each comment needs a path, a body and a line");
      continue;
    }
    if (side !== "RIGHT" && side !== "LEFT") {
      problems.push(`side ${JSON.stringify(side)} is not LEFT or RIGHT`);
      continue;
    }
    if (startSide !== undefined && startSide !== side) {
      problems.push("start_side and side must be the same side");
      continue;
    }
    if (startSide !== undefined && startLine === undefined) {
      problems.push("start_side needs a start_line");
      continue;
    }
    const shown = diffs.get(path)?.[side];
    const hunk = shown?.get(line);
    if (hunk === undefined) {
      problems.push("Pull request review thread line must be part of the diff");
      continue;
    }
    if (startLine === undefined) continue;
    if (typeof startLine !== "number" || startLine >= line) {
      problems.push("Pull request review thread start line must precede the end line");
      continue;
    }
    if (shown!.get(startLine) !== hunk)
      problems.push("Pull request review thread start line must be part of the same hunk as the line");
  }
  return problems;
}
