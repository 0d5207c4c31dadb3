// Storage buffers: creation, upload and read-back. A read copies every
// requested buffer into one mappable staging buffer (one mapAsync), in the
// same submission as the work that produced them when the caller encodes
// that work too; staging buffers are pooled, so steady reads allocate none.

import type { QueueClock } from "./queue-clock";

export type TypedArray = Float32Array | Int32Array | Uint32Array;

// The spec's flag values; in Node the GPUBufferUsage global exists only after
// Dawn is loaded, and this module must import without it.
const USAGE_MAP_READ = 0x0001;
const USAGE_MAP_WRITE = 0x0002;
const USAGE_COPY_SRC = 0x0004;
const USAGE_COPY_DST = 0x0008;
const USAGE_UNIFORM = 0x0040;
const USAGE_STORAGE = 0x0080;
const MAP_MODE_READ = 0x0001;
const MAP_MODE_WRITE = 0x0002;
export const STORAGE_USAGE = USAGE_STORAGE | USAGE_COPY_SRC | USAGE_COPY_DST;

/** Buffer sizes are multiples of 4 bytes and never zero (WebGPU rejects empty bindings). */
export function roundSize(bytes: number): number {
  return Math.max(4, Math.ceil(bytes / 4) * 4);
}

export class BufferManager {
  private readonly owned = new Set<GPUBuffer>();
  /** Staging buffers not being read (a read takes one, or makes one when none is large enough). */
  private readonly freeStaging: GPUBuffer[] = [];
  bytesAllocated = 0;

  constructor(private readonly device: GPUDevice) {}

  create(bytes: number, label?: string): GPUBuffer {
    return this.allocate({ size: roundSize(bytes), usage: STORAGE_USAGE, label });
  }

  /** Every buffer this manager makes: owned (destroyAll frees it) and counted in bytesAllocated. */
  private allocate(descriptor: GPUBufferDescriptor): GPUBuffer {
    const b = this.device.createBuffer(descriptor);
    this.owned.add(b);
    this.bytesAllocated += descriptor.size;
    return b;
  }

  /** A uniform buffer of u32 values, padded to whole vec4s. */
  uniform(values: readonly number[]): GPUBuffer {
    const data = new Uint32Array(Math.max(4, Math.ceil(values.length / 4) * 4));
    data.set(values);
    const b = this.allocate({ size: data.byteLength, usage: USAGE_UNIFORM | USAGE_COPY_DST });
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

  /**
   * Reads several buffers back: one submission (after whatever `before`
   * encodes into the same command encoder) copies them into one staging
   * buffer, mapped once. With a `clock`, the host sleeps through most of
   * the queue's expected work before it asks for the map (`cold`: the
   * submission compiles pipelines; see QueueClock.submitted).
   */
  async readMany(
    requests: readonly { buffer: GPUBuffer; bytes: number }[],
    before?: (enc: GPUCommandEncoder) => void,
    clock?: QueueClock,
    cold = false,
  ): Promise<ArrayBuffer[]> {
    const offsets: number[] = [];
    let total = 0;
    for (const r of requests) {
      offsets.push(total);
      total += roundSize(r.bytes);
    }
    const staging = this.takeStaging(Math.max(4, total));
    const enc = this.device.createCommandEncoder();
    before?.(enc);
    requests.forEach((r, i) => enc.copyBufferToBuffer(r.buffer, 0, staging, offsets[i], roundSize(r.bytes)));
    this.device.queue.submit([enc.finish()]);
    try {
      // The map waits for this submission and every earlier one (see QueueClock).
      const map = () => staging.mapAsync(MAP_MODE_READ, 0, Math.max(4, total));
      if (clock) {
        clock.submitted(cold);
        await clock.wait(map);
      } else await map();
    } catch (e) {
      // A lost device rejects the map; the buffer is of no further use.
      this.release(staging);
      throw e;
    }
    const range = staging.getMappedRange(0, Math.max(4, total));
    const out = requests.map((r, i) => range.slice(offsets[i], offsets[i] + r.bytes));
    staging.unmap();
    this.freeStaging.push(staging);
    return out;
  }

  /**
   * A buffer the host can write (MAP_WRITE | COPY_SRC), mapped at creation.
   * Counted in bytesAllocated; release() or destroyAll() frees it.
   */
  createUpload(bytes: number): GPUBuffer {
    return this.allocate({ size: roundSize(bytes), usage: USAGE_MAP_WRITE | USAGE_COPY_SRC, mappedAtCreation: true, label: "upload" });
  }

  /** The smallest free staging buffer of at least `bytes`, or a new one. */
  private takeStaging(bytes: number): GPUBuffer {
    return takeSmallest(this.freeStaging, bytes) ?? this.allocate({ size: roundSize(bytes), usage: USAGE_MAP_READ | USAGE_COPY_DST, label: "staging" });
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

  /** Buffers alive now (storage, uniform and staging). */
  get count(): number {
    return this.owned.size;
  }

  destroyAll(): void {
    for (const b of this.owned) b.destroy();
    this.owned.clear();
    this.freeStaging.length = 0;
    this.bytesAllocated = 0;
  }
}

/** A host array to upload to `buffer` (as the buffer's element type: f32, i32, or bool as u32). */
export interface Upload {
  buffer: GPUBuffer;
  type: "f32" | "i32" | "u32";
  data: ArrayLike<number>;
}

const ARRAY_OF = { f32: Float32Array, i32: Int32Array, u32: Uint32Array } as const;

/**
 * Uploads through a ring of mapped staging buffers: a run's inputs are
 * written straight from the caller's arrays into one mapped staging buffer
 * (one typed-array `set` each, converting when the source is another type:
 * the only host-side copy), unmapped, and copied to their storage buffers by
 * copyBufferToBuffer commands at the start of the run's own command encoder.
 *
 * A used staging buffer is mapped again for writing (mapAsync) when the
 * host waits for the queue anyway (`idle`: the executor's QueueClock calls it
 * when it stops sleeping and asks for the queue), and rejoins the ring when
 * that resolves. Mapping it right after the submission held a promise for
 * the whole run, and while one is pending Dawn polls the device from the
 * event loop: the main thread then spun on one of lavapipe's cores (the
 * MNIST CNN's batch-256 inference through the ring took 37.9 ms against
 * 25.6 without it; after the run, its next run found the buffer still
 * mapping: SimpleNet's 2.15 ms against 1.81). A run that
 * finds no mapped buffer large enough makes one (mapped at creation) while
 * the ring has fewer than `max`, else maps the used ones and waits for one to
 * come back: the ring grows to about the runs in flight, no further.
 */
export class UploadRing {
  /** Mapped staging buffers ready to be written. */
  private readonly ready: GPUBuffer[] = [];
  /** Staging buffers submitted in a run, not yet mapped again. */
  private readonly used: GPUBuffer[] = [];
  private readonly pending = new Set<Promise<void>>();
  private destroyed = false;

  constructor(
    private readonly buffers: BufferManager,
    private readonly max: number,
  ) {}

  /**
   * Writes `uploads` into a staging buffer and returns what encodes their
   * copies and what to call once the encoder holding them is submitted.
   */
  async stage(uploads: readonly Upload[]): Promise<{ encode(enc: GPUCommandEncoder): void; submitted(): void }> {
    const offsets: number[] = [];
    let total = 0;
    for (const u of uploads) {
      offsets.push(total);
      total += roundSize(u.data.length * 4);
    }
    let staging = takeSmallest(this.ready, total);
    if (!staging && this.size >= this.max) {
      this.idle();
      while (!staging && this.pending.size) {
        await Promise.race(this.pending);
        staging = takeSmallest(this.ready, total);
      }
    }
    staging ??= this.buffers.createUpload(total);
    const range = staging.getMappedRange(0, total);
    uploads.forEach((u, i) => new ARRAY_OF[u.type](range, offsets[i], u.data.length).set(u.data));
    staging.unmap();
    return {
      encode: (enc) =>
        uploads.forEach((u, i) => {
          const bytes = u.data.length * 4;
          if (bytes) enc.copyBufferToBuffer(staging, offsets[i], u.buffer, 0, bytes);
        }),
      submitted: () => this.used.push(staging),
    };
  }

  /** The caller is about to wait for the queue: maps the used staging buffers again. */
  idle(): void {
    for (const staging of this.used.splice(0)) {
      const p = staging.mapAsync(MAP_MODE_WRITE).then(
        () => {
          this.pending.delete(p);
          if (this.destroyed) return;
          this.ready.push(staging);
        },
        // destroyed (or the device lost) while mapping: the buffer is gone
        () => {
          this.pending.delete(p);
          this.buffers.release(staging);
        },
      );
      this.pending.add(p);
    }
  }

  /** Staging buffers being mapped again (a promise Dawn polls for). */
  get mapping(): number {
    return this.pending.size;
  }

  /** Staging buffers in the ring now: mapped and ready, in use by the GPU, or being mapped. */
  get size(): number {
    return this.ready.length + this.used.length + this.pending.size;
  }

  /** Forgets the ring's buffers (the BufferManager destroys them). */
  destroy(): void {
    this.destroyed = true;
    this.ready.length = 0;
    this.used.length = 0;
  }
}

/** Removes and returns the smallest buffer of `free` holding at least `bytes` (none: undefined). */
function takeSmallest(free: GPUBuffer[], bytes: number): GPUBuffer | undefined {
  let best = -1;
  for (let i = 0; i < free.length; i++) {
    const s = free[i].size;
    if (s >= bytes && (best < 0 || s < free[best].size)) best = i;
  }
  return best >= 0 ? free.splice(best, 1)[0] : undefined;
}
