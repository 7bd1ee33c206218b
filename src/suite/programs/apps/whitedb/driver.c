/*
 * wasmlab workload for WhiteDB (an embedded in-memory record database): in one local
 * (malloc'd) database of N records — id, key, name, score, link to an earlier record — with a
 * T-tree index on key, it runs inserts, indexed point lookups, indexed range queries,
 * full-scan string searches, key updates (index maintenance) and deletions, then scans the
 * survivors into a checksum. All data come from the seeded wl_rand generator.
 */
#include "wasmlab.h"
#include "Db/dbapi.h"
#include "Db/indexapi.h"

enum { F_ID, F_KEY, F_NAME, F_SCORE, F_LINK, NFIELDS };

static const char *vocab[] = {
  "amber", "basalt", "cedar", "delta", "ember", "fjord", "granite", "harbor",
  "iris", "juniper", "kelp", "lagoon", "meadow", "nectar", "onyx", "prairie",
};

static void die(const char *what) {
  fprintf(stderr, "whitedb workload: %s failed\n", what);
  exit(1);
}

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 1000);
  long keyspace = n * 4;
  void **recs = calloc((size_t)n, sizeof *recs);
  /* Sized generously from N: records, the index, strings and doubles all live inside it. */
  void *db = wg_attach_local_database((wg_int)(16L * 1024 * 1024 + n * 600L));
  if (!recs || !db) die("allocating the database");
  wl_rand_seed(42);

  wl_kernel_begin();
  if (wg_create_index(db, F_KEY, WG_INDEX_TYPE_TTREE, NULL, 0) < 0) die("wg_create_index");

  /* Insert. Record i links to record i-1, except that ids ≡ 3 (mod 7) are never linked to, so
   * they can be deleted later (WhiteDB refuses to delete a record that is referenced). */
  char name[64];
  for (long i = 0; i < n; i++) {
    void *r = wg_create_record(db, NFIELDS);
    if (!r) die("wg_create_record");
    snprintf(name, sizeof name, "%s-%s-%ld", vocab[wl_rand_u32() % 16], vocab[wl_rand_u32() % 16],
             (long)(wl_rand_u32() % 50));
    if (wg_set_int_field(db, r, F_ID, i) || wg_set_int_field(db, r, F_KEY, (wg_int)(wl_rand_u64() % keyspace)) ||
        wg_set_str_field(db, r, F_NAME, name) || wg_set_double_field(db, r, F_SCORE, wl_rand_f64() * 100.0))
      die("wg_set_field");
    wg_int link = (i > 0 && (i - 1) % 7 != 3) ? wg_encode_record(db, recs[i - 1]) : wg_encode_null(db, 0);
    if (wg_set_field(db, r, F_LINK, link)) die("wg_set_field(link)");
    recs[i] = r;
  }

  /* Indexed point lookups. */
  long long hits = 0, hit_ids = 0;
  for (long q = 0; q < n / 2; q++) {
    int key = (int)(wl_rand_u64() % keyspace);
    for (void *r = wg_find_record_int(db, F_KEY, WG_COND_EQUAL, key, NULL); r;
         r = wg_find_record_int(db, F_KEY, WG_COND_EQUAL, key, r)) {
      hits++;
      hit_ids += wg_decode_int(db, wg_get_field(db, r, F_ID));
    }
  }

  /* Indexed range queries over 0.5% of the key space each. */
  long ranges = n / 50 + 1;
  long long range_rows = 0;
  double range_score = 0.0;
  wg_query_arg args[2];
  for (long q = 0; q < ranges; q++) {
    wg_int lo = (wg_int)(wl_rand_u64() % keyspace), width = keyspace / 200 + 1;
    args[0].column = F_KEY; args[0].cond = WG_COND_GTEQUAL; args[0].value = wg_encode_query_param_int(db, lo);
    args[1].column = F_KEY; args[1].cond = WG_COND_LESSTHAN; args[1].value = wg_encode_query_param_int(db, lo + width);
    wg_query *query = wg_make_query(db, NULL, 0, args, 2);
    if (!query) die("wg_make_query");
    for (void *r = wg_fetch(db, query); r; r = wg_fetch(db, query)) {
      range_rows++;
      range_score += wg_decode_double(db, wg_get_field(db, r, F_SCORE));
    }
    wg_free_query(db, query);
    wg_free_query_param(db, args[0].value);
    wg_free_query_param(db, args[1].value);
  }

  /* Full scans for string equality on the unindexed name column. */
  long str_hits = 0;
  for (int q = 0; q < 8; q++) {
    snprintf(name, sizeof name, "%s-%s-%d", vocab[q], vocab[15 - q], 7 * q);
    for (void *r = wg_find_record_str(db, F_NAME, WG_COND_EQUAL, name, NULL); r;
         r = wg_find_record_str(db, F_NAME, WG_COND_EQUAL, name, r))
      str_hits++;
  }

  /* Update every 5th key (each moves in the T-tree), then delete ids ≡ 3 (mod 7). */
  for (long i = 0; i < n; i += 5)
    if (wg_set_int_field(db, recs[i], F_KEY, (wg_int)(wl_rand_u64() % keyspace))) die("update");
  long deleted = 0;
  for (long i = 3; i < n; i += 7) {
    if (wg_delete_record(db, recs[i])) die("wg_delete_record");
    recs[i] = NULL;
    deleted++;
  }

  /* Scan the survivors in database order into a checksum. */
  uint64_t h = WL_FNV_INIT;
  long rows = 0;
  double score_sum = 0.0;
  for (void *r = wg_get_first_record(db); r; r = wg_get_next_record(db, r)) {
    int64_t v[3];
    v[0] = wg_decode_int(db, wg_get_field(db, r, F_ID));
    v[1] = wg_decode_int(db, wg_get_field(db, r, F_KEY));
    wg_int link = wg_get_field(db, r, F_LINK);
    v[2] = wg_get_encoded_type(db, link) == WG_RECORDTYPE
               ? wg_decode_int(db, wg_get_field(db, wg_decode_record(db, link), F_ID)) : -1;
    const char *s = wg_decode_str(db, wg_get_field(db, r, F_NAME));
    double score = wl_round(wg_decode_double(db, wg_get_field(db, r, F_SCORE)));
    h = wl_fnv1a(h, v, sizeof v);
    h = wl_fnv1a(h, s, strlen(s));
    h = wl_fnv1a(h, &score, sizeof score);
    score_sum += score;
    rows++;
  }
  wl_kernel_end();

  printf("lookups: %lld hits, id sum %lld\n", hits, hit_ids);
  printf("ranges: %ld queries, %lld rows, score %.5e\n", ranges, range_rows, wl_round(range_score));
  printf("string scans: %ld hits\n", str_hits);
  printf("deleted: %ld\n", deleted);
  printf("rows: %ld score %.5e hash %016llx\n", rows, wl_round(score_sum), (unsigned long long)h);
  wg_delete_local_database(db);
  free(recs);
  return 0;
}
