// Independent plain-TypeScript versions of PyTorch's layer formulas, written
// from the PyTorch documentation with naive loops: the oracle the lowered
// graphs are compared against. Tensors are flat row-major number arrays.

export type Arr = ArrayLike<number>;

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** y[n, o] = Σ_i x[n, i] W[o, i] + b[o]; x is [N, in] flattened. */
export function linear(x: Arr, n: number, inF: number, w: Arr, b: Arr | undefined, outF: number): number[] {
  const y = new Array(n * outF).fill(0);
  for (let r = 0; r < n; r++)
    for (let o = 0; o < outF; o++) {
      let s = b ? b[o] : 0;
      for (let i = 0; i < inF; i++) s += x[r * inF + i] * w[o * inF + i];
      y[r * outF + o] = s;
    }
  return y;
}

export interface Conv {
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  groups: number;
}

/** torch.nn.functional.conv2d by definition: x [N, C, H, W], w [O, C/g, KH, KW]. */
export function conv2d(x: Arr, xs: number[], w: Arr, ws: number[], b: Arr | undefined, c: Conv): { y: number[]; shape: number[] } {
  const [N, C, H, W] = xs;
  const [O, Cg, KH, KW] = ws;
  const OH = Math.floor((H + 2 * c.padding[0] - c.dilation[0] * (KH - 1) - 1) / c.stride[0]) + 1;
  const OW = Math.floor((W + 2 * c.padding[1] - c.dilation[1] * (KW - 1) - 1) / c.stride[1]) + 1;
  const Og = O / c.groups;
  const y = new Array(N * O * OH * OW).fill(0);
  for (let n = 0; n < N; n++)
    for (let o = 0; o < O; o++) {
      const g = Math.floor(o / Og);
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++) {
          let s = b ? b[o] : 0;
          for (let ci = 0; ci < Cg; ci++)
            for (let kh = 0; kh < KH; kh++)
              for (let kw = 0; kw < KW; kw++) {
                const ih = oh * c.stride[0] - c.padding[0] + kh * c.dilation[0];
                const iw = ow * c.stride[1] - c.padding[1] + kw * c.dilation[1];
                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                const cin = g * Cg + ci;
                s += x[((n * C + cin) * H + ih) * W + iw] * w[((o * Cg + ci) * KH + kh) * KW + kw];
              }
          y[((n * O + o) * OH + oh) * OW + ow] = s;
        }
    }
  return { y, shape: [N, O, OH, OW] };
}

/**
 * conv_transpose2d by its definition as scattering: every input pixel adds
 * x · w[cin, co] at output position ih·s - p + kh·d. w [Cin, Cout/g, KH, KW].
 */
export function convTranspose2d(
  x: Arr, xs: number[], w: Arr, ws: number[], b: Arr | undefined, c: Conv, outPad: [number, number],
): { y: number[]; shape: number[] } {
  const [N, Cin, H, W] = xs;
  const [, Cog, KH, KW] = ws;
  const Cout = Cog * c.groups;
  const OH = (H - 1) * c.stride[0] - 2 * c.padding[0] + c.dilation[0] * (KH - 1) + outPad[0] + 1;
  const OW = (W - 1) * c.stride[1] - 2 * c.padding[1] + c.dilation[1] * (KW - 1) + outPad[1] + 1;
  const Cig = Cin / c.groups;
  const y = new Array(N * Cout * OH * OW).fill(0);
  for (let n = 0; n < N; n++)
    for (let co = 0; co < Cout; co++) for (let i = 0; i < OH * OW; i++) y[(n * Cout + co) * OH * OW + i] = b ? b[co] : 0;
  for (let n = 0; n < N; n++)
    for (let ci = 0; ci < Cin; ci++) {
      const g = Math.floor(ci / Cig);
      for (let ih = 0; ih < H; ih++)
        for (let iw = 0; iw < W; iw++) {
          const v = x[((n * Cin + ci) * H + ih) * W + iw];
          for (let k = 0; k < Cog; k++)
            for (let kh = 0; kh < KH; kh++)
              for (let kw = 0; kw < KW; kw++) {
                const oh = ih * c.stride[0] - c.padding[0] + kh * c.dilation[0];
                const ow = iw * c.stride[1] - c.padding[1] + kw * c.dilation[1];
                if (oh < 0 || oh >= OH || ow < 0 || ow >= OW) continue;
                const co = g * Cog + k;
                y[((n * Cout + co) * OH + oh) * OW + ow] += v * w[((ci * Cog + k) * KH + kh) * KW + kw];
              }
        }
    }
  return { y, shape: [N, Cout, OH, OW] };
}

/** Max or average pooling; padding is -inf for max, zeros counted in the mean for avg (count_include_pad). */
export function pool2d(kind: "max" | "avg", x: Arr, xs: number[], k: [number, number], s: [number, number], p: [number, number]): number[] {
  const [N, C, H, W] = xs;
  const OH = Math.floor((H + 2 * p[0] - k[0]) / s[0]) + 1;
  const OW = Math.floor((W + 2 * p[1] - k[1]) / s[1]) + 1;
  const y: number[] = [];
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++)
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++) {
          let m = -Infinity;
          let sum = 0;
          for (let a = 0; a < k[0]; a++)
            for (let bb = 0; bb < k[1]; bb++) {
              const ih = oh * s[0] - p[0] + a;
              const iw = ow * s[1] - p[1] + bb;
              const inside = ih >= 0 && ih < H && iw >= 0 && iw < W;
              const v = inside ? x[((n * C + c) * H + ih) * W + iw] : 0;
              if (inside) m = Math.max(m, v);
              sum += v;
            }
          y.push(kind === "max" ? m : sum / (k[0] * k[1]));
        }
  return y;
}

/** Normalise each row of length d: (x - mean)/sqrt(var + eps)·g + b (biased var). */
export function layerNorm(x: Arr, d: number, eps: number, g?: Arr, b?: Arr): number[] {
  const y: number[] = [];
  for (let r = 0; r < x.length / d; r++) {
    let m = 0;
    for (let i = 0; i < d; i++) m += x[r * d + i];
    m /= d;
    let v = 0;
    for (let i = 0; i < d; i++) v += (x[r * d + i] - m) ** 2;
    v /= d;
    for (let i = 0; i < d; i++) y.push(((x[r * d + i] - m) / Math.sqrt(v + eps)) * (g ? g[i] : 1) + (b ? b[i] : 0));
  }
  return y;
}

export function rmsNorm(x: Arr, d: number, eps: number, g?: Arr): number[] {
  const y: number[] = [];
  for (let r = 0; r < x.length / d; r++) {
    let ms = 0;
    for (let i = 0; i < d; i++) ms += x[r * d + i] ** 2;
    ms /= d;
    for (let i = 0; i < d; i++) y.push((x[r * d + i] / Math.sqrt(ms + eps)) * (g ? g[i] : 1));
  }
  return y;
}

/** Per-channel mean and (biased, unbiased) variance of x [N, C, S...] (S = product of spatial dims). */
export function channelStats(x: Arr, N: number, C: number, S: number) {
  const mean: number[] = [];
  const biased: number[] = [];
  const unbiased: number[] = [];
  const m = N * S;
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (let n = 0; n < N; n++) for (let i = 0; i < S; i++) s += x[(n * C + c) * S + i];
    const mu = s / m;
    let v = 0;
    for (let n = 0; n < N; n++) for (let i = 0; i < S; i++) v += (x[(n * C + c) * S + i] - mu) ** 2;
    mean.push(mu);
    biased.push(v / m);
    unbiased.push(v / (m - 1));
  }
  return { mean, biased, unbiased };
}

export function batchNorm(x: Arr, N: number, C: number, S: number, mean: Arr, vari: Arr, eps: number, g: Arr, b: Arr): number[] {
  const y = new Array(x.length);
  for (let n = 0; n < N; n++)
    for (let c = 0; c < C; c++)
      for (let i = 0; i < S; i++) {
        const k = (n * C + c) * S + i;
        y[k] = ((x[k] - mean[c]) / Math.sqrt(vari[c] + eps)) * g[c] + b[c];
      }
  return y;
}

/** softmax over the last axis of rows of length d. */
export function softmaxRows(x: Arr, d: number): number[] {
  const y: number[] = [];
  for (let r = 0; r < x.length / d; r++) {
    let m = -Infinity;
    for (let i = 0; i < d; i++) m = Math.max(m, x[r * d + i]);
    let s = 0;
    for (let i = 0; i < d; i++) s += Math.exp(x[r * d + i] - m);
    for (let i = 0; i < d; i++) y.push(Math.exp(x[r * d + i] - m) / s);
  }
  return y;
}

export interface RnnWeights {
  wih: Arr;
  whh: Arr;
  bih: Arr;
  bhh: Arr;
}

const dot = (w: Arr, row: number, v: number[], n: number) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += w[row * n + i] * v[i];
  return s;
};

/**
 * One layer of a batch-first recurrent net, step by step as the PyTorch docs
 * write the cell. x [B, T, I] → all hidden states [B, T, H].
 */
export function recurrentLayer(cell: "RNN" | "LSTM" | "GRU", x: Arr, B: number, T: number, I: number, H: number, w: RnnWeights, act: "tanh" | "relu" = "tanh"): number[] {
  const out = new Array(B * T * H).fill(0);
  for (let b = 0; b < B; b++) {
    let h = new Array(H).fill(0);
    let c = new Array(H).fill(0);
    for (let t = 0; t < T; t++) {
      const xt = Array.from({ length: I }, (_, i) => x[(b * T + t) * I + i]);
      const gi = (row: number) => dot(w.wih, row, xt, I) + w.bih[row];
      const gh = (row: number) => dot(w.whh, row, h, H) + w.bhh[row];
      const nh = new Array(H);
      const nc = new Array(H);
      for (let j = 0; j < H; j++) {
        if (cell === "RNN") {
          const v = gi(j) + gh(j);
          nh[j] = act === "tanh" ? Math.tanh(v) : Math.max(0, v);
        } else if (cell === "LSTM") {
          const i = sigmoid(gi(j) + gh(j));
          const f = sigmoid(gi(H + j) + gh(H + j));
          const g = Math.tanh(gi(2 * H + j) + gh(2 * H + j));
          const o = sigmoid(gi(3 * H + j) + gh(3 * H + j));
          nc[j] = f * c[j] + i * g;
          nh[j] = o * Math.tanh(nc[j]);
        } else {
          const r = sigmoid(gi(j) + gh(j));
          const z = sigmoid(gi(H + j) + gh(H + j));
          const n = Math.tanh(gi(2 * H + j) + r * gh(2 * H + j));
          nh[j] = (1 - z) * n + z * h[j];
        }
      }
      h = nh;
      if (cell === "LSTM") c = nc;
      for (let j = 0; j < H; j++) out[(b * T + t) * H + j] = h[j];
    }
  }
  return out;
}

/**
 * nn.MultiheadAttention(d, heads, batch_first=True)(x, x, x, attn_mask=causal):
 * q, k, v = x W_q/k/vᵀ + b (rows of in_proj), per head softmax(q kᵀ/√dh) v,
 * heads concatenated, then out_proj.
 */
export function mha(x: Arr, B: number, T: number, d: number, heads: number, inW: Arr, inB: Arr, outW: Arr, outB: Arr, causal: boolean): number[] {
  const dh = d / heads;
  const proj = linear(x, B * T, d, inW, inB, 3 * d); // [B*T, 3d]
  const ctx = new Array(B * T * d).fill(0);
  for (let b = 0; b < B; b++)
    for (let hd = 0; hd < heads; hd++)
      for (let i = 0; i < T; i++) {
        const scores: number[] = [];
        for (let j = 0; j < T; j++) {
          let s = 0;
          for (let e = 0; e < dh; e++) s += proj[(b * T + i) * 3 * d + hd * dh + e] * proj[(b * T + j) * 3 * d + d + hd * dh + e];
          scores.push(causal && j > i ? -Infinity : s / Math.sqrt(dh));
        }
        const p = softmaxRows(scores, T);
        for (let e = 0; e < dh; e++) {
          let s = 0;
          for (let j = 0; j < T; j++) s += p[j] * proj[(b * T + j) * 3 * d + 2 * d + hd * dh + e];
          ctx[(b * T + i) * d + hd * dh + e] = s;
        }
      }
  return linear(ctx, B * T, d, outW, outB, d);
}

/** PyTorch's exact GELU: x·Φ(x) with Φ from erf (series, accurate to 1e-15 for |x| < 3). */
export function gelu(x: number): number {
  let term = x / Math.SQRT2;
  let s = term;
  const z2 = (x * x) / 2;
  for (let n = 1; n < 80; n++) {
    term *= -z2 / n;
    s += term / (2 * n + 1);
  }
  const erf = (2 / Math.sqrt(Math.PI)) * s;
  return 0.5 * x * (1 + erf);
}
