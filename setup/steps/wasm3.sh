#!/usr/bin/env bash
# wasm3 interpreter CLI. No registry ships one, so it is assembled from three parts:
#   - the wasm3 0.5.0 core, from PyPI's pywasm3 0.5.0 sdist (fetched with pip download);
#   - the WASI layer m3_api_wasi.c from crates.io's wasm3-sys (written for wasm3 0.4.7, whose own
#     core fails on clang-19 output), adapted to 0.5.0 by setup/wasm3/wasi-0.5.0.patch;
#   - setup/wasm3/wasi_extra.c, our own preview1 functions the layer lacks (unlink, stat, rename,
#     mkdir, readdir, …) and a fixed fd_seek;
#   - setup/wasm3/core-call-indirect.patch, a fix to the 0.5.0 core for wasm-ld's padded LEBs;
#   - setup/wasm3/core-compile-clear.patch, so that the raised stack-height limit below costs
#     ordinary functions nothing;
#   - drivers/wasm3-driver.c, our driver (args, stdin/out/err, cwd preopened as "./", exit code).
# Cold build: ~10-30 s.
source "$(dirname "$0")/../lib.sh"
here="$WASMLAB_ROOT/setup/wasm3"
driver="$WASMLAB_ROOT/drivers/wasm3-driver.c"
key="$PYWASM3_SDIST-sys$WASM3_SYS_CRATE-$(hash_of "$here"/*.patch "$here"/*.c "$driver" "$0")"
top="$WASMLAB_CACHE/wasm3/$key"
if [ -x "$top/bin/wasm3" ]; then
  link_bin wasm3 "$top/bin/wasm3"; info "cached: wasm3 $PYWASM3_SDIST ($key)"; exit 0
fi
cc="${CC:-clang-$CLANG_MAJOR}"
command -v "$cc" >/dev/null || { fail "$cc is missing (apt step)"; exit 1; }
rm -rf "$top"; mkdir -p "$top/sdist" "$top/src/extra" "$top/bin"
info "fetching pywasm3 $PYWASM3_SDIST (sdist, PyPI) and wasm3-sys $WASM3_SYS_CRATE (crates.io)"
run_logged wasm3 python3 -m pip download --disable-pip-version-check --no-deps --no-binary :all: \
  "pywasm3==$PYWASM3_SDIST" -d "$top/sdist"
tar -xzf "$top/sdist/pywasm3-$PYWASM3_SDIST.tar.gz" -C "$top/sdist"
cp "$top/sdist/pywasm3-$PYWASM3_SDIST"/wasm3/*.[ch] "$top/src/"
sys=$(crate_src wasm3-sys "$WASM3_SYS_CRATE")/wasm3/source
patch -d "$top/src" -p1 -s < "$here/core-call-indirect.patch" \
  || { fail "core-call-indirect.patch does not apply to pywasm3 $PYWASM3_SDIST"; exit 1; }
patch -d "$top/src" -p1 -s < "$here/core-compile-clear.patch" \
  || { fail "core-compile-clear.patch does not apply to pywasm3 $PYWASM3_SDIST"; exit 1; }
cp "$sys/m3_api_wasi.c" "$sys/m3_api_wasi.h" "$top/src/"
cp "$sys/extra/wasi_core.h" "$top/src/extra/"
sed -i 's/\r$//' "$top/src/m3_api_wasi.c" "$top/src/m3_api_wasi.h"   # CRLF in the crate
patch -d "$top/src" -p1 -s < "$here/wasi-0.5.0.patch" \
  || { fail "wasi-0.5.0.patch does not apply to wasm3-sys $WASM3_SYS_CRATE's m3_api_wasi.c"; exit 1; }
cp "$driver" "$here/wasi_extra.c" "$top/src/"
info "compiling wasm3 with $cc"
# The flags of wasm3's own release build: its interpreter relies on tail calls, which -O3 makes.
# d_m3MaxFunctionStackHeight bounds a function's params + locals + operand depth at compile
# time (default 2000). clang -O0 code keeps every temporary in a local: the largest function
# of the suite needs 8776 (sqlite3VdbeExec, apps/sqlite -O0); lua, zstd and bzip2 at -O0 also
# exceed 2000. 16384 is the most the 0.5.0 compiler handles: with 32-bit slots an i64 takes
# two, and slot numbers pass through i16 (DeallocateSlot), so 2*16384 slots is the ceiling.
# Cost: M3Compilation (inside M3Runtime) grows by ~72 KB; it is zeroed twice at startup (the
# runtime, and the copy wasm3 builds on the stack to evaluate init expressions): a fixed
# ~0.15 MB of RSS per process (gemm: ~10.5 → ~10.7 MB). Per function nothing changes: its
# clear is cut to what was used (core-compile-clear.patch; m3_CompileModule of gnuchess:
# 1.9-2.1 ms before, 1.9-2.0 ms after; 2.3-2.45 ms without that patch), and a function's
# frame is sized by its own needs.
run_logged wasm3 "$cc" -O3 -g0 -DNDEBUG -DNASSERTS -Dd_m3HasWASI -fomit-frame-pointer \
  -Dd_m3MaxFunctionStackHeight=16384 \
  -fno-stack-check -fno-stack-protector -I"$top/src" "$top"/src/*.c -lm -o "$top/bin/wasm3"
rm -rf "$top/sdist"
link_bin wasm3 "$top/bin/wasm3"
info "wasm3: $("$top/bin/wasm3" --version)"
