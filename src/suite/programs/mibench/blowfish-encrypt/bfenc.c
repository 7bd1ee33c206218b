/* blowfish-encrypt: Blowfish in CBC mode over a generated buffer (MiBench security/blowfish,
 * written here). Arguments: buffer bytes, passes; each pass encrypts the whole buffer, chaining
 * the IV from the previous pass so no pass repeats another's work. */
#include "wasmlab.h"
#include "blowfish.h"

int main(int argc, char **argv) {
  size_t n = (size_t)wl_arg_long(argc, argv, 1, 65536) & ~(size_t)7;
  long passes = wl_arg_long(argc, argv, 2, 1);
  bf_compute_pi();
  if (bf_selftest()) { fprintf(stderr, "blowfish self-test failed\n"); return 1; }
  uint8_t *in = malloc(n), *out = malloc(n), key[16];
  if (!in || !out) { fprintf(stderr, "out of memory\n"); return 1; }
  wl_rand_seed(42);
  for (int i = 0; i < 16; i++) key[i] = (uint8_t)wl_rand_u32();
  for (size_t i = 0; i < n; i++) in[i] = (uint8_t)(wl_rand_u64() >> 56);
  static bf_ctx ctx;
  bf_init(&ctx, key, 16);
  uint32_t iv[2] = { 0x01234567u, 0x89abcdefu };
  wl_kernel_begin();
  for (long p = 0; p < passes; p++) bf_cbc_encrypt(&ctx, out, in, n, iv);
  wl_kernel_end();
  wl_checksum_bytes("ciphertext", out, n);
  printf("iv: %08x%08x\n", iv[0], iv[1]);
  free(in); free(out);
  return 0;
}
