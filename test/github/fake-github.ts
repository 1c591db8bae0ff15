/**
 * A local stand-in for the GitHub REST API: listens on 127.0.0.1 only, answers
 * from a route table, records every request, and closes itself after a while
 * even if a test forgets to.
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

/** `METHOD /path?query` → reply; unknown routes get 404. */
export type Routes = Record<string, Reply | ((url: string) => Reply)>;

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const MAX_LIFETIME_MS = 60_000;
const MAX_BODY_BYTES = 1024 * 1024;

export async function startFakeGitHub(routes: Routes): Promise<FakeGitHub> {
  const requests: RecordedRequest[] = [];
  let base = "";
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
      const route = routes[`${recorded.method} ${recorded.path}`];
      const reply =
        typeof route === "function" ? route(base) : (route ?? { status: 404, body: { message: "Not Found" } });
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
