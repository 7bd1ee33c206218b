/* lu: in-place LU decomposition A = L*U without pivoting (L unit lower), n×n (PolyBench's
 * linear-algebra/solvers/lu, written from its definition). Argument: n. The input is strictly
 * diagonally dominant, so no pivoting is needed and the pivots stay large. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 40);
  double (*A)[n] = xmalloc(sizeof(double[n][n]));
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) A[i][j] = i == j ? (double)n : (double)((i * (j + 1) + 1) % n) / n;
  wl_kernel_begin();
  for (long k = 0; k < n; k++) /* right-looking: eliminate column k from the rows below */
    for (long i = k + 1; i < n; i++) {
      double l = A[i][k] /= A[k][k];
      for (long j = k + 1; j < n; j++) A[i][j] -= l * A[k][j];
    }
  wl_kernel_end();
  wl_checksum_f64("LU", &A[0][0], (size_t)(n * n));
  free(A);
  return 0;
}
