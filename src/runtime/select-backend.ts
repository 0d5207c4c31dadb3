// Choosing where to run: `--backend webgpu` (the default) or `cpu`. Without
// a GPU adapter the default falls back to the CPU reference backend with a
// one-line notice; an explicit `--backend webgpu` without one is an error.

import { UserError } from "../compiler/diagnostics";
import { CpuBackend, type Backend, type BackendName } from "./backend";

export interface SelectedBackend {
  backend: Backend;
  /** One line for the user when the choice was not the one asked for. */
  notice?: string;
}

export async function selectBackend(requested: BackendName | undefined): Promise<SelectedBackend> {
  if (requested === "cpu") return { backend: new CpuBackend() };
  const { acquireDevice } = await import("./webgpu/device");
  const gpu = await acquireDevice();
  if ("error" in gpu) {
    if (requested === "webgpu") throw new UserError(`--backend webgpu: ${gpu.error}`);
    return { backend: new CpuBackend(), notice: `dlnet: ${gpu.error}; running on the CPU reference backend` };
  }
  const { WebGpuBackend } = await import("./webgpu/backend");
  return { backend: new WebGpuBackend(gpu) };
}
