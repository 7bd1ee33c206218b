#!/usr/bin/env bash
# Run by setup/steps/apps.sh inside the unpacked SQLite tree. Debian's source package is
# SQLite's full source tree, not the one-file "amalgamation" (sqlite3.c + sqlite3.h) that
# applications compile; SQLite's build generates it from src/ with host tools (a C parser
# generator, tclsh scripts). We run that generation natively, in a scratch folder, and keep
# only the two generated sources; no configure/make output is used for any target build.
set -euo pipefail
command -v tclsh >/dev/null || { echo "tclsh is missing: apt-get install tcl" >&2; exit 1; }
tree=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
"$tree/configure" --disable-tcl --disable-readline
make sqlite3.c
cp sqlite3.c sqlite3.h "$tree/"
