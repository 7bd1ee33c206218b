/* aes.h — AES-128 (FIPS-197), written here from the standard: the S-box is computed at start-up
 * from multiplicative inverses in GF(2^8) plus the affine map, and the round "T-tables" (the
 * usual 32-bit table formulation of SubBytes+ShiftRows+MixColumns) are derived from it.
 * Decryption uses the equivalent inverse cipher. Shared by mibench/rijndael-{encrypt,decrypt}. */
#ifndef AES_H
#define AES_H
#include <stdint.h>
#include <string.h>

static uint8_t aes_sbox[256], aes_inv[256];
static uint32_t aes_te[4][256], aes_td[4][256];

static inline uint8_t gf_mul(uint8_t a, uint8_t b) {
  uint8_t p = 0;
  while (b) {
    if (b & 1) p ^= a;
    a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
    b >>= 1;
  }
  return p;
}
static inline uint32_t ror32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void aes_tables(void) {
  for (int x = 0; x < 256; x++) {
    uint8_t inv = 0; /* x^254 = x^-1 (0 maps to 0) */
    if (x) { uint8_t p = (uint8_t)x; inv = 1; for (int e = 254; e; e >>= 1) { if (e & 1) inv = gf_mul(inv, p); p = gf_mul(p, p); } }
    uint8_t s = inv;
    for (int k = 1; k <= 4; k++) s ^= (uint8_t)((inv << k) | (inv >> (8 - k)));
    s ^= 0x63;
    aes_sbox[x] = s;
    aes_inv[s] = (uint8_t)x;
  }
  for (int x = 0; x < 256; x++) {
    uint8_t s = aes_sbox[x], i = aes_inv[x];
    uint32_t e = (uint32_t)gf_mul(s, 2) << 24 | (uint32_t)s << 16 | (uint32_t)s << 8 | gf_mul(s, 3);
    uint32_t d = (uint32_t)gf_mul(i, 14) << 24 | (uint32_t)gf_mul(i, 9) << 16 |
                 (uint32_t)gf_mul(i, 13) << 8 | gf_mul(i, 11);
    for (int k = 0; k < 4; k++) { aes_te[k][x] = ror32(e, 8 * k); aes_td[k][x] = ror32(d, 8 * k); }
    aes_te[0][x] = e; aes_td[0][x] = d;
  }
}

typedef struct { uint32_t ek[44], dk[44]; } aes_ctx;

static inline uint32_t aes_ld(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void aes_st(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static inline uint32_t aes_subword(uint32_t w) {
  return (uint32_t)aes_sbox[w >> 24] << 24 | (uint32_t)aes_sbox[(w >> 16) & 255] << 16 |
         (uint32_t)aes_sbox[(w >> 8) & 255] << 8 | aes_sbox[w & 255];
}
/* key expansion; aes_tables() must have run */
static void aes_init(aes_ctx *c, const uint8_t key[16]) {
  uint32_t *w = c->ek;
  uint8_t rcon = 1;
  for (int i = 0; i < 4; i++) w[i] = aes_ld(key + 4 * i);
  for (int i = 4; i < 44; i++) {
    uint32_t t = w[i - 1];
    if (i % 4 == 0) { t = aes_subword((t << 8) | (t >> 24)) ^ (uint32_t)rcon << 24; rcon = gf_mul(rcon, 2); }
    w[i] = w[i - 4] ^ t;
  }
  /* equivalent inverse cipher: round keys reversed, InvMixColumns on the middle ones
   * (td[k][sbox[b]] is InvMixColumns applied to byte b alone) */
  for (int r = 0; r <= 10; r++)
    for (int j = 0; j < 4; j++) {
      uint32_t k = w[4 * (10 - r) + j];
      if (r > 0 && r < 10)
        k = aes_td[0][aes_sbox[k >> 24]] ^ aes_td[1][aes_sbox[(k >> 16) & 255]] ^
            aes_td[2][aes_sbox[(k >> 8) & 255]] ^ aes_td[3][aes_sbox[k & 255]];
      c->dk[4 * r + j] = k;
    }
}

#define AES_ROUND(T, o0, o1, o2, o3, a, b, cc, d, k)                                            \
  o0 = T[0][a >> 24] ^ T[1][(b >> 16) & 255] ^ T[2][(cc >> 8) & 255] ^ T[3][d & 255] ^ (k)[0]; \
  o1 = T[0][b >> 24] ^ T[1][(cc >> 16) & 255] ^ T[2][(d >> 8) & 255] ^ T[3][a & 255] ^ (k)[1]; \
  o2 = T[0][cc >> 24] ^ T[1][(d >> 16) & 255] ^ T[2][(a >> 8) & 255] ^ T[3][b & 255] ^ (k)[2]; \
  o3 = T[0][d >> 24] ^ T[1][(a >> 16) & 255] ^ T[2][(b >> 8) & 255] ^ T[3][cc & 255] ^ (k)[3];
#define AES_LAST(S, a, b, cc, d, k) \
  ((uint32_t)S[a >> 24] << 24 ^ (uint32_t)S[(b >> 16) & 255] << 16 ^ (uint32_t)S[(cc >> 8) & 255] << 8 ^ S[d & 255] ^ (k))

/* block in s[4] (big-endian words) */
static inline void aes_encrypt(const aes_ctx *c, uint32_t s[4]) {
  const uint32_t *k = c->ek;
  uint32_t a = s[0] ^ k[0], b = s[1] ^ k[1], cc = s[2] ^ k[2], d = s[3] ^ k[3], t0, t1, t2, t3;
  for (int r = 1; r < 10; r++) {
    AES_ROUND(aes_te, t0, t1, t2, t3, a, b, cc, d, k + 4 * r)
    a = t0; b = t1; cc = t2; d = t3;
  }
  k += 40;
  s[0] = AES_LAST(aes_sbox, a, b, cc, d, k[0]);
  s[1] = AES_LAST(aes_sbox, b, cc, d, a, k[1]);
  s[2] = AES_LAST(aes_sbox, cc, d, a, b, k[2]);
  s[3] = AES_LAST(aes_sbox, d, a, b, cc, k[3]);
}
/* inverse ShiftRows moves bytes the other way: column j takes row 1 from column j+3 etc. */
static inline void aes_decrypt(const aes_ctx *c, uint32_t s[4]) {
  const uint32_t *k = c->dk;
  uint32_t a = s[0] ^ k[0], b = s[1] ^ k[1], cc = s[2] ^ k[2], d = s[3] ^ k[3], t0, t1, t2, t3;
  for (int r = 1; r < 10; r++) {
    const uint32_t *rk = k + 4 * r;
    t0 = aes_td[0][a >> 24] ^ aes_td[1][(d >> 16) & 255] ^ aes_td[2][(cc >> 8) & 255] ^ aes_td[3][b & 255] ^ rk[0];
    t1 = aes_td[0][b >> 24] ^ aes_td[1][(a >> 16) & 255] ^ aes_td[2][(d >> 8) & 255] ^ aes_td[3][cc & 255] ^ rk[1];
    t2 = aes_td[0][cc >> 24] ^ aes_td[1][(b >> 16) & 255] ^ aes_td[2][(a >> 8) & 255] ^ aes_td[3][d & 255] ^ rk[2];
    t3 = aes_td[0][d >> 24] ^ aes_td[1][(cc >> 16) & 255] ^ aes_td[2][(b >> 8) & 255] ^ aes_td[3][a & 255] ^ rk[3];
    a = t0; b = t1; cc = t2; d = t3;
  }
  k += 40;
  s[0] = AES_LAST(aes_inv, a, d, cc, b, k[0]);
  s[1] = AES_LAST(aes_inv, b, a, d, cc, k[1]);
  s[2] = AES_LAST(aes_inv, cc, b, a, d, k[2]);
  s[3] = AES_LAST(aes_inv, d, cc, b, a, k[3]);
}
static inline void aes_cbc_encrypt(const aes_ctx *c, uint8_t *out, const uint8_t *in, size_t n, uint32_t iv[4]) {
  for (size_t i = 0; i < n; i += 16) {
    for (int j = 0; j < 4; j++) iv[j] ^= aes_ld(in + i + 4 * j);
    aes_encrypt(c, iv);
    for (int j = 0; j < 4; j++) aes_st(out + i + 4 * j, iv[j]);
  }
}
static inline void aes_cbc_decrypt(const aes_ctx *c, uint8_t *out, const uint8_t *in, size_t n, uint32_t iv[4]) {
  for (size_t i = 0; i < n; i += 16) {
    uint32_t s[4], ct[4];
    for (int j = 0; j < 4; j++) s[j] = ct[j] = aes_ld(in + i + 4 * j);
    aes_decrypt(c, s);
    for (int j = 0; j < 4; j++) { aes_st(out + i + 4 * j, s[j] ^ iv[j]); iv[j] = ct[j]; }
  }
}
/* FIPS-197 appendix B and C.1 known answers; returns 0 when both pass both ways */
static int aes_selftest(void) {
  static const uint8_t v[2][3][16] = {
    { {0x2b,0x7e,0x15,0x16,0x28,0xae,0xd2,0xa6,0xab,0xf7,0x15,0x88,0x09,0xcf,0x4f,0x3c},
      {0x32,0x43,0xf6,0xa8,0x88,0x5a,0x30,0x8d,0x31,0x31,0x98,0xa2,0xe0,0x37,0x07,0x34},
      {0x39,0x25,0x84,0x1d,0x02,0xdc,0x09,0xfb,0xdc,0x11,0x85,0x97,0x19,0x6a,0x0b,0x32} },
    { {0x00,0x01,0x02,0x03,0x04,0x05,0x06,0x07,0x08,0x09,0x0a,0x0b,0x0c,0x0d,0x0e,0x0f},
      {0x00,0x11,0x22,0x33,0x44,0x55,0x66,0x77,0x88,0x99,0xaa,0xbb,0xcc,0xdd,0xee,0xff},
      {0x69,0xc4,0xe0,0xd8,0x6a,0x7b,0x04,0x30,0xd8,0xcd,0xb7,0x80,0x70,0xb4,0xc5,0x5a} },
  };
  int bad = aes_sbox[0] != 0x63 || aes_sbox[0x53] != 0xed;
  static aes_ctx c;
  for (int t = 0; t < 2; t++) {
    aes_init(&c, v[t][0]);
    uint32_t s[4];
    for (int j = 0; j < 4; j++) s[j] = aes_ld(v[t][1] + 4 * j);
    aes_encrypt(&c, s);
    for (int j = 0; j < 4; j++) bad |= s[j] != aes_ld(v[t][2] + 4 * j);
    aes_decrypt(&c, s);
    for (int j = 0; j < 4; j++) bad |= s[j] != aes_ld(v[t][1] + 4 * j);
  }
  return bad;
}
#endif
