/* adi: Alternating Direction Implicit (Peaceman-Rachford) time stepping of the 2-D heat
 * equation u_t = u_xx + u_yy on an n×n grid with boundary value 1: each step is a half step
 * implicit along rows, then one implicit along columns, each a set of tridiagonal systems solved
 * by the Thomas algorithm (PolyBench's stencils/adi, written from the method's definition).
 * Arguments: tsteps n. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long tsteps = wl_arg_long(argc, argv, 1, 20), n = wl_arg_long(argc, argv, 2, 20);
  if (n < 3) { fprintf(stderr, "adi needs n >= 3\n"); return 2; }
  double (*u)[n] = xmalloc(sizeof(double[n][n])), (*v)[n] = xmalloc(sizeof(double[n][n]));
  double *cp = xmalloc(sizeof(double[n])), *den = xmalloc(sizeof(double[n]));
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) {
      int edge = i == 0 || j == 0 || i == n - 1 || j == n - 1;
      u[i][j] = edge ? 1.0 : (double)((i * (j + 1)) % n) / n;
      v[i][j] = 1.0;
    }
  /* Simulated time 0.01 in all: long enough to smooth, short enough not to reach the steady
   * state (all 1), which would make the checksum blind. */
  double h = 1.0 / (n - 1), dt = 0.01 / tsteps, r = dt / (h * h);
  /* Every system is  a*x[k-1] + b*x[k] + a*x[k+1] = rhs[k],  x[0] = x[n-1] = 1. */
  double a = -r / 2, b = 1.0 + r;
  wl_kernel_begin();
  /* The matrix is the same for every system, so its forward-elimination factors are too. */
  cp[0] = 0.0;
  for (long k = 1; k < n - 1; k++) { den[k] = b - a * cp[k - 1]; cp[k] = a / den[k]; }
  for (long t = 0; t < tsteps; t++) {
    /* implicit along j (row by row), explicit along i */
    for (long i = 1; i < n - 1; i++) {
      v[i][0] = 1.0;
      for (long j = 1; j < n - 1; j++) {
        double rhs = r / 2 * (u[i - 1][j] + u[i + 1][j]) + (1.0 - r) * u[i][j];
        v[i][j] = (rhs - a * v[i][j - 1]) / den[j];
      }
      v[i][n - 1] = 1.0;
      for (long j = n - 2; j >= 1; j--) v[i][j] -= cp[j] * v[i][j + 1];
    }
    /* implicit along i, explicit along j: all columns' systems advance together, row by row */
    for (long i = 1; i < n - 1; i++)
      for (long j = 1; j < n - 1; j++) {
        double rhs = r / 2 * (v[i][j - 1] + v[i][j + 1]) + (1.0 - r) * v[i][j];
        u[i][j] = (rhs - a * u[i - 1][j]) / den[i];
      }
    for (long i = n - 2; i >= 1; i--)
      for (long j = 1; j < n - 1; j++) u[i][j] -= cp[i] * u[i + 1][j];
  }
  wl_kernel_end();
  wl_checksum_f64("u", &u[0][0], (size_t)(n * n));
  free(u); free(v); free(cp); free(den);
  return 0;
}
