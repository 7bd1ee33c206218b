/*
 * read_all: a whole file into a malloc'ed buffer, for the two WAMR 2.4.3 drivers that load a
 * module (iwasm2.c runs it, wamrc2.c compiles it); both are built by CMakeLists.txt beside this.
 * NULL when the file cannot be opened or read; *size is its length.
 */
#ifndef WASMLAB_READ_ALL_H
#define WASMLAB_READ_ALL_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned char *read_all(const char *path, uint32_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) { free(buf); buf = NULL; }
  fclose(f);
  *size = (uint32_t)n;
  return buf;
}
#endif
