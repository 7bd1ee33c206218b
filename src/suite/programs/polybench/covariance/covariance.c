/* covariance: sample covariance matrix of m attributes over n observations (PolyBench's
 * datamining/covariance, written from its definition). Arguments: m n. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long m = wl_arg_long(argc, argv, 1, 28), n = wl_arg_long(argc, argv, 2, 32);
  double (*data)[m] = xmalloc(sizeof(double[n][m]));
  double (*cov)[m] = xmalloc(sizeof(double[m][m]));
  double *mean = xmalloc(sizeof(double[m]));
  for (long i = 0; i < n; i++)
    for (long j = 0; j < m; j++)
      data[i][j] = (double)((i * j + 3) % 101) / 101.0 + (double)i / n;
  wl_kernel_begin();
  for (long j = 0; j < m; j++) {
    double s = 0.0;
    for (long i = 0; i < n; i++) s += data[i][j];
    mean[j] = s / n;
  }
  for (long i = 0; i < n; i++)
    for (long j = 0; j < m; j++) data[i][j] -= mean[j];
  /* Row a of the upper triangle accumulates over the observations; the inner loop walks a row
   * of data, not a column (a column walk would measure cache misses, not code). */
  for (long a = 0; a < m; a++) {
    for (long b = a; b < m; b++) cov[a][b] = 0.0;
    for (long i = 0; i < n; i++) {
      double da = data[i][a];
      for (long b = a; b < m; b++) cov[a][b] += da * data[i][b];
    }
    for (long b = a; b < m; b++) cov[b][a] = cov[a][b] /= n - 1.0; /* unbiased estimator */
  }
  wl_kernel_end();
  wl_checksum_f64("cov", &cov[0][0], (size_t)(m * m));
  free(data); free(cov); free(mean);
  return 0;
}
