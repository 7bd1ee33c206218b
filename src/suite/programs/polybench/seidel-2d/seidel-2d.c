/* seidel-2d: Gauss-Seidel sweeps of the 9-point averaging stencil on an n×n grid, in place, so
 * each point already sees its updated upper and left neighbours (PolyBench's stencils/seidel-2d,
 * written from its definition). Arguments: tsteps n. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long tsteps = wl_arg_long(argc, argv, 1, 20), n = wl_arg_long(argc, argv, 2, 40);
  double (*A)[n] = xmalloc(sizeof(double[n][n]));
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) A[i][j] = (double)((i * (j + 2) + 2) % n) / n; /* not bilinear: that is a fixed point */
  wl_kernel_begin();
  for (long t = 0; t < tsteps; t++)
    for (long i = 1; i < n - 1; i++)
      for (long j = 1; j < n - 1; j++)
        A[i][j] = (A[i - 1][j - 1] + A[i - 1][j] + A[i - 1][j + 1] +
                   A[i][j - 1] + A[i][j] + A[i][j + 1] +
                   A[i + 1][j - 1] + A[i + 1][j] + A[i + 1][j + 1]) / 9.0;
  wl_kernel_end();
  wl_checksum_f64("A", &A[0][0], (size_t)(n * n));
  free(A);
  return 0;
}
