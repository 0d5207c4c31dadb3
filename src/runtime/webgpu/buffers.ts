// Storage buffers: creation, upload and read-back. Reads go through one
// staging buffer per request, all copied in one submission.

export type TypedArray = Float32Array | Int32Array | Uint32Array;

// The spec's flag values; in Node the GPUBufferUsage global exists only after
// Dawn is loaded, and this module must import without it.
const USAGE_MAP_READ = 0x0001;
const USAGE_COPY_SRC = 0x0004;
const USAGE_COPY_DST = 0x0008;
const USAGE_UNIFORM = 0x0040;
const USAGE_STORAGE = 0x0080;
const MAP_MODE_READ = 0x0001;
export const STORAGE_USAGE = USAGE_STORAGE | USAGE_COPY_SRC | USAGE_COPY_DST;

/** Buffer sizes are multiples of 4 bytes and never zero (WebGPU rejects empty bindings). */
export function roundSize(bytes: number): number {
  return Math.max(4, Math.ceil(bytes / 4) * 4);
}

export class BufferManager {
  private readonly owned = new Set<GPUBuffer>();
  bytesAllocated = 0;

  constructor(private readonly device: GPUDevice) {}

  create(bytes: number, label?: string): GPUBuffer {
    const size = roundSize(bytes);
    const b = this.device.createBuffer({ size, usage: STORAGE_USAGE, label });
    this.owned.add(b);
    this.bytesAllocated += size;
    return b;
  }

  /** A uniform buffer of u32 values, padded to whole vec4s. */
  uniform(values: readonly number[]): GPUBuffer {
    const data = new Uint32Array(Math.max(4, Math.ceil(values.length / 4) * 4));
    data.set(values);
    const b = this.device.createBuffer({
      size: data.byteLength,
      usage: USAGE_UNIFORM | USAGE_COPY_DST,
    });
    this.owned.add(b);
    this.bytesAllocated += data.byteLength;
    this.write(b, data);
    return b;
  }

  /** A new buffer holding `data`. */
  fromArray(data: TypedArray, label?: string): GPUBuffer {
    const b = this.create(data.byteLength, label);
    this.write(b, data);
    return b;
  }

  write(buffer: GPUBuffer, data: TypedArray, byteOffset = 0): void {
    if (data.byteLength === 0) return;
    // writeBuffer wants a multiple of 4 bytes; every element type here is 4 bytes.
    this.device.queue.writeBuffer(
      buffer,
      byteOffset,
      data.buffer,
      data.byteOffset,
      data.byteLength,
    );
  }

  /** Reads several buffers back with one submission. */
  async readMany(requests: { buffer: GPUBuffer; bytes: number }[]): Promise<ArrayBuffer[]> {
    const enc = this.device.createCommandEncoder({ label: "readback" });
    const staging = requests.map((r) => {
      const s = this.device.createBuffer({
        size: roundSize(r.bytes),
        usage: USAGE_MAP_READ | USAGE_COPY_DST,
      });
      enc.copyBufferToBuffer(r.buffer, 0, s, 0, roundSize(r.bytes));
      return s;
    });
    this.device.queue.submit([enc.finish()]);
    return Promise.all(
      staging.map(async (s, i) => {
        await s.mapAsync(MAP_MODE_READ);
        const copy = s.getMappedRange().slice(0, requests[i].bytes);
        s.unmap();
        s.destroy();
        return copy;
      }),
    );
  }

  async read(buffer: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    return (await this.readMany([{ buffer, bytes }]))[0];
  }

  release(buffer: GPUBuffer): void {
    if (this.owned.delete(buffer)) {
      this.bytesAllocated -= buffer.size;
      buffer.destroy();
    }
  }

  destroyAll(): void {
    for (const b of this.owned) b.destroy();
    this.owned.clear();
    this.bytesAllocated = 0;
  }
}
