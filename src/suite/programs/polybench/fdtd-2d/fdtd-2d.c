/* fdtd-2d: 2-D finite-difference time-domain (Yee) update of the fields Ex, Ey, Hz on an nx×ny
 * grid, with a source driving the row i = 0 of Ey (PolyBench's stencils/fdtd-2d, written from
 * the scheme's definition). Arguments: tmax nx ny. */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long tmax = wl_arg_long(argc, argv, 1, 20), nx = wl_arg_long(argc, argv, 2, 20),
       ny = wl_arg_long(argc, argv, 3, 30);
  double (*ex)[ny] = xmalloc(sizeof(double[nx][ny])), (*ey)[ny] = xmalloc(sizeof(double[nx][ny]));
  double (*hz)[ny] = xmalloc(sizeof(double[nx][ny]));
  double *src = xmalloc(sizeof(double[tmax]));
  for (long t = 0; t < tmax; t++) src[t] = (double)(t % 64) / 64.0;
  for (long i = 0; i < nx; i++)
    for (long j = 0; j < ny; j++) {
      ex[i][j] = (double)((i * (j + 1)) % nx) / nx;
      ey[i][j] = (double)((i * (j + 2)) % ny) / ny;
      hz[i][j] = (double)((i * (j + 3)) % nx) / nx;
    }
  /* Update factors (c*dt/dx for E and H) below the 2-D Courant limit, so the scheme is stable. */
  const double ce = 0.5, ch = 0.7;
  wl_kernel_begin();
  for (long t = 0; t < tmax; t++) {
    for (long j = 0; j < ny; j++) ey[0][j] = src[t];
    for (long i = 1; i < nx; i++)
      for (long j = 0; j < ny; j++) ey[i][j] -= ce * (hz[i][j] - hz[i - 1][j]);
    for (long i = 0; i < nx; i++)
      for (long j = 1; j < ny; j++) ex[i][j] -= ce * (hz[i][j] - hz[i][j - 1]);
    for (long i = 0; i < nx - 1; i++)
      for (long j = 0; j < ny - 1; j++)
        hz[i][j] -= ch * (ex[i][j + 1] - ex[i][j] + ey[i + 1][j] - ey[i][j]);
  }
  wl_kernel_end();
  wl_checksum_f64("ex", &ex[0][0], (size_t)(nx * ny));
  wl_checksum_f64("ey", &ey[0][0], (size_t)(nx * ny));
  wl_checksum_f64("hz", &hz[0][0], (size_t)(nx * ny));
  free(ex); free(ey); free(hz); free(src);
  return 0;
}
