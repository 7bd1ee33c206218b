/* jpeg-decode: baseline JPEG decompression (MiBench consumer/jpeg djpeg, with the codec written
 * here in ../jpeg-encode/jpeg.h). The JPEG file is made at start-up by encoding a generated image
 * (outside the timed region); every pass decodes it. Arguments: width, height, passes. Prints
 * the decoded pixels' hash and the squared error against the original image. */
#include "wasmlab.h"
#include "jpeg.h"

int main(int argc, char **argv) {
  int w = (int)wl_arg_long(argc, argv, 1, 256), h = (int)wl_arg_long(argc, argv, 2, 256);
  long passes = wl_arg_long(argc, argv, 3, 1);
  if (w > 65535 || h > 65535) { fprintf(stderr, "image too large for JPEG\n"); return 2; }
  jp_init();
  uint8_t *rgb = malloc((size_t)w * h * 3);
  if (!rgb) { fprintf(stderr, "out of memory\n"); return 1; }
  wl_rand_seed(22);
  jp_make_image(rgb, w, h, wl_rand_u64);
  jp_out o = { 0 };
  jp_encode(rgb, w, h, &o);
  jp_image img = { 0, 0, NULL };
  wl_kernel_begin();
  for (long p = 0; p < passes; p++) {
    free(img.rgb);
    int err = jp_decode(o.p, o.n, &img);
    if (err) { fprintf(stderr, "decode error %d\n", err); return 1; }
  }
  wl_kernel_end();
  size_t npix = (size_t)w * h * 3;
  uint64_t sq = 0;
  for (size_t i = 0; i < npix; i++) { int d = img.rgb[i] - rgb[i]; sq += (uint64_t)(d * d); }
  printf("jpeg %zu bytes, decoded %dx%d\n", o.n, img.w, img.h);
  wl_checksum_bytes("pixels", img.rgb, npix);
  printf("squared error: %llu (mean %.3f)\n", (unsigned long long)sq, (double)sq / (double)npix);
  free(rgb); free(o.p); free(img.rgb);
  return 0;
}
