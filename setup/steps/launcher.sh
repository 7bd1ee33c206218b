#!/usr/bin/env bash
# The native measuring launcher (drivers/launcher.c), built into the cache keyed by its source
# hash.
source "$(dirname "$0")/../lib.sh"
src="$WASMLAB_ROOT/drivers/launcher.c"
out="$WASMLAB_CACHE/launcher/wl-launch-$(hash_of "$src")"
if [ -x "$out" ]; then link_bin wl-launch "$out"; info "cached: $out"; exit 0; fi
mkdir -p "$(dirname "$out")"
cc -O2 -Wall -Wextra -Werror -o "$out.tmp" "$src" && mv "$out.tmp" "$out"
link_bin wl-launch "$out"
info "built $out"
