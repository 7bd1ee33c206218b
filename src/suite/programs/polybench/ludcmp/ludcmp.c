/* ludcmp: solve A*x = b by LU decomposition (row-oriented, Doolittle, no pivoting) followed by
 * forward and back substitution (PolyBench's linear-algebra/solvers/ludcmp, written from its
 * definition). Argument: n. The input is strictly diagonally dominant. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 40);
  double (*A)[n] = xmalloc(sizeof(double[n][n]));
  double *b = xmalloc(sizeof(double[n])), *x = xmalloc(sizeof(double[n])),
         *y = xmalloc(sizeof(double[n]));
  for (long i = 0; i < n; i++) {
    b[i] = 4.0 + (double)(i + 1) / n / 2.0;
    for (long j = 0; j < n; j++) A[i][j] = i == j ? (double)n : (double)((i * j + 2) % n) / n;
  }
  wl_kernel_begin();
  for (long i = 0; i < n; i++) { /* row i of L, then row i of U, from rows above */
    for (long j = 0; j < i; j++) {
      double s = A[i][j];
      for (long k = 0; k < j; k++) s -= A[i][k] * A[k][j];
      A[i][j] = s / A[j][j];
    }
    for (long j = i; j < n; j++) {
      double s = A[i][j];
      for (long k = 0; k < i; k++) s -= A[i][k] * A[k][j];
      A[i][j] = s;
    }
  }
  for (long i = 0; i < n; i++) { /* L*y = b, L unit lower */
    double s = b[i];
    for (long j = 0; j < i; j++) s -= A[i][j] * y[j];
    y[i] = s;
  }
  for (long i = n - 1; i >= 0; i--) { /* U*x = y */
    double s = y[i];
    for (long j = i + 1; j < n; j++) s -= A[i][j] * x[j];
    x[i] = s / A[i][i];
  }
  wl_kernel_end();
  wl_checksum_f64("x", x, (size_t)n);
  free(A); free(b); free(x); free(y);
  return 0;
}
