// Acquiring a WebGPU device: the one place that knows whether we run in Node
// (Dawn through the `webgpu` package, on lavapipe when there is no GPU) or in a
// browser (navigator.gpu). Everything else takes the returned device.

/** The limits the compiler plans against (the adapter's real ones, requested in full). */
export interface DeviceLimits {
  maxStorageBuffersPerShaderStage: number;
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxComputeWorkgroupStorageSize: number;
  maxComputeInvocationsPerWorkgroup: number;
  maxComputeWorkgroupSizeX: number;
  maxComputeWorkgroupSizeY: number;
  maxComputeWorkgroupsPerDimension: number;
}

const LIMIT_KEYS: (keyof DeviceLimits)[] = [
  "maxStorageBuffersPerShaderStage",
  "maxStorageBufferBindingSize",
  "maxBufferSize",
  "maxComputeWorkgroupStorageSize",
  "maxComputeInvocationsPerWorkgroup",
  "maxComputeWorkgroupSizeX",
  "maxComputeWorkgroupSizeY",
  "maxComputeWorkgroupsPerDimension",
];

/** WebGPU's guaranteed minimums: what a plan made without a device must fit. */
export const DEFAULT_LIMITS: DeviceLimits = {
  maxStorageBuffersPerShaderStage: 8,
  maxStorageBufferBindingSize: 128 * 1024 * 1024,
  maxBufferSize: 256 * 1024 * 1024,
  maxComputeWorkgroupStorageSize: 16384,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupSizeX: 256,
  maxComputeWorkgroupSizeY: 256,
  maxComputeWorkgroupsPerDimension: 65535,
};

export interface GpuHandle {
  device: GPUDevice;
  adapter: GPUAdapter;
  limits: DeviceLimits;
  /**
   * Lanes per subgroup when the device has the `subgroups` feature enabled
   * and the adapter reports one fixed size (lavapipe: 8); else undefined.
   */
  subgroupSize?: number;
  /** Set once the device is lost; an executor checks it before each submission. */
  lost?: string;
  /** Destroys the device and drops the Dawn instance so Node can exit. */
  release(): void;
}

export type AcquireResult = GpuHandle | { error: string };

export interface AcquireOptions {
  /** Extra Dawn flags for Node (`create([...])`), e.g. "backend=vulkan". */
  dawnFlags?: string[];
}

/**
 * Finds an adapter and opens a device with the adapter's real limits. Never
 * throws: every failure (no WebGPU, no adapter, device refused) is an `error`.
 */
export async function acquireDevice(options: AcquireOptions = {}): Promise<AcquireResult> {
  let gpu: GPU | undefined;
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu && !isNode()) {
    gpu = nav.gpu;
  } else if (isNode()) {
    const r = await nodeGpu(options.dawnFlags ?? []);
    if ("error" in r) return r;
    gpu = r.gpu;
  } else {
    return {
      error: "WebGPU is not available in this browser (navigator.gpu is missing)",
    };
  }
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
  } catch (e) {
    return { error: `WebGPU adapter request failed: ${(e as Error).message}` };
  }
  if (!adapter) {
    return {
      error: isNode()
        ? "no WebGPU adapter found (no GPU, and no software Vulkan driver such as Mesa's lavapipe is installed)"
        : "this browser has WebGPU but offers no adapter (no usable GPU, or WebGPU is disabled or blocklisted for it: see chrome://gpu)",
    };
  }
  const requiredLimits: Record<string, number> = {};
  for (const k of LIMIT_KEYS) requiredLimits[k] = adapter.limits[k];
  let device: GPUDevice;
  try {
    // Subgroups let the CPU-adapter GEMM share loads between lanes (gemm-broadcast.ts).
    const requiredFeatures = adapter.features.has("subgroups") ? ["subgroups" as GPUFeatureName] : [];
    device = await adapter.requestDevice({ requiredLimits, requiredFeatures });
  } catch (e) {
    return { error: `WebGPU device request failed: ${(e as Error).message}` };
  }
  const limits = {} as DeviceLimits;
  for (const k of LIMIT_KEYS) limits[k] = device.limits[k];
  // Dawn's instance must stay referenced while the device is used, and be
  // dropped afterwards or Node never exits (dawn.node's lifetime rule).
  const keepAlive: { gpu?: GPU } = { gpu };
  const info = adapter.info as GPUAdapterInfo & { subgroupMinSize?: number; subgroupMaxSize?: number };
  const fixedSubgroup =
    device.features.has("subgroups") && info.subgroupMinSize && info.subgroupMinSize === info.subgroupMaxSize ? info.subgroupMinSize : undefined;
  const handle: GpuHandle = {
    device,
    adapter,
    limits,
    subgroupSize: fixedSubgroup,
    release() {
      handle.lost ??= "device released";
      device.destroy();
      keepAlive.gpu = undefined;
    },
  };
  Object.defineProperty(handle, "_keepAlive", { value: keepAlive });
  device.lost.then((info) => {
    handle.lost ??= `WebGPU device lost (${info.reason}): ${info.message}`;
  });
  return handle;
}

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === "string";
}

async function nodeGpu(flags: string[]): Promise<{ gpu: GPU } | { error: string }> {
  const env = (
    globalThis as unknown as {
      process: { env: Record<string, string | undefined> };
    }
  ).process.env;
  // Mesa complains on stderr when XDG_RUNTIME_DIR is unset or unwritable.
  if (!env.XDG_RUNTIME_DIR) {
    const os = await import("node:os");
    const fs = await import("node:fs");
    const dir = `${os.tmpdir()}/xdg-${process.getuid?.() ?? "user"}`;
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      env.XDG_RUNTIME_DIR = dir;
    } catch {
      // Only a warning from Mesa follows; not worth failing over.
    }
  }
  let mod: { create(flags: string[]): GPU; globals: object };
  try {
    mod = (await import("webgpu")) as unknown as typeof mod;
  } catch (e) {
    return {
      error: `the 'webgpu' package (Dawn for Node) cannot be loaded: ${(e as Error).message}`,
    };
  }
  // GPUBufferUsage, GPUMapMode, ... are globals in a browser; Dawn exports them.
  for (const [k, v] of Object.entries(mod.globals)) {
    if (!(k in globalThis)) (globalThis as Record<string, unknown>)[k] = v;
  }
  try {
    return { gpu: mod.create(flags) };
  } catch (e) {
    return { error: `Dawn failed to start: ${(e as Error).message}` };
  }
}
