// Q4_0 x Q8_0 matrix-vector product, llama.cpp's decode hot loop, two ways: the generic per-element loop (what a
// WebAssembly build without llama.cpp's SIMD kernels runs, auto-vectorized by the compiler) and one written with
// 128-bit SIMD dot products (i32x4.dot_i16x8_s). Run by scripts/bench/bench-kernel.ts.
// Build (q4-dot.wasm is committed beside it): clang --target=wasm32 -O3 -msimd128 -nostdlib -Wl,--no-entry
//   -Wl,--export-all -Wl,--initial-memory=134217728 -Wl,--max-memory=4294967296 -o q4-dot.wasm q4-dot.c
#include <stdint.h>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif
typedef struct { uint16_t d; uint8_t qs[16]; } bq4;
typedef struct { uint16_t d; int8_t qs[32]; } bq8;
static float half_table[65536];
static float h2f(uint16_t h) {
  uint32_t s = (h >> 15) & 1, e = (h >> 10) & 31, m = h & 1023; float v;
  if (e == 0) v = m * (1.0f / 16777216.0f); else if (e == 31) v = 65504.0f; else { v = (1.0f + m / 1024.0f); int k = e - 15; while (k > 0) { v *= 2; k--; } while (k < 0) { v /= 2; k++; } }
  return s ? -v : v;
}
void init_table(void) { for (int i = 0; i < 65536; i++) half_table[i] = h2f((uint16_t)i); }
float dot_generic(int nb, const bq4 *x, const bq8 *y) {
  float sumf = 0;
  for (int i = 0; i < nb; i++) {
    int s0 = 0, s1 = 0;
    for (int j = 0; j < 16; j++) {
      s0 += ((x[i].qs[j] & 0x0F) - 8) * y[i].qs[j];
      s1 += ((x[i].qs[j] >> 4) - 8) * y[i].qs[j + 16];
    }
    sumf += (s0 + s1) * half_table[x[i].d] * half_table[y[i].d];
  }
  return sumf;
}
#ifdef __wasm_simd128__
float dot_simd(int nb, const bq4 *x, const bq8 *y) {
  v128_t acc = wasm_f32x4_splat(0);
  const v128_t m4 = wasm_i8x16_splat(0x0F), s8 = wasm_i8x16_splat(8);
  for (int i = 0; i < nb; i++) {
    v128_t q = wasm_v128_load(x[i].qs);
    v128_t lo = wasm_i8x16_sub(wasm_v128_and(q, m4), s8);
    v128_t hi = wasm_i8x16_sub(wasm_u8x16_shr(q, 4), s8);
    v128_t ya = wasm_v128_load(y[i].qs), yb = wasm_v128_load(y[i].qs + 16);
    v128_t p = wasm_i32x4_add(
      wasm_i32x4_add(wasm_i32x4_dot_i16x8(wasm_i16x8_extend_low_i8x16(lo), wasm_i16x8_extend_low_i8x16(ya)),
                     wasm_i32x4_dot_i16x8(wasm_i16x8_extend_high_i8x16(lo), wasm_i16x8_extend_high_i8x16(ya))),
      wasm_i32x4_add(wasm_i32x4_dot_i16x8(wasm_i16x8_extend_low_i8x16(hi), wasm_i16x8_extend_low_i8x16(yb)),
                     wasm_i32x4_dot_i16x8(wasm_i16x8_extend_high_i8x16(hi), wasm_i16x8_extend_high_i8x16(yb))));
    acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_f32x4_convert_i32x4(p), wasm_f32x4_splat(half_table[x[i].d] * half_table[y[i].d])));
  }
  return wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 1) + wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3);
}
#endif
// rows x (nb*32) matrix times one vector, `reps` times; returns a checksum.
float matvec(int simd, int rows, int nb, const bq4 *w, const bq8 *v, int reps) {
  float total = 0;
  for (int r = 0; r < reps; r++)
    for (int i = 0; i < rows; i++) {
#ifdef __wasm_simd128__
      total += simd ? dot_simd(nb, w + (long)i * nb, v) : dot_generic(nb, w + (long)i * nb, v);
#else
      total += dot_generic(nb, w + (long)i * nb, v);
#endif
    }
  return total;
}
