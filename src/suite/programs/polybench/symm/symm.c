/* symm: C = alpha*A*B + beta*C with A symmetric m×m given by its lower triangle only, B and C
 * m×n (PolyBench's linear-algebra/blas/symm, written from its definition). Arguments: m n. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long m = wl_arg_long(argc, argv, 1, 20), n = wl_arg_long(argc, argv, 2, 30);
  double alpha = 1.5, beta = 1.2;
  double (*A)[m] = xmalloc(sizeof(double[m][m]));
  double (*B)[n] = xmalloc(sizeof(double[m][n])), (*C)[n] = xmalloc(sizeof(double[m][n]));
  for (long i = 0; i < m; i++) {
    for (long j = 0; j < n; j++) {
      B[i][j] = (double)((i + j) % 100) / m;
      C[i][j] = (double)((n + i - j) % 100) / m;
    }
    /* The upper triangle holds a poison value: the kernel must never read it. */
    for (long j = 0; j < m; j++) A[i][j] = j <= i ? (double)((i + j) % 100) / m : -999.0;
  }
  wl_kernel_begin();
  for (long i = 0; i < m; i++) {
    for (long j = 0; j < n; j++) C[i][j] *= beta;
    for (long k = 0; k < m; k++) {
      double a = alpha * (k <= i ? A[i][k] : A[k][i]); /* A[i][k] of the symmetric matrix */
      for (long j = 0; j < n; j++) C[i][j] += a * B[k][j];
    }
  }
  wl_kernel_end();
  wl_checksum_f64("C", &C[0][0], (size_t)(m * n));
  free(A); free(B); free(C);
  return 0;
}
