#!/usr/bin/env bash
# A virtual environment in the clone (.venv, ignored by git) with Jupyter for the kernel,
# the notebook tests and nbconvert.
source "$(dirname "$0")/../lib.sh"
cd "$WASMLAB_ROOT"
want="jupyterlab==$PY_JUPYTERLAB nbclient==$PY_NBCLIENT nbconvert==$PY_NBCONVERT jupyter_client==$PY_JUPYTER_CLIENT ipykernel==$PY_IPYKERNEL papermill==$PY_PAPERMILL"
if [ -f .venv/.wasmlab-stamp ] && [ "$(cat .venv/.wasmlab-stamp)" = "$want" ]; then
  info "cached: .venv has $want"; exit 0
fi
[ -x .venv/bin/python ] || run_logged venv python3 -m venv .venv
# shellcheck disable=SC2086
run_logged pip .venv/bin/pip install --disable-pip-version-check -q $want
echo "$want" > .venv/.wasmlab-stamp
info "installed $want"
