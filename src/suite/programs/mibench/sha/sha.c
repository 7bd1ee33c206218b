/* sha: SHA-1 (FIPS 180) digests of a generated buffer (MiBench security/sha, written here from
 * the standard). Arguments: buffer bytes, passes; pass p hashes the buffer with its first 8 bytes
 * replaced by p, so every pass is real work, and all digests are folded into one checksum.
 * `--selftest` (or every run, it is cheap) checks the FIPS "abc" and empty-string answers. */
#include "wasmlab.h"

typedef struct { uint32_t h[5]; uint64_t len; uint8_t buf[64]; size_t fill; } sha1_ctx;

static inline uint32_t rol(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

static void sha1_block(uint32_t h[5], const uint8_t *p) {
  uint32_t w[80];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
  for (int i = 16; i < 80; i++) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (int i = 0; i < 80; i++) {
    uint32_t f, k;
    if (i < 20) { f = (b & c) | (~b & d); k = 0x5A827999u; }
    else if (i < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1u; }
    else if (i < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDCu; }
    else { f = b ^ c ^ d; k = 0xCA62C1D6u; }
    uint32_t t = rol(a, 5) + f + e + k + w[i];
    e = d; d = c; c = rol(b, 30); b = a; a = t;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
}
static void sha1_init(sha1_ctx *c) {
  static const uint32_t iv[5] = { 0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u };
  memcpy(c->h, iv, sizeof iv); c->len = 0; c->fill = 0;
}
static void sha1_update(sha1_ctx *c, const uint8_t *p, size_t n) {
  c->len += n;
  while (n) {
    if (c->fill == 0 && n >= 64) { sha1_block(c->h, p); p += 64; n -= 64; continue; }
    size_t k = 64 - c->fill < n ? 64 - c->fill : n;
    memcpy(c->buf + c->fill, p, k); c->fill += k; p += k; n -= k;
    if (c->fill == 64) { sha1_block(c->h, c->buf); c->fill = 0; }
  }
}
static void sha1_final(sha1_ctx *c, uint8_t out[20]) {
  uint64_t bits = c->len * 8;
  uint8_t pad[72] = { 0x80 };
  size_t padn = (c->fill < 56 ? 56 : 120) - c->fill;
  for (int i = 0; i < 8; i++) pad[padn + i] = (uint8_t)(bits >> (56 - 8 * i));
  sha1_update(c, pad, padn + 8);
  for (int i = 0; i < 20; i++) out[i] = (uint8_t)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}
static void sha1(const void *p, size_t n, uint8_t out[20]) {
  sha1_ctx c; sha1_init(&c); sha1_update(&c, p, n); sha1_final(&c, out);
}
static int hex_eq(const uint8_t d[20], const char *hex) {
  char s[41];
  for (int i = 0; i < 20; i++) snprintf(s + 2 * i, 3, "%02x", d[i]);
  return strcmp(s, hex) == 0;
}
static int selftest(void) {
  uint8_t d[20];
  int bad = 0;
  sha1("abc", 3, d); bad |= !hex_eq(d, "a9993e364706816aba3e25717850c26c9cd0d89d");
  sha1("", 0, d); bad |= !hex_eq(d, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  sha1(m, strlen(m), d); bad |= !hex_eq(d, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  return bad;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--selftest") == 0) {
    int bad = selftest();
    puts(bad ? "selftest FAILED" : "selftest ok");
    return bad;
  }
  if (selftest()) { fprintf(stderr, "SHA-1 self-test failed\n"); return 1; }
  size_t n = (size_t)wl_arg_long(argc, argv, 1, 65536);
  long passes = wl_arg_long(argc, argv, 2, 1);
  uint8_t *buf = malloc(n + 8), digest[20];
  if (!buf) { fprintf(stderr, "out of memory\n"); return 1; }
  wl_rand_seed(7);
  for (size_t i = 0; i < n + 8; i++) buf[i] = (uint8_t)(wl_rand_u64() >> 56);
  uint64_t fold = WL_FNV_INIT;
  wl_kernel_begin();
  for (long p = 0; p < passes; p++) {
    int64_t tag = p; /* fixed width: long differs between wasm32 and x86-64 */
    memcpy(buf, &tag, 8);
    sha1(buf, n, digest);
    fold = wl_fnv1a(fold, digest, 20);
  }
  wl_kernel_end();
  printf("last digest: ");
  for (int i = 0; i < 20; i++) printf("%02x", digest[i]);
  printf("\nfold: %016llx\n", (unsigned long long)fold);
  free(buf);
  return 0;
}
