import { defineConfig } from "vitest/config";

// On a machine without a GPU the WebGPU adapter is lavapipe (Mesa's Vulkan on the CPU), which compiles
// each new kernel with LLVM: about a second of CPU on a cold shader cache, much of it in LLVM's
// optimization passes. The tests' kernels run on small shapes, so the passes cost far more than
// they save; GALLIVM_PERF=nopt skips them (the same WGSL, SPIR-V and arithmetic; only the machine code
// is less tuned). Set for the test workers and every process they start; a value in the environment wins.
process.env.GALLIVM_PERF ??= "nopt";
// lavapipe spreads a dispatch's workgroups over LP_NUM_THREADS threads (default: one per core). With
// two test workers on two cores that is four threads handing work to each other; one thread per
// worker does the same work (each workgroup still runs on one thread, as before) with ~20% less CPU:
// test/runtime/webgpu/{executor,reuse,recurrent} + codegen/wgsl/matmul, two workers, cold shader
// cache, 125.6 and 129.3 s CPU (65.6 and 66.2 s wall) by default, 98.2 and 104.5 (51.7 and 55.3) with one.
process.env.LP_NUM_THREADS ??= "1";

// Test files that mock a module (vi.mock) need a module graph of their own: in a shared one the
// modules under test may already hold the real module from an earlier file.
const ISOLATED = ["test/runtime/train/held-out.test.ts"];

/** What both projects run with. */
const common = {
  pool: "forks" as const,
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // DLNET_TEST_CPU=FILE: one JSON line of CPU seconds per test file (test/setup/cpu-usage.ts), counted
  // after after-file.ts has stopped what the file started (after-hooks run last registered first).
  setupFiles: [...(process.env.DLNET_TEST_CPU ? ["test/setup/cpu-usage.ts"] : []), "test/setup/after-file.ts"],
};

export default defineConfig({
  test: {
    // Two cores here. Set here only: a project that inherited it (extends: true) would keep 2
    // over the command line's --maxWorkers.
    maxWorkers: 2,
    projects: [
      // Not isolated: a worker runs file after file in one process and module graph, so each file
      // no longer pays a process start and the evaluation of the compiler's modules, Dawn's and
      // vitest's own (about 1.5 s of CPU per file, ~130 files). Module state (node interning, the
      // MNIST cache) outlives a file; a file's own state (a WebGPU device, temp folders) is its own.
      { test: { ...common, name: "shared", include: ["test/**/*.test.ts"], exclude: ISOLATED, isolate: false } },
      { test: { ...common, name: "isolated", include: ISOLATED } },
    ],
  },
});
