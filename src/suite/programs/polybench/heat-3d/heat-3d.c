/* heat-3d: explicit time stepping of the 3-D heat equation, 7-point stencil on an n×n×n grid,
 * ping-ponging between two arrays (PolyBench's stencils/heat-3d, written from its definition).
 * Arguments: tsteps n. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

/* dst = src + 0.125 * (discrete Laplacian of src) on the interior; 0.125 keeps it stable
 * (explicit 3-D limit 1/6). */
static void step(long n, double dst[n][n][n], double src[n][n][n]) {
  for (long i = 1; i < n - 1; i++)
    for (long j = 1; j < n - 1; j++)
      for (long k = 1; k < n - 1; k++)
        dst[i][j][k] = src[i][j][k] +
                       0.125 * (src[i + 1][j][k] - 2.0 * src[i][j][k] + src[i - 1][j][k]) +
                       0.125 * (src[i][j + 1][k] - 2.0 * src[i][j][k] + src[i][j - 1][k]) +
                       0.125 * (src[i][j][k + 1] - 2.0 * src[i][j][k] + src[i][j][k - 1]);
}

int main(int argc, char **argv) {
  long tsteps = wl_arg_long(argc, argv, 1, 20), n = wl_arg_long(argc, argv, 2, 10);
  double (*A)[n][n] = xmalloc(sizeof(double[n][n][n])), (*B)[n][n] = xmalloc(sizeof(double[n][n][n]));
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++)
      for (long k = 0; k < n; k++) /* not linear in i, j, k: a linear field is a fixed point of the stencil */
      A[i][j][k] = B[i][j][k] = (double)((i * (j + 1) + 3 * k) % n) * 10 / n;
  wl_kernel_begin();
  for (long t = 0; t < tsteps; t++) {
    step(n, B, A);
    step(n, A, B);
  }
  wl_kernel_end();
  wl_checksum_f64("A", &A[0][0][0], (size_t)(n * n * n));
  free(A); free(B);
  return 0;
}
