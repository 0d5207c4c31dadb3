// 13 kernels, dispatched in this order as one submission.
// Target: tiled GEMM, 8 storage buffers per kernel.
// Buffers: 505092 bytes transient (reused by liveness), 2442480 bytes persistent.

// ---- kernel 1/13: matmul_64x64, workgroups 2x1x1
// fuses: %16 permute, %17 matmul, %18 add, %19 sigmoid, %20 mul
// t0 = %0 "x" f32[64,784]
// t1 = %1 "linear_0.weight" f32[128,784]
// t2 = %2 "linear_0.bias" f32[128]
// o0 = %18 f32[64,128]
// o1 = %19 f32[64,128]
// o2 = %20 f32[64,128]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;
@group(0) @binding(5) var<storage, read_write> o2: array<f32>;

var<workgroup> As: array<f32, 1024>; // [k][m]
var<workgroup> Bs: array<f32, 1024>; // [k][n]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[m * 784u + k];
  return la0;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[n * 784u + k];
  return lb0;
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 64u + m) * 128u + n;
  let e0 = t2[n];
  let e1 = (acc + e0);
  let e2 = (1.0f / (1.0f + exp(-e1)));
  let e3 = (e1 * e2);
  o0[flat] = e1;
  o1[flat] = e2;
  o2[flat] = e3;
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
  let kEnd = select(784u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 256u;
      let mm = e / 16u;
      let kk = e % 16u;
      let gm = tileM + mm;
      let gk = k0 + kk;
      var v = 0.0;
      if (gm < 64u && gk < 784u) { v = loadA(b, gm, gk); }
      As[kk * 64u + mm] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 256u;
      let kk = e / 64u;
      let nn = e % 64u;
      let gk = k0 + kk;
      let gn = tileN + nn;
      var v = 0.0;
      if (gk < 784u && gn < 128u) { v = loadB(b, gk, gn); }
      Bs[kk * 64u + nn] = v;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      let b0 = vec4<f32>(Bs[kk * 64u + tx * 4u + 0u], Bs[kk * 64u + tx * 4u + 0u + 1u], Bs[kk * 64u + tx * 4u + 0u + 2u], Bs[kk * 64u + tx * 4u + 0u + 3u]);
      let a0 = vec4<f32>(As[kk * 64u + ty * 4u + 0u]);
      acc0_0 = fma(a0, b0, acc0_0);
      let a1 = vec4<f32>(As[kk * 64u + ty * 4u + 1u]);
      acc1_0 = fma(a1, b0, acc1_0);
      let a2 = vec4<f32>(As[kk * 64u + ty * 4u + 2u]);
      acc2_0 = fma(a2, b0, acc2_0);
      let a3 = vec4<f32>(As[kk * 64u + ty * 4u + 3u]);
      acc3_0 = fma(a3, b0, acc3_0);
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
      if (n < 128u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 2/13: matmul_64x16, workgroups 1x1x1
// fuses: %21 permute, %22 matmul, %23 add
// t0 = %20 f32[64,128]
// t1 = %3 "linear_1.weight" f32[10,128]
// t2 = %4 "linear_1.bias" f32[10]
// o0 = %23 f32[64,10]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<f32, 1024>; // [k][m]
var<workgroup> Bs: array<f32, 256>; // [k][n]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[m * 128u + k];
  return la0;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[n * 128u + k];
  return lb0;
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 64u + m) * 10u + n;
  let e0 = t2[n];
  let e1 = (acc + e0);
  o0[flat] = e1;
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
  let kEnd = select(128u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 16u; t++) {
      let e = lid + t * 64u;
      let mm = e / 16u;
      let kk = e % 16u;
      let gm = tileM + mm;
      let gk = k0 + kk;
      var v = 0.0;
      if (gm < 64u && gk < 128u) { v = loadA(b, gm, gk); }
      As[kk * 64u + mm] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 64u;
      let kk = e / 16u;
      let nn = e % 16u;
      let gk = k0 + kk;
      let gn = tileN + nn;
      var v = 0.0;
      if (gk < 128u && gn < 10u) { v = loadB(b, gk, gn); }
      Bs[kk * 16u + nn] = v;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      let b0 = vec4<f32>(Bs[kk * 16u + tx * 4u + 0u], Bs[kk * 16u + tx * 4u + 0u + 1u], Bs[kk * 16u + tx * 4u + 0u + 2u], Bs[kk * 16u + tx * 4u + 0u + 3u]);
      let a0 = vec4<f32>(As[kk * 64u + ty * 4u + 0u]);
      acc0_0 = fma(a0, b0, acc0_0);
      let a1 = vec4<f32>(As[kk * 64u + ty * 4u + 1u]);
      acc1_0 = fma(a1, b0, acc1_0);
      let a2 = vec4<f32>(As[kk * 64u + ty * 4u + 2u]);
      acc2_0 = fma(a2, b0, acc2_0);
      let a3 = vec4<f32>(As[kk * 64u + ty * 4u + 3u]);
      acc3_0 = fma(a3, b0, acc3_0);
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
      if (n < 10u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 3/13: rows_64x10, workgroups 64x1x1
// fuses: %24 reduce_max, %25 detach, %26 sub, %27 exp, %28 reduce_sum, %29 log, %30 sub,
//   %31 reshape, %32 iota, %33 eq, %34 cast, %35 mul, %36 reduce_sum, %41 argmax, %52 div,
//   %53 reshape, %54 expand, %55 reshape, %56 expand, %57 mul, %58 neg, %59 reduce_sum, %60 div,
//   %61 expand, %62 mul, %63 add
// t0 = %23 f32[64,10]
// t1 = %5 "data.label" i32[64]
// o0 = %41 i32[64]
// o1 = %63 f32[64,10]
// o2 = %36 f32[64]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<i32>;
@group(0) @binding(2) var<storage, read_write> o0: array<i32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;
@group(0) @binding(4) var<storage, read_write> o2: array<f32>;

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
    let s3_0 = (-1.0f / 64.0f);
    let s3_1 = t1[c0];
    let s3_2 = i32(c1);
    let s3_3 = (s3_1 == s3_2);
    let s3_4 = select(0.0f, 1.0f, s3_3);
    let s3_5 = (s3_0 * s3_4);
    let s3_6 = (-s3_5);
    part3 = part3 + s3_6;
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
    let s4_0 = t0[idx];
    let s4_1 = (s4_0 - red1);
    let s4_2 = log(red2);
    let s4_3 = (s4_1 - s4_2);
    let s4_4 = t1[c0];
    let s4_5 = i32(c1);
    let s4_6 = (s4_4 == s4_5);
    let s4_7 = select(0.0f, 1.0f, s4_6);
    let s4_8 = (s4_3 * s4_7);
    part4 = part4 + s4_8;
  }
  scratch[lid] = part4;
  workgroupBarrier();
  for (var s = 16u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red4 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 10u; r += 32u) {
    let idx = row * 10u + r;
    let c1 = r;
    let e0 = (-1.0f / 64.0f);
    let e1 = t1[c0];
    let e2 = i32(c1);
    let e3 = (e1 == e2);
    let e4 = select(0.0f, 1.0f, e3);
    let e5 = (e0 * e4);
    let e6 = (red3 / red2);
    let e7 = t0[idx];
    let e8 = (e7 - red1);
    let e9 = exp(e8);
    let e10 = (e6 * e9);
    let e11 = (e5 + e10);
    o1[idx] = e11;
  }
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 10u + r;
    let c1 = r;
    o0[row] = red0;
    o2[row] = red4;
  }
}

// ---- kernel 4/13: rows_1x64, workgroups 1x1x1
// fuses: %37 reduce_sum, %39 div, %40 neg, %42 eq, %43 cast, %44 reduce_sum, %45 div
// t0 = %41 i32[64]
// t1 = %5 "data.label" i32[64]
// t2 = %36 f32[64]
// o0 = %45 "accuracy" f32[]
// o1 = %40 "loss" f32[]
@group(0) @binding(0) var<storage, read> t0: array<i32>;
@group(0) @binding(1) var<storage, read> t1: array<i32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  var part0 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row * 64u + r;
    let c0 = r;
    let s0_0 = t0[idx];
    let s0_1 = t1[idx];
    let s0_2 = (s0_0 == s0_1);
    let s0_3 = select(0.0f, 1.0f, s0_2);
    part0 = part0 + s0_3;
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
    let c0 = r;
    let s1_0 = t2[idx];
    part1 = part1 + s1_0;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 32u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 64u + r;
    let c0 = r;
    let w0 = (red0 / 64.0f);
    let w1 = (red1 / 64.0f);
    let w2 = (-w1);
    o0[row] = w0;
    o1[row] = w2;
  }
}

// ---- kernel 5/13: matmul_64x64, workgroups 2x1x1
// fuses: %64 matmul, %65 sub, %66 mul, %67 add, %68 mul, %69 mul
// t0 = %63 f32[64,10]
// t1 = %3 "linear_1.weight" f32[10,128]
// t2 = %19 f32[64,128]
// t3 = %18 f32[64,128]
// o0 = %69 f32[64,128]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<f32, 1024>; // [k][m]
var<workgroup> Bs: array<f32, 1024>; // [k][n]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[m * 10u + k];
  return la0;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[k * 128u + n];
  return lb0;
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 64u + m) * 128u + n;
  let e0 = t2[m * 128u + n];
  let e1 = t3[m * 128u + n];
  let e2 = (1.0f - e0);
  let e3 = (e1 * e2);
  let e4 = (1.0f + e3);
  let e5 = (e0 * e4);
  let e6 = (acc * e5);
  o0[flat] = e6;
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
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 256u;
      let mm = e / 16u;
      let kk = e % 16u;
      let gm = tileM + mm;
      let gk = k0 + kk;
      var v = 0.0;
      if (gm < 64u && gk < 10u) { v = loadA(b, gm, gk); }
      As[kk * 64u + mm] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 256u;
      let kk = e / 64u;
      let nn = e % 64u;
      let gk = k0 + kk;
      let gn = tileN + nn;
      var v = 0.0;
      if (gk < 10u && gn < 128u) { v = loadB(b, gk, gn); }
      Bs[kk * 64u + nn] = v;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      let b0 = vec4<f32>(Bs[kk * 64u + tx * 4u + 0u], Bs[kk * 64u + tx * 4u + 0u + 1u], Bs[kk * 64u + tx * 4u + 0u + 2u], Bs[kk * 64u + tx * 4u + 0u + 3u]);
      let a0 = vec4<f32>(As[kk * 64u + ty * 4u + 0u]);
      acc0_0 = fma(a0, b0, acc0_0);
      let a1 = vec4<f32>(As[kk * 64u + ty * 4u + 1u]);
      acc1_0 = fma(a1, b0, acc1_0);
      let a2 = vec4<f32>(As[kk * 64u + ty * 4u + 2u]);
      acc2_0 = fma(a2, b0, acc2_0);
      let a3 = vec4<f32>(As[kk * 64u + ty * 4u + 3u]);
      acc3_0 = fma(a3, b0, acc3_0);
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
      if (n < 128u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 6/13: matmul_64x64, workgroups 13x2x1
// fuses: %70 permute, %71 matmul, %77 mul, %78 mul, %80 mul, %81 add
// t0 = %69 f32[64,128]
// t1 = %0 "x" f32[64,784]
// t2 = %9 "optim.linear_0.weight.exp_avg_sq" f32[128,784]
// o0 = %71 f32[128,784]
// o1 = %81 "optim.linear_0.weight.exp_avg_sq" f32[128,784]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> As: array<f32, 1024>; // [k][m]
var<workgroup> Bs: array<f32, 1024>; // [k][n]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[k * 128u + m];
  return la0;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[k * 784u + n];
  return lb0;
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
  let tileM = wid.y * 64u;
  let tileN = wid.x * 64u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(64u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 256u;
      let mm = e / 16u;
      let kk = e % 16u;
      let gm = tileM + mm;
      let gk = k0 + kk;
      var v = 0.0;
      if (gm < 128u && gk < 64u) { v = loadA(b, gm, gk); }
      As[kk * 64u + mm] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 256u;
      let kk = e / 64u;
      let nn = e % 64u;
      let gk = k0 + kk;
      let gn = tileN + nn;
      var v = 0.0;
      if (gk < 64u && gn < 784u) { v = loadB(b, gk, gn); }
      Bs[kk * 64u + nn] = v;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      let b0 = vec4<f32>(Bs[kk * 64u + tx * 4u + 0u], Bs[kk * 64u + tx * 4u + 0u + 1u], Bs[kk * 64u + tx * 4u + 0u + 2u], Bs[kk * 64u + tx * 4u + 0u + 3u]);
      let a0 = vec4<f32>(As[kk * 64u + ty * 4u + 0u]);
      acc0_0 = fma(a0, b0, acc0_0);
      let a1 = vec4<f32>(As[kk * 64u + ty * 4u + 1u]);
      acc1_0 = fma(a1, b0, acc1_0);
      let a2 = vec4<f32>(As[kk * 64u + ty * 4u + 2u]);
      acc2_0 = fma(a2, b0, acc2_0);
      let a3 = vec4<f32>(As[kk * 64u + ty * 4u + 3u]);
      acc3_0 = fma(a3, b0, acc3_0);
    }
    workgroupBarrier();
  }
  let m0 = tileM + ty * 4u;
  let n0 = tileN + tx * 4u;
  var accs = array<vec4<f32>, 4>(acc0_0, acc1_0, acc2_0, acc3_0);
  for (var i = 0u; i < 4u; i++) {
    let m = m0 + i;
    if (m >= 128u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 784u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 7/13: elementwise_100352, workgroups 1568x1x1
// fuses: %48 pow, %49 sub, %50 div, %72 sub, %74 mul, %75 add, %82 sqrt, %83 pow, %84 sub, %85 sqrt,
//   %86 div, %88 add, %89 div, %90 mul, %91 sub
// t0 = %8 "optim.linear_0.weight.exp_avg" f32[128,784]
// t1 = %71 f32[128,784]
// t2 = %1 "linear_0.weight" f32[128,784]
// t3 = %6 "lr" f32[]
// t4 = %7 "step" f32[]
// t5 = %81 "optim.linear_0.weight.exp_avg_sq" f32[128,784]
// o0 = %75 "optim.linear_0.weight.exp_avg" f32[128,784]
// o1 = %91 "linear_0.weight" f32[128,784]
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

// ---- kernel 8/13: rows_128x64, workgroups 128x1x1
// fuses: %92 reduce_sum, %93 reshape, %97 mul, %98 mul, %99 mul, %100 add
// t0 = %69 f32[64,128]
// t1 = %11 "optim.linear_0.bias.exp_avg_sq" f32[128]
// o0 = %100 "optim.linear_0.bias.exp_avg_sq" f32[128]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> scratch: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row + r * 128u;
    let c0 = r;
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
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row + r * 128u;
    let c0 = r;
    let w0 = t1[c1];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    o0[row] = w4;
  }
}

// ---- kernel 9/13: elementwise_128, workgroups 2x1x1
// fuses: %48 pow, %49 sub, %50 div, %83 pow, %84 sub, %85 sqrt, %93 reshape, %94 sub, %95 mul,
//   %96 add, %101 sqrt, %102 div, %103 add, %104 div, %105 mul, %106 sub
// t0 = %10 "optim.linear_0.bias.exp_avg" f32[128]
// t1 = %92 f32[1,128]
// t2 = %2 "linear_0.bias" f32[128]
// t3 = %6 "lr" f32[]
// t4 = %7 "step" f32[]
// t5 = %100 "optim.linear_0.bias.exp_avg_sq" f32[128]
// o0 = %96 "optim.linear_0.bias.exp_avg" f32[128]
// o1 = %106 "linear_0.bias" f32[128]
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

// ---- kernel 10/13: matmul_16x64, workgroups 2x1x1
// fuses: %107 permute, %108 matmul, %112 mul, %113 mul, %114 mul, %115 add
// t0 = %63 f32[64,10]
// t1 = %20 f32[64,128]
// t2 = %13 "optim.linear_1.weight.exp_avg_sq" f32[10,128]
// o0 = %108 f32[10,128]
// o1 = %115 "optim.linear_1.weight.exp_avg_sq" f32[10,128]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> As: array<f32, 256>; // [k][m]
var<workgroup> Bs: array<f32, 1024>; // [k][n]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[k * 10u + m];
  return la0;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[k * 128u + n];
  return lb0;
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
  let tileN = wid.x * 64u;
  let ty = lid / 16u;
  let tx = lid % 16u;
  var acc0_0 = vec4<f32>(0.0);
  var acc1_0 = vec4<f32>(0.0);
  var acc2_0 = vec4<f32>(0.0);
  var acc3_0 = vec4<f32>(0.0);
  let kEnd = select(64u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 64u;
      let mm = e / 16u;
      let kk = e % 16u;
      let gm = tileM + mm;
      let gk = k0 + kk;
      var v = 0.0;
      if (gm < 10u && gk < 64u) { v = loadA(b, gm, gk); }
      As[kk * 16u + mm] = v;
    }
    for (var t = 0u; t < 16u; t++) {
      let e = lid + t * 64u;
      let kk = e / 64u;
      let nn = e % 64u;
      let gk = k0 + kk;
      let gn = tileN + nn;
      var v = 0.0;
      if (gk < 64u && gn < 128u) { v = loadB(b, gk, gn); }
      Bs[kk * 64u + nn] = v;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      let b0 = vec4<f32>(Bs[kk * 64u + tx * 4u + 0u], Bs[kk * 64u + tx * 4u + 0u + 1u], Bs[kk * 64u + tx * 4u + 0u + 2u], Bs[kk * 64u + tx * 4u + 0u + 3u]);
      let a0 = vec4<f32>(As[kk * 16u + ty * 4u + 0u]);
      acc0_0 = fma(a0, b0, acc0_0);
      let a1 = vec4<f32>(As[kk * 16u + ty * 4u + 1u]);
      acc1_0 = fma(a1, b0, acc1_0);
      let a2 = vec4<f32>(As[kk * 16u + ty * 4u + 2u]);
      acc2_0 = fma(a2, b0, acc2_0);
      let a3 = vec4<f32>(As[kk * 16u + ty * 4u + 3u]);
      acc3_0 = fma(a3, b0, acc3_0);
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
      if (n < 128u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 11/13: elementwise_1280, workgroups 20x1x1
// fuses: %48 pow, %49 sub, %50 div, %83 pow, %84 sub, %85 sqrt, %109 sub, %110 mul, %111 add,
//   %116 sqrt, %117 div, %118 add, %119 div, %120 mul, %121 sub
// t0 = %12 "optim.linear_1.weight.exp_avg" f32[10,128]
// t1 = %108 f32[10,128]
// t2 = %3 "linear_1.weight" f32[10,128]
// t3 = %6 "lr" f32[]
// t4 = %7 "step" f32[]
// t5 = %115 "optim.linear_1.weight.exp_avg_sq" f32[10,128]
// o0 = %111 "optim.linear_1.weight.exp_avg" f32[10,128]
// o1 = %121 "linear_1.weight" f32[10,128]
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

// ---- kernel 12/13: rows_10x64, workgroups 10x1x1
// fuses: %122 reduce_sum, %123 reshape, %127 mul, %128 mul, %129 mul, %130 add
// t0 = %63 f32[64,10]
// t1 = %15 "optim.linear_1.bias.exp_avg_sq" f32[10]
// o0 = %130 "optim.linear_1.bias.exp_avg_sq" f32[10]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> scratch: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 64u; r += 64u) {
    let idx = row + r * 10u;
    let c0 = r;
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
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row + r * 10u;
    let c0 = r;
    let w0 = t1[c1];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    o0[row] = w4;
  }
}

// ---- kernel 13/13: elementwise_10, workgroups 1x1x1
// fuses: %48 pow, %49 sub, %50 div, %83 pow, %84 sub, %85 sqrt, %123 reshape, %124 sub, %125 mul,
//   %126 add, %131 sqrt, %132 div, %133 add, %134 div, %135 mul, %136 sub
// t0 = %14 "optim.linear_1.bias.exp_avg" f32[10]
// t1 = %122 f32[1,10]
// t2 = %4 "linear_1.bias" f32[10]
// t3 = %6 "lr" f32[]
// t4 = %7 "step" f32[]
// t5 = %130 "optim.linear_1.bias.exp_avg_sq" f32[10]
// o0 = %126 "optim.linear_1.bias.exp_avg" f32[10]
// o1 = %136 "linear_1.bias" f32[10]
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
