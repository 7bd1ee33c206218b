/* bitcount: counts the set bits of the same pseudo-random 32-bit words with seven methods and
 * checks that they agree (MiBench automotive/bitcount, written here). Argument: words per method.
 * The words come from a cheap LCG computed inline, so the work is the counting. */
#include "wasmlab.h"

static uint8_t byte_bits[256];
static const uint8_t nibble_bits[16] = { 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4 };

static int by_shift(uint32_t x) { int n = 0; for (int i = 0; i < 32; i++) n += (x >> i) & 1; return n; }
static int by_clear_lowest(uint32_t x) { int n = 0; while (x) { x &= x - 1; n++; } return n; }
static int by_byte_table(uint32_t x) {
  return byte_bits[x & 255] + byte_bits[(x >> 8) & 255] + byte_bits[(x >> 16) & 255] + byte_bits[x >> 24];
}
static int by_nibble_table(uint32_t x) { int n = 0; while (x) { n += nibble_bits[x & 15]; x >>= 4; } return n; }
static int by_swar(uint32_t x) { /* add neighbouring fields in parallel: 1-, 2-, 4-bit sums, then a multiply */
  x = x - ((x >> 1) & 0x55555555u);
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  x = (x + (x >> 4)) & 0x0F0F0F0Fu;
  return (int)((x * 0x01010101u) >> 24);
}
static int by_octal(uint32_t x) { /* HAKMEM 169: 3-bit field sums, then mod 63 */
  uint32_t t = x - ((x >> 1) & 033333333333u) - ((x >> 2) & 011111111111u);
  return (int)(((t + (t >> 3)) & 030707070707u) % 63u);
}
static int by_builtin(uint32_t x) { return __builtin_popcount(x); }

typedef int (*method)(uint32_t);
static const struct { const char *name; method f; } methods[] = {
  { "shift", by_shift }, { "clear-lowest", by_clear_lowest }, { "byte-table", by_byte_table },
  { "nibble-table", by_nibble_table }, { "swar", by_swar }, { "octal", by_octal }, { "builtin", by_builtin },
};
#define NMETHODS (int)(sizeof methods / sizeof methods[0])

/* noinline so every method runs through the same loop and none is folded into main */
__attribute__((noinline)) static uint64_t run(method f, long n, uint32_t seed) {
  uint64_t total = 0;
  uint32_t x = seed;
  for (long i = 0; i < n; i++) { x = x * 1103515245u + 12345u; total += (uint64_t)f(x ^ (x >> 7)); }
  return total;
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 100000);
  for (int i = 0; i < 256; i++) byte_bits[i] = (uint8_t)by_shift((uint32_t)i);
  uint64_t totals[NMETHODS];
  wl_kernel_begin();
  for (int m = 0; m < NMETHODS; m++) totals[m] = run(methods[m].f, n, 2024u);
  wl_kernel_end();
  int agree = 1;
  for (int m = 0; m < NMETHODS; m++) {
    printf("%-13s %llu\n", methods[m].name, (unsigned long long)totals[m]);
    agree &= totals[m] == totals[0];
  }
  printf("methods agree: %s\n", agree ? "yes" : "NO");
  return !agree;
}
