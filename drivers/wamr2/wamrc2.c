/*
 * wamrc2: a wamrc-style AOT compiler over WAMR 2.4.3's aot_export.h (the crate wamrx-sys has no
 * wamr-compiler/), linked with the LLVM-JIT variant of the runtime library, whose compilation
 * sources are the AOT compiler's.
 *   wamrc2 -o OUT.aot IN.wasm
 * Options as wamrc's defaults for x86-64: opt and size level 3, SIMD, bulk memory and
 * reference types on, no software bound checks (the AOT runtime's guard pages trap instead).
 * The module is loaded in interpreter running mode so the JIT build does not also JIT it.
 * Run by wasmlab's AOT step for `wamr@2.4.3:aot` targets (src/runtimes/versions/wamr2.ts).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wasm_export.h"
#include "aot_export.h"
#include "read_all.h"

int main(int argc, char **argv) {
  if (argc != 4 || strcmp(argv[1], "-o") != 0) { fprintf(stderr, "usage: %s -o OUT.aot IN.wasm\n", argv[0]); return 2; }
  const char *out = argv[2], *in = argv[3];
  char err[256] = {0};
  uint32_t size;
  RuntimeInitArgs init;
  memset(&init, 0, sizeof init);
  init.mem_alloc_type = Alloc_With_System_Allocator;
  init.running_mode = Mode_Interp;
  if (!wasm_runtime_full_init(&init)) { fprintf(stderr, "wamrc2: runtime init failed\n"); return 1; }
  unsigned char *bytes = read_all(in, &size);
  if (!bytes) { fprintf(stderr, "wamrc2: cannot read %s\n", in); return 1; }
  wasm_module_t module = wasm_runtime_load(bytes, size, err, sizeof err);
  if (!module) { fprintf(stderr, "wamrc2: load failed: %s\n", err); return 1; }
  aot_comp_data_t data = aot_create_comp_data(module, NULL, false);
  if (!data) { fprintf(stderr, "wamrc2: %s\n", aot_get_last_error()); return 1; }
  AOTCompOption opt;
  memset(&opt, 0, sizeof opt);
  opt.opt_level = 3;
  opt.size_level = 3;
  opt.output_format = AOT_FORMAT_FILE;
  opt.bounds_checks = 2;       /* 2 = the target's default: none on x86-64 (hardware checks) */
  opt.stack_bounds_checks = 2;
  opt.enable_simd = true;
  opt.enable_bulk_memory = true;
  opt.enable_bulk_memory_opt = true;
  opt.enable_ref_types = true;
  opt.enable_call_indirect_overlong = true;
  opt.enable_aux_stack_check = true;
  opt.aux_stack_frame_type = AOT_STACK_FRAME_OFF;
  aot_call_stack_features_init_default(&opt.call_stack_features);
  aot_comp_context_t ctx = aot_create_comp_context(data, &opt);
  if (!ctx) { fprintf(stderr, "wamrc2: %s\n", aot_get_last_error()); return 1; }
  if (!aot_compile_wasm(ctx)) { fprintf(stderr, "wamrc2: compile failed: %s\n", aot_get_last_error()); return 1; }
  if (!aot_emit_aot_file(ctx, data, out)) { fprintf(stderr, "wamrc2: cannot write %s: %s\n", out, aot_get_last_error()); return 1; }
  return 0;
}
