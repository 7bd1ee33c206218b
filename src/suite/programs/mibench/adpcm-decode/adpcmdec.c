/* adpcm-decode: IMA ADPCM decoding (MiBench telecomm/adpcm rawdaudio, written here). The ADPCM
 * stream is made at start-up by encoding a generated signal (outside the timed region); each pass
 * decodes all of it from a fresh state. Arguments: samples, passes. Coder in
 * ../adpcm-encode/adpcm.h. Prints the decoded samples' hash and the squared error against the
 * original signal (a wrong decoder shows up as a large error). */
#include "wasmlab.h"
#include "adpcm.h"

int main(int argc, char **argv) {
  size_t n = (size_t)wl_arg_long(argc, argv, 1, 65536) & ~(size_t)1;
  long passes = wl_arg_long(argc, argv, 2, 1);
  int16_t *pcm = malloc(n * sizeof *pcm), *out = malloc(n * sizeof *out);
  uint8_t *code = malloc(n / 2);
  if (!pcm || !out || !code) { fprintf(stderr, "out of memory\n"); return 1; }
  wl_rand_seed(12);
  make_signal(pcm, n, wl_rand_u32);
  adpcm_state st = { 0, 0 };
  adpcm_encode(&st, pcm, code, n);
  wl_kernel_begin();
  for (long p = 0; p < passes; p++) {
    st.pred = 0; st.index = 0;
    adpcm_decode(&st, code, out, n);
  }
  wl_kernel_end();
  uint64_t err = 0, energy = 0;
  for (size_t i = 0; i < n; i++) {
    int64_t d = (int64_t)out[i] - pcm[i];
    err += (uint64_t)(d * d); energy += (uint64_t)((int64_t)pcm[i] * pcm[i]);
  }
  wl_checksum_bytes("decoded", out, n * sizeof *out);
  printf("squared error: %llu signal energy: %llu\n", (unsigned long long)err, (unsigned long long)energy);
  free(pcm); free(out); free(code);
  return 0;
}
