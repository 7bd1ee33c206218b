#!/usr/bin/env bash
# wazero CLI (pure Go: compiler and interpreter), module from the Go module proxy, built with
# one patch (setup/wazero/call-stack-ceiling.patch: the interpreter's 2000-call limit).
# `go install …@version` cannot apply a patch, so: `go mod download` the module, patch a copy,
# `go build` its cmd/wazero with the version stamped in (what `wazero version` prints). ~40 s cold.
source "$(dirname "$0")/../lib.sh"
patch_file="$WASMLAB_ROOT/setup/wazero/call-stack-ceiling.patch"
key="$WAZERO_MODULE-$(hash_of "$patch_file" "$0")"
gobin="$WASMLAB_CACHE/wazero/$key"
if [ -x "$gobin/wazero" ]; then
  link_bin wazero "$gobin/wazero"; info "cached: wazero $WAZERO_MODULE ($key)"; exit 0
fi
command -v go >/dev/null || { fail "go is not installed (wazero needs the Go toolchain: apt-get install golang, or a Go from go.dev)"; exit 1; }
mod=github.com/tetratelabs/wazero
info "building wazero $WAZERO_MODULE (Go module proxy) — ~40 s cold; log: $WASMLAB_CACHE/logs/wazero.log"
run_logged wazero go mod download "$mod@$WAZERO_MODULE"
dir=$(go mod download -json "$mod@$WAZERO_MODULE" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$dir" ] || { fail "go mod download did not give a source folder for $mod@$WAZERO_MODULE"; exit 1; }
src="$WASMLAB_CACHE/wazero/src-$key"
rm -rf "$src"; mkdir -p "$(dirname "$src")"; cp -r "$dir" "$src"; chmod -R u+w "$src"   # the module cache is read-only
patch -d "$src" -p1 -s < "$patch_file" || { fail "call-stack-ceiling.patch does not apply to wazero $WAZERO_MODULE"; exit 1; }
mkdir -p "$gobin"
(cd "$src" && run_logged wazero go build -p 2 -trimpath \
  -ldflags "-X $mod/internal/version.version=$WAZERO_MODULE" -o "$gobin/wazero" ./cmd/wazero)
rm -rf "$src"
link_bin wazero "$gobin/wazero"
info "wazero: $("$gobin/wazero" version 2>&1 | head -n1)"
