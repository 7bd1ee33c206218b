#!/usr/bin/env bash
# The README's first command timed on a brand-new machine of this kind, as nearly as one running
# machine can make one. A Debian 12 root is built with debootstrap and given only what a new
# machine starts with: the Debian packages that were on this machine before it booted (the
# manually installed ones, minus every package dpkg.log shows installed since boot), plus the
# kind's documented extras (cmake, ninja, GoogleTest). The machine's own toolchains, which a new
# machine has outside Debian (Node, Python by pyenv, Rust by rustup, Go), are bound in read-only,
# with their registry settings copied. Every cache is empty: setup's Debian packages, crates,
# wheels, Go modules, npm tarballs and $WASMLAB_CACHE. A fresh clone of HEAD then runs
# `bash setup/setup.sh` there, timed, and its per-step times are printed.
#
#   bash bench/cold-setup.sh [--no-demo] [--root DIR]     (as root; installs debootstrap)
# DIR.base keeps the new machine as built (~2.5 GB; delete it to build again), DIR is its copy for
# one run (~8 GB after setup, left for a look inside; its mounts are undone on exit).
#
# Why a chroot and not a new VM: no VM can be ordered from here, and docker has no engine on this
# kind. The root shares this machine's kernel, cores and network path to the registries, which is
# what the setup time depends on. Preparing the root (about 5 min) is not part of the time.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="${HOME}/.cache/wasmlab-coldroot"
setup_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-demo) setup_args+=(--no-demo) ;;
    --root) root="$2"; shift ;;
    *) echo "usage: bash bench/cold-setup.sh [--no-demo] [--root DIR]" >&2; exit 2 ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || { echo "cold-setup needs root (debootstrap, chroot, mounts)" >&2; exit 2; }

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The archive this machine's apt uses, read at run time (no registry address lives in this repo).
mirror=$( (grep -h -E '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
  || true) | head -1 | awk '{print $2}')
[ -n "$mirror" ] || { echo "no Debian archive found in /etc/apt sources" >&2; exit 1; }

# The new machine's Debian packages: manual ones, minus what was installed since boot.
boot=$(uptime -s)
since_boot=$(awk -v b="$boot" '$3=="install" && ($1" "$2) >= b {split($4,a,":"); print a[1]}' \
  /var/log/dpkg.log | sort -u)
base=$( (apt-mark showmanual | grep -vxF -f <(printf '%s\n' $since_boot nodejs); \
  printf '%s\n' cmake ninja-build libgtest-dev) | sort -u)

unmount_all() {
  for m in $(awk -v r="$root" '$2 ~ "^"r {print $2}' /proc/mounts | sort -r); do umount -l "$m" || true; done
}
# Before deleting a root: nothing of the host (its /dev, its toolchains) may still be bound inside.
safe_rm_root() {
  unmount_all
  if awk -v r="$1" '$2 ~ "^"r {f=1} END {exit !f}' /proc/mounts; then echo "mounts remain under $1; not deleting it" >&2; exit 1; fi
  rm -rf "$1"
}
trap unmount_all EXIT

# The new machine is built once into $base and copied afresh for every run.
base_root="$root.base"
if [ ! -f "$base_root/.base-ready" ]; then
  say "building the new machine's root in $base_root (not timed)"
  root="$base_root"
  safe_rm_root "$root"; mkdir -p "$root"
  command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >/dev/null
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
    || { tail -20 "$root.debootstrap.log"; exit 1; }
  rm -f "$root/etc/apt/sources.list"   # debootstrap's own; the host's lists replace it
  cp /etc/apt/sources.list "$root/etc/apt/sources.list" 2>/dev/null || true
  cp /etc/apt/sources.list.d/* "$root/etc/apt/sources.list.d/" 2>/dev/null || true
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount --bind /proc "$root/proc"
  # Packages the host lists but the archive no longer has are left out, and named.
  avail=$(chroot "$root" sh -c 'apt-get update -q >/dev/null && apt-cache pkgnames' | sort -u)
  want=$(comm -12 <(printf '%s\n' $base | sort -u) <(printf '%s\n' "$avail"))
  gone=$(comm -23 <(printf '%s\n' $base | sort -u) <(printf '%s\n' "$avail"))
  [ -z "$gone" ] || echo "not in the archive, left out: $(echo $gone)"
  chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $want \
    >"$root.base.log" 2>&1 || { tail -20 "$root.base.log"; exit 1; }
  chroot "$root" apt-get clean
  umount "$root/proc"
  touch "$root/.base-ready"
  root="${base_root%.base}"
fi
say "a fresh copy of the new machine's root (not timed)"
safe_rm_root "$root"; cp -a "$base_root" "$root"

say "binding the machine's own toolchains and settings"
for d in proc sys dev dev/pts; do mkdir -p "$root/$d"; mount --bind "/$d" "$root/$d"; done
ro_bind() {  # ro_bind PATH: the host's PATH, read-only, at the same place in the root
  if [ -d "$1" ]; then mkdir -p "$root$1"; else mkdir -p "$(dirname "$root$1")"; touch "$root$1"; fi
  mount --bind "$1" "$root$1"; mount -o remount,bind,ro "$root$1"
}
for p in /usr/local/go /root/.pyenv /root/.rustup /usr/bin/node /usr/lib/node_modules /opt/wheels; do
  [ -e "$p" ] && ro_bind "$p"
done
ln -sfn ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/bin/npm"
ln -sfn ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/bin/npx"
mkdir -p "$root/root/.cargo" "$root/root/.config"
cp -a /root/.cargo/bin /root/.cargo/env "$root/root/.cargo/"
for f in .bashrc .profile .npmrc .gitconfig; do [ -f "/root/$f" ] && cp "/root/$f" "$root/root/"; done
[ -d /root/.config/go ] && cp -a /root/.config/go "$root/root/.config/"
[ -f /etc/pip.conf ] && cp /etc/pip.conf "$root/etc/"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"

say "empty caches, fresh clone of HEAD"
rm -rf "$root/root/.cache" "$root/root/.cargo/registry" "$root/root/.cargo/git" "$root/root/.npm" \
  "$root/root/go" "$root/root/wasmlab"
git clone -q "$here" "$root/root/wasmlab"
git -C "$root/root/wasmlab" log -1 --format='at %h %s'

say "timing: bash setup/setup.sh ${setup_args[*]:-} (on the new machine's root)"
log="$root.setup.log"
t0=$(date +%s)
set +e
# The session's environment (certificate and registry settings a new machine also has), minus
# anything of wasmlab's that would point setup at this machine's caches.
chroot "$root" env -u WASMLAB_CACHE -u WASMLAB_STORE -u VIRTUAL_ENV HOME=/root \
  bash -c "cd /root/wasmlab && bash setup/setup.sh ${setup_args[*]:-}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
t1=$(date +%s)
say "cold setup: rc $rc, $((t1 - t0)) s ($(( (t1 - t0) / 60 )) min $(( (t1 - t0) % 60 )) s); steps:"
grep -E '^\s+\(.*: [0-9]+ s\)$|setup took' "$log" || true
echo "full output: $log"
exit "$rc"
