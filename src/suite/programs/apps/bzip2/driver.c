/*
 * wasmlab driver for bzip2: runs the unmodified bzip2 command-line program (its main() is
 * renamed to wl_app_main by -Dmain=wl_app_main in bench.json) twice inside the timed region —
 * compress data.txt at -9, then decompress a copy of the result — and prints checksums of the
 * compressed stream and the round trip, so any runtime's output can be compared with native's.
 */
#undef main /* bench.json renames every main; ours is the real entry */
#include "wasmlab.h"

int wl_app_main(int argc, char **argv);

/* argv must be NULL-terminated; argv[0] is the program name */
static int run_bzip2(char **argv) {
  int argc = 0;
  while (argv[argc]) argc++;
  return wl_app_main(argc, argv);
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
  remove("data.txt.bz2"); remove("copy.bz2"); remove("copy");
  wl_kernel_begin();
  /* -k keeps the input, -f overwrites leftovers of an earlier run in the same folder */
  char *compress[] = {"bzip2", "-z", "-9", "-k", "-f", "data.txt", NULL};
  char *decompress[] = {"bzip2", "-d", "-k", "-f", "copy.bz2", NULL};
  if (run_bzip2(compress) != 0) return 1;
  if (rename("data.txt.bz2", "copy.bz2") != 0) { perror("rename"); return 1; }
  if (run_bzip2(decompress) != 0) return 1;
  wl_kernel_end();

  size_t n_in, n_bz, n_out;
  unsigned char *in = slurp("data.txt", &n_in), *bz = slurp("copy.bz2", &n_bz), *out = slurp("copy", &n_out);
  wl_checksum_bytes("compressed", bz, n_bz);
  wl_checksum_bytes("decompressed", out, n_out);
  printf("roundtrip: %s\n", n_in == n_out && memcmp(in, out, n_in) == 0 ? "ok" : "MISMATCH");
  return 0;
}
