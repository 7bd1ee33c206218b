/* floyd-warshall: all-pairs shortest paths on a directed graph of n nodes, int weights
 * (PolyBench's medley/floyd-warshall, written from its definition). Argument: n. */
#include "wasmlab.h"

#define NO_EDGE 1000000 /* "infinite"; two of them still fit an int */

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 60);
  int (*d)[n] = xmalloc(sizeof(int[n][n]));
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) {
      int missing = (i + j) % 5 == 0 || (i * j) % 7 == 3;
      d[i][j] = i == j ? 0 : missing ? NO_EDGE : (int)((i * j + 3 * i) % 17) + 1;
    }
  wl_kernel_begin();
  for (long k = 0; k < n; k++)
    for (long i = 0; i < n; i++) {
      int dik = d[i][k];
      for (long j = 0; j < n; j++) {
        int via = dik + d[k][j];
        if (via < d[i][j]) d[i][j] = via;
      }
    }
  wl_kernel_end();
  wl_checksum_bytes("dist", &d[0][0], sizeof(int) * (size_t)(n * n));
  free(d);
  return 0;
}
