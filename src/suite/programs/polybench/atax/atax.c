/* atax: y = A'*(A*x), A m×n (PolyBench's linear-algebra/kernels/atax, written from its
 * definition). Arguments: m n reps — repeated reps times (one O(mn) pass is too short to time). */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long m = wl_arg_long(argc, argv, 1, 38), n = wl_arg_long(argc, argv, 2, 42),
       reps = wl_arg_long(argc, argv, 3, 1);
  double (*A)[n] = xmalloc(sizeof(double[m][n]));
  double *x = xmalloc(sizeof(double[n])), *y = xmalloc(sizeof(double[n])),
         *tmp = xmalloc(sizeof(double[m]));
  for (long j = 0; j < n; j++) x[j] = 1.0 + (double)j / n;
  for (long i = 0; i < m; i++)
    for (long j = 0; j < n; j++) A[i][j] = (double)((i + j) % n) / (5.0 * m);
  wl_kernel_begin();
  for (long r = 0; r < reps; r++) {
    for (long j = 0; j < n; j++) y[j] = 0.0;
    for (long i = 0; i < m; i++) {
      double t = 0.0;
      for (long j = 0; j < n; j++) t += A[i][j] * x[j];
      tmp[i] = t;
      for (long j = 0; j < n; j++) y[j] += A[i][j] * t; /* row i's share of A' * tmp */
    }
  }
  wl_kernel_end();
  wl_checksum_f64("y", y, (size_t)n);
  free(A); free(x); free(y); free(tmp);
  return 0;
}
