#!/usr/bin/env bash
# WAMR (WebAssembly Micro Runtime) from the source tree that crates.io's wamr-sys carries
# (a Dec-2020 snapshot; no registry ships a WAMR CLI — PyPI's wamr-bin is something else).
# Builds two executables:
#   iwasm  WAMR's default build: fast interpreter + AOT loader, hardware bound checks (guard
#          pages), runs .wasm (interpreted) and .aot files
#   wamrc  the AOT compiler, against Debian's LLVM 15 (patches 01-03). On x86-64 it emits no
#          software bound checks and relies on iwasm's guard pages, so .aot files must run in
#          this default iwasm; a WAMR_DISABLE_HW_BOUND_CHECK build would run them unchecked.
# Our patches (setup/wamr/patches, each says why): 04 padded call_indirect table index (clang 19
# output), 10 exit status = proc_exit code, 11 WASI without WAMR's in-memory app heap (run with
# --heap-size=0), 12 run on a thread so the AOT stack guard can be set up, 13 WASI preview1
# layouts of filestat (64-bit nlink: stat sizes) and poll_oneoff's subscription (sleep).
# Cold build: ~30-60 s for iwasm, ~1-4 min for wamrc.
source "$(dirname "$0")/../lib.sh"
patches=("$WASMLAB_ROOT"/setup/wamr/patches/*.patch)
key="$WAMR_SYS_CRATE-llvm$WAMRC_LLVM-$(hash_of "${patches[@]}" "$0")"
top="$WASMLAB_CACHE/wamr/$key"
if [ -x "$top/bin/iwasm" ] && [ -x "$top/bin/wamrc" ]; then
  for t in iwasm wamrc; do link_bin "$t" "$top/bin/$t"; done
  info "cached: iwasm, wamrc from wamr-sys $WAMR_SYS_CRATE ($key)"; exit 0
fi
llvm="/usr/lib/llvm-$WAMRC_LLVM"
[ -f "$llvm/lib/cmake/llvm/LLVMConfig.cmake" ] || { fail "llvm-$WAMRC_LLVM-dev is missing (apt step: apt-get install llvm-$WAMRC_LLVM-dev)"; exit 1; }
command -v cmake >/dev/null || { fail "cmake is missing (apt step)"; exit 1; }
crate=$(crate_src wamr-sys "$WAMR_SYS_CRATE")
rm -rf "$top"; mkdir -p "$top/bin"
# Work on a copy: the cargo registry's copy is shared and must stay pristine.
cp -r "$crate/wasm-micro-runtime" "$top/src"
for p in "${patches[@]}"; do
  patch -d "$top/src" -p1 -s < "$p" || { fail "patch $(basename "$p") does not apply to wamr-sys $WAMR_SYS_CRATE"; exit 1; }
done
# wamr-compiler/CMakeLists.txt looks for LLVM in core/deps/llvm/build (where WAMR's own script
# builds one); point that at Debian's LLVM instead.
mkdir -p "$top/src/core/deps/llvm"; ln -sfn "$llvm" "$top/src/core/deps/llvm/build"

build() {  # build NAME SOURCE_SUBDIR TARGET CMAKE_ARGS...
  local name="$1" sub="$2" target="$3"; shift 3
  local b="$top/build-$name" t0=$SECONDS
  run_logged "wamr-$name-configure" cmake -S "$top/src/$sub" -B "$b" -DCMAKE_BUILD_TYPE=Release "$@"
  run_logged "wamr-$name" cmake --build "$b" -j 2
  cp "$b/$target" "$top/bin/$name"
  info "built $name in $((SECONDS - t0)) s"
}
info "building WAMR from wamr-sys $WAMR_SYS_CRATE; logs: $WASMLAB_CACHE/logs/wamr-*.log"
build iwasm product-mini/platforms/linux iwasm
build wamrc wamr-compiler wamrc
rm -rf "$top"/build-*
rm -f "$WASMLAB_BIN/iwasm-aot"   # from an earlier layout of this step
for t in iwasm wamrc; do link_bin "$t" "$top/bin/$t"; done
info "wamr: iwasm, wamrc in $top/bin"
