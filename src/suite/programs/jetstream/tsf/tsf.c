/* tsf: a typed-record serialization round trip in the spirit of JetStream2's tsf (Typed Stream
 * Format), written here. Three record types (a point, a person with strings and a string list,
 * an event with a nested point, optional payload bytes and a delta-coded int list) are written to
 * a byte buffer as tagged binary records (LEB128 varints, zig-zag signed ints, little-endian
 * doubles, length-prefixed strings), then parsed back into fresh structures and compared field
 * by field. Arguments: records per round, rounds. */
#include "wasmlab.h"

enum { T_POINT = 1, T_PERSON = 2, T_EVENT = 3 };
typedef struct { int32_t x, y; } point;
typedef struct { char name[24]; uint8_t age; double score; int ntags; char tags[4][12]; } person;
typedef struct { uint64_t id; uint16_t kind; point where; int has_payload; uint8_t payload_len;
                 uint8_t payload[64]; int ndeltas; int32_t deltas[16]; } event;
typedef struct { int type; union { point p; person s; event e; } u; } record;

/* ---------- writer ---------- */
typedef struct { uint8_t *p; size_t n, cap; } buf;
static inline void put(buf *b, uint8_t v) {
  if (b->n == b->cap) { b->cap = b->cap ? 2 * b->cap : 4096; b->p = realloc(b->p, b->cap); if (!b->p) abort(); }
  b->p[b->n++] = v;
}
static inline void put_uv(buf *b, uint64_t v) { while (v >= 128) { put(b, (uint8_t)(v | 128)); v >>= 7; } put(b, (uint8_t)v); }
static inline void put_sv(buf *b, int64_t v) { put_uv(b, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63)); }
static inline void put_f64(buf *b, double d) { uint64_t u; memcpy(&u, &d, 8); for (int i = 0; i < 8; i++) put(b, (uint8_t)(u >> 8 * i)); }
static inline void put_str(buf *b, const char *s) { size_t n = strlen(s); put_uv(b, n); for (size_t i = 0; i < n; i++) put(b, (uint8_t)s[i]); }

static void write_record(buf *b, const record *r) {
  put(b, (uint8_t)r->type);
  switch (r->type) {
  case T_POINT: put_sv(b, r->u.p.x); put_sv(b, r->u.p.y); break;
  case T_PERSON:
    put_str(b, r->u.s.name); put(b, r->u.s.age); put_f64(b, r->u.s.score);
    put_uv(b, (uint64_t)r->u.s.ntags);
    for (int i = 0; i < r->u.s.ntags; i++) put_str(b, r->u.s.tags[i]);
    break;
  case T_EVENT:
    put_uv(b, r->u.e.id); put_uv(b, r->u.e.kind); put_sv(b, r->u.e.where.x); put_sv(b, r->u.e.where.y);
    put(b, (uint8_t)r->u.e.has_payload);
    if (r->u.e.has_payload) { put_uv(b, r->u.e.payload_len); for (int i = 0; i < r->u.e.payload_len; i++) put(b, r->u.e.payload[i]); }
    put_uv(b, (uint64_t)r->u.e.ndeltas);
    for (int i = 0; i < r->u.e.ndeltas; i++) put_sv(b, r->u.e.deltas[i] - (i ? r->u.e.deltas[i - 1] : 0));
    break;
  }
}

/* ---------- reader (bounds-checked; returns 0 on malformed input) ---------- */
typedef struct { const uint8_t *p, *end; int ok; } rd;
static inline uint8_t get(rd *r) { if (r->p >= r->end) { r->ok = 0; return 0; } return *r->p++; }
static inline uint64_t get_uv(rd *r) {
  uint64_t v = 0;
  for (int s = 0; s < 64; s += 7) { uint8_t c = get(r); v |= (uint64_t)(c & 127) << s; if (!(c & 128)) return v; }
  r->ok = 0; return 0;
}
static inline int64_t get_sv(rd *r) { uint64_t u = get_uv(r); return (int64_t)(u >> 1) ^ -(int64_t)(u & 1); }
static inline double get_f64(rd *r) { uint64_t u = 0; for (int i = 0; i < 8; i++) u |= (uint64_t)get(r) << 8 * i; double d; memcpy(&d, &u, 8); return d; }
static inline void get_str(rd *r, char *dst, size_t cap) {
  uint64_t n = get_uv(r);
  if (n >= cap || (size_t)(r->end - r->p) < n) { r->ok = 0; dst[0] = 0; return; }
  memcpy(dst, r->p, n); dst[n] = 0; r->p += n;
}
static int read_record(rd *r, record *out) {
  memset(out, 0, sizeof *out);
  out->type = get(r);
  switch (out->type) {
  case T_POINT: out->u.p.x = (int32_t)get_sv(r); out->u.p.y = (int32_t)get_sv(r); break;
  case T_PERSON:
    get_str(r, out->u.s.name, sizeof out->u.s.name); out->u.s.age = get(r); out->u.s.score = get_f64(r);
    out->u.s.ntags = (int)get_uv(r);
    if (out->u.s.ntags > 4) return 0;
    for (int i = 0; i < out->u.s.ntags; i++) get_str(r, out->u.s.tags[i], sizeof out->u.s.tags[i]);
    break;
  case T_EVENT:
    out->u.e.id = get_uv(r); out->u.e.kind = (uint16_t)get_uv(r);
    out->u.e.where.x = (int32_t)get_sv(r); out->u.e.where.y = (int32_t)get_sv(r);
    out->u.e.has_payload = get(r);
    if (out->u.e.has_payload) {
      uint64_t n = get_uv(r);
      if (n > 64) return 0;
      out->u.e.payload_len = (uint8_t)n;
      for (uint64_t i = 0; i < n; i++) out->u.e.payload[i] = get(r);
    }
    out->u.e.ndeltas = (int)get_uv(r);
    if (out->u.e.ndeltas > 16) return 0;
    for (int i = 0; i < out->u.e.ndeltas; i++) out->u.e.deltas[i] = (int32_t)get_sv(r) + (i ? out->u.e.deltas[i - 1] : 0);
    break;
  default: return 0;
  }
  return r->ok;
}
static int same(const record *a, const record *b) {
  if (a->type != b->type) return 0;
  switch (a->type) {
  case T_POINT: return a->u.p.x == b->u.p.x && a->u.p.y == b->u.p.y;
  case T_PERSON: {
    const person *x = &a->u.s, *y = &b->u.s;
    if (strcmp(x->name, y->name) || x->age != y->age || memcmp(&x->score, &y->score, 8) || x->ntags != y->ntags) return 0;
    for (int i = 0; i < x->ntags; i++) if (strcmp(x->tags[i], y->tags[i])) return 0;
    return 1;
  }
  default: {
    const event *x = &a->u.e, *y = &b->u.e;
    return x->id == y->id && x->kind == y->kind && x->where.x == y->where.x && x->where.y == y->where.y &&
           x->has_payload == y->has_payload && x->payload_len == y->payload_len &&
           !memcmp(x->payload, y->payload, x->payload_len) && x->ndeltas == y->ndeltas &&
           !memcmp(x->deltas, y->deltas, sizeof(int32_t) * (size_t)x->ndeltas);
  }
  }
}

static void rand_word(char *s, int maxlen) {
  int n = 1 + (int)(wl_rand_u32() % (uint32_t)maxlen);
  for (int i = 0; i < n; i++) s[i] = (char)('a' + wl_rand_u32() % 26);
  s[n] = 0;
}
static void make_record(record *r, long i) {
  memset(r, 0, sizeof *r);
  r->type = 1 + (int)(wl_rand_u32() % 3);
  switch (r->type) {
  case T_POINT: { /* separate statements: the order of two calls in one expression is unspecified */
    int32_t v = (int32_t)wl_rand_u32();
    r->u.p.x = v / (1 << (wl_rand_u32() % 31)); r->u.p.y = -(int32_t)(wl_rand_u32() % 100000);
    break;
  }
  case T_PERSON:
    rand_word(r->u.s.name, 23); r->u.s.age = (uint8_t)(wl_rand_u32() % 100);
    r->u.s.score = (double)(wl_rand_u32() % 1000000) / 1000.0 - 50.0;
    r->u.s.ntags = (int)(wl_rand_u32() % 5);
    for (int t = 0; t < r->u.s.ntags; t++) rand_word(r->u.s.tags[t], 11);
    break;
  default:
    r->u.e.id = (uint64_t)i * 1000003u + (wl_rand_u64() >> 40); r->u.e.kind = (uint16_t)wl_rand_u32();
    r->u.e.where.x = (int32_t)(wl_rand_u32() % 2000) - 1000; r->u.e.where.y = (int32_t)(wl_rand_u32() % 2000) - 1000;
    r->u.e.has_payload = (int)(wl_rand_u32() & 1);
    if (r->u.e.has_payload) {
      r->u.e.payload_len = (uint8_t)(wl_rand_u32() % 65);
      for (int k = 0; k < r->u.e.payload_len; k++) r->u.e.payload[k] = (uint8_t)wl_rand_u32();
    }
    r->u.e.ndeltas = (int)(wl_rand_u32() % 17);
    int32_t v = (int32_t)(wl_rand_u32() % 100000);
    for (int k = 0; k < r->u.e.ndeltas; k++) { v += (int32_t)(wl_rand_u32() % 201) - 100; r->u.e.deltas[k] = v; }
  }
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 10000), rounds = wl_arg_long(argc, argv, 2, 1);
  record *recs = malloc(sizeof *recs * (size_t)n), back;
  if (!recs) { fprintf(stderr, "out of memory\n"); return 1; }
  wl_rand_seed(555);
  buf b = { 0 };
  uint64_t fold = WL_FNV_INIT, bytes = 0;
  long bad = 0, counts[4] = { 0 };
  wl_kernel_begin();
  for (long round = 0; round < rounds; round++) {
    for (long i = 0; i < n; i++) make_record(&recs[i], i);
    b.n = 0;
    for (long i = 0; i < n; i++) write_record(&b, &recs[i]);
    rd r = { b.p, b.p + b.n, 1 };
    for (long i = 0; i < n; i++) {
      if (!read_record(&r, &back) || !same(&back, &recs[i])) bad++;
      counts[back.type & 3]++;
    }
    if (r.p != r.end) bad++;
    bytes += b.n;
    fold = wl_fnv1a(fold, b.p, b.n);
  }
  wl_kernel_end();
  printf("records %ld x %ld: points %ld persons %ld events %ld; bytes %llu; mismatches %ld\n", n, rounds,
         counts[T_POINT], counts[T_PERSON], counts[T_EVENT], (unsigned long long)bytes, bad);
  printf("stream hash: %016llx\n", (unsigned long long)fold);
  free(recs); free(b.p);
  return bad != 0;
}
