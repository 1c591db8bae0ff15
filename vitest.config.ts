import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Source ranges compare by value (test/setup.ts).
    setupFiles: ["test/setup.ts"],
    // Writes dist/iam-data.json when it is missing or stale (test/global-setup.ts).
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    pool: "threads",
  },
});
