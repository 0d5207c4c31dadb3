// Writes the generated data sets of the examples, deterministically (a fixed
// seed, no clock): the same script always writes the same bytes, so the files
// in examples/data/ are committed and this script only documents and rebuilds
// them:
//
//   node bin/run-ts.js scripts/gen-example-data.ts        # rewrite them
//   node bin/run-ts.js scripts/gen-example-data.ts --check  # exit 1 if stale
//
// Every record is one line of a FIXED length, equal to the `context` the
// example reads it with: text(path, context: L) cuts the file into windows of
// L characters, so window k is exactly line k (tokens) and the same shifted by
// one (targets). A loss over a slice of positions then trains on the answer
// part of each line only. Test lines are the file's last 10% (text's default
// `test: 0.1`), drawn without replacement together with the training lines,
// so no test question appears in training.
//
//   reverse.txt   "1234|4321\n"   (10 chars) 4-digit strings and their reversal
//   addition.txt  "07+38=045\n"   (10 chars) 2-digit sums, zero-padded
//   sentences.txt a small generated English-like corpus for char_lstm
//   tagging.safetensors  digit sequences (tokens) and per-digit tags for
//                 bigru_tagger: 1 where a digit is a local peak, -100 on padding
//   pairs.safetensors  pairs of noisy 16-d points from 4 prototypes, their
//                 classes and whether they match, for siamese
//   digit_pairs.safetensors  pairs of MNIST digits (u8 pixels) for
//                 siamese_digits: the two images, whether they are the same
//                 digit, the first's label

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../src/runtime/data/prng";
import { encodeSafetensors } from "../src/runtime/checkpoint/safetensors";
import { mnistAll, MNIST_PIXELS } from "../src/runtime/data/mnist";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "examples", "data");

/** The integers 0..n-1 in a seeded random order (Fisher–Yates). */
function shuffled(n: number, seed: number): number[] {
  const r = mulberry32(seed);
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const pad = (x: number, width: number) => String(x).padStart(width, "0");

/** 5,000 distinct 4-digit strings s as `s|reverse(s)`. */
export function reverseData(): string {
  return shuffled(10_000, 1)
    .slice(0, 5000)
    .map((k) => {
      const s = pad(k, 4);
      return `${s}|${[...s].reverse().join("")}\n`;
    })
    .join("");
}

/** 6,000 distinct pairs (a, b), 0 ≤ a, b < 100, as `aa+bb=ccc`. */
export function additionData(): string {
  return shuffled(10_000, 2)
    .slice(0, 6000)
    .map((k) => {
      const a = Math.floor(k / 100);
      const b = k % 100;
      return `${pad(a, 2)}+${pad(b, 2)}=${pad(a + b, 3)}\n`;
    })
    .join("");
}

/** A small corpus from a toy grammar: enough structure for a character model to learn. */
export function sentenceData(): string {
  const r = mulberry32(3);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const subjects = ["the cat", "a dog", "the bird", "my friend", "the old man", "a small child", "the teacher"];
  const verbs = ["sees", "likes", "follows", "finds", "watches", "helps", "calls"];
  const objects = ["the ball", "a red box", "the river", "her brother", "the green tree", "a quiet house", "the moon"];
  const tails = ["", " today", " again", " at night", " in the garden", " every morning"];
  const lines: string[] = [];
  for (let i = 0; i < 1500; i++) lines.push(`${pick(subjects)} ${pick(verbs)} ${pick(objects)}${pick(tails)}.\n`);
  return lines.join("");
}

/**
 * 2,000 digit sequences of 6 to 12 digits, padded to 12 with token 10, and a
 * tag per position: 1 where the digit is larger than both neighbours (one
 * neighbour at the ends), else 0; -100 (the loss's ignore_index) on padding.
 * Telling a peak needs the digit after it too: a forward-only RNN cannot.
 */
export function taggingData(): Uint8Array {
  const r = mulberry32(4);
  const [N, T, PAD] = [2000, 12, 10];
  const tokens = new Int32Array(N * T).fill(PAD);
  const tags = new Int32Array(N * T).fill(-100);
  for (let n = 0; n < N; n++) {
    const len = 6 + Math.floor(r() * 7);
    const d = Array.from({ length: len }, () => Math.floor(r() * 10));
    d.forEach((v, i) => {
      tokens[n * T + i] = v;
      tags[n * T + i] = v > (d[i - 1] ?? -1) && v > (d[i + 1] ?? -1) ? 1 : 0;
    });
  }
  return encodeSafetensors({ tokens: { dtype: "i32", shape: [N, T], data: tokens }, tags: { dtype: "i32", shape: [N, T], data: tags } });
}

/**
 * 1,200 pairs (a, b) of noisy 16-d points drawn around 4 fixed prototypes:
 * the class of each point and whether both come from the same prototype
 * (half of the pairs do). Noise is a sum of uniforms (only + and ×, so the
 * file is the same bit for bit on every machine).
 */
export function pairsData(): Uint8Array {
  const r = mulberry32(5);
  const [N, D, K] = [1200, 16, 4];
  const noise = () => r() + r() + r() - 1.5; // mean 0, variance 1/4
  const protos = Array.from({ length: K }, () => Array.from({ length: D }, () => 2 * noise()));
  const a = new Float32Array(N * D);
  const b = new Float32Array(N * D);
  const [ca, cb, same] = [new Int32Array(N), new Int32Array(N), new Float32Array(N)];
  for (let n = 0; n < N; n++) {
    ca[n] = Math.floor(r() * K);
    cb[n] = r() < 0.5 ? ca[n] : (ca[n] + 1 + Math.floor(r() * (K - 1))) % K;
    same[n] = ca[n] === cb[n] ? 1 : 0;
    for (let i = 0; i < D; i++) {
      a[n * D + i] = protos[ca[n]][i] + 2 * noise();
      b[n * D + i] = protos[cb[n]][i] + 2 * noise();
    }
  }
  return encodeSafetensors({
    a: { dtype: "f32", shape: [N, D], data: a },
    b: { dtype: "f32", shape: [N, D], data: b },
    class_a: { dtype: "i32", shape: [N], data: ca },
    class_b: { dtype: "i32", shape: [N], data: cb },
    same: { dtype: "f32", shape: [N, 1], data: same },
  });
}

/**
 * 1,000 pairs of MNIST digits, half of them the same digit: `a` and `b` u8[784]
 * (pixels 0..255, as in the MNIST files), `same` f32[1] (1 when a and b show
 * the same digit), `label` i32[] (a's digit). The first 800 pairs draw their
 * images from the first 8,000 digits of the mnist package, the last 200 (the
 * example's `test: 200`) from the other 2,000, so no test image is trained on.
 */
export function digitPairData(): Uint8Array {
  const all = mnistAll();
  const img = all.fields.image as Float32Array;
  const lab = all.fields.label as Int32Array;
  const r = mulberry32(5);
  const [N, TEST] = [1000, 200];
  const a = new Uint8Array(N * MNIST_PIXELS);
  const b = new Uint8Array(N * MNIST_PIXELS);
  const same = new Float32Array(N);
  const label = new Int32Array(N);
  const split = all.size - 2000;
  for (let n = 0; n < N; n++) {
    const [lo, hi] = n < N - TEST ? [0, split] : [split, all.size];
    const draw = () => lo + Math.floor(r() * (hi - lo));
    const i = draw();
    const wantSame = n % 2 === 0;
    let j = draw();
    while (j === i || (lab[j] === lab[i]) !== wantSame) j = draw();
    for (let p = 0; p < MNIST_PIXELS; p++) {
      a[n * MNIST_PIXELS + p] = Math.round(img[i * MNIST_PIXELS + p] * 255);
      b[n * MNIST_PIXELS + p] = Math.round(img[j * MNIST_PIXELS + p] * 255);
    }
    same[n] = wantSame ? 1 : 0;
    label[n] = lab[i];
  }
  return encodeSafetensors({
    a: { dtype: "u8", shape: [N, MNIST_PIXELS], data: a },
    b: { dtype: "u8", shape: [N, MNIST_PIXELS], data: b },
    same: { dtype: "f32", shape: [N, 1], data: same },
    label: { dtype: "i32", shape: [N], data: label },
  });
}

const FILES: Record<string, () => string | Uint8Array> = {
  "reverse.txt": reverseData,
  "addition.txt": additionData,
  "sentences.txt": sentenceData,
  "tagging.safetensors": taggingData,
  "pairs.safetensors": pairsData,
  "digit_pairs.safetensors": digitPairData,
};

const check = process.argv.includes("--check");
let stale = 0;
for (const [name, make] of Object.entries(FILES)) {
  const path = join(OUT, name);
  const text = make();
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : Buffer.from(text);
  if (check) {
    let old = Buffer.alloc(0);
    try {
      old = readFileSync(path);
    } catch {
      // missing counts as stale
    }
    if (!old.equals(bytes)) {
      console.error(`stale: examples/data/${name}`);
      stale++;
    }
  } else {
    writeFileSync(path, bytes);
    console.log(`wrote examples/data/${name} (${text.length} ${typeof text === "string" ? "characters" : "bytes"})`);
  }
}
if (stale) process.exitCode = 1;
