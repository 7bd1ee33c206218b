#!/usr/bin/env bash
# Slurm for the one-node try-out cluster (`wasmlab slurm local up|down`) and the cluster tests:
# Debian's slurmctld, slurmd, slurm-client and munge. Only with `setup.sh --with slurm`: on a
# machine with systemd, installing them also enables their services, which a user may not want.
source "$(dirname "$0")/../lib.sh"
pkgs=(slurmctld slurmd slurm-client munge)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then info "cached: Slurm packages installed ($(sbatch --version 2>/dev/null))"; exit 0; fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
run_logged apt-update-slurm $SUDO apt-get update
run_logged apt-install-slurm env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
info "installed ${missing[*]} ($(sbatch --version)); try: npx wasmlab slurm local up"
