#!/usr/bin/env bash
# wasmi CLI (an interpreter in Rust): crates.io's wasmi_cli, built with `cargo install --path`
# from a copy of the crate patched by setup/wasmi/recursion-limit.patch (its default limit of
# 1000 nested calls has no CLI option). --locked uses the crate's own Cargo.lock. ~6-10 min cold.
source "$(dirname "$0")/../lib.sh"
patch_file="$WASMLAB_ROOT/setup/wasmi/recursion-limit.patch"
key="$WASMI_CRATE-$(hash_of "$patch_file" "$0")"
root="$WASMLAB_CACHE/wasmi/$key"
if [ -x "$root/bin/wasmi" ]; then
  link_bin wasmi "$root/bin/wasmi"; info "cached: wasmi $WASMI_CRATE ($key)"; exit 0
fi
command -v cargo >/dev/null || { fail "cargo is not installed (rustup or apt-get install cargo)"; exit 1; }
crate=$(crate_src wasmi_cli "$WASMI_CRATE")
src="$WASMLAB_CACHE/wasmi/src-$key"
rm -rf "$src"; mkdir -p "$(dirname "$src")"; cp -r "$crate" "$src"   # the registry's copy is shared: patch a copy
patch -d "$src" -p1 -s < "$patch_file" || { fail "recursion-limit.patch does not apply to wasmi_cli $WASMI_CRATE"; exit 1; }
info "building wasmi_cli $WASMI_CRATE — about 6-10 min cold; log: $WASMLAB_CACHE/logs/wasmi.log"
# A target dir of our own (deleted afterwards) so a shared CARGO_TARGET_DIR is not polluted.
export CARGO_TARGET_DIR="$WASMLAB_CACHE/wasmi/target"
run_logged wasmi cargo install --path "$src" --locked -j 2 --root "$root"
rm -rf "$CARGO_TARGET_DIR" "$src"
link_bin wasmi "$root/bin/wasmi"
info "wasmi: $("$root/bin/wasmi" --version)"
