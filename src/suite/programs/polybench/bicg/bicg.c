/* bicg: the two products of a BiCG iteration, q = A*p and s = A'*r, A n×m (PolyBench's
 * linear-algebra/kernels/bicg, written from its definition). Arguments: m n reps — repeated
 * reps times (one O(mn) pass is too short to time). */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long m = wl_arg_long(argc, argv, 1, 38), n = wl_arg_long(argc, argv, 2, 42),
       reps = wl_arg_long(argc, argv, 3, 1);
  double (*A)[m] = xmalloc(sizeof(double[n][m]));
  double *p = xmalloc(sizeof(double[m])), *s = xmalloc(sizeof(double[m])),
         *r = xmalloc(sizeof(double[n])), *q = xmalloc(sizeof(double[n]));
  for (long j = 0; j < m; j++) p[j] = (double)(j % m) / m;
  for (long i = 0; i < n; i++) {
    r[i] = (double)(i % n) / n;
    for (long j = 0; j < m; j++) A[i][j] = (double)(i * (j + 1) % n) / n;
  }
  wl_kernel_begin();
  for (long rep = 0; rep < reps; rep++) {
    for (long j = 0; j < m; j++) s[j] = 0.0;
    for (long i = 0; i < n; i++) {
      double t = 0.0;
      for (long j = 0; j < m; j++) {
        s[j] += r[i] * A[i][j];
        t += A[i][j] * p[j];
      }
      q[i] = t;
    }
  }
  wl_kernel_end();
  wl_checksum_f64("s", s, (size_t)m);
  wl_checksum_f64("q", q, (size_t)n);
  free(A); free(p); free(s); free(r); free(q);
  return 0;
}
