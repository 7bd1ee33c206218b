#!/usr/bin/env bash
# wazero CLI (pure Go: compiler and interpreter) built by `go install` from the Go module proxy.
source "$(dirname "$0")/../lib.sh"
key="$WAZERO_MODULE-$(hash_of "$0")"
gobin="$WASMLAB_CACHE/wazero/$key"
if [ -x "$gobin/wazero" ]; then
  link_bin wazero "$gobin/wazero"; info "cached: wazero $WAZERO_MODULE ($key)"; exit 0
fi
command -v go >/dev/null || { fail "go is not installed (wazero needs the Go toolchain: apt-get install golang, or a Go from go.dev)"; exit 1; }
info "building wazero $WAZERO_MODULE with go install (~40 s cold)"
GOBIN="$gobin" GOFLAGS=-p=2 run_logged wazero go install "github.com/tetratelabs/wazero/cmd/wazero@$WAZERO_MODULE"
link_bin wazero "$gobin/wazero"
info "wazero: $("$gobin/wazero" version 2>&1 | head -n1)"
