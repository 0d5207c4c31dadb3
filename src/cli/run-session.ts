// Inference kept warm: one model on one backend, its weights set once, one
// compiled plan per set of input shapes. The first run at some shapes
// elaborates the model there (sizes derived from the inputs become concrete),
// lowers it in eval mode (dropout off, BatchNorm on running statistics) and
// compiles it; later runs at those shapes only upload the inputs, submit and
// read the outputs back (on WebGPU: one writeBuffer per input, one
// submission, one mapAsync; pipelines, bind groups and buffers stay).
// `dlnet run`, the browser API's runInBrowser and the benchmark run through it.

import type { CheckResult } from "../compiler/check/index";
import type { ParamInfo } from "../compiler/check/elaborated";
import { UserError, type Diagnostic } from "../compiler/diagnostics";
import { isConcreteGraph, specialize, type Graph } from "../compiler/ir/graph";
import { indexChecks } from "../compiler/ir/index-checks";
import type { DimEnv } from "../compiler/ir/types";
import { lowerModel } from "../compiler/lower/index";
import { scalar, type Tensor } from "../compiler/tensor";
import type { TensorType } from "../compiler/tensor-type";
import { checkIndexRanges, readInputs, type DeclaredInput } from "./tensor-json";
import type { Backend, Executable } from "../runtime/backend";

/** Exit code of inputs the model cannot run on (user data, like bad weights). */
const BAD_INPUT = 1;

export interface RunSessionOptions {
  /** Seed of randn/rand in the model (default 0). */
  seed?: number;
  /**
   * Values of the parameters and buffers the backend does not hold yet, asked
   * when a plan is made (the first run: all of them).
   */
  weights?: (params: readonly ParamInfo[]) => ReadonlyMap<string, Tensor>;
  /** Shown the diagnostics of a model that cannot run at the given shapes, before the run fails. */
  onDiagnostics?: (diagnostics: readonly Diagnostic[]) => void;
}

interface Plan {
  graph: Graph;
  exe: Executable;
  outputs: readonly string[];
  /** The seed input's value, when the model draws random numbers. */
  seed?: [string, Tensor];
  /** Does the model index with an input (token ids, labels)? Then every run checks its range. */
  indexes: boolean;
}

export class RunSession {
  readonly inputs: readonly DeclaredInput[];
  private readonly names: ReadonlySet<string>;
  private readonly plans = new Map<string, Promise<Plan>>();

  constructor(
    private readonly check: CheckResult,
    readonly model: string,
    readonly backend: Backend,
    private readonly o: RunSessionOptions = {},
  ) {
    const declared = check.elaborate(model);
    if (!declared) throw new UserError(`model '${model}' cannot be compiled`);
    this.inputs = declared.inputs.map((i) => ({ name: i.name, type: i.type }));
    this.names = new Set(this.inputs.map((i) => i.name));
  }

  /** Plans made so far (one per set of input shapes seen). */
  get planCount(): number {
    return this.plans.size;
  }

  /**
   * Runs the model on `feeds` (every declared input, by name) and returns its
   * outputs. `env` binds the symbolic dims when the caller has them
   * (readInputs); `file` names the inputs in messages.
   */
  async run(feeds: Readonly<Record<string, Tensor>>, o: { env?: DimEnv; file?: string } = {}): Promise<Record<string, Tensor>> {
    const file = o.file ?? "inputs";
    for (const name in feeds) {
      if (!this.names.has(name)) throw new UserError(`${file}: '${name}' is not an input of the model (its inputs: ${[...this.names].join(", ")})`, BAD_INPUT);
    }
    const key = this.inputs.map((i) => feeds[i.name]?.shape.join("x") ?? "-").join(",");
    let plan = this.plans.get(key);
    if (!plan) {
      plan = this.plan(feeds, o.env, file);
      this.plans.set(key, plan);
      // A failed plan is not kept: the same shapes fail again with the same message.
      plan.catch(() => this.plans.delete(key));
    }
    const p = await plan;
    if (p.indexes) checkIndexRanges(p.graph, feeds, file);
    return p.exe.run(p.seed ? { ...feeds, [p.seed[0]]: p.seed[1] } : feeds, p.outputs);
  }

  private async plan(feeds: Readonly<Record<string, Tensor>>, given: DimEnv | undefined, file: string): Promise<Plan> {
    // The shapes bind the symbolic dims (and are checked against the declared types).
    const env =
      given ??
      readInputs(
        Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, { shape: [...t.shape], data: Array.from(t.data) }])),
        this.inputs,
        file,
      ).env;
    const types: Record<string, TensorType> = {};
    for (const i of this.inputs) types[i.name] = { dtype: i.type.dtype, shape: feeds[i.name].shape.slice() };
    const { model, diagnostics } = this.check.elaborateWithDiagnostics(this.model, undefined, { inputs: types });
    if (!model) {
      this.o.onDiagnostics?.(diagnostics);
      throw new UserError(`${file}: model ${this.model} cannot run at these input shapes`, BAD_INPUT);
    }
    const missing = model.parameters.filter((q) => !this.backend.hasState(q.path));
    if (missing.length && this.o.weights) for (const [path, t] of this.o.weights(missing)) this.backend.setState(path, t);
    const lowered = lowerModel(model, { mode: "eval", dims: env });
    if (lowered.diagnostics.length) {
      this.o.onDiagnostics?.(lowered.diagnostics);
      throw new UserError(`${file}: model ${this.model} cannot be lowered at these input shapes`, BAD_INPUT);
    }
    const graph = specialize(lowered.graph, env);
    if (!isConcreteGraph(graph)) throw new UserError(`${file}: the inputs leave a size of model ${this.model} undetermined`, BAD_INPUT);
    const exe = await this.backend.compile(graph);
    const seed: Plan["seed"] = lowered.seedInput ? [lowered.seedInput, scalar(this.o.seed ?? 0, "i32")] : undefined;
    return { graph, exe, outputs: lowered.outputs, seed, indexes: indexChecks(graph).length > 0 };
  }
}
