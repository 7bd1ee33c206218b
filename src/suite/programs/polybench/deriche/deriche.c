/* deriche: Deriche's recursive (IIR) smoothing filter on a w×h image: a causal and an
 * anti-causal second-order pass along every row, summed, then the same along every column
 * (PolyBench's medley/deriche, written from Deriche's 1990 recursive-filter definition).
 * Arguments: w h reps — filtered reps times (one O(wh) pass is too short to time). */
#include "wasmlab.h"

static void *xmalloc(size_t s) {
  void *p = malloc(s);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

int main(int argc, char **argv) {
  long w = wl_arg_long(argc, argv, 1, 64), h = wl_arg_long(argc, argv, 2, 64),
       reps = wl_arg_long(argc, argv, 3, 1);
  double (*in)[h] = xmalloc(sizeof(double[w][h])), (*out)[h] = xmalloc(sizeof(double[w][h]));
  double (*y1)[h] = xmalloc(sizeof(double[w][h])), (*y2)[h] = xmalloc(sizeof(double[w][h]));
  for (long i = 0; i < w; i++)
    for (long j = 0; j < h; j++) in[i][j] = (double)((313 * i + 991 * j) % 65536) / 65535.0;
  /* Smoothing-filter coefficients for scale alpha; both poles at e^-alpha (stable). */
  double alpha = 0.25, ea = exp(-alpha), e2a = exp(-2.0 * alpha);
  double k = (1.0 - ea) * (1.0 - ea) / (1.0 + 2.0 * alpha * ea - e2a);
  double a1 = k, a2 = k * ea * (alpha - 1.0), a3 = k * ea * (alpha + 1.0), a4 = -k * e2a;
  double b1 = 2.0 * ea, b2 = -e2a;
  wl_kernel_begin();
  for (long r = 0; r < reps; r++) {
    for (long i = 0; i < w; i++) { /* along j: causal y1, anti-causal y2 */
      double xm1 = 0, ym1 = 0, ym2 = 0;
      for (long j = 0; j < h; j++) {
        y1[i][j] = a1 * in[i][j] + a2 * xm1 + b1 * ym1 + b2 * ym2;
        xm1 = in[i][j]; ym2 = ym1; ym1 = y1[i][j];
      }
      double xp1 = 0, xp2 = 0, yp1 = 0, yp2 = 0;
      for (long j = h - 1; j >= 0; j--) {
        y2[i][j] = a3 * xp1 + a4 * xp2 + b1 * yp1 + b2 * yp2;
        xp2 = xp1; xp1 = in[i][j]; yp2 = yp1; yp1 = y2[i][j];
      }
    }
    for (long i = 0; i < w; i++)
      for (long j = 0; j < h; j++) out[i][j] = y1[i][j] + y2[i][j];
    /* along i, on the row pass's result; the recursions run across rows, one column at a time
     * in the inner loop so memory is still walked by rows */
    for (long j = 0; j < h; j++) y1[0][j] = a1 * out[0][j];
    for (long j = 0; j < h; j++) y1[1][j] = a1 * out[1][j] + a2 * out[0][j] + b1 * y1[0][j];
    for (long i = 2; i < w; i++)
      for (long j = 0; j < h; j++)
        y1[i][j] = a1 * out[i][j] + a2 * out[i - 1][j] + b1 * y1[i - 1][j] + b2 * y1[i - 2][j];
    for (long j = 0; j < h; j++) y2[w - 1][j] = 0.0;
    for (long j = 0; j < h; j++) y2[w - 2][j] = a3 * out[w - 1][j];
    for (long i = w - 3; i >= 0; i--)
      for (long j = 0; j < h; j++)
        y2[i][j] = a3 * out[i + 1][j] + a4 * out[i + 2][j] + b1 * y2[i + 1][j] + b2 * y2[i + 2][j];
    for (long i = 0; i < w; i++)
      for (long j = 0; j < h; j++) out[i][j] = y1[i][j] + y2[i][j];
  }
  wl_kernel_end();
  wl_checksum_f64("out", &out[0][0], (size_t)(w * h));
  free(in); free(out); free(y1); free(y2);
  return 0;
}
