// Training-step time of an example on this machine's WebGPU adapter (not a
// test: `npx tsx test/runtime/webgpu/train-bench.ts [example] [batch] [steps]`).

import { readFileSync } from "node:fs";
import { checkFile } from "../../../src/compiler/check/index";
import { specialize } from "../../../src/compiler/ir/graph";
import { initParams } from "../../../src/compiler/lower/index";
import { buildTrainStep } from "../../../src/compiler/train-graph/train-step";
import { makeTensor, type Tensor } from "../../../src/compiler/tensor";
import { acquireDevice } from "../../../src/runtime/webgpu/device";
import { compileForWebGPU } from "../../../src/runtime/webgpu/executor";
import { randomArray } from "./gpu";

const [ex = "mnist_mlp", batchArg = "64", stepsArg = "20"] = process.argv.slice(2);
const host = {
  readFile: (p: string) => {
    try {
      return readFileSync(p, "utf8");
    } catch {
      return undefined;
    }
  },
};
const r = checkFile(new URL(`../../../examples/${ex}.dlnet`, import.meta.url).pathname, host);
const spec = r.elaborateTrain(r.trains[0])!;
const t = buildTrainStep(spec);
const batch = Number(batchArg);
const step = specialize(t.step, { [t.forward.batchDim]: batch });
const params = initParams([...t.forward.params, ...t.forward.frozen, ...t.forward.buffers], 42);
const h = await acquireDevice();
if ("error" in h) throw new Error(h.error);
let t0 = performance.now();
const exe = await compileForWebGPU(step, h);
console.log(
  `${ex}, batch ${batch}: ${exe.dispatchCount} dispatches; compiled in ${(performance.now() - t0).toFixed(0)} ms`,
);
const values: Record<string, Tensor> = {};
for (const i of step.inputs) {
  const shape = i.node.shape as number[];
  const n = shape.reduce((p, d) => p * d, 1);
  if (params.has(i.name)) values[i.name] = params.get(i.name)!;
  else if (i.role === "state") continue;
  else if (i.node.dtype === "i32")
    values[i.name] = makeTensor(
      "i32",
      shape,
      Array.from({ length: n }, (_, k) => k % 10),
    );
  else values[i.name] = makeTensor("f32", shape, randomArray(n, 1));
}
values.lr = makeTensor("f32", [], [1e-3]);
t0 = performance.now();
await exe.run({ ...values, step: makeTensor("f32", [], [1]) }, { readback: ["loss"] });
console.log(
  `first step (pipelines compile on first dispatch): ${(performance.now() - t0).toFixed(0)} ms`,
);
const steps = Number(stepsArg);
t0 = performance.now();
let loss = 0;
for (let s = 2; s < steps + 2; s++) {
  const out = await exe.run(
    { step: makeTensor("f32", [], [s]), lr: values.lr },
    { readback: s === steps + 1 ? ["loss"] : [] },
  );
  if (out.loss) loss = out.loss.data[0];
}
await h.device.queue.onSubmittedWorkDone();
const ms = (performance.now() - t0) / steps;
console.log(
  `${ms.toFixed(1)} ms per step (${((batch * 1000) / ms).toFixed(0)} samples/s), loss after ${steps + 1} steps on one batch: ${loss.toFixed(4)}`,
);
h.release();
