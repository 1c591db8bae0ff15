/** The fake GitHub API refuses review payloads as GitHub does, so that tests of the review cannot pass on a payload GitHub would reject. */
import { afterEach, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub } from "./fake-github.js";

const PULL = "/repos/acme/infra/pulls/7";
// Two hunks: new lines 3-5 (4 added) and 20-21 (21 added); old line 4 removed in the first.
const PATCH = "@@ -3,3 +3,3 @@\n a\n-b\n+B\n c\n@@ -20,1 +20,2 @@\n x\n+y";

describe("the fake GitHub API's review check", () => {
  let github: FakeGitHub | undefined;
  afterEach(async () => {
    await github?.close();
    github = undefined;
  });

  async function post(comments: object[]): Promise<{ status: number; body: unknown }> {
    github ??= await startFakeGitHub({
      [`GET ${PULL}/files?per_page=100`]: { body: [{ filename: "main.tf", status: "modified", patch: PATCH }] },
      [`POST ${PULL}/reviews`]: { body: { id: 1 } },
    });
    const response = await fetch(`${github.url}${PULL}/reviews`, {
      method: "POST",
      body: JSON.stringify({ commit_id: "abc", event: "COMMENT", body: "b", comments }),
    });
    return { status: response.status, body: await response.json() };
  }

  const comment = (fields: object) => ({ path: "main.tf", body: "x", side: "RIGHT", ...fields });

  it.each([
    [[comment({ line: 4 })], 200, undefined],
    [[comment({ line: 21, start_line: 20, start_side: "RIGHT" })], 200, undefined],
    [[comment({ line: 4, side: "LEFT" })], 200, undefined],
    [[comment({ line: 6 })], 422, "Pull request review thread line must be part of the diff"],
    [[comment({ line: 4, path: "other.tf" })], 422, "Pull request review thread line must be part of the diff"],
    [
      [comment({ line: 20, start_line: 5, start_side: "RIGHT" })],
      422,
      "Pull request review thread start line must be part of the same hunk as the line",
    ],
    [
      [comment({ line: 4, start_line: 4, start_side: "RIGHT" })],
      422,
      "Pull request review thread start line must precede the end line",
    ],
    [[comment({ line: 5, start_line: 3, start_side: "LEFT" })], 422, "start_side and side must be the same side"],
  ])("%j → %i", async (comments, status, error) => {
    const reply = await post(comments);
    expect(reply.status).toBe(status);
    if (error) expect((reply.body as { errors: string[] }).errors).toEqual([error]);
    else expect(reply.body).toEqual({ id: 1 });
  });

  it("serves a list of replies in order, then its last", async () => {
    github = await startFakeGitHub({ "GET /x": [{ status: 502, body: { message: "Bad Gateway" } }, { body: [] }] });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${github.url}/x`)).status);
    expect(statuses).toEqual([502, 200, 200]);
  });
});
