/* 2mm: D = alpha*A*B*C + beta*D, as tmp = alpha*A*B then D = tmp*C + beta*D; A ni×nk, B nk×nj,
 * C nj×nl, D ni×nl (PolyBench's linear-algebra/kernels/2mm, written from its definition).
 * Arguments: ni nj nk nl. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long ni = wl_arg_long(argc, argv, 1, 16), nj = wl_arg_long(argc, argv, 2, 18),
       nk = wl_arg_long(argc, argv, 3, 22), nl = wl_arg_long(argc, argv, 4, 24);
  double alpha = 1.5, beta = 1.2;
  double (*A)[nk] = xmalloc(sizeof(double[ni][nk])), (*B)[nj] = xmalloc(sizeof(double[nk][nj]));
  double (*C)[nl] = xmalloc(sizeof(double[nj][nl])), (*D)[nl] = xmalloc(sizeof(double[ni][nl]));
  double (*tmp)[nj] = xmalloc(sizeof(double[ni][nj]));
  for (long i = 0; i < ni; i++) for (long k = 0; k < nk; k++) A[i][k] = (double)((i * k + 1) % ni) / ni;
  for (long k = 0; k < nk; k++) for (long j = 0; j < nj; j++) B[k][j] = (double)(k * (j + 1) % nj) / nj;
  for (long j = 0; j < nj; j++) for (long l = 0; l < nl; l++) C[j][l] = (double)((j * (l + 3) + 1) % nl) / nl;
  for (long i = 0; i < ni; i++) for (long l = 0; l < nl; l++) D[i][l] = (double)(i * (l + 2) % nk) / nk;
  wl_kernel_begin();
  for (long i = 0; i < ni; i++) {
    for (long j = 0; j < nj; j++) tmp[i][j] = 0.0;
    for (long k = 0; k < nk; k++) {
      double a = alpha * A[i][k];
      for (long j = 0; j < nj; j++) tmp[i][j] += a * B[k][j];
    }
  }
  for (long i = 0; i < ni; i++) {
    for (long l = 0; l < nl; l++) D[i][l] *= beta;
    for (long j = 0; j < nj; j++) {
      double t = tmp[i][j];
      for (long l = 0; l < nl; l++) D[i][l] += t * C[j][l];
    }
  }
  wl_kernel_end();
  wl_checksum_f64("D", &D[0][0], (size_t)(ni * nl));
  free(A); free(B); free(C); free(D); free(tmp);
  return 0;
}
