import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/redis-global.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: keep files in parallel but bounded, each on its own key prefix of the test Redis.
    maxWorkers: 2,
  },
});
