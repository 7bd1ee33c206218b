#!/usr/bin/env bash
# Wasmer CLI with all three compilers (SinglePass, Cranelift, LLVM), built from crates.io.
# wasmer-cli 4.4.0 is the newest whose LLVM backend accepts an LLVM Debian 12 ships (15); see
# README "Runtimes" for the four adjustments below. Cold build: ~17 min on 2 cores.
source "$(dirname "$0")/../lib.sh"
key="$WASMER_CRATE-llvm$WASMER_LLVM-$(hash_of "$WASMLAB_ROOT/setup/wasmer/probestack.S" "$0")"
root="$WASMLAB_CACHE/wasmer/$key"
if [ -x "$root/bin/wasmer" ]; then
  link_bin wasmer "$root/bin/wasmer"; info "cached: wasmer $WASMER_CRATE ($key)"; exit 0
fi
prefix="/usr/lib/llvm-$WASMER_LLVM"
[ -x "$prefix/bin/llvm-config" ] || { fail "llvm-$WASMER_LLVM-dev is missing (apt step)"; exit 1; }
shims="$WASMLAB_CACHE/wasmer/shims-$key"
mkdir -p "$shims"
# (1) Debian's `llvm-config --link-static` names Polly archives it does not ship (no
#     libpolly-15-dev); nothing references them, so empty archives satisfy the linker.
ar rc "$shims/libPolly.a"; ar rc "$shims/libPollyISL.a"
# (2) __rust_probestack, which current Rust no longer provides (see probestack.S).
cc -c "$WASMLAB_ROOT/setup/wasmer/probestack.S" -o "$shims/probestack.o"
info "building wasmer-cli $WASMER_CRATE (singlepass, cranelift, llvm) — about 17 min cold; log: $WASMLAB_CACHE/logs/wasmer.log"
export LLVM_SYS_150_PREFIX="$prefix"
export RUSTFLAGS="-L native=$shims -C link-arg=$shims/probestack.o"
export CARGO_TARGET_DIR="$WASMLAB_CACHE/wasmer/target"
# (3) --locked: a newer `rmp` breaks `rmp-serde` 0.15.5.
run_logged wasmer cargo install "wasmer-cli@$WASMER_CRATE" --locked \
  --features singlepass,cranelift,llvm --root "$root"
rm -rf "$CARGO_TARGET_DIR"   # 10+ GB of intermediates; the binary is all we keep
link_bin wasmer "$root/bin/wasmer"
info "wasmer: $("$root/bin/wasmer" --version)"
