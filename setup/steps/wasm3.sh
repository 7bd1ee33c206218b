#!/usr/bin/env bash
# wasm3 interpreter CLI. No registry ships one, so it is assembled from three parts:
#   - the wasm3 0.5.0 core, from PyPI's pywasm3 0.5.0 sdist (fetched with pip download);
#   - the WASI layer m3_api_wasi.c from crates.io's wasm3-sys (written for wasm3 0.4.7, whose own
#     core fails on clang-19 output), adapted to 0.5.0 by setup/wasm3/wasi-0.5.0.patch;
#   - setup/wasm3/core-call-indirect.patch, a fix to the 0.5.0 core for wasm-ld's padded LEBs;
#   - setup/wasm3/driver.c, our driver (args, stdin/out/err, cwd preopened as "./", exit code).
# Cold build: ~10-30 s.
source "$(dirname "$0")/../lib.sh"
here="$WASMLAB_ROOT/setup/wasm3"
key="$PYWASM3_SDIST-sys$WASM3_SYS_CRATE-$(hash_of "$here"/*.patch "$here/driver.c" "$0")"
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
cp "$sys/m3_api_wasi.c" "$sys/m3_api_wasi.h" "$top/src/"
cp "$sys/extra/wasi_core.h" "$top/src/extra/"
sed -i 's/\r$//' "$top/src/m3_api_wasi.c" "$top/src/m3_api_wasi.h"   # CRLF in the crate
patch -d "$top/src" -p1 -s < "$here/wasi-0.5.0.patch" \
  || { fail "wasi-0.5.0.patch does not apply to wasm3-sys $WASM3_SYS_CRATE's m3_api_wasi.c"; exit 1; }
cp "$here/driver.c" "$top/src/"
info "compiling wasm3 with $cc"
# The flags of wasm3's own release build: its interpreter relies on tail calls, which -O3 makes.
run_logged wasm3 "$cc" -O3 -g0 -DNDEBUG -DNASSERTS -Dd_m3HasWASI -fomit-frame-pointer \
  -fno-stack-check -fno-stack-protector -I"$top/src" "$top"/src/*.c -lm -o "$top/bin/wasm3"
rm -rf "$top/sdist"
link_bin wasm3 "$top/bin/wasm3"
info "wasm3: $("$top/bin/wasm3" --version)"
