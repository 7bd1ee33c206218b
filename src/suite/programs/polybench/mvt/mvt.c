/* mvt: x1 += A*y1 and x2 += A'*y2 (PolyBench's linear-algebra/kernels/mvt, written from its
 * definition). Arguments: n reps — repeated reps times (one O(n^2) pass is too short to time). */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 40), reps = wl_arg_long(argc, argv, 2, 1);
  double (*A)[n] = xmalloc(sizeof(double[n][n]));
  double *x1 = xmalloc(sizeof(double[n])), *x2 = xmalloc(sizeof(double[n])),
         *y1 = xmalloc(sizeof(double[n])), *y2 = xmalloc(sizeof(double[n]));
  for (long i = 0; i < n; i++) {
    x1[i] = (double)(i % n) / n; x2[i] = (double)((i + 1) % n) / n;
    y1[i] = (double)((i + 3) % n) / n; y2[i] = (double)((i + 4) % n) / n;
    for (long j = 0; j < n; j++) A[i][j] = (double)(i * j % n) / n;
  }
  wl_kernel_begin();
  for (long r = 0; r < reps; r++) {
    for (long i = 0; i < n; i++) {
      double t = 0.0;
      for (long j = 0; j < n; j++) t += A[i][j] * y1[j];
      x1[i] += t;
    }
    for (long i = 0; i < n; i++) /* x2 += A' y2, walking A by rows */
      for (long j = 0; j < n; j++) x2[j] += A[i][j] * y2[i];
  }
  wl_kernel_end();
  wl_checksum_f64("x1", x1, (size_t)n);
  wl_checksum_f64("x2", x2, (size_t)n);
  free(A); free(x1); free(x2); free(y1); free(y2);
  return 0;
}
