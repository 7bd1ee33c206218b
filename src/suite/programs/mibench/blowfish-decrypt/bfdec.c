/* blowfish-decrypt: Blowfish CBC decryption (MiBench security/blowfish, written here). The
 * ciphertext is made at start-up by encrypting a generated buffer once (outside the timed region);
 * each pass decrypts it again and the result must equal the plaintext. Arguments: buffer bytes,
 * passes. The cipher lives in ../blowfish-encrypt/blowfish.h. */
#include "wasmlab.h"
#include "blowfish.h"

int main(int argc, char **argv) {
  size_t n = (size_t)wl_arg_long(argc, argv, 1, 65536) & ~(size_t)7;
  long passes = wl_arg_long(argc, argv, 2, 1);
  bf_compute_pi();
  if (bf_selftest()) { fprintf(stderr, "blowfish self-test failed\n"); return 1; }
  uint8_t *plain = malloc(n), *ct = malloc(n), *out = malloc(n), key[16];
  if (!plain || !ct || !out) { fprintf(stderr, "out of memory\n"); return 1; }
  wl_rand_seed(43);
  for (int i = 0; i < 16; i++) key[i] = (uint8_t)wl_rand_u32();
  for (size_t i = 0; i < n; i++) plain[i] = (uint8_t)(wl_rand_u64() >> 56);
  static bf_ctx ctx;
  bf_init(&ctx, key, 16);
  const uint32_t iv0[2] = { 0x01234567u, 0x89abcdefu };
  uint32_t iv[2] = { iv0[0], iv0[1] };
  bf_cbc_encrypt(&ctx, ct, plain, n, iv);
  wl_kernel_begin();
  for (long p = 0; p < passes; p++) {
    iv[0] = iv0[0]; iv[1] = iv0[1];
    bf_cbc_decrypt(&ctx, out, ct, n, iv);
  }
  wl_kernel_end();
  printf("roundtrip: %s\n", memcmp(out, plain, n) ? "MISMATCH" : "ok");
  wl_checksum_bytes("ciphertext", ct, n);
  wl_checksum_bytes("plaintext", out, n);
  free(plain); free(ct); free(out);
  return 0;
}
