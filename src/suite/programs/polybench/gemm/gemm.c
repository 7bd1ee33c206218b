/* gemm: C = alpha*A*B + beta*C (PolyBench's linear-algebra/blas/gemm, written from its
 * definition). Argument: n (square matrices n×n). */
#include "wasmlab.h"

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 100);
  double alpha = 1.5, beta = 1.2;
  double *A = malloc(sizeof(double) * n * n), *B = malloc(sizeof(double) * n * n),
         *C = malloc(sizeof(double) * n * n);
  if (!A || !B || !C) { fprintf(stderr, "out of memory\n"); return 1; }
  for (long i = 0; i < n; i++)
    for (long j = 0; j < n; j++) {
      A[i * n + j] = (double)((i * j + 1) % n) / n;
      B[i * n + j] = (double)((i * (j + 1) + 2) % n) / n;
      C[i * n + j] = (double)((i * (j + 2) + 3) % n) / n;
    }
  wl_kernel_begin();
  for (long i = 0; i < n; i++) {
    for (long j = 0; j < n; j++) C[i * n + j] *= beta;
    for (long k = 0; k < n; k++) {
      double a = alpha * A[i * n + k];
      for (long j = 0; j < n; j++) C[i * n + j] += a * B[k * n + j];
    }
  }
  wl_kernel_end();
  wl_checksum_f64("C", C, (size_t)(n * n));
  free(A); free(B); free(C);
  return 0;
}
