#!/usr/bin/env bash
# The Jupyter kernel spec "TypeScript (wasmlab)" in the checkout's venv
# (.venv/share/jupyter/kernels/wasmlab), where that venv's JupyterLab and nbclient find it;
# `wasmlab kernel install` does the same. Also PyPI plotly, for the JupyterLab extension it
# carries: without it JupyterLab has no renderer for the kernel's plotly MIME type and falls back
# to the HTML (a 4.5 MB inlined plotly.js per plot). Needs the node and python steps.
source "$(dirname "$0")/../lib.sh"
cd "$WASMLAB_ROOT"
[ -x .venv/bin/jupyter ] || { fail "no .venv with Jupyter: run bash setup/steps/python.sh"; exit 1; }
[ -f dist/kernel/spec.js ] || { fail "dist/kernel/spec.js is missing: run npm run build (setup/steps/node.sh)"; exit 1; }
if [ "$(cat .venv/.wasmlab-plotly 2>/dev/null)" != "$PY_PLOTLY" ]; then
  run_logged plotly .venv/bin/pip install --disable-pip-version-check -q "plotly==$PY_PLOTLY" \
    || { fail "pip could not install plotly==$PY_PLOTLY (PyPI reachable?)"; exit 1; }
  echo "$PY_PLOTLY" > .venv/.wasmlab-plotly
  info "installed plotly $PY_PLOTLY (JupyterLab renderer for plots)"
fi
# spec.js rewrites kernel.json only when its content changes, so a second run is a no-op.
out=$(node dist/kernel/spec.js) || { fail "could not write the kernel spec"; exit 1; }
case "$out" in
  "up to date"*) info "cached: kernel spec ${out#up to date: }, plotly $PY_PLOTLY" ;;
  *) info "$out" ;;
esac
if ! .venv/bin/jupyter kernelspec list 2>/dev/null | grep -q '^ *wasmlab '; then
  fail "jupyter kernelspec list does not show wasmlab; check $WASMLAB_ROOT/.venv/share/jupyter/kernels/wasmlab"
  exit 1
fi
