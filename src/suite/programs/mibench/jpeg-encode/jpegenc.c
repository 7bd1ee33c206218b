/* jpeg-encode: baseline JPEG compression of a generated RGB image with the codec in jpeg.h
 * (MiBench consumer/jpeg cjpeg, with a codec written here). Arguments: width, height, passes;
 * every pass encodes the image again (Huffman tables optimised per pass), the last result is
 * written to out.jpg, a standard JFIF file any JPEG viewer opens. */
#include "wasmlab.h"
#include "jpeg.h"

int main(int argc, char **argv) {
  int w = (int)wl_arg_long(argc, argv, 1, 256), h = (int)wl_arg_long(argc, argv, 2, 256);
  long passes = wl_arg_long(argc, argv, 3, 1);
  if (w > 65535 || h > 65535) { fprintf(stderr, "image too large for JPEG\n"); return 2; }
  jp_init();
  uint8_t *rgb = malloc((size_t)w * h * 3);
  if (!rgb) { fprintf(stderr, "out of memory\n"); return 1; }
  wl_rand_seed(21);
  jp_make_image(rgb, w, h, wl_rand_u64);
  jp_out o = { 0 };
  uint64_t fold = WL_FNV_INIT;
  wl_kernel_begin();
  for (long p = 0; p < passes; p++) {
    jp_encode(rgb, w, h, &o);
    fold = wl_fnv1a(fold, o.p, o.n);
  }
  wl_kernel_end();
  FILE *f = fopen("out.jpg", "wb");
  if (!f || fwrite(o.p, 1, o.n, f) != o.n || fclose(f)) { fprintf(stderr, "cannot write out.jpg\n"); return 1; }
  wl_checksum_bytes("jpeg", o.p, o.n);
  printf("passes fold: %016llx, %.3f bits/pixel\n", (unsigned long long)fold, 8.0 * (double)o.n / ((double)w * h));
  free(rgb); free(o.p);
  return 0;
}
