#!/usr/bin/env bash
# wasmlab setup: installs everything a fresh machine needs, then runs the main job.
#   bash setup/setup.sh            set up, then run a small sweep and the quickstart notebook
#   bash setup/setup.sh --no-demo  set up only (CI uses this before the tests)
#   bash setup/setup.sh --with slurm   also Slurm, for `wasmlab slurm local up` (a one-node cluster)
# Idempotent: each step keeps a stamp in ~/.cache/wasmlab (or $WASMLAB_CACHE) keyed by the
# versions it built, so a second run only checks. Core steps must succeed; a runtime that cannot
# be had is reported with its reason and setup goes on (`wasmlab doctor` repeats the reason).
source "$(dirname "$0")/lib.sh"
demo=1
extras=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-demo) demo=0 ;;
    --with) [ "${2:-}" = slurm ] || { echo "usage: --with slurm" >&2; exit 2; }; extras+=(slurm); shift ;;
    *) echo "usage: bash setup/setup.sh [--no-demo] [--with slurm]" >&2; exit 2 ;;
  esac
  shift
done

started=$(date +%s)
core_steps=(apt node python launcher apps)
runtime_steps=(wasmtime wasm3 wamr wazero wasmi wavm engines)
# Wasmer 4.4's build is the longest step (~11 min cold on 2 cores). It needs only the Debian
# packages and cargo, and leaves a core idle in its serial phases and while other steps download,
# so it starts right after `apt` and runs beside the rest; its output is shown when it ends.
background_steps=(wasmer)
missing=()

timed() {  # timed STEP: run a step and say how long it took
  local t0=$SECONDS
  bash "$WASMLAB_ROOT/setup/steps/$1.sh" || return 1
  info "($1: $((SECONDS - t0)) s)"
}
runtime_failed() { missing+=("$1"); warn "$1 is not available; see the reason above (wasmlab doctor says it again)"; }
declare -A pid_of=()
# A core step that fails ends setup: take the background build down with it, not leave it running.
kill_tree() { local c; for c in $(pgrep -P "$1"); do kill_tree "$c"; done; kill "$1" 2>/dev/null || true; }
trap 'for p in "${pid_of[@]}"; do kill_tree "$p"; done' EXIT
for s in "${core_steps[@]}"; do
  step "$s"
  timed "$s"
  if [ "$s" = apt ]; then
    for b in "${background_steps[@]}"; do
      timed "$b" >"$WASMLAB_CACHE/logs/step-$b.out" 2>&1 &
      pid_of[$b]=$!
      info "runtime: $b runs in the background from here (its lines come when it ends)"
    done
  fi
done
for s in "${runtime_steps[@]}"; do
  step "runtime: $s"
  timed "$s" || runtime_failed "$s"
done
for b in "${background_steps[@]}"; do
  step "runtime: $b"
  ok=1; wait "${pid_of[$b]}" || ok=0
  cat "$WASMLAB_CACHE/logs/step-$b.out"
  [ "$ok" = 1 ] || runtime_failed "$b"
  unset "pid_of[$b]"
done
for s in "${extras[@]}"; do
  step "$s"
  timed "$s"
done
step "kernel spec"
bash "$WASMLAB_ROOT/setup/steps/kernel.sh"

step "doctor"
(cd "$WASMLAB_ROOT" && node bin/wasmlab.js doctor)
[ ${#missing[@]} -eq 0 ] || warn "runtimes not set up: ${missing[*]}"
info "setup took $(( $(date +%s) - started )) s"

if [ "$demo" = 1 ]; then
  step "main job: a small sweep"
  (cd "$WASMLAB_ROOT" && node bin/wasmlab.js run --bench gemm,crc32,quicksort --runtime all --reps 3)
  if [ -f "$WASMLAB_ROOT/notebooks/00-quickstart.ipynb" ]; then
    step "main job: the quickstart notebook"
    (cd "$WASMLAB_ROOT" && .venv/bin/jupyter nbconvert --to notebook --execute \
       --output-dir "$WASMLAB_CACHE/notebooks" notebooks/00-quickstart.ipynb)
    info "executed notebook: $WASMLAB_CACHE/notebooks/00-quickstart.ipynb"
  fi
fi
