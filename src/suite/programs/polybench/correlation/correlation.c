/* correlation: Pearson correlation matrix of m attributes over n observations (PolyBench's
 * datamining/correlation, written from its definition). Arguments: m n. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long m = wl_arg_long(argc, argv, 1, 28), n = wl_arg_long(argc, argv, 2, 32);
  double (*data)[m] = xmalloc(sizeof(double[n][m]));
  double (*corr)[m] = xmalloc(sizeof(double[m][m]));
  double *mean = xmalloc(sizeof(double[m])), *sd = xmalloc(sizeof(double[m]));
  /* Observations mix a per-row trend with a per-attribute pattern so no two columns are
   * exactly proportional (that would make every correlation 1). */
  for (long i = 0; i < n; i++)
    for (long j = 0; j < m; j++)
      data[i][j] = (double)((i * (j + 1)) % 97) / 97.0 + (double)(i % 13) / 13.0 + (double)j / m;
  wl_kernel_begin();
  for (long j = 0; j < m; j++) {
    double s = 0.0;
    for (long i = 0; i < n; i++) s += data[i][j];
    mean[j] = s / n;
  }
  for (long j = 0; j < m; j++) {
    double s = 0.0;
    for (long i = 0; i < n; i++) s += (data[i][j] - mean[j]) * (data[i][j] - mean[j]);
    sd[j] = sqrt(s / n);
    if (sd[j] <= 0.1) sd[j] = 1.0; /* a (near-)constant attribute: avoid dividing by ~0 */
  }
  /* Standardise in place so that a correlation is a plain dot product of two columns. */
  double rn = sqrt((double)n);
  for (long i = 0; i < n; i++)
    for (long j = 0; j < m; j++) data[i][j] = (data[i][j] - mean[j]) / (rn * sd[j]);
  /* Row a of the upper triangle accumulates over the observations; the inner loop walks a row
   * of data, not a column (a column walk would measure cache misses, not code). */
  for (long a = 0; a < m; a++) {
    for (long b = a + 1; b < m; b++) corr[a][b] = 0.0;
    for (long i = 0; i < n; i++) {
      double da = data[i][a];
      for (long b = a + 1; b < m; b++) corr[a][b] += da * data[i][b];
    }
    corr[a][a] = 1.0;
    for (long b = a + 1; b < m; b++) corr[b][a] = corr[a][b];
  }
  wl_kernel_end();
  wl_checksum_f64("corr", &corr[0][0], (size_t)(m * m));
  free(data); free(corr); free(mean); free(sd);
  return 0;
}
