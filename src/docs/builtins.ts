// docs/builtins.md, generated from the built-in registry (src/compiler/layers)
// so the reference cannot drift from what the checker accepts. Regenerate with
// `UPDATE_BASELINES=1 npx vitest run test/docs` (the test fails when stale).

import {
  AUGMENTS,
  DATA_SOURCES,
  FUNCTIONS,
  LAYERS,
  OPTIMIZERS,
  SCHEDULES,
  type ArgSpec,
  type ArgValue,
} from "../compiler/layers/index";

function value(v: ArgValue): string {
  if (Array.isArray(v)) return `[${v.map(value).join(", ")}]`;
  if (typeof v === "string") return JSON.stringify(v);
  return String(v);
}

function signature(name: string, args: readonly ArgSpec[], lead: string[] = []): string {
  const parts = [
    ...lead,
    ...args.map((a) => {
      const alias = a.aliases?.length ? ` (or ${a.aliases.join(", ")})` : "";
      const rest = a.rest ? "..." : "";
      const def = a.default !== undefined ? ` = ${value(a.default)}` : a.required ? "" : "?";
      return `${rest}${a.name}${alias}: ${a.kind}${def}`;
    }),
  ];
  return `${name}(${parts.join(", ")})`;
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n+/g, " ");

function argDocs(args: readonly ArgSpec[]): string {
  const documented = args.filter((a) => a.doc);
  return documented.length ? "<br>" + documented.map((a) => `\`${a.name}\`: ${cell(a.doc!)}`).join("<br>") : "";
}

export function builtinsMarkdown(): string {
  const out: string[] = [];
  out.push("# Built-in layers, functions and training vocabulary");
  out.push("");
  out.push("Generated from the registry in `src/compiler/layers/` (do not edit by hand).");
  out.push("Arguments are positional in the order shown or keyword (`name: value`);");
  out.push("`?` marks an optional argument without a default; `int`/`ints`/`dims`/`axis`");
  out.push("are explained in [language.md](language.md#arguments).");
  out.push("");
  out.push("## Layers");
  out.push("");
  out.push("| layer | signature | what it does |");
  out.push("|---|---|---|");
  for (const l of LAYERS.values()) {
    // Tensors taken at application besides the input: `attn(x, key, value, attn_mask: m)`.
    const ops = (l.operands ?? []).map((o) => `<br>operand \`${o.name}\`${o.positional ? "" : " (by name)"}: ${cell(o.doc)}`).join("");
    // Extra results, read from the applied named instance: `lstm.h_n`.
    const states = (l.states ?? []).map((o) => `<br>state \`.${o.name}\`: ${cell(o.doc)}`).join("");
    out.push(`| \`${l.name}\` | \`${cell(signature(l.name, l.args))}\` | ${cell(l.doc)}${argDocs(l.args)}${ops}${states} |`);
  }
  out.push("");
  out.push("## Functions");
  out.push("");
  out.push("The first tensor operand may come from a pipe: `x -> softmax(dim: -1)` is `softmax(x, dim: -1)`.");
  out.push("");
  out.push("| function | category | signature | what it does |");
  out.push("|---|---|---|---|");
  for (const f of FUNCTIONS.values()) {
    const n = f.tensors.max === f.tensors.min ? f.tensors.min : undefined;
    const lead =
      n !== undefined
        ? Array.from({ length: n }, (_, i) => (n === 1 ? "x" : `x${i + 1}`))
        : [`x1..x${Number.isFinite(f.tensors.max) ? f.tensors.max : "n"}`];
    // Tensors and arguments interleaved as torch writes them: `gather(x, dim: axis, index)`.
    const mixed = f.mixedOperands?.map((n) => {
      const a = f.args.find((x) => x.name === n);
      return a ? `${n}: ${a.kind}` : n;
    });
    const sig = mixed ? `${f.name}(${mixed.join(", ")})` : signature(f.name, f.args, lead);
    out.push(`| \`${f.name}\` | ${f.category} | \`${cell(sig)}\` | ${cell(f.doc)}${argDocs(f.args)} |`);
  }
  const vocab = (title: string, defs: readonly { name: string; doc: string; args: readonly ArgSpec[] }[]) => {
    out.push("");
    out.push(`## ${title}`);
    out.push("");
    out.push("| name | signature | what it does |");
    out.push("|---|---|---|");
    for (const d of defs) out.push(`| \`${d.name}\` | \`${cell(signature(d.name, d.args))}\` | ${cell(d.doc)}${argDocs(d.args)} |`);
  };
  vocab("Data sources", DATA_SOURCES);
  vocab("Optimizers", OPTIMIZERS);
  vocab("Learning-rate schedules", SCHEDULES);
  vocab("Augmentations (`augment FIELD = [...]`)", AUGMENTS);
  out.push("");
  return out.join("\n");
}
