/*
 * wasmlab: a stand-in <setjmp.h> for wasm32-wasi, whose 2022 libc has no setjmp/longjmp.
 * GNU Chess's engine (search.cpp) sets a jump point before each search and long-jumps to it
 * only to abandon a search early: on a "stop" command or when a time limit expires. A
 * fixed-depth search ("go depth N") with no input during the search never does, so setjmp
 * returning 0 keeps its behaviour, and a longjmp reports that the assumption broke. Native
 * builds get the real header (this folder is on both targets' include path).
 */
#ifndef __wasi__
#include_next <setjmp.h>
#elif !defined(WASMLAB_WASI_SETJMP_H)
#define WASMLAB_WASI_SETJMP_H
#include <stdio.h>
#include <stdlib.h>

typedef int jmp_buf[1];
#define setjmp(env) ((void)(env), 0)

static inline __attribute__((noreturn)) void longjmp(jmp_buf env, int val) {
  (void)env; (void)val;
  fprintf(stderr, "longjmp: not available on WASI (search interrupted?)\n");
  abort();
}
#endif
