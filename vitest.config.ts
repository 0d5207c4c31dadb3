import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // WebGPU tests share one Dawn device per worker; two cores here.
    maxWorkers: 2,
    // DLNET_TEST_CPU=FILE: one JSON line of CPU seconds per test file (test/setup/cpu-usage.ts).
    setupFiles: process.env.DLNET_TEST_CPU ? ["test/setup/cpu-usage.ts"] : [],
  },
});
