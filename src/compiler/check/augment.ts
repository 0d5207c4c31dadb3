// `augment FIELD = [crop(28, padding: 4), hflip(0.5), noise(0.1)]` in a train
// block: the transforms exist and bind their arguments (PyTorch's names), the
// field is an f32 image whose [C, H, W] layout is known (the source says so,
// as mnist's 784-value image is 1×28×28; a field of rank 3 is [C, H, W], of
// rank 2 [H, W]; otherwise `view(C, H, W)` first in the list), and each
// transform fits it. Problems are DL4003 (unknown transform), DL2004–DL2006
// (arguments), DL4005 (no such field) and DL4010 (does not fit the field).

import type { Span } from "../source";
import type { Setting } from "../syntax/ast";
import { AUGMENT_DEFS, DATA, type Args } from "../layers";
import { showType } from "../tensor-type";
import type { AugmentSpec, AugmentStep, DataSpec } from "./elaborated";
import { namedCall } from "./call-args";
import { reportNoField, type Cx } from "./expr";

type Layout = readonly [number, number, number];

/** Every `augment` setting of the block, checked; with `data` unknown (reported), only the transforms. */
export function checkAugments(cx: Cx, settings: readonly Setting[], data: DataSpec | undefined): AugmentSpec[] {
  const path = cx.env.file.path;
  const err = (code: "DL4010" | "DL2002" | "DL4003", msg: string, span: Span) => cx.st.report(code, msg, path, span);
  const out: AugmentSpec[] = [];
  const seen = new Set<string>();
  for (const s of settings) {
    if (!s.target) {
      err("DL4003", `augment names the data field it transforms: 'augment image = [crop(28, padding: 4), hflip(0.5)]'`, s.key.span);
      continue;
    }
    const field = s.target.name;
    if (seen.has(field)) {
      err("DL2002", `'augment ${field}' is already set in this train block`, s.target.span);
      continue;
    }
    seen.add(field);
    const items = s.value.kind === "List" ? s.value.items : [s.value];
    // The transforms, bound (an unknown one or a bad argument is reported and left out).
    const calls: { name: string; args: Args; span: Span }[] = [];
    let ok = true;
    for (const it of items) {
      if (it.kind !== "Call" && it.kind !== "Name") {
        err("DL4003", `augment lists transforms such as crop(28, padding: 4), hflip(0.5), noise(0.1) (${[...AUGMENT_DEFS.keys()].join(", ")})`, it.span);
        ok = false;
        continue;
      }
      const c = namedCall(cx, it, "augmentation", AUGMENT_DEFS);
      if (c) calls.push({ name: c.name, args: c.args, span: it.span });
      else ok = false;
    }
    const type = data?.fields?.[field];
    if (!type) {
      // Fields unknown (no data, a data file not read): the transforms were still checked.
      if (data?.fields) reportNoField(cx, field, Object.keys(data.fields), s.target.span);
      continue;
    }
    if (type.dtype !== "f32") {
      err("DL4010", `augment transforms images, but data.${field} is ${showType(type)} per sample (an f32 image field is needed)`, s.target.span);
      continue;
    }
    const shape = type.shape;
    if (!shape.every((d): d is number => typeof d === "number")) continue;
    const numel = shape.reduce((a, b) => a * b, 1);
    // The image layout: `view(C, H, W)` first, else what the source or the field's shape says.
    let layout: Layout | undefined;
    const view = calls.findIndex((c) => c.name === "view");
    if (view > 0) {
      err("DL4010", `view(...) declares the field's layout, so it comes first in the list`, calls[view].span);
      continue;
    }
    if (view === 0) {
      const v = (calls[0].args.shape as readonly number[]).map(Number);
      const dims = v.length === 2 ? [1, v[0], v[1]] : v;
      if (dims.length !== 3 || dims.some((d) => !(d >= 1))) {
        err("DL4010", `view takes the image's C, H, W (or H, W for one channel), each at least 1; found view(${v.join(", ")})`, calls[0].span);
        continue;
      }
      if (dims[0] * dims[1] * dims[2] !== numel) {
        err("DL4010", `view(${v.join(", ")}) holds ${dims[0] * dims[1] * dims[2]} values but data.${field} has ${numel} per sample (${showType(type)})`, calls[0].span);
        continue;
      }
      layout = dims as unknown as Layout;
      calls.shift();
    } else {
      const known = data ? DATA.get(data.source)?.layouts?.[field] : undefined;
      if (known && known[0] * known[1] * known[2] === numel) layout = known;
      else if (shape.length === 3) layout = [shape[0], shape[1], shape[2]];
      else if (shape.length === 2) layout = [1, shape[0], shape[1]];
      else {
        err(
          "DL4010",
          `data.${field} is ${showType(type)} per sample: its image layout is not known; start the list with the layout, e.g. view(1, H, W) or view(C, H, W) for ${numel} values`,
          s.target.span,
        );
        continue;
      }
    }
    const steps: AugmentStep[] = [];
    for (const c of calls) {
      const step = stepOf(c, layout, field, (msg) => err("DL4010", msg, c.span));
      if (step) steps.push(step);
      else ok = false;
    }
    if (ok) out.push({ field, layout, steps });
  }
  return out;
}

/** One bound transform as an AugmentStep, or undefined after reporting why it does not fit. */
function stepOf(c: { name: string; args: Args }, layout: Layout, field: string, bad: (msg: string) => void): AugmentStep | undefined {
  const a = c.args;
  const [, H, W] = layout;
  switch (c.name) {
    case "crop": {
      const size = ints(a.size);
      const pad = ints(a.padding);
      if (size.length < 1 || size.length > 2 || size.some((v) => !(v >= 1))) return void bad(`crop size is a positive int or [h, w], found ${show(a.size)}`);
      if (![1, 2, 4].includes(pad.length) || pad.some((v) => !(v >= 0))) {
        return void bad(`crop padding is an int ≥ 0, [left/right, top/bottom] or [left, top, right, bottom], found ${show(a.padding)}`);
      }
      const [h, w] = size.length === 1 ? [size[0], size[0]] : size;
      // torchvision's order: one value for all sides; [lr, tb]; [l, t, r, b].
      const p = (pad.length === 1 ? [pad[0], pad[0], pad[0], pad[0]] : pad.length === 2 ? [pad[0], pad[1], pad[0], pad[1]] : pad) as [number, number, number, number];
      const [ph, pw] = [H + p[1] + p[3], W + p[0] + p[2]];
      if (h > ph || w > pw) {
        return void bad(`crop size ${h}×${w} is larger than the padded image: data.${field} is ${H}×${W}, ${ph}×${pw} with padding ${show(a.padding)}`);
      }
      if (h !== H || w !== W) {
        return void bad(
          `crop size ${h}×${w} differs from the image's ${H}×${W}: training images would be ${h}×${w} while held-out data (never augmented) stays ${H}×${W}; ` +
            `crop to ${H === W ? H : `[${H}, ${W}]`} and let padding shift the image (torchvision's RandomCrop(${H === W ? H : `(${H}, ${W})`}, padding=4))`,
        );
      }
      return { kind: "crop", size: [h, w], padding: p, fill: a.fill as number };
    }
    case "hflip":
    case "vflip": {
      const p = a.p as number;
      if (!(p >= 0 && p <= 1)) return void bad(`${c.name} p is a probability in [0, 1], found ${p}`);
      return { kind: c.name, p };
    }
    case "noise": {
      const std = a.std as number;
      if (!(std >= 0)) return void bad(`noise std must be ≥ 0, found ${std}`);
      return { kind: "noise", std, mean: a.mean as number };
    }
    default:
      return undefined;
  }
}

function ints(v: unknown): number[] {
  return Array.isArray(v) ? v.map(Number) : [Number(v)];
}

function show(v: unknown): string {
  return Array.isArray(v) ? `[${v.join(", ")}]` : String(v);
}
