/* syr2k: symmetric rank-2k update C = alpha*A*B' + alpha*B*A' + beta*C on the lower triangle of
 * the n×n matrix C; A and B are n×m (PolyBench's linear-algebra/blas/syr2k, written from its
 * definition). Arguments: m n. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long m = wl_arg_long(argc, argv, 1, 20), n = wl_arg_long(argc, argv, 2, 30);
  double alpha = 1.5, beta = 1.2;
  double (*A)[m] = xmalloc(sizeof(double[n][m])), (*B)[m] = xmalloc(sizeof(double[n][m]));
  double (*C)[n] = xmalloc(sizeof(double[n][n]));
  for (long i = 0; i < n; i++) {
    for (long j = 0; j < m; j++) {
      A[i][j] = (double)((i * j + 1) % n) / n;
      B[i][j] = (double)((i * j + 2) % m) / m;
    }
    for (long j = 0; j < n; j++) C[i][j] = (double)((i * j + 3) % n) / m;
  }
  wl_kernel_begin();
  for (long i = 0; i < n; i++)
    for (long j = 0; j <= i; j++) {
      double s = 0.0;
      for (long k = 0; k < m; k++) s += A[i][k] * B[j][k] + B[i][k] * A[j][k];
      C[i][j] = beta * C[i][j] + alpha * s;
    }
  wl_kernel_end();
  wl_checksum_f64("C", &C[0][0], (size_t)(n * n));
  free(A); free(B); free(C);
  return 0;
}
