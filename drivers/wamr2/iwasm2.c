/*
 * iwasm2: an iwasm-style command line over WAMR 2.4.3's embedding API (wasm_export.h), for
 * wasmlab's `wamr@2.4.3:*` targets. The crate wamrx-sys carries WAMR's core but not its
 * product-mini/, so this driver is ours. One source, built once per runtime variant
 * (CMakeLists.txt): classic interpreter, fast interpreter, LLVM JIT, AOT loader.
 *   iwasm2 [--no-preopen] MODULE.{wasm,aot} ARGS...
 * WASI: the cwd preopened as "." (unless --no-preopen), argv[0] = the module path as given,
 * environment empty, stdio inherited. Exit status: the guest's proc_exit code (or main's
 * return); a trap prints "Exception: …" on stderr and exits 1; a load failure exits 2.
 * Choices, each for a reason seen with WAMR 2020 here (docs/runtimes.md):
 *  - no app heap inside the guest's memory (heap size 0): WAMR's heap and wasi-libc's malloc
 *    shared the linear memory and corrupted each other;
 *  - an 8 MiB wasm stack (interpreter frames and operands), like a native stack: the 16 KiB
 *    default overflowed on 1000-deep recursion;
 *  - the program runs on a thread of ours with a 64 MiB native stack, set up with
 *    wasm_runtime_init_thread_env so the hardware stack guard and bound checks work there;
 *  - the LLVM JIT at opt and size level 3 (iwasm's defaults; zeroed init args mean level 0).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "wasm_export.h"
#include "read_all.h"

#ifndef IWASM2_MODE
#define IWASM2_MODE Mode_Interp
#endif

struct job { int argc; char **argv; int preopen; int status; };

static void *run(void *arg) {
  struct job *j = arg;
  char err[256] = {0};
  uint32_t size;
  j->status = 2;
  if (!wasm_runtime_init_thread_env()) { fprintf(stderr, "iwasm2: cannot set up the thread environment\n"); return NULL; }
  unsigned char *bytes = read_all(j->argv[0], &size);
  if (!bytes) { fprintf(stderr, "iwasm2: cannot read %s\n", j->argv[0]); goto out; }
  wasm_module_t module = wasm_runtime_load(bytes, size, err, sizeof err);
  if (!module) { fprintf(stderr, "iwasm2: load failed: %s\n", err); goto out; }
  const char *dirs[] = { "." };
  wasm_runtime_set_wasi_args(module, dirs, j->preopen ? 1 : 0, NULL, 0, NULL, 0, j->argv, j->argc);
  wasm_module_inst_t inst = wasm_runtime_instantiate(module, 8u << 20, 0, err, sizeof err);
  if (!inst) { fprintf(stderr, "iwasm2: instantiate failed: %s\n", err); goto out; }
  wasm_application_execute_main(inst, j->argc, j->argv);
  const char *exc = wasm_runtime_get_exception(inst);
  if (exc) { fprintf(stderr, "Exception: %s\n", exc); j->status = 1; }
  else j->status = (int)wasm_runtime_get_wasi_exit_code(inst);
out:
  fflush(stdout);
  wasm_runtime_destroy_thread_env();
  return NULL; /* module and instance die with the process */
}

int main(int argc, char **argv) {
  int preopen = 1, first = 1;
  if (argc > 1 && strcmp(argv[1], "--no-preopen") == 0) { preopen = 0; first = 2; }
  if (argc <= first) { fprintf(stderr, "usage: %s [--no-preopen] MODULE ARGS...\n", argv[0]); return 2; }
  RuntimeInitArgs init;
  memset(&init, 0, sizeof init);
  init.mem_alloc_type = Alloc_With_System_Allocator;
  init.running_mode = (RunningMode)IWASM2_MODE;
  init.llvm_jit_opt_level = 3;
  init.llvm_jit_size_level = 3;
  if (!wasm_runtime_full_init(&init)) { fprintf(stderr, "iwasm2: wasm_runtime_full_init failed\n"); return 2; }
  struct job j = { argc - first, argv + first, preopen, 2 };
  pthread_attr_t attr;
  pthread_t t;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64u << 20);
  if (pthread_create(&t, &attr, run, &j) != 0) { fprintf(stderr, "iwasm2: cannot start the run thread\n"); return 2; }
  pthread_join(t, NULL);
  fflush(stdout);
  _exit(j.status); /* skip global destructors: the guest's files are closed by the OS */
}
