#!/usr/bin/env bash
# Sources of the whole-application benchmarks (src/suite/programs/apps), from Debian source
# packages fetched with apt's own client: never committed. Each app gets a stable folder
# $WASMLAB_CACHE/apps/<name> (bench.json's "$APPS/<name>") holding the pristine upstream tree,
# plus the Debian patches listed in setup/apps/<name>/debian-patches (if any), plus our own
# setup/apps/<name>/*.patch, plus our hand-written files from setup/apps/<name>/overlay/
# (config headers, glue) — we never run a package's ./configure for wasm32-wasi. An app whose
# package lacks generated sources has a setup/apps/<name>/prepare.sh, run natively in the tree.
source "$(dirname "$0")/../lib.sh"
APPS="$WASMLAB_CACHE/apps"
dl="$APPS/dl"
# name  Debian-source-package  version  what to fetch: "full" = .dsc + upstream tarball + Debian's
# changes (unpacked with dpkg-source); "orig" = the upstream tarball alone (apt-get --tar-only),
# for packages whose Debian tarball the mirror does not serve (espeak: 404) — we use none of
# Debian's patches anyway.
apps=(
  "bzip2    bzip2    $APP_BZIP2_DEB    full"
  "lua      lua5.4   $APP_LUA_DEB      full"
  "whitedb  whitedb  $APP_WHITEDB_DEB  full"
  "zstd     libzstd  $APP_ZSTD_DEB     full"
  "gnuchess gnuchess $APP_GNUCHESS_DEB full"
  "snappy   snappy   $APP_SNAPPY_DEB   full"
  "sqlite   sqlite3  $APP_SQLITE_DEB   full"
  "espeak   espeak   $APP_ESPEAK_DEB   orig"
)
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

# app_key NAME VERSION : cache key = version + hash of our patches/overlay + this script
app_key() {
  local files
  files=$(find "$WASMLAB_ROOT/setup/apps/$1" -type f | LC_ALL=C sort)
  # shellcheck disable=SC2086
  echo "$2-$(hash_of "$0" $files)"
}

todo=()
for row in "${apps[@]}"; do
  read -r name pkg ver _ <<<"$row"
  if [ "$(cat "$APPS/$name/.wasmlab-stamp" 2>/dev/null)" = "$(app_key "$name" "$ver")" ]; then
    continue
  fi
  todo+=("$row")
done
if [ ${#todo[@]} -eq 0 ]; then info "cached: ${#apps[@]} application source trees in $APPS"; exit 0; fi

# deb-src must be enabled for `apt-get source` (Debian 12 ships deb822 sources without it).
srcs=/etc/apt/sources.list.d/debian.sources
if ! grep -rqs '^Types:.*deb-src' "$srcs" /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  [ -f "$srcs" ] || { fail "no deb-src entry and no $srcs; add a deb-src line for Debian 12 main by hand"; exit 1; }
  info "enabling deb-src in $srcs"
  $SUDO sed -i 's/^Types: deb$/Types: deb deb-src/' "$srcs"
  run_logged apps-apt-update $SUDO apt-get update
fi
# dpkg-source unpacks, patch applies ours, tclsh generates SQLite's amalgamation
# (setup/apps/sqlite/prepare.sh).
need=()
command -v dpkg-source >/dev/null || need+=(dpkg-dev)
command -v patch >/dev/null || need+=(patch)
command -v tclsh >/dev/null || need+=(tcl)
[ ${#need[@]} -eq 0 ] || run_logged apps-apt-install env DEBIAN_FRONTEND=noninteractive \
  $SUDO apt-get install -y --no-install-recommends "${need[@]}"

mkdir -p "$dl"
for row in "${todo[@]}"; do
  read -r name pkg ver what <<<"$row"
  info "$name: Debian source $pkg $ver"
  upstream=${ver#*:}; upstream=${upstream%-*}
  dsc="$dl/${pkg}_${ver#*:}.dsc"
  orig=$(ls "$dl/${pkg}_${upstream}".orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n1 || true)
  if { [ "$what" = full ] && [ ! -f "$dsc" ]; } || { [ "$what" = orig ] && [ -z "$orig" ]; }; then
    only=(); [ "$what" = orig ] && only=(--tar-only)
    # The _apt sandbox user cannot write into a root-owned cache; download as ourselves.
    (cd "$dl" && run_logged "apps-$name-download" apt-get source --download-only "${only[@]}" \
      -o APT::Sandbox::User="$(id -un)" "$pkg=$ver") || {
      fail "apt-get source $pkg=$ver failed: is that version still in the archive? (apt-cache showsrc $pkg), then update APP_*_DEB in setup/versions.env"
      exit 1; }
    orig=$(ls "$dl/${pkg}_${upstream}".orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -n1 || true)
  fi
  # Unpack one level down: dpkg-source leaves links to the tarballs next to the tree.
  work="$APPS/.tmp-$name"; tmp="$work/src"; rm -rf "$work"; mkdir -p "$work"
  if [ "$what" = full ]; then
    # Pristine upstream tree; Debian's patches are applied below only where listed.
    run_logged "apps-$name-unpack" dpkg-source --no-check --skip-patches -x "$dsc" "$tmp"
  else
    mkdir -p "$work/x"
    run_logged "apps-$name-unpack" tar -xf "$orig" -C "$work/x"
    mv "$work/x"/* "$tmp"   # the tarball's single top-level folder
  fi
  ours="$WASMLAB_ROOT/setup/apps/$name"
  if [ -f "$ours/debian-patches" ]; then
    while read -r p; do
      [ -n "$p" ] && [ "${p#\#}" = "$p" ] || continue
      run_logged "apps-$name-debpatch" patch -d "$tmp" -p1 -N -i "debian/patches/$p"
    done <"$ours/debian-patches"
  fi
  for p in "$ours"/*.patch; do
    [ -f "$p" ] || continue
    run_logged "apps-$name-patch" patch -d "$tmp" -p1 -N -i "$p" || {
      fail "our patch $(basename "$p") no longer applies to $pkg $ver; refresh it"; exit 1; }
  done
  if [ -f "$ours/prepare.sh" ]; then
    info "$name: generating sources natively (prepare.sh)"
    (cd "$tmp" && run_logged "apps-$name-prepare" bash "$ours/prepare.sh") || exit 1
  fi
  [ -d "$ours/overlay" ] && cp -R "$ours/overlay/." "$tmp/"
  app_key "$name" "$ver" >"$tmp/.wasmlab-stamp"
  rm -rf "$APPS/$name"; mv "$tmp" "$APPS/$name"; rm -rf "$work"
done
info "application sources ready in $APPS (${#todo[@]} prepared)"
