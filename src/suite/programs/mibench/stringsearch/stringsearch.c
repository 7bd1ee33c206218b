/* stringsearch: Boyer-Moore-Horspool search for many patterns in a generated text, counting
 * every occurrence (MiBench office/stringsearch, written here). Arguments: text bytes, patterns.
 * The text is words made of generated syllables (a Zipf-like choice from a generated vocabulary);
 * the patterns mix pieces cut from the text (found), vocabulary words (usually found) and random
 * letter strings (usually not), 3 to 24 characters long. */
#include "wasmlab.h"

#define VOCAB 600

static size_t bmh_count(const char *text, size_t n, const char *pat, size_t m, uint64_t *possum) {
  size_t shift[256], count = 0;
  for (int i = 0; i < 256; i++) shift[i] = m;
  for (size_t i = 0; i + 1 < m; i++) shift[(unsigned char)pat[i]] = m - 1 - i;
  const unsigned char last = (unsigned char)pat[m - 1];
  for (size_t pos = 0; pos + m <= n;) {
    unsigned char c = (unsigned char)text[pos + m - 1];
    if (c == last && memcmp(text + pos, pat, m - 1) == 0) { count++; *possum += pos; }
    pos += shift[c];
  }
  return count;
}

static size_t make_word(char *w) {
  static const char cons[] = "bcdfghklmnprstvz", vow[] = "aeiou";
  size_t len = 0, syl = 1 + wl_rand_u32() % 4;
  for (size_t s = 0; s < syl; s++) {
    w[len++] = cons[wl_rand_u32() % 16];
    w[len++] = vow[wl_rand_u32() % 5];
    if (wl_rand_u32() % 3 == 0) w[len++] = cons[wl_rand_u32() % 16];
  }
  return len;
}

int main(int argc, char **argv) {
  size_t n = (size_t)wl_arg_long(argc, argv, 1, 65536);
  long npat = wl_arg_long(argc, argv, 2, 100);
  static char vocab[VOCAB][16];
  static size_t vlen[VOCAB];
  wl_rand_seed(3);
  for (int i = 0; i < VOCAB; i++) vlen[i] = make_word(vocab[i]);
  char *text = malloc(n + 32);
  if (!text) { fprintf(stderr, "out of memory\n"); return 1; }
  size_t len = 0, words = 0;
  while (len < n) {
    double u = wl_rand_f64();
    int k = (int)(u * u * u * VOCAB); /* small indices far more often: a Zipf-like mix */
    memcpy(text + len, vocab[k], vlen[k]); len += vlen[k];
    text[len++] = (++words % 12) ? ' ' : '\n';
  }
  n = len;
  char (*pats)[25] = malloc(sizeof *pats * (size_t)npat);
  size_t *plen = malloc(sizeof *plen * (size_t)npat);
  if (!pats || !plen) { fprintf(stderr, "out of memory\n"); return 1; }
  for (long i = 0; i < npat; i++) {
    size_t m;
    switch (i % 4) {
    case 0: case 1: m = 3 + wl_rand_u32() % 22; memcpy(pats[i], text + wl_rand_u64() % (n - m), m); break;
    case 2: { uint32_t k = wl_rand_u32() % VOCAB; m = vlen[k]; memcpy(pats[i], vocab[k], m); break; }
    default: m = 4 + wl_rand_u32() % 12; for (size_t j = 0; j < m; j++) pats[i][j] = (char)('a' + wl_rand_u32() % 26);
    }
    pats[i][m] = 0; plen[i] = m;
  }
  uint64_t found = 0, possum = 0, hits = 0;
  wl_kernel_begin();
  for (long i = 0; i < npat; i++) {
    size_t c = bmh_count(text, n, pats[i], plen[i], &possum);
    found += c; hits += c > 0;
  }
  wl_kernel_end();
  printf("text %zu bytes, %ld patterns, %llu found, %llu occurrences, position sum %llu\n", n, npat,
         (unsigned long long)hits, (unsigned long long)found, (unsigned long long)possum);
  free(text); free(pats); free(plen);
  return 0;
}
