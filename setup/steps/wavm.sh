#!/usr/bin/env bash
# WAVM, built from the 2020 source snapshot inside crates.io wavm-sys, ported to Debian's LLVM
# by our patches in setup/wavm/patches (why each one, and why LLVM 13: setup/wavm/README.md).
# Builds only Programs/wavm and the libraries it links (no tests). Cold build: 4-9 min on 2 cores.
source "$(dirname "$0")/../lib.sh"
patches=("$WASMLAB_ROOT"/setup/wavm/patches/*.patch)
key="$WAVM_SYS_CRATE-llvm$WAVM_LLVM-$(hash_of "${patches[@]}" "$0")"
root="$WASMLAB_CACHE/wavm/$key"
if [ -x "$root/bin/wavm" ]; then
  link_bin wavm "$root/bin/wavm"; info "cached: $(cat "$root/wasmlab-version") ($key)"; exit 0
fi

# LLVM's CMake package (and `patch`, absent from minimal Debian) come from apt when missing.
llvm_cmake="/usr/lib/llvm-$WAVM_LLVM/lib/cmake/llvm"
need=()
[ -f "$llvm_cmake/LLVMConfig.cmake" ] || need+=("llvm-$WAVM_LLVM-dev")
command -v patch >/dev/null || need+=(patch)
for t in cmake ninja g++; do command -v "$t" >/dev/null || { fail "$t is missing (apt step)"; exit 1; }; done
if [ ${#need[@]} -gt 0 ]; then
  info "installing ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  { run_logged wavm-apt-update $SUDO apt-get update &&
    run_logged wavm-apt $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"; } \
    || { fail "could not install ${need[*]}; fix: sudo apt-get install ${need[*]}"; exit 1; }
fi

crate="$(crate_src wavm-sys "$WAVM_SYS_CRATE")"
[ -f "$crate/wavm/CMakeLists.txt" ] || { fail "no WAVM tree in $crate (expected wavm/CMakeLists.txt)"; exit 1; }
work="$WASMLAB_CACHE/wavm/work-$key"
rm -rf "$work"; mkdir -p "$work"
cp -r "$crate/wavm" "$work/src"   # the cargo registry copy stays pristine
for p in "${patches[@]}"; do
  patch -d "$work/src" -p1 --batch --forward -s < "$p" \
    || { fail "patch $(basename "$p") does not apply to wavm-sys $WAVM_SYS_CRATE"; exit 1; }
done

info "building wavm (wavm-sys $WAVM_SYS_CRATE, ${#patches[@]} patches, LLVM $WAVM_LLVM) — 4-9 min cold; log: $WASMLAB_CACHE/logs/wavm.log"
started=$(date +%s)
# Static WAVM libraries: one self-contained executable. Fuzz targets off: not needed.
run_logged wavm-cmake cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DLLVM_DIR="$llvm_cmake" -DWAVM_ENABLE_STATIC_LINKING=ON -DWAVM_ENABLE_FUZZ_TARGETS=OFF || exit 1
run_logged wavm ninja -C "$work/build" -j2 bin/wavm || exit 1
llvm_version="$("/usr/lib/llvm-$WAVM_LLVM/bin/llvm-config" --version)"
mkdir -p "$root"
# `wavm version` only says 0.0.0-prerelease; the adapter (src/runtimes/wavm.ts) reports this line.
# It ends with the cache key's hash so that a rebuilt wavm never reuses AOT artifacts (keyed by
# the version string) precompiled by an earlier build.
echo "WAVM 2020 snapshot from wavm-sys $WAVM_SYS_CRATE, ${#patches[@]} patches, LLVM $llvm_version (build ${key##*-})" > "$root/wasmlab-version"
install -D -m 755 "$work/build/bin/wavm" "$root/bin/wavm"   # last: the binary is the cache stamp
rm -rf "$work"   # ~130 MB of sources and objects; the binary is all we keep
link_bin wavm "$root/bin/wavm"
info "$(cat "$root/wasmlab-version"), built in $(( $(date +%s) - started )) s"
