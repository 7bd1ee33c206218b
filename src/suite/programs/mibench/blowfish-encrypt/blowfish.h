/* blowfish.h — Blowfish (Schneier 1993), written here from the published description.
 * The initial P-array and S-boxes are the fractional hex digits of pi; instead of pasting a
 * table we compute pi to 1042 32-bit words at start-up with Machin's formula
 * pi = 16·atan(1/5) − 4·atan(1/239) in fixed-point big-number arithmetic. Shared by
 * mibench/blowfish-encrypt and mibench/blowfish-decrypt. */
#ifndef BLOWFISH_H
#define BLOWFISH_H
#include <stdint.h>
#include <string.h>

#define BF_WORDS (18 + 4 * 256)
#define BF_LIMBS (1 + BF_WORDS + 2) /* integer limb, fraction words, 2 guard limbs */

static inline uint32_t bf_divstep(uint64_t u, int64_t d, int64_t *rem) {
  uint64_t q = u / (uint64_t)d;
  *rem = (int64_t)(u - q * (uint64_t)d);
  return (uint32_t)q;
}
/* One step of both arctan series at once: for each series, acc ±= t/(2k+1) and t /= x², in one
 * pass over the limbs. acc is kept unnormalised (signed 64-bit, no carries) so the addition
 * fuses into the division pass; the independent remainder chains overlap in the CPU. */
static void bf_step(int64_t *acc, uint32_t *t, int lo, int64_t d1, int64_t d2, int sign) {
  int64_t r1 = 0, r2 = 0;
  for (int i = lo; i < BF_LIMBS; i++) {
    uint32_t q1 = bf_divstep(((uint64_t)r1 << 32) | t[i], d1, &r1);
    t[i] = bf_divstep(((uint64_t)r2 << 32) | t[i], d2, &r2);
    acc[i] += sign > 0 ? (int64_t)q1 : -(int64_t)q1;
  }
}
static int bf_lead(const uint32_t *t, int lo) {
  while (lo < BF_LIMBS && t[lo] == 0) lo++;
  return lo;
}
typedef struct { uint32_t P[18], S[4][256]; } bf_ctx;
static uint32_t bf_pi[BF_WORDS];

static void bf_compute_pi(void) {
  /* pi = 16·atan(1/5) − 4·atan(1/239); atan(1/x) = Σ (−1)^k / ((2k+1)·x^(2k+1)) */
  static int64_t acc[BF_LIMBS];
  static uint32_t t5[BF_LIMBS], t239[BF_LIMBS];
  memset(acc, 0, sizeof acc); memset(t5, 0, sizeof t5); memset(t239, 0, sizeof t239);
  int64_t r;
  t5[0] = 16; t239[0] = 4;
  for (int i = 0, j = 0; j < 2; j++) { /* t5 = 16/5, t239 = 4/239 */
    uint32_t *t = j ? t239 : t5; int64_t d = j ? 239 : 5;
    r = 0;
    for (i = 0; i < BF_LIMBS; i++) t[i] = bf_divstep(((uint64_t)r << 32) | t[i], d, &r);
  }
  int lo5 = 0, lo239 = 0;
  for (int64_t k = 0; lo5 < BF_LIMBS || lo239 < BF_LIMBS; k++) {
    int s = (k & 1) ? -1 : 1;
    if (lo5 < BF_LIMBS) bf_step(acc, t5, lo5, 2 * k + 1, 25, s);
    if (lo239 < BF_LIMBS) bf_step(acc, t239, lo239, 2 * k + 1, 239 * 239, -s);
    lo5 = bf_lead(t5, lo5); lo239 = bf_lead(t239, lo239);
  }
  int64_t carry = 0; /* normalise: base 2^32 with carries, low limb first */
  for (int i = BF_LIMBS - 1; i >= 1; i--) {
    int64_t v = acc[i] + carry;
    uint32_t low = (uint32_t)v;
    carry = (v - (int64_t)low) / 4294967296ll;
    if (i <= BF_WORDS) bf_pi[i - 1] = low;
  }
}

#define BF_F(c, x) \
  ((((c)->S[0][(x) >> 24] + (c)->S[1][((x) >> 16) & 255]) ^ (c)->S[2][((x) >> 8) & 255]) + \
   (c)->S[3][(x) & 255])

static inline void bf_encrypt(const bf_ctx *c, uint32_t *lp, uint32_t *rp) {
  uint32_t l = *lp, r = *rp;
  for (int i = 0; i < 16; i += 2) {
    l ^= c->P[i]; r ^= BF_F(c, l);
    r ^= c->P[i + 1]; l ^= BF_F(c, r);
  }
  *lp = r ^ c->P[17];
  *rp = l ^ c->P[16];
}
static inline void bf_decrypt(const bf_ctx *c, uint32_t *lp, uint32_t *rp) {
  uint32_t l = *lp, r = *rp;
  for (int i = 17; i > 1; i -= 2) {
    l ^= c->P[i]; r ^= BF_F(c, l);
    r ^= c->P[i - 1]; l ^= BF_F(c, r);
  }
  *lp = r ^ c->P[0];
  *rp = l ^ c->P[1];
}
/* key schedule; bf_compute_pi() must have run */
static void bf_init(bf_ctx *c, const uint8_t *key, int len) {
  memcpy(c->P, bf_pi, sizeof c->P);
  memcpy(c->S, bf_pi + 18, sizeof c->S);
  for (int i = 0, j = 0; i < 18; i++) {
    uint32_t w = 0;
    for (int k = 0; k < 4; k++, j = (j + 1) % len) w = (w << 8) | key[j];
    c->P[i] ^= w;
  }
  uint32_t l = 0, r = 0;
  for (int i = 0; i < 18; i += 2) { bf_encrypt(c, &l, &r); c->P[i] = l; c->P[i + 1] = r; }
  for (int s = 0; s < 4; s++)
    for (int i = 0; i < 256; i += 2) { bf_encrypt(c, &l, &r); c->S[s][i] = l; c->S[s][i + 1] = r; }
}
static inline uint32_t bf_load(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void bf_store(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
/* CBC over n bytes (n a multiple of 8); iv updated to the last ciphertext block */
static inline void bf_cbc_encrypt(const bf_ctx *c, uint8_t *out, const uint8_t *in, size_t n, uint32_t iv[2]) {
  uint32_t l = iv[0], r = iv[1];
  for (size_t i = 0; i < n; i += 8) {
    l ^= bf_load(in + i); r ^= bf_load(in + i + 4);
    bf_encrypt(c, &l, &r);
    bf_store(out + i, l); bf_store(out + i + 4, r);
  }
  iv[0] = l; iv[1] = r;
}
static inline void bf_cbc_decrypt(const bf_ctx *c, uint8_t *out, const uint8_t *in, size_t n, uint32_t iv[2]) {
  uint32_t pl = iv[0], pr = iv[1];
  for (size_t i = 0; i < n; i += 8) {
    uint32_t cl = bf_load(in + i), cr = bf_load(in + i + 4), l = cl, r = cr;
    bf_decrypt(c, &l, &r);
    bf_store(out + i, l ^ pl); bf_store(out + i + 4, r ^ pr);
    pl = cl; pr = cr;
  }
  iv[0] = pl; iv[1] = pr;
}
/* Known answers: first/last words of pi's table and the classic all-zero / all-one key vectors.
 * Returns 0 when all pass. Cheap, so both programs run it at start-up. */
static int bf_selftest(void) {
  static const struct { uint8_t key[8]; uint32_t pl, pr, cl, cr; } v[] = {
    { {0, 0, 0, 0, 0, 0, 0, 0}, 0, 0, 0x4EF99745u, 0x6198DD78u },
    { {255, 255, 255, 255, 255, 255, 255, 255}, 0xFFFFFFFFu, 0xFFFFFFFFu, 0x51866FD5u, 0xB85ECB8Au },
  };
  int bad = bf_pi[0] != 0x243F6A88u || bf_pi[17] != 0x8979FB1Bu || bf_pi[18] != 0xD1310BA6u ||
            bf_pi[BF_WORDS - 1] != 0x3AC372E6u;
  static bf_ctx c;
  for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
    bf_init(&c, v[i].key, 8);
    uint32_t l = v[i].pl, r = v[i].pr;
    bf_encrypt(&c, &l, &r);
    bad |= l != v[i].cl || r != v[i].cr;
    bf_decrypt(&c, &l, &r);
    bad |= l != v[i].pl || r != v[i].pr;
  }
  return bad;
}
#endif
