// 131 kernels, dispatched in this order as one submission.
// Target: tiled GEMM, 8 storage buffers per kernel.
// Buffers: 8778244 bytes transient (reused by liveness), 2457912 bytes persistent.

// ---- kernel 1/131: elementwise_20480, workgroups 320x1x1
// fuses: %95 gather, %96 add
// t0 = %0 "tokens" i32[32,10]
// t1 = %1 "tiny_gpt_0.embedding_0.weight" f32[13,64]
// t2 = %2 "tiny_gpt_0.positional_embedding_0.weight" f32[10,64]
// o0 = %96 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<i32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 20480u) { return; }
  let c0 = (i / 640u);
  let c1 = ((i / 64u) % 10u);
  let c2 = (i % 64u);
  let v0 = t0[c0 * 10u + c1];
  let v1 = u32(clamp(v0, 0i, 12i));
  let v2 = t1[v1 * 64u + c2];
  let v3 = t2[c1 * 64u + c2];
  let v4 = (v2 + v3);
  o0[i] = v4;
}

// ---- kernel 2/131: rows_320x64, workgroups 320x1x1
// fuses: %103 reduce_sum, %105 div, %106 sub, %107 mul, %108 reduce_sum, %109 div, %111 add,
//   %112 sqrt, %113 div, %114 mul, %115 add
// t0 = %96 f32[32,10,64]
// t1 = %3 "tiny_gpt_0.repeat_0.0.layer_norm_0.weight" f32[64]
// t2 = %4 "tiny_gpt_0.repeat_0.0.layer_norm_0.bias" f32[64]
// o0 = %106 f32[32,10,64]
// o1 = %112 f32[32,10,1]
// o2 = %113 f32[32,10,64]
// o3 = %115 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;
@group(0) @binding(5) var<storage, read_write> o2: array<f32>;
@group(0) @binding(6) var<storage, read_write> o3: array<f32>;

var<workgroup> scratch: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c0 = (row / 10u);
  let c1 = (row % 10u);
  var part0 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let s0_0 = t0[idx];
    part0 = part0 + s0_0;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  var part1 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let s1_0 = t0[idx];
    let s1_1 = (red0 / 64.0f);
    let s1_2 = (s1_0 - s1_1);
    let s1_3 = (s1_2 * s1_2);
    part1 = part1 + s1_3;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let e0 = t0[idx];
    let e1 = (red0 / 64.0f);
    let e2 = (e0 - e1);
    let e3 = (red1 / 64.0f);
    let e4 = (e3 + 0.000009999999747378752f);
    let e5 = sqrt(e4);
    let e6 = (e2 / e5);
    let e7 = t1[c2];
    let e8 = (e6 * e7);
    let e9 = t2[c2];
    let e10 = (e8 + e9);
    o0[idx] = e2;
    o2[idx] = e6;
    o3[idx] = e10;
  }
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 64u + r;
    let c2 = r;
    let w0 = (red1 / 64.0f);
    let w1 = (w0 + 0.000009999999747378752f);
    let w2 = sqrt(w1);
    o1[row] = w2;
  }
}

// ---- kernel 3/131: matmul_tiled16x128x16_8x4_vkk, workgroups 2x1x32
// fuses: %116 permute, %117 matmul, %118 add
// t0 = %115 f32[32,10,64]
// t1 = %5 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_weight" f32[192,64]
// t2 = %6 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_bias" f32[192]
// o0 = %118 f32[32,10,192]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [n][k/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 640u + m * 64u + k) / 4u][(b * 640u + m * 64u + k) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 640u + m * 64u + k) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(n * 64u + k) / 4u][(n * 64u + k) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(n * 64u + k) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 192u + n;
  let e0 = t2[n];
  let e1 = (acc + e0);
  o0[flat] = e1;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 128u;
  let ty = lid / 32u;
  let tx = lid % 32u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  var acc4_0 = vec4<f32>(0.0);
  var acc5_0 = vec4<f32>(0.0);
  var acc6_0 = vec4<f32>(0.0);
  var acc7_0 = vec4<f32>(0.0);
  let kEnd = select(64u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, gr, min(gk, 60u)), gk < 64u);
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileN + e / 4u, 191u);
      let gk = k0 + (e % 4u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 60u), gr), gk < 64u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 8u + 0u) * 4u + kq];
      let a1 = As[(ty * 8u + 1u) * 4u + kq];
      let a2 = As[(ty * 8u + 2u) * 4u + kq];
      let a3 = As[(ty * 8u + 3u) * 4u + kq];
      let a4 = As[(ty * 8u + 4u) * 4u + kq];
      let a5 = As[(ty * 8u + 5u) * 4u + kq];
      let a6 = As[(ty * 8u + 6u) * 4u + kq];
      let a7 = As[(ty * 8u + 7u) * 4u + kq];
      let bt0 = Bs[(tx * 4u + 0u) * 4u + kq];
      let bt1 = Bs[(tx * 4u + 1u) * 4u + kq];
      let bt2 = Bs[(tx * 4u + 2u) * 4u + kq];
      let bt3 = Bs[(tx * 4u + 3u) * 4u + kq];
      let b0_0 = vec4<f32>(bt0[0], bt1[0], bt2[0], bt3[0]);
      let b1_0 = vec4<f32>(bt0[1], bt1[1], bt2[1], bt3[1]);
      let b2_0 = vec4<f32>(bt0[2], bt1[2], bt2[2], bt3[2]);
      let b3_0 = vec4<f32>(bt0[3], bt1[3], bt2[3], bt3[3]);
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a4[0]), b0_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a5[0]), b0_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a6[0]), b0_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a7[0]), b0_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a4[1]), b1_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a5[1]), b1_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a6[1]), b1_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a7[1]), b1_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a4[2]), b2_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a5[2]), b2_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a6[2]), b2_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a7[2]), b2_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a4[3]), b3_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a5[3]), b3_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a6[3]), b3_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a7[3]), b3_0, acc7_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 8u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 8>(acc0_0, acc1_0, acc2_0, acc3_0, acc4_0, acc5_0, acc6_0, acc7_0);
  for (var i = 0u; i < 8u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 192u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 4/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %119 slice, %120 reshape, %121 permute, %122 slice, %123 reshape, %124 permute,
//   %125 matmul
// t0 = %118 f32[32,10,192]
// o0 = %125 f32[32,4,10,10]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read_write> o0: array<f32>;
@group(0) @binding(2) var<uniform> prm: array<vec4<u32>, 1>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 64>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = (b / 4u) * 640u + m * 64u + (b % 4u) * 16u + k;
  let la1 = (la0 / 640u);
  let la2 = ((la0 / 64u) % 10u);
  let la3 = (la0 % 64u);
  let la4 = (la3 + prm[0].x);
  let la5 = t0[la1 * 1920u + la2 * 192u + la4];
  return la5;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = (b / 4u) * 640u + n * 64u + (b % 4u) * 16u + k;
  let lb1 = (lb0 / 640u);
  let lb2 = ((lb0 / 64u) % 10u);
  let lb3 = (lb0 % 64u);
  let lb4 = (lb3 + prm[0].y);
  let lb5 = t0[lb1 * 1920u + lb2 * 192u + lb4];
  return lb5;
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 10u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 16u;
  let ty = lid / 4u;
  let tx = lid % 4u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(16u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 16u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 15u)), gk + q < 16u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 16u;
      let gk = k0 + e / 4u;
      let r4 = tileN + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = loadB(b, min(gk, 15u), min(r4 + q, 9u));
      }
      Bs[e] = select(vec4<f32>(0.0), v, gk < 16u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 4u + kq];
      let a1 = As[(ty * 4u + 1u) * 4u + kq];
      let a2 = As[(ty * 4u + 2u) * 4u + kq];
      let a3 = As[(ty * 4u + 3u) * 4u + kq];
      let b0_0 = Bs[(kq * 4u + 0u) * 4u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 4u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 4u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 4u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 10u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 5/131: rows_1280x10, workgroups 1280x1x1
// fuses: %100 iota, %101 iota, %102 ge, %127 mul, %129 where, %130 reduce_max, %131 detach,
//   %132 sub, %133 exp, %134 reduce_sum, %135 div
// t0 = %125 f32[32,4,10,10]
// o0 = %135 f32[32,4,10,10]
var<private> inf_bits: u32 = 0x7f800000u;
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read_write> o0: array<f32>;

var<workgroup> scratch: array<f32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c0 = (row / 40u);
  let c1 = ((row / 10u) % 4u);
  let c2 = (row % 10u);
  var part0 = -3.4028234663852886e+38f;
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c3 = r;
    let s0_0 = i32(c2);
    let s0_1 = i32(c3);
    let s0_2 = (s0_0 >= s0_1);
    let s0_3 = t0[idx];
    let s0_4 = (s0_3 * 0.25f);
    let s0_5 = (-bitcast<f32>(inf_bits));
    let s0_6 = select(s0_5, s0_4, s0_2);
    part0 = max(part0, s0_6);
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = max(scratch[lid], scratch[lid + s]); }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  var part1 = 0.0f;
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c3 = r;
    let s1_0 = i32(c2);
    let s1_1 = i32(c3);
    let s1_2 = (s1_0 >= s1_1);
    let s1_3 = t0[idx];
    let s1_4 = (s1_3 * 0.25f);
    let s1_5 = (-bitcast<f32>(inf_bits));
    let s1_6 = select(s1_5, s1_4, s1_2);
    let s1_7 = (s1_6 - red0);
    let s1_8 = exp(s1_7);
    part1 = part1 + s1_8;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c3 = r;
    let e0 = i32(c2);
    let e1 = i32(c3);
    let e2 = (e0 >= e1);
    let e3 = t0[idx];
    let e4 = (e3 * 0.25f);
    let e5 = (-bitcast<f32>(inf_bits));
    let e6 = select(e5, e4, e2);
    let e7 = (e6 - red0);
    let e8 = exp(e7);
    let e9 = (e8 / red1);
    o0[idx] = e9;
  }
}

// ---- kernel 6/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %136 slice, %137 reshape, %138 permute, %139 matmul
// t0 = %135 f32[32,4,10,10]
// t1 = %118 f32[32,10,192]
// o0 = %139 f32[32,4,10,16]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<uniform> prm: array<vec4<u32>, 1>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 64>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b / 4u) * 400u + (b % 4u) * 100u + m * 10u + k];
  return la0;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = (b / 4u) * 640u + k * 64u + (b % 4u) * 16u + n;
  let lb1 = (lb0 / 640u);
  let lb2 = ((lb0 / 64u) % 10u);
  let lb3 = (lb0 % 64u);
  let lb4 = (lb3 + prm[0].x);
  let lb5 = t1[lb1 * 1920u + lb2 * 192u + lb4];
  return lb5;
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 16u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 16u;
  let ty = lid / 4u;
  let tx = lid % 4u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(10u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 16u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 9u)), gk + q < 10u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 16u;
      let gk = k0 + e / 4u;
      let r4 = tileN + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = loadB(b, min(gk, 9u), min(r4 + q, 15u));
      }
      Bs[e] = select(vec4<f32>(0.0), v, gk < 10u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 4u + kq];
      let a1 = As[(ty * 4u + 1u) * 4u + kq];
      let a2 = As[(ty * 4u + 2u) * 4u + kq];
      let a3 = As[(ty * 4u + 3u) * 4u + kq];
      let b0_0 = Bs[(kq * 4u + 0u) * 4u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 4u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 4u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 4u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 16u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 7/131: matmul_tiled16x64x16_4x4_vsk, workgroups 1x1x32
// fuses: %97 random_uniform, %99 ge, %140 permute, %141 reshape, %142 permute, %143 matmul,
//   %144 add, %146 mul, %148 where, %149 add
// t0 = %139 f32[32,4,10,16]
// t1 = %7 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.weight" f32[64,64]
// t2 = %96 f32[32,10,64]
// t3 = %31 "__seed" i32[]
// t4 = %8 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.bias" f32[64]
// o0 = %149 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<i32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 256>; // [n][k/4]

fn pcg(v: u32) -> u32 {
  let s = v * 747796405u + 2891336453u;
  let w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return (w >> 22u) ^ w;
}
fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = b * 640u + m * 64u + k;
  let la1 = (la0 / 640u);
  let la2 = ((la0 / 64u) % 10u);
  let la3 = ((la0 / 16u) % 4u);
  let la4 = (la0 % 16u);
  let la5 = t0[la1 * 640u + la3 * 160u + la2 * 16u + la4];
  return la5;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(n * 64u + k) / 4u][(n * 64u + k) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(n * 64u + k) / 4u];
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 64u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(64u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 63u)), gk + q < 64u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileN + e / 4u, 63u);
      let gk = k0 + (e % 4u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 60u), gr), gk < 64u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 4u + kq];
      let a1 = As[(ty * 4u + 1u) * 4u + kq];
      let a2 = As[(ty * 4u + 2u) * 4u + kq];
      let a3 = As[(ty * 4u + 3u) * 4u + kq];
      let bt0 = Bs[(tx * 4u + 0u) * 4u + kq];
      let bt1 = Bs[(tx * 4u + 1u) * 4u + kq];
      let bt2 = Bs[(tx * 4u + 2u) * 4u + kq];
      let bt3 = Bs[(tx * 4u + 3u) * 4u + kq];
      let b0_0 = vec4<f32>(bt0[0], bt1[0], bt2[0], bt3[0]);
      let b1_0 = vec4<f32>(bt0[1], bt1[1], bt2[1], bt3[1]);
      let b2_0 = vec4<f32>(bt0[2], bt1[2], bt2[2], bt3[2]);
      let b3_0 = vec4<f32>(bt0[3], bt1[3], bt2[3], bt3[3]);
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    let e1 = t3[0u];
    let e2 = pcg(bitcast<u32>(e1) ^ pcg(1412355517u));
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 64u) {
        let acc = accs[i * 1u + j / 4u][j % 4u];
        let flat = (b * 10u + m) * 64u + n;
        let e0 = t2[b * 640u + m * 64u + n];
        let e3 = f32(pcg(b * 640u + m * 64u + n + e2) >> 8u) * (1.0f / 16777216.0f);
        let e4 = (e3 >= 0.10000000149011612f);
        let e5 = t4[n];
        let e6 = (acc + e5);
        let e7 = (e6 * 1.1111111640930176f);
        let e8 = select(0.0f, e7, e4);
        let e9 = (e0 + e8);
        o0[flat] = e9;
      }
    }
  }
}

// ---- kernel 8/131: rows_320x64, workgroups 320x1x1
// fuses: %150 reduce_sum, %151 div, %152 sub, %153 mul, %154 reduce_sum, %155 div, %156 add,
//   %157 sqrt, %158 div, %159 mul, %160 add
// t0 = %149 f32[32,10,64]
// t1 = %9 "tiny_gpt_0.repeat_0.0.layer_norm_1.weight" f32[64]
// t2 = %10 "tiny_gpt_0.repeat_0.0.layer_norm_1.bias" f32[64]
// o0 = %152 f32[32,10,64]
// o1 = %157 f32[32,10,1]
// o2 = %158 f32[32,10,64]
// o3 = %160 f32[32,10,64]
// WGSL: kernel 2/131's (the same pipeline, other buffers)

// ---- kernel 9/131: matmul_tiled16x128x16_8x4_vkk, workgroups 2x1x32
// fuses: %161 permute, %162 matmul, %163 add, %165 mul, %168 mul, %169 erf, %170 add, %171 mul
// t0 = %160 f32[32,10,64]
// t1 = %11 "tiny_gpt_0.repeat_0.0.linear_0.weight" f32[256,64]
// t2 = %12 "tiny_gpt_0.repeat_0.0.linear_0.bias" f32[256]
// o0 = %168 f32[32,10,256]
// o1 = %170 f32[32,10,256]
// o2 = %165 f32[32,10,256]
// o3 = %171 f32[32,10,256]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;
@group(0) @binding(5) var<storage, read_write> o2: array<f32>;
@group(0) @binding(6) var<storage, read_write> o3: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [n][k/4]

fn erf_approx(x: f32) -> f32 {
  // Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7).
  let t = 1.0f / (1.0f + 0.3275911f * abs(x));
  let y = 1.0f - (((((1.061405429f * t - 1.453152027f) * t) + 1.421413741f) * t - 0.284496736f) * t + 0.254829592f) * t * exp(-x * x);
  return select(-y, y, x >= 0.0f);
}
fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 640u + m * 64u + k) / 4u][(b * 640u + m * 64u + k) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 640u + m * 64u + k) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(n * 64u + k) / 4u][(n * 64u + k) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(n * 64u + k) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 256u + n;
  let e0 = t2[n];
  let e1 = (acc + e0);
  let e2 = (e1 * 0.7071067690849304f);
  let e3 = erf_approx(e2);
  let e4 = (1.0f + e3);
  let e5 = (e1 * 0.5f);
  let e6 = (e5 * e4);
  o0[flat] = e2;
  o1[flat] = e4;
  o2[flat] = e5;
  o3[flat] = e6;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 128u;
  let ty = lid / 32u;
  let tx = lid % 32u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  var acc4_0 = vec4<f32>(0.0);
  var acc5_0 = vec4<f32>(0.0);
  var acc6_0 = vec4<f32>(0.0);
  var acc7_0 = vec4<f32>(0.0);
  let kEnd = select(64u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, gr, min(gk, 60u)), gk < 64u);
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileN + e / 4u, 255u);
      let gk = k0 + (e % 4u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 60u), gr), gk < 64u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 8u + 0u) * 4u + kq];
      let a1 = As[(ty * 8u + 1u) * 4u + kq];
      let a2 = As[(ty * 8u + 2u) * 4u + kq];
      let a3 = As[(ty * 8u + 3u) * 4u + kq];
      let a4 = As[(ty * 8u + 4u) * 4u + kq];
      let a5 = As[(ty * 8u + 5u) * 4u + kq];
      let a6 = As[(ty * 8u + 6u) * 4u + kq];
      let a7 = As[(ty * 8u + 7u) * 4u + kq];
      let bt0 = Bs[(tx * 4u + 0u) * 4u + kq];
      let bt1 = Bs[(tx * 4u + 1u) * 4u + kq];
      let bt2 = Bs[(tx * 4u + 2u) * 4u + kq];
      let bt3 = Bs[(tx * 4u + 3u) * 4u + kq];
      let b0_0 = vec4<f32>(bt0[0], bt1[0], bt2[0], bt3[0]);
      let b1_0 = vec4<f32>(bt0[1], bt1[1], bt2[1], bt3[1]);
      let b2_0 = vec4<f32>(bt0[2], bt1[2], bt2[2], bt3[2]);
      let b3_0 = vec4<f32>(bt0[3], bt1[3], bt2[3], bt3[3]);
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a4[0]), b0_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a5[0]), b0_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a6[0]), b0_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a7[0]), b0_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a4[1]), b1_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a5[1]), b1_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a6[1]), b1_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a7[1]), b1_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a4[2]), b2_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a5[2]), b2_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a6[2]), b2_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a7[2]), b2_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a4[3]), b3_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a5[3]), b3_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a6[3]), b3_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a7[3]), b3_0, acc7_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 8u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 8>(acc0_0, acc1_0, acc2_0, acc3_0, acc4_0, acc5_0, acc6_0, acc7_0);
  for (var i = 0u; i < 8u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 256u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 10/131: matmul_tiled16x64x32_4x4_vkk, workgroups 1x1x32
// fuses: %172 permute, %173 matmul, %174 add, %175 add
// t0 = %171 f32[32,10,256]
// t1 = %13 "tiny_gpt_0.repeat_0.0.linear_1.weight" f32[64,256]
// t2 = %149 f32[32,10,64]
// t3 = %14 "tiny_gpt_0.repeat_0.0.linear_1.bias" f32[64]
// o0 = %175 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 128>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [n][k/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 2560u + m * 256u + k) / 4u][(b * 2560u + m * 256u + k) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 2560u + m * 256u + k) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(n * 256u + k) / 4u][(n * 256u + k) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(n * 256u + k) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 64u + n;
  let e0 = t2[b * 640u + m * 64u + n];
  let e1 = t3[n];
  let e2 = (acc + e1);
  let e3 = (e0 + e2);
  o0[flat] = e3;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 64u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(256u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 32u) {
    for (var t = 0u; t < 2u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 8u, 9u);
      let gk = k0 + (e % 8u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, gr, min(gk, 252u)), gk < 256u);
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileN + e / 8u, 63u);
      let gk = k0 + (e % 8u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 252u), gr), gk < 256u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(8u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 8u + kq];
      let a1 = As[(ty * 4u + 1u) * 8u + kq];
      let a2 = As[(ty * 4u + 2u) * 8u + kq];
      let a3 = As[(ty * 4u + 3u) * 8u + kq];
      let bt0 = Bs[(tx * 4u + 0u) * 8u + kq];
      let bt1 = Bs[(tx * 4u + 1u) * 8u + kq];
      let bt2 = Bs[(tx * 4u + 2u) * 8u + kq];
      let bt3 = Bs[(tx * 4u + 3u) * 8u + kq];
      let b0_0 = vec4<f32>(bt0[0], bt1[0], bt2[0], bt3[0]);
      let b1_0 = vec4<f32>(bt0[1], bt1[1], bt2[1], bt3[1]);
      let b2_0 = vec4<f32>(bt0[2], bt1[2], bt2[2], bt3[2]);
      let b3_0 = vec4<f32>(bt0[3], bt1[3], bt2[3], bt3[3]);
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 64u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 11/131: rows_320x64, workgroups 320x1x1
// fuses: %178 reduce_sum, %179 div, %180 sub, %181 mul, %182 reduce_sum, %183 div, %184 add,
//   %185 sqrt, %186 div, %187 mul, %188 add
// t0 = %175 f32[32,10,64]
// t1 = %15 "tiny_gpt_0.repeat_0.1.layer_norm_0.weight" f32[64]
// t2 = %16 "tiny_gpt_0.repeat_0.1.layer_norm_0.bias" f32[64]
// o0 = %180 f32[32,10,64]
// o1 = %185 f32[32,10,1]
// o2 = %186 f32[32,10,64]
// o3 = %188 f32[32,10,64]
// WGSL: kernel 2/131's (the same pipeline, other buffers)

// ---- kernel 12/131: matmul_tiled16x128x16_8x4_vkk, workgroups 2x1x32
// fuses: %189 permute, %190 matmul, %191 add
// t0 = %188 f32[32,10,64]
// t1 = %17 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_weight" f32[192,64]
// t2 = %18 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_bias" f32[192]
// o0 = %191 f32[32,10,192]
// WGSL: kernel 3/131's (the same pipeline, other buffers)

// ---- kernel 13/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %192 slice, %193 reshape, %194 permute, %195 slice, %196 reshape, %197 permute,
//   %198 matmul
// t0 = %191 f32[32,10,192]
// o0 = %198 f32[32,4,10,10]
// WGSL: kernel 4/131's (the same pipeline, other buffers)

// ---- kernel 14/131: rows_1280x10, workgroups 1280x1x1
// fuses: %100 iota, %101 iota, %102 ge, %199 mul, %200 where, %201 reduce_max, %202 detach,
//   %203 sub, %204 exp, %205 reduce_sum, %206 div
// t0 = %198 f32[32,4,10,10]
// o0 = %206 f32[32,4,10,10]
// WGSL: kernel 5/131's (the same pipeline, other buffers)

// ---- kernel 15/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %207 slice, %208 reshape, %209 permute, %210 matmul
// t0 = %206 f32[32,4,10,10]
// t1 = %191 f32[32,10,192]
// o0 = %210 f32[32,4,10,16]
// WGSL: kernel 6/131's (the same pipeline, other buffers)

// ---- kernel 16/131: matmul_tiled16x64x16_4x4_vsk, workgroups 1x1x32
// fuses: %176 random_uniform, %177 ge, %211 permute, %212 reshape, %213 permute, %214 matmul,
//   %215 add, %216 mul, %217 where, %218 add
// t0 = %210 f32[32,4,10,16]
// t1 = %19 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.weight" f32[64,64]
// t2 = %175 f32[32,10,64]
// t3 = %31 "__seed" i32[]
// t4 = %20 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.bias" f32[64]
// o0 = %218 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<i32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 256>; // [n][k/4]

fn pcg(v: u32) -> u32 {
  let s = v * 747796405u + 2891336453u;
  let w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return (w >> 22u) ^ w;
}
fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = b * 640u + m * 64u + k;
  let la1 = (la0 / 640u);
  let la2 = ((la0 / 64u) % 10u);
  let la3 = ((la0 / 16u) % 4u);
  let la4 = (la0 % 16u);
  let la5 = t0[la1 * 640u + la3 * 160u + la2 * 16u + la4];
  return la5;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(n * 64u + k) / 4u][(n * 64u + k) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(n * 64u + k) / 4u];
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 64u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(64u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 63u)), gk + q < 64u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileN + e / 4u, 63u);
      let gk = k0 + (e % 4u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 60u), gr), gk < 64u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 4u + kq];
      let a1 = As[(ty * 4u + 1u) * 4u + kq];
      let a2 = As[(ty * 4u + 2u) * 4u + kq];
      let a3 = As[(ty * 4u + 3u) * 4u + kq];
      let bt0 = Bs[(tx * 4u + 0u) * 4u + kq];
      let bt1 = Bs[(tx * 4u + 1u) * 4u + kq];
      let bt2 = Bs[(tx * 4u + 2u) * 4u + kq];
      let bt3 = Bs[(tx * 4u + 3u) * 4u + kq];
      let b0_0 = vec4<f32>(bt0[0], bt1[0], bt2[0], bt3[0]);
      let b1_0 = vec4<f32>(bt0[1], bt1[1], bt2[1], bt3[1]);
      let b2_0 = vec4<f32>(bt0[2], bt1[2], bt2[2], bt3[2]);
      let b3_0 = vec4<f32>(bt0[3], bt1[3], bt2[3], bt3[3]);
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    let e1 = t3[0u];
    let e2 = pcg(bitcast<u32>(e1) ^ pcg(585428984u));
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 64u) {
        let acc = accs[i * 1u + j / 4u][j % 4u];
        let flat = (b * 10u + m) * 64u + n;
        let e0 = t2[b * 640u + m * 64u + n];
        let e3 = f32(pcg(b * 640u + m * 64u + n + e2) >> 8u) * (1.0f / 16777216.0f);
        let e4 = (e3 >= 0.10000000149011612f);
        let e5 = t4[n];
        let e6 = (acc + e5);
        let e7 = (e6 * 1.1111111640930176f);
        let e8 = select(0.0f, e7, e4);
        let e9 = (e0 + e8);
        o0[flat] = e9;
      }
    }
  }
}

// ---- kernel 17/131: rows_320x64, workgroups 320x1x1
// fuses: %219 reduce_sum, %220 div, %221 sub, %222 mul, %223 reduce_sum, %224 div, %225 add,
//   %226 sqrt, %227 div, %228 mul, %229 add
// t0 = %218 f32[32,10,64]
// t1 = %21 "tiny_gpt_0.repeat_0.1.layer_norm_1.weight" f32[64]
// t2 = %22 "tiny_gpt_0.repeat_0.1.layer_norm_1.bias" f32[64]
// o0 = %221 f32[32,10,64]
// o1 = %226 f32[32,10,1]
// o2 = %227 f32[32,10,64]
// o3 = %229 f32[32,10,64]
// WGSL: kernel 2/131's (the same pipeline, other buffers)

// ---- kernel 18/131: matmul_tiled16x128x16_8x4_vkk, workgroups 2x1x32
// fuses: %230 permute, %231 matmul, %232 add, %233 mul, %234 mul, %235 erf, %236 add, %237 mul
// t0 = %229 f32[32,10,64]
// t1 = %23 "tiny_gpt_0.repeat_0.1.linear_0.weight" f32[256,64]
// t2 = %24 "tiny_gpt_0.repeat_0.1.linear_0.bias" f32[256]
// o0 = %234 f32[32,10,256]
// o1 = %236 f32[32,10,256]
// o2 = %233 f32[32,10,256]
// o3 = %237 f32[32,10,256]
// WGSL: kernel 9/131's (the same pipeline, other buffers)

// ---- kernel 19/131: matmul_tiled16x64x32_4x4_vkk, workgroups 1x1x32
// fuses: %238 permute, %239 matmul
// t0 = %237 f32[32,10,256]
// t1 = %25 "tiny_gpt_0.repeat_0.1.linear_1.weight" f32[64,256]
// o0 = %239 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 128>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [n][k/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 2560u + m * 256u + k) / 4u][(b * 2560u + m * 256u + k) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 2560u + m * 256u + k) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(n * 256u + k) / 4u][(n * 256u + k) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(n * 256u + k) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 64u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 64u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(256u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 32u) {
    for (var t = 0u; t < 2u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 8u, 9u);
      let gk = k0 + (e % 8u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, gr, min(gk, 252u)), gk < 256u);
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileN + e / 8u, 63u);
      let gk = k0 + (e % 8u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 252u), gr), gk < 256u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(8u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 8u + kq];
      let a1 = As[(ty * 4u + 1u) * 8u + kq];
      let a2 = As[(ty * 4u + 2u) * 8u + kq];
      let a3 = As[(ty * 4u + 3u) * 8u + kq];
      let bt0 = Bs[(tx * 4u + 0u) * 8u + kq];
      let bt1 = Bs[(tx * 4u + 1u) * 8u + kq];
      let bt2 = Bs[(tx * 4u + 2u) * 8u + kq];
      let bt3 = Bs[(tx * 4u + 3u) * 8u + kq];
      let b0_0 = vec4<f32>(bt0[0], bt1[0], bt2[0], bt3[0]);
      let b1_0 = vec4<f32>(bt0[1], bt1[1], bt2[1], bt3[1]);
      let b2_0 = vec4<f32>(bt0[2], bt1[2], bt2[2], bt3[2]);
      let b3_0 = vec4<f32>(bt0[3], bt1[3], bt2[3], bt3[3]);
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 64u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 20/131: rows_320x64, workgroups 320x1x1
// fuses: %240 add, %241 add, %242 reduce_sum, %243 div, %244 sub
// t0 = %218 f32[32,10,64]
// t1 = %239 f32[32,10,64]
// t2 = %26 "tiny_gpt_0.repeat_0.1.linear_1.bias" f32[64]
// o0 = %244 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;

var<workgroup> scratch: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c0 = (row / 10u);
  let c1 = (row % 10u);
  var part0 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let s0_0 = t0[idx];
    let s0_1 = t1[idx];
    let s0_2 = t2[c2];
    let s0_3 = (s0_1 + s0_2);
    let s0_4 = (s0_0 + s0_3);
    part0 = part0 + s0_4;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let e0 = t0[idx];
    let e1 = t1[idx];
    let e2 = t2[c2];
    let e3 = (e1 + e2);
    let e4 = (e0 + e3);
    let e5 = (red0 / 64.0f);
    let e6 = (e4 - e5);
    o0[idx] = e6;
  }
}

// ---- kernel 21/131: rows_320x64, workgroups 320x1x1
// fuses: %245 mul, %246 reduce_sum, %247 div, %248 add, %249 sqrt, %250 div, %251 mul, %252 add
// t0 = %244 f32[32,10,64]
// t1 = %27 "tiny_gpt_0.layer_norm_0.weight" f32[64]
// t2 = %28 "tiny_gpt_0.layer_norm_0.bias" f32[64]
// o0 = %249 f32[32,10,1]
// o1 = %250 f32[32,10,64]
// o2 = %252 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;
@group(0) @binding(5) var<storage, read_write> o2: array<f32>;

var<workgroup> scratch: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c0 = (row / 10u);
  let c1 = (row % 10u);
  var part0 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let s0_0 = t0[idx];
    let s0_1 = (s0_0 * s0_0);
    part0 = part0 + s0_1;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let e0 = t0[idx];
    let e1 = (red0 / 64.0f);
    let e2 = (e1 + 0.000009999999747378752f);
    let e3 = sqrt(e2);
    let e4 = (e0 / e3);
    let e5 = t1[c2];
    let e6 = (e4 * e5);
    let e7 = t2[c2];
    let e8 = (e6 + e7);
    o1[idx] = e4;
    o2[idx] = e8;
  }
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 64u + r;
    let c2 = r;
    let w0 = (red0 / 64.0f);
    let w1 = (w0 + 0.000009999999747378752f);
    let w2 = sqrt(w1);
    o0[row] = w2;
  }
}

// ---- kernel 22/131: matmul_tiled16x16x16_4x4_vkk, workgroups 1x1x32
// fuses: %253 permute, %254 matmul, %255 add
// t0 = %252 f32[32,10,64]
// t1 = %29 "tiny_gpt_0.linear_0.weight" f32[13,64]
// t2 = %30 "tiny_gpt_0.linear_0.bias" f32[13]
// o0 = %255 f32[32,10,13]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 64>; // [n][k/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 640u + m * 64u + k) / 4u][(b * 640u + m * 64u + k) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 640u + m * 64u + k) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(n * 64u + k) / 4u][(n * 64u + k) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(n * 64u + k) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 13u + n;
  let e0 = t2[n];
  let e1 = (acc + e0);
  o0[flat] = e1;
}

@compute @workgroup_size(16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 16u;
  let ty = lid / 4u;
  let tx = lid % 4u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(64u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 16u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, gr, min(gk, 60u)), gk < 64u);
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 16u;
      let gr = min(tileN + e / 4u, 12u);
      let gk = k0 + (e % 4u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 60u), gr), gk < 64u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 4u + kq];
      let a1 = As[(ty * 4u + 1u) * 4u + kq];
      let a2 = As[(ty * 4u + 2u) * 4u + kq];
      let a3 = As[(ty * 4u + 3u) * 4u + kq];
      let bt0 = Bs[(tx * 4u + 0u) * 4u + kq];
      let bt1 = Bs[(tx * 4u + 1u) * 4u + kq];
      let bt2 = Bs[(tx * 4u + 2u) * 4u + kq];
      let bt3 = Bs[(tx * 4u + 3u) * 4u + kq];
      let b0_0 = vec4<f32>(bt0[0], bt1[0], bt2[0], bt3[0]);
      let b1_0 = vec4<f32>(bt0[1], bt1[1], bt2[1], bt3[1]);
      let b2_0 = vec4<f32>(bt0[2], bt1[2], bt2[2], bt3[2]);
      let b3_0 = vec4<f32>(bt0[3], bt1[3], bt2[3], bt3[3]);
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 13u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 23/131: rows_128x13, workgroups 128x1x1
// fuses: %256 slice, %257 reduce_max, %258 detach, %259 sub, %260 exp, %261 reduce_sum, %262 log,
//   %263 sub, %264 slice, %265 reshape, %266 iota, %267 eq, %268 cast, %269 mul, %270 reduce_sum,
//   %292 div, %293 reshape, %294 expand, %295 reshape, %296 expand, %297 mul, %298 neg,
//   %299 reduce_sum, %300 div, %301 expand, %302 mul, %303 add
// t0 = %255 f32[32,10,13]
// t1 = %32 "data.targets" i32[32,10]
// o0 = %303 f32[32,4,13]
// o1 = %270 f32[32,4]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<i32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;
@group(0) @binding(4) var<uniform> prm: array<vec4<u32>, 2>;

var<workgroup> scratch: array<f32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c0 = (row / 4u);
  let c1 = (row % 4u);
  var part0 = -3.4028234663852886e+38f;
  for (var r = lid; r < 13u; r += 32u) {
    let idx = row * 13u + r;
    let c2 = r;
    let s0_0 = (c1 + prm[0].x);
    let s0_1 = t0[c0 * 130u + s0_0 * 13u + c2];
    part0 = max(part0, s0_1);
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = max(scratch[lid], scratch[lid + s]); }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  var part1 = 0.0f;
  for (var r = lid; r < 13u; r += 32u) {
    let idx = row * 13u + r;
    let c2 = r;
    let s1_0 = (c1 + prm[0].y);
    let s1_1 = t0[c0 * 130u + s1_0 * 13u + c2];
    let s1_2 = (s1_1 - red0);
    let s1_3 = exp(s1_2);
    part1 = part1 + s1_3;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  var part2 = 0.0f;
  for (var r = lid; r < 13u; r += 32u) {
    let idx = row * 13u + r;
    let c2 = r;
    let s2_0 = (-1.0f / 128.0f);
    let s2_1 = (c1 + prm[0].z);
    let s2_2 = t1[c0 * 10u + s2_1];
    let s2_3 = i32(c2);
    let s2_4 = (s2_2 == s2_3);
    let s2_5 = select(0.0f, 1.0f, s2_4);
    let s2_6 = (s2_0 * s2_5);
    let s2_7 = (-s2_6);
    part2 = part2 + s2_7;
  }
  scratch[lid] = part2;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red2 = scratch[0];
  workgroupBarrier();
  var part3 = 0.0f;
  for (var r = lid; r < 13u; r += 32u) {
    let idx = row * 13u + r;
    let c2 = r;
    let s3_0 = (c1 + prm[0].w);
    let s3_1 = t0[c0 * 130u + s3_0 * 13u + c2];
    let s3_2 = (s3_1 - red0);
    let s3_3 = log(red1);
    let s3_4 = (s3_2 - s3_3);
    let s3_5 = (c1 + prm[1].x);
    let s3_6 = t1[c0 * 10u + s3_5];
    let s3_7 = i32(c2);
    let s3_8 = (s3_6 == s3_7);
    let s3_9 = select(0.0f, 1.0f, s3_8);
    let s3_10 = (s3_4 * s3_9);
    part3 = part3 + s3_10;
  }
  scratch[lid] = part3;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red3 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 13u; r += 32u) {
    let idx = row * 13u + r;
    let c2 = r;
    let e0 = (-1.0f / 128.0f);
    let e1 = (c1 + prm[1].y);
    let e2 = t1[c0 * 10u + e1];
    let e3 = i32(c2);
    let e4 = (e2 == e3);
    let e5 = select(0.0f, 1.0f, e4);
    let e6 = (e0 * e5);
    let e7 = (red2 / red1);
    let e8 = (c1 + prm[1].z);
    let e9 = t0[c0 * 130u + e8 * 13u + c2];
    let e10 = (e9 - red0);
    let e11 = exp(e10);
    let e12 = (e7 * e11);
    let e13 = (e6 + e12);
    o0[idx] = e13;
  }
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 13u + r;
    let c2 = r;
    o1[row] = red3;
  }
}

// ---- kernel 24/131: rows_1x128, workgroups 1x1x1
// fuses: %271 reduce_sum, %273 div, %274 neg
// t0 = %270 f32[32,4]
// o0 = %274 "loss" f32[]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read_write> o0: array<f32>;

var<workgroup> scratch: array<f32, 128>;

@compute @workgroup_size(128)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  var part0 = 0.0f;
  for (var r = lid; r < 128u; r += 128u) {
    let idx = row * 128u + r;
    let c0 = (r / 4u);
    let c1 = (r % 4u);
    let s0_0 = t0[idx];
    part0 = part0 + s0_0;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 64u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 128u + r;
    let c0 = (r / 4u);
    let c1 = (r % 4u);
    let w0 = (red0 / 128.0f);
    let w1 = (-w0);
    o0[row] = w1;
  }
}

// ---- kernel 25/131: rows_96x13, workgroups 96x1x1
// fuses: %275 slice, %276 argmax
// t0 = %255 f32[32,10,13]
// o0 = %276 i32[32,3]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read_write> o0: array<i32>;
@group(0) @binding(2) var<uniform> prm: array<vec4<u32>, 1>;

var<workgroup> scratch: array<f32, 32>;
var<workgroup> scratchIdx: array<u32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c0 = (row / 3u);
  let c1 = (row % 3u);
  var part0 = -3.4028234663852886e+38f;
  var arg0 = 0u;
  for (var r = lid; r < 13u; r += 32u) {
    let idx = row * 13u + r;
    let c2 = r;
    let s0_0 = (c1 + prm[0].x);
    let s0_1 = t0[c0 * 130u + s0_0 * 13u + c2];
    if (s0_1 > part0) { part0 = s0_1; arg0 = r; }
  }
  scratch[lid] = part0;
  scratchIdx[lid] = arg0;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { let vb = scratch[lid + s]; let ib = scratchIdx[lid + s]; if (vb > scratch[lid] || (vb == scratch[lid] && ib < scratchIdx[lid])) { scratch[lid] = vb; scratchIdx[lid] = ib; } }
    workgroupBarrier();
  }
  let red0 = i32(scratchIdx[0]);
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 13u + r;
    let c2 = r;
    o0[row] = red0;
  }
}

// ---- kernel 26/131: rows_1x96, workgroups 1x1x1
// fuses: %277 slice, %278 eq, %279 cast, %280 reduce_sum, %282 div
// t0 = %276 i32[32,3]
// t1 = %32 "data.targets" i32[32,10]
// o0 = %282 "accuracy" f32[]
@group(0) @binding(0) var<storage, read> t0: array<i32>;
@group(0) @binding(1) var<storage, read> t1: array<i32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<uniform> prm: array<vec4<u32>, 1>;

var<workgroup> scratch: array<f32, 128>;

@compute @workgroup_size(128)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  var part0 = 0.0f;
  for (var r = lid; r < 96u; r += 128u) {
    let idx = row * 96u + r;
    let c0 = (r / 3u);
    let c1 = (r % 3u);
    let s0_0 = t0[idx];
    let s0_1 = (c1 + prm[0].x);
    let s0_2 = t1[c0 * 10u + s0_1];
    let s0_3 = (s0_0 == s0_2);
    let s0_4 = select(0.0f, 1.0f, s0_3);
    part0 = part0 + s0_4;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 64u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 96u + r;
    let c0 = (r / 3u);
    let c1 = (r % 3u);
    let w0 = (red0 / 96.0f);
    o0[row] = w0;
  }
}

// ---- kernel 27/131: matmul_tiled16x64x16_4x4_vsn, workgroups 1x1x32
// fuses: %304 pad, %305 matmul
// t0 = %303 f32[32,4,13]
// t1 = %29 "tiny_gpt_0.linear_0.weight" f32[13,64]
// o0 = %305 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<uniform> prm: array<vec4<u32>, 1>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 256>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = (i32(m) - i32(prm[0].x));
  let la1 = u32(clamp(la0, 0i, 3i));
  let la2 = t0[b * 52u + la1 * 13u + k];
  let la3 = select(0.0f, la2, la0 >= 0i && la0 < 4i);
  return la3;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(k * 64u + n) / 4u][(k * 64u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(k * 64u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 64u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 64u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(13u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 12u)), gk + q < 13u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 16u;
      let r4 = tileN + (e % 16u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 12u), min(r4, 60u)), gk < 13u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 4u + kq];
      let a1 = As[(ty * 4u + 1u) * 4u + kq];
      let a2 = As[(ty * 4u + 2u) * 4u + kq];
      let a3 = As[(ty * 4u + 3u) * 4u + kq];
      let b0_0 = Bs[(kq * 4u + 0u) * 16u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 16u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 16u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 16u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 64u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 28/131: rows_320x64, workgroups 320x1x1
// fuses: %306 mul, %307 mul, %308 div, %309 neg, %310 reduce_sum, %312 mul, %313 div, %314 div,
//   %315 expand, %316 mul, %317 add, %318 neg, %319 reduce_sum, %320 div, %321 expand, %322 add,
//   %323 div, %324 add, %325 neg, %326 reduce_sum, %327 div, %328 expand, %329 add
// t0 = %305 f32[32,10,64]
// t1 = %27 "tiny_gpt_0.layer_norm_0.weight" f32[64]
// t2 = %250 f32[32,10,64]
// t3 = %249 f32[32,10,1]
// t4 = %244 f32[32,10,64]
// o0 = %329 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

var<workgroup> scratch: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c0 = (row / 10u);
  let c1 = (row % 10u);
  var part0 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let s0_0 = t0[idx];
    let s0_1 = t1[c2];
    let s0_2 = (s0_0 * s0_1);
    let s0_3 = t2[idx];
    let s0_4 = (s0_2 * s0_3);
    let s0_5 = t3[c0 * 10u + c1];
    let s0_6 = (s0_4 / s0_5);
    let s0_7 = (-s0_6);
    part0 = part0 + s0_7;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  var part1 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let s1_0 = t3[c0 * 10u + c1];
    let s1_1 = (s1_0 * 2.0f);
    let s1_2 = (red0 / s1_1);
    let s1_3 = (s1_2 / 64.0f);
    let s1_4 = t4[idx];
    let s1_5 = (s1_3 * s1_4);
    let s1_6 = (s1_5 + s1_5);
    let s1_7 = (-s1_6);
    part1 = part1 + s1_7;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  var part2 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let s2_0 = t0[idx];
    let s2_1 = t1[c2];
    let s2_2 = (s2_0 * s2_1);
    let s2_3 = t3[c0 * 10u + c1];
    let s2_4 = (s2_2 / s2_3);
    let s2_5 = (-s2_4);
    part2 = part2 + s2_5;
  }
  scratch[lid] = part2;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red2 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let e0 = t3[c0 * 10u + c1];
    let e1 = (e0 * 2.0f);
    let e2 = (red0 / e1);
    let e3 = (e2 / 64.0f);
    let e4 = t4[idx];
    let e5 = (e3 * e4);
    let e6 = (e5 + e5);
    let e7 = (red1 / 64.0f);
    let e8 = (e6 + e7);
    let e9 = t0[idx];
    let e10 = t1[c2];
    let e11 = (e9 * e10);
    let e12 = (e11 / e0);
    let e13 = (e8 + e12);
    let e14 = (red2 / 64.0f);
    let e15 = (e13 + e14);
    o0[idx] = e15;
  }
}

// ---- kernel 29/131: matmul_tiled16x128x16_8x4_vkn, workgroups 2x1x32
// fuses: %330 matmul, %331 mul, %332 mul, %333 neg, %334 exp, %336 mul, %337 mul, %338 mul,
//   %339 mul, %340 mul, %341 add
// t0 = %329 f32[32,10,64]
// t1 = %25 "tiny_gpt_0.repeat_0.1.linear_1.weight" f32[64,256]
// t2 = %233 f32[32,10,256]
// t3 = %234 f32[32,10,256]
// t4 = %236 f32[32,10,256]
// o0 = %341 f32[32,10,256]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 640u + m * 64u + k) / 4u][(b * 640u + m * 64u + k) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 640u + m * 64u + k) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(k * 256u + n) / 4u][(k * 256u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(k * 256u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 256u + n;
  let e0 = t2[b * 2560u + m * 256u + n];
  let e1 = (acc * e0);
  let e2 = t3[b * 2560u + m * 256u + n];
  let e3 = (e2 * e2);
  let e4 = (-e3);
  let e5 = exp(e4);
  let e6 = (e5 * 1.128379225730896f);
  let e7 = (e1 * e6);
  let e8 = (e7 * 0.7071067690849304f);
  let e9 = t4[b * 2560u + m * 256u + n];
  let e10 = (acc * e9);
  let e11 = (e10 * 0.5f);
  let e12 = (e8 + e11);
  o0[flat] = e12;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 128u;
  let ty = lid / 32u;
  let tx = lid % 32u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  var acc4_0 = vec4<f32>(0.0);
  var acc5_0 = vec4<f32>(0.0);
  var acc6_0 = vec4<f32>(0.0);
  var acc7_0 = vec4<f32>(0.0);
  let kEnd = select(64u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, gr, min(gk, 60u)), gk < 64u);
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 63u), min(r4, 252u)), gk < 64u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 8u + 0u) * 4u + kq];
      let a1 = As[(ty * 8u + 1u) * 4u + kq];
      let a2 = As[(ty * 8u + 2u) * 4u + kq];
      let a3 = As[(ty * 8u + 3u) * 4u + kq];
      let a4 = As[(ty * 8u + 4u) * 4u + kq];
      let a5 = As[(ty * 8u + 5u) * 4u + kq];
      let a6 = As[(ty * 8u + 6u) * 4u + kq];
      let a7 = As[(ty * 8u + 7u) * 4u + kq];
      let b0_0 = Bs[(kq * 4u + 0u) * 32u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 32u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 32u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 32u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a4[0]), b0_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a5[0]), b0_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a6[0]), b0_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a7[0]), b0_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a4[1]), b1_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a5[1]), b1_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a6[1]), b1_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a7[1]), b1_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a4[2]), b2_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a5[2]), b2_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a6[2]), b2_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a7[2]), b2_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a4[3]), b3_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a5[3]), b3_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a6[3]), b3_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a7[3]), b3_0, acc7_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 8u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 8>(acc0_0, acc1_0, acc2_0, acc3_0, acc4_0, acc5_0, acc6_0, acc7_0);
  for (var i = 0u; i < 8u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 256u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 30/131: matmul_tiled16x64x32_4x4_vkn, workgroups 1x1x32
// fuses: %342 matmul
// t0 = %341 f32[32,10,256]
// t1 = %23 "tiny_gpt_0.repeat_0.1.linear_0.weight" f32[256,64]
// o0 = %342 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 128>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 2560u + m * 256u + k) / 4u][(b * 2560u + m * 256u + k) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 2560u + m * 256u + k) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(k * 64u + n) / 4u][(k * 64u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(k * 64u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 64u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 64u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(256u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 32u) {
    for (var t = 0u; t < 2u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 8u, 9u);
      let gk = k0 + (e % 8u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, gr, min(gk, 252u)), gk < 256u);
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 16u;
      let r4 = tileN + (e % 16u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 255u), min(r4, 60u)), gk < 256u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(8u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 8u + kq];
      let a1 = As[(ty * 4u + 1u) * 8u + kq];
      let a2 = As[(ty * 4u + 2u) * 8u + kq];
      let a3 = As[(ty * 4u + 3u) * 8u + kq];
      let b0_0 = Bs[(kq * 4u + 0u) * 16u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 16u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 16u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 16u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 64u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 31/131: rows_320x64, workgroups 320x1x1
// fuses: %343 mul, %344 mul, %345 div, %346 neg, %347 reduce_sum, %348 mul, %349 div, %350 div,
//   %351 expand, %352 mul, %353 add, %354 neg, %355 reduce_sum, %356 div, %357 expand, %358 add,
//   %359 div, %360 add, %361 neg, %362 reduce_sum, %363 div, %364 expand, %365 add, %366 add
// t0 = %342 f32[32,10,64]
// t1 = %21 "tiny_gpt_0.repeat_0.1.layer_norm_1.weight" f32[64]
// t2 = %227 f32[32,10,64]
// t3 = %226 f32[32,10,1]
// t4 = %221 f32[32,10,64]
// t5 = %329 f32[32,10,64]
// o0 = %366 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read> t5: array<f32>;
@group(0) @binding(6) var<storage, read_write> o0: array<f32>;

var<workgroup> scratch: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c0 = (row / 10u);
  let c1 = (row % 10u);
  var part0 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let s0_0 = t0[idx];
    let s0_1 = t1[c2];
    let s0_2 = (s0_0 * s0_1);
    let s0_3 = t2[idx];
    let s0_4 = (s0_2 * s0_3);
    let s0_5 = t3[c0 * 10u + c1];
    let s0_6 = (s0_4 / s0_5);
    let s0_7 = (-s0_6);
    part0 = part0 + s0_7;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  var part1 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let s1_0 = t3[c0 * 10u + c1];
    let s1_1 = (s1_0 * 2.0f);
    let s1_2 = (red0 / s1_1);
    let s1_3 = (s1_2 / 64.0f);
    let s1_4 = t4[idx];
    let s1_5 = (s1_3 * s1_4);
    let s1_6 = (s1_5 + s1_5);
    let s1_7 = (-s1_6);
    part1 = part1 + s1_7;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  var part2 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let s2_0 = t0[idx];
    let s2_1 = t1[c2];
    let s2_2 = (s2_0 * s2_1);
    let s2_3 = t3[c0 * 10u + c1];
    let s2_4 = (s2_2 / s2_3);
    let s2_5 = (-s2_4);
    part2 = part2 + s2_5;
  }
  scratch[lid] = part2;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red2 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c2 = r;
    let e0 = t5[idx];
    let e1 = t3[c0 * 10u + c1];
    let e2 = (e1 * 2.0f);
    let e3 = (red0 / e2);
    let e4 = (e3 / 64.0f);
    let e5 = t4[idx];
    let e6 = (e4 * e5);
    let e7 = (e6 + e6);
    let e8 = (red1 / 64.0f);
    let e9 = (e7 + e8);
    let e10 = t0[idx];
    let e11 = t1[c2];
    let e12 = (e10 * e11);
    let e13 = (e12 / e1);
    let e14 = (e9 + e13);
    let e15 = (red2 / 64.0f);
    let e16 = (e14 + e15);
    let e17 = (e0 + e16);
    o0[idx] = e17;
  }
}

// ---- kernel 32/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %192 slice, %193 reshape, %194 permute, %195 slice, %196 reshape, %367 permute,
//   %368 permute, %369 matmul
// t0 = %191 f32[32,10,192]
// o0 = %369 f32[32,4,10,10]
// WGSL: kernel 4/131's (the same pipeline, other buffers)

// ---- kernel 33/131: elementwise_20480, workgroups 320x1x1
// fuses: %176 random_uniform, %177 ge, %379 where, %380 mul
// t0 = %31 "__seed" i32[]
// t1 = %366 f32[32,10,64]
// o0 = %380 f32[32,10,64]
fn pcg(v: u32) -> u32 {
  let s = v * 747796405u + 2891336453u;
  let w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return (w >> 22u) ^ w;
}
@group(0) @binding(0) var<storage, read> t0: array<i32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 20480u) { return; }
  let c0 = (i / 640u);
  let c1 = ((i / 64u) % 10u);
  let c2 = (i % 64u);
  let v0 = t0[0u];
  let v1 = pcg(bitcast<u32>(v0) ^ pcg(585428984u));
  let v2 = f32(pcg(c0 * 640u + c1 * 64u + c2 + v1) >> 8u) * (1.0f / 16777216.0f);
  let v3 = (v2 >= 0.10000000149011612f);
  let v4 = t1[i];
  let v5 = select(0.0f, v4, v3);
  let v6 = (v5 * 1.1111111640930176f);
  o0[i] = v6;
}

// ---- kernel 34/131: matmul_tiled16x64x16_4x4_vkn, workgroups 1x1x32
// fuses: %381 matmul
// t0 = %380 f32[32,10,64]
// t1 = %19 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.weight" f32[64,64]
// o0 = %381 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 256>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 640u + m * 64u + k) / 4u][(b * 640u + m * 64u + k) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 640u + m * 64u + k) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(k * 64u + n) / 4u][(k * 64u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(k * 64u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 64u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 64u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(64u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, gr, min(gk, 60u)), gk < 64u);
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 16u;
      let r4 = tileN + (e % 16u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 63u), min(r4, 60u)), gk < 64u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 4u + kq];
      let a1 = As[(ty * 4u + 1u) * 4u + kq];
      let a2 = As[(ty * 4u + 2u) * 4u + kq];
      let a3 = As[(ty * 4u + 3u) * 4u + kq];
      let b0_0 = Bs[(kq * 4u + 0u) * 16u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 16u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 16u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 16u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 64u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 35/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %207 slice, %208 reshape, %209 permute, %382 reshape, %383 permute, %389 permute,
//   %390 matmul
// t0 = %381 f32[32,10,64]
// t1 = %191 f32[32,10,192]
// o0 = %390 f32[32,4,10,10]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<uniform> prm: array<vec4<u32>, 1>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 64>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = (b / 4u) * 640u + m * 64u + (b % 4u) * 16u + k;
  let la1 = t0[la0];
  return la1;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = (b / 4u) * 640u + n * 64u + (b % 4u) * 16u + k;
  let lb1 = (lb0 / 640u);
  let lb2 = ((lb0 / 64u) % 10u);
  let lb3 = (lb0 % 64u);
  let lb4 = (lb3 + prm[0].x);
  let lb5 = t1[lb1 * 1920u + lb2 * 192u + lb4];
  return lb5;
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 10u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 16u;
  let ty = lid / 4u;
  let tx = lid % 4u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(16u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 16u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 15u)), gk + q < 16u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 16u;
      let gk = k0 + e / 4u;
      let r4 = tileN + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = loadB(b, min(gk, 15u), min(r4 + q, 9u));
      }
      Bs[e] = select(vec4<f32>(0.0), v, gk < 16u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 4u + kq];
      let a1 = As[(ty * 4u + 1u) * 4u + kq];
      let a2 = As[(ty * 4u + 2u) * 4u + kq];
      let a3 = As[(ty * 4u + 3u) * 4u + kq];
      let b0_0 = Bs[(kq * 4u + 0u) * 4u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 4u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 4u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 4u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 10u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 36/131: rows_1280x10, workgroups 1280x1x1
// fuses: %100 iota, %101 iota, %102 ge, %370 mul, %371 where, %372 reduce_max, %373 detach,
//   %374 sub, %375 exp, %376 reduce_sum, %377 div, %391 div, %392 mul, %393 div, %394 neg,
//   %395 reduce_sum, %396 expand, %397 add, %398 mul, %399 where, %400 mul
// t0 = %369 f32[32,4,10,10]
// t1 = %390 f32[32,4,10,10]
// o0 = %377 f32[32,4,10,10]
// o1 = %400 f32[32,4,10,10]
var<private> inf_bits: u32 = 0x7f800000u;
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c0 = (row / 40u);
  let c1 = ((row / 10u) % 4u);
  let c2 = (row % 10u);
  var part0 = -3.4028234663852886e+38f;
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c3 = r;
    let s0_0 = i32(c2);
    let s0_1 = i32(c3);
    let s0_2 = (s0_0 >= s0_1);
    let s0_3 = t0[idx];
    let s0_4 = (s0_3 * 0.25f);
    let s0_5 = (-bitcast<f32>(inf_bits));
    let s0_6 = select(s0_5, s0_4, s0_2);
    part0 = max(part0, s0_6);
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = max(scratch[lid], scratch[lid + s]); }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  var part1 = 0.0f;
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c3 = r;
    let s1_0 = i32(c2);
    let s1_1 = i32(c3);
    let s1_2 = (s1_0 >= s1_1);
    let s1_3 = t0[idx];
    let s1_4 = (s1_3 * 0.25f);
    let s1_5 = (-bitcast<f32>(inf_bits));
    let s1_6 = select(s1_5, s1_4, s1_2);
    let s1_7 = (s1_6 - red0);
    let s1_8 = exp(s1_7);
    part1 = part1 + s1_8;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  var part2 = 0.0f;
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c3 = r;
    let s2_0 = t1[idx];
    let s2_1 = i32(c2);
    let s2_2 = i32(c3);
    let s2_3 = (s2_1 >= s2_2);
    let s2_4 = t0[idx];
    let s2_5 = (s2_4 * 0.25f);
    let s2_6 = (-bitcast<f32>(inf_bits));
    let s2_7 = select(s2_6, s2_5, s2_3);
    let s2_8 = (s2_7 - red0);
    let s2_9 = exp(s2_8);
    let s2_10 = (s2_9 / red1);
    let s2_11 = (s2_0 * s2_10);
    let s2_12 = (s2_11 / red1);
    let s2_13 = (-s2_12);
    part2 = part2 + s2_13;
  }
  scratch[lid] = part2;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red2 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c3 = r;
    let e0 = i32(c2);
    let e1 = i32(c3);
    let e2 = (e0 >= e1);
    let e3 = t0[idx];
    let e4 = (e3 * 0.25f);
    let e5 = (-bitcast<f32>(inf_bits));
    let e6 = select(e5, e4, e2);
    let e7 = (e6 - red0);
    let e8 = exp(e7);
    let e9 = (e8 / red1);
    let e10 = t1[idx];
    let e11 = (e10 / red1);
    let e12 = (e11 + red2);
    let e13 = (e12 * e8);
    let e14 = select(0.0f, e13, e2);
    let e15 = (e14 * 0.25f);
    o0[idx] = e9;
    o1[idx] = e15;
  }
}

// ---- kernel 37/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %378 permute, %382 reshape, %383 permute, %384 matmul
// t0 = %377 f32[32,4,10,10]
// t1 = %381 f32[32,10,64]
// o0 = %384 f32[32,4,10,16]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 64>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b / 4u) * 400u + (b % 4u) * 100u + k * 10u + m];
  return la0;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = (b / 4u) * 640u + k * 64u + (b % 4u) * 16u + n;
  let lb1 = t1[lb0];
  return lb1;
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 16u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 16u;
  let ty = lid / 4u;
  let tx = lid % 4u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(10u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 16u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 9u)), gk + q < 10u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 16u;
      let gk = k0 + e / 4u;
      let r4 = tileN + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = loadB(b, min(gk, 9u), min(r4 + q, 15u));
      }
      Bs[e] = select(vec4<f32>(0.0), v, gk < 10u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 4u + kq];
      let a1 = As[(ty * 4u + 1u) * 4u + kq];
      let a2 = As[(ty * 4u + 2u) * 4u + kq];
      let a3 = As[(ty * 4u + 3u) * 4u + kq];
      let b0_0 = Bs[(kq * 4u + 0u) * 4u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 4u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 4u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 4u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 16u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 38/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %192 slice, %193 reshape, %194 permute, %388 permute, %401 matmul
// t0 = %191 f32[32,10,192]
// t1 = %400 f32[32,4,10,10]
// o0 = %401 f32[32,4,16,10]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<uniform> prm: array<vec4<u32>, 1>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 64>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = (b / 4u) * 640u + k * 64u + (b % 4u) * 16u + m;
  let la1 = (la0 / 640u);
  let la2 = ((la0 / 64u) % 10u);
  let la3 = (la0 % 64u);
  let la4 = (la3 + prm[0].x);
  let la5 = t0[la1 * 1920u + la2 * 192u + la4];
  return la5;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(b / 4u) * 400u + (b % 4u) * 100u + k * 10u + n];
  return lb0;
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 16u + m) * 10u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(16)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 16u;
  let ty = lid / 4u;
  let tx = lid % 4u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(10u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 16u;
      let gr = min(tileM + e / 4u, 15u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 9u)), gk + q < 10u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 16u;
      let gk = k0 + e / 4u;
      let r4 = tileN + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = loadB(b, min(gk, 9u), min(r4 + q, 9u));
      }
      Bs[e] = select(vec4<f32>(0.0), v, gk < 10u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 4u + kq];
      let a1 = As[(ty * 4u + 1u) * 4u + kq];
      let a2 = As[(ty * 4u + 2u) * 4u + kq];
      let a3 = As[(ty * 4u + 3u) * 4u + kq];
      let b0_0 = Bs[(kq * 4u + 0u) * 4u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 4u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 4u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 4u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 16u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 10u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 39/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %195 slice, %196 reshape, %367 permute, %406 matmul
// t0 = %400 f32[32,4,10,10]
// t1 = %191 f32[32,10,192]
// o0 = %406 f32[32,4,10,16]
// WGSL: kernel 6/131's (the same pipeline, other buffers)

// ---- kernel 40/131: elementwise_61440, workgroups 960x1x1
// fuses: %385 permute, %386 reshape, %387 pad, %402 permute, %403 reshape, %404 pad, %405 add,
//   %407 permute, %408 reshape, %409 pad, %410 add
// t0 = %384 f32[32,4,10,16]
// t1 = %401 f32[32,4,16,10]
// t2 = %406 f32[32,4,10,16]
// o0 = %410 f32[32,10,192]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<uniform> prm: array<vec4<u32>, 1>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 61440u) { return; }
  let c0 = (i / 1920u);
  let c1 = ((i / 192u) % 10u);
  let c2 = (i % 192u);
  let v0 = (i32(c2) - i32(prm[0].x));
  let v1 = u32(clamp(v0, 0i, 63i));
  let v2 = c0 * 640u + c1 * 64u + v1;
  let v3 = (v2 / 640u);
  let v4 = ((v2 / 64u) % 10u);
  let v5 = ((v2 / 16u) % 4u);
  let v6 = (v2 % 16u);
  let v7 = t0[v3 * 640u + v5 * 160u + v4 * 16u + v6];
  let v8 = select(0.0f, v7, v0 >= 0i && v0 < 64i);
  let v9 = (i32(c2) - i32(prm[0].y));
  let v10 = u32(clamp(v9, 0i, 63i));
  let v11 = c0 * 640u + c1 * 64u + v10;
  let v12 = (v11 / 640u);
  let v13 = ((v11 / 64u) % 10u);
  let v14 = ((v11 / 16u) % 4u);
  let v15 = (v11 % 16u);
  let v16 = t1[v12 * 640u + v14 * 160u + v15 * 10u + v13];
  let v17 = select(0.0f, v16, v9 >= 0i && v9 < 64i);
  let v18 = (v8 + v17);
  let v19 = (i32(c2) - i32(prm[0].z));
  let v20 = u32(clamp(v19, 0i, 63i));
  let v21 = c0 * 640u + c1 * 64u + v20;
  let v22 = (v21 / 640u);
  let v23 = ((v21 / 64u) % 10u);
  let v24 = ((v21 / 16u) % 4u);
  let v25 = (v21 % 16u);
  let v26 = t2[v22 * 640u + v24 * 160u + v23 * 16u + v25];
  let v27 = select(0.0f, v26, v19 >= 0i && v19 < 64i);
  let v28 = (v18 + v27);
  o0[i] = v28;
}

// ---- kernel 41/131: matmul_tiled16x64x16_4x4_vkn, workgroups 1x1x32
// fuses: %411 matmul
// t0 = %410 f32[32,10,192]
// t1 = %17 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_weight" f32[192,64]
// o0 = %411 f32[32,10,64]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 256>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 1920u + m * 192u + k) / 4u][(b * 1920u + m * 192u + k) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 1920u + m * 192u + k) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(k * 64u + n) / 4u][(k * 64u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(k * 64u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 64u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 16u;
  let tileN = wid.x * 64u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(192u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, gr, min(gk, 188u)), gk < 192u);
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 16u;
      let r4 = tileN + (e % 16u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 191u), min(r4, 60u)), gk < 192u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 4u + kq];
      let a1 = As[(ty * 4u + 1u) * 4u + kq];
      let a2 = As[(ty * 4u + 2u) * 4u + kq];
      let a3 = As[(ty * 4u + 3u) * 4u + kq];
      let b0_0 = Bs[(kq * 4u + 0u) * 16u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 16u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 16u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 16u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 10u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 64u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 42/131: rows_320x64, workgroups 320x1x1
// fuses: %412 mul, %413 mul, %414 div, %415 neg, %416 reduce_sum, %417 mul, %418 div, %419 div,
//   %420 expand, %421 mul, %422 add, %423 neg, %424 reduce_sum, %425 div, %426 expand, %427 add,
//   %428 div, %429 add, %430 neg, %431 reduce_sum, %432 div, %433 expand, %434 add, %435 add
// t0 = %411 f32[32,10,64]
// t1 = %15 "tiny_gpt_0.repeat_0.1.layer_norm_0.weight" f32[64]
// t2 = %186 f32[32,10,64]
// t3 = %185 f32[32,10,1]
// t4 = %180 f32[32,10,64]
// t5 = %366 f32[32,10,64]
// o0 = %435 f32[32,10,64]
// WGSL: kernel 31/131's (the same pipeline, other buffers)

// ---- kernel 43/131: matmul_tiled16x128x16_8x4_vkn, workgroups 2x1x32
// fuses: %436 matmul, %437 mul, %438 mul, %439 neg, %440 exp, %441 mul, %442 mul, %443 mul,
//   %444 mul, %445 mul, %446 add
// t0 = %435 f32[32,10,64]
// t1 = %13 "tiny_gpt_0.repeat_0.0.linear_1.weight" f32[64,256]
// t2 = %165 f32[32,10,256]
// t3 = %168 f32[32,10,256]
// t4 = %170 f32[32,10,256]
// o0 = %446 f32[32,10,256]
// WGSL: kernel 29/131's (the same pipeline, other buffers)

// ---- kernel 44/131: matmul_tiled16x64x32_4x4_vkn, workgroups 1x1x32
// fuses: %447 matmul
// t0 = %446 f32[32,10,256]
// t1 = %11 "tiny_gpt_0.repeat_0.0.linear_0.weight" f32[256,64]
// o0 = %447 f32[32,10,64]
// WGSL: kernel 30/131's (the same pipeline, other buffers)

// ---- kernel 45/131: rows_320x64, workgroups 320x1x1
// fuses: %448 mul, %449 mul, %450 div, %451 neg, %452 reduce_sum, %453 mul, %454 div, %455 div,
//   %456 expand, %457 mul, %458 add, %459 neg, %460 reduce_sum, %461 div, %462 expand, %463 add,
//   %464 div, %465 add, %466 neg, %467 reduce_sum, %468 div, %469 expand, %470 add, %471 add
// t0 = %447 f32[32,10,64]
// t1 = %9 "tiny_gpt_0.repeat_0.0.layer_norm_1.weight" f32[64]
// t2 = %158 f32[32,10,64]
// t3 = %157 f32[32,10,1]
// t4 = %152 f32[32,10,64]
// t5 = %435 f32[32,10,64]
// o0 = %471 f32[32,10,64]
// WGSL: kernel 31/131's (the same pipeline, other buffers)

// ---- kernel 46/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %119 slice, %120 reshape, %121 permute, %122 slice, %123 reshape, %472 permute,
//   %473 permute, %474 matmul
// t0 = %118 f32[32,10,192]
// o0 = %474 f32[32,4,10,10]
// WGSL: kernel 4/131's (the same pipeline, other buffers)

// ---- kernel 47/131: elementwise_20480, workgroups 320x1x1
// fuses: %97 random_uniform, %99 ge, %484 where, %485 mul
// t0 = %31 "__seed" i32[]
// t1 = %471 f32[32,10,64]
// o0 = %485 f32[32,10,64]
fn pcg(v: u32) -> u32 {
  let s = v * 747796405u + 2891336453u;
  let w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return (w >> 22u) ^ w;
}
@group(0) @binding(0) var<storage, read> t0: array<i32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 20480u) { return; }
  let c0 = (i / 640u);
  let c1 = ((i / 64u) % 10u);
  let c2 = (i % 64u);
  let v0 = t0[0u];
  let v1 = pcg(bitcast<u32>(v0) ^ pcg(1412355517u));
  let v2 = f32(pcg(c0 * 640u + c1 * 64u + c2 + v1) >> 8u) * (1.0f / 16777216.0f);
  let v3 = (v2 >= 0.10000000149011612f);
  let v4 = t1[i];
  let v5 = select(0.0f, v4, v3);
  let v6 = (v5 * 1.1111111640930176f);
  o0[i] = v6;
}

// ---- kernel 48/131: matmul_tiled16x64x16_4x4_vkn, workgroups 1x1x32
// fuses: %486 matmul
// t0 = %485 f32[32,10,64]
// t1 = %7 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.weight" f32[64,64]
// o0 = %486 f32[32,10,64]
// WGSL: kernel 34/131's (the same pipeline, other buffers)

// ---- kernel 49/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %136 slice, %137 reshape, %138 permute, %487 reshape, %488 permute, %494 permute,
//   %495 matmul
// t0 = %486 f32[32,10,64]
// t1 = %118 f32[32,10,192]
// o0 = %495 f32[32,4,10,10]
// WGSL: kernel 35/131's (the same pipeline, other buffers)

// ---- kernel 50/131: rows_1280x10, workgroups 1280x1x1
// fuses: %100 iota, %101 iota, %102 ge, %475 mul, %476 where, %477 reduce_max, %478 detach,
//   %479 sub, %480 exp, %481 reduce_sum, %482 div, %496 div, %497 mul, %498 div, %499 neg,
//   %500 reduce_sum, %501 expand, %502 add, %503 mul, %504 where, %505 mul
// t0 = %474 f32[32,4,10,10]
// t1 = %495 f32[32,4,10,10]
// o0 = %482 f32[32,4,10,10]
// o1 = %505 f32[32,4,10,10]
// WGSL: kernel 36/131's (the same pipeline, other buffers)

// ---- kernel 51/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %483 permute, %487 reshape, %488 permute, %489 matmul
// t0 = %482 f32[32,4,10,10]
// t1 = %486 f32[32,10,64]
// o0 = %489 f32[32,4,10,16]
// WGSL: kernel 37/131's (the same pipeline, other buffers)

// ---- kernel 52/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %119 slice, %120 reshape, %121 permute, %493 permute, %506 matmul
// t0 = %118 f32[32,10,192]
// t1 = %505 f32[32,4,10,10]
// o0 = %506 f32[32,4,16,10]
// WGSL: kernel 38/131's (the same pipeline, other buffers)

// ---- kernel 53/131: matmul_tiled16x16x16_4x4, workgroups 1x1x128
// fuses: %122 slice, %123 reshape, %472 permute, %511 matmul
// t0 = %505 f32[32,4,10,10]
// t1 = %118 f32[32,10,192]
// o0 = %511 f32[32,4,10,16]
// WGSL: kernel 6/131's (the same pipeline, other buffers)

// ---- kernel 54/131: elementwise_61440, workgroups 960x1x1
// fuses: %490 permute, %491 reshape, %492 pad, %507 permute, %508 reshape, %509 pad, %510 add,
//   %512 permute, %513 reshape, %514 pad, %515 add
// t0 = %489 f32[32,4,10,16]
// t1 = %506 f32[32,4,16,10]
// t2 = %511 f32[32,4,10,16]
// o0 = %515 f32[32,10,192]
// WGSL: kernel 40/131's (the same pipeline, other buffers)

// ---- kernel 55/131: matmul_tiled16x64x16_4x4_vkn, workgroups 1x1x32
// fuses: %516 matmul
// t0 = %515 f32[32,10,192]
// t1 = %5 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_weight" f32[192,64]
// o0 = %516 f32[32,10,64]
// WGSL: kernel 41/131's (the same pipeline, other buffers)

// ---- kernel 56/131: rows_320x64, workgroups 320x1x1
// fuses: %517 mul, %518 mul, %519 div, %520 neg, %521 reduce_sum, %522 mul, %523 div, %524 div,
//   %525 expand, %526 mul, %527 add, %528 neg, %529 reduce_sum, %530 div, %531 expand, %532 add,
//   %533 div, %534 add, %535 neg, %536 reduce_sum, %537 div, %538 expand, %539 add, %540 add
// t0 = %516 f32[32,10,64]
// t1 = %3 "tiny_gpt_0.repeat_0.0.layer_norm_0.weight" f32[64]
// t2 = %113 f32[32,10,64]
// t3 = %112 f32[32,10,1]
// t4 = %106 f32[32,10,64]
// t5 = %471 f32[32,10,64]
// o0 = %540 f32[32,10,64]
// WGSL: kernel 31/131's (the same pipeline, other buffers)

// ---- kernel 57/131: scatter_add_832, workgroups 13x1x1
// fuses: %541 scatter_add
// t0 = %0 "tokens" i32[32,10]
// t1 = %540 f32[32,10,64]
// o0 = %541 f32[13,64]
@group(0) @binding(0) var<storage, read> t0: array<i32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 832u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  var total = 0.0f;
  for (var j = 0u; j < 320u; j++) {
    let q0 = t0[(j / 10u) * 10u + (j % 10u)];
    if (q0 != i32(c0)) { continue; }
    let s0 = t1[(j / 10u) * 640u + (j % 10u) * 64u + c1];
    total += s0;
  }
  o0[i] = total;
}

// ---- kernel 58/131: elementwise_832, workgroups 13x1x1
// fuses: %542 sub, %544 mul, %545 add
// t0 = %35 "optim.tiny_gpt_0.embedding_0.weight.exp_avg" f32[13,64]
// t1 = %541 f32[13,64]
// o0 = %545 "optim.tiny_gpt_0.embedding_0.weight.exp_avg" f32[13,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 832u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = t1[i];
  let v2 = (v1 - v0);
  let v3 = (v2 * 0.10000000149011612f);
  let v4 = (v0 + v3);
  o0[i] = v4;
}

// ---- kernel 59/131: matmul_tiled64x16x16_4x4_vms, workgroups 1x1x32
// fuses: %304 pad, %1024 permute, %1025 matmul
// t0 = %252 f32[32,10,64]
// t1 = %303 f32[32,4,13]
// o0 = %1025 f32[32,64,13]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<uniform> prm: array<vec4<u32>, 1>;

var<workgroup> As: array<vec4<f32>, 256>; // [k][m/4]
var<workgroup> Bs: array<vec4<f32>, 64>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 640u + k * 64u + m) / 4u][(b * 640u + k * 64u + m) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 640u + k * 64u + m) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = (i32(k) - i32(prm[0].x));
  let lb1 = u32(clamp(lb0, 0i, 3i));
  let lb2 = t1[b * 52u + lb1 * 13u + n];
  let lb3 = select(0.0f, lb2, lb0 >= 0i && lb0 < 4i);
  return lb3;
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 64u + m) * 13u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 64u;
  let tileN = wid.x * 16u;
  let ty = lid / 4u;
  let tx = lid % 4u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(10u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 16u;
      let r4 = tileM + (e % 16u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, min(r4, 60u), min(gk, 9u)), gk < 10u);
    }
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 4u;
      let r4 = tileN + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = loadB(b, min(gk, 9u), min(r4 + q, 12u));
      }
      Bs[e] = select(vec4<f32>(0.0), v, gk < 10u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0_0 = As[(kq * 4u + 0u) * 16u + ty * 1u + 0u];
      let a1_0 = As[(kq * 4u + 1u) * 16u + ty * 1u + 0u];
      let a2_0 = As[(kq * 4u + 2u) * 16u + ty * 1u + 0u];
      let a3_0 = As[(kq * 4u + 3u) * 16u + ty * 1u + 0u];
      let b0_0 = Bs[(kq * 4u + 0u) * 4u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 4u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 4u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 4u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0_0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a0_0[1]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a0_0[2]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a0_0[3]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a1_0[0]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1_0[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a1_0[2]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a1_0[3]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a2_0[0]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a2_0[1]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2_0[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a2_0[3]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a3_0[0]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a3_0[1]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a3_0[2]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3_0[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 64u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 13u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 60/131: rows_832x32, workgroups 832x1x1
// fuses: %1026 reduce_sum
// t0 = %1025 f32[32,64,13]
// o0 = %1026 f32[1,64,13]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read_write> o0: array<f32>;

var<workgroup> scratch: array<f32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = (row / 13u);
  let c2 = (row % 13u);
  var part0 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = (row / 13u) * 13u + (row % 13u) + r * 832u;
    let c0 = r;
    let s0_0 = t0[idx];
    part0 = part0 + s0_0;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = (row / 13u) * 13u + (row % 13u) + r * 832u;
    let c0 = r;
    o0[row] = red0;
  }
}

// ---- kernel 61/131: elementwise_832, workgroups 13x1x1
// fuses: %547 mul, %548 mul, %550 mul, %551 add, %1027 reshape, %1028 permute, %1029 sub, %1030 mul,
//   %1031 add, %1032 mul, %1033 mul, %1034 mul, %1035 add
// t0 = %92 "optim.tiny_gpt_0.linear_0.weight.exp_avg_sq" f32[13,64]
// t1 = %1026 f32[1,64,13]
// t2 = %91 "optim.tiny_gpt_0.linear_0.weight.exp_avg" f32[13,64]
// t3 = %36 "optim.tiny_gpt_0.embedding_0.weight.exp_avg_sq" f32[13,64]
// t4 = %541 f32[13,64]
// o0 = %1035 "optim.tiny_gpt_0.linear_0.weight.exp_avg_sq" f32[13,64]
// o1 = %1031 "optim.tiny_gpt_0.linear_0.weight.exp_avg" f32[13,64]
// o2 = %551 "optim.tiny_gpt_0.embedding_0.weight.exp_avg_sq" f32[13,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;
@group(0) @binding(6) var<storage, read_write> o1: array<f32>;
@group(0) @binding(7) var<storage, read_write> o2: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 832u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = (v0 * 0.9990000128746033f);
  let v2 = t1[c1 * 13u + c0];
  let v3 = (v2 * v2);
  let v4 = (v3 * 0.0010000000474974513f);
  let v5 = (v1 + v4);
  let v6 = t2[i];
  let v7 = (v2 - v6);
  let v8 = (v7 * 0.10000000149011612f);
  let v9 = (v6 + v8);
  let v10 = t3[i];
  let v11 = (v10 * 0.9990000128746033f);
  let v12 = t4[i];
  let v13 = (v12 * v12);
  let v14 = (v13 * 0.0010000000474974513f);
  let v15 = (v11 + v14);
  o0[i] = v5;
  o1[i] = v9;
  o2[i] = v15;
}

// ---- kernel 62/131: elementwise_832, workgroups 13x1x1
// fuses: %284 mul, %285 sub, %286 mul, %288 pow, %289 sub, %290 div, %552 sqrt, %553 pow, %554 sub,
//   %555 sqrt, %556 div, %558 add, %559 div, %560 mul, %561 sub
// t0 = %1 "tiny_gpt_0.embedding_0.weight" f32[13,64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %545 "optim.tiny_gpt_0.embedding_0.weight.exp_avg" f32[13,64]
// t4 = %551 "optim.tiny_gpt_0.embedding_0.weight.exp_avg_sq" f32[13,64]
// o0 = %561 "tiny_gpt_0.embedding_0.weight" f32[13,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 832u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = t1[0u];
  let v2 = (v1 * 0.009999999776482582f);
  let v3 = (1.0f - v2);
  let v4 = (v0 * v3);
  let v5 = t2[0u];
  let v6 = pow(0.8999999761581421f, v5);
  let v7 = (1.0f - v6);
  let v8 = (v1 / v7);
  let v9 = t3[i];
  let v10 = t4[i];
  let v11 = sqrt(v10);
  let v12 = pow(0.9990000128746033f, v5);
  let v13 = (1.0f - v12);
  let v14 = sqrt(v13);
  let v15 = (v11 / v14);
  let v16 = (v15 + 9.99999993922529e-9f);
  let v17 = (v9 / v16);
  let v18 = (v8 * v17);
  let v19 = (v4 - v18);
  o0[i] = v19;
}

// ---- kernel 63/131: rows_640x32, workgroups 640x1x1
// fuses: %563 reduce_sum, %564 reshape, %565 sub, %566 mul, %567 add, %568 mul, %569 mul, %570 mul,
//   %571 add
// t0 = %540 f32[32,10,64]
// t1 = %38 "optim.tiny_gpt_0.positional_embedding_0.weight.exp_avg_sq" f32[10,64]
// t2 = %37 "optim.tiny_gpt_0.positional_embedding_0.weight.exp_avg" f32[10,64]
// o0 = %571 "optim.tiny_gpt_0.positional_embedding_0.weight.exp_avg_sq" f32[10,64]
// o1 = %567 "optim.tiny_gpt_0.positional_embedding_0.weight.exp_avg" f32[10,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = (row / 64u);
  let c2 = (row % 64u);
  var part0 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = (row / 64u) * 64u + (row % 64u) + r * 640u;
    let c0 = r;
    let s0_0 = t0[idx];
    part0 = part0 + s0_0;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = (row / 64u) * 64u + (row % 64u) + r * 640u;
    let c0 = r;
    let w0 = t1[c1 * 64u + c2];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    let w5 = t2[c1 * 64u + c2];
    let w6 = (red0 - w5);
    let w7 = (w6 * 0.10000000149011612f);
    let w8 = (w5 + w7);
    o0[row] = w4;
    o1[row] = w8;
  }
}

// ---- kernel 64/131: elementwise_640, workgroups 10x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %562 mul,
//   %572 sqrt, %573 div, %574 add, %575 div, %576 mul, %577 sub
// t0 = %2 "tiny_gpt_0.positional_embedding_0.weight" f32[10,64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %567 "optim.tiny_gpt_0.positional_embedding_0.weight.exp_avg" f32[10,64]
// t4 = %571 "optim.tiny_gpt_0.positional_embedding_0.weight.exp_avg_sq" f32[10,64]
// o0 = %577 "tiny_gpt_0.positional_embedding_0.weight" f32[10,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 640u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = t1[0u];
  let v2 = (v1 * 0.009999999776482582f);
  let v3 = (1.0f - v2);
  let v4 = (v0 * v3);
  let v5 = t2[0u];
  let v6 = pow(0.8999999761581421f, v5);
  let v7 = (1.0f - v6);
  let v8 = (v1 / v7);
  let v9 = t3[i];
  let v10 = t4[i];
  let v11 = sqrt(v10);
  let v12 = pow(0.9990000128746033f, v5);
  let v13 = (1.0f - v12);
  let v14 = sqrt(v13);
  let v15 = (v11 / v14);
  let v16 = (v15 + 9.99999993922529e-9f);
  let v17 = (v9 / v16);
  let v18 = (v8 * v17);
  let v19 = (v4 - v18);
  o0[i] = v19;
}

// ---- kernel 65/131: rows_64x320, workgroups 64x1x1
// fuses: %579 mul, %580 reduce_sum, %581 reshape, %582 sub, %583 mul, %584 add, %585 mul, %586 mul,
//   %587 mul, %588 add
// t0 = %516 f32[32,10,64]
// t1 = %113 f32[32,10,64]
// t2 = %40 "optim.tiny_gpt_0.repeat_0.0.layer_norm_0.weight.exp_avg_sq" f32[64]
// t3 = %39 "optim.tiny_gpt_0.repeat_0.0.layer_norm_0.weight.exp_avg" f32[64]
// o0 = %588 "optim.tiny_gpt_0.repeat_0.0.layer_norm_0.weight.exp_avg_sq" f32[64]
// o1 = %584 "optim.tiny_gpt_0.repeat_0.0.layer_norm_0.weight.exp_avg" f32[64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read_write> o0: array<f32>;
@group(0) @binding(5) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c2 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 320u; r += 256u) {
    let idx = row + (r / 10u) * 640u + (r % 10u) * 64u;
    let c0 = (r / 10u);
    let c1 = (r % 10u);
    let s0_0 = t0[idx];
    let s0_1 = t1[idx];
    let s0_2 = (s0_0 * s0_1);
    part0 = part0 + s0_2;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row + (r / 10u) * 640u + (r % 10u) * 64u;
    let c0 = (r / 10u);
    let c1 = (r % 10u);
    let w0 = t2[c2];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    let w5 = t3[c2];
    let w6 = (red0 - w5);
    let w7 = (w6 * 0.10000000149011612f);
    let w8 = (w5 + w7);
    o0[row] = w4;
    o1[row] = w8;
  }
}

// ---- kernel 66/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %578 mul,
//   %589 sqrt, %590 div, %591 add, %592 div, %593 mul, %594 sub
// t0 = %3 "tiny_gpt_0.repeat_0.0.layer_norm_0.weight" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %584 "optim.tiny_gpt_0.repeat_0.0.layer_norm_0.weight.exp_avg" f32[64]
// t4 = %588 "optim.tiny_gpt_0.repeat_0.0.layer_norm_0.weight.exp_avg_sq" f32[64]
// o0 = %594 "tiny_gpt_0.repeat_0.0.layer_norm_0.weight" f32[64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 64u) { return; }
  let c0 = i;
  let v0 = t0[i];
  let v1 = t1[0u];
  let v2 = (v1 * 0.009999999776482582f);
  let v3 = (1.0f - v2);
  let v4 = (v0 * v3);
  let v5 = t2[0u];
  let v6 = pow(0.8999999761581421f, v5);
  let v7 = (1.0f - v6);
  let v8 = (v1 / v7);
  let v9 = t3[i];
  let v10 = t4[i];
  let v11 = sqrt(v10);
  let v12 = pow(0.9990000128746033f, v5);
  let v13 = (1.0f - v12);
  let v14 = sqrt(v13);
  let v15 = (v11 / v14);
  let v16 = (v15 + 9.99999993922529e-9f);
  let v17 = (v9 / v16);
  let v18 = (v8 * v17);
  let v19 = (v4 - v18);
  o0[i] = v19;
}

// ---- kernel 67/131: rows_64x320, workgroups 64x1x1
// fuses: %596 reduce_sum, %597 reshape, %598 sub, %599 mul, %600 add, %601 mul, %602 mul, %603 mul,
//   %604 add
// t0 = %516 f32[32,10,64]
// t1 = %42 "optim.tiny_gpt_0.repeat_0.0.layer_norm_0.bias.exp_avg_sq" f32[64]
// t2 = %41 "optim.tiny_gpt_0.repeat_0.0.layer_norm_0.bias.exp_avg" f32[64]
// o0 = %604 "optim.tiny_gpt_0.repeat_0.0.layer_norm_0.bias.exp_avg_sq" f32[64]
// o1 = %600 "optim.tiny_gpt_0.repeat_0.0.layer_norm_0.bias.exp_avg" f32[64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c2 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 320u; r += 256u) {
    let idx = row + (r / 10u) * 640u + (r % 10u) * 64u;
    let c0 = (r / 10u);
    let c1 = (r % 10u);
    let s0_0 = t0[idx];
    part0 = part0 + s0_0;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row + (r / 10u) * 640u + (r % 10u) * 64u;
    let c0 = (r / 10u);
    let c1 = (r % 10u);
    let w0 = t1[c2];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    let w5 = t2[c2];
    let w6 = (red0 - w5);
    let w7 = (w6 * 0.10000000149011612f);
    let w8 = (w5 + w7);
    o0[row] = w4;
    o1[row] = w8;
  }
}

// ---- kernel 68/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %595 mul,
//   %605 sqrt, %606 div, %607 add, %608 div, %609 mul, %610 sub
// t0 = %4 "tiny_gpt_0.repeat_0.0.layer_norm_0.bias" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %600 "optim.tiny_gpt_0.repeat_0.0.layer_norm_0.bias.exp_avg" f32[64]
// t4 = %604 "optim.tiny_gpt_0.repeat_0.0.layer_norm_0.bias.exp_avg_sq" f32[64]
// o0 = %610 "tiny_gpt_0.repeat_0.0.layer_norm_0.bias" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 69/131: matmul_tiled64x128x16_8x4_vmn, workgroups 2x1x32
// fuses: %612 permute, %613 matmul
// t0 = %115 f32[32,10,64]
// t1 = %515 f32[32,10,192]
// o0 = %613 f32[32,64,192]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 256>; // [k][m/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 640u + k * 64u + m) / 4u][(b * 640u + k * 64u + m) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 640u + k * 64u + m) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(b * 1920u + k * 192u + n) / 4u][(b * 1920u + k * 192u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(b * 1920u + k * 192u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 64u + m) * 192u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 64u;
  let tileN = wid.x * 128u;
  let ty = lid / 32u;
  let tx = lid % 32u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  var acc4_0 = vec4<f32>(0.0);
  var acc5_0 = vec4<f32>(0.0);
  var acc6_0 = vec4<f32>(0.0);
  var acc7_0 = vec4<f32>(0.0);
  let kEnd = select(10u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 256u;
      let gk = k0 + e / 16u;
      let r4 = tileM + (e % 16u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, min(r4, 60u), min(gk, 9u)), gk < 10u);
    }
    for (var t = 0u; t < 2u; t++) {
      let e = lid + t * 256u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 9u), min(r4, 188u)), gk < 10u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0_0 = As[(kq * 4u + 0u) * 16u + ty * 2u + 0u];
      let a0_1 = As[(kq * 4u + 0u) * 16u + ty * 2u + 1u];
      let a1_0 = As[(kq * 4u + 1u) * 16u + ty * 2u + 0u];
      let a1_1 = As[(kq * 4u + 1u) * 16u + ty * 2u + 1u];
      let a2_0 = As[(kq * 4u + 2u) * 16u + ty * 2u + 0u];
      let a2_1 = As[(kq * 4u + 2u) * 16u + ty * 2u + 1u];
      let a3_0 = As[(kq * 4u + 3u) * 16u + ty * 2u + 0u];
      let a3_1 = As[(kq * 4u + 3u) * 16u + ty * 2u + 1u];
      let b0_0 = Bs[(kq * 4u + 0u) * 32u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 32u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 32u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 32u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0_0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a0_0[1]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a0_0[2]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a0_0[3]), b0_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a0_1[0]), b0_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a0_1[1]), b0_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a0_1[2]), b0_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a0_1[3]), b0_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a1_0[0]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1_0[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a1_0[2]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a1_0[3]), b1_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a1_1[0]), b1_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a1_1[1]), b1_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a1_1[2]), b1_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a1_1[3]), b1_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a2_0[0]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a2_0[1]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2_0[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a2_0[3]), b2_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a2_1[0]), b2_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a2_1[1]), b2_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a2_1[2]), b2_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a2_1[3]), b2_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a3_0[0]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a3_0[1]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a3_0[2]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3_0[3]), b3_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a3_1[0]), b3_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a3_1[1]), b3_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a3_1[2]), b3_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a3_1[3]), b3_0, acc7_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 8u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 8>(acc0_0, acc1_0, acc2_0, acc3_0, acc4_0, acc5_0, acc6_0, acc7_0);
  for (var i = 0u; i < 8u; i++) {
    let m = m0 + i;
    if (m >= 64u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 192u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 70/131: matmul_tiled64x128x16_8x4_vmn, workgroups 2x1x32
// fuses: %818 permute, %819 matmul
// t0 = %188 f32[32,10,64]
// t1 = %410 f32[32,10,192]
// o0 = %819 f32[32,64,192]
// WGSL: kernel 69/131's (the same pipeline, other buffers)

// ---- kernel 71/131: rows_12288x32, workgroups 12288x1x1
// fuses: %614 reduce_sum, %820 reduce_sum
// t0 = %819 f32[32,64,192]
// t1 = %613 f32[32,64,192]
// o0 = %820 f32[1,64,192]
// o1 = %614 f32[1,64,192]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = (row / 192u);
  let c2 = (row % 192u);
  var part0 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = (row / 192u) * 192u + (row % 192u) + r * 12288u;
    let c0 = r;
    let s0_0 = t0[idx];
    part0 = part0 + s0_0;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  var part1 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = (row / 192u) * 192u + (row % 192u) + r * 12288u;
    let c0 = r;
    let s1_0 = t1[idx];
    part1 = part1 + s1_0;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = (row / 192u) * 192u + (row % 192u) + r * 12288u;
    let c0 = r;
    o0[row] = red0;
    o1[row] = red1;
  }
}

// ---- kernel 72/131: elementwise_12288, workgroups 192x1x1
// fuses: %615 reshape, %616 permute, %617 sub, %618 mul, %619 add
// t0 = %43 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_weight.exp_avg" f32[192,64]
// t1 = %614 f32[1,64,192]
// o0 = %619 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_weight.exp_avg" f32[192,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 12288u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = t1[c1 * 192u + c0];
  let v2 = (v1 - v0);
  let v3 = (v2 * 0.10000000149011612f);
  let v4 = (v0 + v3);
  o0[i] = v4;
}

// ---- kernel 73/131: elementwise_12288, workgroups 192x1x1
// fuses: %615 reshape, %616 permute, %620 mul, %621 mul, %622 mul, %623 add, %821 reshape,
//   %822 permute, %823 sub, %824 mul, %825 add, %826 mul, %827 mul, %828 mul, %829 add
// t0 = %68 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_weight.exp_avg_sq" f32[192,64]
// t1 = %820 f32[1,64,192]
// t2 = %67 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_weight.exp_avg" f32[192,64]
// t3 = %44 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_weight.exp_avg_sq" f32[192,64]
// t4 = %614 f32[1,64,192]
// o0 = %829 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_weight.exp_avg_sq" f32[192,64]
// o1 = %825 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_weight.exp_avg" f32[192,64]
// o2 = %623 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_weight.exp_avg_sq" f32[192,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;
@group(0) @binding(6) var<storage, read_write> o1: array<f32>;
@group(0) @binding(7) var<storage, read_write> o2: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 12288u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = (v0 * 0.9990000128746033f);
  let v2 = t1[c1 * 192u + c0];
  let v3 = (v2 * v2);
  let v4 = (v3 * 0.0010000000474974513f);
  let v5 = (v1 + v4);
  let v6 = t2[i];
  let v7 = (v2 - v6);
  let v8 = (v7 * 0.10000000149011612f);
  let v9 = (v6 + v8);
  let v10 = t3[i];
  let v11 = (v10 * 0.9990000128746033f);
  let v12 = t4[c1 * 192u + c0];
  let v13 = (v12 * v12);
  let v14 = (v13 * 0.0010000000474974513f);
  let v15 = (v11 + v14);
  o0[i] = v5;
  o1[i] = v9;
  o2[i] = v15;
}

// ---- kernel 74/131: elementwise_12288, workgroups 192x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %611 mul,
//   %624 sqrt, %625 div, %626 add, %627 div, %628 mul, %629 sub
// t0 = %5 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_weight" f32[192,64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %619 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_weight.exp_avg" f32[192,64]
// t4 = %623 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_weight.exp_avg_sq" f32[192,64]
// o0 = %629 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_weight" f32[192,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 12288u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = t1[0u];
  let v2 = (v1 * 0.009999999776482582f);
  let v3 = (1.0f - v2);
  let v4 = (v0 * v3);
  let v5 = t2[0u];
  let v6 = pow(0.8999999761581421f, v5);
  let v7 = (1.0f - v6);
  let v8 = (v1 / v7);
  let v9 = t3[i];
  let v10 = t4[i];
  let v11 = sqrt(v10);
  let v12 = pow(0.9990000128746033f, v5);
  let v13 = (1.0f - v12);
  let v14 = sqrt(v13);
  let v15 = (v11 / v14);
  let v16 = (v15 + 9.99999993922529e-9f);
  let v17 = (v9 / v16);
  let v18 = (v8 * v17);
  let v19 = (v4 - v18);
  o0[i] = v19;
}

// ---- kernel 75/131: rows_192x320, workgroups 192x1x1
// fuses: %631 reduce_sum, %632 reshape, %633 sub, %634 mul, %635 add, %636 mul, %637 mul, %638 mul,
//   %639 add
// t0 = %515 f32[32,10,192]
// t1 = %46 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_bias.exp_avg_sq" f32[192]
// t2 = %45 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_bias.exp_avg" f32[192]
// o0 = %639 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_bias.exp_avg_sq" f32[192]
// o1 = %635 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_bias.exp_avg" f32[192]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c2 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 320u; r += 256u) {
    let idx = row + (r / 10u) * 1920u + (r % 10u) * 192u;
    let c0 = (r / 10u);
    let c1 = (r % 10u);
    let s0_0 = t0[idx];
    part0 = part0 + s0_0;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row + (r / 10u) * 1920u + (r % 10u) * 192u;
    let c0 = (r / 10u);
    let c1 = (r % 10u);
    let w0 = t1[c2];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    let w5 = t2[c2];
    let w6 = (red0 - w5);
    let w7 = (w6 * 0.10000000149011612f);
    let w8 = (w5 + w7);
    o0[row] = w4;
    o1[row] = w8;
  }
}

// ---- kernel 76/131: elementwise_192, workgroups 3x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %630 mul,
//   %640 sqrt, %641 div, %642 add, %643 div, %644 mul, %645 sub
// t0 = %6 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_bias" f32[192]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %635 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_bias.exp_avg" f32[192]
// t4 = %639 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_bias.exp_avg_sq" f32[192]
// o0 = %645 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.in_proj_bias" f32[192]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 192u) { return; }
  let c0 = i;
  let v0 = t0[i];
  let v1 = t1[0u];
  let v2 = (v1 * 0.009999999776482582f);
  let v3 = (1.0f - v2);
  let v4 = (v0 * v3);
  let v5 = t2[0u];
  let v6 = pow(0.8999999761581421f, v5);
  let v7 = (1.0f - v6);
  let v8 = (v1 / v7);
  let v9 = t3[i];
  let v10 = t4[i];
  let v11 = sqrt(v10);
  let v12 = pow(0.9990000128746033f, v5);
  let v13 = (1.0f - v12);
  let v14 = sqrt(v13);
  let v15 = (v11 / v14);
  let v16 = (v15 + 9.99999993922529e-9f);
  let v17 = (v9 / v16);
  let v18 = (v8 * v17);
  let v19 = (v4 - v18);
  o0[i] = v19;
}

// ---- kernel 77/131: matmul_tiled64x64x16_4x4_vsn, workgroups 1x1x32
// fuses: %140 permute, %141 reshape, %647 permute, %648 matmul
// t0 = %139 f32[32,4,10,16]
// t1 = %485 f32[32,10,64]
// o0 = %648 f32[32,64,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 256>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 256>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = b * 640u + k * 64u + m;
  let la1 = (la0 / 640u);
  let la2 = ((la0 / 64u) % 10u);
  let la3 = ((la0 / 16u) % 4u);
  let la4 = (la0 % 16u);
  let la5 = t0[la1 * 640u + la3 * 160u + la2 * 16u + la4];
  return la5;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(b * 640u + k * 64u + n) / 4u][(b * 640u + k * 64u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(b * 640u + k * 64u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 64u + m) * 64u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 64u;
  let tileN = wid.x * 64u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(10u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 256u;
      let gr = min(tileM + e / 4u, 63u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 9u)), gk + q < 10u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 256u;
      let gk = k0 + e / 16u;
      let r4 = tileN + (e % 16u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 9u), min(r4, 60u)), gk < 10u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0 = As[(ty * 4u + 0u) * 4u + kq];
      let a1 = As[(ty * 4u + 1u) * 4u + kq];
      let a2 = As[(ty * 4u + 2u) * 4u + kq];
      let a3 = As[(ty * 4u + 3u) * 4u + kq];
      let b0_0 = Bs[(kq * 4u + 0u) * 16u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 16u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 16u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 16u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[0]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[0]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[0]), b0_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[1]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[1]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[1]), b1_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[2]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[2]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[2]), b2_0, acc3_0);
      acc0_0 = fma(vec4<f32>(a0[3]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1[3]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2[3]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3[3]), b3_0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 64u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 64u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 78/131: matmul_tiled64x64x16_4x4_vsn, workgroups 1x1x32
// fuses: %211 permute, %212 reshape, %853 permute, %854 matmul
// t0 = %210 f32[32,4,10,16]
// t1 = %380 f32[32,10,64]
// o0 = %854 f32[32,64,64]
// WGSL: kernel 77/131's (the same pipeline, other buffers)

// ---- kernel 79/131: rows_4096x32, workgroups 4096x1x1
// fuses: %649 reduce_sum, %855 reduce_sum
// t0 = %854 f32[32,64,64]
// t1 = %648 f32[32,64,64]
// o0 = %855 f32[1,64,64]
// o1 = %649 f32[1,64,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = (row / 64u);
  let c2 = (row % 64u);
  var part0 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = (row / 64u) * 64u + (row % 64u) + r * 4096u;
    let c0 = r;
    let s0_0 = t0[idx];
    part0 = part0 + s0_0;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  var part1 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = (row / 64u) * 64u + (row % 64u) + r * 4096u;
    let c0 = r;
    let s1_0 = t1[idx];
    part1 = part1 + s1_0;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = (row / 64u) * 64u + (row % 64u) + r * 4096u;
    let c0 = r;
    o0[row] = red0;
    o1[row] = red1;
  }
}

// ---- kernel 80/131: elementwise_4096, workgroups 64x1x1
// fuses: %650 reshape, %651 permute, %652 sub, %653 mul, %654 add
// t0 = %47 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.weight.exp_avg" f32[64,64]
// t1 = %649 f32[1,64,64]
// o0 = %654 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.weight.exp_avg" f32[64,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 4096u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = t1[c1 * 64u + c0];
  let v2 = (v1 - v0);
  let v3 = (v2 * 0.10000000149011612f);
  let v4 = (v0 + v3);
  o0[i] = v4;
}

// ---- kernel 81/131: elementwise_4096, workgroups 64x1x1
// fuses: %650 reshape, %651 permute, %655 mul, %656 mul, %657 mul, %658 add, %856 reshape,
//   %857 permute, %858 sub, %859 mul, %860 add, %861 mul, %862 mul, %863 mul, %864 add
// t0 = %72 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.weight.exp_avg_sq" f32[64,64]
// t1 = %855 f32[1,64,64]
// t2 = %71 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.weight.exp_avg" f32[64,64]
// t3 = %48 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.weight.exp_avg_sq" f32[64,64]
// t4 = %649 f32[1,64,64]
// o0 = %864 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.weight.exp_avg_sq" f32[64,64]
// o1 = %860 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.weight.exp_avg" f32[64,64]
// o2 = %658 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.weight.exp_avg_sq" f32[64,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;
@group(0) @binding(6) var<storage, read_write> o1: array<f32>;
@group(0) @binding(7) var<storage, read_write> o2: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 4096u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = (v0 * 0.9990000128746033f);
  let v2 = t1[c1 * 64u + c0];
  let v3 = (v2 * v2);
  let v4 = (v3 * 0.0010000000474974513f);
  let v5 = (v1 + v4);
  let v6 = t2[i];
  let v7 = (v2 - v6);
  let v8 = (v7 * 0.10000000149011612f);
  let v9 = (v6 + v8);
  let v10 = t3[i];
  let v11 = (v10 * 0.9990000128746033f);
  let v12 = t4[c1 * 64u + c0];
  let v13 = (v12 * v12);
  let v14 = (v13 * 0.0010000000474974513f);
  let v15 = (v11 + v14);
  o0[i] = v5;
  o1[i] = v9;
  o2[i] = v15;
}

// ---- kernel 82/131: elementwise_4096, workgroups 64x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %646 mul,
//   %659 sqrt, %660 div, %661 add, %662 div, %663 mul, %664 sub
// t0 = %7 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.weight" f32[64,64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %654 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.weight.exp_avg" f32[64,64]
// t4 = %658 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.weight.exp_avg_sq" f32[64,64]
// o0 = %664 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.weight" f32[64,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 4096u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = t1[0u];
  let v2 = (v1 * 0.009999999776482582f);
  let v3 = (1.0f - v2);
  let v4 = (v0 * v3);
  let v5 = t2[0u];
  let v6 = pow(0.8999999761581421f, v5);
  let v7 = (1.0f - v6);
  let v8 = (v1 / v7);
  let v9 = t3[i];
  let v10 = t4[i];
  let v11 = sqrt(v10);
  let v12 = pow(0.9990000128746033f, v5);
  let v13 = (1.0f - v12);
  let v14 = sqrt(v13);
  let v15 = (v11 / v14);
  let v16 = (v15 + 9.99999993922529e-9f);
  let v17 = (v9 / v16);
  let v18 = (v8 * v17);
  let v19 = (v4 - v18);
  o0[i] = v19;
}

// ---- kernel 83/131: rows_64x320, workgroups 64x1x1
// fuses: %666 reduce_sum, %667 reshape, %668 sub, %669 mul, %670 add, %671 mul, %672 mul, %673 mul,
//   %674 add
// t0 = %485 f32[32,10,64]
// t1 = %50 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.bias.exp_avg_sq" f32[64]
// t2 = %49 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.bias.exp_avg" f32[64]
// o0 = %674 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.bias.exp_avg_sq" f32[64]
// o1 = %670 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.bias.exp_avg" f32[64]
// WGSL: kernel 67/131's (the same pipeline, other buffers)

// ---- kernel 84/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %665 mul,
//   %675 sqrt, %676 div, %677 add, %678 div, %679 mul, %680 sub
// t0 = %8 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.bias" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %670 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.bias.exp_avg" f32[64]
// t4 = %674 "optim.tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.bias.exp_avg_sq" f32[64]
// o0 = %680 "tiny_gpt_0.repeat_0.0.multi_head_attention_0.out_proj.bias" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 85/131: rows_64x320, workgroups 64x1x1
// fuses: %682 mul, %683 reduce_sum, %684 reshape, %685 sub, %686 mul, %687 add, %688 mul, %689 mul,
//   %690 mul, %691 add
// t0 = %447 f32[32,10,64]
// t1 = %158 f32[32,10,64]
// t2 = %52 "optim.tiny_gpt_0.repeat_0.0.layer_norm_1.weight.exp_avg_sq" f32[64]
// t3 = %51 "optim.tiny_gpt_0.repeat_0.0.layer_norm_1.weight.exp_avg" f32[64]
// o0 = %691 "optim.tiny_gpt_0.repeat_0.0.layer_norm_1.weight.exp_avg_sq" f32[64]
// o1 = %687 "optim.tiny_gpt_0.repeat_0.0.layer_norm_1.weight.exp_avg" f32[64]
// WGSL: kernel 65/131's (the same pipeline, other buffers)

// ---- kernel 86/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %681 mul,
//   %692 sqrt, %693 div, %694 add, %695 div, %696 mul, %697 sub
// t0 = %9 "tiny_gpt_0.repeat_0.0.layer_norm_1.weight" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %687 "optim.tiny_gpt_0.repeat_0.0.layer_norm_1.weight.exp_avg" f32[64]
// t4 = %691 "optim.tiny_gpt_0.repeat_0.0.layer_norm_1.weight.exp_avg_sq" f32[64]
// o0 = %697 "tiny_gpt_0.repeat_0.0.layer_norm_1.weight" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 87/131: rows_64x320, workgroups 64x1x1
// fuses: %699 reduce_sum, %700 reshape, %701 sub, %702 mul, %703 add, %704 mul, %705 mul, %706 mul,
//   %707 add
// t0 = %447 f32[32,10,64]
// t1 = %54 "optim.tiny_gpt_0.repeat_0.0.layer_norm_1.bias.exp_avg_sq" f32[64]
// t2 = %53 "optim.tiny_gpt_0.repeat_0.0.layer_norm_1.bias.exp_avg" f32[64]
// o0 = %707 "optim.tiny_gpt_0.repeat_0.0.layer_norm_1.bias.exp_avg_sq" f32[64]
// o1 = %703 "optim.tiny_gpt_0.repeat_0.0.layer_norm_1.bias.exp_avg" f32[64]
// WGSL: kernel 67/131's (the same pipeline, other buffers)

// ---- kernel 88/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %698 mul,
//   %708 sqrt, %709 div, %710 add, %711 div, %712 mul, %713 sub
// t0 = %10 "tiny_gpt_0.repeat_0.0.layer_norm_1.bias" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %703 "optim.tiny_gpt_0.repeat_0.0.layer_norm_1.bias.exp_avg" f32[64]
// t4 = %707 "optim.tiny_gpt_0.repeat_0.0.layer_norm_1.bias.exp_avg_sq" f32[64]
// o0 = %713 "tiny_gpt_0.repeat_0.0.layer_norm_1.bias" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 89/131: matmul_tiled64x128x16_8x4_vmn, workgroups 2x1x32
// fuses: %715 permute, %716 matmul
// t0 = %160 f32[32,10,64]
// t1 = %446 f32[32,10,256]
// o0 = %716 f32[32,64,256]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 256>; // [k][m/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 640u + k * 64u + m) / 4u][(b * 640u + k * 64u + m) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 640u + k * 64u + m) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(b * 2560u + k * 256u + n) / 4u][(b * 2560u + k * 256u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(b * 2560u + k * 256u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 64u + m) * 256u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 64u;
  let tileN = wid.x * 128u;
  let ty = lid / 32u;
  let tx = lid % 32u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  var acc4_0 = vec4<f32>(0.0);
  var acc5_0 = vec4<f32>(0.0);
  var acc6_0 = vec4<f32>(0.0);
  var acc7_0 = vec4<f32>(0.0);
  let kEnd = select(10u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 256u;
      let gk = k0 + e / 16u;
      let r4 = tileM + (e % 16u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, min(r4, 60u), min(gk, 9u)), gk < 10u);
    }
    for (var t = 0u; t < 2u; t++) {
      let e = lid + t * 256u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 9u), min(r4, 252u)), gk < 10u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0_0 = As[(kq * 4u + 0u) * 16u + ty * 2u + 0u];
      let a0_1 = As[(kq * 4u + 0u) * 16u + ty * 2u + 1u];
      let a1_0 = As[(kq * 4u + 1u) * 16u + ty * 2u + 0u];
      let a1_1 = As[(kq * 4u + 1u) * 16u + ty * 2u + 1u];
      let a2_0 = As[(kq * 4u + 2u) * 16u + ty * 2u + 0u];
      let a2_1 = As[(kq * 4u + 2u) * 16u + ty * 2u + 1u];
      let a3_0 = As[(kq * 4u + 3u) * 16u + ty * 2u + 0u];
      let a3_1 = As[(kq * 4u + 3u) * 16u + ty * 2u + 1u];
      let b0_0 = Bs[(kq * 4u + 0u) * 32u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 32u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 32u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 32u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0_0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a0_0[1]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a0_0[2]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a0_0[3]), b0_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a0_1[0]), b0_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a0_1[1]), b0_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a0_1[2]), b0_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a0_1[3]), b0_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a1_0[0]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1_0[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a1_0[2]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a1_0[3]), b1_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a1_1[0]), b1_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a1_1[1]), b1_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a1_1[2]), b1_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a1_1[3]), b1_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a2_0[0]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a2_0[1]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2_0[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a2_0[3]), b2_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a2_1[0]), b2_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a2_1[1]), b2_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a2_1[2]), b2_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a2_1[3]), b2_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a3_0[0]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a3_0[1]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a3_0[2]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3_0[3]), b3_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a3_1[0]), b3_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a3_1[1]), b3_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a3_1[2]), b3_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a3_1[3]), b3_0, acc7_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 8u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 8>(acc0_0, acc1_0, acc2_0, acc3_0, acc4_0, acc5_0, acc6_0, acc7_0);
  for (var i = 0u; i < 8u; i++) {
    let m = m0 + i;
    if (m >= 64u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 256u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 90/131: matmul_tiled64x128x16_8x4_vmn, workgroups 2x1x32
// fuses: %921 permute, %922 matmul
// t0 = %229 f32[32,10,64]
// t1 = %341 f32[32,10,256]
// o0 = %922 f32[32,64,256]
// WGSL: kernel 89/131's (the same pipeline, other buffers)

// ---- kernel 91/131: rows_16384x32, workgroups 16384x1x1
// fuses: %717 reduce_sum, %923 reduce_sum
// t0 = %922 f32[32,64,256]
// t1 = %716 f32[32,64,256]
// o0 = %923 f32[1,64,256]
// o1 = %717 f32[1,64,256]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = (row / 256u);
  let c2 = (row % 256u);
  var part0 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = (row / 256u) * 256u + (row % 256u) + r * 16384u;
    let c0 = r;
    let s0_0 = t0[idx];
    part0 = part0 + s0_0;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  var part1 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = (row / 256u) * 256u + (row % 256u) + r * 16384u;
    let c0 = r;
    let s1_0 = t1[idx];
    part1 = part1 + s1_0;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = (row / 256u) * 256u + (row % 256u) + r * 16384u;
    let c0 = r;
    o0[row] = red0;
    o1[row] = red1;
  }
}

// ---- kernel 92/131: elementwise_16384, workgroups 256x1x1
// fuses: %718 reshape, %719 permute, %720 sub, %721 mul, %722 add
// t0 = %55 "optim.tiny_gpt_0.repeat_0.0.linear_0.weight.exp_avg" f32[256,64]
// t1 = %717 f32[1,64,256]
// o0 = %722 "optim.tiny_gpt_0.repeat_0.0.linear_0.weight.exp_avg" f32[256,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 16384u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = t1[c1 * 256u + c0];
  let v2 = (v1 - v0);
  let v3 = (v2 * 0.10000000149011612f);
  let v4 = (v0 + v3);
  o0[i] = v4;
}

// ---- kernel 93/131: elementwise_16384, workgroups 256x1x1
// fuses: %718 reshape, %719 permute, %723 mul, %724 mul, %725 mul, %726 add, %924 reshape,
//   %925 permute, %926 sub, %927 mul, %928 add, %929 mul, %930 mul, %931 mul, %932 add
// t0 = %80 "optim.tiny_gpt_0.repeat_0.1.linear_0.weight.exp_avg_sq" f32[256,64]
// t1 = %923 f32[1,64,256]
// t2 = %79 "optim.tiny_gpt_0.repeat_0.1.linear_0.weight.exp_avg" f32[256,64]
// t3 = %56 "optim.tiny_gpt_0.repeat_0.0.linear_0.weight.exp_avg_sq" f32[256,64]
// t4 = %717 f32[1,64,256]
// o0 = %932 "optim.tiny_gpt_0.repeat_0.1.linear_0.weight.exp_avg_sq" f32[256,64]
// o1 = %928 "optim.tiny_gpt_0.repeat_0.1.linear_0.weight.exp_avg" f32[256,64]
// o2 = %726 "optim.tiny_gpt_0.repeat_0.0.linear_0.weight.exp_avg_sq" f32[256,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;
@group(0) @binding(6) var<storage, read_write> o1: array<f32>;
@group(0) @binding(7) var<storage, read_write> o2: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 16384u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = (v0 * 0.9990000128746033f);
  let v2 = t1[c1 * 256u + c0];
  let v3 = (v2 * v2);
  let v4 = (v3 * 0.0010000000474974513f);
  let v5 = (v1 + v4);
  let v6 = t2[i];
  let v7 = (v2 - v6);
  let v8 = (v7 * 0.10000000149011612f);
  let v9 = (v6 + v8);
  let v10 = t3[i];
  let v11 = (v10 * 0.9990000128746033f);
  let v12 = t4[c1 * 256u + c0];
  let v13 = (v12 * v12);
  let v14 = (v13 * 0.0010000000474974513f);
  let v15 = (v11 + v14);
  o0[i] = v5;
  o1[i] = v9;
  o2[i] = v15;
}

// ---- kernel 94/131: elementwise_16384, workgroups 256x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %714 mul,
//   %727 sqrt, %728 div, %729 add, %730 div, %731 mul, %732 sub
// t0 = %11 "tiny_gpt_0.repeat_0.0.linear_0.weight" f32[256,64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %722 "optim.tiny_gpt_0.repeat_0.0.linear_0.weight.exp_avg" f32[256,64]
// t4 = %726 "optim.tiny_gpt_0.repeat_0.0.linear_0.weight.exp_avg_sq" f32[256,64]
// o0 = %732 "tiny_gpt_0.repeat_0.0.linear_0.weight" f32[256,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 16384u) { return; }
  let c0 = (i / 64u);
  let c1 = (i % 64u);
  let v0 = t0[i];
  let v1 = t1[0u];
  let v2 = (v1 * 0.009999999776482582f);
  let v3 = (1.0f - v2);
  let v4 = (v0 * v3);
  let v5 = t2[0u];
  let v6 = pow(0.8999999761581421f, v5);
  let v7 = (1.0f - v6);
  let v8 = (v1 / v7);
  let v9 = t3[i];
  let v10 = t4[i];
  let v11 = sqrt(v10);
  let v12 = pow(0.9990000128746033f, v5);
  let v13 = (1.0f - v12);
  let v14 = sqrt(v13);
  let v15 = (v11 / v14);
  let v16 = (v15 + 9.99999993922529e-9f);
  let v17 = (v9 / v16);
  let v18 = (v8 * v17);
  let v19 = (v4 - v18);
  o0[i] = v19;
}

// ---- kernel 95/131: rows_256x320, workgroups 256x1x1
// fuses: %734 reduce_sum, %735 reshape, %736 sub, %737 mul, %738 add, %739 mul, %740 mul, %741 mul,
//   %742 add
// t0 = %446 f32[32,10,256]
// t1 = %58 "optim.tiny_gpt_0.repeat_0.0.linear_0.bias.exp_avg_sq" f32[256]
// t2 = %57 "optim.tiny_gpt_0.repeat_0.0.linear_0.bias.exp_avg" f32[256]
// o0 = %742 "optim.tiny_gpt_0.repeat_0.0.linear_0.bias.exp_avg_sq" f32[256]
// o1 = %738 "optim.tiny_gpt_0.repeat_0.0.linear_0.bias.exp_avg" f32[256]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c2 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 320u; r += 256u) {
    let idx = row + (r / 10u) * 2560u + (r % 10u) * 256u;
    let c0 = (r / 10u);
    let c1 = (r % 10u);
    let s0_0 = t0[idx];
    part0 = part0 + s0_0;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row + (r / 10u) * 2560u + (r % 10u) * 256u;
    let c0 = (r / 10u);
    let c1 = (r % 10u);
    let w0 = t1[c2];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    let w5 = t2[c2];
    let w6 = (red0 - w5);
    let w7 = (w6 * 0.10000000149011612f);
    let w8 = (w5 + w7);
    o0[row] = w4;
    o1[row] = w8;
  }
}

// ---- kernel 96/131: elementwise_256, workgroups 4x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %733 mul,
//   %743 sqrt, %744 div, %745 add, %746 div, %747 mul, %748 sub
// t0 = %12 "tiny_gpt_0.repeat_0.0.linear_0.bias" f32[256]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %738 "optim.tiny_gpt_0.repeat_0.0.linear_0.bias.exp_avg" f32[256]
// t4 = %742 "optim.tiny_gpt_0.repeat_0.0.linear_0.bias.exp_avg_sq" f32[256]
// o0 = %748 "tiny_gpt_0.repeat_0.0.linear_0.bias" f32[256]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 256u) { return; }
  let c0 = i;
  let v0 = t0[i];
  let v1 = t1[0u];
  let v2 = (v1 * 0.009999999776482582f);
  let v3 = (1.0f - v2);
  let v4 = (v0 * v3);
  let v5 = t2[0u];
  let v6 = pow(0.8999999761581421f, v5);
  let v7 = (1.0f - v6);
  let v8 = (v1 / v7);
  let v9 = t3[i];
  let v10 = t4[i];
  let v11 = sqrt(v10);
  let v12 = pow(0.9990000128746033f, v5);
  let v13 = (1.0f - v12);
  let v14 = sqrt(v13);
  let v15 = (v11 / v14);
  let v16 = (v15 + 9.99999993922529e-9f);
  let v17 = (v9 / v16);
  let v18 = (v8 * v17);
  let v19 = (v4 - v18);
  o0[i] = v19;
}

// ---- kernel 97/131: matmul_tiled128x64x16_8x4_vmn, workgroups 1x2x32
// fuses: %750 permute, %751 matmul
// t0 = %171 f32[32,10,256]
// t1 = %435 f32[32,10,64]
// o0 = %751 f32[32,256,64]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 512>; // [k][m/4]
var<workgroup> Bs: array<vec4<f32>, 256>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(b * 2560u + k * 256u + m) / 4u][(b * 2560u + k * 256u + m) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(b * 2560u + k * 256u + m) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(b * 640u + k * 64u + n) / 4u][(b * 640u + k * 64u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(b * 640u + k * 64u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 256u + m) * 64u + n;
  o0[flat] = acc;
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 128u;
  let tileN = wid.x * 64u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  var acc4_0 = vec4<f32>(0.0);
  var acc5_0 = vec4<f32>(0.0);
  var acc6_0 = vec4<f32>(0.0);
  var acc7_0 = vec4<f32>(0.0);
  let kEnd = select(10u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 2u; t++) {
      let e = lid + t * 256u;
      let gk = k0 + e / 32u;
      let r4 = tileM + (e % 32u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, min(r4, 252u), min(gk, 9u)), gk < 10u);
    }
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 256u;
      let gk = k0 + e / 16u;
      let r4 = tileN + (e % 16u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 9u), min(r4, 60u)), gk < 10u);
    }
    workgroupBarrier();
    for (var kq = 0u; kq < select(4u, arrayLength(&t0), arrayLength(&t0) == 0u); kq++) {
      let a0_0 = As[(kq * 4u + 0u) * 32u + ty * 2u + 0u];
      let a0_1 = As[(kq * 4u + 0u) * 32u + ty * 2u + 1u];
      let a1_0 = As[(kq * 4u + 1u) * 32u + ty * 2u + 0u];
      let a1_1 = As[(kq * 4u + 1u) * 32u + ty * 2u + 1u];
      let a2_0 = As[(kq * 4u + 2u) * 32u + ty * 2u + 0u];
      let a2_1 = As[(kq * 4u + 2u) * 32u + ty * 2u + 1u];
      let a3_0 = As[(kq * 4u + 3u) * 32u + ty * 2u + 0u];
      let a3_1 = As[(kq * 4u + 3u) * 32u + ty * 2u + 1u];
      let b0_0 = Bs[(kq * 4u + 0u) * 16u + tx * 1u + 0u];
      let b1_0 = Bs[(kq * 4u + 1u) * 16u + tx * 1u + 0u];
      let b2_0 = Bs[(kq * 4u + 2u) * 16u + tx * 1u + 0u];
      let b3_0 = Bs[(kq * 4u + 3u) * 16u + tx * 1u + 0u];
      acc0_0 = fma(vec4<f32>(a0_0[0]), b0_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a0_0[1]), b0_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a0_0[2]), b0_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a0_0[3]), b0_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a0_1[0]), b0_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a0_1[1]), b0_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a0_1[2]), b0_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a0_1[3]), b0_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a1_0[0]), b1_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a1_0[1]), b1_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a1_0[2]), b1_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a1_0[3]), b1_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a1_1[0]), b1_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a1_1[1]), b1_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a1_1[2]), b1_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a1_1[3]), b1_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a2_0[0]), b2_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a2_0[1]), b2_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a2_0[2]), b2_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a2_0[3]), b2_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a2_1[0]), b2_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a2_1[1]), b2_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a2_1[2]), b2_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a2_1[3]), b2_0, acc7_0);
      acc0_0 = fma(vec4<f32>(a3_0[0]), b3_0, acc0_0);
      acc1_0 = fma(vec4<f32>(a3_0[1]), b3_0, acc1_0);
      acc2_0 = fma(vec4<f32>(a3_0[2]), b3_0, acc2_0);
      acc3_0 = fma(vec4<f32>(a3_0[3]), b3_0, acc3_0);
      acc4_0 = fma(vec4<f32>(a3_1[0]), b3_0, acc4_0);
      acc5_0 = fma(vec4<f32>(a3_1[1]), b3_0, acc5_0);
      acc6_0 = fma(vec4<f32>(a3_1[2]), b3_0, acc6_0);
      acc7_0 = fma(vec4<f32>(a3_1[3]), b3_0, acc7_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 8u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 8>(acc0_0, acc1_0, acc2_0, acc3_0, acc4_0, acc5_0, acc6_0, acc7_0);
  for (var i = 0u; i < 8u; i++) {
    let m = m0 + i;
    if (m >= 256u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 64u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 98/131: matmul_tiled128x64x16_8x4_vmn, workgroups 1x2x32
// fuses: %956 permute, %957 matmul
// t0 = %237 f32[32,10,256]
// t1 = %329 f32[32,10,64]
// o0 = %957 f32[32,256,64]
// WGSL: kernel 97/131's (the same pipeline, other buffers)

// ---- kernel 99/131: rows_16384x32, workgroups 16384x1x1
// fuses: %752 reduce_sum, %958 reduce_sum
// t0 = %957 f32[32,256,64]
// t1 = %751 f32[32,256,64]
// o0 = %958 f32[1,256,64]
// o1 = %752 f32[1,256,64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = (row / 64u);
  let c2 = (row % 64u);
  var part0 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = (row / 64u) * 64u + (row % 64u) + r * 16384u;
    let c0 = r;
    let s0_0 = t0[idx];
    part0 = part0 + s0_0;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  var part1 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = (row / 64u) * 64u + (row % 64u) + r * 16384u;
    let c0 = r;
    let s1_0 = t1[idx];
    part1 = part1 + s1_0;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = (row / 64u) * 64u + (row % 64u) + r * 16384u;
    let c0 = r;
    o0[row] = red0;
    o1[row] = red1;
  }
}

// ---- kernel 100/131: elementwise_16384, workgroups 256x1x1
// fuses: %753 reshape, %754 permute, %755 sub, %756 mul, %757 add
// t0 = %59 "optim.tiny_gpt_0.repeat_0.0.linear_1.weight.exp_avg" f32[64,256]
// t1 = %752 f32[1,256,64]
// o0 = %757 "optim.tiny_gpt_0.repeat_0.0.linear_1.weight.exp_avg" f32[64,256]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 16384u) { return; }
  let c0 = (i / 256u);
  let c1 = (i % 256u);
  let v0 = t0[i];
  let v1 = t1[c1 * 64u + c0];
  let v2 = (v1 - v0);
  let v3 = (v2 * 0.10000000149011612f);
  let v4 = (v0 + v3);
  o0[i] = v4;
}

// ---- kernel 101/131: elementwise_16384, workgroups 256x1x1
// fuses: %753 reshape, %754 permute, %758 mul, %759 mul, %760 mul, %761 add, %959 reshape,
//   %960 permute, %961 sub, %962 mul, %963 add, %964 mul, %965 mul, %966 mul, %967 add
// t0 = %84 "optim.tiny_gpt_0.repeat_0.1.linear_1.weight.exp_avg_sq" f32[64,256]
// t1 = %958 f32[1,256,64]
// t2 = %83 "optim.tiny_gpt_0.repeat_0.1.linear_1.weight.exp_avg" f32[64,256]
// t3 = %60 "optim.tiny_gpt_0.repeat_0.0.linear_1.weight.exp_avg_sq" f32[64,256]
// t4 = %752 f32[1,256,64]
// o0 = %967 "optim.tiny_gpt_0.repeat_0.1.linear_1.weight.exp_avg_sq" f32[64,256]
// o1 = %963 "optim.tiny_gpt_0.repeat_0.1.linear_1.weight.exp_avg" f32[64,256]
// o2 = %761 "optim.tiny_gpt_0.repeat_0.0.linear_1.weight.exp_avg_sq" f32[64,256]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;
@group(0) @binding(6) var<storage, read_write> o1: array<f32>;
@group(0) @binding(7) var<storage, read_write> o2: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 16384u) { return; }
  let c0 = (i / 256u);
  let c1 = (i % 256u);
  let v0 = t0[i];
  let v1 = (v0 * 0.9990000128746033f);
  let v2 = t1[c1 * 64u + c0];
  let v3 = (v2 * v2);
  let v4 = (v3 * 0.0010000000474974513f);
  let v5 = (v1 + v4);
  let v6 = t2[i];
  let v7 = (v2 - v6);
  let v8 = (v7 * 0.10000000149011612f);
  let v9 = (v6 + v8);
  let v10 = t3[i];
  let v11 = (v10 * 0.9990000128746033f);
  let v12 = t4[c1 * 64u + c0];
  let v13 = (v12 * v12);
  let v14 = (v13 * 0.0010000000474974513f);
  let v15 = (v11 + v14);
  o0[i] = v5;
  o1[i] = v9;
  o2[i] = v15;
}

// ---- kernel 102/131: elementwise_16384, workgroups 256x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %749 mul,
//   %762 sqrt, %763 div, %764 add, %765 div, %766 mul, %767 sub
// t0 = %13 "tiny_gpt_0.repeat_0.0.linear_1.weight" f32[64,256]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %757 "optim.tiny_gpt_0.repeat_0.0.linear_1.weight.exp_avg" f32[64,256]
// t4 = %761 "optim.tiny_gpt_0.repeat_0.0.linear_1.weight.exp_avg_sq" f32[64,256]
// o0 = %767 "tiny_gpt_0.repeat_0.0.linear_1.weight" f32[64,256]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 16384u) { return; }
  let c0 = (i / 256u);
  let c1 = (i % 256u);
  let v0 = t0[i];
  let v1 = t1[0u];
  let v2 = (v1 * 0.009999999776482582f);
  let v3 = (1.0f - v2);
  let v4 = (v0 * v3);
  let v5 = t2[0u];
  let v6 = pow(0.8999999761581421f, v5);
  let v7 = (1.0f - v6);
  let v8 = (v1 / v7);
  let v9 = t3[i];
  let v10 = t4[i];
  let v11 = sqrt(v10);
  let v12 = pow(0.9990000128746033f, v5);
  let v13 = (1.0f - v12);
  let v14 = sqrt(v13);
  let v15 = (v11 / v14);
  let v16 = (v15 + 9.99999993922529e-9f);
  let v17 = (v9 / v16);
  let v18 = (v8 * v17);
  let v19 = (v4 - v18);
  o0[i] = v19;
}

// ---- kernel 103/131: rows_64x320, workgroups 64x1x1
// fuses: %769 reduce_sum, %770 reshape, %771 sub, %772 mul, %773 add, %774 mul, %775 mul, %776 mul,
//   %777 add
// t0 = %435 f32[32,10,64]
// t1 = %62 "optim.tiny_gpt_0.repeat_0.0.linear_1.bias.exp_avg_sq" f32[64]
// t2 = %61 "optim.tiny_gpt_0.repeat_0.0.linear_1.bias.exp_avg" f32[64]
// o0 = %777 "optim.tiny_gpt_0.repeat_0.0.linear_1.bias.exp_avg_sq" f32[64]
// o1 = %773 "optim.tiny_gpt_0.repeat_0.0.linear_1.bias.exp_avg" f32[64]
// WGSL: kernel 67/131's (the same pipeline, other buffers)

// ---- kernel 104/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %768 mul,
//   %778 sqrt, %779 div, %780 add, %781 div, %782 mul, %783 sub
// t0 = %14 "tiny_gpt_0.repeat_0.0.linear_1.bias" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %773 "optim.tiny_gpt_0.repeat_0.0.linear_1.bias.exp_avg" f32[64]
// t4 = %777 "optim.tiny_gpt_0.repeat_0.0.linear_1.bias.exp_avg_sq" f32[64]
// o0 = %783 "tiny_gpt_0.repeat_0.0.linear_1.bias" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 105/131: rows_64x320, workgroups 64x1x1
// fuses: %785 mul, %786 reduce_sum, %787 reshape, %788 sub, %789 mul, %790 add, %791 mul, %792 mul,
//   %793 mul, %794 add
// t0 = %411 f32[32,10,64]
// t1 = %186 f32[32,10,64]
// t2 = %64 "optim.tiny_gpt_0.repeat_0.1.layer_norm_0.weight.exp_avg_sq" f32[64]
// t3 = %63 "optim.tiny_gpt_0.repeat_0.1.layer_norm_0.weight.exp_avg" f32[64]
// o0 = %794 "optim.tiny_gpt_0.repeat_0.1.layer_norm_0.weight.exp_avg_sq" f32[64]
// o1 = %790 "optim.tiny_gpt_0.repeat_0.1.layer_norm_0.weight.exp_avg" f32[64]
// WGSL: kernel 65/131's (the same pipeline, other buffers)

// ---- kernel 106/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %784 mul,
//   %795 sqrt, %796 div, %797 add, %798 div, %799 mul, %800 sub
// t0 = %15 "tiny_gpt_0.repeat_0.1.layer_norm_0.weight" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %790 "optim.tiny_gpt_0.repeat_0.1.layer_norm_0.weight.exp_avg" f32[64]
// t4 = %794 "optim.tiny_gpt_0.repeat_0.1.layer_norm_0.weight.exp_avg_sq" f32[64]
// o0 = %800 "tiny_gpt_0.repeat_0.1.layer_norm_0.weight" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 107/131: rows_64x320, workgroups 64x1x1
// fuses: %802 reduce_sum, %803 reshape, %804 sub, %805 mul, %806 add, %807 mul, %808 mul, %809 mul,
//   %810 add
// t0 = %411 f32[32,10,64]
// t1 = %66 "optim.tiny_gpt_0.repeat_0.1.layer_norm_0.bias.exp_avg_sq" f32[64]
// t2 = %65 "optim.tiny_gpt_0.repeat_0.1.layer_norm_0.bias.exp_avg" f32[64]
// o0 = %810 "optim.tiny_gpt_0.repeat_0.1.layer_norm_0.bias.exp_avg_sq" f32[64]
// o1 = %806 "optim.tiny_gpt_0.repeat_0.1.layer_norm_0.bias.exp_avg" f32[64]
// WGSL: kernel 67/131's (the same pipeline, other buffers)

// ---- kernel 108/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %801 mul,
//   %811 sqrt, %812 div, %813 add, %814 div, %815 mul, %816 sub
// t0 = %16 "tiny_gpt_0.repeat_0.1.layer_norm_0.bias" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %806 "optim.tiny_gpt_0.repeat_0.1.layer_norm_0.bias.exp_avg" f32[64]
// t4 = %810 "optim.tiny_gpt_0.repeat_0.1.layer_norm_0.bias.exp_avg_sq" f32[64]
// o0 = %816 "tiny_gpt_0.repeat_0.1.layer_norm_0.bias" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 109/131: elementwise_12288, workgroups 192x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %817 mul,
//   %830 sqrt, %831 div, %832 add, %833 div, %834 mul, %835 sub
// t0 = %17 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_weight" f32[192,64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %825 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_weight.exp_avg" f32[192,64]
// t4 = %829 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_weight.exp_avg_sq" f32[192,64]
// o0 = %835 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_weight" f32[192,64]
// WGSL: kernel 74/131's (the same pipeline, other buffers)

// ---- kernel 110/131: rows_192x320, workgroups 192x1x1
// fuses: %837 reduce_sum, %838 reshape, %839 sub, %840 mul, %841 add, %842 mul, %843 mul, %844 mul,
//   %845 add
// t0 = %410 f32[32,10,192]
// t1 = %70 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_bias.exp_avg_sq" f32[192]
// t2 = %69 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_bias.exp_avg" f32[192]
// o0 = %845 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_bias.exp_avg_sq" f32[192]
// o1 = %841 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_bias.exp_avg" f32[192]
// WGSL: kernel 75/131's (the same pipeline, other buffers)

// ---- kernel 111/131: elementwise_192, workgroups 3x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %836 mul,
//   %846 sqrt, %847 div, %848 add, %849 div, %850 mul, %851 sub
// t0 = %18 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_bias" f32[192]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %841 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_bias.exp_avg" f32[192]
// t4 = %845 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_bias.exp_avg_sq" f32[192]
// o0 = %851 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.in_proj_bias" f32[192]
// WGSL: kernel 76/131's (the same pipeline, other buffers)

// ---- kernel 112/131: elementwise_4096, workgroups 64x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %852 mul,
//   %865 sqrt, %866 div, %867 add, %868 div, %869 mul, %870 sub
// t0 = %19 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.weight" f32[64,64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %860 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.weight.exp_avg" f32[64,64]
// t4 = %864 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.weight.exp_avg_sq" f32[64,64]
// o0 = %870 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.weight" f32[64,64]
// WGSL: kernel 82/131's (the same pipeline, other buffers)

// ---- kernel 113/131: rows_64x320, workgroups 64x1x1
// fuses: %872 reduce_sum, %873 reshape, %874 sub, %875 mul, %876 add, %877 mul, %878 mul, %879 mul,
//   %880 add
// t0 = %380 f32[32,10,64]
// t1 = %74 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.bias.exp_avg_sq" f32[64]
// t2 = %73 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.bias.exp_avg" f32[64]
// o0 = %880 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.bias.exp_avg_sq" f32[64]
// o1 = %876 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.bias.exp_avg" f32[64]
// WGSL: kernel 67/131's (the same pipeline, other buffers)

// ---- kernel 114/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %871 mul,
//   %881 sqrt, %882 div, %883 add, %884 div, %885 mul, %886 sub
// t0 = %20 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.bias" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %876 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.bias.exp_avg" f32[64]
// t4 = %880 "optim.tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.bias.exp_avg_sq" f32[64]
// o0 = %886 "tiny_gpt_0.repeat_0.1.multi_head_attention_0.out_proj.bias" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 115/131: rows_64x320, workgroups 64x1x1
// fuses: %888 mul, %889 reduce_sum, %890 reshape, %891 sub, %892 mul, %893 add, %894 mul, %895 mul,
//   %896 mul, %897 add
// t0 = %342 f32[32,10,64]
// t1 = %227 f32[32,10,64]
// t2 = %76 "optim.tiny_gpt_0.repeat_0.1.layer_norm_1.weight.exp_avg_sq" f32[64]
// t3 = %75 "optim.tiny_gpt_0.repeat_0.1.layer_norm_1.weight.exp_avg" f32[64]
// o0 = %897 "optim.tiny_gpt_0.repeat_0.1.layer_norm_1.weight.exp_avg_sq" f32[64]
// o1 = %893 "optim.tiny_gpt_0.repeat_0.1.layer_norm_1.weight.exp_avg" f32[64]
// WGSL: kernel 65/131's (the same pipeline, other buffers)

// ---- kernel 116/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %887 mul,
//   %898 sqrt, %899 div, %900 add, %901 div, %902 mul, %903 sub
// t0 = %21 "tiny_gpt_0.repeat_0.1.layer_norm_1.weight" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %893 "optim.tiny_gpt_0.repeat_0.1.layer_norm_1.weight.exp_avg" f32[64]
// t4 = %897 "optim.tiny_gpt_0.repeat_0.1.layer_norm_1.weight.exp_avg_sq" f32[64]
// o0 = %903 "tiny_gpt_0.repeat_0.1.layer_norm_1.weight" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 117/131: rows_64x320, workgroups 64x1x1
// fuses: %905 reduce_sum, %906 reshape, %907 sub, %908 mul, %909 add, %910 mul, %911 mul, %912 mul,
//   %913 add
// t0 = %342 f32[32,10,64]
// t1 = %78 "optim.tiny_gpt_0.repeat_0.1.layer_norm_1.bias.exp_avg_sq" f32[64]
// t2 = %77 "optim.tiny_gpt_0.repeat_0.1.layer_norm_1.bias.exp_avg" f32[64]
// o0 = %913 "optim.tiny_gpt_0.repeat_0.1.layer_norm_1.bias.exp_avg_sq" f32[64]
// o1 = %909 "optim.tiny_gpt_0.repeat_0.1.layer_norm_1.bias.exp_avg" f32[64]
// WGSL: kernel 67/131's (the same pipeline, other buffers)

// ---- kernel 118/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %904 mul,
//   %914 sqrt, %915 div, %916 add, %917 div, %918 mul, %919 sub
// t0 = %22 "tiny_gpt_0.repeat_0.1.layer_norm_1.bias" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %909 "optim.tiny_gpt_0.repeat_0.1.layer_norm_1.bias.exp_avg" f32[64]
// t4 = %913 "optim.tiny_gpt_0.repeat_0.1.layer_norm_1.bias.exp_avg_sq" f32[64]
// o0 = %919 "tiny_gpt_0.repeat_0.1.layer_norm_1.bias" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 119/131: elementwise_16384, workgroups 256x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %920 mul,
//   %933 sqrt, %934 div, %935 add, %936 div, %937 mul, %938 sub
// t0 = %23 "tiny_gpt_0.repeat_0.1.linear_0.weight" f32[256,64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %928 "optim.tiny_gpt_0.repeat_0.1.linear_0.weight.exp_avg" f32[256,64]
// t4 = %932 "optim.tiny_gpt_0.repeat_0.1.linear_0.weight.exp_avg_sq" f32[256,64]
// o0 = %938 "tiny_gpt_0.repeat_0.1.linear_0.weight" f32[256,64]
// WGSL: kernel 94/131's (the same pipeline, other buffers)

// ---- kernel 120/131: rows_256x320, workgroups 256x1x1
// fuses: %940 reduce_sum, %941 reshape, %942 sub, %943 mul, %944 add, %945 mul, %946 mul, %947 mul,
//   %948 add
// t0 = %341 f32[32,10,256]
// t1 = %82 "optim.tiny_gpt_0.repeat_0.1.linear_0.bias.exp_avg_sq" f32[256]
// t2 = %81 "optim.tiny_gpt_0.repeat_0.1.linear_0.bias.exp_avg" f32[256]
// o0 = %948 "optim.tiny_gpt_0.repeat_0.1.linear_0.bias.exp_avg_sq" f32[256]
// o1 = %944 "optim.tiny_gpt_0.repeat_0.1.linear_0.bias.exp_avg" f32[256]
// WGSL: kernel 95/131's (the same pipeline, other buffers)

// ---- kernel 121/131: elementwise_256, workgroups 4x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %939 mul,
//   %949 sqrt, %950 div, %951 add, %952 div, %953 mul, %954 sub
// t0 = %24 "tiny_gpt_0.repeat_0.1.linear_0.bias" f32[256]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %944 "optim.tiny_gpt_0.repeat_0.1.linear_0.bias.exp_avg" f32[256]
// t4 = %948 "optim.tiny_gpt_0.repeat_0.1.linear_0.bias.exp_avg_sq" f32[256]
// o0 = %954 "tiny_gpt_0.repeat_0.1.linear_0.bias" f32[256]
// WGSL: kernel 96/131's (the same pipeline, other buffers)

// ---- kernel 122/131: elementwise_16384, workgroups 256x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %955 mul,
//   %968 sqrt, %969 div, %970 add, %971 div, %972 mul, %973 sub
// t0 = %25 "tiny_gpt_0.repeat_0.1.linear_1.weight" f32[64,256]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %963 "optim.tiny_gpt_0.repeat_0.1.linear_1.weight.exp_avg" f32[64,256]
// t4 = %967 "optim.tiny_gpt_0.repeat_0.1.linear_1.weight.exp_avg_sq" f32[64,256]
// o0 = %973 "tiny_gpt_0.repeat_0.1.linear_1.weight" f32[64,256]
// WGSL: kernel 102/131's (the same pipeline, other buffers)

// ---- kernel 123/131: rows_64x320, workgroups 64x1x1
// fuses: %975 reduce_sum, %976 reshape, %977 sub, %978 mul, %979 add, %980 mul, %981 mul, %982 mul,
//   %983 add
// t0 = %329 f32[32,10,64]
// t1 = %86 "optim.tiny_gpt_0.repeat_0.1.linear_1.bias.exp_avg_sq" f32[64]
// t2 = %85 "optim.tiny_gpt_0.repeat_0.1.linear_1.bias.exp_avg" f32[64]
// o0 = %983 "optim.tiny_gpt_0.repeat_0.1.linear_1.bias.exp_avg_sq" f32[64]
// o1 = %979 "optim.tiny_gpt_0.repeat_0.1.linear_1.bias.exp_avg" f32[64]
// WGSL: kernel 67/131's (the same pipeline, other buffers)

// ---- kernel 124/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %974 mul,
//   %984 sqrt, %985 div, %986 add, %987 div, %988 mul, %989 sub
// t0 = %26 "tiny_gpt_0.repeat_0.1.linear_1.bias" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %979 "optim.tiny_gpt_0.repeat_0.1.linear_1.bias.exp_avg" f32[64]
// t4 = %983 "optim.tiny_gpt_0.repeat_0.1.linear_1.bias.exp_avg_sq" f32[64]
// o0 = %989 "tiny_gpt_0.repeat_0.1.linear_1.bias" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 125/131: rows_64x320, workgroups 64x1x1
// fuses: %991 mul, %992 reduce_sum, %993 reshape, %994 sub, %995 mul, %996 add, %997 mul, %998 mul,
//   %999 mul, %1000 add
// t0 = %305 f32[32,10,64]
// t1 = %250 f32[32,10,64]
// t2 = %88 "optim.tiny_gpt_0.layer_norm_0.weight.exp_avg_sq" f32[64]
// t3 = %87 "optim.tiny_gpt_0.layer_norm_0.weight.exp_avg" f32[64]
// o0 = %1000 "optim.tiny_gpt_0.layer_norm_0.weight.exp_avg_sq" f32[64]
// o1 = %996 "optim.tiny_gpt_0.layer_norm_0.weight.exp_avg" f32[64]
// WGSL: kernel 65/131's (the same pipeline, other buffers)

// ---- kernel 126/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %990 mul,
//   %1001 sqrt, %1002 div, %1003 add, %1004 div, %1005 mul, %1006 sub
// t0 = %27 "tiny_gpt_0.layer_norm_0.weight" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %996 "optim.tiny_gpt_0.layer_norm_0.weight.exp_avg" f32[64]
// t4 = %1000 "optim.tiny_gpt_0.layer_norm_0.weight.exp_avg_sq" f32[64]
// o0 = %1006 "tiny_gpt_0.layer_norm_0.weight" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 127/131: rows_64x320, workgroups 64x1x1
// fuses: %1008 reduce_sum, %1009 reshape, %1010 sub, %1011 mul, %1012 add, %1013 mul, %1014 mul,
//   %1015 mul, %1016 add
// t0 = %305 f32[32,10,64]
// t1 = %90 "optim.tiny_gpt_0.layer_norm_0.bias.exp_avg_sq" f32[64]
// t2 = %89 "optim.tiny_gpt_0.layer_norm_0.bias.exp_avg" f32[64]
// o0 = %1016 "optim.tiny_gpt_0.layer_norm_0.bias.exp_avg_sq" f32[64]
// o1 = %1012 "optim.tiny_gpt_0.layer_norm_0.bias.exp_avg" f32[64]
// WGSL: kernel 67/131's (the same pipeline, other buffers)

// ---- kernel 128/131: elementwise_64, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %1007 mul,
//   %1017 sqrt, %1018 div, %1019 add, %1020 div, %1021 mul, %1022 sub
// t0 = %28 "tiny_gpt_0.layer_norm_0.bias" f32[64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %1012 "optim.tiny_gpt_0.layer_norm_0.bias.exp_avg" f32[64]
// t4 = %1016 "optim.tiny_gpt_0.layer_norm_0.bias.exp_avg_sq" f32[64]
// o0 = %1022 "tiny_gpt_0.layer_norm_0.bias" f32[64]
// WGSL: kernel 66/131's (the same pipeline, other buffers)

// ---- kernel 129/131: elementwise_832, workgroups 13x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %1023 mul,
//   %1036 sqrt, %1037 div, %1038 add, %1039 div, %1040 mul, %1041 sub
// t0 = %29 "tiny_gpt_0.linear_0.weight" f32[13,64]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %1031 "optim.tiny_gpt_0.linear_0.weight.exp_avg" f32[13,64]
// t4 = %1035 "optim.tiny_gpt_0.linear_0.weight.exp_avg_sq" f32[13,64]
// o0 = %1041 "tiny_gpt_0.linear_0.weight" f32[13,64]
// WGSL: kernel 62/131's (the same pipeline, other buffers)

// ---- kernel 130/131: rows_13x320, workgroups 13x1x1
// fuses: %304 pad, %1043 reduce_sum, %1044 reshape, %1045 sub, %1046 mul, %1047 add, %1048 mul,
//   %1049 mul, %1050 mul, %1051 add
// t0 = %303 f32[32,4,13]
// t1 = %94 "optim.tiny_gpt_0.linear_0.bias.exp_avg_sq" f32[13]
// t2 = %93 "optim.tiny_gpt_0.linear_0.bias.exp_avg" f32[13]
// o0 = %1051 "optim.tiny_gpt_0.linear_0.bias.exp_avg_sq" f32[13]
// o1 = %1047 "optim.tiny_gpt_0.linear_0.bias.exp_avg" f32[13]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;
@group(0) @binding(5) var<uniform> prm: array<vec4<u32>, 1>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c2 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 320u; r += 256u) {
    let idx = row + (r / 10u) * 130u + (r % 10u) * 13u;
    let c0 = (r / 10u);
    let c1 = (r % 10u);
    let s0_0 = (i32(c1) - i32(prm[0].x));
    let s0_1 = u32(clamp(s0_0, 0i, 3i));
    let s0_2 = t0[c0 * 52u + s0_1 * 13u + c2];
    let s0_3 = select(0.0f, s0_2, s0_0 >= 0i && s0_0 < 4i);
    part0 = part0 + s0_3;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row + (r / 10u) * 130u + (r % 10u) * 13u;
    let c0 = (r / 10u);
    let c1 = (r % 10u);
    let w0 = t1[c2];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    let w5 = t2[c2];
    let w6 = (red0 - w5);
    let w7 = (w6 * 0.10000000149011612f);
    let w8 = (w5 + w7);
    o0[row] = w4;
    o1[row] = w8;
  }
}

// ---- kernel 131/131: elementwise_13, workgroups 1x1x1
// fuses: %284 mul, %285 sub, %288 pow, %289 sub, %290 div, %553 pow, %554 sub, %555 sqrt, %1042 mul,
//   %1052 sqrt, %1053 div, %1054 add, %1055 div, %1056 mul, %1057 sub
// t0 = %30 "tiny_gpt_0.linear_0.bias" f32[13]
// t1 = %33 "lr" f32[]
// t2 = %34 "step" f32[]
// t3 = %1047 "optim.tiny_gpt_0.linear_0.bias.exp_avg" f32[13]
// t4 = %1051 "optim.tiny_gpt_0.linear_0.bias.exp_avg_sq" f32[13]
// o0 = %1057 "tiny_gpt_0.linear_0.bias" f32[13]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 13u) { return; }
  let c0 = i;
  let v0 = t0[i];
  let v1 = t1[0u];
  let v2 = (v1 * 0.009999999776482582f);
  let v3 = (1.0f - v2);
  let v4 = (v0 * v3);
  let v5 = t2[0u];
  let v6 = pow(0.8999999761581421f, v5);
  let v7 = (1.0f - v6);
  let v8 = (v1 / v7);
  let v9 = t3[i];
  let v10 = t4[i];
  let v11 = sqrt(v10);
  let v12 = pow(0.9990000128746033f, v5);
  let v13 = (1.0f - v12);
  let v14 = sqrt(v13);
  let v15 = (v11 / v14);
  let v16 = (v15 + 9.99999993922529e-9f);
  let v17 = (v9 / v16);
  let v18 = (v8 * v17);
  let v19 = (v4 - v18);
  o0[i] = v19;
}
