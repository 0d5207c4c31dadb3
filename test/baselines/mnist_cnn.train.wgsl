// 52 kernels, dispatched in this order as one submission.
// Target: tiled GEMM, 8 storage buffers per kernel.
// Buffers: 22883140 bytes transient (reused by liveness), 605168 bytes persistent.

// ---- kernel 1/52: conv2d_tiled16x128x16_8x4, workgroups 392x1x1
// fuses: %54 conv2d, %55 reshape, %56 add, %57 relu
// t0 = %0 "x" f32[64,1,28,28]
// t1 = %1 "conv2d_0.weight" f32[16,1,3,3]
// t2 = %2 "conv2d_0.bias" f32[16]
// o0 = %56 f32[64,16,28,28]
// o1 = %57 f32[64,16,28,28]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn load0(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let la0 = t0[i0 * 784u + i2 * 28u + i3];
  return la0;
}

fn load1(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let lb0 = t1[i0 * 9u + i2 * 3u + i3];
  return lb0;
}

fn xAt(n: u32, c: u32, ih: i32, iw: i32) -> f32 {
  let inside = (ih >= 0i) & (iw >= 0i) & (ih < 28i) & (iw < 28i);
  let v = load0(n, c, u32(clamp(ih, 0i, 27i)), u32(clamp(iw, 0i, 27i)));
  return select(0.0, v, inside);
}

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let r = k % 9u;
  return load1(b * 16u + m, k / 9u, r / 3u, r % 3u);
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let c = k / 9u;
  let r = k % 9u;
  let nb = n / 784u;
  let p = n % 784u;
  let ih = i32((p / 28u) * 1u + (r / 3u) * 1u) - 1i;
  let iw = i32((p % 28u) * 1u + (r % 3u) * 1u) - 1i;
  return xAt(nb, b * 1u + c, ih, iw);
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
  let kEnd = select(9u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 15u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 8u)), gk + q < 9u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = loadB(b, min(gk, 8u), min(r4 + q, 50175u));
      }
      Bs[e] = select(vec4<f32>(0.0), v, gk < 9u);
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
    if (m >= 16u) { break; }
    let i1 = b * 16u + m;
    let e0 = t2[i1];
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 50176u) {
        let acc = accs[i * 1u + j / 4u][j % 4u];
        let i0 = n / 784u;
        let p = n % 784u;
        let i2 = p / 28u;
        let i3 = p % 28u;
        let flat = (i0 * 16u + i1) * 784u + p;
        let e1 = (acc + e0);
        let e2 = max(e1, 0.0f);
        o0[flat] = e1;
        o1[flat] = e2;
      }
    }
  }
}

// ---- kernel 2/52: max_pool2d_200704, workgroups 3136x1x1
// fuses: %58 max_pool2d
// t0 = %57 f32[64,16,28,28]
// o0 = %58 f32[64,16,14,14]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 200704u) { return; }
  let c0 = (i / 3136u);
  let c1 = ((i / 196u) % 16u);
  let c2 = ((i / 14u) % 14u);
  let c3 = (i % 14u);
  var best = 0.0f;
  var found = false;
  {
    let ih = i32(c2) * 2i - 0i + 0i;
    let iw = i32(c3) * 2i - 0i + 0i;
    if (ih >= 0i && ih < 28i && iw >= 0i && iw < 28i) {
      let x0 = t0[c0 * 12544u + c1 * 784u + u32(ih) * 28u + u32(iw)];
      if (!found || x0 > best) { best = x0; found = true; }
    }
  }
  {
    let ih = i32(c2) * 2i - 0i + 0i;
    let iw = i32(c3) * 2i - 0i + 1i;
    if (ih >= 0i && ih < 28i && iw >= 0i && iw < 28i) {
      let x0 = t0[c0 * 12544u + c1 * 784u + u32(ih) * 28u + u32(iw)];
      if (!found || x0 > best) { best = x0; found = true; }
    }
  }
  {
    let ih = i32(c2) * 2i - 0i + 1i;
    let iw = i32(c3) * 2i - 0i + 0i;
    if (ih >= 0i && ih < 28i && iw >= 0i && iw < 28i) {
      let x0 = t0[c0 * 12544u + c1 * 784u + u32(ih) * 28u + u32(iw)];
      if (!found || x0 > best) { best = x0; found = true; }
    }
  }
  {
    let ih = i32(c2) * 2i - 0i + 1i;
    let iw = i32(c3) * 2i - 0i + 1i;
    if (ih >= 0i && ih < 28i && iw >= 0i && iw < 28i) {
      let x0 = t0[c0 * 12544u + c1 * 784u + u32(ih) * 28u + u32(iw)];
      if (!found || x0 > best) { best = x0; found = true; }
    }
  }
  o0[i] = best;
}

// ---- kernel 3/52: conv2d_tiled16x128x16_8x4, workgroups 98x1x1
// fuses: %59 conv2d, %60 reshape, %61 add, %133 detach
// t0 = %58 f32[64,16,14,14]
// t1 = %3 "res_block_0.conv2d_0.weight" f32[16,16,3,3]
// t2 = %4 "res_block_0.conv2d_0.bias" f32[16]
// o0 = %61 f32[64,16,14,14]
// o1 = %133 f32[64,16,14,14]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn load0(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let la0 = t0[i0 * 3136u + i1 * 196u + i2 * 14u + i3];
  return la0;
}

fn load1(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let lb0 = t1[i0 * 144u + i1 * 9u + i2 * 3u + i3];
  return lb0;
}

fn xAt(n: u32, c: u32, ih: i32, iw: i32) -> f32 {
  let inside = (ih >= 0i) & (iw >= 0i) & (ih < 14i) & (iw < 14i);
  let v = load0(n, c, u32(clamp(ih, 0i, 13i)), u32(clamp(iw, 0i, 13i)));
  return select(0.0, v, inside);
}

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let r = k % 9u;
  return load1(b * 16u + m, k / 9u, r / 3u, r % 3u);
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let c = k / 9u;
  let r = k % 9u;
  let nb = n / 196u;
  let p = n % 196u;
  let ih = i32((p / 14u) * 1u + (r / 3u) * 1u) - 1i;
  let iw = i32((p % 14u) * 1u + (r % 3u) * 1u) - 1i;
  return xAt(nb, b * 16u + c, ih, iw);
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
  let kEnd = select(144u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 15u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 143u)), gk + q < 144u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = loadB(b, min(gk, 143u), min(r4 + q, 12543u));
      }
      Bs[e] = select(vec4<f32>(0.0), v, gk < 144u);
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
    if (m >= 16u) { break; }
    let i1 = b * 16u + m;
    let e0 = t2[i1];
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 12544u) {
        let acc = accs[i * 1u + j / 4u][j % 4u];
        let i0 = n / 196u;
        let p = n % 196u;
        let i2 = p / 14u;
        let i3 = p % 14u;
        let flat = (i0 * 16u + i1) * 196u + p;
        let e1 = (acc + e0);
        o0[flat] = e1;
        o1[flat] = e1;
      }
    }
  }
}

// ---- kernel 4/52: rows_16x12544, workgroups 16x1x1
// fuses: %62 reduce_sum, %64 div, %65 sub, %66 mul, %67 reduce_sum, %68 div, %70 add, %71 sqrt,
//   %72 div, %73 reshape, %74 mul, %75 reshape, %76 add, %77 relu
// t0 = %61 f32[64,16,14,14]
// t1 = %5 "res_block_0.batch_norm_0.weight" f32[16]
// t2 = %6 "res_block_0.batch_norm_0.bias" f32[16]
// o0 = %65 f32[64,16,14,14]
// o1 = %71 f32[1,16,1,1]
// o2 = %72 f32[64,16,14,14]
// o3 = %76 f32[64,16,14,14]
// o4 = %77 f32[64,16,14,14]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;
@group(0) @binding(5) var<storage, read_write> o2: array<f32>;
@group(0) @binding(6) var<storage, read_write> o3: array<f32>;
@group(0) @binding(7) var<storage, read_write> o4: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
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
  var part1 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s1_0 = t0[idx];
    let s1_1 = (red0 / 12544.0f);
    let s1_2 = (s1_0 - s1_1);
    let s1_3 = (s1_2 * s1_2);
    part1 = part1 + s1_3;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let e0 = t0[idx];
    let e1 = (red0 / 12544.0f);
    let e2 = (e0 - e1);
    let e3 = (red1 / 12544.0f);
    let e4 = (e3 + 0.000009999999747378752f);
    let e5 = sqrt(e4);
    let e6 = (e2 / e5);
    let e7 = t1[c1];
    let e8 = (e6 * e7);
    let e9 = t2[c1];
    let e10 = (e8 + e9);
    let e11 = max(e10, 0.0f);
    o0[idx] = e2;
    o2[idx] = e6;
    o3[idx] = e10;
    o4[idx] = e11;
  }
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let w0 = (red1 / 12544.0f);
    let w1 = (w0 + 0.000009999999747378752f);
    let w2 = sqrt(w1);
    o1[row] = w2;
  }
}

// ---- kernel 5/52: conv2d_tiled16x128x16_8x4, workgroups 98x1x1
// fuses: %78 conv2d, %79 reshape, %80 add, %150 detach
// t0 = %77 f32[64,16,14,14]
// t1 = %9 "res_block_0.conv2d_1.weight" f32[16,16,3,3]
// t2 = %10 "res_block_0.conv2d_1.bias" f32[16]
// o0 = %80 f32[64,16,14,14]
// o1 = %150 f32[64,16,14,14]
// WGSL: kernel 3/52's (the same pipeline, other buffers)

// ---- kernel 6/52: rows_16x12544, workgroups 16x1x1
// fuses: %81 reduce_sum, %82 div, %83 sub, %132 mul, %134 reduce_sum, %135 div, %137 mul, %138 add,
//   %139 mul, %140 reduce_sum, %141 div, %142 sub, %143 mul, %144 reduce_sum, %146 div, %147 mul,
//   %148 add
// t0 = %133 f32[64,16,14,14]
// t1 = %80 f32[64,16,14,14]
// t2 = %8 "res_block_0.batch_norm_0.running_var" f32[16]
// t3 = %7 "res_block_0.batch_norm_0.running_mean" f32[16]
// o0 = %148 "res_block_0.batch_norm_0.running_var" f32[16]
// o1 = %138 "res_block_0.batch_norm_0.running_mean" f32[16]
// o2 = %83 f32[64,16,14,14]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read_write> o0: array<f32>;
@group(0) @binding(5) var<storage, read_write> o1: array<f32>;
@group(0) @binding(6) var<storage, read_write> o2: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
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
  var part1 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s1_0 = t0[idx];
    let s1_1 = (red0 / 12544.0f);
    let s1_2 = (s1_0 - s1_1);
    let s1_3 = (s1_2 * s1_2);
    part1 = part1 + s1_3;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  var part2 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s2_0 = t0[idx];
    part2 = part2 + s2_0;
  }
  scratch[lid] = part2;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red2 = scratch[0];
  workgroupBarrier();
  var part3 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s3_0 = t1[idx];
    part3 = part3 + s3_0;
  }
  scratch[lid] = part3;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red3 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let e0 = t1[idx];
    let e1 = (red3 / 12544.0f);
    let e2 = (e0 - e1);
    o2[idx] = e2;
  }
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let w0 = t2[c1];
    let w1 = (w0 * 0.8999999761581421f);
    let w2 = (red1 / 12543.0f);
    let w3 = (w2 * 0.10000000149011612f);
    let w4 = (w1 + w3);
    let w5 = t3[c1];
    let w6 = (w5 * 0.8999999761581421f);
    let w7 = (red2 / 12544.0f);
    let w8 = (w7 * 0.10000000149011612f);
    let w9 = (w6 + w8);
    o0[row] = w4;
    o1[row] = w9;
  }
}

// ---- kernel 7/52: rows_16x12544, workgroups 16x1x1
// fuses: %84 mul, %85 reduce_sum, %86 div, %87 add, %88 sqrt, %89 div, %90 reshape, %91 mul,
//   %92 reshape, %93 add, %94 add, %95 relu
// t0 = %83 f32[64,16,14,14]
// t1 = %58 f32[64,16,14,14]
// t2 = %11 "res_block_0.batch_norm_1.weight" f32[16]
// t3 = %12 "res_block_0.batch_norm_1.bias" f32[16]
// o0 = %88 f32[1,16,1,1]
// o1 = %89 f32[64,16,14,14]
// o2 = %94 f32[64,16,14,14]
// o3 = %95 f32[64,16,14,14]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read_write> o0: array<f32>;
@group(0) @binding(5) var<storage, read_write> o1: array<f32>;
@group(0) @binding(6) var<storage, read_write> o2: array<f32>;
@group(0) @binding(7) var<storage, read_write> o3: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s0_0 = t0[idx];
    let s0_1 = (s0_0 * s0_0);
    part0 = part0 + s0_1;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let e0 = t0[idx];
    let e1 = (red0 / 12544.0f);
    let e2 = (e1 + 0.000009999999747378752f);
    let e3 = sqrt(e2);
    let e4 = (e0 / e3);
    let e5 = t1[idx];
    let e6 = t2[c1];
    let e7 = (e4 * e6);
    let e8 = t3[c1];
    let e9 = (e7 + e8);
    let e10 = (e5 + e9);
    let e11 = max(e10, 0.0f);
    o1[idx] = e4;
    o2[idx] = e10;
    o3[idx] = e11;
  }
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let w0 = (red0 / 12544.0f);
    let w1 = (w0 + 0.000009999999747378752f);
    let w2 = sqrt(w1);
    o0[row] = w2;
  }
}

// ---- kernel 8/52: conv2d_tiled32x128x16_8x4, workgroups 98x1x1
// fuses: %96 conv2d, %97 reshape, %98 add, %99 relu
// t0 = %95 f32[64,16,14,14]
// t1 = %15 "conv2d_1.weight" f32[32,16,3,3]
// t2 = %16 "conv2d_1.bias" f32[32]
// o0 = %98 f32[64,32,14,14]
// o1 = %99 f32[64,32,14,14]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;
@group(0) @binding(4) var<storage, read_write> o1: array<f32>;

var<workgroup> As: array<vec4<f32>, 128>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn load0(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let la0 = t0[i0 * 3136u + i1 * 196u + i2 * 14u + i3];
  return la0;
}

fn load1(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let lb0 = t1[i0 * 144u + i1 * 9u + i2 * 3u + i3];
  return lb0;
}

fn xAt(n: u32, c: u32, ih: i32, iw: i32) -> f32 {
  let inside = (ih >= 0i) & (iw >= 0i) & (ih < 14i) & (iw < 14i);
  let v = load0(n, c, u32(clamp(ih, 0i, 13i)), u32(clamp(iw, 0i, 13i)));
  return select(0.0, v, inside);
}

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let r = k % 9u;
  return load1(b * 32u + m, k / 9u, r / 3u, r % 3u);
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let c = k / 9u;
  let r = k % 9u;
  let nb = n / 196u;
  let p = n % 196u;
  let ih = i32((p / 14u) * 1u + (r / 3u) * 1u) - 1i;
  let iw = i32((p % 14u) * 1u + (r % 3u) * 1u) - 1i;
  return xAt(nb, b * 16u + c, ih, iw);
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
  let kEnd = select(144u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 128u;
      let gr = min(tileM + e / 4u, 31u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 143u)), gk + q < 144u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 128u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = loadB(b, min(gk, 143u), min(r4 + q, 12543u));
      }
      Bs[e] = select(vec4<f32>(0.0), v, gk < 144u);
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
    let i1 = b * 32u + m;
    let e0 = t2[i1];
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 12544u) {
        let acc = accs[i * 1u + j / 4u][j % 4u];
        let i0 = n / 196u;
        let p = n % 196u;
        let i2 = p / 14u;
        let i3 = p % 14u;
        let flat = (i0 * 32u + i1) * 196u + p;
        let e1 = (acc + e0);
        let e2 = max(e1, 0.0f);
        o0[flat] = e1;
        o1[flat] = e2;
      }
    }
  }
}

// ---- kernel 9/52: max_pool2d_100352, workgroups 1568x1x1
// fuses: %100 max_pool2d
// t0 = %99 f32[64,32,14,14]
// o0 = %100 f32[64,32,7,7]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 100352u) { return; }
  let c0 = (i / 1568u);
  let c1 = ((i / 49u) % 32u);
  let c2 = ((i / 7u) % 7u);
  let c3 = (i % 7u);
  var best = 0.0f;
  var found = false;
  {
    let ih = i32(c2) * 2i - 0i + 0i;
    let iw = i32(c3) * 2i - 0i + 0i;
    if (ih >= 0i && ih < 14i && iw >= 0i && iw < 14i) {
      let x0 = t0[c0 * 6272u + c1 * 196u + u32(ih) * 14u + u32(iw)];
      if (!found || x0 > best) { best = x0; found = true; }
    }
  }
  {
    let ih = i32(c2) * 2i - 0i + 0i;
    let iw = i32(c3) * 2i - 0i + 1i;
    if (ih >= 0i && ih < 14i && iw >= 0i && iw < 14i) {
      let x0 = t0[c0 * 6272u + c1 * 196u + u32(ih) * 14u + u32(iw)];
      if (!found || x0 > best) { best = x0; found = true; }
    }
  }
  {
    let ih = i32(c2) * 2i - 0i + 1i;
    let iw = i32(c3) * 2i - 0i + 0i;
    if (ih >= 0i && ih < 14i && iw >= 0i && iw < 14i) {
      let x0 = t0[c0 * 6272u + c1 * 196u + u32(ih) * 14u + u32(iw)];
      if (!found || x0 > best) { best = x0; found = true; }
    }
  }
  {
    let ih = i32(c2) * 2i - 0i + 1i;
    let iw = i32(c3) * 2i - 0i + 1i;
    if (ih >= 0i && ih < 14i && iw >= 0i && iw < 14i) {
      let x0 = t0[c0 * 6272u + c1 * 196u + u32(ih) * 14u + u32(iw)];
      if (!found || x0 > best) { best = x0; found = true; }
    }
  }
  o0[i] = best;
}

// ---- kernel 10/52: elementwise_100352, workgroups 1568x1x1
// fuses: %51 random_uniform, %53 ge, %101 reshape, %103 mul, %105 where
// t0 = %19 "__seed" i32[]
// t1 = %100 f32[64,32,7,7]
// o0 = %53 bool[64,1568]
// o1 = %105 f32[64,1568]
fn pcg(v: u32) -> u32 {
  let s = v * 747796405u + 2891336453u;
  let w = ((s >> ((s >> 28u) + 4u)) ^ s) * 277803737u;
  return (w >> 22u) ^ w;
}
@group(0) @binding(0) var<storage, read> t0: array<i32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<u32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 100352u) { return; }
  let c0 = (i / 1568u);
  let c1 = (i % 1568u);
  let v0 = t0[0u];
  let v1 = pcg(bitcast<u32>(v0) ^ pcg(867907628u));
  let v2 = f32(pcg(c0 * 1568u + c1 + v1) >> 8u) * (1.0f / 16777216.0f);
  let v3 = (v2 >= 0.25f);
  let v4 = t1[i];
  let v5 = (v4 * 1.3333333730697632f);
  let v6 = select(0.0f, v5, v3);
  o0[i] = select(0u, 1u, v3);
  o1[i] = v6;
}

// ---- kernel 11/52: matmul_tiled64x16x32_4x4_vkk, workgroups 1x1x1
// fuses: %106 permute, %107 matmul, %108 add
// t0 = %105 f32[64,1568]
// t1 = %17 "linear_0.weight" f32[10,1568]
// t2 = %18 "linear_0.bias" f32[10]
// o0 = %108 f32[64,10]
@group(0) @binding(0) var<storage, read> t0: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 512>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 128>; // [n][k/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[(m * 1568u + k) / 4u][(m * 1568u + k) % 4u];
  return la0;
}

fn loadA4(b: u32, m: u32, k: u32) -> vec4<f32> {
  return t0[(m * 1568u + k) / 4u];
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(n * 1568u + k) / 4u][(n * 1568u + k) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(n * 1568u + k) / 4u];
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
  let kEnd = select(1568u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 32u) {
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 8u, 63u);
      let gk = k0 + (e % 8u) * 4u;
      As[e] = select(vec4<f32>(0.0), loadA4(b, gr, min(gk, 1564u)), gk < 1568u);
    }
    for (var t = 0u; t < 2u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileN + e / 8u, 9u);
      let gk = k0 + (e % 8u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 1564u), gr), gk < 1568u);
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
    if (m >= 64u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 10u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 12/52: rows_64x10, workgroups 64x1x1
// fuses: %109 reduce_max, %110 detach, %111 sub, %112 exp, %113 reduce_sum, %114 log, %115 sub,
//   %116 reshape, %117 iota, %118 eq, %119 cast, %120 mul, %121 reduce_sum, %126 argmax, %173 div,
//   %174 reshape, %175 expand, %176 reshape, %177 expand, %178 mul, %179 neg, %180 reduce_sum,
//   %181 div, %182 expand, %183 mul, %184 add
// t0 = %108 f32[64,10]
// t1 = %20 "data.label" i32[64]
// o0 = %126 i32[64]
// o1 = %184 f32[64,10]
// o2 = %121 f32[64]
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

// ---- kernel 13/52: rows_1x64, workgroups 1x1x1
// fuses: %122 reduce_sum, %124 div, %125 neg, %127 eq, %128 cast, %129 reduce_sum, %130 div
// t0 = %126 i32[64]
// t1 = %20 "data.label" i32[64]
// t2 = %121 f32[64]
// o0 = %130 "accuracy" f32[]
// o1 = %125 "loss" f32[]
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

// ---- kernel 14/52: matmul_tiled64x128x16_8x4_vsn, workgroups 13x1x1
// fuses: %185 matmul, %186 where, %187 mul
// t0 = %184 f32[64,10]
// t1 = %17 "linear_0.weight" f32[10,1568]
// t2 = %53 bool[64,1568]
// o0 = %187 f32[64,1568]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> t2: array<u32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 256>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let la0 = t0[m * 10u + k];
  return la0;
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let lb0 = t1[(k * 1568u + n) / 4u][(k * 1568u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(k * 1568u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 64u + m) * 1568u + n;
  let e0 = (t2[m * 1568u + n] != 0u);
  let e1 = select(0.0f, acc, e0);
  let e2 = (e1 * 1.3333333730697632f);
  o0[flat] = e2;
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
      let gr = min(tileM + e / 4u, 63u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 9u)), gk + q < 10u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 2u; t++) {
      let e = lid + t * 256u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 9u), min(r4, 1564u)), gk < 10u);
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
    if (m >= 64u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 1568u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 15/52: max_pool2d_grad_401408, workgroups 6272x1x1
// fuses: %188 reshape, %189 max_pool2d_grad
// t0 = %99 f32[64,32,14,14]
// t1 = %187 f32[64,1568]
// o0 = %189 f32[64,32,14,14]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 401408u) { return; }
  let c0 = (i / 6272u);
  let c1 = ((i / 196u) % 32u);
  let c2 = ((i / 14u) % 14u);
  let c3 = (i % 14u);
  var total = 0.0f;
  {
    let th = i32(c2) + 0i;
    let tw = i32(c3) + 0i;
    if (th / 2i < 7i && tw / 2i < 7i) {
      let oh = u32(th / 2i);
      let ow = u32(tw / 2i);
      var best = 0.0f;
      var found = false;
      var bh = -1i;
      var bw = -1i;
      {
        let ih = i32(oh) * 2i - 0i + 0i;
        let iw = i32(ow) * 2i - 0i + 0i;
        if (ih >= 0i && ih < 14i && iw >= 0i && iw < 14i) {
          let x0 = t0[c0 * 6272u + c1 * 196u + u32(ih) * 14u + u32(iw)];
          if (!found || x0 > best) { best = x0; found = true; bh = ih; bw = iw; }
        }
      }
      {
        let ih = i32(oh) * 2i - 0i + 0i;
        let iw = i32(ow) * 2i - 0i + 1i;
        if (ih >= 0i && ih < 14i && iw >= 0i && iw < 14i) {
          let x0 = t0[c0 * 6272u + c1 * 196u + u32(ih) * 14u + u32(iw)];
          if (!found || x0 > best) { best = x0; found = true; bh = ih; bw = iw; }
        }
      }
      {
        let ih = i32(oh) * 2i - 0i + 1i;
        let iw = i32(ow) * 2i - 0i + 0i;
        if (ih >= 0i && ih < 14i && iw >= 0i && iw < 14i) {
          let x0 = t0[c0 * 6272u + c1 * 196u + u32(ih) * 14u + u32(iw)];
          if (!found || x0 > best) { best = x0; found = true; bh = ih; bw = iw; }
        }
      }
      {
        let ih = i32(oh) * 2i - 0i + 1i;
        let iw = i32(ow) * 2i - 0i + 1i;
        if (ih >= 0i && ih < 14i && iw >= 0i && iw < 14i) {
          let x0 = t0[c0 * 6272u + c1 * 196u + u32(ih) * 14u + u32(iw)];
          if (!found || x0 > best) { best = x0; found = true; bh = ih; bw = iw; }
        }
      }
      if (bh == i32(c2) && bw == i32(c3)) {
        let g0 = c0 * 1568u + c1 * 49u + oh * 7u + ow;
        let g1 = t1[g0];
        total += g1;
      }
    }
  }
  o0[i] = total;
}

// ---- kernel 16/52: elementwise_401408, workgroups 6272x1x1
// fuses: %171 gt, %190 where
// t0 = %98 f32[64,32,14,14]
// t1 = %189 f32[64,32,14,14]
// o0 = %190 f32[64,32,14,14]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 401408u) { return; }
  let c0 = (i / 6272u);
  let c1 = ((i / 196u) % 32u);
  let c2 = ((i / 14u) % 14u);
  let c3 = (i % 14u);
  let v0 = t0[i];
  let v1 = (v0 > 0.0f);
  let v2 = t1[i];
  let v3 = select(0.0f, v2, v1);
  o0[i] = v3;
}

// ---- kernel 17/52: conv2d_grad_input_tiled16x128x16_8x4, workgroups 98x1x1
// fuses: %170 gt, %191 conv2d_grad_input, %192 where
// t0 = %190 f32[64,32,14,14]
// t1 = %15 "conv2d_1.weight" f32[32,16,3,3]
// t2 = %94 f32[64,16,14,14]
// o0 = %192 f32[64,16,14,14]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn load0(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let la0 = t0[i0 * 6272u + i1 * 196u + i2 * 14u + i3];
  return la0;
}

fn load1(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let lb0 = t1[i0 * 144u + i1 * 9u + i2 * 3u + i3];
  return lb0;
}

fn storeOut(flat: u32, i0: u32, i1: u32, i2: u32, i3: u32, acc: f32) {
  let e0 = t2[i0 * 3136u + i1 * 196u + i2 * 14u + i3];
  let e1 = (e0 > 0.0f);
  let e2 = select(0.0f, acc, e1);
  o0[flat] = e2;
}

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let r = k % 9u;
  return load1(b * 32u + k / 9u, m, r / 3u, r % 3u);
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let o = k / 9u;
  let r = k % 9u;
  let nb = n / 196u;
  let q = n % 196u;
  let th = i32(q / 14u) + 1i - i32((r / 3u) * 1u);
  let tw = i32(q % 14u) + 1i - i32((r % 3u) * 1u);
  let uh = u32(max(th, 0i));
  let uw = u32(max(tw, 0i));
  let oh = uh / 1u;
  let ow = uw / 1u;
  let hit = (th >= 0i) & (tw >= 0i) & (uh % 1u == 0u) & (uw % 1u == 0u) & (oh < 14u) & (ow < 14u);
  let v = load0(nb, b * 32u + o, min(oh, 13u), min(ow, 13u));
  return select(0.0, v, hit);
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let c = b * 16u + m;
  let nb = n / 196u;
  let q = n % 196u;
  storeOut((nb * 16u + c) * 196u + q, nb, c, q / 14u, q % 14u, acc);
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
  let kEnd = select(288u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 15u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 287u)), gk + q < 288u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = loadB(b, min(gk, 287u), min(r4 + q, 12543u));
      }
      Bs[e] = select(vec4<f32>(0.0), v, gk < 288u);
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
    if (m >= 16u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 12544u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 18/52: rows_16x12544, workgroups 16x1x1
// fuses: %90 reshape, %194 mul, %195 mul, %196 div, %197 neg, %198 reduce_sum, %200 mul, %201 div,
//   %202 div, %203 expand, %204 mul, %205 add, %206 neg, %207 reduce_sum, %208 div, %209 expand,
//   %210 add, %211 div, %212 add, %213 neg, %214 reduce_sum, %215 div, %216 expand, %217 add
// t0 = %192 f32[64,16,14,14]
// t1 = %11 "res_block_0.batch_norm_1.weight" f32[16]
// t2 = %89 f32[64,16,14,14]
// t3 = %88 f32[1,16,1,1]
// t4 = %83 f32[64,16,14,14]
// o0 = %217 f32[64,16,14,14]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s0_0 = t0[idx];
    let s0_1 = t1[c1];
    let s0_2 = (s0_0 * s0_1);
    let s0_3 = t2[idx];
    let s0_4 = (s0_2 * s0_3);
    let s0_5 = t3[c1];
    let s0_6 = (s0_4 / s0_5);
    let s0_7 = (-s0_6);
    part0 = part0 + s0_7;
  }
  scratch[lid] = part0;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red0 = scratch[0];
  workgroupBarrier();
  var part1 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s1_0 = t3[c1];
    let s1_1 = (s1_0 * 2.0f);
    let s1_2 = (red0 / s1_1);
    let s1_3 = (s1_2 / 12544.0f);
    let s1_4 = t4[idx];
    let s1_5 = (s1_3 * s1_4);
    let s1_6 = (s1_5 + s1_5);
    let s1_7 = (-s1_6);
    part1 = part1 + s1_7;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  var part2 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s2_0 = t0[idx];
    let s2_1 = t1[c1];
    let s2_2 = (s2_0 * s2_1);
    let s2_3 = t3[c1];
    let s2_4 = (s2_2 / s2_3);
    let s2_5 = (-s2_4);
    part2 = part2 + s2_5;
  }
  scratch[lid] = part2;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red2 = scratch[0];
  workgroupBarrier();
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let e0 = t3[c1];
    let e1 = (e0 * 2.0f);
    let e2 = (red0 / e1);
    let e3 = (e2 / 12544.0f);
    let e4 = t4[idx];
    let e5 = (e3 * e4);
    let e6 = (e5 + e5);
    let e7 = (red1 / 12544.0f);
    let e8 = (e6 + e7);
    let e9 = t0[idx];
    let e10 = t1[c1];
    let e11 = (e9 * e10);
    let e12 = (e11 / e0);
    let e13 = (e8 + e12);
    let e14 = (red2 / 12544.0f);
    let e15 = (e13 + e14);
    o0[idx] = e15;
  }
}

// ---- kernel 19/52: conv2d_grad_input_tiled16x128x16_8x4, workgroups 98x1x1
// fuses: %193 gt, %218 conv2d_grad_input, %219 where
// t0 = %217 f32[64,16,14,14]
// t1 = %9 "res_block_0.conv2d_1.weight" f32[16,16,3,3]
// t2 = %76 f32[64,16,14,14]
// o0 = %219 f32[64,16,14,14]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn load0(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let la0 = t0[i0 * 3136u + i1 * 196u + i2 * 14u + i3];
  return la0;
}

fn load1(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let lb0 = t1[i0 * 144u + i1 * 9u + i2 * 3u + i3];
  return lb0;
}

fn storeOut(flat: u32, i0: u32, i1: u32, i2: u32, i3: u32, acc: f32) {
  let e0 = t2[i0 * 3136u + i1 * 196u + i2 * 14u + i3];
  let e1 = (e0 > 0.0f);
  let e2 = select(0.0f, acc, e1);
  o0[flat] = e2;
}

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let r = k % 9u;
  return load1(b * 16u + k / 9u, m, r / 3u, r % 3u);
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let o = k / 9u;
  let r = k % 9u;
  let nb = n / 196u;
  let q = n % 196u;
  let th = i32(q / 14u) + 1i - i32((r / 3u) * 1u);
  let tw = i32(q % 14u) + 1i - i32((r % 3u) * 1u);
  let uh = u32(max(th, 0i));
  let uw = u32(max(tw, 0i));
  let oh = uh / 1u;
  let ow = uw / 1u;
  let hit = (th >= 0i) & (tw >= 0i) & (uh % 1u == 0u) & (uw % 1u == 0u) & (oh < 14u) & (ow < 14u);
  let v = load0(nb, b * 16u + o, min(oh, 13u), min(ow, 13u));
  return select(0.0, v, hit);
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let c = b * 16u + m;
  let nb = n / 196u;
  let q = n % 196u;
  storeOut((nb * 16u + c) * 196u + q, nb, c, q / 14u, q % 14u, acc);
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
  let kEnd = select(144u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 15u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 143u)), gk + q < 144u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = loadB(b, min(gk, 143u), min(r4 + q, 12543u));
      }
      Bs[e] = select(vec4<f32>(0.0), v, gk < 144u);
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
    if (m >= 16u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 12544u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 20/52: rows_16x12544, workgroups 16x1x1
// fuses: %73 reshape, %220 mul, %221 mul, %222 div, %223 neg, %224 reduce_sum, %225 mul, %226 div,
//   %227 div, %228 expand, %229 mul, %230 add, %231 neg, %232 reduce_sum, %233 div, %234 expand,
//   %235 add, %236 div, %237 add, %238 neg, %239 reduce_sum, %240 div, %241 expand, %242 add
// t0 = %219 f32[64,16,14,14]
// t1 = %5 "res_block_0.batch_norm_0.weight" f32[16]
// t2 = %72 f32[64,16,14,14]
// t3 = %71 f32[1,16,1,1]
// t4 = %65 f32[64,16,14,14]
// o0 = %242 f32[64,16,14,14]
// WGSL: kernel 18/52's (the same pipeline, other buffers)

// ---- kernel 21/52: conv2d_grad_input_tiled16x128x16_8x4, workgroups 98x1x1
// fuses: %243 conv2d_grad_input, %244 add
// t0 = %242 f32[64,16,14,14]
// t1 = %3 "res_block_0.conv2d_0.weight" f32[16,16,3,3]
// t2 = %192 f32[64,16,14,14]
// o0 = %244 f32[64,16,14,14]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [k][n/4]

fn load0(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let la0 = t0[i0 * 3136u + i1 * 196u + i2 * 14u + i3];
  return la0;
}

fn load1(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let lb0 = t1[i0 * 144u + i1 * 9u + i2 * 3u + i3];
  return lb0;
}

fn storeOut(flat: u32, i0: u32, i1: u32, i2: u32, i3: u32, acc: f32) {
  let e0 = t2[i0 * 3136u + i1 * 196u + i2 * 14u + i3];
  let e1 = (e0 + acc);
  o0[flat] = e1;
}

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let r = k % 9u;
  return load1(b * 16u + k / 9u, m, r / 3u, r % 3u);
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let o = k / 9u;
  let r = k % 9u;
  let nb = n / 196u;
  let q = n % 196u;
  let th = i32(q / 14u) + 1i - i32((r / 3u) * 1u);
  let tw = i32(q % 14u) + 1i - i32((r % 3u) * 1u);
  let uh = u32(max(th, 0i));
  let uw = u32(max(tw, 0i));
  let oh = uh / 1u;
  let ow = uw / 1u;
  let hit = (th >= 0i) & (tw >= 0i) & (uh % 1u == 0u) & (uw % 1u == 0u) & (oh < 14u) & (ow < 14u);
  let v = load0(nb, b * 16u + o, min(oh, 13u), min(ow, 13u));
  return select(0.0, v, hit);
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let c = b * 16u + m;
  let nb = n / 196u;
  let q = n % 196u;
  storeOut((nb * 16u + c) * 196u + q, nb, c, q / 14u, q % 14u, acc);
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
  let kEnd = select(144u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 15u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 143u)), gk + q < 144u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = loadB(b, min(gk, 143u), min(r4 + q, 12543u));
      }
      Bs[e] = select(vec4<f32>(0.0), v, gk < 144u);
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
    if (m >= 16u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 12544u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 22/52: max_pool2d_grad_802816, workgroups 12544x1x1
// fuses: %245 max_pool2d_grad
// t0 = %57 f32[64,16,28,28]
// t1 = %244 f32[64,16,14,14]
// o0 = %245 f32[64,16,28,28]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 802816u) { return; }
  let c0 = (i / 12544u);
  let c1 = ((i / 784u) % 16u);
  let c2 = ((i / 28u) % 28u);
  let c3 = (i % 28u);
  var total = 0.0f;
  {
    let th = i32(c2) + 0i;
    let tw = i32(c3) + 0i;
    if (th / 2i < 14i && tw / 2i < 14i) {
      let oh = u32(th / 2i);
      let ow = u32(tw / 2i);
      var best = 0.0f;
      var found = false;
      var bh = -1i;
      var bw = -1i;
      {
        let ih = i32(oh) * 2i - 0i + 0i;
        let iw = i32(ow) * 2i - 0i + 0i;
        if (ih >= 0i && ih < 28i && iw >= 0i && iw < 28i) {
          let x0 = t0[c0 * 12544u + c1 * 784u + u32(ih) * 28u + u32(iw)];
          if (!found || x0 > best) { best = x0; found = true; bh = ih; bw = iw; }
        }
      }
      {
        let ih = i32(oh) * 2i - 0i + 0i;
        let iw = i32(ow) * 2i - 0i + 1i;
        if (ih >= 0i && ih < 28i && iw >= 0i && iw < 28i) {
          let x0 = t0[c0 * 12544u + c1 * 784u + u32(ih) * 28u + u32(iw)];
          if (!found || x0 > best) { best = x0; found = true; bh = ih; bw = iw; }
        }
      }
      {
        let ih = i32(oh) * 2i - 0i + 1i;
        let iw = i32(ow) * 2i - 0i + 0i;
        if (ih >= 0i && ih < 28i && iw >= 0i && iw < 28i) {
          let x0 = t0[c0 * 12544u + c1 * 784u + u32(ih) * 28u + u32(iw)];
          if (!found || x0 > best) { best = x0; found = true; bh = ih; bw = iw; }
        }
      }
      {
        let ih = i32(oh) * 2i - 0i + 1i;
        let iw = i32(ow) * 2i - 0i + 1i;
        if (ih >= 0i && ih < 28i && iw >= 0i && iw < 28i) {
          let x0 = t0[c0 * 12544u + c1 * 784u + u32(ih) * 28u + u32(iw)];
          if (!found || x0 > best) { best = x0; found = true; bh = ih; bw = iw; }
        }
      }
      if (bh == i32(c2) && bw == i32(c3)) {
        let g0 = t1[c0 * 3136u + c1 * 196u + oh * 14u + ow];
        total += g0;
      }
    }
  }
  o0[i] = total;
}

// ---- kernel 23/52: elementwise_802816, workgroups 12544x1x1
// fuses: %169 gt, %246 where
// t0 = %56 f32[64,16,28,28]
// t1 = %245 f32[64,16,28,28]
// o0 = %246 f32[64,16,28,28]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 802816u) { return; }
  let c0 = (i / 12544u);
  let c1 = ((i / 784u) % 16u);
  let c2 = ((i / 28u) % 28u);
  let c3 = (i % 28u);
  let v0 = t0[i];
  let v1 = (v0 > 0.0f);
  let v2 = t1[i];
  let v3 = select(0.0f, v2, v1);
  o0[i] = v3;
}

// ---- kernel 24/52: conv2d_grad_weight_tiled16x16x32_4x4, workgroups 1x1x16
// fuses: %168 reshape, %247 reshape, %248 conv2d_grad_weight
// t0 = %0 "x" f32[64,1,28,28]
// t1 = %246 f32[64,16,28,28]
// o0 = %248 f32[256,1,3,3]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 128>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 128>; // [n][k/4]

fn load0(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let la0 = i0 * 12544u + i1 * 784u + i2 * 28u + i3;
  let la1 = t0[la0];
  return la1;
}

fn load1(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let lb0 = i0 * 200704u + i1 * 784u + i2 * 28u + i3;
  let lb1 = t1[lb0];
  return lb1;
}

fn storeOut(flat: u32, i0: u32, i1: u32, i2: u32, i3: u32, acc: f32) {
  o0[flat] = acc;
}

fn xAt(n: u32, c: u32, ih: i32, iw: i32) -> f32 {
  let inside = (ih >= 0i) & (iw >= 0i) & (ih < 28i) & (iw < 28i);
  let v = load0(n, c, u32(clamp(ih, 0i, 27i)), u32(clamp(iw, 0i, 27i)));
  return select(0.0, v, inside);
}

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let p = k % 784u;
  return load1(k / 784u, b * 16u + m, p / 28u, p % 28u);
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let c = n / 9u;
  let r = n % 9u;
  let nb = k / 784u;
  let p = k % 784u;
  let ih = i32((p / 28u) * 1u + (r / 3u) * 1u) - 1i;
  let iw = i32((p % 28u) * 1u + (r % 3u) * 1u) - 1i;
  return xAt(nb, b * 1u + c, ih, iw);
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let o = b * 16u + m;
  storeOut(o * 9u + n, o, n / 9u, (n % 9u) / 3u, n % 3u, acc);
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
  let kEnd = select(3136u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 32u) {
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 16u;
      let gr = min(tileM + e / 8u, 15u);
      let gk = k0 + (e % 8u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 3135u)), gk + q < 3136u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 16u;
      let gr = min(tileN + e / 8u, 8u);
      let gk = k0 + (e % 8u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadB(b, min(gk + q, 3135u), gr), gk + q < 3136u);
      }
      Bs[e] = v;
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
    if (m >= 16u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 9u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 25/52: elementwise_144, workgroups 3x1x1
// fuses: %249 slice, %250 slice, %251 add, %252 slice, %253 add, %254 slice, %255 add, %256 slice,
//   %257 add, %258 slice, %259 add, %260 slice, %261 add, %262 slice, %263 add, %264 slice,
//   %265 add, %266 slice, %267 add, %268 slice, %269 add, %270 slice, %271 add, %272 slice,
//   %273 add, %274 slice, %275 add, %276 slice, %277 add, %278 slice, %279 add, %285 mul, %286 mul,
//   %288 mul, %289 add
// t0 = %248 f32[256,1,3,3]
// t1 = %24 "optim.conv2d_0.weight.exp_avg_sq" f32[16,1,3,3]
// o0 = %279 f32[16,1,3,3]
// o1 = %289 "optim.conv2d_0.weight.exp_avg_sq" f32[16,1,3,3]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;
@group(0) @binding(4) var<uniform> prm: array<vec4<u32>, 5>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 144u) { return; }
  let c0 = (i / 9u);
  let c1 = 0u;
  let c2 = ((i / 3u) % 3u);
  let c3 = (i % 3u);
  let v0 = (c0 + prm[0].x);
  let v1 = t0[v0 * 9u + c2 * 3u + c3];
  let v2 = (c0 + prm[0].y);
  let v3 = t0[v2 * 9u + c2 * 3u + c3];
  let v4 = (v1 + v3);
  let v5 = (c0 + prm[0].z);
  let v6 = t0[v5 * 9u + c2 * 3u + c3];
  let v7 = (v4 + v6);
  let v8 = (c0 + prm[0].w);
  let v9 = t0[v8 * 9u + c2 * 3u + c3];
  let v10 = (v7 + v9);
  let v11 = (c0 + prm[1].x);
  let v12 = t0[v11 * 9u + c2 * 3u + c3];
  let v13 = (v10 + v12);
  let v14 = (c0 + prm[1].y);
  let v15 = t0[v14 * 9u + c2 * 3u + c3];
  let v16 = (v13 + v15);
  let v17 = (c0 + prm[1].z);
  let v18 = t0[v17 * 9u + c2 * 3u + c3];
  let v19 = (v16 + v18);
  let v20 = (c0 + prm[1].w);
  let v21 = t0[v20 * 9u + c2 * 3u + c3];
  let v22 = (v19 + v21);
  let v23 = (c0 + prm[2].x);
  let v24 = t0[v23 * 9u + c2 * 3u + c3];
  let v25 = (v22 + v24);
  let v26 = (c0 + prm[2].y);
  let v27 = t0[v26 * 9u + c2 * 3u + c3];
  let v28 = (v25 + v27);
  let v29 = (c0 + prm[2].z);
  let v30 = t0[v29 * 9u + c2 * 3u + c3];
  let v31 = (v28 + v30);
  let v32 = (c0 + prm[2].w);
  let v33 = t0[v32 * 9u + c2 * 3u + c3];
  let v34 = (v31 + v33);
  let v35 = (c0 + prm[3].x);
  let v36 = t0[v35 * 9u + c2 * 3u + c3];
  let v37 = (v34 + v36);
  let v38 = (c0 + prm[3].y);
  let v39 = t0[v38 * 9u + c2 * 3u + c3];
  let v40 = (v37 + v39);
  let v41 = (c0 + prm[3].z);
  let v42 = t0[v41 * 9u + c2 * 3u + c3];
  let v43 = (v40 + v42);
  let v44 = (c0 + prm[3].w);
  let v45 = t0[v44 * 9u + c2 * 3u + c3];
  let v46 = (v43 + v45);
  let v47 = t1[c0 * 9u + c2 * 3u + c3];
  let v48 = (v47 * 0.9990000128746033f);
  let v49 = (c0 + prm[4].x);
  let v50 = t0[v49 * 9u + c2 * 3u + c3];
  let v51 = (v43 + v50);
  let v52 = (v51 * v51);
  let v53 = (v52 * 0.0010000000474974513f);
  let v54 = (v48 + v53);
  o0[i] = v46;
  o1[i] = v54;
}

// ---- kernel 26/52: elementwise_144, workgroups 3x1x1
// fuses: %165 pow, %166 sub, %167 div, %280 sub, %282 mul, %283 add, %290 sqrt, %291 pow, %292 sub,
//   %293 sqrt, %294 div, %296 add, %297 div, %298 mul, %299 sub
// t0 = %23 "optim.conv2d_0.weight.exp_avg" f32[16,1,3,3]
// t1 = %279 f32[16,1,3,3]
// t2 = %1 "conv2d_0.weight" f32[16,1,3,3]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %289 "optim.conv2d_0.weight.exp_avg_sq" f32[16,1,3,3]
// o0 = %283 "optim.conv2d_0.weight.exp_avg" f32[16,1,3,3]
// o1 = %299 "conv2d_0.weight" f32[16,1,3,3]
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
  if (i >= 144u) { return; }
  let c0 = (i / 9u);
  let c1 = 0u;
  let c2 = ((i / 3u) % 3u);
  let c3 = (i % 3u);
  let v0 = t0[c0 * 9u + c2 * 3u + c3];
  let v1 = t1[c0 * 9u + c2 * 3u + c3];
  let v2 = (v1 - v0);
  let v3 = (v2 * 0.10000000149011612f);
  let v4 = (v0 + v3);
  let v5 = t2[c0 * 9u + c2 * 3u + c3];
  let v6 = t3[0u];
  let v7 = t4[0u];
  let v8 = pow(0.8999999761581421f, v7);
  let v9 = (1.0f - v8);
  let v10 = (v6 / v9);
  let v11 = (v0 + v3);
  let v12 = t5[c0 * 9u + c2 * 3u + c3];
  let v13 = sqrt(v12);
  let v14 = pow(0.9990000128746033f, v7);
  let v15 = (1.0f - v14);
  let v16 = sqrt(v15);
  let v17 = (v13 / v16);
  let v18 = (v17 + 9.99999993922529e-9f);
  let v19 = (v11 / v18);
  let v20 = (v10 * v19);
  let v21 = (v5 - v20);
  o0[i] = v4;
  o1[i] = v21;
}

// ---- kernel 27/52: rows_16x50176, workgroups 16x1x1
// fuses: %300 reduce_sum, %301 reshape, %305 mul, %306 mul, %307 mul, %308 add
// t0 = %246 f32[64,16,28,28]
// t1 = %26 "optim.conv2d_0.bias.exp_avg_sq" f32[16]
// o0 = %300 f32[1,16,1,1]
// o1 = %308 "optim.conv2d_0.bias.exp_avg_sq" f32[16]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 50176u; r += 256u) {
    let idx = row * 784u + (r / 784u) * 12544u + ((r / 28u) % 28u) * 28u + (r % 28u);
    let c0 = (r / 784u);
    let c2 = ((r / 28u) % 28u);
    let c3 = (r % 28u);
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
    let idx0 = row * 784u + (r / 784u) * 12544u + ((r / 28u) % 28u) * 28u + (r % 28u);
    let c0 = (r / 784u);
    let c2 = ((r / 28u) % 28u);
    let c3 = (r % 28u);
    let w0 = t1[c1];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    o0[row] = red0;
    o1[row] = w4;
  }
}

// ---- kernel 28/52: elementwise_16, workgroups 1x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %301 reshape, %302 sub,
//   %303 mul, %304 add, %309 sqrt, %310 div, %311 add, %312 div, %313 mul, %314 sub
// t0 = %25 "optim.conv2d_0.bias.exp_avg" f32[16]
// t1 = %300 f32[1,16,1,1]
// t2 = %2 "conv2d_0.bias" f32[16]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %308 "optim.conv2d_0.bias.exp_avg_sq" f32[16]
// o0 = %304 "optim.conv2d_0.bias.exp_avg" f32[16]
// o1 = %314 "conv2d_0.bias" f32[16]
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
  if (i >= 16u) { return; }
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

// ---- kernel 29/52: conv2d_grad_weight_tiled16x128x16_8x4, workgroups 2x1x4
// fuses: %315 reshape, %316 reshape, %317 conv2d_grad_weight
// t0 = %58 f32[64,16,14,14]
// t1 = %242 f32[64,16,14,14]
// o0 = %317 f32[64,16,3,3]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 64>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [n][k/4]

fn load0(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let la0 = i0 * 12544u + i1 * 196u + i2 * 14u + i3;
  let la1 = t0[la0];
  return la1;
}

fn load1(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let lb0 = i0 * 12544u + i1 * 196u + i2 * 14u + i3;
  let lb1 = t1[lb0];
  return lb1;
}

fn storeOut(flat: u32, i0: u32, i1: u32, i2: u32, i3: u32, acc: f32) {
  o0[flat] = acc;
}

fn xAt(n: u32, c: u32, ih: i32, iw: i32) -> f32 {
  let inside = (ih >= 0i) & (iw >= 0i) & (ih < 14i) & (iw < 14i);
  let v = load0(n, c, u32(clamp(ih, 0i, 13i)), u32(clamp(iw, 0i, 13i)));
  return select(0.0, v, inside);
}

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let p = k % 196u;
  return load1(k / 196u, b * 16u + m, p / 14u, p % 14u);
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let c = n / 9u;
  let r = n % 9u;
  let nb = k / 196u;
  let p = k % 196u;
  let ih = i32((p / 14u) * 1u + (r / 3u) * 1u) - 1i;
  let iw = i32((p % 14u) * 1u + (r % 3u) * 1u) - 1i;
  return xAt(nb, b * 16u + c, ih, iw);
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let o = b * 16u + m;
  storeOut(o * 144u + n, o, n / 9u, (n % 9u) / 3u, n % 3u, acc);
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
  let kEnd = select(3136u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileM + e / 4u, 15u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 3135u)), gk + q < 3136u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gr = min(tileN + e / 4u, 143u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadB(b, min(gk + q, 3135u), gr), gk + q < 3136u);
      }
      Bs[e] = v;
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
    if (m >= 16u) { break; }
    for (var j = 0u; j < 4u; j++) {
      let n = n0 + j;
      if (n < 144u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 30/52: conv2d_grad_weight_tiled16x128x16_8x4, workgroups 2x1x4
// fuses: %384 reshape, %385 reshape, %386 conv2d_grad_weight
// t0 = %77 f32[64,16,14,14]
// t1 = %217 f32[64,16,14,14]
// o0 = %386 f32[64,16,3,3]
// WGSL: kernel 29/52's (the same pipeline, other buffers)

// ---- kernel 31/52: elementwise_2304, workgroups 36x1x1
// fuses: %318 slice, %319 slice, %320 add, %321 slice, %322 add, %323 slice, %324 add, %328 mul,
//   %329 mul, %330 mul, %331 add, %387 slice, %388 slice, %389 add, %390 slice, %391 add,
//   %392 slice, %393 add, %397 mul, %398 mul, %399 mul, %400 add
// t0 = %386 f32[64,16,3,3]
// t1 = %36 "optim.res_block_0.conv2d_1.weight.exp_avg_sq" f32[16,16,3,3]
// t2 = %317 f32[64,16,3,3]
// t3 = %28 "optim.res_block_0.conv2d_0.weight.exp_avg_sq" f32[16,16,3,3]
// o0 = %393 f32[16,16,3,3]
// o1 = %400 "optim.res_block_0.conv2d_1.weight.exp_avg_sq" f32[16,16,3,3]
// o2 = %324 f32[16,16,3,3]
// o3 = %331 "optim.res_block_0.conv2d_0.weight.exp_avg_sq" f32[16,16,3,3]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read_write> o0: array<f32>;
@group(0) @binding(5) var<storage, read_write> o1: array<f32>;
@group(0) @binding(6) var<storage, read_write> o2: array<f32>;
@group(0) @binding(7) var<storage, read_write> o3: array<f32>;
@group(0) @binding(8) var<uniform> prm: array<vec4<u32>, 2>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 2304u) { return; }
  let c0 = (i / 144u);
  let c1 = ((i / 9u) % 16u);
  let c2 = ((i / 3u) % 3u);
  let c3 = (i % 3u);
  let v0 = (c0 + prm[0].x);
  let v1 = t0[v0 * 144u + c1 * 9u + c2 * 3u + c3];
  let v2 = (c0 + prm[0].y);
  let v3 = t0[v2 * 144u + c1 * 9u + c2 * 3u + c3];
  let v4 = (v1 + v3);
  let v5 = (c0 + prm[0].z);
  let v6 = t0[v5 * 144u + c1 * 9u + c2 * 3u + c3];
  let v7 = (v4 + v6);
  let v8 = (c0 + prm[0].w);
  let v9 = t0[v8 * 144u + c1 * 9u + c2 * 3u + c3];
  let v10 = (v7 + v9);
  let v11 = t1[i];
  let v12 = (v11 * 0.9990000128746033f);
  let v13 = (v10 * v10);
  let v14 = (v13 * 0.0010000000474974513f);
  let v15 = (v12 + v14);
  let v16 = (c0 + prm[1].x);
  let v17 = t2[v16 * 144u + c1 * 9u + c2 * 3u + c3];
  let v18 = (c0 + prm[1].y);
  let v19 = t2[v18 * 144u + c1 * 9u + c2 * 3u + c3];
  let v20 = (v17 + v19);
  let v21 = (c0 + prm[1].z);
  let v22 = t2[v21 * 144u + c1 * 9u + c2 * 3u + c3];
  let v23 = (v20 + v22);
  let v24 = (c0 + prm[1].w);
  let v25 = t2[v24 * 144u + c1 * 9u + c2 * 3u + c3];
  let v26 = (v23 + v25);
  let v27 = t3[i];
  let v28 = (v27 * 0.9990000128746033f);
  let v29 = (v26 * v26);
  let v30 = (v29 * 0.0010000000474974513f);
  let v31 = (v28 + v30);
  o0[i] = v10;
  o1[i] = v15;
  o2[i] = v26;
  o3[i] = v31;
}

// ---- kernel 32/52: elementwise_2304, workgroups 36x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %325 sub, %326 mul, %327 add,
//   %332 sqrt, %333 div, %334 add, %335 div, %336 mul, %337 sub
// t0 = %27 "optim.res_block_0.conv2d_0.weight.exp_avg" f32[16,16,3,3]
// t1 = %324 f32[16,16,3,3]
// t2 = %3 "res_block_0.conv2d_0.weight" f32[16,16,3,3]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %331 "optim.res_block_0.conv2d_0.weight.exp_avg_sq" f32[16,16,3,3]
// o0 = %327 "optim.res_block_0.conv2d_0.weight.exp_avg" f32[16,16,3,3]
// o1 = %337 "res_block_0.conv2d_0.weight" f32[16,16,3,3]
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
  if (i >= 2304u) { return; }
  let c0 = (i / 144u);
  let c1 = ((i / 9u) % 16u);
  let c2 = ((i / 3u) % 3u);
  let c3 = (i % 3u);
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

// ---- kernel 33/52: rows_16x12544, workgroups 16x1x1
// fuses: %149 mul, %151 reduce_sum, %152 div, %153 mul, %154 add, %338 reduce_sum, %339 reshape,
//   %343 mul, %344 mul, %345 mul, %346 add
// t0 = %242 f32[64,16,14,14]
// t1 = %150 f32[64,16,14,14]
// t2 = %30 "optim.res_block_0.conv2d_0.bias.exp_avg_sq" f32[16]
// t3 = %13 "res_block_0.batch_norm_1.running_mean" f32[16]
// o0 = %338 f32[1,16,1,1]
// o1 = %346 "optim.res_block_0.conv2d_0.bias.exp_avg_sq" f32[16]
// o2 = %154 "res_block_0.batch_norm_1.running_mean" f32[16]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read_write> o0: array<f32>;
@group(0) @binding(5) var<storage, read_write> o1: array<f32>;
@group(0) @binding(6) var<storage, read_write> o2: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
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
  var part1 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s1_0 = t1[idx];
    part1 = part1 + s1_0;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let w0 = t2[c1];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    let w5 = t3[c1];
    let w6 = (w5 * 0.8999999761581421f);
    let w7 = (red1 / 12544.0f);
    let w8 = (w7 * 0.10000000149011612f);
    let w9 = (w6 + w8);
    o0[row] = red0;
    o1[row] = w4;
    o2[row] = w9;
  }
}

// ---- kernel 34/52: elementwise_16, workgroups 1x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %339 reshape, %340 sub,
//   %341 mul, %342 add, %347 sqrt, %348 div, %349 add, %350 div, %351 mul, %352 sub
// t0 = %29 "optim.res_block_0.conv2d_0.bias.exp_avg" f32[16]
// t1 = %338 f32[1,16,1,1]
// t2 = %4 "res_block_0.conv2d_0.bias" f32[16]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %346 "optim.res_block_0.conv2d_0.bias.exp_avg_sq" f32[16]
// o0 = %342 "optim.res_block_0.conv2d_0.bias.exp_avg" f32[16]
// o1 = %352 "res_block_0.conv2d_0.bias" f32[16]
// WGSL: kernel 28/52's (the same pipeline, other buffers)

// ---- kernel 35/52: rows_16x12544, workgroups 16x1x1
// fuses: %155 mul, %156 reduce_sum, %157 div, %158 sub, %159 mul, %160 reduce_sum, %161 div,
//   %162 mul, %163 add, %353 mul, %354 reduce_sum, %355 reshape, %359 mul, %360 mul, %361 mul,
//   %362 add
// t0 = %219 f32[64,16,14,14]
// t1 = %72 f32[64,16,14,14]
// t2 = %150 f32[64,16,14,14]
// t3 = %32 "optim.res_block_0.batch_norm_0.weight.exp_avg_sq" f32[16]
// t4 = %14 "res_block_0.batch_norm_1.running_var" f32[16]
// o0 = %354 f32[1,16,1,1]
// o1 = %362 "optim.res_block_0.batch_norm_0.weight.exp_avg_sq" f32[16]
// o2 = %163 "res_block_0.batch_norm_1.running_var" f32[16]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read> t4: array<f32>;
@group(0) @binding(5) var<storage, read_write> o0: array<f32>;
@group(0) @binding(6) var<storage, read_write> o1: array<f32>;
@group(0) @binding(7) var<storage, read_write> o2: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
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
  var part1 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s1_0 = t2[idx];
    part1 = part1 + s1_0;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  var part2 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s2_0 = t2[idx];
    let s2_1 = (red1 / 12544.0f);
    let s2_2 = (s2_0 - s2_1);
    let s2_3 = (s2_2 * s2_2);
    part2 = part2 + s2_3;
  }
  scratch[lid] = part2;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red2 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let w0 = t3[c1];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    let w5 = t4[c1];
    let w6 = (w5 * 0.8999999761581421f);
    let w7 = (red2 / 12543.0f);
    let w8 = (w7 * 0.10000000149011612f);
    let w9 = (w6 + w8);
    o0[row] = red0;
    o1[row] = w4;
    o2[row] = w9;
  }
}

// ---- kernel 36/52: elementwise_16, workgroups 1x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %355 reshape, %356 sub,
//   %357 mul, %358 add, %363 sqrt, %364 div, %365 add, %366 div, %367 mul, %368 sub
// t0 = %31 "optim.res_block_0.batch_norm_0.weight.exp_avg" f32[16]
// t1 = %354 f32[1,16,1,1]
// t2 = %5 "res_block_0.batch_norm_0.weight" f32[16]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %362 "optim.res_block_0.batch_norm_0.weight.exp_avg_sq" f32[16]
// o0 = %358 "optim.res_block_0.batch_norm_0.weight.exp_avg" f32[16]
// o1 = %368 "res_block_0.batch_norm_0.weight" f32[16]
// WGSL: kernel 28/52's (the same pipeline, other buffers)

// ---- kernel 37/52: rows_16x12544, workgroups 16x1x1
// fuses: %369 reduce_sum, %370 reshape, %374 mul, %375 mul, %376 mul, %377 add, %407 reduce_sum,
//   %408 reshape, %412 mul, %413 mul, %414 mul, %415 add
// t0 = %217 f32[64,16,14,14]
// t1 = %219 f32[64,16,14,14]
// t2 = %38 "optim.res_block_0.conv2d_1.bias.exp_avg_sq" f32[16]
// t3 = %34 "optim.res_block_0.batch_norm_0.bias.exp_avg_sq" f32[16]
// o0 = %407 f32[1,16,1,1]
// o1 = %415 "optim.res_block_0.conv2d_1.bias.exp_avg_sq" f32[16]
// o2 = %369 f32[1,16,1,1]
// o3 = %377 "optim.res_block_0.batch_norm_0.bias.exp_avg_sq" f32[16]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read_write> o0: array<f32>;
@group(0) @binding(5) var<storage, read_write> o1: array<f32>;
@group(0) @binding(6) var<storage, read_write> o2: array<f32>;
@group(0) @binding(7) var<storage, read_write> o3: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
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
  var part1 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s1_0 = t1[idx];
    part1 = part1 + s1_0;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let w0 = t2[c1];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    let w5 = t3[c1];
    let w6 = (w5 * 0.9990000128746033f);
    let w7 = (red1 * red1);
    let w8 = (w7 * 0.0010000000474974513f);
    let w9 = (w6 + w8);
    o0[row] = red0;
    o1[row] = w4;
    o2[row] = red1;
    o3[row] = w9;
  }
}

// ---- kernel 38/52: elementwise_16, workgroups 1x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %370 reshape, %371 sub,
//   %372 mul, %373 add, %378 sqrt, %379 div, %380 add, %381 div, %382 mul, %383 sub
// t0 = %33 "optim.res_block_0.batch_norm_0.bias.exp_avg" f32[16]
// t1 = %369 f32[1,16,1,1]
// t2 = %6 "res_block_0.batch_norm_0.bias" f32[16]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %377 "optim.res_block_0.batch_norm_0.bias.exp_avg_sq" f32[16]
// o0 = %373 "optim.res_block_0.batch_norm_0.bias.exp_avg" f32[16]
// o1 = %383 "res_block_0.batch_norm_0.bias" f32[16]
// WGSL: kernel 28/52's (the same pipeline, other buffers)

// ---- kernel 39/52: elementwise_2304, workgroups 36x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %394 sub, %395 mul, %396 add,
//   %401 sqrt, %402 div, %403 add, %404 div, %405 mul, %406 sub
// t0 = %35 "optim.res_block_0.conv2d_1.weight.exp_avg" f32[16,16,3,3]
// t1 = %393 f32[16,16,3,3]
// t2 = %9 "res_block_0.conv2d_1.weight" f32[16,16,3,3]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %400 "optim.res_block_0.conv2d_1.weight.exp_avg_sq" f32[16,16,3,3]
// o0 = %396 "optim.res_block_0.conv2d_1.weight.exp_avg" f32[16,16,3,3]
// o1 = %406 "res_block_0.conv2d_1.weight" f32[16,16,3,3]
// WGSL: kernel 32/52's (the same pipeline, other buffers)

// ---- kernel 40/52: elementwise_16, workgroups 1x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %408 reshape, %409 sub,
//   %410 mul, %411 add, %416 sqrt, %417 div, %418 add, %419 div, %420 mul, %421 sub
// t0 = %37 "optim.res_block_0.conv2d_1.bias.exp_avg" f32[16]
// t1 = %407 f32[1,16,1,1]
// t2 = %10 "res_block_0.conv2d_1.bias" f32[16]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %415 "optim.res_block_0.conv2d_1.bias.exp_avg_sq" f32[16]
// o0 = %411 "optim.res_block_0.conv2d_1.bias.exp_avg" f32[16]
// o1 = %421 "res_block_0.conv2d_1.bias" f32[16]
// WGSL: kernel 28/52's (the same pipeline, other buffers)

// ---- kernel 41/52: rows_16x12544, workgroups 16x1x1
// fuses: %422 mul, %423 reduce_sum, %424 reshape, %428 mul, %429 mul, %430 mul, %431 add,
//   %438 reduce_sum, %439 reshape, %443 mul, %444 mul, %445 mul, %446 add
// t0 = %192 f32[64,16,14,14]
// t1 = %89 f32[64,16,14,14]
// t2 = %42 "optim.res_block_0.batch_norm_1.bias.exp_avg_sq" f32[16]
// t3 = %40 "optim.res_block_0.batch_norm_1.weight.exp_avg_sq" f32[16]
// o0 = %438 f32[1,16,1,1]
// o1 = %446 "optim.res_block_0.batch_norm_1.bias.exp_avg_sq" f32[16]
// o2 = %423 f32[1,16,1,1]
// o3 = %431 "optim.res_block_0.batch_norm_1.weight.exp_avg_sq" f32[16]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read> t2: array<f32>;
@group(0) @binding(3) var<storage, read> t3: array<f32>;
@group(0) @binding(4) var<storage, read_write> o0: array<f32>;
@group(0) @binding(5) var<storage, read_write> o1: array<f32>;
@group(0) @binding(6) var<storage, read_write> o2: array<f32>;
@group(0) @binding(7) var<storage, read_write> o3: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
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
  var part1 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let s1_0 = t0[idx];
    let s1_1 = t1[idx];
    let s1_2 = (s1_0 * s1_1);
    part1 = part1 + s1_2;
  }
  scratch[lid] = part1;
  workgroupBarrier();
  for (var s = 128u; s > 0u; s >>= 1u) {
    if (lid < s) { scratch[lid] = scratch[lid] + scratch[lid + s]; }
    workgroupBarrier();
  }
  let red1 = scratch[0];
  workgroupBarrier();
  if (lid == 0u) {
    let r = 0u;
    let idx0 = row * 196u + (r / 196u) * 3136u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let w0 = t2[c1];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    let w5 = t3[c1];
    let w6 = (w5 * 0.9990000128746033f);
    let w7 = (red1 * red1);
    let w8 = (w7 * 0.0010000000474974513f);
    let w9 = (w6 + w8);
    o0[row] = red0;
    o1[row] = w4;
    o2[row] = red1;
    o3[row] = w9;
  }
}

// ---- kernel 42/52: elementwise_16, workgroups 1x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %424 reshape, %425 sub,
//   %426 mul, %427 add, %432 sqrt, %433 div, %434 add, %435 div, %436 mul, %437 sub
// t0 = %39 "optim.res_block_0.batch_norm_1.weight.exp_avg" f32[16]
// t1 = %423 f32[1,16,1,1]
// t2 = %11 "res_block_0.batch_norm_1.weight" f32[16]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %431 "optim.res_block_0.batch_norm_1.weight.exp_avg_sq" f32[16]
// o0 = %427 "optim.res_block_0.batch_norm_1.weight.exp_avg" f32[16]
// o1 = %437 "res_block_0.batch_norm_1.weight" f32[16]
// WGSL: kernel 28/52's (the same pipeline, other buffers)

// ---- kernel 43/52: elementwise_16, workgroups 1x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %439 reshape, %440 sub,
//   %441 mul, %442 add, %447 sqrt, %448 div, %449 add, %450 div, %451 mul, %452 sub
// t0 = %41 "optim.res_block_0.batch_norm_1.bias.exp_avg" f32[16]
// t1 = %438 f32[1,16,1,1]
// t2 = %12 "res_block_0.batch_norm_1.bias" f32[16]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %446 "optim.res_block_0.batch_norm_1.bias.exp_avg_sq" f32[16]
// o0 = %442 "optim.res_block_0.batch_norm_1.bias.exp_avg" f32[16]
// o1 = %452 "res_block_0.batch_norm_1.bias" f32[16]
// WGSL: kernel 28/52's (the same pipeline, other buffers)

// ---- kernel 44/52: conv2d_grad_weight_tiled32x128x16_8x4, workgroups 2x1x2
// fuses: %453 reshape, %454 reshape, %455 conv2d_grad_weight
// t0 = %95 f32[64,16,14,14]
// t1 = %190 f32[64,32,14,14]
// o0 = %455 f32[64,16,3,3]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;

var<workgroup> As: array<vec4<f32>, 128>; // [m][k/4]
var<workgroup> Bs: array<vec4<f32>, 512>; // [n][k/4]

fn load0(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let la0 = i0 * 6272u + i1 * 196u + i2 * 14u + i3;
  let la1 = t0[la0];
  return la1;
}

fn load1(i0: u32, i1: u32, i2: u32, i3: u32) -> f32 {
  let lb0 = i0 * 12544u + i1 * 196u + i2 * 14u + i3;
  let lb1 = t1[lb0];
  return lb1;
}

fn storeOut(flat: u32, i0: u32, i1: u32, i2: u32, i3: u32, acc: f32) {
  o0[flat] = acc;
}

fn xAt(n: u32, c: u32, ih: i32, iw: i32) -> f32 {
  let inside = (ih >= 0i) & (iw >= 0i) & (ih < 14i) & (iw < 14i);
  let v = load0(n, c, u32(clamp(ih, 0i, 13i)), u32(clamp(iw, 0i, 13i)));
  return select(0.0, v, inside);
}

fn loadA(b: u32, m: u32, k: u32) -> f32 {
  let p = k % 196u;
  return load1(k / 196u, b * 32u + m, p / 14u, p % 14u);
}

fn loadB(b: u32, k: u32, n: u32) -> f32 {
  let c = n / 9u;
  let r = n % 9u;
  let nb = k / 196u;
  let p = k % 196u;
  let ih = i32((p / 14u) * 1u + (r / 3u) * 1u) - 1i;
  let iw = i32((p % 14u) * 1u + (r % 3u) * 1u) - 1i;
  return xAt(nb, b * 16u + c, ih, iw);
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let o = b * 32u + m;
  storeOut(o * 144u + n, o, n / 9u, (n % 9u) / 3u, n % 3u, acc);
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
  let kEnd = select(6272u, arrayLength(&t0), arrayLength(&t0) == 0u);
  for (var k0 = 0u; k0 < kEnd; k0 += 16u) {
    for (var t = 0u; t < 1u; t++) {
      let e = lid + t * 128u;
      let gr = min(tileM + e / 4u, 31u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadA(b, gr, min(gk + q, 6271u)), gk + q < 6272u);
      }
      As[e] = v;
    }
    for (var t = 0u; t < 4u; t++) {
      let e = lid + t * 128u;
      let gr = min(tileN + e / 4u, 143u);
      let gk = k0 + (e % 4u) * 4u;
      var v = vec4<f32>(0.0);
      for (var q = 0u; q < 4u; q++) {
        v[q] = select(0.0, loadB(b, min(gk + q, 6271u), gr), gk + q < 6272u);
      }
      Bs[e] = v;
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
      if (n < 144u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 45/52: elementwise_4608, workgroups 72x1x1
// fuses: %456 slice, %457 slice, %458 add, %462 mul, %463 mul, %464 mul, %465 add
// t0 = %455 f32[64,16,3,3]
// t1 = %44 "optim.conv2d_1.weight.exp_avg_sq" f32[32,16,3,3]
// o0 = %458 f32[32,16,3,3]
// o1 = %465 "optim.conv2d_1.weight.exp_avg_sq" f32[32,16,3,3]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;
@group(0) @binding(4) var<uniform> prm: array<vec4<u32>, 1>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.x) * 64u + lid;
  if (i >= 4608u) { return; }
  let c0 = (i / 144u);
  let c1 = ((i / 9u) % 16u);
  let c2 = ((i / 3u) % 3u);
  let c3 = (i % 3u);
  let v0 = (c0 + prm[0].x);
  let v1 = t0[v0 * 144u + c1 * 9u + c2 * 3u + c3];
  let v2 = (c0 + prm[0].y);
  let v3 = t0[v2 * 144u + c1 * 9u + c2 * 3u + c3];
  let v4 = (v1 + v3);
  let v5 = t1[i];
  let v6 = (v5 * 0.9990000128746033f);
  let v7 = (v4 * v4);
  let v8 = (v7 * 0.0010000000474974513f);
  let v9 = (v6 + v8);
  o0[i] = v4;
  o1[i] = v9;
}

// ---- kernel 46/52: elementwise_4608, workgroups 72x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %459 sub, %460 mul, %461 add,
//   %466 sqrt, %467 div, %468 add, %469 div, %470 mul, %471 sub
// t0 = %43 "optim.conv2d_1.weight.exp_avg" f32[32,16,3,3]
// t1 = %458 f32[32,16,3,3]
// t2 = %15 "conv2d_1.weight" f32[32,16,3,3]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %465 "optim.conv2d_1.weight.exp_avg_sq" f32[32,16,3,3]
// o0 = %461 "optim.conv2d_1.weight.exp_avg" f32[32,16,3,3]
// o1 = %471 "conv2d_1.weight" f32[32,16,3,3]
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
  if (i >= 4608u) { return; }
  let c0 = (i / 144u);
  let c1 = ((i / 9u) % 16u);
  let c2 = ((i / 3u) % 3u);
  let c3 = (i % 3u);
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

// ---- kernel 47/52: rows_32x12544, workgroups 32x1x1
// fuses: %472 reduce_sum, %473 reshape, %477 mul, %478 mul, %479 mul, %480 add
// t0 = %190 f32[64,32,14,14]
// t1 = %46 "optim.conv2d_1.bias.exp_avg_sq" f32[32]
// o0 = %472 f32[1,32,1,1]
// o1 = %480 "optim.conv2d_1.bias.exp_avg_sq" f32[32]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;

var<workgroup> scratch: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;

  let c1 = row;
  var part0 = 0.0f;
  for (var r = lid; r < 12544u; r += 256u) {
    let idx = row * 196u + (r / 196u) * 6272u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
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
    let idx0 = row * 196u + (r / 196u) * 6272u + ((r / 14u) % 14u) * 14u + (r % 14u);
    let c0 = (r / 196u);
    let c2 = ((r / 14u) % 14u);
    let c3 = (r % 14u);
    let w0 = t1[c1];
    let w1 = (w0 * 0.9990000128746033f);
    let w2 = (red0 * red0);
    let w3 = (w2 * 0.0010000000474974513f);
    let w4 = (w1 + w3);
    o0[row] = red0;
    o1[row] = w4;
  }
}

// ---- kernel 48/52: elementwise_32, workgroups 1x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %473 reshape, %474 sub,
//   %475 mul, %476 add, %481 sqrt, %482 div, %483 add, %484 div, %485 mul, %486 sub
// t0 = %45 "optim.conv2d_1.bias.exp_avg" f32[32]
// t1 = %472 f32[1,32,1,1]
// t2 = %16 "conv2d_1.bias" f32[32]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %480 "optim.conv2d_1.bias.exp_avg_sq" f32[32]
// o0 = %476 "optim.conv2d_1.bias.exp_avg" f32[32]
// o1 = %486 "conv2d_1.bias" f32[32]
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
  if (i >= 32u) { return; }
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

// ---- kernel 49/52: matmul_tiled16x128x16_8x4_vsn, workgroups 13x1x1
// fuses: %487 permute, %488 matmul, %492 mul, %493 mul, %494 mul, %495 add
// t0 = %184 f32[64,10]
// t1 = %105 f32[64,1568]
// t2 = %48 "optim.linear_0.weight.exp_avg_sq" f32[10,1568]
// o0 = %488 f32[10,1568]
// o1 = %495 "optim.linear_0.weight.exp_avg_sq" f32[10,1568]
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
  let lb0 = t1[(k * 1568u + n) / 4u][(k * 1568u + n) % 4u];
  return lb0;
}

fn loadB4(b: u32, k: u32, n: u32) -> vec4<f32> {
  return t1[(k * 1568u + n) / 4u];
}

fn store(b: u32, m: u32, n: u32, acc: f32) {
  let flat = (b * 10u + m) * 1568u + n;
  let e0 = t2[m * 1568u + n];
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
    for (var t = 0u; t < 8u; t++) {
      let e = lid + t * 64u;
      let gk = k0 + e / 32u;
      let r4 = tileN + (e % 32u) * 4u;
      Bs[e] = select(vec4<f32>(0.0), loadB4(b, min(gk, 63u), min(r4, 1564u)), gk < 64u);
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
      if (n < 1568u) { store(b, m, n, accs[i * 1u + j / 4u][j % 4u]); }
    }
  }
}

// ---- kernel 50/52: elementwise_15680, workgroups 245x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %489 sub, %490 mul, %491 add,
//   %496 sqrt, %497 div, %498 add, %499 div, %500 mul, %501 sub
// t0 = %47 "optim.linear_0.weight.exp_avg" f32[10,1568]
// t1 = %488 f32[10,1568]
// t2 = %17 "linear_0.weight" f32[10,1568]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %495 "optim.linear_0.weight.exp_avg_sq" f32[10,1568]
// o0 = %491 "optim.linear_0.weight.exp_avg" f32[10,1568]
// o1 = %501 "linear_0.weight" f32[10,1568]
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
  if (i >= 15680u) { return; }
  let c0 = (i / 1568u);
  let c1 = (i % 1568u);
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

// ---- kernel 51/52: rows_10x64, workgroups 10x1x1
// fuses: %502 reduce_sum, %503 reshape, %507 mul, %508 mul, %509 mul, %510 add
// t0 = %184 f32[64,10]
// t1 = %50 "optim.linear_0.bias.exp_avg_sq" f32[10]
// o0 = %502 f32[1,10]
// o1 = %510 "optim.linear_0.bias.exp_avg_sq" f32[10]
@group(0) @binding(0) var<storage, read> t0: array<f32>;
@group(0) @binding(1) var<storage, read> t1: array<f32>;
@group(0) @binding(2) var<storage, read_write> o0: array<f32>;
@group(0) @binding(3) var<storage, read_write> o1: array<f32>;

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
    o0[row] = red0;
    o1[row] = w4;
  }
}

// ---- kernel 52/52: elementwise_10, workgroups 1x1x1
// fuses: %165 pow, %166 sub, %167 div, %291 pow, %292 sub, %293 sqrt, %503 reshape, %504 sub,
//   %505 mul, %506 add, %511 sqrt, %512 div, %513 add, %514 div, %515 mul, %516 sub
// t0 = %49 "optim.linear_0.bias.exp_avg" f32[10]
// t1 = %502 f32[1,10]
// t2 = %18 "linear_0.bias" f32[10]
// t3 = %21 "lr" f32[]
// t4 = %22 "step" f32[]
// t5 = %510 "optim.linear_0.bias.exp_avg_sq" f32[10]
// o0 = %506 "optim.linear_0.bias.exp_avg" f32[10]
// o1 = %516 "linear_0.bias" f32[10]
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
