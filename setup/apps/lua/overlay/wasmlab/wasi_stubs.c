/*
 * wasmlab glue for Lua on wasm32-wasi: libc functions WASI does not have, so the stock
 * liolib.c/loslib.c link. Each fails the way ISO C allows, and Lua turns that into an
 * ordinary error result (io.tmpfile, os.execute). Empty on native builds.
 */
#ifdef __wasi__
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* No temporary files without a writable /tmp preopen. */
FILE *tmpfile(void) {
  errno = ENOTSUP;
  return NULL;
}

/* No processes in WASI: system(NULL) == 0 tells os.execute() there is no shell. */
int system(const char *cmd) {
  if (cmd == NULL) return 0;
  errno = ENOSYS;
  return -1;
}
#else
typedef int wasmlab_empty_translation_unit; /* ISO C forbids an empty file */
#endif
