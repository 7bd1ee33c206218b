#!/usr/bin/env bash
# The Jupyter kernel spec "TypeScript (wasmlab)" in the checkout's venv
# (.venv/share/jupyter/kernels/wasmlab), where that venv's JupyterLab and nbclient find it.
# `wasmlab kernel install` does the same. Needs the node step (dist/ built) and the python step.
source "$(dirname "$0")/../lib.sh"
cd "$WASMLAB_ROOT"
[ -x .venv/bin/jupyter ] || { fail "no .venv with Jupyter: run bash setup/steps/python.sh"; exit 1; }
[ -f dist/kernel/spec.js ] || { fail "dist/kernel/spec.js is missing: run npm run build (setup/steps/node.sh)"; exit 1; }
# spec.js rewrites kernel.json only when its content changes, so a second run is a no-op.
out=$(node dist/kernel/spec.js) || { fail "could not write the kernel spec"; exit 1; }
case "$out" in
  "up to date"*) info "cached: kernel spec ${out#up to date: }" ;;
  *) info "$out" ;;
esac
if ! .venv/bin/jupyter kernelspec list 2>/dev/null | grep -q '^ *wasmlab '; then
  fail "jupyter kernelspec list does not show wasmlab; check $WASMLAB_ROOT/.venv/share/jupyter/kernels/wasmlab"
  exit 1
fi
