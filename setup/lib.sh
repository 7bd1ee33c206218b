# Shared helpers for setup steps. Sourced, never run.
# Every step is idempotent: it checks its cache stamp first and says "cached" when nothing to do.
set -euo pipefail

WASMLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASMLAB_CACHE="${WASMLAB_CACHE:-$HOME/.cache/wasmlab}"
WASMLAB_BIN="$WASMLAB_CACHE/bin"       # every tool wasmlab uses is linked here
mkdir -p "$WASMLAB_BIN" "$WASMLAB_CACHE/logs"
# shellcheck disable=SC1091
source "$WASMLAB_ROOT/setup/versions.env"

step()  { printf '\033[1m==> %s\033[0m\n' "$*"; }
info()  { printf '    %s\n' "$*"; }
warn()  { printf '    \033[33mWARN\033[0m %s\n' "$*" >&2; }
fail()  { printf '    \033[31mFAIL\033[0m %s\n' "$*" >&2; }

# hash_of FILE... : a short content hash (cache keys include patch and script contents)
hash_of() { cat "$@" | sha256sum | cut -c1-12; }

# link_bin NAME TARGET : expose a tool as $WASMLAB_BIN/NAME
link_bin() { ln -sfn "$2" "$WASMLAB_BIN/$1"; }

# run_logged NAME CMD... : run a long command with its output in a log file; on failure show the tail
run_logged() {
  local name="$1"; shift
  local log="$WASMLAB_CACHE/logs/$name.log"
  if "$@" >"$log" 2>&1; then return 0; fi
  fail "$name failed; last lines of $log:"
  tail -n 25 "$log" >&2
  return 1
}

# crate_src NAME VERSION : print the folder of a crate's unpacked sources (fetched with cargo,
# the ordinary client, through a throwaway manifest)
crate_src() {
  local name="$1" version="$2"
  local dir="$WASMLAB_CACHE/crates/$name-$version"
  if [ ! -f "$dir/.fetched" ]; then
    mkdir -p "$dir/probe/src"
    printf '[package]\nname = "probe"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\n%s = "=%s"\n' \
      "$name" "$version" > "$dir/probe/Cargo.toml"
    echo 'fn main() {}' > "$dir/probe/src/main.rs"
    (cd "$dir/probe" && CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" cargo fetch -q) >&2
    touch "$dir/.fetched"
  fi
  local found
  found=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$name-$version" 2>/dev/null | head -n1)
  [ -n "$found" ] || { fail "crate $name $version not found after cargo fetch"; return 1; }
  echo "$found"
}
