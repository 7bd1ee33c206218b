/* gemver: A += u1*v1' + u2*v2'; x += beta*A'*y + z; w += alpha*A*x (PolyBench's
 * linear-algebra/blas/gemver, written from its definition). Arguments: n reps — the whole
 * update runs reps times, because one O(n^2) pass is far too short to time at any size that
 * fits in memory. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 40), reps = wl_arg_long(argc, argv, 2, 1);
  double alpha = 1.5, beta = 1.2;
  double (*A)[n] = xmalloc(sizeof(double[n][n]));
  double *u1 = xmalloc(sizeof(double[n])), *v1 = xmalloc(sizeof(double[n])),
         *u2 = xmalloc(sizeof(double[n])), *v2 = xmalloc(sizeof(double[n])),
         *w = xmalloc(sizeof(double[n])), *x = xmalloc(sizeof(double[n])),
         *y = xmalloc(sizeof(double[n])), *z = xmalloc(sizeof(double[n]));
  for (long i = 0; i < n; i++) {
    double fi = (double)(i + 1) / n;
    u1[i] = (double)i / n; u2[i] = fi / 2; v1[i] = fi / 4; v2[i] = fi / 6;
    y[i] = fi / 8; z[i] = fi / 9; x[i] = 0.0; w[i] = 0.0;
    for (long j = 0; j < n; j++) A[i][j] = (double)((i * j) % n) / n;
  }
  wl_kernel_begin();
  for (long r = 0; r < reps; r++) {
    for (long i = 0; i < n; i++)
      for (long j = 0; j < n; j++) A[i][j] += u1[i] * v1[j] + u2[i] * v2[j];
    for (long i = 0; i < n; i++) /* x += beta * A' y, walking A by rows */
      for (long j = 0; j < n; j++) x[j] += beta * A[i][j] * y[i];
    for (long i = 0; i < n; i++) x[i] += z[i];
    for (long i = 0; i < n; i++) {
      double s = 0.0;
      for (long j = 0; j < n; j++) s += A[i][j] * x[j];
      w[i] += alpha * s;
    }
  }
  wl_kernel_end();
  wl_checksum_f64("w", w, (size_t)n);
  wl_checksum_f64("x", x, (size_t)n);
  free(A); free(u1); free(v1); free(u2); free(v2); free(w); free(x); free(y); free(z);
  return 0;
}
