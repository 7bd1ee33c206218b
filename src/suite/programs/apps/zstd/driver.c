/*
 * wasmlab driver for zstd: runs the zstd command-line program (its main() is renamed to
 * wl_app_main by -Dmain=wl_app_main in bench.json) three times inside the timed region —
 * compress data.txt at level 3 and at level 19, then decompress the level-19 stream — and
 * prints checksums of both streams and of the round trip, to compare runtimes with native.
 */
#undef main /* bench.json renames every main; ours is the real entry */
#include "wasmlab.h"

int wl_app_main(int argc, char **argv);

/* argv must be NULL-terminated; argv[0] is the program name */
static void run_zstd(char **argv) {
  int argc = 0;
  while (argv[argc]) argc++;
  if (wl_app_main(argc, argv) != 0) {
    fprintf(stderr, "zstd %s failed\n", argv[1]);
    exit(1);
  }
}

/* Read a whole file; exits on error since a missing file means the app failed. */
static unsigned char *slurp(const char *name, size_t *n) {
  FILE *f = fopen(name, "rb");
  if (!f) { fprintf(stderr, "cannot open %s\n", name); exit(1); }
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *buf = malloc(len > 0 ? (size_t)len : 1);
  if (fread(buf, 1, (size_t)len, f) != (size_t)len) { fprintf(stderr, "short read %s\n", name); exit(1); }
  fclose(f);
  *n = (size_t)len;
  return buf;
}

int main(void) {
  /* -q: no progress lines; -f: overwrite leftovers of an earlier run in the same folder */
  char *fast[] = {"zstd", "-q", "-f", "-3", "data.txt", "-o", "fast.zst", NULL};
  char *best[] = {"zstd", "-q", "-f", "-19", "data.txt", "-o", "best.zst", NULL};
  char *back[] = {"zstd", "-q", "-f", "-d", "best.zst", "-o", "copy", NULL};
  wl_kernel_begin();
  run_zstd(fast);
  run_zstd(best);
  run_zstd(back);
  wl_kernel_end();

  size_t n_in, n_fast, n_best, n_out;
  unsigned char *in = slurp("data.txt", &n_in), *f = slurp("fast.zst", &n_fast);
  unsigned char *b = slurp("best.zst", &n_best), *out = slurp("copy", &n_out);
  wl_checksum_bytes("level3", f, n_fast);
  wl_checksum_bytes("level19", b, n_best);
  wl_checksum_bytes("decompressed", out, n_out);
  printf("roundtrip: %s\n", n_in == n_out && memcmp(in, out, n_in) == 0 ? "ok" : "MISMATCH");
  return 0;
}
