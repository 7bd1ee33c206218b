/*
 * wasmlab: a stand-in <pthread.h> for wasm32-wasi, which (2022 wasi-libc) has no threads.
 * GNU Chess's engine only includes it for pthread_exit, which it calls on "quit" from the
 * thread running the engine. wasmlab runs the engine alone on the main thread, where ending
 * that thread ends the program, so pthread_exit is exit(0) here. Native builds get the real
 * header (this folder is on both targets' include path).
 */
#ifndef __wasi__
#include_next <pthread.h>
#elif !defined(WASMLAB_WASI_PTHREAD_H)
#define WASMLAB_WASI_PTHREAD_H
#include <stdlib.h>

static inline __attribute__((noreturn)) void pthread_exit(void *retval) {
  (void)retval;
  exit(0);
}
#endif
