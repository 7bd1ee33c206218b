/* jacobi-2d: Jacobi iteration of the 5-point averaging stencil on an n×n grid, ping-ponging
 * between two arrays (PolyBench's stencils/jacobi-2d, written from its definition).
 * Arguments: tsteps n. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

static void step(long n, double dst[n][n], double src[n][n]) {
  for (long i = 1; i < n - 1; i++)
    for (long j = 1; j < n - 1; j++)
      dst[i][j] = 0.2 * (src[i][j] + src[i][j - 1] + src[i][j + 1] + src[i - 1][j] + src[i + 1][j]);
}

int main(int argc, char **argv) {
  long tsteps = wl_arg_long(argc, argv, 1, 20), n = wl_arg_long(argc, argv, 2, 30);
  double (*A)[n] = xmalloc(sizeof(double[n][n])), (*B)[n] = xmalloc(sizeof(double[n][n]));
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) {
      /* not bilinear: a bilinear field is a fixed point of the stencil */
      A[i][j] = (double)((i * (j + 2) + 2) % n) / n;
      B[i][j] = (double)((i * (j + 3) + 3) % n) / n;
    }
  wl_kernel_begin();
  for (long t = 0; t < tsteps; t++) {
    step(n, B, A);
    step(n, A, B);
  }
  wl_kernel_end();
  wl_checksum_f64("A", &A[0][0], (size_t)(n * n));
  free(A); free(B);
  return 0;
}
