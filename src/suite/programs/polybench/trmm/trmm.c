/* trmm: B = alpha*A'*B with A m×m unit lower triangular (its diagonal is implicitly 1 and its
 * upper triangle unused), B m×n (PolyBench's linear-algebra/blas/trmm, written from its
 * definition). Arguments: m n. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long m = wl_arg_long(argc, argv, 1, 20), n = wl_arg_long(argc, argv, 2, 30);
  double alpha = 1.5;
  double (*A)[m] = xmalloc(sizeof(double[m][m])), (*B)[n] = xmalloc(sizeof(double[m][n]));
  for (long i = 0; i < m; i++) {
    for (long j = 0; j < m; j++) A[i][j] = j < i ? (double)((i + j) % m) / m / m : -999.0;
    for (long j = 0; j < n; j++) B[i][j] = (double)((n + i - j) % n) / n;
  }
  wl_kernel_begin();
  /* Row i of A'B needs rows k >= i of B; going down the rows, those are still the originals. */
  for (long i = 0; i < m; i++) {
    for (long k = i + 1; k < m; k++) {
      double a = A[k][i];
      for (long j = 0; j < n; j++) B[i][j] += a * B[k][j];
    }
    for (long j = 0; j < n; j++) B[i][j] *= alpha;
  }
  wl_kernel_end();
  wl_checksum_f64("B", &B[0][0], (size_t)(m * n));
  free(A); free(B);
  return 0;
}
