#!/usr/bin/env bash
# Debian packages: the C/C++ toolchain for native and wasm32-wasi, measuring tools, and the
# build dependencies of the runtimes that setup compiles from registry sources.
source "$(dirname "$0")/../lib.sh"
pkgs=(
  "clang-$CLANG_MAJOR" "lld-$CLANG_MAJOR" wasi-libc "libclang-rt-$CLANG_MAJOR-dev-wasm32"
  "libc++-$CLANG_MAJOR-dev-wasm32" "libc++abi-$CLANG_MAJOR-dev-wasm32"
  gcc g++ make cmake ninja-build pkg-config patch
  hyperfine valgrind time linux-perf
  wabt  # wasm-objdump: the test that cross-checks our v128 count (src/toolchain/v128-scan.ts)
  "llvm-$WASMER_LLVM-dev" libzstd-dev zlib1g-dev libxml2-dev libffi-dev
  chromium
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then info "cached: all ${#pkgs[@]} packages installed"; exit 0; fi
info "installing: ${missing[*]}"
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
run_logged apt-update $SUDO apt-get update
run_logged apt-install env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
info "installed ${#missing[@]} packages"
