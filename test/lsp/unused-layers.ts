// A generated file of many small layers, most of which no model instantiates
// (checked generically, the language server's fast path for them: see
// checkLayerCached), with a mistake in many of them: what the tests of that
// path compare with a plain check. Seeded, so a failure reproduces.

export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296;
}

/**
 * Layer bodies by name, each `(name, i) => text`: clean ones, ones with an
 * error or warning a generic check finds, and ones that use another layer
 * (not confined to themselves, so checked the plain way).
 */
const VARIANTS: ((n: string, i: number) => string)[] = [
  (n) => `layer ${n}(d: int = 16) {\n  input x: f32[B, d]\n  h = x -> Linear(d) -> ReLU -> LayerNorm\n  output y = h + x\n}`,
  (n) => `layer ${n}(d: int) {\n  input x: f32[B, T, d]\n  a = x -> LayerNorm -> MultiHeadAttention(heads: 4)\n  output y = x + a\n}`,
  // an unknown layer, with a suggestion from the built-ins
  (n) => `layer ${n} {\n  input x: f32[B, 8]\n  output y = x -> Linaer(8)\n}`,
  // an unknown name, with a suggestion from the body
  (n) => `layer ${n}(d: int = 8) {\n  input x: f32[B, d]\n  hidden = x -> Linear(d)\n  output y = hiden + x\n}`,
  // a shape mismatch between plain sizes
  (n) => `layer ${n} {\n  input x: f32[B, 8]\n  output y = x -> Linear(4) -> LayerNorm(8)\n}`,
  // adding [B, 4] to [B, 8]
  (n) => `layer ${n} {\n  input x: f32[B, 8]\n  output y = (x -> Linear(4)) + x\n}`,
  // an unused binding and an unused hyperparameter (warnings)
  (n) => `layer ${n}(unused: int = 3) {\n  input x: f32[B, 8]\n  spare = x -> ReLU\n  output y = x -> GELU\n}`,
  // a bad dtype, with a suggestion
  (n) => `layer ${n} {\n  input x: f33[B, 8]\n  output y = x -> ReLU\n}`,
  // a hyperparameter of the wrong type in a default
  (n) => `layer ${n}(d: int = 0.5) {\n  input x: f32[B, 8]\n  output y = x -> Linear(d)\n}`,
  // an unknown keyword argument of a built-in
  (n) => `layer ${n} {\n  input x: f32[B, 8]\n  output y = x -> Linear(8, biass: false)\n}`,
  // a name defined twice
  (n) => `layer ${n} {\n  input x: f32[B, 8]\n  h = x -> ReLU\n  h = x -> GELU\n  output y = h\n}`,
  // used before its definition
  (n) => `layer ${n} {\n  input x: f32[B, 8]\n  output y = h\n  h = x -> ReLU\n}`,
  // a symbolic size a generic check keeps symbolic
  (n) => `layer ${n}(heads: int) {\n  input x: f32[B, T, 64]\n  output y = x -> MultiHeadAttention(heads: heads) -> Linear(64)\n}`,
  // uses the layer before it (and a wrong call of it): checked outside the fast path
  (n, i) => `layer ${n} {\n  input x: f32[B, 16]\n  output y = x -> L${Math.max(0, i - 1)}(16) -> L0(1, 2, 3)\n}`,
  // a function with a wrong argument
  (n) => `layer ${n} {\n  input x: f32[B, 8]\n  output y = softmax(x, dim: 5)\n}`,
  // an output declared with the wrong type
  (n) => `layer ${n} {\n  input x: f32[B, 8]\n  output y: f32[B, 4] = x -> Linear(8)\n}`,
];

/** `layers` layers L0… of random variants (L0 is clean), and a model that instantiates the first two. */
export function unusedLayersFile(layers: number, seed: number): string {
  const rand = seeded(seed);
  const out = ["// generated: layers no model instantiates, many with a mistake", ""];
  for (let i = 0; i < layers; i++) {
    const v = i === 0 ? VARIANTS[0] : VARIANTS[Math.floor(rand() * VARIANTS.length)];
    out.push(v(`L${i}`, i), "");
  }
  out.push("model M {\n  input x: f32[batch, 16]\n  output y = x -> L0 -> L1(16)\n}", "");
  return out.join("\n");
}

/** A small edit of one random layer: a size, a name, a line removed or added. */
export function editLayer(text: string, rand: () => number): string {
  const lines = text.split("\n");
  const at = 2 + Math.floor(rand() * (lines.length - 8));
  const r = rand();
  if (r < 0.3) lines[at] = lines[at].replace(/(\d+)/, (m) => String(Number(m) * 2));
  else if (r < 0.5) lines[at] = lines[at].replace(/\b([a-z]\w*)\b/, "$1x");
  else if (r < 0.7) lines.splice(at, 0, "// note");
  else if (r < 0.85) lines.splice(at, 1);
  else lines[at] = lines[at].replace("ReLU", "Relu");
  return lines.join("\n");
}
