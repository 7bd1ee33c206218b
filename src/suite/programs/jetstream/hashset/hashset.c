/* hashset: an open-addressing hash set of 32-bit keys (linear probing, tombstones for deletion,
 * power-of-two capacity grown at 70% occupancy, Fibonacci hashing) under a mixed insert /
 * lookup / delete workload (JetStream2 HashSet, written here). Argument: rounds; each round
 * inserts 50k keys drawn from a 200k key space, looks up 100k (about half present), deletes 25k,
 * and every 8 rounds the set is cleared so it does not just grow. */
#include "wasmlab.h"

#define EMPTY 0u
#define TOMB 1u /* keys are stored +2 so 0 and 1 can mark slots */

typedef struct { uint32_t *slot; uint32_t cap, size, used; } hset; /* used = size + tombstones */

static inline uint32_t hslot(uint32_t key, uint32_t cap) { return (uint32_t)((key * 2654435769u) >> 7) & (cap - 1); }

static void hs_init(hset *s, uint32_t cap) {
  s->slot = calloc(cap, sizeof *s->slot);
  if (!s->slot) { fprintf(stderr, "out of memory\n"); exit(1); }
  s->cap = cap; s->size = s->used = 0;
}
static int hs_insert(hset *s, uint32_t key);
static void hs_grow(hset *s) {
  hset n;
  hs_init(&n, s->size * 2 > s->cap / 2 ? s->cap * 2 : s->cap); /* rehash; grow only if really full */
  for (uint32_t i = 0; i < s->cap; i++) if (s->slot[i] > TOMB) hs_insert(&n, s->slot[i] - 2);
  free(s->slot);
  *s = n;
}
static int hs_insert(hset *s, uint32_t key) {
  if ((s->used + 1) * 10 > s->cap * 7) hs_grow(s);
  uint32_t k = key + 2, i = hslot(key, s->cap), tomb = UINT32_MAX;
  for (;; i = (i + 1) & (s->cap - 1)) {
    uint32_t v = s->slot[i];
    if (v == k) return 0;
    if (v == TOMB && tomb == UINT32_MAX) tomb = i;
    if (v == EMPTY) break;
  }
  if (tomb != UINT32_MAX) i = tomb; else s->used++;
  s->slot[i] = k; s->size++;
  return 1;
}
static int hs_contains(const hset *s, uint32_t key) {
  uint32_t k = key + 2;
  for (uint32_t i = hslot(key, s->cap);; i = (i + 1) & (s->cap - 1)) {
    uint32_t v = s->slot[i];
    if (v == k) return 1;
    if (v == EMPTY) return 0;
  }
}
static int hs_erase(hset *s, uint32_t key) {
  uint32_t k = key + 2;
  for (uint32_t i = hslot(key, s->cap);; i = (i + 1) & (s->cap - 1)) {
    uint32_t v = s->slot[i];
    if (v == k) { s->slot[i] = TOMB; s->size--; return 1; }
    if (v == EMPTY) return 0;
  }
}

int main(int argc, char **argv) {
  long rounds = wl_arg_long(argc, argv, 1, 10);
  const uint32_t space = 200000;
  hset s;
  hs_init(&s, 1024);
  uint64_t inserted = 0, found = 0, erased = 0, keysum = 0;
  wl_rand_seed(1234);
  wl_kernel_begin();
  for (long r = 0; r < rounds; r++) {
    if (r % 8 == 0) { free(s.slot); hs_init(&s, 1024); }
    for (int i = 0; i < 50000; i++) inserted += hs_insert(&s, wl_rand_u32() % space * 7919u);
    for (int i = 0; i < 100000; i++) found += hs_contains(&s, wl_rand_u32() % space * 7919u);
    for (int i = 0; i < 25000; i++) erased += hs_erase(&s, wl_rand_u32() % space * 7919u);
  }
  wl_kernel_end();
  for (uint32_t i = 0; i < s.cap; i++) if (s.slot[i] > TOMB) keysum += s.slot[i] - 2;
  printf("inserted %llu found %llu erased %llu; final size %u capacity %u key sum %llu\n",
         (unsigned long long)inserted, (unsigned long long)found, (unsigned long long)erased, s.size, s.cap,
         (unsigned long long)keysum);
  free(s.slot);
  return 0;
}
