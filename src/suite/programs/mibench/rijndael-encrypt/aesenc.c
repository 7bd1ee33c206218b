/* rijndael-encrypt: AES-128 in CBC mode over a generated buffer (MiBench security/rijndael,
 * written here from FIPS-197). Arguments: buffer bytes, passes; each pass encrypts the whole buffer, chaining
 * the IV from the previous pass so no pass repeats another's work. */
#include "wasmlab.h"
#include "aes.h"

int main(int argc, char **argv) {
  size_t n = (size_t)wl_arg_long(argc, argv, 1, 65536) & ~(size_t)15;
  long passes = wl_arg_long(argc, argv, 2, 1);
  aes_tables();
  if (aes_selftest()) { fprintf(stderr, "AES self-test failed\n"); return 1; }
  uint8_t *in = malloc(n), *out = malloc(n), key[16];
  if (!in || !out) { fprintf(stderr, "out of memory\n"); return 1; }
  wl_rand_seed(42);
  for (int i = 0; i < 16; i++) key[i] = (uint8_t)wl_rand_u32();
  for (size_t i = 0; i < n; i++) in[i] = (uint8_t)(wl_rand_u64() >> 56);
  static aes_ctx ctx;
  aes_init(&ctx, key);
  uint32_t iv[4] = { 0x01234567u, 0x89abcdefu, 0xfedcba98u, 0x76543210u };
  wl_kernel_begin();
  for (long p = 0; p < passes; p++) aes_cbc_encrypt(&ctx, out, in, n, iv);
  wl_kernel_end();
  wl_checksum_bytes("ciphertext", out, n);
  printf("iv: %08x%08x%08x%08x\n", iv[0], iv[1], iv[2], iv[3]);
  free(in); free(out);
  return 0;
}
