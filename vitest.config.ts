import { defineConfig } from "vitest/config";

// On a machine without a GPU the WebGPU adapter is lavapipe (Mesa's Vulkan on the CPU), which compiles
// each new kernel with LLVM: about a second of CPU on a cold shader cache, much of it in LLVM's
// optimization passes. The tests' kernels run on small shapes, so the passes cost far more than
// they save; GALLIVM_PERF=nopt skips them (the same WGSL, SPIR-V and arithmetic; only the machine code
// is less tuned). Set for the test workers and every process they start; a value in the environment wins.
process.env.GALLIVM_PERF ??= "nopt";

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
