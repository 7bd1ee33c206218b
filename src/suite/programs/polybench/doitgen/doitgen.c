/* doitgen: multiresolution-analysis kernel, A[r][q][:] = A[r][q][:] * C4 for every (r, q), with A
 * nr×nq×np and C4 np×np (PolyBench's linear-algebra/kernels/doitgen, written from its
 * definition). Arguments: nq nr np. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long nq = wl_arg_long(argc, argv, 1, 8), nr = wl_arg_long(argc, argv, 2, 10),
       np = wl_arg_long(argc, argv, 3, 12);
  double (*A)[nq][np] = xmalloc(sizeof(double[nr][nq][np]));
  double (*C4)[np] = xmalloc(sizeof(double[np][np]));
  double *sum = xmalloc(sizeof(double[np]));
  for (long r = 0; r < nr; r++)
    for (long q = 0; q < nq; q++)
      for (long p = 0; p < np; p++) A[r][q][p] = (double)((r * q + p) % np) / np;
  /* C4's columns sum to about 1, so the result stays the size of the input. */
  for (long i = 0; i < np; i++)
    for (long j = 0; j < np; j++) C4[i][j] = (double)((i * j) % np) / ((double)np * np / 2);
  wl_kernel_begin();
  for (long r = 0; r < nr; r++)
    for (long q = 0; q < nq; q++) {
      for (long p = 0; p < np; p++) sum[p] = 0.0;
      for (long s = 0; s < np; s++) {
        double a = A[r][q][s];
        for (long p = 0; p < np; p++) sum[p] += a * C4[s][p];
      }
      for (long p = 0; p < np; p++) A[r][q][p] = sum[p];
    }
  wl_kernel_end();
  wl_checksum_f64("A", &A[0][0][0], (size_t)(nr * nq * np));
  free(A); free(C4); free(sum);
  return 0;
}
