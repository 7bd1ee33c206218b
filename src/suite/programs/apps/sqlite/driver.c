/*
 * wasmlab workload for SQLite: an in-memory database of N customers and 5N orders (seeded
 * wl_rand data) is filled through prepared statements in one transaction, indexed, then
 * queried — aggregates, joins, index range scans, LIKE scans, window functions, a recursive
 * CTE — updated and partly deleted. Every query's result rows go into an FNV hash that is
 * printed with the row count, so any runtime's output can be compared with native's.
 */
#include "sqlite3.h"
#include "wasmlab.h"

static sqlite3 *db;

static void check(int rc, const char *what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    fprintf(stderr, "sqlite: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
  }
}

static void exec(const char *sql) {
  char *err = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
    fprintf(stderr, "sqlite: %s\n  in: %s\n", err, sql);
    exit(1);
  }
}

/* Run a query; print its row count and a hash of every column's text (REALs are rounded in
 * the SQL, and SQLite formats numbers with its own printf, identical on every target). */
static void query(const char *label, const char *sql) {
  sqlite3_stmt *st;
  check(sqlite3_prepare_v2(db, sql, -1, &st, NULL), label);
  uint64_t h = WL_FNV_INIT;
  long rows = 0;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (int c = 0; c < sqlite3_column_count(st); c++) {
      const unsigned char *t = sqlite3_column_text(st, c);
      h = t ? wl_fnv1a(h, t, (size_t)sqlite3_column_bytes(st, c) + 1) : wl_fnv1a(h, "\xff", 1);
    }
    rows++;
  }
  check(rc, label);
  sqlite3_finalize(st);
  printf("%-10s %7ld rows %016llx\n", label, rows, (unsigned long long)h);
}

static const char *cities[] = {"Aarhus", "Bergen", "Cork", "Dresden", "Essen", "Faro", "Graz", "Haarlem",
                               "Izmir", "Jena", "Kassel", "Lyon", "Malmo", "Nantes", "Oulu", "Porto"};
static const char *items[] = {"anvil", "bolt", "cable", "drill", "easel", "flask", "gauge", "hinge",
                              "ink", "jack", "kettle", "lamp", "mallet", "nail", "oar", "pulley"};

int main(int argc, char **argv) {
  long n = wl_arg_long(argc, argv, 1, 1000);
  check(sqlite3_open(":memory:", &db), "open");
  wl_rand_seed(7);

  wl_kernel_begin();
  exec("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT, city TEXT, balance REAL);"
       "CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER, item TEXT, qty INTEGER,"
       " price REAL, day INTEGER);");

  exec("BEGIN");
  sqlite3_stmt *ins_c, *ins_o;
  check(sqlite3_prepare_v2(db, "INSERT INTO customers VALUES(?1, ?2, ?3, ?4)", -1, &ins_c, NULL), "prep c");
  check(sqlite3_prepare_v2(db, "INSERT INTO orders(customer, item, qty, price, day) VALUES(?1, ?2, ?3, ?4, ?5)",
                           -1, &ins_o, NULL), "prep o");
  char name[48];
  for (long i = 1; i <= n; i++) {
    snprintf(name, sizeof name, "%s-%c%c%c-%ld", cities[wl_rand_u32() % 16], 'a' + wl_rand_u32() % 26,
             'a' + wl_rand_u32() % 26, 'a' + wl_rand_u32() % 26, i);
    sqlite3_bind_int64(ins_c, 1, i);
    sqlite3_bind_text(ins_c, 2, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins_c, 3, cities[wl_rand_u32() % 16], -1, SQLITE_STATIC);
    sqlite3_bind_double(ins_c, 4, (double)(wl_rand_u32() % 100000) / 100.0);
    check(sqlite3_step(ins_c), "insert customer");
    sqlite3_reset(ins_c);
  }
  for (long i = 0; i < 5 * n; i++) {
    sqlite3_bind_int64(ins_o, 1, 1 + (sqlite3_int64)(wl_rand_u64() % (uint64_t)n));
    sqlite3_bind_text(ins_o, 2, items[wl_rand_u32() % 16], -1, SQLITE_STATIC);
    sqlite3_bind_int(ins_o, 3, 1 + (int)(wl_rand_u32() % 20));
    sqlite3_bind_double(ins_o, 4, (double)(wl_rand_u32() % 50000) / 100.0);
    sqlite3_bind_int(ins_o, 5, (int)(wl_rand_u32() % 365));
    check(sqlite3_step(ins_o), "insert order");
    sqlite3_reset(ins_o);
  }
  sqlite3_finalize(ins_c);
  sqlite3_finalize(ins_o);
  exec("COMMIT");
  exec("CREATE INDEX orders_customer ON orders(customer); CREATE INDEX orders_day ON orders(day, item);");

  query("by-city", "SELECT city, count(*), round(sum(balance), 2), round(avg(balance), 2)"
                   " FROM customers GROUP BY city ORDER BY city");
  query("top-spend", "SELECT c.name, round(sum(o.qty * o.price), 2) AS total FROM customers c"
                     " JOIN orders o ON o.customer = c.id GROUP BY c.id ORDER BY total DESC, c.id LIMIT 25");
  query("day-range", "SELECT day, item, count(*), sum(qty) FROM orders WHERE day BETWEEN 100 AND 130"
                     " GROUP BY day, item ORDER BY day, item");
  query("like", "SELECT id, name FROM customers WHERE name LIKE '%-a_z-%' OR name LIKE 'Porto-q%' ORDER BY id");
  query("window", "SELECT customer, id, round(sum(qty * price) OVER (PARTITION BY customer ORDER BY day, id"
                  " ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) FROM orders WHERE customer % 97 = 0"
                  " ORDER BY customer, day, id");
  query("subquery", "SELECT item, count(*) FROM orders WHERE customer IN (SELECT id FROM customers"
                    " WHERE balance > 900) GROUP BY item ORDER BY item");
  query("cte", "WITH RECURSIVE k(i, acc) AS (SELECT 1, 0 UNION ALL SELECT i + 1, (acc * 31 + i) % 1000003"
               " FROM k WHERE i < 2000) SELECT max(i), sum(acc) FROM k");
  query("strings", "SELECT upper(substr(name, 1, 3)) AS p, count(*), length(group_concat(item, ','))"
                   " FROM customers c JOIN orders o ON o.customer = c.id WHERE c.id % 50 = 0"
                   " GROUP BY p ORDER BY p");

  exec("BEGIN;"
       "UPDATE customers SET balance = balance * 1.05 WHERE id IN (SELECT customer FROM orders WHERE day < 30);"
       "DELETE FROM orders WHERE qty < 3 AND day % 2 = 0;"
       "COMMIT;");
  query("after", "SELECT count(*), round(sum(balance), 2), (SELECT count(*) FROM orders),"
                 " (SELECT sum(qty) FROM orders) FROM customers");
  wl_kernel_end();

  sqlite3_close(db);
  return 0;
}
