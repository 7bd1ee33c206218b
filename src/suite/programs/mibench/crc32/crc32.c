/* crc32: CRC-32 (the IEEE 802.3 / zlib polynomial, reflected, 0xEDB88320) of the input file
 * data.bin, read with stdio in 64 KiB chunks (MiBench telecomm/CRC32, written here; reading the
 * file through WASI is part of what is measured). Byte-at-a-time table method (Sarwate), table
 * computed at start-up. Argument: passes over the file (each pass re-opens and re-reads it). */
#include "wasmlab.h"

static uint32_t table[256];

static void make_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
}
static uint32_t crc_update(uint32_t crc, const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) crc = table[(crc ^ p[i]) & 255] ^ (crc >> 8);
  return crc;
}

int main(int argc, char **argv) {
  long passes = wl_arg_long(argc, argv, 1, 1);
  make_table();
  /* known answer: CRC-32 of "123456789" is cbf43926 */
  if ((crc_update(~0u, (const uint8_t *)"123456789", 9) ^ ~0u) != 0xCBF43926u) {
    fprintf(stderr, "CRC-32 self-test failed\n"); return 1;
  }
  static uint8_t buf[65536];
  uint32_t crc = 0;
  unsigned long long total = 0;
  wl_kernel_begin();
  for (long p = 0; p < passes; p++) {
    FILE *f = fopen("data.bin", "rb");
    if (!f) { fprintf(stderr, "cannot open data.bin\n"); return 1; }
    crc = ~0u;
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) { crc = crc_update(crc, buf, got); total += got; }
    crc ^= ~0u;
    fclose(f);
  }
  wl_kernel_end();
  printf("crc32: %08x bytes: %llu\n", crc, total);
  return 0;
}
