/*
 * wasmlab driver for snappy (a library, no command-line program): reads two generated inputs
 * — compressible text and incompressible random bytes — and, for N rounds (the size argument),
 * compresses each with snappy::Compress and decompresses it with snappy::Uncompress, checking
 * the round trip every time. Prints hashes of the compressed streams and the round-trip status.
 */
#include <string>

#include "snappy.h"
#include "wasmlab.h"

/* Read a whole file into s; exits on error since the inputs come from the harness. */
static void slurp(const char *name, std::string *s) {
  FILE *f = fopen(name, "rb");
  if (!f) { fprintf(stderr, "cannot open %s\n", name); exit(1); }
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) s->append(buf, n);
  fclose(f);
}

int main(int argc, char **argv) {
  long rounds = wl_arg_long(argc, argv, 1, 1);
  std::string inputs[2];
  const char *names[2] = {"text.txt", "random.bin"};
  for (int i = 0; i < 2; i++) slurp(names[i], &inputs[i]);

  std::string packed[2], unpacked;
  size_t total_packed = 0;
  bool ok = true;
  wl_kernel_begin();
  for (long r = 0; r < rounds; r++) {
    for (int i = 0; i < 2; i++) {
      total_packed += snappy::Compress(inputs[i].data(), inputs[i].size(), &packed[i]);
      unpacked.clear();
      if (!snappy::Uncompress(packed[i].data(), packed[i].size(), &unpacked) || unpacked != inputs[i]) ok = false;
    }
  }
  wl_kernel_end();

  for (int i = 0; i < 2; i++) wl_checksum_bytes(names[i], packed[i].data(), packed[i].size());
  printf("compressed bytes over %ld rounds: %zu\n", rounds, total_packed);
  printf("roundtrip: %s\n", ok ? "ok" : "MISMATCH");
  return ok ? 0 : 1;
}
