/*
 * wasmlab: the operating-system layer for SQLite built with SQLITE_OS_OTHER=1, on both
 * targets. SQLite 3.40's unix VFS (os_unix.c) needs POSIX file locking, fchown, mmap and more
 * that WASI lacks; the benchmark keeps every database in memory (":memory:", and
 * SQLITE_TEMP_STORE=3 for temporary tables, sorts and journals), so SQLite never opens a
 * file. This VFS therefore refuses to open files and supplies only what a memory-only
 * SQLite asks of the OS: deterministic "randomness" (so runs repeat exactly), a clock, sleep.
 */
#include <string.h>
#include <time.h>

#include "sqlite3.h"

static int mem_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags) {
  (void)vfs; (void)name; (void)flags; (void)out_flags;
  file->pMethods = NULL; /* tells SQLite there is nothing to close */
  return SQLITE_CANTOPEN;
}

static int mem_delete(sqlite3_vfs *vfs, const char *name, int sync_dir) {
  (void)vfs; (void)name; (void)sync_dir;
  return SQLITE_IOERR_DELETE;
}

static int mem_access(sqlite3_vfs *vfs, const char *name, int flags, int *res) {
  (void)vfs; (void)name; (void)flags;
  *res = 0; /* no file exists */
  return SQLITE_OK;
}

static int mem_full_pathname(sqlite3_vfs *vfs, const char *name, int n_out, char *out) {
  (void)vfs;
  sqlite3_snprintf(n_out, out, "%s", name);
  return SQLITE_OK;
}

/* xorshift64: SQLite uses randomness for random(), randomblob() and temporary names. */
static sqlite3_uint64 rng_state = 0x2545F4914F6CDD1Dull;
static int mem_randomness(sqlite3_vfs *vfs, int n, char *out) {
  (void)vfs;
  for (int i = 0; i < n; i++) {
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    out[i] = (char)(rng_state >> 56);
  }
  return n;
}

static int mem_sleep(sqlite3_vfs *vfs, int microseconds) {
  (void)vfs;
  return microseconds; /* single-threaded, nothing to wait for */
}

/* Julian day number in milliseconds, as SQLite's own VFSes compute it. */
static int mem_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *now) {
  (void)vfs;
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  *now = (sqlite3_int64)210866760000000ll + (sqlite3_int64)t.tv_sec * 1000 + t.tv_nsec / 1000000;
  return SQLITE_OK;
}

static int mem_current_time(sqlite3_vfs *vfs, double *now) {
  sqlite3_int64 ms;
  mem_current_time_int64(vfs, &ms);
  *now = ms / 86400000.0;
  return SQLITE_OK;
}

static int mem_get_last_error(sqlite3_vfs *vfs, int n, char *buf) {
  (void)vfs;
  if (n > 0) buf[0] = '\0';
  return 0;
}

static sqlite3_vfs mem_vfs = {
  2, (int)sizeof(sqlite3_file), 512, NULL, "wasmlab-memory", NULL,
  mem_open, mem_delete, mem_access, mem_full_pathname,
  NULL, NULL, NULL, NULL, /* no loadable extensions (SQLITE_OMIT_LOAD_EXTENSION) */
  mem_randomness, mem_sleep, mem_current_time, mem_get_last_error,
  mem_current_time_int64,
  NULL, NULL, NULL,
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&mem_vfs, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }
