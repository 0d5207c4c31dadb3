// Seeded randomness for data order. Everything derives from (seed, epoch), not
// from a stream that advances with each call, so epoch 7 of a resumed run
// sees exactly the order epoch 7 of an uninterrupted run saw.

/** A 32-bit avalanche hash (lowbias32, by Chris Wellons). */
export function hash32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Mixes any number of integers (each may exceed 32 bits) into one 32-bit seed. */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    const lo = p >>> 0;
    const hi = Math.floor(p / 2 ** 32) >>> 0;
    h = hash32(h ^ hash32(lo ^ hash32(hi + 0x632be5ab)));
  }
  return h;
}

/** mulberry32: a small, fast PRNG with a 32-bit state; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A permutation of 0..n-1 (Fisher–Yates) determined by `seed` alone. */
export function permutation(n: number, seed: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  const rand = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** The sample order of one epoch of a run with this seed. */
export function epochOrder(n: number, seed: number, epoch: number): Int32Array {
  return permutation(n, mixSeed(seed, epoch));
}
