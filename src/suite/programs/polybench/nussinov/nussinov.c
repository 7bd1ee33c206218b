/* nussinov: Nussinov's RNA secondary-structure dynamic program, the maximum number of
 * complementary base pairs of a length-n sequence without crossings (PolyBench's
 * medley/nussinov, written from Nussinov & Jacobson 1980). Argument: n. O(n^3) on ints. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

static inline int max2(int a, int b) { return a > b ? a : b; }

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 60);
  unsigned char *seq = xmalloc((size_t)n);
  int (*t)[n] = xmalloc(sizeof(int[n][n]));
  for (long i = 0; i < n; i++) seq[i] = (unsigned char)(((i * 7 + 3) % 11) % 4); /* A C G U = 0..3 */
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) t[i][j] = 0;
  wl_kernel_begin();
  /* t[i][j] = best for seq[i..j]; built from shorter spans, i going up from the end. */
  for (long i = n - 2; i >= 0; i--)
    for (long j = i + 1; j < n; j++) {
      int best = max2(t[i + 1][j], t[i][j - 1]);
      if (j - i > 1) /* pair i with j around a non-empty inner span (0+3 = A-U, 1+2 = C-G) */
        best = max2(best, t[i + 1][j - 1] + (seq[i] + seq[j] == 3));
      for (long k = i + 1; k < j; k++) best = max2(best, t[i][k] + t[k + 1][j]);
      t[i][j] = best;
    }
  wl_kernel_end();
  wl_checksum_bytes("table", &t[0][0], sizeof(int) * (size_t)(n * n));
  printf("pairs: %d\n", t[0][n - 1]);
  free(seq); free(t);
  return 0;
}
