// The 1 MB file of issue 16's open target: ~8,900 small layers and a model
// using two of them (bench/lsp-big-file.bench.ts, bench/check-alloc.bench.ts).

export function bigFile(bytes = 1_000_000): { text: string; layers: number } {
  const block = (i: number) => `layer L${i}(d: int = 16) {\n  input x: f32[B, d]\n  h = x -> Linear(d) -> ReLU -> LayerNorm\n  output y = h + x\n}\n\n`;
  let text = "";
  let layers = 0;
  while (text.length < bytes) text += block(layers++);
  text += "model M {\n  input x: f32[batch, 16]\n  output y = x -> L0 -> L1\n}\n";
  return { text, layers };
}
