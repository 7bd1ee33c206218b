/* trisolv: forward substitution, solve L*x = b for lower triangular n×n L (PolyBench's
 * linear-algebra/solvers/trisolv, written from its definition). Arguments: n reps — solved reps
 * times (one O(n^2) solve is too short to time). The diagonal n dominates the off-diagonal
 * entries in [0,1), so x stays bounded. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 40), reps = wl_arg_long(argc, argv, 2, 1);
  double (*L)[n] = xmalloc(sizeof(double[n][n]));
  double *x = xmalloc(sizeof(double[n])), *b = xmalloc(sizeof(double[n]));
  for (long i = 0; i < n; i++) {
    b[i] = (double)i;
    for (long j = 0; j < n; j++)
      L[i][j] = j > i ? -999.0 : j == i ? (double)n : (double)((i * (j + 1)) % n) / n;
  }
  wl_kernel_begin();
  for (long r = 0; r < reps; r++)
    for (long i = 0; i < n; i++) {
      double s = b[i];
      for (long j = 0; j < i; j++) s -= L[i][j] * x[j];
      x[i] = s / L[i][i];
    }
  wl_kernel_end();
  wl_checksum_f64("x", x, (size_t)n);
  free(L); free(x); free(b);
  return 0;
}
