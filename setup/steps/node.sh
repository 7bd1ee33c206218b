#!/usr/bin/env bash
# npm dependencies (exact versions from package-lock.json) and the TypeScript build.
source "$(dirname "$0")/../lib.sh"
cd "$WASMLAB_ROOT"
lock_hash=$(hash_of package.json package-lock.json)
if [ -f node_modules/.wasmlab-stamp ] && [ "$(cat node_modules/.wasmlab-stamp)" = "$lock_hash" ]; then
  info "cached: node_modules matches package-lock.json"
else
  run_logged npm-ci npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.wasmlab-stamp
  info "installed npm dependencies"
fi
run_logged tsc npm run build
info "built dist/"
