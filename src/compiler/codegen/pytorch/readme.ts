// README.md of an exported PyTorch package: what is in the folder and the
// commands that run it, on one process and on N ranks (torchrun, and the
// env:// launch that torchrun performs, for systems where torchrun itself
// fails, such as Debian's torch 1.13 on Python 3.11).

import type { ModelInstance, TrainSpec } from "../../check/elaborated";

export function writeReadme(model: ModelInstance, train: TrainSpec | undefined, className: string, command: string): string {
  const ckpt = `${model.name}.safetensors`;
  const src = model.file.split("/").pop();
  const lines = [
    `# ${model.name} in PyTorch`,
    "",
    `Written by \`${command}\` from \`${src}\`. Regenerate it rather than edit it.`,
    "",
    "| file | what |",
    "| --- | --- |",
    `| model.py | \`${className}\` and its layers as torch.nn.Modules; parameter names are dlnet's paths, so a dlnet checkpoint loads with \`load_weights\` (or \`load_state_dict\`) |`,
    "| dlnet_io.py | safetensors reading and writing (the `safetensors` package if installed, else plain numpy) |",
  ];
  if (train) {
    lines.push(
      `| train.py | the train block: data, loss, ${train.optimizer.name}, schedule, batch ${train.batch} (global), ${train.epochs} epochs, metrics, seed ${train.seed ?? 0} |`,
      "| data.safetensors | the training and test samples (`train/FIELD`, `test/FIELD`), as dlnet's loader made them |",
    );
  }
  lines.push("", "Needs Python 3 with torch (1.13 or later) and numpy.", "");
  if (train) {
    lines.push(
      "## Train",
      "",
      "One process:",
      "",
      "```sh",
      `python3 train.py --out ${ckpt}`,
      "```",
      "",
      "Two ranks with DistributedDataParallel (gloo on CPU, nccl when CUDA is there):",
      "",
      "```sh",
      `torchrun --nproc_per_node=2 train.py --out ${ckpt}`,
      "```",
      "",
      "Where `torchrun` does not start (Debian's torch 1.13 on Python 3.11 fails in",
      "its log redirection), launch each rank yourself with the variables torchrun sets:",
      "",
      "```sh",
      "for r in 0 1; do",
      `  MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 WORLD_SIZE=2 RANK=$r LOCAL_RANK=$r python3 train.py --out ${ckpt} &`,
      "done; wait",
      "```",
      "",
      "Options: `--epochs N`, `--steps N` (stop after N optimizer steps), `--out CKPT.safetensors`,",
      "`--init W.safetensors` (start from these weights, by name), `--log-every N`.",
      "The batch is the global batch: each of N ranks takes batch / N samples per step.",
      "Rank 0 writes the checkpoint, in dlnet's layout (parameters, buffers, `optim.*` state):",
      "",
      "```sh",
      `npx dlnet run ${src} --weights ${ckpt} --inputs IN.json`,
      `npx dlnet export ${src} --weights ${ckpt} --onnx ${model.name}.onnx`,
      "```",
      "",
    );
  }
  lines.push(
    "## Use the model",
    "",
    "```python",
    "from dlnet_io import read_safetensors",
    `from model import ${className}, load_weights`,
    "",
    `model = load_weights(${className}(), read_safetensors("${ckpt}")[0]).eval()`,
    "```",
    "",
  );
  return lines.join("\n");
}
