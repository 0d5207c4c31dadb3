// GPU buffers a device holds, counted from outside whoever allocates them:
// createBuffer and destroy are wrapped on the device, so dlnet's executor and
// tfjs's buffer pool are measured by the same yardstick.

export interface BufferTracker {
  /** Buffers alive now, and their bytes. */
  readonly live: number;
  readonly liveBytes: number;
  /** Most bytes alive at once since the tracker started (or since `resetPeak`). */
  readonly peakBytes: number;
  /** createBuffer calls since the tracker started. */
  readonly created: number;
  resetPeak(): void;
  /** Restores the device's own createBuffer (buffers made until then stay counted on destroy). */
  stop(): void;
}

export function trackBuffers(device: GPUDevice): BufferTracker {
  const own = device.createBuffer;
  let live = 0;
  let liveBytes = 0;
  let peakBytes = 0;
  let created = 0;
  const wrapped = (desc: GPUBufferDescriptor): GPUBuffer => {
    const b = own.call(device, desc);
    created++;
    live++;
    liveBytes += b.size;
    peakBytes = Math.max(peakBytes, liveBytes);
    const destroy = b.destroy;
    let gone = false;
    b.destroy = () => {
      if (!gone) {
        gone = true;
        live--;
        liveBytes -= b.size;
      }
      destroy.call(b);
    };
    return b;
  };
  device.createBuffer = wrapped;
  return {
    get live() {
      return live;
    },
    get liveBytes() {
      return liveBytes;
    },
    get peakBytes() {
      return peakBytes;
    },
    get created() {
      return created;
    },
    resetPeak() {
      peakBytes = liveBytes;
    },
    stop() {
      if (device.createBuffer === wrapped) device.createBuffer = own;
    },
  };
}
