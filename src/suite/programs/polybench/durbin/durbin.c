/* durbin: Durbin's recursion (Levinson) for the Yule-Walker system T*y = -r, where T is the
 * symmetric Toeplitz matrix with 1 on the diagonal and r[0..n-2] off it (PolyBench's
 * linear-algebra/solvers/durbin, written from its definition). Argument: n. O(n^2) work on O(n)
 * memory. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 40);
  double *r = xmalloc(sizeof(double[n])), *y = xmalloc(sizeof(double[n])),
         *z = xmalloc(sizeof(double[n]));
  /* 2*sum(r) < 1, so every T_k is diagonally dominant, hence positive definite: all reflection
   * coefficients have |alpha| < 1 and beta stays away from 0. */
  for (long i = 0; i < n; i++) r[i] = 0.5 / ((double)(i + 2) * (i + 2)) * ((i % 3) ? 1.0 : -1.0);
  wl_kernel_begin();
  y[0] = -r[0];
  double beta = 1.0, alpha = -r[0];
  for (long k = 1; k < n; k++) {
    beta *= 1.0 - alpha * alpha;
    double s = 0.0;
    for (long i = 0; i < k; i++) s += r[k - 1 - i] * y[i];
    alpha = -(r[k] + s) / beta;
    for (long i = 0; i < k; i++) z[i] = y[i] + alpha * y[k - 1 - i];
    memcpy(y, z, sizeof(double) * (size_t)k);
    y[k] = alpha;
  }
  wl_kernel_end();
  wl_checksum_f64("y", y, (size_t)n);
  free(r); free(y); free(z);
  return 0;
}
