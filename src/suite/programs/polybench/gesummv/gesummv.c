/* gesummv: y = alpha*A*x + beta*B*x (PolyBench's linear-algebra/blas/gesummv, written from its
 * definition). Arguments: n reps — repeated reps times (one O(n^2) pass is too short to time). */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 30), reps = wl_arg_long(argc, argv, 2, 1);
  double alpha = 1.5, beta = 1.2;
  double (*A)[n] = xmalloc(sizeof(double[n][n])), (*B)[n] = xmalloc(sizeof(double[n][n]));
  double *x = xmalloc(sizeof(double[n])), *y = xmalloc(sizeof(double[n]));
  for (long i = 0; i < n; i++) {
    x[i] = (double)(i % n) / n;
    for (long j = 0; j < n; j++) {
      A[i][j] = (double)((i * j + 1) % n) / n;
      B[i][j] = (double)((i * j + 2) % n) / n;
    }
  }
  wl_kernel_begin();
  for (long r = 0; r < reps; r++)
    for (long i = 0; i < n; i++) {
      double sa = 0.0, sb = 0.0;
      for (long j = 0; j < n; j++) { sa += A[i][j] * x[j]; sb += B[i][j] * x[j]; }
      y[i] = alpha * sa + beta * sb;
    }
  wl_kernel_end();
  wl_checksum_f64("y", y, (size_t)n);
  free(A); free(B); free(x); free(y);
  return 0;
}
