/* 3mm: G = (A*B)*(C*D); A ni×nk, B nk×nj, C nj×nm, D nm×nl (PolyBench's
 * linear-algebra/kernels/3mm, written from its definition). Arguments: ni nj nk nl nm. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

/* X (r×c) = Y (r×q) * Z (q×c), row by row so the innermost loop streams rows of Z. */
static void matmul(long r, long q, long c, double X[r][c], double Y[r][q], double Z[q][c]) {
  for (long i = 0; i < r; i++) {
    for (long j = 0; j < c; j++) X[i][j] = 0.0;
    for (long k = 0; k < q; k++) {
      double y = Y[i][k];
      for (long j = 0; j < c; j++) X[i][j] += y * Z[k][j];
    }
  }
}

int main(int argc, char **argv) {
  long ni = wl_arg_long(argc, argv, 1, 16), nj = wl_arg_long(argc, argv, 2, 18),
       nk = wl_arg_long(argc, argv, 3, 20), nl = wl_arg_long(argc, argv, 4, 22),
       nm = wl_arg_long(argc, argv, 5, 24);
  double (*A)[nk] = xmalloc(sizeof(double[ni][nk])), (*B)[nj] = xmalloc(sizeof(double[nk][nj]));
  double (*C)[nm] = xmalloc(sizeof(double[nj][nm])), (*D)[nl] = xmalloc(sizeof(double[nm][nl]));
  double (*E)[nj] = xmalloc(sizeof(double[ni][nj])), (*F)[nl] = xmalloc(sizeof(double[nj][nl]));
  double (*G)[nl] = xmalloc(sizeof(double[ni][nl]));
  for (long i = 0; i < ni; i++) for (long k = 0; k < nk; k++) A[i][k] = (double)((i * k + 1) % ni) / (5 * ni);
  for (long k = 0; k < nk; k++) for (long j = 0; j < nj; j++) B[k][j] = (double)((k * (j + 1) + 2) % nj) / (5 * nj);
  for (long j = 0; j < nj; j++) for (long m = 0; m < nm; m++) C[j][m] = (double)(j * (m + 3) % nl) / (5 * nl);
  for (long m = 0; m < nm; m++) for (long l = 0; l < nl; l++) D[m][l] = (double)((m * (l + 2) + 2) % nk) / (5 * nk);
  wl_kernel_begin();
  matmul(ni, nk, nj, E, A, B);
  matmul(nj, nm, nl, F, C, D);
  matmul(ni, nj, nl, G, E, F);
  wl_kernel_end();
  wl_checksum_f64("G", &G[0][0], (size_t)(ni * nl));
  free(A); free(B); free(C); free(D); free(E); free(F); free(G);
  return 0;
}
