/*
 * wasmlab's SIMD128 probe: a few instructions of several v128 families (load, f32x4 arithmetic
 * and rounding, comparison, bitmask, any_true, saturating conversion, lane extraction, a
 * shuffle, i16x8 multiply). Inputs come through volatile memory so clang cannot fold them away.
 * A runtime that runs SIMD prints exactly the line src/measure/simd-probe.ts expects.
 */
#include <stdio.h>
#include <wasm_simd128.h>

int main(void) {
  volatile float in[8] = {1.5f, -2.25f, 3.0f, 4.75f, 0.5f, 8.0f, -1.0f, 2.0f};
  float a[4], b[4];
  for (int i = 0; i < 4; i++) { a[i] = in[i]; b[i] = in[i + 4]; }
  v128_t va = wasm_v128_load(a), vb = wasm_v128_load(b);
  v128_t s = wasm_f32x4_add(wasm_f32x4_mul(va, vb), wasm_f32x4_ceil(va)); /* 2.75 -20 0 14.5 */
  v128_t m = wasm_f32x4_gt(s, wasm_f32x4_splat(0.0f));
  v128_t t = wasm_i32x4_trunc_sat_f32x4(s); /* 2 -20 0 14 */
  v128_t r = wasm_i32x4_shuffle(t, t, 3, 2, 1, 0);
  v128_t h = wasm_i16x8_mul(wasm_i16x8_splat((short)in[2]), wasm_i16x8_splat((short)in[5])); /* 24 */
  printf("simd128 %d %d %d %d mask %d any %d rev %d mul %d\n",
         wasm_i32x4_extract_lane(t, 0), wasm_i32x4_extract_lane(t, 1), wasm_i32x4_extract_lane(t, 2),
         wasm_i32x4_extract_lane(t, 3), (int)wasm_i32x4_bitmask(m), wasm_v128_any_true(m),
         wasm_i32x4_extract_lane(r, 0), wasm_i16x8_extract_lane(h, 7));
  return 0;
}
