#!/usr/bin/env bash
# Fetches Neovim, Helix (hx) and the tree-sitter CLI from a newer Debian
# suite (sid by default) into a private prefix, without touching the system:
# the suite's package list goes into a private apt folder, the packages and
# the libraries they depend on (down to the suite's own libc) are downloaded
# with `apt-get download` and unpacked with `dpkg -x`, and PREFIX/bin gets
# launchers that run each binary through the prefix's own loader
# (PREFIX/usr/lib64/ld-linux-x86-64.so.2 --library-path PREFIX/...). No root
# needed; the archive is the one apt's sources name (scripts/apt-main.sh).
#
#   scripts/fetch-debian-editors.sh [SUITE]
#   PREFIX/bin/nvim --version      # PREFIX as printed at the end
#
# PREFIX: $DLNET_EDITORS_PREFIX, else ${XDG_CACHE_HOME:-~/.cache}/dlnet/debian-SUITE.
# Does nothing when the prefix's launchers already run. Used by the opt-in
# tests in test/lsp/neovim.test.ts, test/lsp/helix.test.ts and
# test/grammar/tree-sitter-cli.test.ts
# (docs/editor.md, docs/testing.md).
set -euo pipefail

suite=${1:-sid}
prefix=${DLNET_EDITORS_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/dlnet/debian-$suite}
packages=(neovim neovim-runtime hx tree-sitter-cli)
who=fetch-debian-editors

if [ -x "$prefix/bin/nvim" ] && [ -x "$prefix/bin/hx" ] && [ -x "$prefix/bin/tree-sitter" ] \
  && "$prefix/bin/nvim" --version >/dev/null 2>&1 && "$prefix/bin/hx" --version >/dev/null 2>&1 \
  && "$prefix/bin/tree-sitter" --version >/dev/null 2>&1; then
  echo "$who: $prefix already holds $("$prefix/bin/nvim" --version | head -1), $("$prefix/bin/hx" --version), $("$prefix/bin/tree-sitter" --version)"
  exit 0
fi

. "$(dirname "$0")/apt-main.sh"
read -r uri keyring < <(apt_main_uri) || { echo "$who: no Debian archive found in apt's sources (/etc/apt)" >&2; exit 1; }

mkdir -p "$(dirname "$prefix")"
work=$(mktemp -d "$(dirname "$prefix")/.fetch-$suite.XXXXXX") # beside the prefix: the final mv is a rename
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/state/lists/partial" "$work/cache/archives/partial" "$work/debs" "$work/root"
touch "$work/state/status" # nothing installed: the dependency closure goes down to libc
echo "deb ${keyring:+[signed-by=$keyring] }$uri $suite main" > "$work/sources.list"
apt=(-o Dir::State="$work/state" -o Dir::State::status="$work/state/status" -o Dir::Cache="$work/cache"
  -o Dir::Etc::sourcelist="$work/sources.list" -o Dir::Etc::sourceparts=-
  -o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)")

retry() { # retry SECONDS WHAT COMMAND…
  local seconds=$1 what=$2 attempt
  shift 2
  for attempt in 1 2 3; do
    if timeout "$seconds" "$@" >"$work/log" 2>&1; then return 0; fi
    echo "$who: $what, attempt $attempt failed: $(grep -E '^(E|Err):' "$work/log" | head -2 | tr '\n' ' ')" >&2
    sleep 3
  done
  echo "$who: could not $what from $uri ($suite)" >&2
  return 1
}

retry 120 "fetch the package list" apt-get "${apt[@]}" update
for p in "${packages[@]}"; do
  apt-cache "${apt[@]}" policy "$p" | grep -E 'Candidate: [0-9]' >/dev/null || { echo "$who: $suite has no package $p" >&2; exit 1; }
done
# The package names of the closure (virtual packages, shown as <name>, are provided by listed ones).
mapfile -t closure < <(apt-cache "${apt[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances "${packages[@]}" | grep -vE '^[[:space:]<]' | sort -u)
(cd "$work/debs" && retry 300 "download ${#closure[@]} packages" apt-get "${apt[@]}" download "${closure[@]}")
for d in "$work"/debs/*.deb; do dpkg -x "$d" "$work/root"; done

loader=/usr/lib64/ld-linux-x86-64.so.2
[ -e "$work/root$loader" ] || { echo "$who: the unpacked libc has no $loader" >&2; exit 1; }
mkdir -p "$work/root/bin"
launcher() { # launcher NAME BINARY [ENV=VALUE…]: PREFIX/bin/NAME runs PREFIX/BINARY through the prefix's loader
  local name=$1 binary=$2 line
  shift 2
  {
    echo '#!/bin/sh'
    echo "# Written by scripts/fetch-debian-editors.sh: $name from Debian $suite, run through its own libc."
    echo 'P=$(cd "$(dirname "$0")/.." && pwd)'
    for line in "$@"; do echo "export $line"; done
    echo "exec \"\$P$loader\" --library-path \"\$P/usr/lib/x86_64-linux-gnu:\$P/lib/x86_64-linux-gnu\" \"\$P$binary\" \"\$@\""
  } > "$work/root/bin/$name"
  chmod 755 "$work/root/bin/$name"
}
# Each finds its runtime files next to /proc/self/exe, which is the loader here: say where they are.
launcher nvim /usr/bin/nvim 'VIMRUNTIME="$P/usr/share/nvim/runtime"'
launcher hx /usr/lib/hx/hx 'HELIX_RUNTIME="$P/usr/lib/hx/runtime"'
launcher tree-sitter /usr/bin/tree-sitter

"$work/root/bin/nvim" --version >/dev/null && "$work/root/bin/hx" --version >/dev/null && "$work/root/bin/tree-sitter" --version >/dev/null \
  || { echo "$who: the unpacked binaries do not run" >&2; exit 1; }
# Replace the prefix in one step: never a half-unpacked one.
rm -rf "$prefix.old"
[ -e "$prefix" ] && mv "$prefix" "$prefix.old"
mv "$work/root" "$prefix"
rm -rf "$prefix.old"
echo "$who: $prefix: $("$prefix/bin/nvim" --version | head -1), $("$prefix/bin/hx" --version), $("$prefix/bin/tree-sitter" --version) (${#closure[@]} packages from $suite)"
