// One small program per diagnostic code the checker emits; each must produce
// that code (and the baseline pins the full rendered output).

export interface Case {
  code: string;
  name: string;
  files: Record<string, string>;
}

const mlp = (body: string) => `model Net {\n  input x: f32[batch, 784]\n${body}\n}\n`;

export const CASES: Case[] = [
  { code: "DL2001", name: "unknown-name", files: { "main.dlnet": mlp("  output y = x + bais") } },
  { code: "DL2001", name: "used-before-definition", files: { "main.dlnet": mlp("  a = h + x\n  h = x * 2.0\n  output y = a") } },
  { code: "DL2002", name: "duplicate-binding", files: { "main.dlnet": mlp("  h = x * 2.0\n  h = x * 3.0\n  output y = h") } },
  { code: "DL2002", name: "duplicate-layer", files: { "main.dlnet": "layer A { input x: f32[n]\n output y = x }\nlayer A { input x: f32[n]\n output y = x }\n" } },
  { code: "DL2003", name: "unknown-layer", files: { "main.dlnet": mlp("  output y = x -> Linaer(10)") } },
  { code: "DL2004", name: "unknown-keyword", files: { "main.dlnet": "model Net {\n  input x: f32[batch, 1, 28, 28]\n  output y = x -> Conv2d(8, kernal: 3)\n}\n" } },
  { code: "DL2005", name: "missing-argument", files: { "main.dlnet": mlp("  output y = x -> Linear") } },
  { code: "DL2006", name: "too-many-arguments", files: { "main.dlnet": mlp("  output y = x -> Linear(784, 10, true, 5)") } },
  { code: "DL2007", name: "missing-import", files: { "main.dlnet": `import "nowhere.dlnet"\n` + mlp("  output y = x") } },
  {
    code: "DL2008",
    name: "import-cycle",
    files: {
      "main.dlnet": `import "a.dlnet"\n` + mlp("  output y = x -> A"),
      "a.dlnet": `import "b.dlnet"\nlayer A { input x: f32[B, n]\n output y = x -> B }\n`,
      "b.dlnet": `import "a.dlnet"\nlayer B { input x: f32[B, n]\n output y = relu(x) }\n`,
    },
  },
  { code: "DL2009", name: "unknown-train-model", files: { "main.dlnet": mlp("  output logits = x -> Linear(10)") + "train Nett {\n  data = mnist()\n  feed x = data.image\n  loss = cross_entropy(logits, data.label)\n  optimizer = Adam()\n}\n" } },
  { code: "DL2010", name: "unused-binding", files: { "main.dlnet": mlp("  h = x -> Linear(10)\n  output y = x -> Linear(10)") } },
  { code: "DL2011", name: "unused-hparam", files: { "main.dlnet": "model Net(d: int = 64) {\n  input x: f32[batch, 784]\n  output y = x -> Linear(10)\n}\n" } },
  { code: "DL2012", name: "shadowed-name", files: { "main.dlnet": "model Net(d: int = 64) {\n  input x: f32[batch, 784]\n  d = x -> Linear(10)\n  output y = d\n}\n" } },
  { code: "DL3001", name: "linear-mismatch", files: { "main.dlnet": mlp("  output y = x -> Linear(512) -> Linear(784, 128)") } },
  { code: "DL3001", name: "layer-input-mismatch", files: { "main.dlnet": "layer Block(d: int) {\n  input x: f32[B, d]\n  output y = x -> Linear(d)\n}\n" + mlp("  output y = x -> Block(128)") } },
  { code: "DL3002", name: "rank-mismatch", files: { "main.dlnet": mlp("  output y = x -> Conv2d(8, kernel: 3)") } },
  { code: "DL3003", name: "dtype-mismatch", files: { "main.dlnet": "model Net {\n  input t: f32[batch, 16]\n  output y = t -> Embedding(100, 8)\n}\n" } },
  { code: "DL3004", name: "broadcast", files: { "main.dlnet": "model Net {\n  input a: f32[batch, 3]\n  input b: f32[batch, 4]\n  output y = a + b\n}\n" } },
  { code: "DL3005", name: "hparam-type", files: { "main.dlnet": "layer L(d: int) {\n  input x: f32[B, n]\n  output y = x -> Linear(d)\n}\n" + mlp("  output y = x -> L(2.5)") } },
  { code: "DL3006", name: "inexact-division", files: { "main.dlnet": "model Net(d: int = 100, heads: int = 3) {\n  input x: f32[batch, 784]\n  output y = x -> Linear(d / heads)\n}\n" } },
  { code: "DL3007", name: "declared-output", files: { "main.dlnet": mlp("  output y: f32[batch, 5] = x -> Linear(10)") } },
  { code: "DL3008", name: "index-range", files: { "main.dlnet": mlp("  output y = x[:, 800]") } },
  { code: "DL3009", name: "layer-as-tensor", files: { "main.dlnet": mlp("  output y = x + Linear(10)") } },
  { code: "DL4001", name: "missing-setting", files: { "main.dlnet": mlp("  output logits = x -> Linear(10)") + "train Net {\n  data = mnist()\n  feed x = data.image\n}\n" } },
  { code: "DL4002", name: "unknown-setting", files: { "main.dlnet": mlp("  output logits = x -> Linear(10)") + "train Net {\n  data = mnist()\n  feed x = data.image\n  loss = cross_entropy(logits, data.label)\n  optimizer = Adam()\n  epoch = 3\n}\n" } },
  { code: "DL4003", name: "unknown-optimizer", files: { "main.dlnet": mlp("  output logits = x -> Linear(10)") + "train Net {\n  data = mnist()\n  feed x = data.image\n  loss = cross_entropy(logits, data.label)\n  optimizer = Adamw(lr: 0.01)\n}\n" } },
  { code: "DL4004", name: "feed-mismatch", files: { "main.dlnet": "model Net {\n  input x: f32[batch, 100]\n  output logits = x -> Linear(10)\n}\ntrain Net {\n  data = mnist()\n  feed x = data.image\n  loss = cross_entropy(logits, data.label)\n  optimizer = SGD(lr: 0.1, momentum: 0.9)\n}\n" } },
  { code: "DL4005", name: "unknown-field", files: { "main.dlnet": mlp("  output logits = x -> Linear(10)") + "train Net {\n  data = mnist()\n  feed x = data.images\n  loss = cross_entropy(logits, data.label)\n  optimizer = Adam()\n}\n" } },
  { code: "DL4007", name: "dropout-after-output", files: { "main.dlnet": mlp("  output y = x -> Linear(10) -> Dropout(0.5)") } },
  { code: "DL4008", name: "weights-format", files: { "main.dlnet": mlp("  output logits = x -> Linear(10)") + "train Net {\n  data = mnist()\n  feed x = data.image\n  loss = cross_entropy(logits, data.label)\n  optimizer = Adam()\n  init = \"pretrained.pt\"\n}\n" } },
  { code: "DL4010", name: "augment-crop-too-large", files: { "main.dlnet": mlp("  output logits = x -> Linear(10)") + "train Net {\n  data = mnist()\n  augment image = [crop(40, padding: 4), hflip(0.5)]\n  feed x = data.image\n  loss = cross_entropy(logits, data.label)\n  optimizer = Adam()\n}\n" } },
  { code: "DL4010", name: "augment-not-an-image", files: { "main.dlnet": mlp("  output logits = x -> Linear(10)") + "train Net {\n  data = mnist()\n  augment label = [noise(0.1)]\n  feed x = data.image\n  loss = cross_entropy(logits, data.label)\n  optimizer = Adam()\n}\n" } },
  { code: "DL4003", name: "unknown-augmentation", files: { "main.dlnet": mlp("  output logits = x -> Linear(10)") + "train Net {\n  data = mnist()\n  augment image = [crop(28, padding: 4), flip(0.5)]\n  feed x = data.image\n  loss = cross_entropy(logits, data.label)\n  optimizer = Adam()\n}\n" } },
  { code: "DL4009", name: "missing-weights", files: { "main.dlnet": mlp("  output logits = x -> Linear(10)") + "train Net {\n  data = mnist()\n  feed x = data.image\n  loss = cross_entropy(logits, data.label)\n  optimizer = Adam()\n  init = \"pretrained.safetensors\"\n}\n" } },
];

CASES.push({
  code: "DL4006",
  name: "no-gradient",
  files: {
    "main.dlnet":
      "model Net {\n  input x: f32[batch, 784]\n  output logits = x -> Linear(10)\n  output aux = x -> Linear(3)\n}\n" +
      "train Net {\n  data = mnist()\n  feed x = data.image\n  loss = cross_entropy(logits, data.label)\n  optimizer = Adam()\n}\n",
  },
});
