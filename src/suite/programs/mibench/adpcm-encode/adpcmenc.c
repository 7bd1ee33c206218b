/* adpcm-encode: IMA ADPCM encoding of a generated 16-bit signal (MiBench telecomm/adpcm rawcaudio,
 * written here). Arguments: samples, passes; the coder state runs on from pass to pass like one
 * long stream. */
#include "wasmlab.h"
#include "adpcm.h"

int main(int argc, char **argv) {
  size_t n = (size_t)wl_arg_long(argc, argv, 1, 65536) & ~(size_t)1;
  long passes = wl_arg_long(argc, argv, 2, 1);
  int16_t *pcm = malloc(n * sizeof *pcm);
  uint8_t *code = malloc(n / 2);
  if (!pcm || !code) { fprintf(stderr, "out of memory\n"); return 1; }
  wl_rand_seed(11);
  make_signal(pcm, n, wl_rand_u32);
  adpcm_state st = { 0, 0 };
  wl_kernel_begin();
  for (long p = 0; p < passes; p++) adpcm_encode(&st, pcm, code, n);
  wl_kernel_end();
  wl_checksum_bytes("pcm", pcm, n * sizeof *pcm);
  wl_checksum_bytes("adpcm", code, n / 2);
  printf("state: %d %d\n", st.pred, st.index);
  free(pcm); free(code);
  return 0;
}
