/* jpeg.h — a small baseline JPEG codec written here from the JPEG standard (ITU T.81) and JFIF:
 * YCbCr 4:2:0, 8×8 integer DCT (matrix form with 13-bit fixed-point cosines), quantisation with
 * tables generated here, Huffman tables optimised per image (two passes, code lengths limited
 * to 16 as the standard's Annex K describes), byte stuffing. The decoder reads baseline
 * sequential files with one interleaved scan (what the encoder writes, and other encoders'
 * common output without restart markers). Integer arithmetic only, so every platform and -O
 * level produces the same bytes. Shared by mibench/jpeg-{encode,decode}. */
#ifndef JPEG_H
#define JPEG_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

/* ---------- shared tables ---------- */
static int jp_cos[8][8];    /* jp_cos[u][x] = round(8192 · c(u) · cos((2x+1)uπ/16)), orthonormal */
static uint8_t jp_zz[64];   /* zig-zag position -> natural (row-major) index */

static void jp_init(void) {
  for (int u = 0; u < 8; u++)
    for (int x = 0; x < 8; x++) {
      double c = (u == 0 ? sqrt(0.125) : 0.5) * cos((2 * x + 1) * u * 3.14159265358979323846 / 16);
      jp_cos[u][x] = (int)lround(c * 8192); /* no value is near a rounding tie, so libm's last bit cannot matter */
    }
  int i = 0; /* walk the anti-diagonals, alternating direction */
  for (int s = 0; s < 15; s++)
    for (int k = 0; k <= s; k++) {
      int r = (s & 1) ? k : s - k, c = s - r;
      if (r < 8 && c < 8) jp_zz[i++] = (uint8_t)(r * 8 + c);
    }
}
/* quantisation step for natural index, luma (t=0) or chroma (t=1): coarser with frequency */
static int jp_qstep(int t, int idx) {
  int u = idx >> 3, v = idx & 7;
  return t == 0 ? 3 + 2 * (u + v) + (u * v) / 4 : 5 + 3 * (u + v) + (u * v) / 2;
}

/* forward DCT of a level-shifted block, output scaled by 4 */
static void jp_fdct(const int in[64], int out[64]) {
  int tmp[64];
  for (int y = 0; y < 8; y++)
    for (int u = 0; u < 8; u++) {
      int s = 0;
      for (int x = 0; x < 8; x++) s += jp_cos[u][x] * in[y * 8 + x];
      tmp[y * 8 + u] = (s + (1 << 10)) >> 11;
    }
  for (int v = 0; v < 8; v++)
    for (int u = 0; u < 8; u++) {
      int s = 0;
      for (int y = 0; y < 8; y++) s += jp_cos[v][y] * tmp[y * 8 + u];
      out[v * 8 + u] = (s + (1 << 12)) >> 13;
    }
}
/* inverse DCT of dequantised coefficients to pixels 0..255 */
static void jp_idct(const int in[64], uint8_t *dst, int stride) {
  int tmp[64];
  for (int u = 0; u < 8; u++)
    for (int y = 0; y < 8; y++) {
      int s = 0;
      for (int v = 0; v < 8; v++) s += jp_cos[v][y] * in[v * 8 + u];
      tmp[y * 8 + u] = (s + (1 << 10)) >> 11;
    }
  for (int y = 0; y < 8; y++)
    for (int x = 0; x < 8; x++) {
      int s = 0;
      for (int u = 0; u < 8; u++) s += jp_cos[u][x] * tmp[y * 8 + u];
      int p = ((s + (1 << 14)) >> 15) + 128;
      dst[y * stride + x] = (uint8_t)(p < 0 ? 0 : p > 255 ? 255 : p);
    }
}

/* ---------- test image ---------- */
/* gradients, rings, stripes of several frequencies and a little noise: smooth and busy regions */
static void jp_make_image(uint8_t *rgb, int w, int h, uint64_t (*rnd)(void)) {
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      int dx = x - w / 3, dy = y - h / 2, r2 = (dx * dx + dy * dy) >> 6;
      int ring = (r2 & 64) ? 60 : 0, stripe = ((x / (1 + y % 7)) & 1) ? 40 : 0;
      int n = (int)(rnd() >> 60);
      int r = (x * 255) / w / 2 + ring + n, g = (y * 255) / h / 2 + stripe + n,
          b = ((x + y) & 255) / 2 + ((x * y) >> 9 & 63) + n;
      uint8_t *p = rgb + 3 * ((size_t)y * w + x);
      p[0] = (uint8_t)(r > 255 ? 255 : r); p[1] = (uint8_t)(g > 255 ? 255 : g); p[2] = (uint8_t)(b > 255 ? 255 : b);
    }
}

/* ---------- encoder ---------- */
typedef struct { uint8_t *p; size_t n, cap; uint32_t acc; int nbits; } jp_out;

static void jp_byte(jp_out *o, uint8_t b) {
  if (o->n == o->cap) { o->cap = o->cap ? 2 * o->cap : 65536; o->p = realloc(o->p, o->cap); if (!o->p) abort(); }
  o->p[o->n++] = b;
}
static void jp_u16(jp_out *o, int v) { jp_byte(o, (uint8_t)(v >> 8)); jp_byte(o, (uint8_t)v); }
static void jp_bits(jp_out *o, uint32_t code, int len) { /* MSB first, 0xFF gets a stuffed 0x00 */
  o->acc = (o->acc << len) | (code & ((1u << len) - 1)); o->nbits += len;
  while (o->nbits >= 8) {
    uint8_t b = (uint8_t)(o->acc >> (o->nbits - 8));
    jp_byte(o, b);
    if (b == 0xFF) jp_byte(o, 0);
    o->nbits -= 8;
  }
}
typedef struct { uint8_t bits[17], vals[256]; int nvals; uint16_t code[256]; uint8_t len[256]; } jp_huff;

/* optimal code lengths from frequencies, limited to 16 bits, no all-ones code (T.81 Annex K.2) */
static void jp_build_huff(jp_huff *hf, const uint32_t freq_in[256]) {
  long freq[257]; int size[257], others[257];
  for (int i = 0; i < 256; i++) freq[i] = freq_in[i];
  freq[256] = 1; /* reserved symbol: takes the all-ones code, removed below */
  for (int i = 0; i < 257; i++) { size[i] = 0; others[i] = -1; }
  for (;;) { /* merge the two least frequent trees (O(n²) is fine for 257 symbols) */
    int c1 = -1, c2 = -1;
    for (int i = 0; i < 257; i++)
      if (freq[i] > 0 && (c1 < 0 || freq[i] <= freq[c1])) c1 = i;
    for (int i = 0; i < 257; i++)
      if (freq[i] > 0 && i != c1 && (c2 < 0 || freq[i] <= freq[c2])) c2 = i;
    if (c2 < 0) break;
    freq[c1] += freq[c2]; freq[c2] = 0;
    for (size[c1]++; others[c1] >= 0;) { c1 = others[c1]; size[c1]++; }
    others[c1] = c2;
    for (size[c2]++; others[c2] >= 0;) { c2 = others[c2]; size[c2]++; }
  }
  int count[40] = {0};
  for (int i = 0; i < 257; i++) if (size[i]) count[size[i]]++;
  for (int i = 39; i > 16; i--) /* move pairs up from over-long levels */
    while (count[i] > 0) {
      int j = i - 2;
      while (count[j] == 0) j--;
      count[i] -= 2; count[i - 1]++; count[j + 1] += 2; count[j]--;
    }
  int i = 16;
  while (count[i] == 0) i--;
  count[i]--; /* drop the reserved symbol */
  memset(hf->bits, 0, sizeof hf->bits);
  for (int l = 1; l <= 16; l++) hf->bits[l] = (uint8_t)count[l];
  hf->nvals = 0; /* symbols by increasing original length, then by value */
  for (int l = 1; l < 40; l++)
    for (int s = 0; s < 256; s++)
      if (size[s] == l) hf->vals[hf->nvals++] = (uint8_t)s;
  int k = 0; uint32_t code = 0; /* canonical codes */
  memset(hf->len, 0, sizeof hf->len);
  for (int l = 1; l <= 16; l++, code <<= 1)
    for (int n = 0; n < hf->bits[l]; n++, k++) { hf->code[hf->vals[k]] = (uint16_t)code++; hf->len[hf->vals[k]] = (uint8_t)l; }
}
static int jp_category(int v) { int n = 0; if (v < 0) v = -v; while (v) { n++; v >>= 1; } return n; }

/* quantised coefficients of all blocks, zig-zag order, in scan (MCU) order */
typedef struct { int w, h, mcux, mcuy, nblocks; int16_t *coef; } jp_blocks;

static void jp_forward(const uint8_t *rgb, int w, int h, jp_blocks *b) {
  b->w = w; b->h = h; b->mcux = (w + 15) / 16; b->mcuy = (h + 15) / 16;
  b->nblocks = b->mcux * b->mcuy * 6;
  b->coef = malloc(sizeof(int16_t) * 64 * (size_t)b->nblocks);
  if (!b->coef) abort();
  int qs[2][64];
  for (int t = 0; t < 2; t++) for (int i = 0; i < 64; i++) qs[t][i] = jp_qstep(t, i);
  int16_t *out = b->coef;
  for (int my = 0; my < b->mcuy; my++)
    for (int mx = 0; mx < b->mcux; mx++) {
      int ycc[3][16][16]; /* one MCU in YCbCr, edges replicated */
      for (int y = 0; y < 16; y++)
        for (int x = 0; x < 16; x++) {
          int px = mx * 16 + x, py = my * 16 + y;
          if (px >= w) px = w - 1;
          if (py >= h) py = h - 1;
          const uint8_t *p = rgb + 3 * ((size_t)py * w + px);
          int r = p[0], g = p[1], bl = p[2];
          ycc[0][y][x] = (19595 * r + 38470 * g + 7471 * bl + 32768) >> 16;
          ycc[1][y][x] = (-11059 * r - 21709 * g + 32768 * bl + (128 << 16) + 32767) >> 16;
          ycc[2][y][x] = (32768 * r - 27439 * g - 5329 * bl + (128 << 16) + 32767) >> 16;
        }
      for (int k = 0; k < 6; k++) {
        int in[64], f[64];
        for (int y = 0; y < 8; y++)
          for (int x = 0; x < 8; x++) {
            int v;
            if (k < 4) v = ycc[0][(k >> 1) * 8 + y][(k & 1) * 8 + x];
            else { /* 2×2 average of the chroma plane */
              int (*c)[16] = ycc[k - 3];
              v = (c[2 * y][2 * x] + c[2 * y][2 * x + 1] + c[2 * y + 1][2 * x] + c[2 * y + 1][2 * x + 1] + 2) >> 2;
            }
            in[y * 8 + x] = v - 128;
          }
        jp_fdct(in, f);
        const int *q = qs[k < 4 ? 0 : 1];
        for (int i = 0; i < 64; i++) {
          int n = jp_zz[i], v = f[n], d = 4 * q[n];
          out[i] = (int16_t)(v >= 0 ? (v + d / 2) / d : -((-v + d / 2) / d));
        }
        out += 64;
      }
    }
}
/* Huffman statistics (emit=0) or output (emit=1) of all blocks */
static void jp_entropy(const jp_blocks *b, jp_huff hf[4], uint32_t freq[4][256], jp_out *o, int emit) {
  int pred[3] = { 0, 0, 0 };
  const int16_t *c = b->coef;
  for (int blk = 0; blk < b->nblocks; blk++, c += 64) {
    int k = blk % 6, comp = k < 4 ? 0 : k - 3, t = comp ? 1 : 0; /* t: table pair (DC t, AC 2+t) */
    int diff = c[0] - pred[comp]; pred[comp] = c[0];
    int cat = jp_category(diff);
    if (emit) { jp_bits(o, hf[t].code[cat], hf[t].len[cat]); if (cat) jp_bits(o, (uint32_t)(diff < 0 ? diff - 1 : diff), cat); }
    else freq[t][cat]++;
    int run = 0;
    for (int i = 1; i < 64; i++) {
      int v = c[i];
      if (v == 0) { run++; continue; }
      while (run > 15) { if (emit) jp_bits(o, hf[2 + t].code[0xF0], hf[2 + t].len[0xF0]); else freq[2 + t][0xF0]++; run -= 16; }
      int sz = jp_category(v), sym = (run << 4) | sz;
      if (emit) { jp_bits(o, hf[2 + t].code[sym], hf[2 + t].len[sym]); jp_bits(o, (uint32_t)(v < 0 ? v - 1 : v), sz); }
      else freq[2 + t][sym]++;
      run = 0;
    }
    if (run) { if (emit) jp_bits(o, hf[2 + t].code[0], hf[2 + t].len[0]); else freq[2 + t][0]++; }
  }
}
/* encode w×h RGB into o (o->n reset to 0; the buffer is reused) */
static inline void jp_encode(const uint8_t *rgb, int w, int h, jp_out *o) {
  jp_blocks b;
  jp_forward(rgb, w, h, &b);
  static uint32_t freq[4][256];
  static jp_huff hf[4];
  memset(freq, 0, sizeof freq);
  jp_entropy(&b, hf, freq, o, 0);
  for (int t = 0; t < 4; t++) jp_build_huff(&hf[t], freq[t]);
  o->n = 0; o->acc = 0; o->nbits = 0;
  jp_u16(o, 0xFFD8);
  jp_u16(o, 0xFFE0); jp_u16(o, 16); /* JFIF APP0, version 1.1, no density, no thumbnail */
  jp_byte(o, 'J'); jp_byte(o, 'F'); jp_byte(o, 'I'); jp_byte(o, 'F'); jp_byte(o, 0);
  jp_u16(o, 0x0101); jp_byte(o, 0); jp_u16(o, 1); jp_u16(o, 1); jp_byte(o, 0); jp_byte(o, 0);
  for (int t = 0; t < 2; t++) {
    jp_u16(o, 0xFFDB); jp_u16(o, 67); jp_byte(o, (uint8_t)t);
    for (int i = 0; i < 64; i++) jp_byte(o, (uint8_t)jp_qstep(t, jp_zz[i]));
  }
  jp_u16(o, 0xFFC0); jp_u16(o, 17); jp_byte(o, 8); jp_u16(o, h); jp_u16(o, w); jp_byte(o, 3);
  jp_byte(o, 1); jp_byte(o, 0x22); jp_byte(o, 0);
  jp_byte(o, 2); jp_byte(o, 0x11); jp_byte(o, 1);
  jp_byte(o, 3); jp_byte(o, 0x11); jp_byte(o, 1);
  for (int t = 0; t < 4; t++) {
    jp_u16(o, 0xFFC4); jp_u16(o, 19 + hf[t].nvals);
    jp_byte(o, (uint8_t)((t >= 2) << 4 | (t & 1)));
    for (int l = 1; l <= 16; l++) jp_byte(o, hf[t].bits[l]);
    for (int i = 0; i < hf[t].nvals; i++) jp_byte(o, hf[t].vals[i]);
  }
  jp_u16(o, 0xFFDA); jp_u16(o, 12); jp_byte(o, 3);
  jp_byte(o, 1); jp_byte(o, 0x00); jp_byte(o, 2); jp_byte(o, 0x11); jp_byte(o, 3); jp_byte(o, 0x11);
  jp_byte(o, 0); jp_byte(o, 63); jp_byte(o, 0);
  jp_entropy(&b, hf, freq, o, 1);
  if (o->nbits) jp_bits(o, 0x7F, 8 - o->nbits); /* pad the last byte with 1-bits */
  jp_u16(o, 0xFFD9);
  free(b.coef);
}

/* ---------- decoder ---------- */
typedef struct {
  uint8_t bits[17], vals[256];
  int maxcode[18], valptr[17], mincode[17];
  uint16_t fast[512]; /* 9-bit lookahead: (length << 8) | symbol, 0 = not a short code */
} jp_dhuff;
typedef struct { const uint8_t *p, *end; uint32_t acc; int nbits; } jp_in;

static void jp_dhuff_build(jp_dhuff *d) {
  int code = 0, k = 0;
  memset(d->fast, 0, sizeof d->fast);
  for (int l = 1; l <= 16; l++) {
    d->valptr[l] = k; d->mincode[l] = code;
    for (int n = 0; n < d->bits[l]; n++, k++, code++)
      if (l <= 9)
        for (int f = 0; f < 1 << (9 - l); f++) d->fast[(code << (9 - l)) | f] = (uint16_t)(l << 8 | d->vals[k]);
    d->maxcode[l] = d->bits[l] ? code - 1 : -1;
    code <<= 1;
  }
  d->maxcode[17] = 0x7FFFFFFF;
}
static inline void jp_fill(jp_in *in) {
  while (in->nbits <= 24) {
    uint32_t b = 0;
    if (in->p < in->end) {
      b = *in->p;
      if (b == 0xFF) { if (in->p + 1 < in->end && in->p[1] == 0) in->p += 2; else b = 0; /* marker: feed zeros */ }
      else in->p++;
    }
    in->acc |= b << (24 - in->nbits); in->nbits += 8;
  }
}
static inline int jp_getbits(jp_in *in, int n) {
  if (!n) return 0;
  jp_fill(in);
  int v = (int)(in->acc >> (32 - n));
  in->acc <<= n; in->nbits -= n;
  return v;
}
static inline int jp_decode_sym(jp_in *in, const jp_dhuff *d) {
  jp_fill(in);
  int f = d->fast[in->acc >> 23];
  if (f) { in->acc <<= f >> 8; in->nbits -= f >> 8; return f & 255; }
  int l = 10, code = (int)(in->acc >> 22);
  while (l <= 16 && code > d->maxcode[l]) { l++; code = (int)(in->acc >> (32 - l)); }
  if (l > 16) return 0; /* corrupt data: decode as EOB / zero */
  in->acc <<= l; in->nbits -= l;
  return d->vals[d->valptr[l] + code - d->mincode[l]];
}
static inline int jp_extend(int v, int n) { return v < (1 << (n - 1)) ? v - (1 << n) + 1 : v; }

typedef struct { int w, h; uint8_t *rgb; } jp_image;

/* returns 0 on success */
static inline int jp_decode(const uint8_t *data, size_t n, jp_image *img) {
  static int qt[4][64];
  static jp_dhuff dh[2][4];
  int ncomp = 0, cid[4], ch[4], cv[4], ctq[4], ctd[4], cta[4], w = 0, h = 0;
  const uint8_t *p = data, *end = data + n;
  if (n < 4 || p[0] != 0xFF || p[1] != 0xD8) return 1;
  p += 2;
  while (p + 4 <= end) {
    if (p[0] != 0xFF) return 2;
    int m = p[1], len = p[2] << 8 | p[3];
    const uint8_t *s = p + 4, *next = p + 2 + len;
    if (next > end) return 3;
    if (m == 0xDB) {
      while (s < next) { int t = *s & 3; if (*s >> 4) return 4; s++; for (int i = 0; i < 64; i++) qt[t][jp_zz[i]] = *s++; }
    } else if (m == 0xC0 || m == 0xC1) {
      if (s[0] != 8) return 5;
      h = s[1] << 8 | s[2]; w = s[3] << 8 | s[4]; ncomp = s[5];
      if (ncomp < 1 || ncomp > 3 || !w || !h) return 6;
      for (int c = 0; c < ncomp; c++) { cid[c] = s[6 + 3 * c]; ch[c] = s[7 + 3 * c] >> 4; cv[c] = s[7 + 3 * c] & 15; ctq[c] = s[8 + 3 * c] & 3; }
    } else if (m == 0xC4) {
      while (s < next) {
        int cls = *s >> 4 & 1, id = *s & 3, total = 0; s++;
        jp_dhuff *d = &dh[cls][id];
        for (int l = 1; l <= 16; l++) total += d->bits[l] = *s++;
        if (total > 256) return 7;
        memcpy(d->vals, s, (size_t)total); s += total;
        jp_dhuff_build(d);
      }
    } else if (m == 0xDA) {
      if (!ncomp || s[0] != ncomp) return 8; /* one interleaved scan with every component */
      for (int c = 0; c < ncomp; c++) {
        if (s[1 + 2 * c] != cid[c]) return 9;
        ctd[c] = s[2 + 2 * c] >> 4 & 3; cta[c] = s[2 + 2 * c] & 3;
      }
      p = next;
      break;
    } else if (m == 0xC2 || m == 0xC3 || (m >= 0xC5 && m <= 0xCF && m != 0xC8 && m != 0xCC) || m == 0xDD) {
      return 10; /* progressive, lossless, arithmetic or restart intervals: not supported */
    }
    p = next;
  }
  if (!w) return 11;
  int hmax = 1, vmax = 1;
  for (int c = 0; c < ncomp; c++) { if (ch[c] > hmax) hmax = ch[c]; if (cv[c] > vmax) vmax = cv[c]; }
  int mcuw = 8 * hmax, mcuh = 8 * vmax, mcux = (w + mcuw - 1) / mcuw, mcuy = (h + mcuh - 1) / mcuh;
  uint8_t *plane[3]; int pw[3];
  for (int c = 0; c < ncomp; c++) {
    pw[c] = mcux * 8 * ch[c];
    plane[c] = malloc((size_t)pw[c] * mcuy * 8 * cv[c]);
    if (!plane[c]) return 12;
  }
  jp_in in = { p, end, 0, 0 };
  int pred[3] = { 0, 0, 0 };
  for (int my = 0; my < mcuy; my++)
    for (int mx = 0; mx < mcux; mx++)
      for (int c = 0; c < ncomp; c++)
        for (int by = 0; by < cv[c]; by++)
          for (int bx = 0; bx < ch[c]; bx++) {
            int coef[64] = {0};
            const int *q = qt[ctq[c]];
            int cat = jp_decode_sym(&in, &dh[0][ctd[c]]);
            pred[c] += cat ? jp_extend(jp_getbits(&in, cat), cat) : 0;
            coef[0] = pred[c] * q[0];
            for (int i = 1; i < 64;) {
              int sym = jp_decode_sym(&in, &dh[1][cta[c]]), run = sym >> 4, sz = sym & 15;
              if (!sz) { if (run != 15) break; i += 16; continue; }
              i += run;
              if (i > 63) break;
              int nat = jp_zz[i++];
              coef[nat] = jp_extend(jp_getbits(&in, sz), sz) * q[nat];
            }
            int x0 = (mx * ch[c] + bx) * 8, y0 = (my * cv[c] + by) * 8;
            jp_idct(coef, plane[c] + (size_t)y0 * pw[c] + x0, pw[c]);
          }
  img->w = w; img->h = h;
  img->rgb = malloc((size_t)w * h * 3);
  if (!img->rgb) return 12;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) { /* chroma upsampled by replication */
      uint8_t *o = img->rgb + 3 * ((size_t)y * w + x);
      int yy = plane[0][(size_t)(y * cv[0] / vmax) * pw[0] + x * ch[0] / hmax];
      if (ncomp < 3) { o[0] = o[1] = o[2] = (uint8_t)yy; continue; }
      int cb = plane[1][(size_t)(y * cv[1] / vmax) * pw[1] + x * ch[1] / hmax] - 128;
      int cr = plane[2][(size_t)(y * cv[2] / vmax) * pw[2] + x * ch[2] / hmax] - 128;
      int r = yy + ((91881 * cr + 32768) >> 16);
      int g = yy + ((-22554 * cb - 46802 * cr + 32768) >> 16);
      int b = yy + ((116130 * cb + 32768) >> 16);
      o[0] = (uint8_t)(r < 0 ? 0 : r > 255 ? 255 : r);
      o[1] = (uint8_t)(g < 0 ? 0 : g > 255 ? 255 : g);
      o[2] = (uint8_t)(b < 0 ? 0 : b > 255 ? 255 : b);
    }
  for (int c = 0; c < ncomp; c++) free(plane[c]);
  return 0;
}
#endif
