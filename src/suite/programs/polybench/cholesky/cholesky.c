/* cholesky: A = L*L' for a symmetric positive-definite n×n matrix, L computed in place in the
 * lower triangle (PolyBench's linear-algebra/solvers/cholesky, written from its definition).
 * Argument: n. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 40);
  double (*A)[n] = xmalloc(sizeof(double[n][n]));
  /* Symmetric, off-diagonal entries in [0,1), diagonal n: strictly diagonally dominant with a
   * positive diagonal, hence positive definite and well conditioned. */
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) A[i][j] = i == j ? (double)n : (double)((i * j + 1) % n) / n;
  wl_kernel_begin();
  for (long i = 0; i < n; i++) {
    for (long j = 0; j < i; j++) { /* L[i][j] = (A[i][j] - L[i][:j].L[j][:j]) / L[j][j] */
      double s = A[i][j];
      for (long k = 0; k < j; k++) s -= A[i][k] * A[j][k];
      A[i][j] = s / A[j][j];
    }
    double d = A[i][i];
    for (long k = 0; k < i; k++) d -= A[i][k] * A[i][k];
    A[i][i] = sqrt(d);
  }
  wl_kernel_end();
  for (long i = 0; i < n; i++) /* the upper triangle still holds input: leave it out */
    for (long j = i + 1; j < n; j++) A[i][j] = 0.0;
  wl_checksum_f64("L", &A[0][0], (size_t)(n * n));
  free(A);
  return 0;
}
