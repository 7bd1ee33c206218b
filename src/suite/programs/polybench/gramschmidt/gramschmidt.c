/* gramschmidt: QR decomposition A = Q*R of an m×n matrix (m >= n) by modified Gram-Schmidt
 * (PolyBench's linear-algebra/solvers/gramschmidt, written from its definition). Arguments: m n.
 * The input has full column rank (identity part), so no column norm comes out near zero. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long m = wl_arg_long(argc, argv, 1, 30), n = wl_arg_long(argc, argv, 2, 20);
  if (m < n) { fprintf(stderr, "gramschmidt needs m >= n\n"); return 2; }
  double (*A)[n] = xmalloc(sizeof(double[m][n])), (*Q)[n] = xmalloc(sizeof(double[m][n]));
  double (*R)[n] = xmalloc(sizeof(double[n][n]));
  for (long i = 0; i < m; i++)
    for (long j = 0; j < n; j++) A[i][j] = (double)((i * j + 1) % m) / m + (i == j ? 2.0 : 0.0);
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) R[i][j] = 0.0;
  wl_kernel_begin();
  for (long k = 0; k < n; k++) {
    double nrm = 0.0;
    for (long i = 0; i < m; i++) nrm += A[i][k] * A[i][k];
    R[k][k] = sqrt(nrm);
    for (long i = 0; i < m; i++) Q[i][k] = A[i][k] / R[k][k];
    /* R[k][j] = q_k . a_j for all later columns j, then a_j -= q_k R[k][j]; both walk A by
     * rows so the inner loops stream memory instead of striding down columns. */
    for (long j = k + 1; j < n; j++) R[k][j] = 0.0;
    for (long i = 0; i < m; i++) {
      double q = Q[i][k];
      for (long j = k + 1; j < n; j++) R[k][j] += q * A[i][j];
    }
    for (long i = 0; i < m; i++) {
      double q = Q[i][k];
      for (long j = k + 1; j < n; j++) A[i][j] -= q * R[k][j];
    }
  }
  wl_kernel_end();
  wl_checksum_f64("R", &R[0][0], (size_t)(n * n));
  wl_checksum_f64("Q", &Q[0][0], (size_t)(m * n));
  free(A); free(Q); free(R);
  return 0;
}
