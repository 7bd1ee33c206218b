/* adpcm.h — IMA ADPCM (the IMA Digital Audio Focus and Technical Working Groups' recommended
 * practice, 1992), written here from its description: 4-bit codes, a step size adapted through
 * the standard 89-entry step table and the 8-entry index table (both part of the format, not of
 * any implementation). Also a deterministic 16-bit test signal made with integer arithmetic only,
 * so every platform produces the same samples. Shared by mibench/adpcm-{encode,decode}. */
#ifndef ADPCM_H
#define ADPCM_H
#include <stdint.h>
#include <stddef.h>

static const int16_t ima_step[89] = {
  7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66,
  73, 80, 88, 97, 107, 118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371, 408, 449,
  494, 544, 598, 658, 724, 796, 876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272,
  2499, 2749, 3024, 3327, 3660, 4026, 4428, 4871, 5358, 5894, 6484, 7132, 7845, 8630, 9493,
  10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794, 32767 };
static const int8_t ima_index[8] = { -1, -1, -1, -1, 2, 4, 6, 8 };

typedef struct { int pred, index; } adpcm_state;

static inline int clamp16(int v) { return v > 32767 ? 32767 : v < -32768 ? -32768 : v; }
static inline int clampidx(int v) { return v < 0 ? 0 : v > 88 ? 88 : v; }

/* n samples -> n/2 bytes (low nibble first) */
static inline void adpcm_encode(adpcm_state *st, const int16_t *in, uint8_t *out, size_t n) {
  int pred = st->pred, index = st->index;
  for (size_t i = 0; i < n; i++) {
    int step = ima_step[index], diff = in[i] - pred, code = 0;
    if (diff < 0) { code = 8; diff = -diff; }
    int vpdiff = step >> 3;
    if (diff >= step) { code |= 4; diff -= step; vpdiff += step; }
    step >>= 1;
    if (diff >= step) { code |= 2; diff -= step; vpdiff += step; }
    step >>= 1;
    if (diff >= step) { code |= 1; vpdiff += step; }
    pred = clamp16((code & 8) ? pred - vpdiff : pred + vpdiff);
    index = clampidx(index + ima_index[code & 7]);
    if (i & 1) out[i >> 1] |= (uint8_t)(code << 4); else out[i >> 1] = (uint8_t)code;
  }
  st->pred = pred; st->index = index;
}
static inline void adpcm_decode(adpcm_state *st, const uint8_t *in, int16_t *out, size_t n) {
  int pred = st->pred, index = st->index;
  for (size_t i = 0; i < n; i++) {
    int code = (i & 1) ? in[i >> 1] >> 4 : in[i >> 1] & 15;
    int step = ima_step[index], vpdiff = step >> 3;
    if (code & 4) vpdiff += step;
    if (code & 2) vpdiff += step >> 1;
    if (code & 1) vpdiff += step >> 2;
    pred = clamp16((code & 8) ? pred - vpdiff : pred + vpdiff);
    index = clampidx(index + ima_index[code & 7]);
    out[i] = (int16_t)pred;
  }
  st->pred = pred; st->index = index;
}
/* parabolic approximation of 16384·sin(2π·phase/2^32), integers only */
static inline int isin(uint32_t phase) {
  int x = (int)(phase >> 18), h = x & 8191;
  int s = (h * (8192 - h)) >> 10;
  return (x & 8192) ? -s : s;
}
/* three tones, a slow amplitude envelope (so the step size adapts up and down) and noise;
 * the noise uses the caller's seeded generator */
static inline void make_signal(int16_t *s, size_t n, uint32_t (*rnd)(void)) {
  uint32_t p1 = 0, p2 = 0, p3 = 0, pe = 0;
  for (size_t i = 0; i < n; i++) {
    p1 += 40000000u; p2 += 123456789u; p3 += 7777777u; pe += 50000u;
    int env = 8192 + isin(pe) / 2; /* 0..16384 */
    int v = (isin(p1) + isin(p2) / 2 + isin(p3) / 3) * env / 16384;
    v += (int)(rnd() >> 22) - 512;
    s[i] = (int16_t)clamp16(v);
  }
}
#endif
