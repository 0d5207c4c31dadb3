// 14 kernels, dispatched in this order as one submission.
// Target: tiled GEMM, 8 storage buffers per kernel.
// Buffers: 537348 bytes transient (reused by liveness), 2442480 bytes persistent.

// ---- kernel 1/14: elementwise_25088, workgroups 392x1x1
// fuses: %17 sub, %19 div
// t0 = %0 "x" f32[32,784]
// o0 = %19 f32[32,784]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 25088u) { return; }
  let c0 = (i / 784u);
  let c1 = (i % 784u);
  let v0 = t0[i];
  let v1 = (v0 - 0.1307000070810318f);
  let v2 = (v1 / 0.30809998512268066f);
  o0[i] = v2;
}

// ---- kernel 2/14: matmul_tiled32x128x16_8x4_vkk, workgroups 1x1x1
// fuses: %20 permute, %21 matmul, %22 add, %23 relu
// t0 = %19 f32[32,784]
// t1 = %1 "linear_0.weight" f32[128,784]
// t2 = %2 "linear_0.bias" f32[128]
// o0 = %22 f32[32,128]
// o1 = %23 f32[32,128]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> As: array<vec4<f32>, 128>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [n][k/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(m * 784u + k) / 4u][(m * 784u + k) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(m * 784u + k) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(n * 784u + k) / 4u][(n * 784u + k) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(n * 784u + k) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 32u + m) * 128u + n;
  let e0 = t2[n];
  let e1 = (acc + e0);
  let e2 = max(e1, 0.0f);
  o0[flat] = e1;
  o1[flat] = e2;
}

@compute @workgroup_size(128)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 32u;
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
  let kEnd = select(784u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 128u;
      let gr = min(tileM + e / 4u, 31u);
      let gk = k0 + (e % 4u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, gr, min(gk, 780u)), gk < 784u);
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 128u;
      let gr = min(tileN + e / 4u, 127u);
      let gk = k0 + (e % 4u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 780u), gr), gk < 784u);
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
    if (m >= 32u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 128u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 3/14: matmul_tiled32x16x16_4x4_vkk, workgroups 1x1x1
// fuses: %24 permute, %25 matmul, %26 add
// t0 = %23 f32[32,128]
// t1 = %3 "linear_1.weight" f32[10,128]
// t2 = %4 "linear_1.bias" f32[10]
// o0 = %26 f32[32,10]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 128>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 64>; // [n][k/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(m * 128u + k) / 4u][(m * 128u + k) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(m * 128u + k) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(n * 128u + k) / 4u][(n * 128u + k) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(n * 128u + k) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 32u + m) * 10u + n;
  let e0 = t2[n];
  let e1 = (acc + e0);
  o0[flat] = e1;
}

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 32u;
  let tileN = wid.x * 16u;
  let ty = lid / 4u;
  let tx = lid % 4u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(128u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 32u;
      let gr = min(tileM + e / 4u, 31u);
      let gk = k0 + (e % 4u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, gr, min(gk, 124u)), gk < 128u);
    }
    for (var t = 0u; t < 2u; t++) {
      let e = lid + t * 32u;
      let gr = min(tileN + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 124u), gr), gk < 128u);
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
    if (m >= 32u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 10u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 4/14: rows_32x10, workgroups 32x1x1
// fuses: %27 reduce_max, %28 detach, %29 sub, %30 exp, %31 reduce_sum, %32 log, %33 sub,
//   %34 reshape, %35 iota, %36 eq, %37 cast, %38 mul, %39 reduce_sum, %46 reduce_sum, %55 argmax,
//   %67 div, %68 reshape, %69 expand, %70 div, %71 reshape, %72 expand, %73 neg, %74 reduce_sum,
//   %75 div, %76 expand, %77 mul, %78 add, %80 div, %81 reshape, %82 expand, %83 reshape,
//   %84 expand, %85 mul, %86 neg, %87 reduce_sum, %88 div, %89 expand, %90 mul, %91 add, %92 add
// t0 = %26 f32[32,10]
// t1 = %5 "data.label" i32[32]
// o0 = %55 i32[32]
// o1 = %92 f32[32,10]
// o2 = %46 f32[32]
// o3 = %39 f32[32]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<i32>;
@group(0) @binding(2) var<storage, read_write> o0: array<i32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;
@group(0) @binding(4) var<storage, read_write> o2: array<f32>;
@group(0) @binding(5) var<storage, read_write> o3: array<f32>;

var<workgroup> scratch: array<f32, 32>;
var<workgroup> scratchIdx: array<u32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c0 = row;
  var part0 = -3.4028234663852886e+38f;
  var arg0 = 0u;
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c1 = r;
    let s0_0 = t0[idx];
    if (s0_0 > part0) { part0 = s0_0; arg0 = r; }
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
  var part1 = -3.4028234663852886e+38f;
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c1 = r;
    let s1_0 = t0[idx];
    part1 = max(part1, s1_0);
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = max(scratch[lid], scratch[lid + s]); }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  var part2 = 0.0f;
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c1 = r;
    let s2_0 = t0[idx];
    let s2_1 = (s2_0 - red1);
    let s2_2 = exp(s2_1);
    part2 = part2 + s2_2;
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
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c1 = r;
    let s3_0 = (-0.10000000149011612f / 32.0f);
    let s3_1 = (s3_0 / 10.0f);
    let s3_2 = (-s3_1);
    part3 = part3 + s3_2;
  }
  scratch[lid] = part3;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red3 = scratch[0];
  workgroupBarrier();
  var part4 = 0.0f;
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c1 = r;
    let s4_0 = (-0.8999999761581421f / 32.0f);
    let s4_1 = t1[c0];
    let s4_2 = i32(c1);
    let s4_3 = (s4_1 == s4_2);
    let s4_4 = select(0.0f, 1.0f, s4_3);
    let s4_5 = (s4_0 * s4_4);
    let s4_6 = (-s4_5);
    part4 = part4 + s4_6;
  }
  scratch[lid] = part4;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red4 = scratch[0];
  workgroupBarrier();
  var part5 = 0.0f;
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c1 = r;
    let s5_0 = t0[idx];
    let s5_1 = (s5_0 - red1);
    let s5_2 = log(red2);
    let s5_3 = (s5_1 - s5_2);
    part5 = part5 + s5_3;
  }
  scratch[lid] = part5;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red5 = scratch[0];
  workgroupBarrier();
  var part6 = 0.0f;
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c1 = r;
    let s6_0 = t0[idx];
    let s6_1 = (s6_0 - red1);
    let s6_2 = log(red2);
    let s6_3 = (s6_1 - s6_2);
    let s6_4 = t1[c0];
    let s6_5 = i32(c1);
    let s6_6 = (s6_4 == s6_5);
    let s6_7 = select(0.0f, 1.0f, s6_6);
    let s6_8 = (s6_3 * s6_7);
    part6 = part6 + s6_8;
  }
  scratch[lid] = part6;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red6 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c1 = r;
    let e0 = (-0.10000000149011612f / 32.0f);
    let e1 = (e0 / 10.0f);
    let e2 = (red3 / red2);
    let e3 = t0[idx];
    let e4 = (e3 - red1);
    let e5 = exp(e4);
    let e6 = (e2 * e5);
    let e7 = (e1 + e6);
    let e8 = (-0.8999999761581421f / 32.0f);
    let e9 = t1[c0];
    let e10 = i32(c1);
    let e11 = (e9 == e10);
    let e12 = select(0.0f, 1.0f, e11);
    let e13 = (e8 * e12);
    let e14 = (red4 / red2);
    let e15 = (e14 * e5);
    let e16 = (e13 + e15);
    let e17 = (e7 + e16);
    o1[idx] = e17;
  }
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 10u + r;
    let c1 = r;
    o0[row] = red0;
    o2[row] = red5;
    o3[row] = red6;
  }
}

// ---- kernel 5/14: rows_1x32, workgroups 1x1x1
// fuses: %40 reduce_sum, %42 div, %43 neg, %45 mul, %48 div, %49 reduce_sum, %50 div, %51 neg,
//   %53 mul, %54 add, %56 eq, %57 cast, %58 reduce_sum, %59 div
// t0 = %55 i32[32]
// t1 = %5 "data.label" i32[32]
// t2 = %39 f32[32]
// t3 = %46 f32[32]
// o0 = %59 "accuracy" f32[]
// o1 = %54 "loss" f32[]
@group(0) @binding(0) var<storage, read> t0: array<i32>;
@group(0) @binding(1) var<storage, read> t1: array<i32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read_write> o0: array<f32>;
@group(0) @binding(5) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  var part0 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = row * 32u + r;
    let c0 = r;
    let s0_0 = t0[idx];
    let s0_1 = t1[idx];
    let s0_2 = (s0_0 == s0_1);
    let s0_3 = select(0.0f, 1.0f, s0_2);
    part0 = part0 + s0_3;
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
    let idx = row * 32u + r;
    let c0 = r;
    let s1_0 = t2[idx];
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
  var part2 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = row * 32u + r;
    let c0 = r;
    let s2_0 = t3[idx];
    let s2_1 = (s2_0 / 10.0f);
    part2 = part2 + s2_1;
  }
  scratch[lid] = part2;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red2 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 32u + r;
    let c0 = r;
    let w0 = (red0 / 32.0f);
    let w1 = (red1 / 32.0f);
    let w2 = (-w1);
    let w3 = (w2 * 0.8999999761581421f);
    let w4 = (red2 / 32.0f);
    let w5 = (-w4);
    let w6 = (w5 * 0.10000000149011612f);
    let w7 = (w3 + w6);
    o0[row] = w0;
    o1[row] = w7;
  }
}

// ---- kernel 6/14: matmul_tiled32x128x16_8x4_vsn, workgroups 1x1x1
// fuses: %65 gt, %93 matmul, %94 where
// t0 = %92 f32[32,10]
// t1 = %3 "linear_1.weight" f32[10,128]
// t2 = %22 f32[32,128]
// o0 = %94 f32[32,128]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 128>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[m * 10u + k];
  return la0;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(k * 128u + n) / 4u][(k * 128u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(k * 128u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 32u + m) * 128u + n;
  let e0 = t2[m * 128u + n];
  let e1 = (e0 > 0.0f);
  let e2 = select(0.0f, acc, e1);
  o0[flat] = e2;
}

@compute @workgroup_size(128)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 32u;
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
      let e = lid + t * 128u;
      let gr = min(tileM + e / 4u, 31u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 9u)), gk + q < 10u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 128u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 9u), min(r4, 124u)), gk < 10u);
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
    if (m >= 32u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 128u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 7/14: matmul_tiled128x128x16_8x8_vmn, workgroups 7x1x1
// fuses: %95 permute, %96 matmul, %102 mul, %103 mul, %105 mul, %106 add
// t0 = %94 f32[32,128]
// t1 = %19 f32[32,784]
// t2 = %9 "optim.linear_0.weight.exp_avg_sq" f32[128,784]
// o0 = %96 f32[128,784]
// o1 = %106 "optim.linear_0.weight.exp_avg_sq" f32[128,784]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> As: array<vec4<f32>, 512>; // [k][m/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(k * 128u + m) / 4u][(k * 128u + m) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(k * 128u + m) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(k * 784u + n) / 4u][(k * 784u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(k * 784u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 128u + m) * 784u + n;
  let e0 = t2[m * 784u + n];
  let e1 = (e0 * 0.9990000128746033f);
  let e2 = (acc * acc);
  let e3 = (e2 * 0.0010000000474974513f);
  let e4 = (e1 + e3);
  o0[flat] = acc;
  o1[flat] = e4;
}

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let b = wid.z;
  let tileM = wid.y * 128u;
  let tileN = wid.x * 128u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc0_1 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc1_1 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc2_1 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  var acc3_1 = vec4<f32>(0.0);
  var acc4_0 = vec4<f32>(0.0);
  var acc4_1 = vec4<f32>(0.0);
  var acc5_0 = vec4<f32>(0.0);
  var acc5_1 = vec4<f32>(0.0);
  var acc6_0 = vec4<f32>(0.0);
  var acc6_1 = vec4<f32>(0.0);
  var acc7_0 = vec4<f32>(0.0);
  var acc7_1 = vec4<f32>(0.0);
  let kEnd = select(32u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 2u; t++) {
      let e = lid + t * 256u;
      let gk = k0 + e / 32u;
      let r4 = tileM + (e % 32u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, min(r4, 124u), min(gk, 31u)), gk < 32u);
    }
    for (var t = 0u; t < 2u; t++) {
      let e = lid + t * 256u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 31u), min(r4, 780u)), gk < 32u);
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
      let b0_0 = Bs[(kq * 4u + 0u) * 32u + tx * 2u + 0u];
      let b0_1 = Bs[(kq * 4u + 0u) * 32u + tx * 2u + 1u];
      let b1_0 = Bs[(kq * 4u + 1u) * 32u + tx * 2u + 0u];
      let b1_1 = Bs[(kq * 4u + 1u) * 32u + tx * 2u + 1u];
      let b2_0 = Bs[(kq * 4u + 2u) * 32u + tx * 2u + 0u];
      let b2_1 = Bs[(kq * 4u + 2u) * 32u + tx * 2u + 1u];
      let b3_0 = Bs[(kq * 4u + 3u) * 32u + tx * 2u + 0u];
      let b3_1 = Bs[(kq * 4u + 3u) * 32u + tx * 2u + 1u];
      acc0_0 = fma(vec4<f32>(a0_0[0]), b0_0, acc0_0);
      acc0_1 = fma(vec4<f32>(a0_0[0]), b0_1, acc0_1);
      acc1_0 = fma(vec4<f32>(a0_0[1]), b0_0, acc1_0);
      acc1_1 = fma(vec4<f32>(a0_0[1]), b0_1, acc1_1);
      acc2_0 = fma(vec4<f32>(a0_0[2]), b0_0, acc2_0);
      acc2_1 = fma(vec4<f32>(a0_0[2]), b0_1, acc2_1);
      acc3_0 = fma(vec4<f32>(a0_0[3]), b0_0, acc3_0);
      acc3_1 = fma(vec4<f32>(a0_0[3]), b0_1, acc3_1);
      acc4_0 = fma(vec4<f32>(a0_1[0]), b0_0, acc4_0);
      acc4_1 = fma(vec4<f32>(a0_1[0]), b0_1, acc4_1);
      acc5_0 = fma(vec4<f32>(a0_1[1]), b0_0, acc5_0);
      acc5_1 = fma(vec4<f32>(a0_1[1]), b0_1, acc5_1);
      acc6_0 = fma(vec4<f32>(a0_1[2]), b0_0, acc6_0);
      acc6_1 = fma(vec4<f32>(a0_1[2]), b0_1, acc6_1);
      acc7_0 = fma(vec4<f32>(a0_1[3]), b0_0, acc7_0);
      acc7_1 = fma(vec4<f32>(a0_1[3]), b0_1, acc7_1);
      acc0_0 = fma(vec4<f32>(a1_0[0]), b1_0, acc0_0);
      acc0_1 = fma(vec4<f32>(a1_0[0]), b1_1, acc0_1);
      acc1_0 = fma(vec4<f32>(a1_0[1]), b1_0, acc1_0);
      acc1_1 = fma(vec4<f32>(a1_0[1]), b1_1, acc1_1);
      acc2_0 = fma(vec4<f32>(a1_0[2]), b1_0, acc2_0);
      acc2_1 = fma(vec4<f32>(a1_0[2]), b1_1, acc2_1);
      acc3_0 = fma(vec4<f32>(a1_0[3]), b1_0, acc3_0);
      acc3_1 = fma(vec4<f32>(a1_0[3]), b1_1, acc3_1);
      acc4_0 = fma(vec4<f32>(a1_1[0]), b1_0, acc4_0);
      acc4_1 = fma(vec4<f32>(a1_1[0]), b1_1, acc4_1);
      acc5_0 = fma(vec4<f32>(a1_1[1]), b1_0, acc5_0);
      acc5_1 = fma(vec4<f32>(a1_1[1]), b1_1, acc5_1);
      acc6_0 = fma(vec4<f32>(a1_1[2]), b1_0, acc6_0);
      acc6_1 = fma(vec4<f32>(a1_1[2]), b1_1, acc6_1);
      acc7_0 = fma(vec4<f32>(a1_1[3]), b1_0, acc7_0);
      acc7_1 = fma(vec4<f32>(a1_1[3]), b1_1, acc7_1);
      acc0_0 = fma(vec4<f32>(a2_0[0]), b2_0, acc0_0);
      acc0_1 = fma(vec4<f32>(a2_0[0]), b2_1, acc0_1);
      acc1_0 = fma(vec4<f32>(a2_0[1]), b2_0, acc1_0);
      acc1_1 = fma(vec4<f32>(a2_0[1]), b2_1, acc1_1);
      acc2_0 = fma(vec4<f32>(a2_0[2]), b2_0, acc2_0);
      acc2_1 = fma(vec4<f32>(a2_0[2]), b2_1, acc2_1);
      acc3_0 = fma(vec4<f32>(a2_0[3]), b2_0, acc3_0);
      acc3_1 = fma(vec4<f32>(a2_0[3]), b2_1, acc3_1);
      acc4_0 = fma(vec4<f32>(a2_1[0]), b2_0, acc4_0);
      acc4_1 = fma(vec4<f32>(a2_1[0]), b2_1, acc4_1);
      acc5_0 = fma(vec4<f32>(a2_1[1]), b2_0, acc5_0);
      acc5_1 = fma(vec4<f32>(a2_1[1]), b2_1, acc5_1);
      acc6_0 = fma(vec4<f32>(a2_1[2]), b2_0, acc6_0);
      acc6_1 = fma(vec4<f32>(a2_1[2]), b2_1, acc6_1);
      acc7_0 = fma(vec4<f32>(a2_1[3]), b2_0, acc7_0);
      acc7_1 = fma(vec4<f32>(a2_1[3]), b2_1, acc7_1);
      acc0_0 = fma(vec4<f32>(a3_0[0]), b3_0, acc0_0);
      acc0_1 = fma(vec4<f32>(a3_0[0]), b3_1, acc0_1);
      acc1_0 = fma(vec4<f32>(a3_0[1]), b3_0, acc1_0);
      acc1_1 = fma(vec4<f32>(a3_0[1]), b3_1, acc1_1);
      acc2_0 = fma(vec4<f32>(a3_0[2]), b3_0, acc2_0);
      acc2_1 = fma(vec4<f32>(a3_0[2]), b3_1, acc2_1);
      acc3_0 = fma(vec4<f32>(a3_0[3]), b3_0, acc3_0);
      acc3_1 = fma(vec4<f32>(a3_0[3]), b3_1, acc3_1);
      acc4_0 = fma(vec4<f32>(a3_1[0]), b3_0, acc4_0);
      acc4_1 = fma(vec4<f32>(a3_1[0]), b3_1, acc4_1);
      acc5_0 = fma(vec4<f32>(a3_1[1]), b3_0, acc5_0);
      acc5_1 = fma(vec4<f32>(a3_1[1]), b3_1, acc5_1);
      acc6_0 = fma(vec4<f32>(a3_1[2]), b3_0, acc6_0);
      acc6_1 = fma(vec4<f32>(a3_1[2]), b3_1, acc6_1);
      acc7_0 = fma(vec4<f32>(a3_1[3]), b3_0, acc7_0);
      acc7_1 = fma(vec4<f32>(a3_1[3]), b3_1, acc7_1);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 8u;
  let n0 = tileN + tx * 8u;
  var accs = array<vec4<f32>, 16>(acc0_0, acc0_1, acc1_0, acc1_1, acc2_0, acc2_1, acc3_0, acc3_1, acc4_0, acc4_1, acc5_0, acc5_1, acc6_0, acc6_1, acc7_0, acc7_1);
  for (var i = 0u; i < 8u; i++) {
    let m = m0 + i;
    if (m >= 128u) { break; }
    for (var j = 0u; j < 8u; j++) {
      let n = n0 + j;
      if (n < 784u) { store(b, m, n, accs[i * 2u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 8/14: elementwise_100352, workgroups 1568x1x1
// fuses: %61 pow, %62 sub, %63 div, %97 sub, %99 mul, %100 add, %107 sqrt, %108 pow, %109 sub,
//   %110 sqrt, %111 div, %113 add, %114 div, %115 mul, %116 sub
// t0 = %8 "optim.linear_0.weight.exp_avg" f32[128,784]
// t1 = %96 f32[128,784]
// t2 = %1 "linear_0.weight" f32[128,784]
// t3 = %6 "lr" f32[]
// t4 = %7 "step" f32[]
// t5 = %106 "optim.linear_0.weight.exp_avg_sq" f32[128,784]
// o0 = %100 "optim.linear_0.weight.exp_avg" f32[128,784]
// o1 = %116 "linear_0.weight" f32[128,784]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read> t5: array<f32>;
@group(0) @binding(6) var<storage, read_write> o0: array<f32>;
@group(0) @binding(7) var<storage, read_write> o1: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 100352u) { return; }
  let c0 = (i / 784u);
  let c1 = (i % 784u);
  let v0 = t0[i];
  let v1 = t1[i];
  let v2 = (v1 - v0);
  let v3 = (v2 * 0.10000000149011612f);
  let v4 = (v0 + v3);
  let v5 = t2[i];
  let v6 = t3[0u];
  let v7 = t4[0u];
  let v8 = pow(0.8999999761581421f, v7);
  let v9 = (1.0f - v8);
  let v10 = (v6 / v9);
  let v11 = t5[i];
  let v12 = sqrt(v11);
  let v13 = pow(0.9990000128746033f, v7);
  let v14 = (1.0f - v13);
  let v15 = sqrt(v14);
  let v16 = (v12 / v15);
  let v17 = (v16 + 9.99999993922529e-9f);
  let v18 = (v4 / v17);
  let v19 = (v10 * v18);
  let v20 = (v5 - v19);
  o0[i] = v4;
  o1[i] = v20;
}

// ---- kernel 9/14: rows_128x32, workgroups 128x1x1
// fuses: %117 reduce_sum, %118 reshape, %122 mul, %123 mul, %124 mul, %125 add
// t0 = %94 f32[32,128]
// t1 = %11 "optim.linear_0.bias.exp_avg_sq" f32[128]
// o0 = %117 f32[1,128]
// o1 = %125 "optim.linear_0.bias.exp_avg_sq" f32[128]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = row + r * 128u;
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
    let idx0 = row + r * 128u;
    let c0 = r;
    let w0 = t1[c1];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    o0[row] = red0;
    o1[row] = w4;
  }
}

// ---- kernel 10/14: elementwise_128, workgroups 2x1x1
// fuses: %61 pow, %62 sub, %63 div, %108 pow, %109 sub, %110 sqrt, %118 reshape, %119 sub, %120 mul,
//   %121 add, %126 sqrt, %127 div, %128 add, %129 div, %130 mul, %131 sub
// t0 = %10 "optim.linear_0.bias.exp_avg" f32[128]
// t1 = %117 f32[1,128]
// t2 = %2 "linear_0.bias" f32[128]
// t3 = %6 "lr" f32[]
// t4 = %7 "step" f32[]
// t5 = %125 "optim.linear_0.bias.exp_avg_sq" f32[128]
// o0 = %121 "optim.linear_0.bias.exp_avg" f32[128]
// o1 = %131 "linear_0.bias" f32[128]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read> t5: array<f32>;
@group(0) @binding(6) var<storage, read_write> o0: array<f32>;
@group(0) @binding(7) var<storage, read_write> o1: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 128u) { return; }
  let c0 = i;
  let v0 = t0[i];
  let v1 = t1[c0];
  let v2 = (v1 - v0);
  let v3 = (v2 * 0.10000000149011612f);
  let v4 = (v0 + v3);
  let v5 = t2[i];
  let v6 = t3[0u];
  let v7 = t4[0u];
  let v8 = pow(0.8999999761581421f, v7);
  let v9 = (1.0f - v8);
  let v10 = (v6 / v9);
  let v11 = t5[i];
  let v12 = sqrt(v11);
  let v13 = pow(0.9990000128746033f, v7);
  let v14 = (1.0f - v13);
  let v15 = sqrt(v14);
  let v16 = (v12 / v15);
  let v17 = (v16 + 9.99999993922529e-9f);
  let v18 = (v4 / v17);
  let v19 = (v10 * v18);
  let v20 = (v5 - v19);
  o0[i] = v4;
  o1[i] = v20;
}

// ---- kernel 11/14: matmul_tiled16x128x16_8x4_vsn, workgroups 1x1x1
// fuses: %132 permute, %133 matmul, %137 mul, %138 mul, %139 mul, %140 add
// t0 = %92 f32[32,10]
// t1 = %23 f32[32,128]
// t2 = %13 "optim.linear_1.weight.exp_avg_sq" f32[10,128]
// o0 = %133 f32[10,128]
// o1 = %140 "optim.linear_1.weight.exp_avg_sq" f32[10,128]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[k * 10u + m];
  return la0;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(k * 128u + n) / 4u][(k * 128u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(k * 128u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 128u + n;
  let e0 = t2[m * 128u + n];
  let e1 = (e0 * 0.9990000128746033f);
  let e2 = (acc * acc);
  let e3 = (e2 * 0.0010000000474974513f);
  let e4 = (e1 + e3);
  o0[flat] = acc;
  o1[flat] = e4;
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
  let kEnd = select(32u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 9u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 31u)), gk + q < 32u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 31u), min(r4, 124u)), gk < 32u);
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
      if (n < 128u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 12/14: elementwise_1280, workgroups 20x1x1
// fuses: %61 pow, %62 sub, %63 div, %108 pow, %109 sub, %110 sqrt, %134 sub, %135 mul, %136 add,
//   %141 sqrt, %142 div, %143 add, %144 div, %145 mul, %146 sub
// t0 = %12 "optim.linear_1.weight.exp_avg" f32[10,128]
// t1 = %133 f32[10,128]
// t2 = %3 "linear_1.weight" f32[10,128]
// t3 = %6 "lr" f32[]
// t4 = %7 "step" f32[]
// t5 = %140 "optim.linear_1.weight.exp_avg_sq" f32[10,128]
// o0 = %136 "optim.linear_1.weight.exp_avg" f32[10,128]
// o1 = %146 "linear_1.weight" f32[10,128]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read> t5: array<f32>;
@group(0) @binding(6) var<storage, read_write> o0: array<f32>;
@group(0) @binding(7) var<storage, read_write> o1: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 1280u) { return; }
  let c0 = (i / 128u);
  let c1 = (i % 128u);
  let v0 = t0[i];
  let v1 = t1[i];
  let v2 = (v1 - v0);
  let v3 = (v2 * 0.10000000149011612f);
  let v4 = (v0 + v3);
  let v5 = t2[i];
  let v6 = t3[0u];
  let v7 = t4[0u];
  let v8 = pow(0.8999999761581421f, v7);
  let v9 = (1.0f - v8);
  let v10 = (v6 / v9);
  let v11 = t5[i];
  let v12 = sqrt(v11);
  let v13 = pow(0.9990000128746033f, v7);
  let v14 = (1.0f - v13);
  let v15 = sqrt(v14);
  let v16 = (v12 / v15);
  let v17 = (v16 + 9.99999993922529e-9f);
  let v18 = (v4 / v17);
  let v19 = (v10 * v18);
  let v20 = (v5 - v19);
  o0[i] = v4;
  o1[i] = v20;
}

// ---- kernel 13/14: rows_10x32, workgroups 10x1x1
// fuses: %147 reduce_sum, %148 reshape, %152 mul, %153 mul, %154 mul, %155 add
// t0 = %92 f32[32,10]
// t1 = %15 "optim.linear_1.bias.exp_avg_sq" f32[10]
// o0 = %147 f32[1,10]
// o1 = %155 "optim.linear_1.bias.exp_avg_sq" f32[10]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 32>;

@compute @workgroup_size(32)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 32u; r += 32u) {
    let idx = row + r * 10u;
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
    let idx0 = row + r * 10u;
    let c0 = r;
    let w0 = t1[c1];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    o0[row] = red0;
    o1[row] = w4;
  }
}

// ---- kernel 14/14: elementwise_10, workgroups 1x1x1
// fuses: %61 pow, %62 sub, %63 div, %108 pow, %109 sub, %110 sqrt, %148 reshape, %149 sub, %150 mul,
//   %151 add, %156 sqrt, %157 div, %158 add, %159 div, %160 mul, %161 sub
// t0 = %14 "optim.linear_1.bias.exp_avg" f32[10]
// t1 = %147 f32[1,10]
// t2 = %4 "linear_1.bias" f32[10]
// t3 = %6 "lr" f32[]
// t4 = %7 "step" f32[]
// t5 = %155 "optim.linear_1.bias.exp_avg_sq" f32[10]
// o0 = %151 "optim.linear_1.bias.exp_avg" f32[10]
// o1 = %161 "linear_1.bias" f32[10]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read> t5: array<f32>;
@group(0) @binding(6) var<storage, read_write> o0: array<f32>;
@group(0) @binding(7) var<storage, read_write> o1: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 10u) { return; }
  let c0 = i;
  let v0 = t0[i];
  let v1 = t1[c0];
  let v2 = (v1 - v0);
  let v3 = (v2 * 0.10000000149011612f);
  let v4 = (v0 + v3);
  let v5 = t2[i];
  let v6 = t3[0u];
  let v7 = t4[0u];
  let v8 = pow(0.8999999761581421f, v7);
  let v9 = (1.0f - v8);
  let v10 = (v6 / v9);
  let v11 = t5[i];
  let v12 = sqrt(v11);
  let v13 = pow(0.9990000128746033f, v7);
  let v14 = (1.0f - v13);
  let v15 = sqrt(v14);
  let v16 = (v12 / v15);
  let v17 = (v16 + 9.99999993922529e-9f);
  let v18 = (v4 / v17);
  let v19 = (v10 * v18);
  let v20 = (v5 - v19);
  o0[i] = v4;
  o1[i] = v20;
}
