/* jacobi-1d: Jacobi iteration of the 3-point averaging stencil on n points, ping-ponging
 * between two arrays (PolyBench's stencils/jacobi-1d, written from its definition).
 * Arguments: tsteps n. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long tsteps = wl_arg_long(argc, argv, 1, 20), n = wl_arg_long(argc, argv, 2, 30);
  double *A = xmalloc(sizeof(double[n])), *B = xmalloc(sizeof(double[n]));
  for (long i = 0; i < n; i++) {
    /* not linear in i: a linear profile is a fixed point of the stencil */
    A[i] = (double)((i * 37 + 2) % 101) / 101.0;
    B[i] = (double)((i * 41 + 3) % 103) / 103.0;
  }
  wl_kernel_begin();
  for (long t = 0; t < tsteps; t++) {
    for (long i = 1; i < n - 1; i++) B[i] = (A[i - 1] + A[i] + A[i + 1]) / 3.0;
    for (long i = 1; i < n - 1; i++) A[i] = (B[i - 1] + B[i] + B[i + 1]) / 3.0;
  }
  wl_kernel_end();
  wl_checksum_f64("A", A, (size_t)n);
  free(A); free(B);
  return 0;
}
