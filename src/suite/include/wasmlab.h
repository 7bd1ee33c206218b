/*
 * wasmlab.h — the contract between a benchmark program and the wasmlab harness.
 *
 * - Timed region: call wl_kernel_begin() / wl_kernel_end() around the benchmark's kernel. The end
 *   call prints one line on stderr, "@wasmlab kernel_ns=<integer>", from the monotonic clock
 *   (WASI has one), so the harness can split process wall time into start-up + kernel time.
 * - Output check: print a checksum on stdout (wl_checksum_* helpers); the harness compares the
 *   stdout hash with the native build's. Floating-point results go through wl_round() so that -O
 *   levels and runtimes agree.
 * - Deterministic data: wl_rand_*() is a seeded xorshift64* generator; never use time or rand().
 */
#ifndef WASMLAB_H
#define WASMLAB_H
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline uint64_t wl_now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static uint64_t wl_kernel_t0;
static inline void wl_kernel_begin(void) { wl_kernel_t0 = wl_now_ns(); }
static inline void wl_kernel_end(void) {
  fprintf(stderr, "@wasmlab kernel_ns=%llu\n", (unsigned long long)(wl_now_ns() - wl_kernel_t0));
}

/* --- deterministic pseudo-random numbers (xorshift64*, Vigna 2016) --- */
static uint64_t wl_rng_state = 0x9E3779B97F4A7C15ull;
static inline void wl_rand_seed(uint64_t s) { wl_rng_state = s ? s : 0x9E3779B97F4A7C15ull; }
static inline uint64_t wl_rand_u64(void) {
  uint64_t x = wl_rng_state;
  x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
  wl_rng_state = x;
  return x * 0x2545F4914F6CDD1Dull;
}
static inline uint32_t wl_rand_u32(void) { return (uint32_t)(wl_rand_u64() >> 32); }
/* uniform in [0, 1) */
static inline double wl_rand_f64(void) { return (double)(wl_rand_u64() >> 11) * (1.0 / 9007199254740992.0); }

/* --- checksums --- */
/* FNV-1a 64 over bytes; chain calls by passing the previous value (start with WL_FNV_INIT). */
#define WL_FNV_INIT 0xcbf29ce484222325ull
static inline uint64_t wl_fnv1a(uint64_t h, const void *p, size_t n) {
  const unsigned char *b = (const unsigned char *)p;
  for (size_t i = 0; i < n; i++) { h ^= b[i]; h *= 0x100000001b3ull; }
  return h;
}
/* Round to 20 significant bits (about 6 decimal digits) so results that differ in the last bits
 * (contraction, libm) still agree; values that differ for real still differ. frexp/ldexp/round
 * are exact operations, identical in glibc and wasi-libc, and far cheaper than printing and
 * parsing a string per element. */
static inline double wl_round(double v) {
  if (v == 0.0 || !isfinite(v)) return v;
  int e;
  double m = frexp(v, &e);
  return ldexp(round(m * 1048576.0) / 1048576.0, e);
}
/* Print "label: <sum> <hash>" of a double array: the rounded sum and an FNV hash of the
 * rounded elements. */
static inline void wl_checksum_f64(const char *label, const double *a, size_t n) {
  double sum = 0.0;
  uint64_t h = WL_FNV_INIT;
  for (size_t i = 0; i < n; i++) {
    double r = wl_round(a[i]);
    sum += a[i];
    h = wl_fnv1a(h, &r, sizeof r);
  }
  printf("%s: %.5e %016llx\n", label, wl_round(sum), (unsigned long long)h);
}
static inline void wl_checksum_bytes(const char *label, const void *p, size_t n) {
  printf("%s: %zu %016llx\n", label, n, (unsigned long long)wl_fnv1a(WL_FNV_INIT, p, n));
}
/* Parse argv[i] as a positive size, or exit with a usage message. */
static inline long wl_arg_long(int argc, char **argv, int i, long dflt) {
  if (i >= argc) return dflt;
  char *end;
  long v = strtol(argv[i], &end, 10);
  if (*end || v <= 0) { fprintf(stderr, "bad size argument '%s'\n", argv[i]); exit(2); }
  return v;
}
#endif
